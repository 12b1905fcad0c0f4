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

  /** The word of the index whose list the next entry comes from, and how many of its entries are left. */
  get headTerm(): number {
    return this.#term[this.#heap[0] as number] as number;
  }

  get headRemaining(): number {
    const cursor = this.#heap[0] as number;
    return (this.#end[cursor] as number) - (this.#at[cursor] as number);
  }

  /** Stops reading the head's word: every match holding it has been met another way. */
  dropHead(): void {
    const last = this.#heap.pop() as number;
    if (this.#heap.length === 0) return;
    this.#heap[0] = last;
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
 * A word of the index whose texts read for one word of a query of several failed this often to hold
 * the other words is joined with their lists in text order instead (see `TextRanking.#joinHead`)…
 */
const JOIN_AFTER_MISSES = 8;
/** …reading at most this many entries and finding at most this many matches, or it is read on as before. */
const JOIN_WORK = 4096;
const JOIN_MATCHES = 64;

/** A text id past every text: what a text-order cursor gives once it is read to its end. */
const PAST_EVERY_TEXT = 0xffffffff;

/**
 * Some words' texts in text order, read from their impact-ordered lists without copying them: a
 * word's texts of equal impact (same frequency, length and field) lie in text order, so each list is
 * a few ascending runs, as many as the kinds of texts holding the word, not as many as the texts, and
 * a cursor skips ahead in each run by galloping. `work` counts the entries read.
 */
class TextOrderCursor {
  readonly #at: number[] = [];
  readonly #end: number[] = [];
  work = 0;

  constructor(
    private readonly data: RankingData,
    terms: Iterable<number>,
  ) {
    const { occurrences, impactTexts, impactFrequencies } = data;
    for (const term of terms) {
      const end = occurrences.start[term + 1] as number;
      for (let from = occurrences.start[term] as number; from < end; ) {
        const impact = data.textImpact(impactFrequencies[from] as number, impactTexts[from] as number);
        // The run's end: the first entry of lower impact (the list's impacts never rise), by bisection.
        let low = from + 1;
        let high = end;
        while (low < high) {
          const middle = (low + high) >>> 1;
          this.work++;
          if (data.textImpact(impactFrequencies[middle] as number, impactTexts[middle] as number) < impact)
            high = middle;
          else low = middle + 1;
        }
        this.#at.push(from);
        this.#end.push(low);
        from = low;
      }
    }
  }

  /** The first text at or after `target` holding one of the words, or PAST_EVERY_TEXT; targets must not go back. */
  seek(target: number): number {
    const texts = this.data.impactTexts;
    let first = PAST_EVERY_TEXT;
    for (let run = 0; run < this.#at.length; run++) {
      let at = this.#at[run] as number;
      const end = this.#end[run] as number;
      if (at < end && (texts[at] as number) < target) {
        // Gallop to a stretch holding the target, then bisect it.
        let step = 1;
        this.work++;
        while (at + step < end && (texts[at + step] as number) < target) {
          this.work++;
          step *= 2;
        }
        let low = at + (step >> 1) + 1;
        let high = Math.min(at + step, end);
        while (low < high) {
          const middle = (low + high) >>> 1;
          this.work++;
          if ((texts[middle] as number) < target) low = middle + 1;
          else high = middle;
        }
        at = low;
        this.#at[run] = at;
      }
      if (at < end) {
        this.work++;
        const text = texts[at] as number;
        if (text < first) first = text;
      }
    }
    return first;
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
 * word whose texts keep failing to match is therefore joined with the other query words' lists in
 * text order, skipping ahead (`#joinHead`): its few matches are met at once and it is read no further.
 */
export class TextRanking {
  readonly #streams: Stream[];
  /** Per query word, how many texts read for each word of the index did not match (-1: joined already). */
  readonly #misses: Map<number, number>[];
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
    this.#misses = query.positions.map(() => new Map());
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
      const stream = this.#streamToRead();
      if (this.#streams.length > 1 && this.#joinHead(stream)) continue;
      this.work++;
      const term = stream.headTerm;
      const text = stream.take();
      if (this.#seen.has(text)) continue;
      this.#meet(text);
      if (this.rawScore(text) >= 0) continue;
      const misses = this.#misses[this.#streams.indexOf(stream)] as Map<number, number>;
      const missed = misses.get(term) ?? 0;
      if (missed >= 0) misses.set(term, missed + 1);
    }
  }

  /**
   * Where the texts read for the stream's next word have often failed to match, finds the texts
   * holding it that also hold a word of each other query word, by walking the lists in text order and skipping ahead (a leapfrog join),
   * meets them, and stops reading that word: its other texts match nothing. Whether a word's texts
   * outscore the matches (a rare neighbour one typo away: "jong" for "song") or not, it is then read no
   * further, where reading it best first would read every text holding it when few or none match.
   * Gives up, and leaves the word to be read best first, where the join reads too much or finds too
   * many (a common word: those are found best first). Returns whether the word was dropped.
   */
  #joinHead(stream: Stream): boolean {
    const position = this.#streams.indexOf(stream);
    const term = stream.headTerm;
    const misses = this.#misses[position] as Map<number, number>;
    if ((misses.get(term) ?? 0) < JOIN_AFTER_MISSES) return false;
    misses.set(term, -1);
    const cursors = [new TextOrderCursor(this.data, [term])];
    this.query.positions.forEach((expansions, other) => {
      if (other !== position) cursors.push(new TextOrderCursor(this.data, expansions.keys()));
    });
    const work = () => cursors.reduce((sum, cursor) => sum + cursor.work, 0);
    const found: number[] = [];
    let text = 0;
    let agreeing = 0;
    // Each cursor in turn is moved to the last text found; when all agree, that text holds every word.
    for (let at = 0; work() <= JOIN_WORK && found.length <= JOIN_MATCHES; at = (at + 1) % cursors.length) {
      const next = (cursors[at] as TextOrderCursor).seek(text);
      if (next === PAST_EVERY_TEXT) {
        this.work += work();
        for (const match of found) this.#meet(match);
        stream.dropHead();
        return true;
      }
      if (next === text) agreeing++;
      else {
        text = next;
        agreeing = 1;
      }
      if (agreeing === cursors.length) {
        found.push(text);
        text++;
        agreeing = 0;
      }
    }
    this.work += work();
    return false;
  }
}
