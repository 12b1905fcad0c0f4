import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../src/graph/search.js';
import { buildSearch, type SearchEntry, SnapshotSearch } from '../src/graph/snapshot/search.js';

/**
 * The snapshot's name search against search.ts's SearchIndex (the straightforward reference: every
 * match scored, then sorted): the same matches in the same order, page by page; and a first page
 * whose work (entries scored) does not grow with the number of matches.
 */

/** A SnapshotSearch over entries, with an in-memory string table standing in for the snapshot's. */
function snapshotSearch(entries: readonly SearchEntry[]): SnapshotSearch {
  const strings: string[] = [];
  const arrays = buildSearch(entries, (text) => strings.push(text) - 1);
  return new SnapshotSearch(arrays, (word) => strings[arrays.dictionary[word] as number] as string);
}

function referenceSearch(entries: readonly SearchEntry[]): SearchIndex<SearchEntry> {
  return new SearchIndex(entries.map((entry) => ({ item: entry, label: entry.label, names: entry.names })));
}

const page = (search: SnapshotSearch, query: string, kinds: readonly number[] | null, start: number, end: number) =>
  Array.from(search.search(query, kinds).ids(start, end));

/** `copies` entries named alike ("Rim Ju-song 17"), as the generator's copies of one athlete are. */
function copiesOf(copies: number): SearchEntry[] {
  return Array.from({ length: copies }, (_, index) => {
    const name = `Rim Ju-song ${index}`;
    return { id: index, kind: index % 3, label: `${name}\u0000${index}`, names: [name, `Ryom Ju Song ${index}`] };
  });
}

describe('the snapshot search', () => {
  it('answers as the reference does, page by page, with and without kinds', () => {
    const words = ['rim', 'ju', 'song', 'ri', 'rio', 'jusong', 'korea', 'kor', 'north', 'so', 'río', 'ju-song'];
    const name = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
    const entries = fc
      .array(
        fc.record({ kind: fc.integer({ min: 0, max: 3 }), names: fc.array(name, { minLength: 1, maxLength: 3 }) }),
        {
          minLength: 1,
          maxLength: 60,
        },
      )
      // Labels are distinct, as a record's name and kind (and slug) make them: ties have no order to compare.
      .map((drawn) => drawn.map(({ kind, names }, id) => ({ id, kind, label: `${names[0]}\u0000${id}`, names })));
    const query = fc.oneof(name, fc.constantFrom('r', 'j', 'ju s', 'rim j', 'so', 'zzz', ''));
    const kinds = fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(entries, query, kinds, fc.integer({ min: 1, max: 12 }), (drawn, text, accepted, size) => {
        const expected = referenceSearch(drawn)
          .search(text, (entry) => accepted === null || accepted.includes(entry.kind))
          .map((entry) => entry.id);
        const search = snapshotSearch(drawn);
        expect(search.search(text, accepted).length).toBe(expected.length);
        // Pages asked for in order, as a client pages through: each one ranked only as far as it needs.
        const pages: number[] = [];
        for (let start = 0; start < expected.length + size; start += size) {
          pages.push(...page(search, text, accepted, start, start + size));
        }
        expect(pages).toEqual(expected);
        // And a later page asked for first, from a fresh index.
        const later = Math.min(size, expected.length);
        expect(page(snapshotSearch(drawn), text, accepted, later, later + size)).toEqual(
          expected.slice(later, later + size),
        );
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['the query at the start of every name', 'rim ju'],
    ['a whole word inside every name', 'song'],
    ['a word prefix inside every name', 'so'],
    ['the start of every name', 'ri'],
  ])('scores about a page of entries for its first page, however many match: %s', (_case, query) => {
    const first = 10;
    const scoredFor = (copies: number) => {
      const search = snapshotSearch(copiesOf(copies));
      const matches = search.search(query, null);
      expect(matches.length).toBe(copies);
      const before = search.counts.scored;
      expect(matches.ids(0, first).length).toBe(first);
      return search.counts.scored - before;
    };
    const few = scoredFor(100);
    const many = scoredFor(20_000);
    expect(few).toBeGreaterThanOrEqual(first);
    expect(many).toBe(few);
    // Kinds that most matches are not of cost the entries passed over, and no more.
    const search = snapshotSearch(copiesOf(20_000));
    search.search(query, [2]).ids(0, first);
    expect(search.counts.scored).toBe(few);
  });
});
