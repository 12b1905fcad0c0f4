/** Binary heaps kept in plain arrays of numbers, ordered by a comparison given at each call. */

/** Moves `heap[from]` down a binary heap kept in `before` order (the first item is the one before all others). */
export function siftDown(heap: number[], from: number, before: (a: number, b: number) => boolean): void {
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
export function siftUp(heap: number[], from: number, before: (a: number, b: number) => boolean): void {
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
