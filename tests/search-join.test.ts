import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstHeldByAll, gallop, impactRuns, PAST_EVERY_TEXT, TextOrderCursor } from '../src/graph/fulltext/join.js';
import { RangeMost } from '../src/graph/fulltext/range-most.js';
import type { RankingData } from '../src/graph/fulltext/ranking.js';

/**
 * The join that lets a query word skip the texts lacking the other query words
 * (src/graph/fulltext/join.ts), held to the plain answers: every text of a run that the other words
 * all hold is found, none is passed, whatever order the runs are asked in.
 */

/** Ascending text ids, as one run of a word's impact-ordered list holds them. */
const run = fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { maxLength: 16 }).map((ids) => ids.sort((a, b) => a - b));
/** A word: its list as a few runs. */
const word = fc.array(run, { minLength: 1, maxLength: 4 });
/** A query word: the words of the index it matches. */
const queryWord = fc.array(word, { minLength: 1, maxLength: 3 });

/** The runs laid end to end in one array, as `impactTexts` holds them, with where each word's runs start. */
function layOut(words: readonly (readonly (readonly number[])[])[]): { texts: number[]; starts: Uint32Array[] } {
  const texts: number[] = [];
  const starts = words.map((runs) => {
    const at: number[] = [];
    for (const ids of runs) {
      at.push(texts.length);
      texts.push(...ids);
    }
    at.push(texts.length);
    return Uint32Array.from(at);
  });
  return { texts, starts };
}

const counter = () => ({ work: 0 });

describe('the join in text order', () => {
  it('gallops to the first entry at or after a target', () => {
    fc.assert(
      fc.property(run, fc.nat(26), fc.nat(17), (ids, target, from) => {
        const texts = Uint32Array.from(ids);
        const start = Math.min(from, texts.length);
        const expected = ids.findIndex((id, at) => at >= start && id >= target);
        expect(gallop(texts, start, texts.length, target, counter())).toBe(expected === -1 ? texts.length : expected);
      }),
    );
  });

  it('reads the union of some runs in text order, set back when asked', () => {
    fc.assert(
      fc.property(queryWord, fc.array(fc.nat(26), { maxLength: 12 }), (words, targets) => {
        const { texts, starts } = layOut(words);
        const union = [...new Set(words.flat(2))].sort((a, b) => a - b);
        const cursor = new TextOrderCursor(Uint32Array.from(texts), starts);
        for (const target of targets) {
          if (target < cursor.last) cursor.rewind();
          expect(cursor.seek(target)).toBe(union.find((id) => id >= target) ?? PAST_EVERY_TEXT);
        }
      }),
    );
  });

  it('finds, in a run, the first text every other query word holds, from any entry, in any order', () => {
    fc.assert(
      fc.property(
        run,
        fc.array(queryWord, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(17), { minLength: 1, maxLength: 8 }),
        (head, others, froms) => {
          const laid = layOut([[head], ...others.flat()]);
          const texts = Uint32Array.from(laid.texts);
          let next = 1;
          const cursors = others.map((words) => {
            const cursor = new TextOrderCursor(texts, laid.starts.slice(next, next + words.length));
            next += words.length;
            return cursor;
          });
          const held = others.map((words) => new Set(words.flat(2)));
          // The cursors are kept from one call to the next, as the ranking keeps them from one run to the
          // next: asked from random entries, then from each entry, last to first.
          const backwards = head.map((_, at) => head.length - 1 - at);
          for (const from of [...froms, ...backwards]) {
            const start = Math.min(from, head.length);
            const expected = head.findIndex((id, at) => at >= start && held.every((ids) => ids.has(id)));
            expect(firstHeldByAll(texts, start, head.length, cursors, counter())).toBe(
              expected === -1 ? head.length : expected,
            );
          }
        },
      ),
    );
  });

  it("splits a word's impact-ordered list into its runs of equal impact", () => {
    const entry = fc.record({ impact: fc.integer({ min: 1, max: 5 }), text: fc.nat(80) });
    fc.assert(
      fc.property(fc.array(fc.array(entry, { maxLength: 20 }), { minLength: 1, maxLength: 4 }), (lists) => {
        // Each list best first, equal impacts in text order, as the index orders them.
        const sorted = lists.map((list) =>
          [...list].sort((a, b) => b.impact - a.impact || a.text - b.text).map((e, at) => ({ ...e, at })),
        );
        const entries = sorted.flat();
        const start = [0];
        for (const list of sorted) start.push((start.at(-1) as number) + list.length);
        const impactTexts = Uint32Array.from(entries.map((e) => e.text));
        // The impact is read back through the frequency column, which the index keeps beside the texts.
        const impactFrequencies = Uint16Array.from(entries.map((e) => e.impact));
        const data = {
          occurrences: { start: Uint32Array.from(start), values: impactTexts },
          impactTexts,
          impactFrequencies,
          textImpact: (frequency: number) => frequency,
        } as unknown as RankingData;
        sorted.forEach((list, term) => {
          const from = start[term] as number;
          const expected = list.filter((e, at) => at === 0 || (list[at - 1]?.impact as number) !== e.impact);
          expect([...impactRuns(data, term, counter())]).toEqual([
            ...expected.map((e) => from + e.at),
            from + list.length,
          ]);
        });
      }),
    );
  });

  it('finds the items of a range with the largest counts, lower items first among equals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(6), { minLength: 1, maxLength: 70 }),
        fc.nat(70),
        fc.nat(70),
        fc.nat(20),
        (counts, a, b, most) => {
          const from = Math.min(a, b, counts.length);
          const to = Math.min(Math.max(a, b), counts.length);
          const expected = Array.from({ length: to - from }, (_, at) => from + at)
            .sort((x, y) => (counts[y] as number) - (counts[x] as number) || x - y)
            .slice(0, most);
          expect(new RangeMost(counts).top(from, to, most)).toEqual(expected);
        },
      ),
    );
  });
});
