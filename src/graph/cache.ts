/**
 * A bounded cache that keeps what is used often, in two generations: new entries go to the young
 * one; when it is full it becomes the old one and the previous old generation is let go. A hit in the
 * old generation moves the entry back to the young one. It holds between `capacity` and twice that
 * many entries, and a hit costs one or two map lookups, without the bookkeeping of an exact LRU.
 */
export class GenerationalCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.#young.size >= this.capacity) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  get size(): number {
    return this.#young.size + this.#old.size;
  }

  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }
}
