import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { offsetCursor } from '../src/schema/offset-cursors.js';
import { query } from './helpers.js';

describe('offset cursors', () => {
  it("are the relay plugin's own, whether kept or not, and read back to their offset", () => {
    for (const offset of [0, 1, 9, 10, 99, 4095, 4096, 4097, 123_456, -1, 2.5]) {
      expect(offsetCursor(offset)).toBe(offsetToCursor(offset));
      // Asked again, from what was kept.
      expect(offsetCursor(offset)).toBe(offsetToCursor(offset));
      if (Number.isInteger(offset) && offset >= 0) expect(cursorToOffset(offsetCursor(offset))).toBe(offset);
    }
  });

  it('page a search: each next page starts after the last cursor, as far as the matches go', async () => {
    const { search: all } = await query('{ search(query: "") { totalCount } }');
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages <= all.totalCount; pages++) {
      const { search } = await query(
        'query Next($after: String) { search(query: "", first: 7, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      for (const [at, edge] of search.edges.entries()) {
        expect(cursorToOffset(edge.cursor)).toBe(seen.length + at);
      }
      seen.push(...search.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!search.pageInfo.hasNextPage) break;
      after = search.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(all.totalCount);
    expect(new Set(seen).size).toBe(all.totalCount);
  });
});
