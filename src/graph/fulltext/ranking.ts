import { foldForSearch } from '../search.js';
import { siftDown, siftUp } from './heap.js';
import { firstHeldByAll, impactRuns, runEnd, TextOrderCursor } from './join.js';

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
  /**
   * The same but for the word's inverse frequency, computed exactly as the index ordered each word's
   * texts by it: a word's texts of equal `textImpact` lie in text order in `impactTexts`.
   */
  textImpact(frequency: number, text: number): number;
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

/** One query word's matches as one stream, best first: the impact-ordered lists of the words it matches, merged. */
class Stream {
  readonly #at: number[] = [];
  readonly #end: number[] = [];
  readonly #term: number[] = [];
  readonly #weight: number[] = [];
  readonly #value: number[] = [];
  /** Where each cursor's run ends, once asked (see `runEnd`). */
  readonly #runEnd: number[] = [];
  /** Cursors (indexes into the arrays above) as a heap, best value first, then lowest text. */
  readonly #heap: number[] = [];

  constructor(
    private readonly data: RankingData,
    expansions: ReadonlyMap<number, number>,
    private readonly counter: { work: number },
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
      this.#runEnd.push(at);
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

  /** Where the next entry is in `impactTexts`. */
  get headAt(): number {
    return this.#at[this.#heap[0] as number] as number;
  }

  /** Where the run of the next entry ends: the entries before it are worth what the next one is for this word. */
  get headRunEnd(): number {
    const cursor = this.#heap[0] as number;
    const at = this.#at[cursor] as number;
    if ((this.#runEnd[cursor] as number) <= at)
      this.#runEnd[cursor] = runEnd(this.data, at, this.#end[cursor] as number, this.counter);
    return this.#runEnd[cursor] as number;
  }

  /** Skips the next entry's word to `at` (in its list, at most the end of the next entry's run): the texts passed do not match. */
  advanceHead(at: number): void {
    const cursor = this.#heap[0] as number;
    this.#at[cursor] = at;
    if (at < (this.#end[cursor] as number)) this.#load(cursor);
    else {
      const last = this.#heap.pop() as number;
      if (this.#heap.length === 0) return;
      this.#heap[0] = last;
    }
    this.#siftDown(0);
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
 *
 * Read best first alone, a word of the index held by many texts that lack the other query words
 * would be read through: a rare neighbour of a typo outscores the real matches ("jong" for "ju
 * song", in every copy of "Kim Jong Un"), so the bound stays above them until its list is done. A
 * query word whose texts keep failing to match therefore skips the rest of them (`#skipMisses`):
 * each run of its lists (texts worth the same to it, in text order) is joined with the other query
 * words' lists in text order, skipping ahead, so only texts holding every query word are read, and
 * no more of them than the threshold algorithm asks for.
 */
export class TextRanking {
  readonly #streams: Stream[];
  /** Per query word, the work spent on texts read that did not match, and on setting up the join that skips them. */
  readonly #missed: number[];
  readonly #setUp: number[];
  /** Per query word, the other query words' words whose runs are not found yet. */
  readonly #unready: (number[] | undefined)[];
  /** Per query word, once it skips its misses, the other query words' texts in text order. */
  readonly #others: (TextOrderCursor[] | undefined)[];
  readonly #seen = new Set<number>();
  readonly #scores = new Map<number, number>();
  /** Texts met and matching but not given out yet: a heap, best first. */
  readonly #waiting: number[] = [];
  /** The best of them, and what each query word adds to its score (see `#streamToRead`). */
  #bestParts: { text: number; parts: number[] } = { text: -1, parts: [] };
  /** Whether a text not met may still be a whole-text match (scored ×2): only where the query repeats a word. */
  readonly #wholeFactor: number;
  /** Word occurrences and text words read: the ranking's work so far. */
  work = 0;
  readonly #runs = new Map<number, Uint32Array>();
  readonly #runsOf = (term: number): Uint32Array => {
    let runs = this.#runs.get(term);
    if (!runs) {
      runs = impactRuns(this.data, term, this);
      this.#runs.set(term, runs);
    }
    return runs;
  };

  constructor(
    private readonly data: RankingData,
    private readonly query: RankingQuery,
  ) {
    this.#streams = query.positions.map((expansions) => new Stream(data, expansions, this));
    this.#missed = query.positions.map(() => 0);
    this.#setUp = query.positions.map(() => 0);
    this.#unready = query.positions.map(() => undefined);
    this.#others = query.positions.map(() => undefined);
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
   * The stream to read on. A stream's next value falls only where its run (texts worth the same to
   * it) ends, so the one whose run ends soonest is read: the bound falls soonest that way, where a run
   * of copies each worth as much ("ju" in every "Rim Ju-song gN") would be read to its end first. Among
   * those, the one whose next text could add the most beyond what the best text met got from that word;
   * without a text met, the highest.
   */
  #streamToRead(): Stream {
    const streams = this.#streams;
    let chosen = streams[0] as Stream;
    if (this.#waiting.length === 0) {
      for (const stream of streams) if (stream.headValue > chosen.headValue) chosen = stream;
      return chosen;
    }
    const best = this.#waiting[0] as number;
    if (this.#bestParts.text !== best) this.#bestParts = { text: best, parts: this.#partsOf(best) };
    const { parts } = this.#bestParts;
    let soonest = Number.POSITIVE_INFINITY;
    let widest = Number.NEGATIVE_INFINITY;
    streams.forEach((stream, position) => {
      const left = stream.headRunEnd - stream.headAt;
      const gap = stream.headValue - (parts[position] ?? 0);
      if (left < soonest || (left === soonest && gap > widest)) {
        soonest = left;
        widest = gap;
        chosen = stream;
      }
    });
    return chosen;
  }

  /** What each query word adds to a text's score. */
  #partsOf(text: number): number[] {
    const parts: number[] = [];
    this.#score(text, parts);
    return parts;
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
      const stream = this.#streamToRead();
      const position = this.#streams.indexOf(stream);
      if (this.#streams.length > 1 && this.#skipMisses(stream, position)) continue;
      const before = this.work;
      this.work++;
      const text = stream.take();
      if (this.#seen.has(text)) continue;
      this.#meet(text);
      if (this.rawScore(text) < 0) this.#missed[position] = (this.#missed[position] as number) + this.work - before;
    }
  }

  /**
   * Moves a query word's next entry ahead within its run (the entries worth the same to it, in text
   * order) to the first text that holds a word of each other query word, found by a leapfrog join
   * with their lists in text order, or to the run's end where none does. The texts passed match
   * nothing, and those left in the run are worth no more than before, so the threshold algorithm's
   * bound holds. Returns whether the entry moved.
   *
   * What it costs is bounded by what reading the misses one by one would: the other words' lists are
   * split into runs (the join's set-up) one word at a time, each once the misses read for this word
   * have cost more than the set-up so far (rent or buy: never more than twice the cheaper, plus one
   * word's runs); and a run is joined only when it has more entries left than the cursors have runs,
   * the most a seek can move, so that joining it never costs more than reading it would.
   */
  #skipMisses(stream: Stream, position: number): boolean {
    let others = this.#others[position];
    if (others === undefined) {
      const missed = this.#missed[position] as number;
      if (missed === 0) return false;
      let unready = this.#unready[position];
      if (unready === undefined) {
        unready = this.query.positions.flatMap((expansions, other) =>
          other === position ? [] : [...expansions.keys()],
        );
        this.#unready[position] = unready;
      }
      while (unready.length > 0 && (this.#setUp[position] as number) < missed) {
        const before = this.work;
        this.#runsOf(unready.pop() as number);
        this.#setUp[position] = (this.#setUp[position] as number) + this.work - before;
      }
      if (unready.length > 0) return false;
      others = [];
      for (const [other, expansions] of this.query.positions.entries())
        if (other !== position)
          others.push(new TextOrderCursor(this.data.impactTexts, [...expansions.keys()].map(this.#runsOf)));
      this.#others[position] = others;
    }
    const from = stream.headAt;
    const end = stream.headRunEnd;
    if (others.reduce((sum, cursor) => sum + cursor.size, 0) >= end - from) return false;
    const at = firstHeldByAll(this.data.impactTexts, from, end, others, this);
    if (at === from) return false;
    stream.advanceHead(at);
    return true;
  }
}
