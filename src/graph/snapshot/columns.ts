import { entityRecord } from '../entity-record.js';
import type { FactSpecs } from '../facts.js';
import { FACTS, type Kind } from '../kinds.js';
import type { Citation, Claim, ClaimRank, ClaimValue, EntityRecord } from '../model.js';
import { CLAIM_RANKS } from '../records.js';
import { parseRef } from '../refs.js';

/** "No string": an id that names nothing, for optional strings. */
export const NONE = 0xffff_ffff;

/**
 * How a claim is kept: the fields every claim has (property, rank, whether preferred and shown, the
 * type of its value) packed in one number beside its citations and its other fields. Every field of
 * a claim beyond these (reason, note, qualifiers, language, and any later one) is kept generically as
 * one JSON object, shared by every claim with the same ones, so that a new optional field of a claim
 * needs no change to the format.
 */
export const CLAIM_CORE_FIELDS = new Set([
  'subject',
  'property',
  'index',
  'value',
  'rank',
  'preferred',
  'target',
  'citations',
]);

export const VALUE_STRING = 0;
export const VALUE_NUMBER = 1;
const VALUE_FALSE = 2;
const VALUE_TRUE = 3;
/** The sources give no value. */
const VALUE_NONE = 4;

/** A claim's packed description: property (bits 8 and up), rank (5–6), preferred (4), shown (3), value type (0–2). */
export function packClaim(
  property: number,
  rank: ClaimRank,
  preferred: boolean,
  shown: boolean,
  value: ClaimValue | null,
) {
  const type =
    value === null
      ? VALUE_NONE
      : typeof value === 'string'
        ? VALUE_STRING
        : typeof value === 'number'
          ? VALUE_NUMBER
          : value
            ? VALUE_TRUE
            : VALUE_FALSE;
  return (property << 8) | (CLAIM_RANKS.indexOf(rank) << 5) | (preferred ? 16 : 0) | (shown ? 8 : 0) | type;
}

export const propertyOf = (meta: number) => meta >>> 8;
export const rankOf = (meta: number) => CLAIM_RANKS[(meta >>> 5) & 3] as ClaimRank;
export const isPreferred = (meta: number) => (meta & 16) !== 0;
export const isShown = (meta: number) => (meta & 8) !== 0;
export const valueType = (meta: number) => meta & 7;

/** The arrays one graph is kept in; the compiler builds them, the snapshot reader maps them from a file. */
export interface ColumnArrays {
  /** Per record: its slug, its claims' shape, where its claims' values start, its citation list. */
  readonly recordSlug: Uint32Array;
  readonly recordShape: Uint32Array;
  readonly recordValues: Uint32Array;
  readonly recordCitations: Uint32Array;
  /** Shapes: the claims a record has, each as packed meta, citation list and other fields (a string of JSON). */
  readonly shapeOffsets: Uint32Array;
  readonly shapeMeta: Uint32Array;
  readonly shapeCitations: Uint32Array;
  readonly shapeExtra: Uint32Array;
  /** Claim values: a string id, an index into `numbers`, or nothing for a boolean (in the meta). */
  readonly values: Uint32Array;
  readonly numbers: Float64Array;
  readonly citationReport: Uint32Array;
  readonly citationQuote: Uint32Array;
  readonly listOffsets: Uint32Array;
  readonly listItems: Uint32Array;
}

/** Names of properties by id, and ids by kind and name. */
export class PropertyTable {
  readonly names: readonly string[];
  readonly #ids = new Map<string, number>();

  constructor(names?: readonly string[]) {
    this.names =
      names ??
      [...new Set(Object.values(FACTS).flatMap((specs) => Object.keys(specs)))].sort((a, b) => (a < b ? -1 : 1));
    for (const [id, name] of this.names.entries()) this.#ids.set(name, id);
  }

  id(name: string): number {
    return this.#ids.get(name) ?? -1;
  }
}

/**
 * Reads a graph kept in {@link ColumnArrays}: plain fact values straight from the columns (for sorting,
 * indexing and filtering without building records), and whole {@link EntityRecord}s on demand.
 */
export class Columns {
  readonly #specs = new Map<Kind, readonly [string, number, boolean][]>();
  readonly #extras = new Map<number, Readonly<Record<string, unknown>>>();
  readonly #citations = new Map<number, Citation>();
  readonly #lists = new Map<number, readonly Citation[]>();

  constructor(
    readonly arrays: ColumnArrays,
    readonly properties: PropertyTable,
    readonly string: (id: number) => string,
  ) {}

  /** Each property of a kind, in the order of its specs: name, id, and whether it holds a list. */
  specsOf(kind: Kind): readonly [string, number, boolean][] {
    let specs = this.#specs.get(kind);
    if (!specs) {
      const table: FactSpecs = FACTS[kind];
      specs = Object.entries(table).map(([name, spec]) => [
        name,
        this.properties.id(name),
        spec.cardinality === 'many',
      ]);
      this.#specs.set(kind, specs);
    }
    return specs;
  }

  slug(record: number): string {
    return this.string(this.arrays.recordSlug[record] as number);
  }

  #value(meta: number, at: number): ClaimValue | null {
    switch (valueType(meta)) {
      case VALUE_NONE:
        return null;
      case VALUE_STRING:
        return this.string(this.arrays.values[at] as number);
      case VALUE_NUMBER:
        return this.arrays.numbers[this.arrays.values[at] as number] as number;
      case VALUE_TRUE:
        return true;
      default:
        return false;
    }
  }

  /** The plain value of a single-valued fact (the one shown), or null; for a list property, the first. */
  fact(record: number, property: number): ClaimValue | null {
    const { recordShape, recordValues, shapeOffsets, shapeMeta } = this.arrays;
    const shape = recordShape[record] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    for (let at = start; at < end; at++) {
      const meta = shapeMeta[at] as number;
      if (propertyOf(meta) === property && isShown(meta)) {
        return this.#value(meta, (recordValues[record] as number) + at - start);
      }
    }
    return null;
  }

  /** The value a record's `facts` hold for a single-valued property: the first one shown that is not null. */
  shownValue(record: number, property: number): ClaimValue | null {
    const { recordShape, recordValues, shapeOffsets, shapeMeta } = this.arrays;
    const shape = recordShape[record] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    for (let at = start; at < end; at++) {
      const meta = shapeMeta[at] as number;
      if (propertyOf(meta) !== property || !isShown(meta)) continue;
      const value = this.#value(meta, (recordValues[record] as number) + at - start);
      if (value !== null) return value;
    }
    return null;
  }

  /** Every value a list property shows, in order. */
  factList(record: number, property: number): (ClaimValue | null)[] {
    const { recordShape, recordValues, shapeOffsets, shapeMeta } = this.arrays;
    const shape = recordShape[record] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    const values: (ClaimValue | null)[] = [];
    for (let at = start; at < end; at++) {
      const meta = shapeMeta[at] as number;
      if (propertyOf(meta) === property && isShown(meta)) {
        values.push(this.#value(meta, (recordValues[record] as number) + at - start));
      }
    }
    return values;
  }

  /** Each claim of a property: its value, whether preferred, and its rank. */
  *claimValues(
    record: number,
    property: number,
  ): Generator<{ value: ClaimValue | null; preferred: boolean; rank: ClaimRank }> {
    const { recordShape, recordValues, shapeOffsets, shapeMeta } = this.arrays;
    const shape = recordShape[record] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    for (let at = start; at < end; at++) {
      const meta = shapeMeta[at] as number;
      if (propertyOf(meta) !== property) continue;
      yield {
        value: this.#value(meta, (recordValues[record] as number) + at - start),
        preferred: isPreferred(meta),
        rank: rankOf(meta),
      };
    }
  }

  /** Each claim of a record as it is kept: for copying the graph elsewhere (PostgreSQL). */
  *rawClaims(record: number): Generator<{
    property: string;
    index: number;
    value: ClaimValue | null;
    rank: ClaimRank;
    preferred: boolean;
    shown: boolean;
    extra: string;
    citations: number;
  }> {
    const { recordShape, recordValues, shapeOffsets, shapeMeta, shapeCitations, shapeExtra } = this.arrays;
    const shape = recordShape[record] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    let property = -1;
    let index = 0;
    for (let at = start; at < end; at++) {
      const meta = shapeMeta[at] as number;
      const id = propertyOf(meta);
      index = id === property ? index + 1 : 0;
      property = id;
      yield {
        property: this.properties.names[id] as string,
        index,
        value: this.#value(meta, (recordValues[record] as number) + at - start),
        rank: rankOf(meta),
        preferred: isPreferred(meta),
        shown: isShown(meta),
        extra: this.string(shapeExtra[at] as number),
        citations: shapeCitations[at] as number,
      };
    }
  }

  #extra(id: number): Readonly<Record<string, unknown>> {
    let extra = this.#extras.get(id);
    if (!extra) {
      extra = Object.freeze(JSON.parse(this.string(id)) as Record<string, unknown>);
      this.#extras.set(id, extra);
    }
    return extra;
  }

  citation(id: number): Citation {
    let citation = this.#citations.get(id);
    if (!citation) {
      const quote = this.arrays.citationQuote[id] as number;
      citation = Object.freeze({
        report: this.string(this.arrays.citationReport[id] as number),
        quote: quote === NONE ? null : this.string(quote),
      });
      this.#citations.set(id, citation);
    }
    return citation;
  }

  citationList(id: number): readonly Citation[] {
    let list = this.#lists.get(id);
    if (!list) {
      const { listOffsets, listItems } = this.arrays;
      const items: Citation[] = [];
      for (let at = listOffsets[id] as number; at < (listOffsets[id + 1] as number); at++) {
        items.push(this.citation(listItems[at] as number));
      }
      list = Object.freeze(items);
      this.#lists.set(id, list);
    }
    return list;
  }

  /** Every distinct citation list id a record uses, itself first, then its claims'. */
  *citationListsOf(record: number): Generator<number> {
    yield this.arrays.recordCitations[record] as number;
    const shape = this.arrays.recordShape[record] as number;
    for (let at = this.arrays.shapeOffsets[shape] as number; at < (this.arrays.shapeOffsets[shape + 1] as number); at++)
      yield this.arrays.shapeCitations[at] as number;
  }

  /** The whole record, as validation made it. */
  record(record: number, kind: Kind, file: string, textFile: string | null): EntityRecord {
    const { recordShape, recordValues, shapeOffsets, shapeMeta, shapeCitations, shapeExtra } = this.arrays;
    const slug = this.slug(record);
    const shape = recordShape[record] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    const base = recordValues[record] as number;
    const specs: FactSpecs = FACTS[kind];
    const claims: Claim[] = [];
    const facts: Record<string, unknown> = {};
    for (const [name, , many] of this.specsOf(kind)) facts[name] = many ? [] : null;
    let property = -1;
    let index = 0;
    for (let at = start; at < end; at++) {
      const meta = shapeMeta[at] as number;
      const id = propertyOf(meta);
      index = id === property ? index + 1 : 0;
      property = id;
      const name = this.properties.names[id] as string;
      const value = this.#value(meta, base + at - start);
      const refersTo = specs[name]?.refersTo;
      claims.push({
        subject: slug,
        property: name,
        index,
        value,
        rank: rankOf(meta),
        preferred: isPreferred(meta),
        ...this.#extra(shapeExtra[at] as number),
        target: refersTo && typeof value === 'string' ? parseRef(refersTo, value) : null,
        citations: this.citationList(shapeCitations[at] as number),
      } as Claim);
      if (isShown(meta)) {
        const current = facts[name];
        if (Array.isArray(current)) current.push(value);
        else if (current === null) facts[name] = value;
      }
    }
    return entityRecord({
      kind,
      slug,
      file,
      citations: this.citationList(this.arrays.recordCitations[record] as number),
      claims,
      facts,
      textFile,
    });
  }
}
