import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { compareText } from '../compare.js';
import { KINDS, type Kind } from '../kinds.js';
import type { Citation, Claim, EntityRecord } from '../model.js';
import { POINTING_PROPERTIES, parseRef } from '../refs.js';
import { foldForSearch } from '../search.js';
import { KEYED_INDEXES, type KeyedIndex, RELATIONS, type Relation, type RelationLists } from '../source.js';
import { NAMED_KINDS } from '../store.js';
import {
  CLAIM_CORE_FIELDS,
  type ColumnArrays,
  Columns,
  NONE,
  PropertyTable,
  packClaim,
  VALUE_NUMBER,
  VALUE_STRING,
  valueType,
} from './columns.js';
import {
  align8,
  FORMAT_VERSION,
  type InputStamp,
  MAGIC,
  PREAMBLE_BYTES,
  type SectionEntry,
  type SectionType,
  type SnapshotHeader,
} from './format.js';
import { GrowableU32 } from './growable.js';
import { buildSlugTable, findSlug } from './slugs.js';

type Section = Uint8Array | Uint32Array | Float64Array;

/** What a compiled snapshot is made of, before it is laid out in a file or a buffer. */
export interface CompiledSnapshot {
  readonly header: Omit<SnapshotHeader, 'sections'>;
  readonly sections: ReadonlyMap<string, Section>;
}

/** The relations the full-text index reads: an athlete's results, a country's participations, a result's Games. */
export const INDEX_RELATIONS = ['resultsByAthlete', 'delegationsByCountry', 'resultsByGames'] as const;
export type IndexRelation = (typeof INDEX_RELATIONS)[number];

/**
 * The columns of a graph being compiled, as soon as they are in display order: what the full-text
 * index is built from, by another thread while the compiler lays out the rest. Only typed arrays and
 * JSON, so that it can be posted; the string table's bytes are shared, not copied.
 */
export interface CompiledColumns {
  readonly version: string;
  readonly kinds: SnapshotHeader['kinds'];
  readonly properties: readonly string[];
  readonly arrays: ColumnArrays;
  /** The table of every string the columns name (ids below `offsets.length - 1`). */
  readonly strings: { readonly offsets: Uint32Array; readonly bytes: Uint8Array };
  readonly relations: Readonly<Record<IndexRelation, RelationLists>>;
}

/** How far a writer's parts went: how many of its strings, numbers, citations, lists, shapes and records. */
export interface PartMark {
  readonly strings: number;
  readonly numbers: number;
  readonly citations: number;
  readonly lists: number;
  readonly shapes: number;
  readonly records: number;
}

const NOTHING_YET: PartMark = { strings: 0, numbers: 0, citations: 0, lists: 0, shapes: 0, records: 0 };

/**
 * What one writer took in since a mark, as another writer absorbs it (see SnapshotWriter.part): ids
 * are the first writer's; the shared arrays run from its start.
 */
export interface WriterPart {
  readonly from: PartMark;
  readonly kinds: readonly {
    readonly kind: Kind;
    readonly start: number;
    readonly count: number;
    readonly file: string;
  }[];
  readonly strings: readonly string[];
  /** Report records (by index in the part) with a text file (a string id). */
  readonly textFiles: readonly (readonly [number, number])[];
  readonly arrays: ColumnArrays;
}

/** A trie of claims' extra values (by SameValueZero, so `null` and `"null"` differ): the string id of each combination. */
interface ExtraNode {
  id: number;
  readonly next: Map<unknown, ExtraNode>;
}

/** A trie of records' shapes: the id of each sequence of claims' (meta, list, extra) met so far. */
interface ShapeNode {
  id: number;
  readonly next: Map<number, ShapeNode>;
}

function shapeChild(node: ShapeNode, key: number): ShapeNode {
  let next = node.next.get(key);
  if (next === undefined) {
    next = { id: -1, next: new Map() };
    node.next.set(key, next);
  }
  return next;
}

/** The kinds each relation's lists are keyed by: its key range spans them. */
const RELATION_KEYS: Readonly<Record<Relation, readonly Kind[]>> = {
  npcsByCountry: ['country'],
  delegationsByCountry: ['country'],
  delegationsByGames: ['games'],
  delegationsByAthlete: ['athlete'],
  athletesByCountry: ['country'],
  eventsByGames: ['games'],
  resultsByEvent: ['event'],
  resultsByAthlete: ['athlete'],
  resultsByGuide: ['athlete'],
  resultsByGames: ['games'],
  organisationsByCountry: ['country'],
  reportsByPublisher: ['organisation'],
  reportsByAuthor: ['organisation', 'person'],
  reportsAbout: NAMED_KINDS,
  reportsCitedBy: ['report'],
  entitiesCiting: ['report'],
  referrers: KINDS,
};

/**
 * Compiles validated records into a snapshot's columns. Records are added as validation streams them
 * (kinds in KINDS order, records in file order) and kept compact from the start: one string table,
 * each distinct citation, list of citations and claim shape once, and per claim only its value. Once
 * all are in, {@link finish} sorts each kind into its display order (record ids follow it), and builds
 * the slug table, the relation and keyed indexes and the medal totals.
 */
export class SnapshotWriter {
  readonly #properties = new PropertyTable();
  readonly #strings = new Map<string, number>();
  readonly #stringList: string[] = [];
  readonly #numbers = new Map<number, number>();
  readonly #numberList: number[] = [];

  readonly #kinds = new Map<Kind, { start: number; count: number; file: string }>();
  readonly #recordSlug = new GrowableU32();
  readonly #recordShape = new GrowableU32();
  readonly #recordValues = new GrowableU32();
  readonly #recordCitations = new GrowableU32();
  readonly #textFiles = new Map<number, number>();

  /** Records' shapes in a trie, by each claim's meta, list of citations and extra fields in turn. */
  readonly #shapeRoot: ShapeNode = { id: -1, next: new Map() };
  readonly #scratchMetas: number[] = [];
  readonly #scratchLists: number[] = [];
  readonly #scratchExtras: number[] = [];
  readonly #shapeOffsets = new GrowableU32(1024, true);
  readonly #shapeMeta = new GrowableU32(1024, true);
  readonly #shapeCitations = new GrowableU32(1024, true);
  readonly #shapeExtra = new GrowableU32(1024, true);
  readonly #values = new GrowableU32(1024, true);

  readonly #citations = new Map<Citation, number>();
  readonly #citationKeys = new Map<string, number>();
  readonly #citationReport = new GrowableU32(1024, true);
  readonly #citationQuote = new GrowableU32(1024, true);
  readonly #lists = new Map<readonly Citation[], number>();
  readonly #listKeys = new Map<string, number>();
  readonly #listOffsets = new GrowableU32(1024, true);
  readonly #listItems = new GrowableU32(1024, true);
  #extraNames: string[] = [];
  readonly #extraValues: unknown[] = [];
  readonly #extraRoots = new Map<string, ExtraNode>();
  #extraRoot: ExtraNode = { id: -1, next: new Map() };

  constructor() {
    this.#shapeOffsets.push(0);
    this.#listOffsets.push(0);
  }

  /** The id of a string in the table, added on first use. */
  string(text: string): number {
    let id = this.#strings.get(text);
    if (id === undefined) {
      id = this.#stringList.push(text) - 1;
      this.#strings.set(text, id);
    }
    return id;
  }

  #number(value: number): number {
    let id = this.#numbers.get(value);
    if (id === undefined) {
      id = this.#numberList.push(value) - 1;
      this.#numbers.set(value, id);
    }
    return id;
  }

  #citation(citation: Citation): number {
    let id = this.#citations.get(citation);
    if (id !== undefined) return id;
    id = this.#citationId(citation.report, citation.quote);
    this.#citations.set(citation, id);
    return id;
  }

  /** The id of the citation of `report` with `quote`, added on first use. */
  #citationId(report: string, quote: string | null): number {
    const key = `${report}\u0000${quote ?? '\u0001'}`;
    let id = this.#citationKeys.get(key);
    if (id === undefined) {
      id = this.#citationReport.length;
      this.#citationReport.push(this.string(report));
      this.#citationQuote.push(quote === null ? NONE : this.string(quote));
      this.#citationKeys.set(key, id);
    }
    return id;
  }

  #citationList(list: readonly Citation[]): number {
    let id = this.#lists.get(list);
    if (id !== undefined) return id;
    id = this.#listId(list.map((citation) => this.#citation(citation)));
    this.#lists.set(list, id);
    return id;
  }

  /** The id of the list of these citations (by id), added on first use. */
  #listId(items: readonly number[]): number {
    const key = items.join(',');
    let id = this.#listKeys.get(key);
    if (id === undefined) {
      id = this.#listOffsets.length - 1;
      for (const item of items) this.#listItems.push(item);
      this.#listOffsets.push(this.#listItems.length);
      this.#listKeys.set(key, id);
    }
    return id;
  }

  /**
   * A claim's fields beyond the core ones, as one shared JSON object (a string id). Claims come with
   * the same fields, in the same order: the list of their names is checked name by name, and its
   * values lead down a trie of the values met so far, so that a known combination costs a few lookups
   * of strings and constants already seen, and no key is built.
   */
  #extra(claim: Claim): number {
    const fields = claim as unknown as Record<string, unknown>;
    const names = this.#extraNames;
    const values = this.#extraValues;
    let at = 0;
    let same = true;
    for (const name in fields) {
      if (CLAIM_CORE_FIELDS.has(name)) continue;
      if (names[at] !== name) same = false;
      values[at] = fields[name];
      at += 1;
    }
    if (!same || at !== names.length) {
      this.#extraNames = Object.keys(fields).filter((name) => !CLAIM_CORE_FIELDS.has(name));
      const signature = this.#extraNames.join('\u0001');
      let root = this.#extraRoots.get(signature);
      if (root === undefined) {
        root = { id: -1, next: new Map() };
        this.#extraRoots.set(signature, root);
      }
      this.#extraRoot = root;
    }
    let node = this.#extraRoot;
    for (let index = 0; index < at; index++) {
      const value = values[index];
      let next = node.next.get(value);
      if (next === undefined) {
        next = { id: -1, next: new Map() };
        node.next.set(value, next);
      }
      node = next;
    }
    if (node.id < 0) {
      const picked: Record<string, unknown> = {};
      for (const name in fields) if (!CLAIM_CORE_FIELDS.has(name)) picked[name] = fields[name];
      node.id = this.string(JSON.stringify(picked));
    }
    return node.id;
  }

  /** Takes in one validated record; records come kind after kind, in KINDS order. */
  add(record: EntityRecord): void {
    const index = this.#recordSlug.length;
    let range = this.#kinds.get(record.kind);
    if (!range) {
      range = { start: index, count: 0, file: record.file };
      this.#kinds.set(record.kind, range);
    }
    if (range.start + range.count !== index) throw new Error(`Records of ${record.kind} must come together`);
    range.count += 1;
    this.#recordSlug.push(this.string(record.slug));
    this.#recordCitations.push(this.#citationList(record.citations));
    if (record.textFile !== null) this.#textFiles.set(index, this.string(record.textFile));

    const facts = record.facts as Record<string, unknown>;
    // The record's shape: each claim's packed meta, list of citations and extra fields, found in a trie.
    const metas = this.#scratchMetas;
    const lists = this.#scratchLists;
    const extras = this.#scratchExtras;
    let node = this.#shapeRoot;
    let count = 0;
    this.#recordValues.push(this.#values.length);
    for (const claim of record.claims) {
      const shownValue = facts[claim.property];
      const shown =
        claim.value !== null &&
        (Array.isArray(shownValue) ? shownValue.includes(claim.value) : shownValue === claim.value);
      const meta = packClaim(
        this.#properties.id(claim.property),
        claim.rank,
        claim.preferred,
        claim.preferred && shown,
        claim.value,
      );
      const list = this.#citationList(claim.citations);
      const extra = this.#extra(claim);
      metas[count] = meta;
      lists[count] = list;
      extras[count] = extra;
      count += 1;
      node = shapeChild(shapeChild(shapeChild(node, meta), list), extra);
      const { value } = claim;
      this.#values.push(
        typeof value === 'string' ? this.string(value) : typeof value === 'number' ? this.#number(value) : 0,
      );
    }
    this.#recordShape.push(this.#shapeId(node, count));
  }

  /** The id of the shape a walk down the trie ended at, added (from the scratch arrays' `count` claims) on first use. */
  #shapeId(node: ShapeNode, count: number): number {
    if (node.id < 0) {
      node.id = this.#shapeOffsets.length - 1;
      for (let at = 0; at < count; at++) {
        this.#shapeMeta.push(this.#scratchMetas[at] as number);
        this.#shapeCitations.push(this.#scratchLists[at] as number);
        this.#shapeExtra.push(this.#scratchExtras[at] as number);
      }
      this.#shapeOffsets.push(this.#shapeMeta.length);
    }
    return node.id;
  }

  /**
   * What was added since `from` (by default, everything), to be handed to another thread's writer
   * ({@link absorb}): the records since then, and the strings, numbers, citations, lists and shapes
   * first met since then. The arrays of the records are copies (transfer `transfer`'s buffers); the
   * others are shared, and read up to their length now, which only grows.
   */
  part(from: PartMark = NOTHING_YET): { part: WriterPart; mark: PartMark; transfer: ArrayBuffer[] } {
    const all = this.#arrays();
    const records = (array: Uint32Array) => array.slice(from.records);
    const arrays: ColumnArrays = {
      ...all,
      recordSlug: records(all.recordSlug),
      recordShape: records(all.recordShape),
      recordValues: records(all.recordValues),
      recordCitations: records(all.recordCitations),
      numbers: new Float64Array(this.#numberList.slice(from.numbers)),
    };
    const kinds: { kind: Kind; start: number; count: number; file: string }[] = [];
    for (const [kind, { start, count, file }] of this.#kinds) {
      const first = Math.max(start, from.records);
      if (first < start + count) kinds.push({ kind, start: first - from.records, count: start + count - first, file });
    }
    const mark: PartMark = {
      strings: this.#stringList.length,
      numbers: this.#numberList.length,
      citations: this.#citationReport.length,
      lists: this.#listOffsets.length - 1,
      shapes: this.#shapeOffsets.length - 1,
      records: this.#recordSlug.length,
    };
    return {
      part: {
        from,
        kinds,
        strings: this.#stringList.slice(from.strings),
        textFiles: [...this.#textFiles]
          .filter(([record]) => record >= from.records)
          .map(([record, textFile]) => [record - from.records, textFile] as const),
        arrays,
      },
      mark,
      transfer: [
        arrays.recordSlug.buffer,
        arrays.recordShape.buffer,
        arrays.recordValues.buffer,
        arrays.recordCitations.buffer,
        arrays.numbers.buffer,
      ] as ArrayBuffer[],
    };
  }

  /**
   * Ids in this writer of the strings, numbers, citations, lists and shapes of the writer whose
   * parts are absorbed, by their ids there.
   */
  readonly #absorbed = {
    strings: new GrowableU32(),
    numbers: new GrowableU32(),
    citations: new GrowableU32(),
    lists: new GrowableU32(),
    shapes: new GrowableU32(),
  };

  /**
   * Appends the records another writer took in after those added here, as if they had been added here
   * one by one: each string, number, citation, list and shape it met first gets the id it would have
   * had, so that the snapshot is the very one a single writer makes. Takes that writer's parts
   * ({@link part}) in order, each from the mark the one before ended at.
   */
  absorb(part: WriterPart): void {
    const { arrays, from } = part;
    const { strings, numbers, citations, lists, shapes } = this.#absorbed;
    if (strings.length !== from.strings || shapes.length !== from.shapes) {
      throw new Error('Parts of a writer are absorbed in order, each once');
    }
    for (const text of part.strings) strings.push(this.string(text));
    for (const value of arrays.numbers) numbers.push(this.#number(value));
    const string = (id: number) => this.#stringList[strings.get(id)] as string;
    const { citationReport, citationQuote } = arrays;
    for (let at = from.citations; at < citationReport.length; at++) {
      const quote = citationQuote[at] as number;
      citations.push(this.#citationId(string(citationReport[at] as number), quote === NONE ? null : string(quote)));
    }
    const { listOffsets, listItems } = arrays;
    for (let list = from.lists; list < listOffsets.length - 1; list++) {
      const items: number[] = [];
      for (let at = listOffsets[list] as number; at < (listOffsets[list + 1] as number); at++) {
        items.push(citations.get(listItems[at] as number));
      }
      lists.push(this.#listId(items));
    }
    const { shapeOffsets, shapeMeta, shapeCitations, shapeExtra } = arrays;
    for (let shape = from.shapes; shape < shapeOffsets.length - 1; shape++) {
      let node = this.#shapeRoot;
      let count = 0;
      for (let at = shapeOffsets[shape] as number; at < (shapeOffsets[shape + 1] as number); at++) {
        const meta = shapeMeta[at] as number;
        const list = lists.get(shapeCitations[at] as number);
        const extra = strings.get(shapeExtra[at] as number);
        this.#scratchMetas[count] = meta;
        this.#scratchLists[count] = list;
        this.#scratchExtras[count] = extra;
        count += 1;
        node = shapeChild(shapeChild(shapeChild(node, meta), list), extra);
      }
      shapes.push(this.#shapeId(node, count));
    }

    const offset = this.#recordSlug.length;
    for (const { kind, start, count, file } of part.kinds) {
      const range = this.#kinds.get(kind);
      if (range === undefined) this.#kinds.set(kind, { start: offset + start, count, file });
      else if (range.start + range.count === offset + start) range.count += count;
      else throw new Error(`Records of ${kind} must come together`);
    }
    const { recordSlug, recordShape, recordValues, recordCitations, values } = arrays;
    for (let record = 0; record < recordSlug.length; record++) {
      this.#recordSlug.push(strings.get(recordSlug[record] as number));
      this.#recordCitations.push(lists.get(recordCitations[record] as number));
      const shape = recordShape[record] as number;
      this.#recordShape.push(shapes.get(shape));
      this.#recordValues.push(this.#values.length);
      const first = shapeOffsets[shape] as number;
      const start = recordValues[record] as number;
      for (let at = first; at < (shapeOffsets[shape + 1] as number); at++) {
        const value = values[start + at - first] as number;
        const type = valueType(shapeMeta[at] as number);
        this.#values.push(type === VALUE_STRING ? strings.get(value) : type === VALUE_NUMBER ? numbers.get(value) : 0);
      }
    }
    for (const [record, textFile] of part.textFiles) {
      this.#textFiles.set(offset + record, strings.get(textFile));
    }
  }

  /**
   * Orders, indexes and lays out everything added. `texts` are the reports' own texts by slug;
   * `version` and `inputs` stamp what was compiled.
   */
  finish(options: {
    readonly version: string;
    readonly texts: ReadonlyMap<string, string>;
    readonly dataDir: string;
    readonly inputs: readonly InputStamp[];
    readonly annotations?: Readonly<Record<string, unknown>>;
    /** Handed the columns once they are in display order, before the rest is built (see {@link CompiledColumns}). */
    readonly onColumns?: (columns: CompiledColumns) => void;
  }): CompiledSnapshot {
    const kinds = KINDS.map((kind) => ({ kind, ...(this.#kinds.get(kind) ?? { start: 0, count: 0, file: '' }) }));
    const total = this.#recordSlug.length;
    const inFileOrder = new Columns(this.#arrays(), this.#properties, (id) => this.#stringList[id] as string);

    // Display order, kind by kind; record ids follow it.
    const order = new Uint32Array(total);
    let next = 0;
    const firsts = new Map<Kind, number>();
    const sorted = new DisplayOrder(inFileOrder, this.#properties, kinds);
    for (const { kind } of kinds) {
      firsts.set(kind, next);
      for (const index of sorted.of(kind)) order[next++] = index;
    }
    // In shared memory, as the columns the full-text index's thread reads (see CompiledColumns).
    const permute = (column: Uint32Array) => {
      const out = new Uint32Array(new SharedArrayBuffer(total * 4));
      for (let id = 0; id < total; id++) out[id] = column[order[id] as number] as number;
      return out;
    };
    const base = this.#arrays();
    const arrays: ColumnArrays = {
      ...base,
      recordSlug: permute(base.recordSlug),
      recordShape: permute(base.recordShape),
      recordValues: permute(base.recordValues),
      recordCitations: permute(base.recordCitations),
    };
    const string = (id: number) => this.#stringList[id] as string;
    const columns = new Columns(arrays, this.#properties, string);
    const header: Record<string, { first: number; count: number; file: string }> = {};
    for (const { kind, count, file } of kinds) header[kind] = { first: firsts.get(kind) ?? 0, count, file };
    const kindRanges = header as SnapshotHeader['kinds'];

    // The reports' own texts are the last strings of the table, in display order.
    const reportIds: number[] = [];
    const textFiles: number[] = [];
    const textBodies: number[] = [];
    const reports = kindRanges.report;
    for (let id = reports.first; id < reports.first + reports.count; id++) {
      const textFile = this.#textFiles.get(order[id] as number);
      if (textFile === undefined) continue;
      reportIds.push(id);
      textFiles.push(textFile);
      const text = options.texts.get(columns.slug(id));
      textBodies.push(text === undefined ? NONE : this.string(text));
    }
    // Nothing is added from here on: what found each string, number, citation, list and shape once can go.
    this.#forgetKeys();

    const kindIndexOf = (id: number) => {
      for (let kind = KINDS.length - 1; kind >= 0; kind--) {
        if (id >= kindRanges[KINDS[kind] as Kind].first) return kind;
      }
      return 0;
    };
    const slugTable = buildSlugTable(total, (id) => string(arrays.recordSlug[id] as number), kindIndexOf);
    const find = (kind: Kind, slug: string) =>
      findSlug(slugTable, slug, KINDS.indexOf(kind), (id) => string(arrays.recordSlug[id] as number), kindIndexOf);

    const indexes = new IndexBuilder(columns, this.#properties, kindRanges, find);
    const sections = new Map<string, Section>();
    sections.set('strings.offsets', new Uint32Array(0)); // laid out last, once every string is known
    for (const [name, array] of Object.entries(arrays)) sections.set(`columns.${name}`, array as Section);
    sections.set('slugs', slugTable);
    let known: { offsets: Uint32Array; bytes: Uint8Array } | undefined;
    if (options.onColumns) {
      known = this.#stringTable(undefined, true);
      const relations: Partial<Record<IndexRelation, RelationLists>> = {};
      for (const relation of INDEX_RELATIONS) relations[relation] = indexes.relation(relation);
      options.onColumns({
        version: options.version,
        kinds: kindRanges,
        properties: this.#properties.names,
        arrays,
        strings: known,
        relations: relations as Record<IndexRelation, RelationLists>,
      });
    }
    const relations = indexes.relations(sections);
    const keyed = indexes.keyed(sections);
    const codes = indexes.codes();
    sections.set('medals', indexes.medals());

    sections.set('texts.record', new Uint32Array(reportIds));
    sections.set('texts.file', new Uint32Array(textFiles));
    sections.set('texts.text', new Uint32Array(textBodies));

    const { offsets, bytes } = this.#stringTable(known);
    sections.set('strings.offsets', offsets);
    sections.set('strings.bytes', bytes);

    return {
      header: {
        version: options.version,
        compiledAt: new Date().toISOString(),
        dataDir: options.dataDir,
        inputs: options.inputs,
        kinds: kindRanges,
        properties: this.#properties.names,
        strings: this.#stringList.length,
        relations,
        keyed,
        codes,
        annotations: options.annotations ?? {},
      },
      sections,
    };
  }

  /** Lets go of the tables that find what was added before (a writer takes nothing in once it finishes). */
  #forgetKeys(): void {
    for (const table of [
      this.#strings,
      this.#numbers,
      this.#citations,
      this.#citationKeys,
      this.#lists,
      this.#listKeys,
    ])
      table.clear();
    this.#shapeRoot.next.clear();
    this.#extraRoots.clear();
    this.#extraRoot = { id: -1, next: new Map() };
    for (const absorbed of Object.values(this.#absorbed)) absorbed.clear();
  }

  #arrays(): ColumnArrays {
    return {
      recordSlug: this.#recordSlug.done(),
      recordShape: this.#recordShape.done(),
      recordValues: this.#recordValues.done(),
      recordCitations: this.#recordCitations.done(),
      shapeOffsets: this.#shapeOffsets.done(),
      shapeMeta: this.#shapeMeta.done(),
      shapeCitations: this.#shapeCitations.done(),
      shapeExtra: this.#shapeExtra.done(),
      values: this.#values.done(),
      numbers: new Float64Array(this.#numberList),
      citationReport: this.#citationReport.done(),
      citationQuote: this.#citationQuote.done(),
      listOffsets: this.#listOffsets.done(),
      listItems: this.#listItems.done(),
    };
  }

  /**
   * The string table: each string's offset, then their UTF-8 bytes. The strings of `known` (a table
   * of the first ones, made before) are copied, not encoded again; `shared` puts the bytes where
   * another thread can read them without a copy.
   */
  #stringTable(
    known?: { offsets: Uint32Array; bytes: Uint8Array },
    shared = false,
  ): { offsets: Uint32Array; bytes: Uint8Array } {
    const count = this.#stringList.length;
    const offsets = new Uint32Array(shared ? new SharedArrayBuffer((count + 1) * 4) : new ArrayBuffer((count + 1) * 4));
    const from = known ? known.offsets.length - 1 : 0;
    if (known) offsets.set(known.offsets);
    let length = offsets[from] as number;
    for (let id = from; id < count; id++) {
      offsets[id] = length;
      length += Buffer.byteLength(this.#stringList[id] as string);
      if (length > 0xffff_ffff) throw new Error('The strings of the graph exceed 4 GB, the most a snapshot holds');
    }
    offsets[count] = length;
    const bytes = shared ? Buffer.from(new SharedArrayBuffer(length)) : Buffer.allocUnsafe(length);
    if (known) bytes.set(known.bytes);
    for (let id = from; id < count; id++) bytes.write(this.#stringList[id] as string, offsets[id] as number);
    return { offsets, bytes };
  }
}

/** Sorts each kind into its display order: names, years, ranks, as the store has always listed them. */
class DisplayOrder {
  readonly #byKind = new Map<Kind, { start: number; count: number }>();
  readonly #eventOrder = new Map<string, number>();
  #games: Map<string, number> | undefined;

  constructor(
    private readonly columns: Columns,
    private readonly properties: PropertyTable,
    kinds: readonly { kind: Kind; start: number; count: number }[],
  ) {
    for (const { kind, start, count } of kinds) this.#byKind.set(kind, { start, count });
  }

  #indexes(kind: Kind): number[] {
    const { start = 0, count = 0 } = this.#byKind.get(kind) ?? {};
    return Array.from({ length: count }, (_, index) => start + index);
  }

  #strings(kind: Kind, property: string): (string | null)[] {
    const id = this.properties.id(property);
    return this.#indexes(kind).map((index) => this.columns.fact(index, id) as string | null);
  }

  /** The Games by slug, with what orders them: year, season, series. */
  #gamesKeys(): Map<string, number> {
    if (!this.#games) {
      this.#games = new Map();
      for (const index of this.#indexes('games')) this.#games.set(this.columns.slug(index), index);
    }
    return this.#games;
  }

  #gamesOrder = (a: number | undefined, b: number | undefined): number => {
    const fact = (index: number | undefined, property: string) =>
      index === undefined ? null : this.columns.fact(index, this.properties.id(property));
    return (
      ((fact(a, 'year') as number | null) ?? 0) - ((fact(b, 'year') as number | null) ?? 0) ||
      compareText((fact(a, 'season') as string | null) ?? '', (fact(b, 'season') as string | null) ?? '') ||
      compareText((fact(a, 'series') as string | null) ?? '', (fact(b, 'series') as string | null) ?? '')
    );
  };

  /**
   * A kind's records in display order. Values shared by many records (the Games, dates, countries) are
   * ranked once among their distinct values, so that the sort compares numbers; names are compared
   * by the collator, and plain slugs (the ties) by their code units, which it orders alike.
   */
  of(kind: Kind): number[] {
    const indexes = this.#indexes(kind);
    const { start = 0 } = this.#byKind.get(kind) ?? {};
    const slugs = indexes.map((index) => this.columns.slug(index));
    // Valid slugs are [a-z0-9-] only, where the collator's order is the order of code units.
    const compareSlugs = slugs.every((slug) => PLAIN_SLUG.test(slug)) ? compareCodeUnits : compareText;
    const bySlug = (a: number, b: number) => compareSlugs(slugs[a - start] as string, slugs[b - start] as string);
    const named = (NAMED_KINDS as readonly Kind[]).includes(kind);
    const names = named ? this.#texts(kind, 'name') : [];
    const byName = (a: number, b: number) =>
      compareText(names[a - start] as string, names[b - start] as string) || bySlug(a, b);
    const gamesRanksOf = (property: string) => {
      const games = this.#gamesKeys();
      const values = this.#strings(kind, property).map((value) => (value === null ? undefined : games.get(value)));
      return ranksOf(values, this.#gamesOrder);
    };

    switch (kind) {
      case 'games': {
        const games = ranksOf(indexes, this.#gamesOrder);
        return indexes.sort((a, b) => (games[a - start] as number) - (games[b - start] as number) || byName(a, b));
      }
      case 'report': {
        const dates = ranksOf(this.#texts(kind, 'datePublished'), compareText);
        return indexes.sort((a, b) => (dates[a - start] as number) - (dates[b - start] as number) || byName(a, b));
      }
      case 'event': {
        const games = gamesRanksOf('games');
        const sortedEvents = indexes.sort(
          (a, b) => (games[a - start] as number) - (games[b - start] as number) || byName(a, b),
        );
        for (const [rank, index] of sortedEvents.entries()) this.#eventOrder.set(slugs[index - start] as string, rank);
        return sortedEvents;
      }
      case 'delegation': {
        const games = gamesRanksOf('games');
        const countries = ranksOf(this.#texts(kind, 'country'), compareText);
        return indexes.sort(
          (a, b) =>
            (games[a - start] as number) - (games[b - start] as number) ||
            (countries[a - start] as number) - (countries[b - start] as number),
        );
      }
      case 'result': {
        const events = this.#strings(kind, 'event').map((event) => this.#eventOrder.get(event ?? '') ?? 0);
        const rankId = this.properties.id('rank');
        const ranks = indexes.map(
          (index) => (this.columns.fact(index, rankId) as number | null) ?? Number.MAX_SAFE_INTEGER,
        );
        return indexes.sort(
          (a, b) =>
            (events[a - start] as number) - (events[b - start] as number) ||
            (ranks[a - start] as number) - (ranks[b - start] as number) ||
            bySlug(a, b),
        );
      }
      default:
        return named ? indexes.sort(byName) : indexes;
    }
  }

  /** A text fact of each record of a kind, '' where it has none (as the display order compares them). */
  #texts(kind: Kind, property: string): string[] {
    return this.#strings(kind, property).map((value) => value ?? '');
  }
}

/** What a valid slug is made of (records.ts checks each): lower-case letters, digits and hyphens. */
const PLAIN_SLUG = /^[a-z0-9-]*$/;

/**
 * The collator's order on plain slugs: its primary weights put the hyphen (punctuation) before the
 * digits and the digits before the letters, each in code order, as code units are ordered
 * (tests/display-order.test.ts compares the two).
 */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Each value's rank in `compare`'s order among the distinct values, equal for values it finds equal. */
function ranksOf<T>(values: readonly T[], compare: (a: T, b: T) => number): Uint32Array {
  const distinct = [...new Set(values)].sort(compare);
  const rankOf = new Map<T, number>();
  let rank = 0;
  for (let at = 0; at < distinct.length; at++) {
    const value = distinct[at] as T;
    if (at > 0 && compare(distinct[at - 1] as T, value) !== 0) rank += 1;
    rankOf.set(value, rank);
  }
  return Uint32Array.from(values, (value) => rankOf.get(value) as number);
}

const yearOf = (date: string | null): number | null => (date === null ? null : Number(date.slice(0, 4)));

/** Builds the indexes of a graph whose record ids are in display order. */
class IndexBuilder {
  constructor(
    private readonly columns: Columns,
    private readonly properties: PropertyTable,
    private readonly kinds: SnapshotHeader['kinds'],
    private readonly find: (kind: Kind, slug: string) => number,
  ) {}

  #ids(kind: Kind): number[] {
    const { first, count } = this.kinds[kind];
    return Array.from({ length: count }, (_, index) => first + index);
  }

  readonly #propertyIds = new Map<string, number>();

  #property(name: string): number {
    let id = this.#propertyIds.get(name);
    if (id === undefined) {
      id = this.properties.id(name);
      this.#propertyIds.set(name, id);
    }
    return id;
  }

  #fact(id: number, property: string) {
    return this.columns.fact(id, this.#property(property));
  }

  #list(id: number, property: string) {
    return this.columns.factList(id, this.#property(property));
  }

  #ref(kind: Kind, slug: unknown): number {
    return typeof slug === 'string' ? this.find(kind, slug) : -1;
  }

  /** For each record of a relation's item kind, in id order, the record ids it points at (`add(key, item)`). */
  #pairs(relation: Relation, add: (key: number, item: number) => void) {
    const each = (kind: Kind, visit: (id: number) => void) => {
      const { first, count } = this.kinds[kind];
      for (let id = first; id < first + count; id++) visit(id);
    };
    const single = (kind: Kind, property: string, target: Kind) =>
      each(kind, (id) => {
        const key = this.#ref(target, this.#fact(id, property));
        if (key >= 0) add(key, id);
      });
    switch (relation) {
      case 'npcsByCountry':
        return single('npc', 'country', 'country');
      case 'delegationsByCountry':
        return single('delegation', 'country', 'country');
      case 'delegationsByGames':
        return single('delegation', 'games', 'games');
      case 'delegationsByAthlete':
        return each('delegation', (id) => {
          for (const athlete of this.#list(id, 'athlete')) {
            const key = this.#ref('athlete', athlete);
            if (key >= 0) add(key, id);
          }
        });
      case 'athletesByCountry':
        return single('athlete', 'country', 'country');
      case 'eventsByGames':
        return single('event', 'games', 'games');
      case 'resultsByEvent':
        return single('result', 'event', 'event');
      case 'resultsByAthlete':
        return single('result', 'athlete', 'athlete');
      case 'resultsByGuide':
        return single('result', 'guide', 'athlete');
      case 'resultsByGames': {
        const gamesOfEvent = new Map<number, number>();
        return each('result', (id) => {
          const event = this.#ref('event', this.#fact(id, 'event'));
          if (event < 0) return;
          let games = gamesOfEvent.get(event);
          if (games === undefined) {
            games = this.#ref('games', this.#fact(event, 'games'));
            gamesOfEvent.set(event, games);
          }
          if (games >= 0) add(games, id);
        });
      }
      case 'organisationsByCountry':
        return single('organisation', 'country', 'country');
      case 'reportsByPublisher':
        return single('report', 'publisher', 'organisation');
      case 'reportsByAuthor':
      case 'reportsAbout':
      case 'reportsCitedBy': {
        const property = { reportsByAuthor: 'author', reportsAbout: 'about', reportsCitedBy: 'citedBy' }[relation];
        const targets = property === 'citedBy' ? (['report'] as const) : NAMED_KINDS;
        return each('report', (id) => {
          for (const { value, preferred } of this.columns.claimValues(id, this.#property(property))) {
            const target = preferred && typeof value === 'string' ? parseRef(targets, value) : null;
            const key = target ? this.find(target.kind, target.slug) : -1;
            if (key >= 0) add(key, id);
          }
        });
      }
      case 'referrers':
        return this.#referrers(add);
      case 'entitiesCiting': {
        // Records share lists of citations, and lists share citations: each resolved once. A record's
        // lists are its own and its shape's, so the reports it cites are found once per such pair.
        const reportsOfList = new Map<number, number[]>();
        const reportsOfShape = new Map<number, Map<number, number[]>>();
        const { recordCitations, recordShape } = this.columns.arrays;
        for (const kind of KINDS) {
          each(kind, (id) => {
            const shape = recordShape[id] as number;
            const own = recordCitations[id] as number;
            let byList = reportsOfShape.get(shape);
            if (!byList) {
              byList = new Map();
              reportsOfShape.set(shape, byList);
            }
            let reports = byList.get(own);
            if (!reports) {
              reports = [];
              for (const list of this.columns.citationListsOf(id)) {
                let resolved = reportsOfList.get(list);
                if (!resolved) {
                  resolved = this.columns.citationList(list).map((citation) => this.find('report', citation.report));
                  reportsOfList.set(list, resolved);
                }
                for (const report of resolved) if (report >= 0 && !reports.includes(report)) reports.push(report);
              }
              byList.set(own, reports);
            }
            for (const report of reports) add(report, id);
          });
        }
        return;
      }
    }
  }

  /**
   * For each record, in id order, every other record it points to: what its facts name, the reports it
   * cites, an event's results and the reports a report cites (named by their `citedBy`).
   */
  #referrers(add: (key: number, item: number) => void) {
    const inverse = (kind: Kind, property: string, target: Kind) => {
      const lists = new Map<number, number[]>();
      const { first, count } = this.kinds[kind];
      for (let id = first; id < first + count; id++) {
        for (const { value, preferred } of this.columns.claimValues(id, this.#property(property))) {
          const key = preferred ? this.#ref(target, value) : -1;
          if (key < 0) continue;
          const list = lists.get(key);
          if (list) list.push(id);
          else lists.set(key, [id]);
        }
      }
      return lists;
    };
    const resultsOfEvent = inverse('result', 'event', 'event');
    const citedByReport = inverse('report', 'citedBy', 'report');
    const reportsOfList = new Map<number, number[]>();
    const targets = new Set<number>();
    for (const kind of KINDS) {
      const { first, count } = this.kinds[kind];
      const pointing = POINTING_PROPERTIES[kind].map((spec) => ({ ...spec, id: this.#property(spec.property) }));
      for (let id = first; id < first + count; id++) {
        targets.clear();
        for (const { id: property, targets: kinds } of pointing) {
          for (const { value, preferred } of this.columns.claimValues(id, property)) {
            const target = preferred && typeof value === 'string' ? parseRef(kinds, value) : null;
            const key = target ? this.find(target.kind, target.slug) : -1;
            if (key >= 0) targets.add(key);
          }
        }
        for (const list of this.columns.citationListsOf(id)) {
          let resolved = reportsOfList.get(list);
          if (!resolved) {
            resolved = this.columns.citationList(list).map((citation) => this.find('report', citation.report));
            reportsOfList.set(list, resolved);
          }
          for (const report of resolved) if (report >= 0) targets.add(report);
        }
        if (kind === 'event') for (const result of resultsOfEvent.get(id) ?? []) targets.add(result);
        if (kind === 'report') for (const cited of citedByReport.get(id) ?? []) targets.add(cited);
        targets.delete(id);
        for (const key of targets) add(key, id);
      }
    }
  }

  readonly #relations = new Map<Relation, RelationLists>();

  /** One relation as lists keyed by record id (offsets over the key range, then the items), built once. */
  relation(relation: Relation): RelationLists {
    const known = this.#relations.get(relation);
    if (known) return known;
    const keyKinds = RELATION_KEYS[relation].map((kind) => this.kinds[kind]);
    const first = Math.min(...keyKinds.map((range) => range.first));
    const end = Math.max(...keyKinds.map((range) => range.first + range.count));
    const count = Math.max(0, end - first);
    const keys = new GrowableU32();
    const items = new GrowableU32();
    this.#pairs(relation, (key, item) => {
      keys.push(key - first);
      items.push(item);
    });
    const offsets = new Uint32Array(count + 1);
    const keyList = keys.done();
    for (const key of keyList) offsets[key + 1] = (offsets[key + 1] as number) + 1;
    for (let key = 0; key < count; key++) offsets[key + 1] = (offsets[key + 1] as number) + (offsets[key] as number);
    const fill = offsets.slice(0, count);
    const sorted = new Uint32Array(keyList.length);
    const itemList = items.done();
    for (let at = 0; at < keyList.length; at++) {
      const key = keyList[at] as number;
      sorted[fill[key] as number] = itemList[at] as number;
      fill[key] = (fill[key] as number) + 1;
    }
    const lists = { first, count, offsets, items: sorted };
    this.#relations.set(relation, lists);
    return lists;
  }

  /** Every relation as lists keyed by record id (offsets over the key range, then the items). */
  relations(sections: Map<string, Section>): SnapshotHeader['relations'] {
    const ranges: Record<string, { first: number; count: number }> = {};
    for (const relation of RELATIONS) {
      const { first, count, offsets, items } = this.relation(relation);
      sections.set(`relations.${relation}.offsets`, offsets);
      sections.set(`relations.${relation}.items`, items);
      ranges[relation] = { first, count };
    }
    return ranges as SnapshotHeader['relations'];
  }

  /** Records by a value of theirs; each index's keys are few (seasons, years, sports). */
  keyed(sections: Map<string, Section>): SnapshotHeader['keyed'] {
    const lists = new Map<KeyedIndex, Map<string, number[]>>(KEYED_INDEXES.map((index) => [index, new Map()]));
    const add = (index: KeyedIndex, key: string | number | null, id: number) => {
      if (key === null) return;
      const byKey = lists.get(index) as Map<string, number[]>;
      const list = byKey.get(String(key));
      if (list) list.push(id);
      else byKey.set(String(key), [id]);
    };
    for (const id of this.#ids('games')) {
      add('gamesBySeason', this.#fact(id, 'season') as string, id);
      add('gamesByYear', this.#fact(id, 'year') as number, id);
    }
    for (const id of this.#ids('delegation')) {
      const games = this.#ref('games', this.#fact(id, 'games'));
      add('delegationsBySeries', games < 0 ? null : (this.#fact(games, 'series') as string), id);
    }
    for (const id of this.#ids('athlete')) {
      for (const sport of new Set(this.#list(id, 'sport').map((value) => foldForSearch(String(value)))))
        add('athletesBySport', sport, id);
    }
    for (const id of this.#ids('event')) add('eventsBySport', foldForSearch(String(this.#fact(id, 'sport'))), id);
    for (const id of this.#ids('report'))
      add('reportsByYear', yearOf(this.#fact(id, 'datePublished') as string | null), id);

    const items: number[] = [];
    const header: Record<string, Record<string, [number, number]>> = {};
    for (const [index, byKey] of lists) {
      header[index] = {};
      for (const [key, ids] of byKey) {
        (header[index] as Record<string, [number, number]>)[key] = [items.length, ids.length];
        for (const id of ids) items.push(id);
      }
    }
    sections.set('keyed', new Uint32Array(items));
    return header as unknown as SnapshotHeader['keyed'];
  }

  codes(): SnapshotHeader['codes'] {
    const codes = { country: {} as Record<string, number>, npc: {} as Record<string, number> };
    for (const kind of ['country', 'npc'] as const)
      for (const id of this.#ids(kind)) codes[kind][String(this.#fact(id, 'code'))] = id;
    return codes;
  }

  /** Medals summed over the Paralympic Games each country took part in: gold, silver, bronze, total. */
  medals(): Uint32Array {
    const countries = this.#ids('country');
    const medals = new Uint32Array(countries.length * 4);
    const first = this.kinds.country.first;
    for (const id of this.#ids('delegation')) {
      const country = this.#ref('country', this.#fact(id, 'country'));
      const games = this.#ref('games', this.#fact(id, 'games'));
      if (country < 0 || games < 0 || this.#fact(games, 'series') !== 'PARALYMPIC_GAMES') continue;
      const [gold, silver, bronze, total] = ['goldMedals', 'silverMedals', 'bronzeMedals', 'totalMedals'].map(
        (property) => this.#fact(id, property) as number | null,
      );
      if (this.#fact(id, 'participated') !== true || gold == null || silver == null || bronze == null) continue;
      const at = (country - first) * 4;
      medals[at] = (medals[at] as number) + gold;
      medals[at + 1] = (medals[at + 1] as number) + silver;
      medals[at + 2] = (medals[at + 2] as number) + bronze;
      medals[at + 3] = (medals[at + 3] as number) + (total ?? gold + silver + bronze);
    }
    return medals;
  }
}

/** Lays a compiled snapshot out: the preamble, the header, then each section, 8-byte aligned. */
function layout(compiled: CompiledSnapshot): { head: Buffer; parts: [number, Uint8Array][]; size: number } {
  const sections: Record<string, SectionEntry> = {};
  const bodies: [string, Uint8Array, SectionType][] = [];
  for (const [name, array] of compiled.sections) {
    const type: SectionType = array instanceof Float64Array ? 'f64' : array instanceof Uint32Array ? 'u32' : 'u8';
    bodies.push([name, new Uint8Array(array.buffer, array.byteOffset, array.byteLength), type]);
  }
  // The header's size depends on the offsets it records; lay out twice, the second time with room.
  let headerBytes = 0;
  for (let pass = 0; pass < 3; pass++) {
    let offset = align8(PREAMBLE_BYTES + headerBytes);
    for (const [name, bytes, type] of bodies) {
      sections[name] = { type, offset, length: bytes.byteLength, crc: crc32(bytes) };
      offset = align8(offset + bytes.byteLength);
    }
    const json = Buffer.from(JSON.stringify({ ...compiled.header, sections }));
    if (json.length <= headerBytes) break;
    headerBytes = json.length + 64;
  }
  const json = Buffer.from(JSON.stringify({ ...compiled.header, sections }));
  const head = Buffer.alloc(align8(PREAMBLE_BYTES + headerBytes));
  MAGIC.copy(head, 0);
  head.writeUInt32LE(FORMAT_VERSION, 8);
  head.writeUInt32LE(json.length, 12);
  head.writeUInt32LE(crc32(json), 16);
  json.copy(head, PREAMBLE_BYTES);
  const parts: [number, Uint8Array][] = bodies.map(([name, bytes]) => [sections[name]?.offset ?? 0, bytes]);
  const last = bodies.at(-1);
  const size = last ? align8((sections[last[0]]?.offset ?? 0) + last[1].byteLength) : head.length;
  return { head, parts, size };
}

/** The snapshot as one buffer (for a graph compiled in memory, as tests do). */
export function snapshotBuffer(compiled: CompiledSnapshot): Buffer {
  const { head, parts, size } = layout(compiled);
  const buffer = Buffer.alloc(size);
  head.copy(buffer, 0);
  for (const [offset, bytes] of parts) buffer.set(bytes, offset);
  return buffer;
}

/** Writes the snapshot to `file`, section by section (never all of it in memory twice). */
export async function writeSnapshot(compiled: CompiledSnapshot, file: string): Promise<number> {
  const { head, parts, size } = layout(compiled);
  const handle = await open(file, 'w');
  try {
    await handle.write(head, 0, head.length, 0);
    for (const [offset, bytes] of parts) {
      for (let done = 0; done < bytes.byteLength; ) {
        const { bytesWritten } = await handle.write(
          bytes,
          done,
          Math.min(bytes.byteLength - done, 64 << 20),
          offset + done,
        );
        done += bytesWritten;
      }
    }
    await handle.truncate(size);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return size;
}
