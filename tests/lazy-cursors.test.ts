import { offsetToCursor } from '@pothos/plugin-relay';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeCursor } from '../src/graph/query/cursor.js';
import { query } from './helpers.js';

// Counts the cursors encoded: a page that selects none should encode none.
vi.mock('../src/graph/query/cursor.js', async (original) => {
  const actual = await original<typeof import('../src/graph/query/cursor.js')>();
  return { ...actual, encodeCursor: vi.fn(actual.encodeCursor) };
});
vi.mock('@pothos/plugin-relay', async (original) => {
  const actual = await original<typeof import('@pothos/plugin-relay')>();
  return { ...actual, offsetToCursor: vi.fn(actual.offsetToCursor) };
});

const encoded = vi.mocked(encodeCursor);
const offsets = vi.mocked(offsetToCursor);
afterEach(() => {
  encoded.mockClear();
  offsets.mockClear();
});

interface Connection {
  readonly edges: readonly {
    readonly cursor?: string;
    readonly c?: string;
    readonly node: { readonly slug: string };
  }[];
  readonly pageInfo: { readonly endCursor?: string; readonly end?: string; readonly startCursor?: string };
}

describe('cursors', () => {
  it('are encoded only when selected', async () => {
    const { allAthletes, search } = await query(`{
      allAthletes(first: 3) { edges { node { slug } } pageInfo { hasNextPage } }
      search(query: "rim", first: 3) { edges { node { __typename } } pageInfo { hasNextPage } }
    }`);
    expect(allAthletes.edges.length).toBeGreaterThan(0);
    expect(search.edges.length).toBeGreaterThan(0);
    expect(encoded).not.toHaveBeenCalled();
    expect(offsets).not.toHaveBeenCalled();
    const { allResults } = await query('{ allResults(first: 3) { pageInfo { endCursor } } }');
    expect(allResults.pageInfo.endCursor).toEqual(expect.any(String));
    expect(encoded).toHaveBeenCalledTimes(1);
  });

  it('are the same selected directly, through fragments or aliased, and page on from where they point', async () => {
    const athletes = (await query('{ allAthletes { totalCount } }')).allAthletes.totalCount as number;
    expect(athletes).toBeGreaterThan(3);
    const direct = (await query(`{
        allAthletes(first: 2) { edges { cursor node { slug } } pageInfo { startCursor endCursor } }
        search(query: "rim", first: 2) { edges { cursor node { ... on Athlete { slug } } } pageInfo { endCursor } }
      }`)) as { allAthletes: Connection; search: Connection };
    const fragments = (await query(`
        query { allAthletes(first: 2) { ...Page } search(query: "rim", first: 2) { ...Found } }
        fragment Page on AthleteConnection { edges { c: cursor node { slug } } pageInfo { end: endCursor startCursor } }
        fragment Found on SearchConnection { edges { ... on SearchEdge { c: cursor } node { ... on Athlete { slug } } } pageInfo { end: endCursor } }
      `)) as { allAthletes: Connection; search: Connection };
    for (const name of ['allAthletes', 'search'] as const) {
      expect(fragments[name].edges.map((edge) => edge.c)).toEqual(direct[name].edges.map((edge) => edge.cursor));
      expect(fragments[name].pageInfo.end).toBe(direct[name].pageInfo.endCursor);
      expect(direct[name].pageInfo.endCursor).toBe(direct[name].edges.at(-1)?.cursor);
    }
    expect(direct.allAthletes.pageInfo.startCursor).toBe(direct.allAthletes.edges[0]?.cursor);
    const { allAthletes: three } = await query('{ allAthletes(first: 3) { edges { node { slug } } } }');
    const { allAthletes: next } = await query(
      `query Next($after: String!) { allAthletes(first: 1, after: $after) { edges { node { slug } } } }`,
      { after: direct.allAthletes.pageInfo.endCursor },
    );
    expect(next.edges[0].node.slug).toBe(three.edges[2].node.slug);
    const before = (direct.allAthletes.edges[1] as { cursor: string }).cursor;
    const { allAthletes: previous } = await query(
      `query Previous($before: String!) { allAthletes(last: 1, before: $before) { edges { node { slug } } } }`,
      { before },
    );
    expect(previous.edges[0].node.slug).toBe(three.edges[0].node.slug);
  });
});
