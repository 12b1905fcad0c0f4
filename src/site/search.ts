import type { SearchScope } from '../graph/fulltext/index.js';
import type { FullTextMatches } from '../graph/fulltext/matches.js';
import { parseQuery, QueryError } from '../graph/fulltext/query.js';
import { fullTextOf } from '../graph/fulltext/registry.js';
import { type Snippet, snippetsOf } from '../graph/fulltext/snippets.js';
import type { Kind } from '../graph/kinds.js';
import type { NamedEntity } from '../graph/model.js';
import type { Store } from '../graph/store.js';

/** How many matched texts the results page shows under each hit. */
const SNIPPETS_PER_HIT = 2;

/** One hit: the entity, its relevance, and the texts of it that matched (names, descriptions, quotes). */
export interface SearchHit {
  readonly entity: NamedEntity;
  readonly score: number;
  readonly snippets: readonly Snippet[];
}

export interface SearchAnswer {
  /** How many entities match, of the kind asked for (all kinds when none). */
  readonly total: number;
  /** The hits on the page asked for, best first. */
  readonly hits: readonly SearchHit[];
  /** How many hits each kind has, whatever kind was asked for: the results page's facets. */
  readonly byKind: ReadonlyMap<Kind, number>;
  /** How many of the hits belong to each Games and each country (by slug), most first. */
  readonly byGames: readonly { readonly slug: string; readonly count: number }[];
  readonly byCountry: readonly { readonly slug: string; readonly count: number }[];
  /** Why the search text was refused, with its code, where it was. */
  readonly refusal?: { readonly message: string; readonly code: string };
}

const NOTHING: SearchAnswer = { total: 0, hits: [], byKind: new Map(), byGames: [], byCountry: [] };

/**
 * The site's search: the full-text search GraphQL's `search` runs, over the same index, one page of
 * `pageSize` hits at a time, narrowed to a kind and to one Games or country (slugs) where asked. A text of nothing but spaces finds nothing (the page asks for words).
 */
export function siteSearch(
  store: Store,
  query: string,
  kind?: Kind,
  page = 1,
  pageSize = 50,
  scope: SearchScope = {},
): SearchAnswer {
  let matches: FullTextMatches;
  const index = fullTextOf(store);
  try {
    const parsed = parseQuery(query);
    if (parsed === null) return NOTHING;
    matches = index.search(parsed, kind ? [kind] : null, scope);
  } catch (error) {
    if (error instanceof QueryError) return { ...NOTHING, refusal: { message: error.message, code: error.code } };
    throw error;
  }
  const hits = matches.slice((page - 1) * pageSize, page * pageSize).map(({ kind: found, slug, score }) => {
    const entity = store.follow(found, slug) as NamedEntity;
    return { entity, score, snippets: snippetsOf(store, matches, entity, SNIPPETS_PER_HIT) };
  });
  const facets = matches.facets();
  return { total: matches.length, hits, byKind: facets.types, byGames: facets.games, byCountry: facets.countries };
}
