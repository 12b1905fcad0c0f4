/** A Uint32Array that grows as values are appended, for columns whose length is not known ahead. */
export class GrowableU32 {
  #array: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.#array = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.#array.length) {
      const grown = new Uint32Array(this.#array.length * 2);
      grown.set(this.#array);
      this.#array = grown;
    }
    this.#array[this.length++] = value;
  }

  get(index: number): number {
    return this.#array[index] as number;
  }

  /** Overwrites a value appended before. */
  set(index: number, value: number): void {
    this.#array[index] = value;
  }

  /** The values appended, without the spare room. */
  done(): Uint32Array {
    return this.#array.subarray(0, this.length);
  }
}
