import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../src/graph/compare.js';
import { DATA_FILES, KINDS } from '../src/graph/kinds.js';
import { compareCodeUnits } from '../src/graph/snapshot/write.js';
import { DATA_DIR } from './helpers.js';

// The compiler ranks plain slugs by their code units where the display order compares them with the
// collator: both must order them alike, or the snapshot's order would not be the store's.
const sign = (value: number) => Math.sign(value);

describe('the order of plain slugs', () => {
  it('is the collator’s, for any string of lower-case letters, digits and hyphens', () => {
    const slug = fc.stringMatching(/^[a-z0-9-]{0,24}$/);
    fc.assert(
      fc.property(slug, slug, (a, b) => {
        expect(sign(compareCodeUnits(a, b))).toBe(sign(compareText(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('sorts the data’s slugs as the collator does, and each pair of neighbours alike', async () => {
    const slugs: string[] = [];
    for (const kind of KINDS) {
      const records = JSON.parse(await readFile(path.join(DATA_DIR, DATA_FILES[kind]), 'utf8')) as { slug: string }[];
      slugs.push(...records.map((record) => record.slug));
    }
    expect(slugs.length).toBeGreaterThan(0);
    const sorted = [...slugs].sort(compareText);
    expect([...slugs].sort(compareCodeUnits)).toEqual(sorted);
    // Neighbours by the collator: the pairs where a difference in weights would show.
    for (let at = 1; at < sorted.length; at++) {
      const [a, b] = [sorted[at - 1] as string, sorted[at] as string];
      expect(sign(compareCodeUnits(a, b)), `${a} / ${b}`).toBe(sign(compareText(a, b)));
    }
    // A hyphen, then a digit, then a letter, wherever it stands.
    for (const [a, b] of [
      ['a-b', 'a0b'],
      ['a0b', 'aab'],
      ['a', 'a-'],
      ['rim-ju-song', 'rim-ju-song-2'],
      ['2012-men', '2012men'],
    ] as const) {
      expect(sign(compareText(a, b))).toBe(-1);
      expect(sign(compareCodeUnits(a, b))).toBe(-1);
    }
  });
});
