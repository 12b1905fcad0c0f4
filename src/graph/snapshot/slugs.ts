/**
 * Records by kind and slug: an open-addressing hash table of record ids (plus one; 0 is empty), sized
 * to twice the records so that a lookup probes about once.
 */
export function slugHash(slug: string, kind: number): number {
  let hash = (0x811c9dc5 ^ kind) >>> 0;
  for (let at = 0; at < slug.length; at++) hash = Math.imul(hash ^ slug.charCodeAt(at), 0x01000193);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function buildSlugTable(
  count: number,
  slugOf: (id: number) => string,
  kindOf: (id: number) => number,
): Uint32Array {
  const table = new Uint32Array(2 ** Math.ceil(Math.log2(Math.max(2, count * 2))));
  const mask = table.length - 1;
  for (let id = 0; id < count; id++) {
    let slot = slugHash(slugOf(id), kindOf(id)) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = id + 1;
  }
  return table;
}

/** The id of the record of `kind` with `slug`, or -1. */
export function findSlug(
  table: Uint32Array,
  slug: string,
  kind: number,
  slugOf: (id: number) => string,
  kindOf: (id: number) => number,
): number {
  const mask = table.length - 1;
  for (let slot = slugHash(slug, kind) & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
    const id = (table[slot] as number) - 1;
    if (kindOf(id) === kind && slugOf(id) === slug) return id;
  }
  return -1;
}
