/**
 * A set of positions 0…size-1 as bits of 32-bit words: the records of one kind that pass a filter, by
 * their position in the kind's display order. Sets combine word by word (AND, OR, NOT), count by
 * popcount, and are walked from any position in either direction, skipping empty words whole. (The
 * bitset packages on npm walk forward only; a page asked for with `last`/`before` walks backward.)
 */
export class Bits {
  readonly words: Uint32Array;

  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  static full(size: number): Bits {
    const bits = new Bits(size);
    bits.words.fill(0xffff_ffff);
    bits.#trim();
    return bits;
  }

  /** The positions given (each within 0…size-1). */
  static of(size: number, positions: ArrayLike<number>, offset = 0): Bits {
    const bits = new Bits(size);
    bits.addAll(positions, offset);
    return bits;
  }

  has(position: number): boolean {
    return (
      position >= 0 && position < this.size && ((this.words[position >>> 5] as number) & (1 << (position & 31))) !== 0
    );
  }

  add(position: number): void {
    const word = position >>> 5;
    this.words[word] = (this.words[word] as number) | (1 << (position & 31));
  }

  /** Adds each of `ids` less `offset` (ids of a kind whose first id is `offset`). */
  addAll(ids: ArrayLike<number>, offset = 0): void {
    const words = this.words;
    for (let index = 0; index < ids.length; index++) {
      const position = (ids[index] as number) - offset;
      words[position >>> 5] = (words[position >>> 5] as number) | (1 << (position & 31));
    }
  }

  and(other: Bits): Bits {
    const words = new Uint32Array(this.words.length);
    for (let at = 0; at < words.length; at++) words[at] = (this.words[at] as number) & (other.words[at] as number);
    return new Bits(this.size, words);
  }

  or(other: Bits): Bits {
    const words = new Uint32Array(this.words.length);
    for (let at = 0; at < words.length; at++) words[at] = (this.words[at] as number) | (other.words[at] as number);
    return new Bits(this.size, words);
  }

  not(): Bits {
    const words = new Uint32Array(this.words.length);
    for (let at = 0; at < words.length; at++) words[at] = ~(this.words[at] as number);
    const bits = new Bits(this.size, words);
    bits.#trim();
    return bits;
  }

  /** Clears the bits past `size` in the last word. */
  #trim(): void {
    const rest = this.size & 31;
    if (rest !== 0)
      this.words[this.words.length - 1] = (this.words[this.words.length - 1] as number) & ((1 << rest) - 1);
  }

  /** How many positions the set holds. */
  count(): number {
    let total = 0;
    for (let at = 0; at < this.words.length; at++) {
      let word = (this.words[at] as number) >>> 0;
      word -= (word >>> 1) & 0x5555_5555;
      word = (word & 0x3333_3333) + ((word >>> 2) & 0x3333_3333);
      total += (Math.imul((word + (word >>> 4)) & 0x0f0f_0f0f, 0x0101_0101) >>> 24) as number;
    }
    return total;
  }

  /** The first position at or after `from` in the set, or -1. */
  next(from: number): number {
    if (from < 0) from = 0;
    if (from >= this.size) return -1;
    let at = from >>> 5;
    let word = ((this.words[at] as number) >>> (from & 31)) << (from & 31);
    for (;;) {
      if (word !== 0) {
        const position = (at << 5) + (31 - Math.clz32(word & -word));
        return position < this.size ? position : -1;
      }
      if (++at >= this.words.length) return -1;
      word = this.words[at] as number;
    }
  }

  /** The last position at or before `from` in the set, or -1. */
  previous(from: number): number {
    if (from >= this.size) from = this.size - 1;
    if (from < 0) return -1;
    let at = from >>> 5;
    const shift = 31 - (from & 31);
    let word = (((this.words[at] as number) << shift) >>> shift) >>> 0;
    for (;;) {
      if (word !== 0) return (at << 5) + (31 - Math.clz32(word));
      if (--at < 0) return -1;
      word = this.words[at] as number;
    }
  }
}
