import { readFile } from 'node:fs/promises';
import { GenerationalCache } from '../cache.js';
import { KINDS, type Kind } from '../kinds.js';
import type { EntityRecord } from '../model.js';
import { type SectionArray, SectionFile, SectionFileError, type SectionLayout } from '../section-file.js';
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
import { FORMAT_VERSION, MAGIC, modifiedOf, type SnapshotHeader } from './format.js';
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

/** The snapshot's kind of section file (see format.ts). */
const LAYOUT: SectionLayout = { magic: MAGIC, format: FORMAT_VERSION, offsets: 'from-start' };

/** A refusal of the section reader, in the snapshot's words and codes. */
function snapshotError(error: unknown): unknown {
  if (!(error instanceof SectionFileError)) return error;
  switch (error.reason) {
    case 'unreadable':
      return new SnapshotError('SNAPSHOT_UNREADABLE', error.message);
    case 'foreign':
      return new SnapshotError('SNAPSHOT_FORMAT', 'is not a paralympics-graph snapshot');
    case 'format':
      return new SnapshotError(
        'SNAPSHOT_FORMAT',
        `is in snapshot format ${error.found}; this server reads ${FORMAT_VERSION}`,
      );
    case 'corrupt':
      return new SnapshotError('SNAPSHOT_CORRUPT', error.message);
  }
}

function opening<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    throw snapshotError(error);
  }
}

/** Reads and checks the preamble and header at the start of a snapshot held in memory (its sections are not checked). */
export function readHeader(start: Uint8Array): { header: SnapshotHeader } {
  return {
    header: opening(() => SectionFile.ofBytes(start, LAYOUT, { check: false })).header as unknown as SnapshotHeader,
  };
}

/** The header of a snapshot file alone, without reading the rest; undefined when there is no such file. */
export async function readSnapshotHeader(file: string): Promise<SnapshotHeader | undefined> {
  let opened: SectionFile;
  try {
    opened = opening(() => SectionFile.open(file, LAYOUT));
  } catch (error) {
    if (error instanceof SnapshotError && error.code === 'SNAPSHOT_UNREADABLE') return undefined;
    throw error;
  }
  opened.close();
  return opened.header as unknown as SnapshotHeader;
}

/** Reads a whole snapshot file into memory. */
export async function readSnapshotFile(file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new SnapshotError('SNAPSHOT_UNREADABLE', `cannot be read (${error.code ?? 'error'})`);
  });
}

/**
 * Opens a snapshot held in `buffer`: checks its format, header and every section's checksum (a damaged
 * snapshot is refused, never read), then reads it in place: nothing is copied or rebuilt.
 */
export function openSnapshot(buffer: Uint8Array): SnapshotSource {
  const file = opening(() => SectionFile.ofBytes(buffer, LAYOUT));
  return new SnapshotSource(file.header as unknown as SnapshotHeader, file);
}

/**
 * Opens a snapshot file where it lies: its preamble and header are read and checked now, and, the
 * first time this file is opened, every section's checksum, streamed through without keeping it (a
 * damaged snapshot is refused while it can be compiled again); later opens of the same file skip that
 * pass (see SectionFile.openVerified). Each section is read when first used and checked again then;
 * one found damaged is refused (SNAPSHOT_CORRUPT) every time it is asked for, never read.
 */
export function openSnapshotAt(file: string): SnapshotSource {
  const opened = opening(() => SectionFile.openVerified(file, LAYOUT, `${file}.verified`));
  return new SnapshotSource(opened.header as unknown as SnapshotHeader, opened);
}

/** A compiled snapshot read in memory, as it would be from its file, without laying it out. */
export function openCompiled(compiled: {
  readonly header: Omit<SnapshotHeader, 'sections'>;
  readonly sections: ReadonlyMap<string, Uint8Array | Uint32Array | Float64Array>;
}): SnapshotSource {
  return new SnapshotSource({ ...compiled.header, sections: {} }, { section: (name) => compiled.sections.get(name) });
}

/** Where a snapshot's sections come from: a file (read on first use) or arrays in memory. */
interface Sections {
  section(name: string): SectionArray | undefined;
  /** Reads sections in the background (a file only). */
  preload?(names: Iterable<string>): Promise<void>;
  close?(): void;
}

function section<T extends SectionArray>(sections: Sections, name: string): T {
  let found: SectionArray | undefined;
  try {
    found = sections.section(name);
  } catch (error) {
    throw snapshotError(error);
  }
  if (!found) throw new SnapshotError('SNAPSHOT_CORRUPT', `lacks its section ${name}`);
  return found as T;
}

/** A graph read in place from a snapshot's columns, records materialised on demand. */
export class SnapshotSource implements GraphSource {
  readonly version: string;
  readonly modified: string;
  readonly #header: SnapshotHeader;
  readonly #sections: Sections;
  readonly #records = new GenerationalCache<number, EntityRecord>(RECORD_CACHE);
  readonly #ids = new WeakMap<EntityRecord, number>();
  readonly #firsts: Int32Array;
  readonly #properties: PropertyTable;
  readonly #annotations: Readonly<Record<string, unknown>>;
  // Each group of sections is read on its first use (see openSnapshotAt), not when the snapshot is opened.
  #stringOffsets: Uint32Array | undefined;
  #stringBytes: Buffer | undefined;
  #columnsRead: Columns | undefined;
  #slugsRead: Uint32Array | undefined;
  #textsRead: { record: Uint32Array; file: Uint32Array; text: Uint32Array } | undefined;

  constructor(header: SnapshotHeader, sections: Sections) {
    this.#header = header;
    this.#sections = sections;
    this.version = header.version;
    this.modified = modifiedOf(header);
    this.#annotations = header.annotations ?? {};
    this.#properties = new PropertyTable(header.properties);
    this.#firsts = new Int32Array(KINDS.map((kind) => header.kinds[kind].first));
  }

  /** The sections every request reads (strings, records' columns, slugs), read in the background until each is. */
  async preload(): Promise<void> {
    await this.#sections.preload?.(
      Object.keys(this.#header.sections).filter((name) => /^(strings|columns)\.|^slugs$/.test(name)),
    );
  }

  get #columns(): Columns {
    if (this.#columnsRead === undefined) {
      const column = (name: keyof ColumnArrays) => section<Uint32Array>(this.#sections, `columns.${name}`);
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
        numbers: section<Float64Array>(this.#sections, 'columns.numbers'),
        citationReport: column('citationReport'),
        citationQuote: column('citationQuote'),
        listOffsets: column('listOffsets'),
        listItems: column('listItems'),
      };
      this.#columnsRead = new Columns(arrays, this.#properties, (id) => this.#string(id));
    }
    return this.#columnsRead;
  }

  get #slugs(): Uint32Array {
    this.#slugsRead ??= section<Uint32Array>(this.#sections, 'slugs');
    return this.#slugsRead;
  }

  get #texts(): { record: Uint32Array; file: Uint32Array; text: Uint32Array } {
    this.#textsRead ??= {
      record: section<Uint32Array>(this.#sections, 'texts.record'),
      file: section<Uint32Array>(this.#sections, 'texts.file'),
      text: section<Uint32Array>(this.#sections, 'texts.text'),
    };
    return this.#textsRead;
  }

  #string(id: number): string {
    if (this.#stringBytes === undefined || this.#stringOffsets === undefined) {
      const bytes = section<Uint8Array>(this.#sections, 'strings.bytes');
      this.#stringOffsets = section<Uint32Array>(this.#sections, 'strings.offsets');
      this.#stringBytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return this.#stringBytes.toString('utf8', this.#stringOffsets[id], this.#stringOffsets[id + 1]);
  }

  /** What the snapshot holds, as it is kept: for copying the graph elsewhere (PostgreSQL). */
  get contents() {
    return {
      header: this.#header,
      columns: this.#columns,
      string: (id: number) => this.#string(id),
      section: <T extends SectionArray>(name: string) => section<T>(this.#sections, name),
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

  read<T>(work: () => T): T {
    return work();
  }

  readonly remote = false;
  readonly lacking = false;

  async close(): Promise<void> {
    this.#sections.close?.();
  }
}
