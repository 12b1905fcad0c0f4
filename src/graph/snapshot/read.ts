import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { GenerationalCache } from '../cache.js';
import { KINDS, type Kind } from '../kinds.js';
import type { EntityRecord } from '../model.js';
import {
  ArrayIdList,
  type ClaimCell,
  EMPTY_IDS,
  type FactTest,
  type GraphSource,
  type IdList,
  intersect,
  type KeyedIndex,
  RangeIdList,
  type Relation,
  type RelationLists,
} from '../source.js';
import type { Medals } from '../store.js';
import { type ColumnArrays, Columns, NONE, PropertyTable } from './columns.js';
import { FORMAT_VERSION, MAGIC, modifiedOf, PREAMBLE_BYTES, type SnapshotHeader } from './format.js';
import { type SearchArrays, SnapshotSearch } from './search.js';
import { findSlug } from './slugs.js';

/** Why a snapshot file cannot be used; it is compiled again (or, with `npm run compile`, refused). */
export class SnapshotError extends Error {
  constructor(
    readonly code: 'SNAPSHOT_UNREADABLE' | 'SNAPSHOT_FORMAT' | 'SNAPSHOT_CORRUPT',
    message: string,
  ) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** How many records a snapshot keeps materialised at once (twice this at most: see GenerationalCache). */
const RECORD_CACHE = 20_000;

/** Reads and checks the preamble and header at the start of a snapshot (the first `PREAMBLE_BYTES` + header). */
export function readHeader(start: Buffer): { header: SnapshotHeader; headerEnd: number } {
  if (start.length < PREAMBLE_BYTES || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new SnapshotError('SNAPSHOT_FORMAT', 'is not a paralympics-graph snapshot');
  }
  const format = start.readUInt32LE(8);
  if (format !== FORMAT_VERSION) {
    throw new SnapshotError('SNAPSHOT_FORMAT', `is in snapshot format ${format}; this server reads ${FORMAT_VERSION}`);
  }
  const length = start.readUInt32LE(12);
  const json = start.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + length);
  if (json.length !== length || crc32(json) !== start.readUInt32LE(16)) {
    throw new SnapshotError('SNAPSHOT_CORRUPT', 'has a damaged header');
  }
  return { header: JSON.parse(json.toString('utf8')) as SnapshotHeader, headerEnd: PREAMBLE_BYTES + length };
}

/** The header of a snapshot file alone, without reading the rest; undefined when there is no such file. */
export async function readSnapshotHeader(file: string): Promise<SnapshotHeader | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const preamble = Buffer.alloc(PREAMBLE_BYTES);
    await handle.read(preamble, 0, PREAMBLE_BYTES, 0);
    const length = preamble.subarray(0, MAGIC.length).equals(MAGIC) ? preamble.readUInt32LE(12) : 0;
    const start = Buffer.alloc(PREAMBLE_BYTES + length);
    await handle.read(start, 0, start.length, 0);
    return readHeader(start).header;
  } finally {
    await handle.close();
  }
}

/** Reads a whole snapshot file into memory. */
export async function readSnapshotFile(file: string): Promise<Buffer> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new SnapshotError('SNAPSHOT_UNREADABLE', `cannot be read (${error.code ?? 'error'})`);
  });
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(size);
    for (let done = 0; done < size; ) {
      const { bytesRead } = await handle.read(buffer, done, Math.min(size - done, 64 << 20), done);
      if (bytesRead === 0) throw new SnapshotError('SNAPSHOT_CORRUPT', 'ends before its sections do');
      done += bytesRead;
    }
    return buffer;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a snapshot held in `buffer`: checks its format, header and every section's checksum (a damaged
 * snapshot is refused, never read), then reads it in place: nothing is copied or rebuilt.
 */
export function openSnapshot(buffer: Buffer): SnapshotSource {
  const { header, headerEnd } = readHeader(buffer);
  const sections = new Map<string, Uint8Array | Uint32Array | Float64Array>();
  for (const [name, entry] of Object.entries(header.sections)) {
    if (entry.offset < headerEnd || entry.offset % 8 !== 0 || entry.offset + entry.length > buffer.length) {
      throw new SnapshotError('SNAPSHOT_CORRUPT', `is cut short (section ${name})`);
    }
    const bytes = buffer.subarray(entry.offset, entry.offset + entry.length);
    if (crc32(bytes) !== entry.crc) throw new SnapshotError('SNAPSHOT_CORRUPT', `is damaged (section ${name})`);
    const at = buffer.byteOffset + entry.offset;
    sections.set(
      name,
      entry.type === 'u32'
        ? new Uint32Array(buffer.buffer, at, entry.length / 4)
        : entry.type === 'f64'
          ? new Float64Array(buffer.buffer, at, entry.length / 8)
          : bytes,
    );
  }
  return new SnapshotSource(header, sections, buffer);
}

/** A compiled snapshot read in memory, as it would be from its file, without laying it out. */
export function openCompiled(compiled: {
  readonly header: Omit<SnapshotHeader, 'sections'>;
  readonly sections: ReadonlyMap<string, Uint8Array | Uint32Array | Float64Array>;
}): SnapshotSource {
  return new SnapshotSource({ ...compiled.header, sections: {} }, compiled.sections, Buffer.alloc(0));
}

function section<T extends Uint8Array | Uint32Array | Float64Array>(
  sections: ReadonlyMap<string, Uint8Array | Uint32Array | Float64Array>,
  name: string,
): T {
  const found = sections.get(name);
  if (!found) throw new SnapshotError('SNAPSHOT_CORRUPT', `lacks its section ${name}`);
  return found as T;
}

/** A graph read in place from a snapshot's columns, records materialised on demand. */
export class SnapshotSource implements GraphSource {
  readonly version: string;
  readonly modified: string;
  readonly #header: SnapshotHeader;
  readonly #sections: ReadonlyMap<string, Uint8Array | Uint32Array | Float64Array>;
  readonly #stringOffsets: Uint32Array;
  readonly #stringBytes: Buffer;
  readonly #columns: Columns;
  readonly #slugs: Uint32Array;
  readonly #records = new GenerationalCache<number, EntityRecord>(RECORD_CACHE);
  readonly #ids = new WeakMap<EntityRecord, number>();
  readonly #firsts: Int32Array;
  readonly #search: SnapshotSearch;
  readonly #texts: { record: Uint32Array; file: Uint32Array; text: Uint32Array };
  readonly #properties: PropertyTable;
  readonly #annotations: Readonly<Record<string, unknown>>;

  constructor(
    header: SnapshotHeader,
    sections: ReadonlyMap<string, Uint8Array | Uint32Array | Float64Array>,
    /** Kept so that the memory every section views stays alive as long as the source. */
    readonly buffer: Buffer,
  ) {
    this.#header = header;
    this.#sections = sections;
    this.version = header.version;
    this.modified = modifiedOf(header);
    this.#annotations = header.annotations ?? {};
    const offsets = section<Uint32Array>(sections, 'strings.offsets');
    const bytes = section<Uint8Array>(sections, 'strings.bytes');
    this.#stringOffsets = offsets;
    this.#stringBytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const column = (name: keyof ColumnArrays) => section<Uint32Array>(sections, `columns.${name}`);
    const arrays: ColumnArrays = {
      recordSlug: column('recordSlug'),
      recordShape: column('recordShape'),
      recordValues: column('recordValues'),
      recordCitations: column('recordCitations'),
      shapeOffsets: column('shapeOffsets'),
      shapeMeta: column('shapeMeta'),
      shapeCitations: column('shapeCitations'),
      shapeExtra: column('shapeExtra'),
      values: column('values'),
      numbers: section<Float64Array>(sections, 'columns.numbers'),
      citationReport: column('citationReport'),
      citationQuote: column('citationQuote'),
      listOffsets: column('listOffsets'),
      listItems: column('listItems'),
    };
    this.#properties = new PropertyTable(header.properties);
    this.#columns = new Columns(arrays, this.#properties, (id) => this.#string(id));
    this.#slugs = section<Uint32Array>(sections, 'slugs');
    this.#firsts = new Int32Array(KINDS.map((kind) => header.kinds[kind].first));
    const search = (name: keyof SearchArrays) => section<Uint32Array>(sections, `search.${name}`);
    this.#search = new SnapshotSearch(
      {
        entries: search('entries'),
        entryKinds: section<Uint8Array>(sections, 'search.entryKinds'),
        nameStart: search('nameStart'),
        nameEntry: search('nameEntry'),
        nameWords: search('nameWords'),
        words: search('words'),
        dictionary: search('dictionary'),
        postingOffsets: search('postingOffsets'),
        postings: search('postings'),
        exact: search('exact'),
      },
      (word) => this.#string(search('dictionary')[word] as number),
    );
    this.#texts = {
      record: section<Uint32Array>(sections, 'texts.record'),
      file: section<Uint32Array>(sections, 'texts.file'),
      text: section<Uint32Array>(sections, 'texts.text'),
    };
  }

  #string(id: number): string {
    return this.#stringBytes.toString('utf8', this.#stringOffsets[id], this.#stringOffsets[id + 1]);
  }

  /** What the snapshot holds, as it is kept: for copying the graph elsewhere (PostgreSQL). */
  get contents() {
    return {
      header: this.#header,
      columns: this.#columns,
      string: (id: number) => this.#string(id),
      section: <T extends Uint8Array | Uint32Array | Float64Array>(name: string) => section<T>(this.#sections, name),
    };
  }

  #kindIndex(id: number): number {
    const firsts = this.#firsts;
    for (let kind = firsts.length - 1; kind > 0; kind--) if (id >= (firsts[kind] as number)) return kind;
    return 0;
  }

  #slugOf = (id: number) => this.#string(this.#columns.arrays.recordSlug[id] as number);

  annotation(name: string): unknown {
    return Object.hasOwn(this.#annotations, name) ? this.#annotations[name] : undefined;
  }

  count(kind: Kind): number {
    return this.#header.kinds[kind].count;
  }

  find(kind: Kind, slug: string): number {
    return findSlug(this.#slugs, slug, KINDS.indexOf(kind), this.#slugOf, (id) => this.#kindIndex(id));
  }

  findByCode(kind: 'country' | 'npc', code: string): number {
    return Object.hasOwn(this.#header.codes[kind], code) ? (this.#header.codes[kind][code] as number) : -1;
  }

  idOf(record: EntityRecord): number {
    return this.#ids.get(record) ?? this.find(record.kind, record.slug);
  }

  #textAt(id: number): number {
    const records = this.#texts.record;
    let low = 0;
    let high = records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((records[middle] as number) < id) low = middle + 1;
      else high = middle;
    }
    return records[low] === id ? low : -1;
  }

  record(id: number): EntityRecord {
    let record = this.#records.get(id);
    if (record === undefined) {
      const kind = KINDS[this.#kindIndex(id)] as Kind;
      const text = kind === 'report' ? this.#textAt(id) : -1;
      record = this.#columns.record(
        id,
        kind,
        this.#header.kinds[kind].file,
        text < 0 ? null : this.#string(this.#texts.file[text] as number),
      );
      this.#records.set(id, record);
      this.#ids.set(record, id);
    }
    return record;
  }

  all(kind: Kind): IdList {
    const { first, count } = this.#header.kinds[kind];
    return new RangeIdList(first, count);
  }

  /** Each relation's sections, found once: filters read relations in tight loops. */
  readonly #relations = new Map<Relation, { first: number; count: number; offsets: Uint32Array; items: Uint32Array }>();

  #relation(relation: Relation) {
    let found = this.#relations.get(relation);
    if (!found) {
      found = {
        ...this.#header.relations[relation],
        offsets: section<Uint32Array>(this.#sections, `relations.${relation}.offsets`),
        items: section<Uint32Array>(this.#sections, `relations.${relation}.items`),
      };
      this.#relations.set(relation, found);
    }
    return found;
  }

  related(relation: Relation, id: number): IdList {
    const { first, count, offsets, items } = this.#relation(relation);
    const key = id - first;
    if (key < 0 || key >= count) return EMPTY_IDS;
    const start = offsets[key] as number;
    return new ArrayIdList(items, start, (offsets[key + 1] as number) - start);
  }

  relationLists(relation: Relation): RelationLists {
    return this.#relation(relation);
  }

  keyed(index: KeyedIndex, key: string | number): IdList {
    const keys = this.#header.keyed[index];
    const name = String(key);
    if (!Object.hasOwn(keys, name)) return EMPTY_IDS;
    const [start, length] = keys[name] as readonly [number, number];
    return new ArrayIdList(section<Uint32Array>(this.#sections, 'keyed'), start, length);
  }

  select(kind: Kind, lists: readonly IdList[], tests: readonly FactTest[]): IdList {
    const { first, count } = this.#header.kinds[kind];
    const base: ArrayLike<number> = lists.length > 0 ? intersect(lists) : this.all(kind).ids(0, count);
    const checks = tests.map((test) => [this.#properties.id(test.property), test.equals] as const);
    const kept = new Uint32Array(base.length);
    let size = 0;
    for (let index = 0; index < base.length; index++) {
      const id = base[index] as number;
      if (id < first || id >= first + count) continue;
      if (checks.every(([property, value]) => this.#columns.fact(id, property) === value)) kept[size++] = id;
    }
    return new ArrayIdList(kept.subarray(0, size));
  }

  medals(country: number): Medals {
    const at = (country - this.#header.kinds.country.first) * 4;
    const medals = section<Uint32Array>(this.#sections, 'medals');
    return {
      gold: medals[at] ?? 0,
      silver: medals[at + 1] ?? 0,
      bronze: medals[at + 2] ?? 0,
      total: medals[at + 3] ?? 0,
    };
  }

  fact(id: number, property: string): string | number | boolean | null {
    return this.#columns.shownValue(id, this.#properties.id(property));
  }

  factList(id: number, property: string): readonly (string | number | boolean | null)[] {
    return this.#columns.factList(id, this.#properties.id(property));
  }

  slug(id: number): string {
    return this.#slugOf(id);
  }

  claims(id: number, property: string): ClaimCell[] {
    return [...this.#columns.claimValues(id, this.#properties.id(property))];
  }

  text(report: number): string | null {
    const at = this.#textAt(report);
    const text = at < 0 ? NONE : (this.#texts.text[at] as number);
    return text === NONE ? null : this.#string(text);
  }

  search(query: string, kinds: readonly Kind[] | null): IdList {
    return this.#search.search(query, kinds?.map((kind) => KINDS.indexOf(kind)) ?? null);
  }

  read<T>(work: () => T): T {
    return work();
  }

  readonly remote = false;
  readonly lacking = false;

  async close(): Promise<void> {}
}
