import { PothosValidationError } from '@pothos/core';
import { offsetForArgs } from '@pothos/plugin-relay';
import type { FullTextFacets, FullTextMatches } from '../graph/fulltext/matches.js';
import {
  MAX_PREFIX_WORDS,
  MAX_QUERY_LENGTH,
  MAX_QUERY_WORDS,
  parseQuery,
  QueryError,
} from '../graph/fulltext/query.js';
import { fullTextOf } from '../graph/fulltext/registry.js';
import { highlightedHtml, type Snippet, snippetsOf } from '../graph/fulltext/snippets.js';
import type { TextField } from '../graph/fulltext/texts.js';
import type { Kind } from '../graph/kinds.js';
import type { NamedEntity, NamedKind } from '../graph/model.js';
import { publicError, refusal } from '../security/errors.js';
import { countryFilter, gamesFilter } from './arguments.js';
import { builder, checkPageSize, MAX_PAGE_SIZE, type PageArgs } from './builder.js';
import { offsetCursor } from './offset-cursors.js';
import { CountryRef, GamesRef, ReportRef } from './refs.js';
import { ClaimType, EntityRef, EntityTypeEnum, SourcedRef } from './sourced.js';

/** The most snippets one edge gives. */
const MAX_SNIPPETS = 10;
/** Word occurrences a search reads per unit of the query's work budget. */
const OCCURRENCES_PER_WORK_UNIT = 1000;

/** What a search edge resolves from: the entity, its score, and what it needs to find its snippets. */
interface SearchEdgeShape {
  readonly cursor: string;
  readonly node: NamedEntity;
  readonly score: number;
  readonly matches: FullTextMatches;
}

const SearchFieldEnum = builder.enumType('SearchField', {
  description: 'Which text of an entity a snippet is.',
  values: {
    NAME: { value: 'name', description: 'Its name.' },
    ALTERNATE_NAME: {
      value: 'alternateName',
      description: 'Another name it is known by, or another spelling a source gives.',
    },
    DESCRIPTION: {
      value: 'description',
      description: 'A sentence describing it, or one of its participations or results.',
    },
    QUOTE: {
      value: 'quote',
      description:
        'A sentence quoted from a report, as the source of a fact about it or about one of its participations or results.',
    },
  } as const satisfies Record<string, { value: TextField; description: string }>,
});

const TextRangeType = builder.objectRef<{ start: number; end: number }>('TextRange').implement({
  description: 'A stretch of a text, in UTF-16 code units from its start (as JavaScript strings count).',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Where the stretch starts.' }),
    end: t.exposeInt('end', { description: 'Where the stretch ends (exclusive).' }),
  }),
});

const SearchSnippetType = builder.objectRef<Snippet>('SearchSnippet').implement({
  description:
    'A text of the entity found that matched the search: a name, a description or a quoted sentence, with the words that matched, the record it belongs to, and for a quote the claims it supports and the reports it is quoted from.',
  fields: (t) => ({
    field: t.field({ type: SearchFieldEnum, description: 'Which text this is.', resolve: (snippet) => snippet.field }),
    text: t.exposeString('text', { description: 'The whole text, as the data gives it.' }),
    highlighted: t.string({
      description: 'The text as HTML: escaped, each matched word in `<mark>`.',
      resolve: (snippet) => highlightedHtml(snippet.text, snippet.matches),
    }),
    matches: t.field({
      type: [TextRangeType],
      description: 'Where the words that matched stand in `text`.',
      resolve: (snippet) => snippet.matches,
    }),
    score: t.exposeFloat('score', { description: "This text's relevance to the search." }),
    record: t.field({
      type: SourcedRef,
      description: 'The record the text belongs to: the entity found, or one of its participations or results.',
      resolve: (snippet) => snippet.record,
    }),
    claims: t.field({
      type: [ClaimType],
      description:
        'For a quote: the claims of `record` it is cited for (none where it is cited for the record as a whole).',
      resolve: (snippet) => snippet.claims,
    }),
    sources: t.field({
      type: [ReportRef],
      description: 'For a quote: the reports it is quoted from.',
      resolve: (snippet, _args, { store }) => store.followAll('report', snippet.reports),
    }),
  }),
});

const SearchTypeFacet = builder.objectRef<{ type: NamedKind; count: number }>('SearchTypeFacet').implement({
  description: 'How many entities of one type match.',
  fields: (t) => ({
    type: t.field({ type: EntityTypeEnum, description: 'The type.', resolve: (facet) => facet.type }),
    count: t.exposeInt('count', { description: 'How many match.' }),
  }),
});

const SearchGamesFacet = builder.objectRef<{ slug: string; count: number }>('SearchGamesFacet').implement({
  description: 'How many matches belong to one Games: its events, the athletes with results there, reports about it.',
  fields: (t) => ({
    games: t.field({
      type: GamesRef,
      description: 'The Games.',
      resolve: (facet, _a, { store }) => store.follow('games', facet.slug),
    }),
    count: t.exposeInt('count', { description: 'How many matches.' }),
  }),
});

const SearchCountryFacet = builder.objectRef<{ slug: string; count: number }>('SearchCountryFacet').implement({
  description:
    'How many matches belong to one country: the country, its NPCs, athletes, organisations and nationals, reports about it.',
  fields: (t) => ({
    country: t.field({
      type: CountryRef,
      description: 'The country.',
      resolve: (facet, _a, { store }) => store.follow('country', facet.slug),
    }),
    count: t.exposeInt('count', { description: 'How many matches.' }),
  }),
});

const SearchFacetsType = builder.objectRef<FullTextFacets>('SearchFacets').implement({
  description: 'Counts of the matches, to narrow a search.',
  fields: (t) => ({
    types: t.field({
      type: [SearchTypeFacet],
      description:
        'Matches per type in the Games and country asked for, whatever `types` asked for (so the other types can be offered).',
      resolve: (facets) => [...facets.types].map(([type, count]) => ({ type, count })),
    }),
    games: t.field({
      type: [SearchGamesFacet],
      description: 'Matches (of the types, Games and country asked for) per Games; most first.',
      resolve: (facets) => facets.games,
    }),
    countries: t.field({
      type: [SearchCountryFacet],
      description: 'Matches (of the types, Games and country asked for) per country; most first.',
      resolve: (facets) => facets.countries,
    }),
  }),
});

/**
 * A search edge, its cursor encoded when read: most searches select only their nodes. Edges and
 * pages are classes, so that each shares one shape (in V8 a getter in an object literal gives every
 * object made by it a shape of its own).
 */
class SearchEdge implements SearchEdgeShape {
  constructor(
    readonly offset: number,
    readonly node: NamedEntity,
    readonly score: number,
    readonly matches: FullTextMatches,
  ) {}

  get cursor(): string {
    return offsetCursor(this.offset);
  }
}

class SearchPageInfo {
  constructor(
    private readonly offset: number,
    private readonly size: number,
    readonly hasPreviousPage: boolean,
    readonly hasNextPage: boolean,
  ) {}

  get startCursor(): string {
    return offsetCursor(this.offset);
  }

  get endCursor(): string {
    return offsetCursor(this.offset + this.size - 1);
  }
}

/**
 * A page of the matches: only the entities on it are ranked and read, and the total only counted when
 * asked for (or when paging back from the end needs it).
 */
function searchPage(
  args: PageArgs,
  matches: FullTextMatches,
  read: (kind: Kind, slug: string) => NamedEntity,
  charge: (units: number) => void,
): SearchPageShape {
  checkPageSize(args);
  // The work is done lazily (the page's texts as it is ranked, every match when counted): charged as it is done.
  let charged = 0;
  const chargeWork = () => {
    const units = Math.ceil(matches.work / OCCURRENCES_PER_WORK_UNIT);
    if (units > charged) charge(units - charged);
    charged = Math.max(charged, units);
  };
  const countNeeded = args.last != null && args.before == null && args.first == null;
  let window: ReturnType<typeof offsetForArgs>;
  try {
    window = offsetForArgs({
      args,
      maxSize: MAX_PAGE_SIZE,
      ...(countNeeded ? { totalCount: matches.length } : {}),
    });
  } catch (error) {
    if (error instanceof PothosValidationError) throw publicError(error, 'Invalid argument.');
    throw error;
  }
  const { offset, limit, expectedSize, hasPreviousPage, hasNextPage } = window;
  const hits = matches.slice(offset, offset + limit);
  chargeWork();
  const edges = hits
    .slice(0, expectedSize)
    .map((hit, at) => new SearchEdge(offset + at, read(hit.kind, hit.slug), hit.score, matches));
  const pageInfo = new SearchPageInfo(offset, edges.length, hasPreviousPage, hasNextPage(hits.length));
  return new SearchPage(edges, pageInfo, matches, chargeWork);
}

/** A page of the matches, as the connection's fields read it. */
interface SearchPageShape {
  readonly edges: readonly SearchEdgeShape[];
  readonly nodes: readonly NamedEntity[];
  readonly pageInfo: {
    readonly startCursor: string;
    readonly endCursor: string;
    readonly hasPreviousPage: boolean;
    readonly hasNextPage: boolean;
  };
  readonly totalCount: number;
  readonly facets: FullTextFacets;
}

/** A page of matches: how many there are and the facets, counted (and their work charged) when read. */
class SearchPage implements SearchPageShape {
  readonly #matches: FullTextMatches;
  readonly #chargeWork: () => void;
  #nodes: readonly NamedEntity[] | undefined;

  constructor(
    readonly edges: readonly SearchEdge[],
    readonly pageInfo: SearchPageInfo,
    matches: FullTextMatches,
    chargeWork: () => void,
  ) {
    this.#matches = matches;
    this.#chargeWork = chargeWork;
  }

  /** Made when first read: a query selects a page's `nodes` or its `edges`, seldom both. */
  get nodes(): readonly NamedEntity[] {
    this.#nodes ??= this.edges.map((edge) => edge.node);
    return this.#nodes;
  }

  get totalCount(): number {
    const count = this.#matches.length;
    this.#chargeWork();
    return count;
  }

  get facets(): FullTextFacets {
    const facets = this.#matches.facets();
    this.#chargeWork();
    return facets;
  }
}

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: EntityRef,
      description: `Full-text search over names, alternate names, descriptions and the sentences quoted from the sources, of every entity and of the participations and results it owns. Every word must match within one text: as a word, as the start of one (of the ${MAX_PREFIX_WORDS} held by the most texts, for a word that starts more), or (from four letters) with a typo (two from eight letters); case, accents and punctuation do not count. Words in double quotes match exactly, as a phrase. Best match first (the \`score\` of its best text: BM25 weighted by field, names first), each edge with the texts that matched. An empty query lists every entity by name. At most ${MAX_QUERY_LENGTH} characters and ${MAX_QUERY_WORDS} words.`,
      args: {
        query: t.arg.string({
          required: true,
          description: `The words to look for: \`rim ju sung\`, \`camps\`, \`"rehabilitation centre"\`. At most ${MAX_QUERY_LENGTH} characters and ${MAX_QUERY_WORDS} words.`,
        }),
        types: t.arg({ type: [EntityTypeEnum], description: 'Only entities of these types.' }),
        games: t.arg.string({
          description:
            'Only entities that belong to this Games (its slug), as `facets.games` counts them: the Games, its events, athletes with results there, reports about it.',
        }),
        country: t.arg.string({
          description:
            'Only entities that belong to this country (its IOC code), as `facets.countries` counts them: the country, its NPCs, athletes, organisations and nationals, reports about it.',
        }),
      },
      resolve: (_root, { query, types, games, country, ...args }, { store, budget }) => {
        let parsed: ReturnType<typeof parseQuery>;
        try {
          parsed = parseQuery(query);
        } catch (error) {
          if (error instanceof QueryError) throw refusal(error.message, error.code, { ...error.details });
          throw error;
        }
        const scope = { games: gamesFilter(store, games)?.slug, country: countryFilter(store, country)?.slug };
        const matches = fullTextOf(store).search(parsed, types ?? null, scope);
        return searchPage(
          args,
          matches,
          (kind, slug) => store.follow(kind, slug) as NamedEntity,
          (units) => budget?.charge(units),
        );
      },
    },
    {
      name: 'SearchConnection',
      description:
        'A page of the entities a search found, best first, with how many there are and facets to narrow it.',
      fields: (c) => ({
        facets: c.field({
          type: SearchFacetsType,
          description:
            'Counts of the matches in the Games and country asked for, per type (whatever `types` asked for); and of the matches asked for, per Games and per country.',
          resolve: (connection) => (connection as unknown as { facets: FullTextFacets }).facets,
        }),
      }),
    },
    {
      name: 'SearchEdge',
      description: 'An entity the search found, with its cursor, its relevance and the texts of it that matched.',
      fields: (e) => ({
        score: e.float({
          description: 'How well the entity matches (that of its best text; 0 when the query is empty): higher first.',
          resolve: (edge) => (edge as unknown as SearchEdgeShape).score,
        }),
        snippets: e.field({
          type: [SearchSnippetType],
          args: {
            limit: e.arg.int({
              required: true,
              defaultValue: 3,
              description: `How many of the texts that matched to give, best first: at most ${MAX_SNIPPETS}.`,
            }),
          },
          description: 'The texts of the entity that matched, best first, with the matched words marked.',
          resolve: (edge, { limit }, { store }) => {
            if (limit < 0 || limit > MAX_SNIPPETS) {
              throw refusal(`Snippets "limit" must be between 0 and ${MAX_SNIPPETS}.`, 'PAGE_SIZE_EXCEEDED', {
                maxSnippets: MAX_SNIPPETS,
              });
            }
            const { node, matches } = edge as unknown as SearchEdgeShape;
            return snippetsOf(store, matches, node, limit);
          },
        }),
      }),
    },
  ),
}));
