import { foldForSearch } from '../search.js';

/** A list of ascending integers per item, in two arrays (offsets, then the values). */
export interface Lists {
  readonly start: Uint32Array;
  readonly values: Uint32Array;
}

export const listOf = (lists: Lists, index: number): Uint32Array =>
  lists.values.subarray(lists.start[index] as number, lists.start[index + 1] as number);

/** How much more a text weighs when it is, folded, the whole query: "Rim Ju-song" for "rim ju song". */
export const WHOLE_TEXT_BOOST = 2;

/** What ranking reads of the index. */
export interface RankingData {
  /** Where each word's texts start in `impactTexts`. */
  readonly occurrences: Lists;
  /** The texts per word, best first for that word (see `impact`), and their frequencies. */
  readonly impactTexts: Uint32Array;
  readonly impactFrequencies: Uint16Array;
  /** For each text, the distinct words it holds (ascending ids), and how often it holds each. */
  readonly textWords: Lists;
  readonly textFrequencies: Uint16Array;
  /** How many words each text has. */
  readonly lengths: Uint16Array;
  /** Texts whose words are all different, at most a query's worth, by their word ids (see `findWholeTexts`). */
  readonly wholeTexts: Uint32Array;
  /** What a word held `frequency` times adds to a text's score, before the query word's weight (BM25+ × field boost). */
  impact(term: number, frequency: number, text: number): number;
  /** A text itself, for checking phrases. */
  textAt(text: number): string;
}

/** A query, as the index words each of its words matches. */
export interface RankingQuery {
  /** For each word of the query, in order, the words of the index it matches, each with its weight (1: itself). */
  readonly positions: readonly ReadonlyMap<number, number>[];
  /** Phrases of more than one word, folded, with a space on each side. */
  readonly phrases: readonly string[];
}

/** Hash of a text's distinct word ids in ascending order, for the whole-text table. */
export function hashWordIds(ids: ArrayLike<number>, from = 0, to = ids.length): number {
  let hash = 0x811c9dc5;
  for (let at = from; at < to; at++) {
    hash = Math.imul(hash ^ (ids[at] as number), 0x01000193);
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}

/** The texts of `data` whose words, all distinct, are exactly `ids` (ascending). */
function findWholeTexts(data: RankingData, ids: readonly number[]): number[] {
  const table = data.wholeTexts;
  const found: number[] = [];
  if (table.length === 0) return found;
  for (let slot = hashWordIds(ids) & (table.length - 1); table[slot] !== 0; slot = (slot + 1) & (table.length - 1)) {
    const text = (table[slot] as number) - 1;
    const words = listOf(data.textWords, text);
    if (words.length === ids.length && ids.every((id, at) => words[at] === id)) found.push(text);
  }
  return found;
}

/** Moves `heap[from]` down a binary heap kept in `before` order (the first item is the one before all others). */
function siftDown(heap: number[], from: number, before: (a: number, b: number) => boolean): void {
  let at = from;
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let top = at;
    if (left < heap.length && before(heap[left] as number, heap[top] as number)) top = left;
    if (right < heap.length && before(heap[right] as number, heap[top] as number)) top = right;
    if (top === at) return;
    const swap = heap[at] as number;
    heap[at] = heap[top] as number;
    heap[top] = swap;
    at = top;
  }
}

/** Moves `heap[from]` up a binary heap kept in `before` order. */
function siftUp(heap: number[], from: number, before: (a: number, b: number) => boolean): void {
  let at = from;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!before(heap[at] as number, heap[parent] as number)) return;
    const swap = heap[at] as number;
    heap[at] = heap[parent] as number;
    heap[parent] = swap;
    at = parent;
  }
}

/** One query word's matches as one stream, best first: the impact-ordered lists of the words it matches, merged. */
class Stream {
  readonly #at: number[] = [];
  readonly #end: number[] = [];
  readonly #term: number[] = [];
  readonly #weight: number[] = [];
  readonly #value: number[] = [];
  /** Cursors (indexes into the arrays above) as a heap, best value first, then lowest text. */
  readonly #heap: number[] = [];

  constructor(
    private readonly data: RankingData,
    expansions: ReadonlyMap<number, number>,
  ) {
    for (const [term, weight] of expansions) {
      const at = data.occurrences.start[term] as number;
      const end = data.occurrences.start[term + 1] as number;
      if (at === end) continue;
      this.#at.push(at);
      this.#end.push(end);
      this.#term.push(term);
      this.#weight.push(weight);
      this.#value.push(0);
      this.#load(this.#at.length - 1);
      this.#heap.push(this.#at.length - 1);
    }
    for (let at = (this.#heap.length >> 1) - 1; at >= 0; at--) this.#siftDown(at);
  }

  #load(cursor: number): void {
    const at = this.#at[cursor] as number;
    const { impactTexts, impactFrequencies } = this.data;
    this.#value[cursor] =
      (this.#weight[cursor] as number) *
      this.data.impact(this.#term[cursor] as number, impactFrequencies[at] as number, impactTexts[at] as number);
  }

  #textOf(cursor: number): number {
    return this.data.impactTexts[this.#at[cursor] as number] as number;
  }

  readonly #ordered = (a: number, b: number): boolean => this.#before(a, b);

  #before(a: number, b: number): boolean {
    const difference = (this.#value[a] as number) - (this.#value[b] as number);
    return difference > 0 || (difference === 0 && this.#textOf(a) < this.#textOf(b));
  }

  #siftDown(from: number): void {
    siftDown(this.#heap, from, this.#ordered);
  }

  get exhausted(): boolean {
    return this.#heap.length === 0;
  }

  /** The value of the next entry: no text not read yet scores more for this word. */
  get headValue(): number {
    return this.#value[this.#heap[0] as number] as number;
  }

  get headText(): number {
    return this.#textOf(this.#heap[0] as number);
  }

  /** Takes the next text (the stream must not be exhausted). */
  take(): number {
    const cursor = this.#heap[0] as number;
    const text = this.#textOf(cursor);
    const at = (this.#at[cursor] as number) + 1;
    this.#at[cursor] = at;
    if (at < (this.#end[cursor] as number)) this.#load(cursor);
    else {
      const last = this.#heap.pop() as number;
      if (this.#heap.length === 0) return text;
      this.#heap[0] = last;
    }
    this.#siftDown(0);
    return text;
  }
}

/**
 * The texts matching a query, best first (score, then text id), found by the threshold algorithm
 * (Fagin's TA) over impact-ordered postings: each query word's texts are read best first, each text
 * met is scored whole from its own words, and a text is given out once no text not met yet can score
 * more (the sum of what each word's next text scores for it). Every word must match, so once any
 * word's texts are all read, every match has been met. A first page reads about as many texts as it
 * shows, plus those scoring as well, whether 20 or 200,000 texts match; equal scores (the same name
 * in many copies) are told apart by text id, which each word's list keeps ascending among equals.
 */
export class TextRanking {
  readonly #streams: Stream[];
  readonly #seen = new Set<number>();
  readonly #scores = new Map<number, number>();
  /** Texts met and matching but not given out yet: a heap, best first. */
  readonly #waiting: number[] = [];
  /** Whether a text not met may still be a whole-text match (scored ×2): only where the query repeats a word. */
  readonly #wholeFactor: number;
  /** Word occurrences and text words read: the ranking's work so far. */
  work = 0;

  constructor(
    private readonly data: RankingData,
    private readonly query: RankingQuery,
  ) {
    this.#streams = query.positions.map((expansions) => new Stream(data, expansions));
    const exactIds: number[] = [];
    for (const expansions of query.positions) {
      for (const [term, weight] of expansions) if (weight === 1) exactIds.push(term);
    }
    const allExact = exactIds.length === query.positions.length;
    const distinct = [...new Set(exactIds)].sort((a, b) => a - b);
    this.#wholeFactor = allExact && distinct.length < exactIds.length ? WHOLE_TEXT_BOOST : 1;
    // Texts that are the whole query score twice what their words say: they are found directly and met first.
    if (allExact && distinct.length === exactIds.length) {
      for (const text of findWholeTexts(data, distinct)) this.#meet(text);
    }
  }

  /** The raw score of a text (-1 where it does not match): per query word its best matching word, summed. */
  rawScore(text: number): number {
    let score = this.#scores.get(text);
    if (score === undefined) {
      score = this.#score(text, null);
      this.#scores.set(text, score);
    }
    return score;
  }

  /**
   * Scores a text from its own words: for each query word, the best of the words it matches that the
   * text holds (written to `parts` where given); -1 where a query word matches none or a phrase is missing.
   */
  #score(text: number, parts: number[] | null): number {
    const { textWords, textFrequencies, lengths } = this.data;
    const from = textWords.start[text] as number;
    const to = textWords.start[text + 1] as number;
    this.work += to - from;
    let raw = 0;
    let exactWords = 0;
    for (const expansions of this.query.positions) {
      let best = 0;
      let exact = false;
      for (let at = from; at < to; at++) {
        const term = textWords.values[at] as number;
        const weight = expansions.get(term);
        if (weight === undefined) continue;
        const value = weight * this.data.impact(term, textFrequencies[at] as number, text);
        if (value > best) best = value;
        if (weight === 1) exact = true;
      }
      if (best === 0) return -1;
      parts?.push(best);
      raw += best;
      if (exact) exactWords++;
    }
    if (this.query.phrases.length > 0) {
      const folded = ` ${foldForSearch(this.data.textAt(text))} `;
      if (!this.query.phrases.every((phrase) => folded.includes(phrase))) return -1;
    }
    const count = this.query.positions.length;
    return lengths[text] === count && exactWords === count ? raw * WHOLE_TEXT_BOOST : raw;
  }

  /**
   * The stream to read on: the one whose next text could add the most beyond what the best text met
   * got from that word (only it can bring the bound down to that text), or without one, the highest.
   */
  #streamToRead(): Stream {
    const streams = this.#streams;
    let chosen = streams[0] as Stream;
    if (this.#waiting.length === 0) {
      for (const stream of streams) if (stream.headValue > chosen.headValue) chosen = stream;
      return chosen;
    }
    const parts: number[] = [];
    this.#score(this.#waiting[0] as number, parts);
    let widest = Number.NEGATIVE_INFINITY;
    streams.forEach((stream, position) => {
      const gap = stream.headValue - (parts[position] ?? 0);
      if (gap > widest) {
        widest = gap;
        chosen = stream;
      }
    });
    return chosen;
  }

  #meet(text: number): void {
    if (this.#seen.has(text)) return;
    this.#seen.add(text);
    if (this.rawScore(text) < 0) return;
    this.#waiting.push(text);
    this.#siftUp(this.#waiting.length - 1);
  }

  readonly #ordered = (a: number, b: number): boolean => this.#before(a, b);

  #before(a: number, b: number): boolean {
    const difference = this.rawScore(a) - this.rawScore(b);
    return difference > 0 || (difference === 0 && a < b);
  }

  #siftUp(from: number): void {
    siftUp(this.#waiting, from, this.#ordered);
  }

  #siftDown(from: number): void {
    siftDown(this.#waiting, from, this.#ordered);
  }

  #takeWaiting(): number {
    const heap = this.#waiting;
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  /** Whether the best text met can be given out: no text not met yet can rank before it. */
  #settled(best: number): boolean {
    if (this.#streams.some((stream) => stream.exhausted)) return true;
    let bound = 0;
    let lastText = 0;
    for (const stream of this.#streams) {
      bound += stream.headValue;
      lastText = Math.max(lastText, stream.headText);
    }
    bound *= this.#wholeFactor;
    const score = this.rawScore(best);
    // A text not met scoring exactly the bound comes after every stream's next text, so after `best` here.
    return score > bound || (score === bound && best < lastText);
  }

  /** The next text, best first; -1 when every match has been given. */
  next(): number {
    for (;;) {
      if (this.#waiting.length > 0 && this.#settled(this.#waiting[0] as number)) return this.#takeWaiting();
      if (this.#streams.length === 0 || this.#streams.some((stream) => stream.exhausted)) {
        if (this.#waiting.length === 0) return -1;
        continue;
      }
      this.work++;
      this.#meet(this.#streamToRead().take());
    }
  }
}
