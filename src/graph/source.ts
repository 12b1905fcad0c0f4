import type { Kind } from './kinds.js';
import type { EntityRecord } from './model.js';
import type { Medals } from './store.js';

/**
 * A list of record ids held by a source: a collection, a relation, a filter's or a search's matches.
 * Record ids ("gids") number every record of the graph, kind after kind in KINDS order and, within a
 * kind, in its display order; so every list a source gives in display order is also in ascending id
 * order, and two lists intersect by merging.
 */
export interface IdList {
  readonly length: number;
  /** The ids from `start` to `end` (exclusive). */
  ids(start: number, end: number): ArrayLike<number>;
}

/**
 * Relations from one record to the records that point at it, each list in display order. `referrers`
 * is every record pointing at it in any way (see Store.referrersOf), in id order across kinds.
 */
export const RELATIONS = [
  'npcsByCountry',
  'delegationsByCountry',
  'delegationsByGames',
  'delegationsByAthlete',
  'athletesByCountry',
  'eventsByGames',
  'resultsByEvent',
  'resultsByAthlete',
  'resultsByGuide',
  'resultsByGames',
  'organisationsByCountry',
  'reportsByPublisher',
  'reportsByAuthor',
  'reportsAbout',
  'reportsCitedBy',
  'entitiesCiting',
  'referrers',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** Records by a value of theirs (folded where it is text), each list in display order. */
export const KEYED_INDEXES = [
  'gamesBySeason',
  'gamesByYear',
  'delegationsBySeries',
  'athletesBySport',
  'eventsBySport',
  'reportsByYear',
] as const;
export type KeyedIndex = (typeof KEYED_INDEXES)[number];

/**
 * Every list of a relation: the list of record `first + key` is `items[offsets[key]]` up to
 * `items[offsets[key + 1]]`, for keys below `count`.
 */
export interface RelationLists {
  readonly first: number;
  readonly count: number;
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
}

/**
 * What a store that reads its facts as columns offers the query planner (query/ids.ts): records by id, each kind's ids
 * (consecutive, in display order), the relation and keyed lists as ids, and facts read from the columns
 * without building records, so that a filter is answered by typed-array reads and only the records of
 * the page are materialised.
 */
export interface IdIndex {
  /** The first id of a kind, and how many it has. */
  range(kind: Kind): { readonly first: number; readonly count: number };
  lists(relation: Relation): RelationLists;
  keyed(index: KeyedIndex, key: string | number): ArrayLike<number>;
  /** The id of the record of `kind` with `slug`, or -1. */
  find(kind: Kind, slug: string): number;
  slug(id: number): string;
  /** A single-valued fact as the record's `facts` hold it (the first value shown), from the columns. */
  fact(id: number, property: string): string | number | boolean | null;
  /** A list fact as the record's `facts` hold it, from the columns. */
  factList(id: number, property: string): readonly (string | number | boolean | null)[];
  record(id: number): EntityRecord;
  id(record: EntityRecord): number;
  /** The ids of one of the store's own lists (a collection, a relation), or null for any other list. */
  idsOf(list: Iterable<EntityRecord>): ArrayLike<number> | null;
  /** Whether the pass now running lacked data (see Store.lacking): nothing read now may be kept. */
  readonly lacking: boolean;
  /** A named record's other names, as Store.alternateNames gives them, from the columns (where the source keeps every claim). */
  alternateNames?(id: number): readonly string[];
  /** The bytes of columns and bitsets the query planner keeps for this store's filters (query/ids.ts). */
  readonly filterCacheBytes?: number;
  /** A kind in the order an `orderBy` asks for, where the source keeps it (see KeptOrder); else null. */
  inOrder(kind: Kind, orderBy: readonly OrderByTerm[]): KeptOrder | null;
}

/** One term of an `orderBy` (see query/order.ts): an order field of the kind and a direction. */
export interface OrderByTerm {
  readonly field: string;
  readonly direction?: 'ASC' | 'DESC' | null;
}

/** One end of a walk through an order: the record of `id`, and whether the walk takes it too. */
export interface OrderBound {
  readonly id: number;
  readonly inclusive: boolean;
}

/**
 * A kind in an order other than its display order, kept where the source keeps the graph (PostgreSQL)
 * and walked there a part at a time, so that no process holds the kind sorted.
 */
export interface KeptOrder {
  /** Up to `limit` ids between the bounds: from the lower one forward, or from the upper one `backward`. */
  ids(lower: OrderBound | null, upper: OrderBound | null, backward: boolean, limit: number): ArrayLike<number>;
}

/** One claim of a property as a columnar source keeps it: its value, whether preferred, its rank. */
export interface ClaimCell {
  readonly value: string | number | boolean | null;
  readonly preferred: boolean;
  readonly rank: string;
}

/** A plain (preferred) value a record's fact must equal. */
export interface FactTest {
  readonly property: string;
  readonly equals: string | number | boolean;
}

/**
 * Where a {@link GraphStore} reads the graph from: the few operations that depend on how the graph is
 * kept (columns in a snapshot file, tables in PostgreSQL). Every method is synchronous; a source that
 * fetches from elsewhere answers from what it holds and notes what it lacks (see Store.read).
 */
export interface GraphSource {
  readonly version: string;
  /** When the data last changed (ISO 8601, to the second): see Store.modified. */
  readonly modified: string;
  /** See Store.annotation. */
  annotation(name: string): unknown;
  count(kind: Kind): number;
  /** The id of the record of `kind` with `slug`, or -1. */
  find(kind: Kind, slug: string): number;
  /** The id of the country or NPC with this (upper-case) code, or -1. */
  findByCode(kind: 'country' | 'npc', code: string): number;
  /** The id of a record this source gave, or -1 for one it does not hold. */
  idOf(record: EntityRecord): number;
  record(id: number): EntityRecord;
  all(kind: Kind): IdList;
  related(relation: Relation, id: number): IdList;
  keyed(index: KeyedIndex, key: string | number): IdList;
  /** The records of `kind` in every list given (or all of them) whose facts pass every test. */
  select(kind: Kind, lists: readonly IdList[], tests: readonly FactTest[]): IdList;
  medals(country: number): Medals;
  /** A record's single-valued fact read from columns, as its `facts` hold it (a columnar source only). */
  fact?(id: number, property: string): string | number | boolean | null;
  /** A record's list fact read from columns, as its `facts` hold it (a columnar source only). */
  factList?(id: number, property: string): readonly (string | number | boolean | null)[];
  /** See IdIndex.inOrder (a source that keeps orders other than the display order only). */
  inOrder?(kind: Kind, orderBy: readonly OrderByTerm[]): KeptOrder | null;
  /** Every list of a relation, as the arrays it is kept in (a columnar source only). */
  relationLists?(relation: Relation): RelationLists;
  /** A record's slug, read from columns (a columnar source only). */
  slug?(id: number): string;
  /** Every claim of a property of a record, shown or not, from columns (a columnar source only). */
  claims?(id: number, property: string): readonly ClaimCell[];
  text(report: number): string | null;
  /**
   * The full-text index saved beside the graph when it was loaded (fulltext/index.ts, its file's
   * bytes), for a source that keeps one: null when it holds none, no bytes in a pass that lacks it.
   */
  savedFullText?(): Uint8Array | null;
  read<T>(work: () => T): T | Promise<T>;
  /** Whether `read` may fetch (and run work more than once). */
  readonly remote: boolean;
  /** Whether the pass now running has lacked data (see Store.lacking). */
  readonly lacking: boolean;
  /** See Store.preload. */
  preload?(): Promise<void>;
  close(): Promise<void>;
}

/** An id list over an array the source holds, or a part of one. */
export class ArrayIdList implements IdList {
  constructor(
    private readonly array: Uint32Array | readonly number[],
    private readonly start = 0,
    readonly length = array.length - start,
  ) {}

  ids(start: number, end: number): ArrayLike<number> {
    const from = this.start + Math.max(0, start);
    const to = this.start + Math.min(this.length, end);
    return this.array instanceof Uint32Array ? this.array.subarray(from, to) : this.array.slice(from, to);
  }
}

/** The ids from `first` to `first + length`: a whole kind, whose ids are consecutive. */
export class RangeIdList implements IdList {
  constructor(
    private readonly first: number,
    readonly length: number,
  ) {}

  ids(start: number, end: number): ArrayLike<number> {
    const from = Math.max(0, start);
    const to = Math.min(this.length, end);
    const ids = new Uint32Array(Math.max(0, to - from));
    for (let index = 0; index < ids.length; index++) ids[index] = this.first + from + index;
    return ids;
  }
}

export const EMPTY_IDS: IdList = new ArrayIdList(new Uint32Array(0));

/** The ids in every one of several ascending lists, by merging them. */
export function intersect(lists: readonly IdList[]): Uint32Array {
  const arrays = [...lists].sort((a, b) => a.length - b.length).map((list) => list.ids(0, list.length));
  const [shortest, ...others] = arrays;
  if (!shortest) return new Uint32Array(0);
  const out = new Uint32Array(shortest.length);
  const positions = new Uint32Array(others.length);
  let size = 0;
  outer: for (let index = 0; index < shortest.length; index++) {
    const id = shortest[index] as number;
    for (let other = 0; other < others.length; other++) {
      const array = others[other] as ArrayLike<number>;
      let at = positions[other] as number;
      while (at < array.length && (array[at] as number) < id) at++;
      positions[other] = at;
      if (at >= array.length) break outer;
      if (array[at] !== id) continue outer;
    }
    out[size++] = id;
  }
  return out.subarray(0, size);
}
