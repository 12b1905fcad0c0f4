/**
 * The items of a range with the largest counts, found without reading the range: a segment tree
 * holds, for each node, the item of largest count below it (the lowest among equals), so the largest
 * of any range is found in O(log n), and the k largest in O(k log n) by splitting the range around
 * each one found.
 */
export class RangeMost {
  readonly #leaves: number;
  /** For each node (1 the root, leaves from `#leaves`), its item of largest count, -1 for none. */
  readonly #best: Int32Array;

  constructor(private readonly counts: ArrayLike<number>) {
    let leaves = 1;
    while (leaves < counts.length) leaves *= 2;
    this.#leaves = leaves;
    this.#best = new Int32Array(2 * leaves).fill(-1);
    for (let item = 0; item < counts.length; item++) this.#best[leaves + item] = item;
    for (let node = leaves - 1; node >= 1; node--)
      this.#best[node] = this.#larger(this.#best[2 * node] as number, this.#best[2 * node + 1] as number);
  }

  /** The item of larger count (the lower one if equal); -1 stands for none. */
  #larger(a: number, b: number): number {
    if (a === -1) return b;
    if (b === -1) return a;
    const difference = (this.counts[a] as number) - (this.counts[b] as number);
    return difference > 0 || (difference === 0 && a < b) ? a : b;
  }

  /** The item of largest count in [from, to), the lowest among equals; -1 for an empty range. */
  largest(from: number, to: number): number {
    let best = -1;
    let low = from + this.#leaves;
    let high = to + this.#leaves;
    while (low < high) {
      if (low & 1) best = this.#larger(best, this.#best[low++] as number);
      if (high & 1) best = this.#larger(best, this.#best[--high] as number);
      low >>= 1;
      high >>= 1;
    }
    return best;
  }

  /** At most `most` items of [from, to), largest count first (lower items first among equals). */
  top(from: number, to: number, most: number): number[] {
    const found: number[] = [];
    // Ranges not taken apart yet, each with its largest item: at most one more per item found.
    const ranges: { from: number; to: number; best: number }[] = [];
    const add = (low: number, high: number) => {
      if (low < high) ranges.push({ from: low, to: high, best: this.largest(low, high) });
    };
    add(from, to);
    while (found.length < most && ranges.length > 0) {
      let pick = 0;
      for (let at = 1; at < ranges.length; at++) {
        const best = (ranges[at] as { best: number }).best;
        if (this.#larger(best, (ranges[pick] as { best: number }).best) === best) pick = at;
      }
      const range = ranges[pick] as { from: number; to: number; best: number };
      ranges[pick] = ranges[ranges.length - 1] as { from: number; to: number; best: number };
      ranges.pop();
      found.push(range.best);
      add(range.from, range.best);
      add(range.best + 1, range.to);
    }
    return found;
  }
}
