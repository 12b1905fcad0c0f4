import type { Kind } from '../graph/kinds.js';
import type { NamedEntity } from '../graph/model.js';
import { foldForSearch } from '../graph/search.js';
import type { Store } from '../graph/store.js';

/** One hit: the entity, and where the search can say why it matched, a snippet (plain text). */
export interface SearchHit {
  readonly entity: NamedEntity;
  readonly snippet?: string;
}

export interface SearchAnswer {
  /** The hits of the requested kind (all kinds when none), best first. */
  readonly hits: readonly SearchHit[];
  /** How many hits each kind has, whatever kind was requested: the results page's facets. */
  readonly byKind: ReadonlyMap<Kind, number>;
}

/**
 * The site's search: today the store's name search, the same GraphQL's `search` runs. The results page
 * knows only this function, so a full-text search with snippets can take its place.
 */
export function siteSearch(store: Store, query: string, kind?: Kind): SearchAnswer {
  if (query.trim() === '') return { hits: [], byKind: new Map() };
  const all = store.search(query);
  const byKind = new Map<Kind, number>();
  for (const entity of all) byKind.set(entity.kind, (byKind.get(entity.kind) ?? 0) + 1);
  const words = foldForSearch(query).split(' ');
  const matches = (name: string) => {
    const tokens = foldForSearch(name).split(' ');
    return words.every((word) => tokens.some((token) => token.startsWith(word)));
  };
  const hits = (kind ? all.filter((entity) => entity.kind === kind) : all).map((entity): SearchHit => {
    if (matches(entity.facts.name)) return { entity };
    const alternate = store.alternateNames(entity).find(matches);
    return alternate ? { entity, snippet: `Also known as ${alternate}` } : { entity };
  });
  return { hits, byKind };
}
