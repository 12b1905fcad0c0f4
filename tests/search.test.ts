import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../src/graph/search.js';
import { NAMED_KINDS } from '../src/graph/store.js';
import { graphql, query, realApp } from './helpers.js';

const SEARCH = `query($query: String!, $types: [EntityType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    totalCount
    edges { node { __typename slug name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const search = async (text: string, variables: Record<string, unknown> = {}) =>
  (await query(SEARCH, { query: text, ...variables })).search;
const slugs = (result: { edges: { node: { slug: string } }[] }) => result.edges.map((edge) => edge.node.slug);

describe('foldForSearch', () => {
  it('drops case, accents, hyphens and punctuation, keeping letters of any script', () => {
    expect(foldForSearch('Rim Ju-Song')).toBe('rim ju song');
    expect(foldForSearch('  Río de Janeiro 2016 ')).toBe('rio de janeiro 2016');
    expect(foldForSearch("Men's 50m freestyle S6")).toBe('men s 50m freestyle s6');
    expect(foldForSearch('조선장애자보호련맹')).toBe('조선장애자보호련맹');
  });
});

describe('search', () => {
  it('finds an athlete by any spelling, insensitive to case and hyphens', async () => {
    for (const text of ['Rim Ju-song', 'rim ju song', 'RIM JU-SONG', 'Rim Ju Song', 'rim', 'ju-s']) {
      expect(slugs(await search(text))[0], text).toBe('rim-ju-song');
    }
  });

  it('is insensitive to accents both ways', async () => {
    expect(slugs(await search('Río'))).toEqual(['2016-summer-paralympics']);
    expect(slugs(await search('rio de janeiro'))).toEqual(['2016-summer-paralympics']);
  });

  it('ranks an exact name above names that merely contain the words', async () => {
    const result = await search('north korea', { types: ['COUNTRY', 'REPORT'], first: 3 });
    expect(
      result.edges.map((edge: { node: { __typename: string; name: string } }) => [
        edge.node.__typename,
        edge.node.name,
      ]),
    ).toEqual([['Country', 'North Korea'], ['Report', 'North Korea'], expect.anything()]);
    // Then names that contain the words.
    expect(foldForSearch(result.edges[2].node.name)).toContain('north korea');
  });

  it('ranks a whole word above a word prefix', async () => {
    expect(slugs(await search('korea', { types: ['COUNTRY'] }))).toEqual(['north-korea', 'south-korea']);
    const all = slugs(await search('korea'));
    expect(all.indexOf('north-korea')).toBeLessThan(
      all.indexOf('korean-federation-for-the-protection-of-disabled-people'),
    );
  });

  it('matches alternate names and other scripts', async () => {
    expect(slugs(await search('KFPD'))).toEqual(['korean-federation-for-the-protection-of-disabled-people']);
    expect(slugs(await search('조선장애자보호련맹'))).toEqual([
      'korean-federation-for-the-protection-of-disabled-people',
    ]);
    expect(slugs(await search('london 2012'))).toEqual(['2012-summer-paralympics']);
  });

  it('needs every word to match', async () => {
    expect(slugs(await search('rim perez'))).toEqual([]);
    expect((await search('zzzz')).totalCount).toBe(0);
  });

  it('filters by type', async () => {
    const result = await search('international', { types: ['ORGANISATION'] });
    expect(
      result.edges.every((edge: { node: { __typename: string } }) => edge.node.__typename === 'Organisation'),
    ).toBe(true);
    expect(slugs(result)).toEqual(
      expect.arrayContaining([
        'international-paralympic-committee',
        'handicap-international',
        'international-committee-of-the-red-cross',
      ]),
    );
  });

  it('an empty query lists every entity, paginated', async () => {
    const { store } = await realApp();
    const named = NAMED_KINDS.reduce((sum, kind) => sum + store.count(kind), 0);
    const seen = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page === 0 || after !== null; page++) {
      const result = await search(page % 2 === 0 ? '' : '   ', { first: 50, after });
      expect(result.totalCount).toBe(named);
      expect(result.edges).toHaveLength(Math.min(50, named - page * 50));
      for (const edge of result.edges) seen.add(`${edge.node.__typename}/${edge.node.slug}`);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
    }
    expect(seen.size).toBe(named);
  });

  it('requires a query string', async () => {
    const result = await graphql('{ search { totalCount } }');
    expect(result.errors?.[0]?.message).toMatch(/argument "query" of type "String!" is required/);
  });
});
