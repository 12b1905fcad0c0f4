import { describe, expect, it } from 'vitest';
import { MAX_QUERY_WORDS } from '../src/graph/fulltext/query.js';
import type { EntityRecord, NamedEntity } from '../src/graph/model.js';
import { foldForSearch } from '../src/graph/search.js';
import { NAMED_KINDS, type Store } from '../src/graph/store.js';
import { TYPE_NAMES } from '../src/schema/sourced.js';
import { LIMITS } from '../src/security/limits.js';
import { type Data, errorCodes, graphql, query, realApp } from './helpers.js';

const SEARCH = `query($query: String!, $types: [EntityType!], $first: Int, $after: String, $limit: Int) {
  search(query: $query, types: $types, first: $first, after: $after) {
    totalCount
    edges {
      score
      node { __typename slug name }
      snippets(limit: $limit) {
        field text highlighted matches { start end }
        record { __typename iri }
        claims { property citations { quote report { slug } } }
        sources { slug }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const FACETS = `query($query: String!, $types: [EntityType!]) {
  search(query: $query, types: $types, first: 1) {
    totalCount
    facets { types { type count } games { games { slug } count } countries { country { code } count } }
  }
}`;

const search = async (text: string, variables: Record<string, unknown> = {}) =>
  (await query(SEARCH, { query: text, ...variables })).search;
const slugs = (result: { edges: { node: { slug: string } }[] }) => result.edges.map((edge) => edge.node.slug);

/** Every hit of a search, page after page. */
async function everyHit(text: string, variables: Record<string, unknown> = {}): Promise<Data[]> {
  const edges: Data[] = [];
  let after: string | null = null;
  do {
    const page: Data = await search(text, { first: 50, after, limit: 10, ...variables });
    edges.push(...page.edges);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return edges;
}

/** Levenshtein distance, for the reference's typo matches. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The reference: the texts of an entity read straight from its record (names, descriptions, every
 * quote of it, of its claims, and of the results or participations it owns).
 */
function referenceTexts(store: Store, entity: NamedEntity): string[] {
  const owned: EntityRecord[] = [entity];
  if (entity.kind === 'athlete') owned.push(...store.resultsOfAthlete(entity as EntityRecord<'athlete'>));
  if (entity.kind === 'country') owned.push(...store.participationsOf(entity as EntityRecord<'country'>));
  const texts = [entity.facts.name, ...store.alternateNames(entity)];
  for (const record of owned) {
    texts.push(...((record.facts as { description?: readonly string[] }).description ?? []));
    for (const citation of record.citations) if (citation.quote) texts.push(citation.quote);
    for (const claim of record.claims)
      for (const citation of claim.citations) if (citation.quote) texts.push(citation.quote);
  }
  return texts;
}

/** Whether a query word matches a text's word: equal, its start, or within the typos its length allows. */
const wordMatches = (word: string, candidate: string) =>
  candidate.startsWith(word) || distance(word, candidate) <= (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** The entities with one text matching every word, by the reference, as `Type/slug`. */
async function referenceMatches(words: readonly string[]): Promise<Set<string>> {
  const { store } = await realApp();
  const found = new Set<string>();
  for (const kind of NAMED_KINDS) {
    for (const entity of store.all(kind)) {
      const matches = referenceTexts(store, entity as NamedEntity).some((text) => {
        const textWords = foldForSearch(text).split(' ');
        return words.every((word) => textWords.some((candidate) => wordMatches(word, candidate)));
      });
      if (matches) found.add(`${TYPE_NAMES[kind]}/${entity.slug}`);
    }
  }
  return found;
}

const keyOf = (edge: Data) => `${edge.node.__typename}/${edge.node.slug}`;

describe('foldForSearch', () => {
  it('drops case, accents, hyphens and punctuation, keeping letters of any script', () => {
    expect(foldForSearch('Rim Ju-Song')).toBe('rim ju song');
    expect(foldForSearch('  Río de Janeiro 2016 ')).toBe('rio de janeiro 2016');
    expect(foldForSearch("Men's 50m freestyle S6")).toBe('men s 50m freestyle s6');
    expect(foldForSearch('조선장애자보호련맹')).toBe('조선장애자보호련맹');
  });
});

describe('full-text search', () => {
  it('finds every entity with a name, description or quoted sentence holding the words, as the reference does', async () => {
    for (const text of ['camps', 'rehabilitation', 'swimming freestyle', 'Pyongyang', 'provisional membership']) {
      const expected = await referenceMatches(foldForSearch(text).split(' '));
      const hits = await everyHit(text);
      expect(new Set(hits.map(keyOf)), text).toEqual(expected);
      expect(expected.size, text).toBeGreaterThan(0);
      expect((await search(text, { first: 1 })).totalCount, text).toBe(expected.size);
    }
  });

  it('finds the organisations, reports and claims a researcher looks for, each quote with its source', async () => {
    const hits = await everyHit('camps');
    const types = new Set(hits.map((edge) => edge.node.__typename));
    expect([...types]).toEqual(expect.arrayContaining(['Organisation', 'Report']));
    const quotes = hits.flatMap((edge) => edge.snippets.filter((snippet: Data) => snippet.field === 'QUOTE'));
    expect(quotes.length).toBeGreaterThan(0);
    for (const snippet of quotes) {
      expect(snippet.sources.length).toBeGreaterThan(0);
      // Each claim a quote supports cites it, from one of the sources given.
      for (const claim of snippet.claims) {
        const citing = claim.citations.filter((citation: Data) => citation.quote === snippet.text);
        expect(citing.length).toBeGreaterThan(0);
        for (const citation of citing)
          expect(snippet.sources.map((source: Data) => source.slug)).toContain(citation.report.slug);
      }
    }
  });

  it('tolerates typos and finds every spelling, whatever the case, accents and hyphens', async () => {
    for (const text of ['Rim Ju-song', 'rim ju song', 'RIM JU-SONG', 'Rim Ju Sung', 'Rim Ju Somg', 'rim', 'ju-s']) {
      expect(slugs(await search(text, { types: ['ATHLETE'] }))[0], text).toBe('rim-ju-song');
    }
    expect(slugs(await search('Rim Ju Sung'))[0]).toBe('rim-ju-song');
  });

  it('is insensitive to accents both ways', async () => {
    const accented = await everyHit('Río de Janeiro');
    const plain = await everyHit('RIO DE JANEIRO');
    expect(accented.map(keyOf)).toEqual(plain.map(keyOf));
    expect(accented[0].node.slug).toBe('2016-summer-paralympics');
  });

  it('matches a phrase in quotes exactly, its words next to each other in order', async () => {
    const phrase = await everyHit('"rehabilitation centre"');
    expect(phrase.length).toBeGreaterThan(0);
    for (const edge of phrase) {
      expect(
        edge.snippets.some((snippet: Data) => ` ${foldForSearch(snippet.text)} `.includes(' rehabilitation centre ')),
        edge.node.slug,
      ).toBe(true);
    }
    const { store } = await realApp();
    const reversed = NAMED_KINDS.flatMap((kind) => store.all(kind).slice()).filter((entity) =>
      referenceTexts(store, entity as NamedEntity).some((text) =>
        ` ${foldForSearch(text)} `.includes(' centre rehabilitation '),
      ),
    );
    expect((await search('"centre rehabilitation"')).totalCount).toBe(reversed.length);
    // Outside quotes the same words match in any order, and a phrase needs whole words.
    expect((await search('centre rehabilitation')).totalCount).toBeGreaterThanOrEqual(phrase.length);
    expect((await search('"rehabilitation cent"')).totalCount).toBe(0);
  });

  it('marks the matched words in each snippet, as ranges and as escaped HTML', async () => {
    for (const edge of await everyHit('camps')) {
      expect(edge.snippets.length, edge.node.slug).toBeGreaterThan(0);
      for (const snippet of edge.snippets) {
        expect(snippet.matches.length).toBeGreaterThan(0);
        for (const { start, end } of snippet.matches) {
          expect(foldForSearch(snippet.text.slice(start, end))).toMatch(/^camp/);
        }
        expect(snippet.highlighted.replace(/<\/?mark>/g, '')).toBe(
          snippet.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
        );
        expect(snippet.highlighted.match(/<mark>/g)).toHaveLength(snippet.matches.length);
      }
    }
  });

  it('ranks by score, best first across pages, an exact name above names that merely contain the words', async () => {
    const hits = await everyHit('north korea');
    const scores = hits.map((edge) => edge.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const whole = (await search('north korea', { types: ['COUNTRY', 'REPORT'], first: 2 })).edges;
    expect(whole.map((edge: Data) => [edge.node.__typename, edge.node.name])).toEqual([
      ['Country', 'North Korea'],
      ['Report', 'North Korea'],
    ]);
    // A page through `after` is the same as that part of one larger page.
    const large = await search('north korea', { first: 30 });
    const second = await search('north korea', {
      first: 10,
      after: (await search('north korea', { first: 10 })).pageInfo.endCursor,
    });
    expect(slugs(second)).toEqual(slugs(large).slice(10, 20));
  });

  it('filters by type, and counts facets per type, Games and country that add up', async () => {
    const all = await everyHit('korea');
    const { facets, totalCount } = (await query(FACETS, { query: 'korea' })).search;
    expect(totalCount).toBe(all.length);
    const perType = new Map<string, number>();
    for (const edge of all) perType.set(edge.node.__typename, (perType.get(edge.node.__typename) ?? 0) + 1);
    const typeNames: Record<string, string> = Object.fromEntries(
      Object.entries(TYPE_NAMES).map(([kind, name]) => [kind.toUpperCase(), name]),
    );
    expect(new Map(facets.types.map((facet: Data) => [typeNames[facet.type] ?? facet.type, facet.count]))).toEqual(
      perType,
    );

    const organisations = await everyHit('korea', { types: ['ORGANISATION'] });
    expect(organisations.every((edge) => edge.node.__typename === 'Organisation')).toBe(true);
    expect(organisations.map(keyOf)).toEqual(all.filter((edge) => edge.node.__typename === 'Organisation').map(keyOf));
    // The type facet ignores the filter; the others count only the types asked for.
    const filtered = (await query(FACETS, { query: 'korea', types: ['ATHLETE'] })).search;
    expect(filtered.facets.types).toEqual(facets.types);
    const athletes = await query(
      `query($q: String!) { search(query: $q, types: [ATHLETE], first: 100) { edges { node { ... on Athlete { country { code } results(first: 20) { pageInfo { hasNextPage } nodes { event { games { slug } } } } } } } } }`,
      { q: 'korea' },
    );
    const perCountry = new Map<string, number>();
    const perGames = new Map<string, number>();
    for (const { node } of athletes.search.edges) {
      if (node.country) perCountry.set(node.country.code, (perCountry.get(node.country.code) ?? 0) + 1);
      expect(node.results.pageInfo.hasNextPage).toBe(false);
      for (const games of new Set<string>(node.results.nodes.map((result: Data) => result.event.games.slug)))
        perGames.set(games, (perGames.get(games) ?? 0) + 1);
    }
    expect(new Map(filtered.facets.countries.map((facet: Data) => [facet.country.code, facet.count]))).toEqual(
      perCountry,
    );
    expect(new Map(filtered.facets.games.map((facet: Data) => [facet.games.slug, facet.count]))).toEqual(perGames);
    const counts = filtered.facets.countries.map((facet: Data) => facet.count);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  });

  it('narrows to one Games or one country, finding as many as their facets count', async () => {
    const { facets } = (await query(FACETS, { query: 'korea' })).search;
    expect(facets.games.length + facets.countries.length).toBeGreaterThan(1);
    const NARROWED = `query($q: String!, $games: String, $country: String) {
      search(query: $q, games: $games, country: $country, first: 1) { totalCount facets { games { games { slug } count } countries { country { code } count } } }
    }`;
    for (const { games, count } of facets.games) {
      const narrowed = (await query(NARROWED, { q: 'korea', games: games.slug })).search;
      expect(narrowed.totalCount, games.slug).toBe(count);
      expect(narrowed.facets.games.find((facet: Data) => facet.games.slug === games.slug)?.count).toBe(count);
    }
    for (const { country, count } of facets.countries) {
      const narrowed = (await query(NARROWED, { q: 'korea', country: country.code })).search;
      expect(narrowed.totalCount, country.code).toBe(count);
      expect(narrowed.facets.countries.find((facet: Data) => facet.country.code === country.code)?.count).toBe(count);
    }
    const unknown = await graphql(`{ search(query: "korea", games: "no-such-games") { totalCount } }`);
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });

  it('needs every word in one text, and finds nothing for an unknown word', async () => {
    const words = ['rim', 'perez'];
    const expected = await referenceMatches(words);
    expect(new Set((await everyHit('rim perez')).map(keyOf))).toEqual(expected);
    expect((await search('zzzqxj')).totalCount).toBe(0);
    expect((await search('zzzqxj')).edges).toEqual([]);
  });

  it('an empty query lists every entity, paginated, with score 0 and no snippets', async () => {
    const { store } = await realApp();
    const named = NAMED_KINDS.reduce((sum, kind) => sum + store.count(kind), 0);
    const seen = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page === 0 || after !== null; page++) {
      const result = await search(page % 2 === 0 ? '' : '   ', { first: 50, after });
      expect(result.totalCount).toBe(named);
      expect(result.edges).toHaveLength(Math.min(50, named - page * 50));
      for (const edge of result.edges) {
        seen.add(keyOf(edge));
        expect(edge.score).toBe(0);
        expect(edge.snippets).toEqual([]);
      }
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
    }
    expect(seen.size).toBe(named);
  });

  it('refuses hostile and meaningless queries with stable codes, and nothing else breaks', async () => {
    const ask = (text: string, extra = '') =>
      graphql(`query($q: String!) { search(query: $q${extra}) { totalCount edges { snippets(limit: 2) { text } } } }`, {
        q: text,
      });
    const cases: [string, string, string?][] = [
      ['b'.repeat(LIMITS.maxSearchLength + 1), 'STRING_TOO_LONG'],
      ['?!…---', 'SEARCH_WITHOUT_WORDS'],
      ['"""', 'SEARCH_WITHOUT_WORDS'],
      ['🙂🙂', 'SEARCH_WITHOUT_WORDS'],
      [Array.from({ length: MAX_QUERY_WORDS + 1 }, (_, index) => `w${index}`).join(' '), 'SEARCH_TOO_MANY_WORDS'],
      ['korea', 'PAGE_SIZE_EXCEEDED', ', first: 101'],
    ];
    for (const [text, code, extra] of cases) {
      const result = await ask(text, extra);
      expect(errorCodes(result), text.slice(0, 20)).toEqual([code]);
      expect(JSON.stringify(result.errors)).not.toMatch(/\/work|\.ts|at .*\(/);
    }
    const snippets = await graphql('{ search(query: "korea", first: 1) { edges { snippets(limit: 11) { text } } } }');
    expect(errorCodes(snippets)).toEqual(['PAGE_SIZE_EXCEEDED']);
    // An unclosed quote runs to the end; stray symbols between words are spaces.
    expect((await search('"rehabilitation centre')).totalCount).toBe(
      (await search('"rehabilitation centre"')).totalCount,
    );
    expect((await search('((camps))!? <>')).totalCount).toBe((await search('camps')).totalCount);
  });

  it('requires a query string', async () => {
    const result = await graphql('{ search { totalCount } }');
    expect(result.errors?.[0]?.message).toMatch(/argument "query" of type "String!" is required/);
  });
});
