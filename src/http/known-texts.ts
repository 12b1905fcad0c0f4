import { LRUCache } from 'lru-cache';
import xxhash from 'xxhash-wasm';

const { h32Raw } = await xxhash();

/**
 * The key a text is kept under: 32 bits of xxHash of its bytes. Looking a request's text up by
 * itself cost a string made of its bytes and V8 hashing every character of it (~0.7 µs for a
 * 400-byte body); its bytes hash in a tenth of that. Texts that share a key are told apart by
 * their bytes.
 */
export const textKey = (bytes: Uint8Array): number => h32Raw(bytes);

export interface KnownTextsBounds {
  /** How many texts are kept at once. */
  readonly max: number;
  /** The memory they may hold together, as their sizes count it. */
  readonly maxSize: number;
  /** The most one may hold; a larger one is not kept. */
  readonly maxEntrySize: number;
}

interface Kept<T> {
  readonly bytes: Uint8Array;
  readonly value: T;
  readonly size: number;
}

/**
 * Values kept by the exact bytes of a request text, least recently used first out, within bounds
 * of count and memory (lru-cache). Of two texts that share a key, the later one is kept.
 */
export class KnownTexts<T> {
  readonly #kept: LRUCache<number, Kept<T>>;

  constructor(bounds: KnownTextsBounds) {
    this.#kept = new LRUCache<number, Kept<T>>({ ...bounds, sizeCalculation: (kept) => kept.size });
  }

  /** The value kept for exactly these bytes. */
  get(bytes: Uint8Array): T | undefined {
    const kept = this.#kept.get(textKey(bytes));
    return kept !== undefined && Buffer.compare(kept.bytes, bytes) === 0 ? kept.value : undefined;
  }

  has(bytes: Uint8Array): boolean {
    return this.get(bytes) !== undefined;
  }

  /**
   * Keeps `value` for a copy of `bytes` (a request's body is a view of the socket's whole read
   * buffer, which it would hold), counted as `size` plus the bytes; nothing when that is over the bound.
   */
  set(bytes: Uint8Array, value: T, size: number): void {
    const copy = new Uint8Array(bytes);
    this.#kept.set(textKey(bytes), { bytes: copy, value, size: size + copy.length });
  }

  get size(): number {
    return this.#kept.size;
  }

  /** The memory the kept texts hold, as their sizes count it. */
  get calculatedSize(): number {
    return this.#kept.calculatedSize;
  }
}
