/**
 * A Uint32Array that grows as values are appended, for columns whose length is not known ahead; a
 * `shared` one lives in a SharedArrayBuffer, so that another thread can be handed it without a copy.
 */
export class GrowableU32 {
  #array: Uint32Array;
  length = 0;

  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.#array = this.#allocate(capacity);
  }

  #allocate(length: number): Uint32Array {
    return new Uint32Array(this.shared ? new SharedArrayBuffer(length * 4) : new ArrayBuffer(length * 4));
  }

  push(value: number): void {
    if (this.length === this.#array.length) {
      const grown = this.#allocate(Math.max(16, this.#array.length * 2));
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

  /** Lets go of every value. */
  clear(): void {
    this.#array = this.#allocate(0);
    this.length = 0;
  }

  /** The values appended, without the spare room. */
  done(): Uint32Array {
    return this.#array.subarray(0, this.length);
  }
}
