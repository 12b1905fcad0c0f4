/** Strings kept as UTF-8 bytes with their offsets, each decoded only when asked for. */
export class StringTable {
  readonly #bytes: Buffer;

  constructor(
    readonly offsets: Uint32Array,
    readonly bytes: Uint8Array,
  ) {
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  static of(strings: readonly string[]): StringTable {
    const encoded = strings.map((text) => Buffer.from(text, 'utf8'));
    const offsets = new Uint32Array(strings.length + 1);
    encoded.forEach((bytes, index) => {
      offsets[index + 1] = (offsets[index] as number) + bytes.length;
    });
    return new StringTable(offsets, Buffer.concat(encoded));
  }

  /** The table of `count` strings given one at a time (each asked for twice), never holding them all. */
  static from(count: number, at: (index: number) => string): StringTable {
    const offsets = new Uint32Array(count + 1);
    for (let index = 0; index < count; index++)
      offsets[index + 1] = (offsets[index] as number) + Buffer.byteLength(at(index), 'utf8');
    const bytes = Buffer.allocUnsafe(offsets[count] as number);
    for (let index = 0; index < count; index++) bytes.write(at(index), offsets[index] as number, 'utf8');
    return new StringTable(offsets, bytes);
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  at(index: number): string {
    return this.#bytes.toString('utf8', this.offsets[index] as number, this.offsets[index + 1] as number);
  }
}

/** FNV-1a over a string's UTF-16 code units, for tables of strings by their text. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  return hash >>> 0;
}

/** The size of an open-addressing table for `count` items: a power of two, at most half full. */
export const tableSize = (count: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, count * 2)));

/** An open-addressing table of items (stored as item + 1; 0 is empty) by the hash of each. */
export function hashTable(count: number, hashOf: (item: number) => number): Uint32Array {
  const table = new Uint32Array(tableSize(count));
  for (let item = 0; item < count; item++) {
    let slot = hashOf(item) & (table.length - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (table.length - 1);
    table[slot] = item + 1;
  }
  return table;
}

/** The item of a table built by {@link hashTable} whose hash is `hash` and for which `is` holds. */
export function lookUp(table: Uint32Array, hash: number, is: (item: number) => boolean): number | undefined {
  if (table.length === 0) return undefined;
  for (let slot = hash & (table.length - 1); table[slot] !== 0; slot = (slot + 1) & (table.length - 1)) {
    const item = (table[slot] as number) - 1;
    if (is(item)) return item;
  }
  return undefined;
}
