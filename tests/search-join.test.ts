import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstHeldByAll, gallop, impactRuns, PAST_EVERY_TEXT, TextOrderCursor } from '../src/graph/fulltext/join.js';
import { RangeMost } from '../src/graph/fulltext/range-most.js';
import { type RankingData, TextRanking } from '../src/graph/fulltext/ranking.js';

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

/**
 * Ranking data for texts given as their words (ids) and a field weight each: a word's value in a text
 * is its rarity times the field weight over the text's length, as BM25 weighs them (see index.ts).
 */
function rankingData(
  texts: readonly (readonly number[])[],
  fieldWeights: readonly number[],
  words: number,
): RankingData {
  const holding = Array.from({ length: words }, () => [] as number[]);
  texts.forEach((ids, text) => {
    for (const id of new Set(ids)) holding[id]?.push(text);
  });
  const rarity = holding.map((list) => Math.log(1 + texts.length / list.length));
  const textImpact = (_frequency: number, text: number) =>
    (fieldWeights[text] as number) / (texts[text] as number[]).length;
  const start = [0];
  const impactTexts: number[] = [];
  for (const list of holding) {
    impactTexts.push(...[...list].sort((a, b) => textImpact(1, b) - textImpact(1, a) || a - b));
    start.push(impactTexts.length);
  }
  const textStart = [0];
  const textWords: number[] = [];
  for (const ids of texts) {
    textWords.push(...[...new Set(ids)].sort((a, b) => a - b));
    textStart.push(textWords.length);
  }
  return {
    occurrences: { start: Uint32Array.from(start), values: Uint32Array.from(impactTexts) },
    impactTexts: Uint32Array.from(impactTexts),
    impactFrequencies: new Uint16Array(impactTexts.length).fill(1),
    textWords: { start: Uint32Array.from(textStart), values: Uint32Array.from(textWords) },
    textFrequencies: new Uint16Array(textWords.length).fill(1),
    lengths: Uint16Array.from(texts.map((ids) => ids.length)),
    wholeTexts: new Uint32Array(0),
    impact: (term, frequency, text) => (rarity[term] as number) * textImpact(frequency, text),
    textImpact,
    textAt: () => '',
  };
}

describe('the threshold algorithm over runs of copies', () => {
  // "ju song" at a million results: "ju" (0) in every copy's name "Rim Ju-song gN" (0, 1, a tag), and
  // "gong" (2), a rare tag one typo from "song" (1), in an alternate name "Rim Ju Song gong" and a few
  // other names: the copies' names, each worth as much for "ju", score below the best match.
  const JU = 0;
  const SONG = 1;
  const GONG = 2;
  function copies(count: number) {
    const texts: number[][] = [];
    const weights: number[] = [];
    for (let copy = 0; copy < count; copy++) {
      texts.push([JU, SONG, 3 + copy]);
      weights.push(3);
    }
    for (const other of [[JU, SONG, GONG], [JU, SONG, GONG], [GONG], [GONG], [GONG]]) {
      texts.push(other);
      weights.push(2);
    }
    return rankingData(texts, weights, 3 + count);
  }
  const query = {
    positions: [
      new Map([[JU, 1]]),
      new Map([
        [SONG, 1],
        [GONG, 0.36],
      ]),
    ],
    phrases: [],
  };

  it('gives the matches best first, and reads about as much for a first page whatever the copies', () => {
    const firstPage = (count: number) => {
      const data = copies(count);
      const ranking = new TextRanking(data, query);
      const page = Array.from({ length: 10 }, () => ranking.next());
      const { work } = ranking;
      const scored = Array.from({ length: count + 5 }, (_, text) => text)
        .map((text) => ({ text, score: ranking.rawScore(text) }))
        .filter(({ score }) => score >= 0)
        .sort((a, b) => b.score - a.score || a.text - b.text);
      expect(page).toEqual(scored.slice(0, 10).map(({ text }) => text));
      return work;
    };
    expect(firstPage(20_000)).toBeLessThanOrEqual(2 * firstPage(200) + 50);
  });
});
