import { siftDown } from './heap.js';
import type { RankingData } from './ranking.js';

/**
 * Words' texts in text order, read from their impact-ordered lists without copying them. A word's
 * texts of equal impact (same frequency, length and field) lie in text order, so its list is a few
 * ascending runs, as many as the kinds of texts holding it, however many texts hold it; ranking.ts
 * joins a query word's run with the other query words' runs to skip the texts lacking them.
 */

/** What counts the entries a join reads (the ranking's work). */
export interface WorkCounter {
  work: number;
}

/** A text id past every text: what a cursor gives once it is read to its end. */
export const PAST_EVERY_TEXT = 0xffffffff;

/** The first entry of `texts[from, end)` (ascending) at or after `target`, by galloping then bisection. */
export function gallop(texts: Uint32Array, from: number, end: number, target: number, counter: WorkCounter): number {
  counter.work++;
  if (from >= end || (texts[from] as number) >= target) return from;
  let step = 1;
  while (from + step < end && (texts[from + step] as number) < target) {
    counter.work++;
    step *= 2;
  }
  // texts[from + step / 2] < target <= texts[from + step] (or the end).
  let low = from + (step >> 1) + 1;
  let high = Math.min(from + step, end);
  while (low < high) {
    const middle = (low + high) >>> 1;
    counter.work++;
    if ((texts[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Where the run of `impactTexts[from]` ends in a word's list ending at `end`: its first entry of
 * lower impact (a list's impacts never rise), by galloping then bisection.
 */
export function runEnd(data: RankingData, from: number, end: number, counter: WorkCounter): number {
  const { impactTexts, impactFrequencies } = data;
  const impactAt = (at: number) => data.textImpact(impactFrequencies[at] as number, impactTexts[at] as number);
  const impact = impactAt(from);
  counter.work++;
  let step = 1;
  while (from + step < end && impactAt(from + step) >= impact) {
    counter.work++;
    step *= 2;
  }
  let low = from + (step >> 1) + 1;
  let high = Math.min(from + step, end);
  while (low < high) {
    const middle = (low + high) >>> 1;
    counter.work++;
    if (impactAt(middle) < impact) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Where each run of a word's impact-ordered list starts in `impactTexts`, then where the list ends. */
export function impactRuns(data: RankingData, term: number, counter: WorkCounter): Uint32Array {
  const starts: number[] = [];
  const end = data.occurrences.start[term + 1] as number;
  for (let from = data.occurrences.start[term] as number; from < end; from = runEnd(data, from, end, counter))
    starts.push(from);
  starts.push(end);
  return Uint32Array.from(starts);
}

/**
 * The union of some ascending runs of `texts`, read in text order: the runs are kept in a heap by
 * their next text, and a seek gallops only the runs behind its target. `size` (the runs) is what
 * setting it back costs, and the most one seek can move.
 */
export class TextOrderCursor {
  readonly #from: number[] = [];
  readonly #at: number[] = [];
  readonly #end: number[] = [];
  /** Runs not read to their end, lowest next text first. */
  readonly #heap: number[] = [];
  #last = 0;
  work = 0;

  /** `runs`: for each word, where its runs start in `texts`, then where its list ends (see {@link impactRuns}). */
  constructor(
    private readonly texts: Uint32Array,
    runs: Iterable<Uint32Array>,
  ) {
    for (const starts of runs) {
      for (let run = 0; run + 1 < starts.length; run++) {
        if ((starts[run] as number) === (starts[run + 1] as number)) continue;
        this.#from.push(starts[run] as number);
        this.#end.push(starts[run + 1] as number);
      }
    }
    this.rewind();
  }

  get size(): number {
    return this.#from.length;
  }

  /** The last target sought: seeking a lower one needs {@link rewind} first. */
  get last(): number {
    return this.#last;
  }

  readonly #ordered = (a: number, b: number): boolean =>
    (this.texts[this.#at[a] as number] as number) < (this.texts[this.#at[b] as number] as number);

  /** Back to every run's start. */
  rewind(): void {
    this.work += this.#from.length;
    this.#heap.length = 0;
    for (let run = 0; run < this.#from.length; run++) {
      this.#at[run] = this.#from[run] as number;
      this.#heap.push(run);
    }
    for (let at = (this.#heap.length >> 1) - 1; at >= 0; at--) siftDown(this.#heap, at, this.#ordered);
    this.#last = 0;
  }

  /** The first text at or after `target` in one of the runs, or PAST_EVERY_TEXT; `target` must not be below {@link last}. */
  seek(target: number): number {
    const { texts } = this;
    const heap = this.#heap;
    this.#last = target;
    while (heap.length > 0) {
      const run = heap[0] as number;
      const from = this.#at[run] as number;
      this.work++;
      if ((texts[from] as number) >= target) return texts[from] as number;
      const at = gallop(texts, from, this.#end[run] as number, target, this);
      if (at < (this.#end[run] as number)) this.#at[run] = at;
      else {
        const last = heap.pop() as number;
        if (heap.length === 0) break;
        heap[0] = last;
      }
      siftDown(heap, 0, this.#ordered);
    }
    return PAST_EVERY_TEXT;
  }
}

/**
 * The first entry of the ascending `texts[from, end)` whose text every cursor holds, or `end`: a
 * leapfrog join, each side skipping ahead to the other's text. Cursors that sought past `texts[from]`
 * are set back first. The cursors' reads are added to `counter`.
 */
export function firstHeldByAll(
  texts: Uint32Array,
  from: number,
  end: number,
  cursors: readonly TextOrderCursor[],
  counter: WorkCounter,
): number {
  if (from >= end) return end;
  let target = texts[from] as number;
  for (const cursor of cursors) if (cursor.last > target) cursor.rewind();
  let at = from;
  for (;;) {
    let furthest = target;
    for (const cursor of cursors) {
      furthest = cursor.seek(target);
      if (furthest !== target) break;
    }
    if (furthest === target) break;
    at = furthest === PAST_EVERY_TEXT ? end : gallop(texts, at, end, furthest, counter);
    if (at === end) break;
    target = texts[at] as number;
  }
  for (const cursor of cursors) {
    counter.work += cursor.work;
    cursor.work = 0;
  }
  return at;
}
