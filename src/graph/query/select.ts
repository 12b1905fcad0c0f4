import { KINDS, type Kind } from '../kinds.js';
import type { EntityRecord } from '../model.js';
import type { IdIndex, KeptOrder, OrderBound } from '../source.js';
import type { Store, View } from '../store.js';
import type { Bits } from './bits.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { compileIds, type IdFilter, type IdWork } from './ids.js';
import { type Key, type MixedOrdering, type Ordering, type OrderTerm, orderingOf } from './order.js';
import { answersWholly, type Source, sourceOf } from './plan.js';
import { compileWhere, filters, type Test, type Where } from './where.js';

/** Relay's pagination arguments, already checked (sizes within bounds, cursors strings). */
export interface PageArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

/** Told how many records a selection reads beyond the page itself (tested, sorted), as it reads them. */
export type Meter = (records: number) => void;

/** The page size when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/** One page of a connection: its edges, where it sits, and (computed only when read) how many match in all. */
export interface Page<T> {
  readonly edges: readonly Edge<T>[];
  /** The edges' nodes, in order. */
  readonly nodes: readonly T[];
  readonly pageInfo: {
    readonly startCursor: string | null;
    readonly endCursor: string | null;
    readonly hasPreviousPage: boolean;
    readonly hasNextPage: boolean;
  };
  readonly totalCount: number;
}

/** A cursor that is no cursor of the connection's order. */
export class InvalidCursorError extends Error {
  constructor(readonly argument: 'after' | 'before') {
    super(`"${argument}" is not a cursor of this list in this order`);
  }
}

/** One end of a range of keys: items after (or before) the key, and the key itself when inclusive. */
interface Bound {
  readonly key: Key;
  readonly inclusive: boolean;
}

/** Records in an order: the items of a range of keys, walked from either end. */
interface Stream {
  /** How many items it holds, each record once when `distinct`. */
  readonly length: number;
  readonly distinct: boolean;
  /** The items with keys above `lower` and below `upper`, forward (ascending) or backward. */
  walk(lower: Bound | null, upper: Bound | null, backward: boolean): Iterable<EntityRecord>;
}

const CHUNK = 64;

/** A list already sorted by the order: ranges found by binary search, reading only the probed items. */
class SortedStream implements Stream {
  readonly distinct = true;
  constructor(
    private readonly store: Store,
    private readonly ordering: Ordering,
    private readonly list: View<EntityRecord>,
    private readonly keys?: readonly Key[],
  ) {}

  get length(): number {
    return this.list.length;
  }

  #keyAt(index: number): Key {
    return this.keys?.[index] ?? this.ordering.key(this.list.at(index) as EntityRecord, this.store);
  }

  /** The first index whose key is above (`strict`) or at least `key`. */
  #search(key: Key, strict: boolean): number {
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = this.ordering.compare(this.#keyAt(middle), key);
      if (order < 0 || (strict && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  *walk(lower: Bound | null, upper: Bound | null, backward: boolean): Iterable<EntityRecord> {
    const start = lower ? this.#search(lower.key, !lower.inclusive) : 0;
    const end = upper ? this.#search(upper.key, upper.inclusive) : this.list.length;
    if (backward) {
      for (let to = end; to > start; to -= CHUNK) {
        const chunk = this.list.slice(Math.max(start, to - CHUNK), to);
        for (let index = chunk.length - 1; index >= 0; index--) yield chunk[index] as EntityRecord;
      }
    } else {
      for (let from = start; from < end; from += CHUNK) yield* this.list.slice(from, Math.min(end, from + CHUNK));
    }
  }
}

/** Several sorted lists walked as one, each record once. */
class MergedStream implements Stream {
  constructor(
    private readonly store: Store,
    private readonly ordering: Ordering,
    private readonly streams: readonly SortedStream[],
    readonly distinct: boolean,
  ) {}

  get length(): number {
    return this.streams.reduce((total, stream) => total + stream.length, 0);
  }

  *walk(lower: Bound | null, upper: Bound | null, backward: boolean): Iterable<EntityRecord> {
    const walks = this.streams.map((stream) => stream.walk(lower, upper, backward));
    let last: EntityRecord | null = null;
    for (const record of mergedByKey(this.store, this.ordering, walks, backward)) {
      if (last?.slug === record.slug) continue;
      last = record;
      yield record;
    }
  }
}

/** Walks each in the order (or against it, `backward`), merged into one walk by key. */
function* mergedByKey(
  store: Store,
  ordering: Ordering,
  walks: readonly Iterable<EntityRecord>[],
  backward: boolean,
): Generator<EntityRecord> {
  const next = (iterator: Iterator<EntityRecord>): { record: EntityRecord | null; key: Key | null } => {
    const step = iterator.next();
    return step.done ? { record: null, key: null } : { record: step.value, key: ordering.key(step.value, store) };
  };
  const heads = walks.map((walk) => {
    const iterator = walk[Symbol.iterator]();
    return { iterator, ...next(iterator) };
  });
  const sign = backward ? -1 : 1;
  for (;;) {
    let best: (typeof heads)[number] | null = null;
    for (const head of heads) {
      if (head.record && (!best?.key || sign * ordering.compare(head.key as Key, best.key) < 0)) best = head;
    }
    if (!best?.record) return;
    const record = best.record;
    Object.assign(best, next(best.iterator));
    yield record;
  }
}

/**
 * Records in display order by id: the whole kind (positions are ids less the kind's first) or one of
 * the store's lists (positions index its ids). Each id is tested (its bit among `bits`, then `rest`,
 * which reads columns) before its record is built, so a walk builds only the records it yields and
 * the few a cursor's binary search probes.
 */
class IdStream implements Stream {
  readonly distinct = true;
  #length: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly index: IdIndex,
    private readonly ordering: Ordering,
    private readonly first: number,
    /** The list's ids, ascending; or the kind's count, for the whole kind. */
    private readonly domain: ArrayLike<number> | number,
    private readonly bits: Bits | null,
    private readonly rest: Test<number> | null,
    private readonly work: IdWork,
  ) {}

  get #size(): number {
    return typeof this.domain === 'number' ? this.domain : this.domain.length;
  }

  #idAt(position: number): number {
    return typeof this.domain === 'number' ? this.first + position : (this.domain[position] as number);
  }

  #passes(id: number): boolean {
    if (this.bits && !this.bits.has(id - this.first)) return false;
    if (!this.rest) return true;
    this.work.tests += 1;
    return this.rest(id);
  }

  /** How many records pass: the bitset's count, or each id tested (no record is built). */
  get length(): number {
    if (this.#length === undefined) {
      if (typeof this.domain === 'number' && this.bits && !this.rest) this.#length = this.bits.count();
      else {
        let total = 0;
        for (let position = 0; position < this.#size; position++) if (this.#passes(this.#idAt(position))) total += 1;
        this.work.ids += this.#size;
        this.#length = total;
      }
    }
    return this.#length;
  }

  #search(key: Key, strict: boolean): number {
    let low = 0;
    let high = this.#size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = this.ordering.compare(this.ordering.key(this.index.record(this.#idAt(middle)), this.store), key);
      if (order < 0 || (strict && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  *walk(lower: Bound | null, upper: Bound | null, backward: boolean): Iterable<EntityRecord> {
    const start = lower ? this.#search(lower.key, !lower.inclusive) : 0;
    const end = upper ? this.#search(upper.key, upper.inclusive) : this.#size;
    const bits = typeof this.domain === 'number' ? this.bits : null;
    if (bits) {
      // The whole kind: only the positions in the bitset are visited.
      const rest = this.rest;
      const step = (position: number) => (backward ? bits.previous(position - 1) : bits.next(position + 1));
      for (let at = backward ? bits.previous(end - 1) : bits.next(start); at >= start && at < end; at = step(at)) {
        const id = this.first + at;
        if (rest) {
          this.work.tests += 1;
          if (!rest(id)) continue;
        }
        yield this.index.record(id);
      }
      return;
    }
    for (let step = 0; step < end - start; step++) {
      const id = this.#idAt(backward ? end - 1 - step : start + step);
      if (this.#passes(id)) yield this.index.record(id);
    }
  }
}

/** The records of a bitset of a kind as a list, built only as they are read. */
function bitsView(index: IdIndex, first: number, bits: Bits): View<EntityRecord> {
  const ids: number[] = [];
  for (let at = bits.next(0); at >= 0; at = bits.next(at + 1)) ids.push(first + at);
  const records = (start = 0, end = ids.length) => ids.slice(start, end).map((id) => index.record(id));
  return {
    length: ids.length,
    at: (position) => {
      const id = ids.at(position);
      return id === undefined ? undefined : index.record(id);
    },
    slice: records,
    map: (fn) => records().map(fn),
    filter: (test) => records().filter(test),
    [Symbol.iterator]: () => records()[Symbol.iterator](),
  };
}

/** Ids read from indexes and bitsets cost this many times less than testing a record (for the work budget). */
const ID_READS_PER_RECORD = 16;

/**
 * One page selected over the store's ids (see ids.ts): in display order by walking ids, testing bits
 * and columns; in another order through the kind kept in that order, or the candidates sorted, each
 * record tested by its id.
 */
function selectByIds(
  store: Store,
  index: IdIndex,
  selection: Selection,
  ordering: Ordering,
  filter: IdFilter,
  work: IdWork,
  args: PageArgs,
): Selected {
  const { kind, base, meter } = selection;
  const settle = () => {
    const ids = Math.floor(work.ids / ID_READS_PER_RECORD);
    if (work.tests + ids > 0) meter?.(work.tests + ids);
    work.tests = 0;
    work.ids -= ids * ID_READS_PER_RECORD;
  };
  const { first, count } = index.range(kind);
  const narrow = filter.narrow();
  const bits = narrow?.bits ?? null;
  const rest = narrow ? narrow.rest : (id: number) => filter.test(id);
  const settled = (stream: Stream, test: Test<EntityRecord> | null, counter?: () => number): Selected => ({
    stream,
    test,
    settle,
    ...(counter ? { counter } : {}),
  });
  const baseIds = base ? index.idsOf(base) : null;
  if (ordering.signature === '' && (!base || baseIds)) {
    return settled(new IdStream(store, index, ordering, first, baseIds ?? count, bits, rest, work), null);
  }
  const test: Test<EntityRecord> = (record) => {
    const id = index.id(record);
    return (bits === null || bits.has(id - first)) && (rest === null || rest(id));
  };
  if (base) {
    const stream =
      ordering.signature === '' ? new SortedStream(store, ordering, base) : sortedStream(store, ordering, base, meter);
    return settled(stream, test);
  }
  const size = bits ? bits.count() : count;
  const wanted = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) + 1;
  // A store that fetches from elsewhere walks only an order kept already (keeping one here reads the whole kind).
  const keeps = keepsOrder(store, selection, ordering);
  if (bits && (!keeps || (size <= DIRECT_SORT_LIMIT && (wanted * count) / Math.max(1, size) >= size))) {
    return settled(sortedStream(store, ordering, bitsView(index, first, bits), meter), rest && test);
  }
  const counter = () => new IdStream(store, index, ordering, first, count, bits, rest, work).length;
  const passes = (id: number) => {
    // Charged as an id read from an index, as IdStream's walk of a bitset is.
    work.ids += 1;
    if (bits !== null && !bits.has(id - first)) return false;
    if (rest === null) return true;
    work.tests += 1;
    return rest(id);
  };
  const stream = kindInOrder(store, selection, ordering, meter, passes);
  // A kept order yields only the ids passing: their records need no test.
  const filtered = stream instanceof KeptOrderStream ? null : test;
  return settled(stream, filtered, counter);
}

/**
 * How many ids the walk of a kept order reads first, and at most at a time: eight times more each
 * time, so that a filter matching few of them takes a few round trips, even over a million.
 */
const FIRST_PART = 64;
const LARGEST_PART = 262_144;

/**
 * A kind walked in an order the source keeps (PostgreSQL), a part at a time from a bound, so that no
 * process holds the kind sorted. A cursor's bound is the record it names (its slug is the last part of
 * its key), when the key is that record's; a cursor naming no record of the order (made by hand) is
 * answered through the kind sorted here, as without a kept order.
 */
class KeptOrderStream implements Stream {
  readonly distinct = true;

  constructor(
    private readonly store: Store,
    private readonly index: IdIndex,
    private readonly kind: Kind,
    private readonly ordering: Ordering,
    private readonly order: KeptOrder,
    private readonly meter: Meter | undefined,
    /** Which ids the walk yields (a filter answered over ids), tested before their records are built. */
    private readonly passes: ((id: number) => boolean) | null = null,
  ) {}

  get length(): number {
    return this.index.range(this.kind).count;
  }

  /** The bound at the record a key is the key of; undefined for none (null while the pass lacks data). */
  #bound(bound: Bound): OrderBound | null | undefined {
    const slug = bound.key.at(-1);
    const id = typeof slug === 'string' ? this.index.find(this.kind, slug) : -1;
    const key = id < 0 ? null : this.ordering.key(this.index.record(id), this.store);
    if (this.index.lacking) return null;
    const same = key !== null && key.length === bound.key.length && key.every((value, at) => value === bound.key[at]);
    return same ? { id, inclusive: bound.inclusive } : undefined;
  }

  *walk(lower: Bound | null, upper: Bound | null, backward: boolean): Iterable<EntityRecord> {
    let from = lower && this.#bound(lower);
    let to = upper && this.#bound(upper);
    const passes = this.passes;
    if (from === undefined || to === undefined) {
      for (const record of sortedKind(this.store, this.kind, this.ordering, this.meter).walk(lower, upper, backward)) {
        if (!passes || passes(this.index.id(record))) yield record;
      }
      return;
    }
    // A pass lacking the records of its bounds walks nothing: it runs again once they are fetched.
    if ((lower && from === null) || (upper && to === null)) return;
    for (let limit = FIRST_PART; ; limit = Math.min(limit * 8, LARGEST_PART)) {
      const ids = this.order.ids(from, to, backward, limit);
      for (let at = 0; at < ids.length; at++) {
        const id = ids[at] as number;
        if (!passes || passes(id)) yield this.index.record(id);
      }
      if (ids.length < limit) return;
      const last = { id: ids[ids.length - 1] as number, inclusive: false };
      if (backward) to = last;
      else from = last;
    }
  }
}

/**
 * The whole kind in an order other than the display order: walked where the source keeps it (yielding
 * only the ids that pass, when given), else sorted here.
 */
function kindInOrder(
  store: Store,
  selection: Selection,
  ordering: Ordering,
  meter: Meter | undefined,
  passes?: (id: number) => boolean,
): Stream {
  const kept = selection.orderBy && store.ids?.inOrder(selection.kind, selection.orderBy);
  return kept && store.ids
    ? new KeptOrderStream(store, store.ids, selection.kind, ordering, kept, meter, passes)
    : sortedKind(store, selection.kind, ordering, meter);
}

/** Whether the whole kind in this order is at hand without sorting it for the request. */
function keepsOrder(store: Store, selection: Selection, ordering: Ordering): boolean {
  if (!store.remote || (sortedKinds.get(store)?.has(ordering.signature) ?? false)) return true;
  return Boolean(selection.orderBy && store.ids?.inOrder(selection.kind, selection.orderBy));
}

/** Every record of a kind sorted by an order other than the display order, kept for the next request. */
const sortedKinds = new WeakMap<Store, Map<string, SortedStream>>();
/** How many such orders a store keeps sorted. */
const SORTED_KINDS_KEPT = 16;
/** Candidates this few are sorted for the request rather than read through the whole kind sorted. */
const DIRECT_SORT_LIMIT = 10_000;

function sortedStream(
  store: Store,
  ordering: Ordering,
  records: Iterable<EntityRecord>,
  meter: Meter | undefined,
): SortedStream {
  const keyed = [...records].map((record) => ({ record, key: ordering.key(record, store) }));
  meter?.(keyed.length);
  keyed.sort((a, b) => ordering.compare(a.key, b.key));
  return new SortedStream(
    store,
    ordering,
    keyed.map(({ record }) => record),
    keyed.map(({ key }) => key),
  );
}

function sortedKind(store: Store, kind: Kind, ordering: Ordering, meter: Meter | undefined): SortedStream {
  let kept = sortedKinds.get(store);
  if (!kept) {
    kept = new Map();
    sortedKinds.set(store, kept);
  }
  let stream = kept.get(ordering.signature);
  if (stream) {
    kept.delete(ordering.signature);
  } else {
    stream = sortedStream(store, ordering, store.all(kind), meter);
    // A pass that lacked records sorted stand-ins: it will run again, and nothing of it may be kept.
    if (store.lacking) return stream;
    if (kept.size >= SORTED_KINDS_KEPT) kept.delete(kept.keys().next().value as string);
  }
  kept.set(ordering.signature, stream);
  return stream;
}

/**
 * Whether a page in an order other than the display order is found sooner by walking the whole kind
 * kept in that order, testing each record, than by sorting the source's records for this request:
 * with the source's records spread through the order, the walk reads about (page size × kind size /
 * source size) records before the page is full. A store that fetches from elsewhere walks only an
 * order it already keeps, since keeping one reads the whole kind.
 */
function walksKeptOrder(
  store: Store,
  selection: Selection,
  ordering: Ordering,
  source: Source,
  args: PageArgs,
): boolean {
  const { kind } = selection;
  if (!keepsOrder(store, selection, ordering)) return false;
  const wanted = (args.first ?? args.last ?? DEFAULT_PAGE_SIZE) + 1;
  return (wanted * store.count(kind)) / Math.max(1, source.size) < source.size;
}

/** How many records of `source` pass the test (all of them when there is none). */
function countSource(source: Source, test: Test<EntityRecord> | null, meter: Meter | undefined): number {
  if (test === null && source.disjoint) return source.size;
  const records = distinctRecords(source);
  meter?.(records.length);
  let total = 0;
  for (const record of records) if (test === null || test(record)) total += 1;
  return total;
}

/** The records of `source` once each, when its lists overlap. */
function distinctRecords(source: Source): EntityRecord[] {
  const seen = new Map<string, EntityRecord>();
  for (const view of source.views) for (const record of view) seen.set(record.slug, record);
  return [...seen.values()];
}

export interface Selection {
  /** Every record matching, in order (and each once), or among `base` when given. */
  readonly kind: Kind;
  readonly where?: Where | null;
  readonly orderBy?: readonly OrderTerm[] | null;
  /** The list to select from (a relation's), in display order; the whole kind when absent. */
  readonly base?: View<EntityRecord>;
  /** Told of the records read beyond the page, so that the reading can be charged for. */
  readonly meter?: Meter;
}

/**
 * One page of the records a filter selects, in the order asked for, with keyset cursors. The records
 * come from the store's indexes where one answers the filter (the smallest, when several do), else
 * from the whole list; only the records up to the page's end are read, unless `totalCount` is.
 */
export function selectPage(store: Store, selection: Selection, args: PageArgs): Page<EntityRecord> {
  const ordering = orderingOf(selection.kind, selection.orderBy);
  const selected = select(store, selection, ordering, args);
  return settledPage(
    paginate(store, ordering, selected.stream, selected.test, args, selection.meter, selected.counter),
    [selected],
  );
}

/**
 * What a selection walks for a page: the records in order, the test each must still pass, how they
 * are counted, and how the work of reading them is charged (after the page, and after the count).
 */
interface Selected {
  readonly stream: Stream;
  readonly test: Test<EntityRecord> | null;
  readonly counter?: () => number;
  readonly settle?: () => void;
}

/** A page whose selections' work is charged once it is found, and again once it is counted. */
function settledPage(page: Page<EntityRecord>, selections: readonly Selected[]): Page<EntityRecord> {
  // Most pages (a relation's list, unfiltered) have nothing to settle: they are answered as they are.
  let settles = false;
  for (const selected of selections) if (selected.settle) settles = true;
  if (!settles) return page;
  const settle = () => {
    for (const selected of selections) selected.settle?.();
  };
  settle();
  return new CountedPage(page.edges, page.pageInfo, () => {
    const total = page.totalCount;
    settle();
    return total;
  });
}

/** The records a selection walks, in the order given (see {@link selectPage}). */
function select(store: Store, selection: Selection, ordering: Ordering, args: PageArgs): Selected {
  const { kind, where, base, meter } = selection;
  const filtered = filters(where);
  const work: IdWork = { tests: 0, ids: 0 };
  const byIds = filtered && where && store.ids ? compileIds(store.ids, kind, where, work) : null;
  if (byIds && store.ids) return selectByIds(store, store.ids, selection, ordering, byIds, work, args);
  let test: Test<EntityRecord> | null = filtered ? compileWhere(store, kind, where) : null;
  const displayOrdered = ordering.signature === '';
  let stream: Stream;
  let counter: (() => number) | undefined;
  if (base) {
    stream = displayOrdered ? new SortedStream(store, ordering, base) : sortedStream(store, ordering, base, meter);
  } else {
    const source = filtered && where ? sourceOf(store, kind, where) : null;
    if (source && where && answersWholly(source, where)) test = null;
    if (!source) {
      stream = displayOrdered
        ? new SortedStream(store, ordering, store.all(kind))
        : kindInOrder(store, selection, ordering, meter);
    } else if (displayOrdered) {
      const streams = source.views.map((view) => new SortedStream(store, ordering, view));
      stream =
        streams.length === 1
          ? (streams[0] as SortedStream)
          : new MergedStream(store, ordering, streams, source.disjoint);
    } else if (source.size > DIRECT_SORT_LIMIT || walksKeptOrder(store, selection, ordering, source, args)) {
      // The whole kind kept in this order, each record tested: the source's records are counted
      // from the source itself.
      const sourceTest = test;
      counter = () => countSource(source, sourceTest, meter);
      stream = kindInOrder(store, selection, ordering, meter);
      test = filtered ? compileWhere(store, kind, where) : null;
    } else {
      stream = sortedStream(
        store,
        ordering,
        source.disjoint ? source.views.flatMap((view) => [...view]) : distinctRecords(source),
        meter,
      );
    }
  }
  return { stream, test, ...(counter ? { counter } : {}) };
}

function decodeBound(ordering: Ordering, cursor: string | null | undefined, argument: 'after' | 'before'): Key | null {
  if (cursor == null) return null;
  const key = decodeCursor(ordering, cursor);
  if (key === null) throw new InvalidCursorError(argument);
  return key;
}

/** Up to `limit` items of a walk that pass the test, each item tested told to the meter. */
function take(
  items: Iterable<EntityRecord>,
  test: Test<EntityRecord> | null,
  limit: number,
  meter: Meter | undefined,
): EntityRecord[] {
  const taken: EntityRecord[] = [];
  if (limit <= 0) return taken;
  for (const item of items) {
    if (test) {
      meter?.(1);
      if (!test(item)) continue;
    }
    taken.push(item);
    if (taken.length >= limit) break;
  }
  return taken;
}

/** Relay's pagination algorithm over a stream: cursors bound the range, then `first`, then `last`. */
function paginate(
  store: Store,
  ordering: Ordering,
  stream: Stream,
  test: Test<EntityRecord> | null,
  args: PageArgs,
  meter?: Meter,
  counter: () => number = () => count(stream, test, meter),
): Page<EntityRecord> {
  const afterKey = decodeBound(ordering, args.after, 'after');
  const beforeKey = decodeBound(ordering, args.before, 'before');
  const lower = afterKey && { key: afterKey, inclusive: false };
  const upper = beforeKey && { key: beforeKey, inclusive: false };
  const { first, last } = args;
  let nodes: EntityRecord[];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  if (last != null && first == null) {
    nodes = take(stream.walk(lower, upper, true), test, last + 1, meter).reverse();
    hasPreviousPage = nodes.length > last;
    if (hasPreviousPage) nodes = nodes.slice(1);
    hasNextPage =
      beforeKey !== null &&
      take(stream.walk({ key: beforeKey, inclusive: true }, null, false), test, 1, meter).length > 0;
  } else {
    const size = first ?? DEFAULT_PAGE_SIZE;
    nodes = take(stream.walk(lower, upper, false), test, size + 1, meter);
    hasNextPage = nodes.length > size;
    if (hasNextPage) nodes = nodes.slice(0, size);
    hasPreviousPage =
      afterKey !== null && take(stream.walk(null, { key: afterKey, inclusive: true }, true), test, 1, meter).length > 0;
    if (last != null && nodes.length > last) {
      nodes = nodes.slice(nodes.length - last);
      hasPreviousPage = true;
    }
  }
  const edges = nodes.map((node) => new LazyEdge(store, ordering, node));
  return new CountedPage(edges, new PageInfo(edges, hasPreviousPage, hasNextPage), counter);
}

/** A page whose total is counted when first read. */
class CountedPage implements Page<EntityRecord> {
  #counted: number | undefined;
  #nodes: readonly EntityRecord[] | undefined;

  constructor(
    readonly edges: readonly Edge<EntityRecord>[],
    readonly pageInfo: Page<EntityRecord>['pageInfo'],
    private readonly counter: () => number,
  ) {}

  /** Made when first read: a query selects a page's `nodes` or its `edges`, seldom both. */
  get nodes(): readonly EntityRecord[] {
    this.#nodes ??= this.edges.map((edge) => edge.node);
    return this.#nodes;
  }

  get totalCount(): number {
    this.#counted ??= this.counter();
    return this.#counted;
  }
}

/**
 * An edge whose cursor is encoded when first read: most pages select only their nodes. Edges, pages
 * and their counts are classes, so that each shares one shape (in V8 a getter in an object literal
 * gives every object made by it a shape of its own, which cost more in garbage than the cursors).
 */
class LazyEdge implements Edge<EntityRecord> {
  #cursor: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly ordering: Ordering,
    readonly node: EntityRecord,
  ) {}

  get cursor(): string {
    this.#cursor ??= encodeCursor(this.ordering, this.ordering.key(this.node, this.store));
    return this.#cursor;
  }
}

/** Where a page sits, its cursors read from its edges when asked for. */
class PageInfo {
  constructor(
    private readonly edges: readonly Edge<unknown>[],
    readonly hasPreviousPage: boolean,
    readonly hasNextPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

function count(stream: Stream, test: Test<EntityRecord> | null, meter: Meter | undefined): number {
  if (test === null && stream.distinct) return stream.length;
  let total = 0;
  for (const record of stream.walk(null, null, false)) {
    meter?.(1);
    if (test === null || test(record)) total += 1;
  }
  return total;
}

/** The records of one kind in a list of records of several kinds: those passing `where`. */
export interface KindPart {
  readonly kind: Kind;
  readonly where: Where | null;
}

/**
 * One page of a list of records of several kinds, in a mixed order, with keyset cursors: each kind's
 * records selected as a list of that kind is (over ids, by bitsets, where the store keeps them),
 * then walked kind after kind when the order puts the kind first, else merged by key. `totalCount`
 * is the sum of the kinds' counts.
 */
export function selectAcrossKinds(
  store: Store,
  parts: readonly KindPart[],
  ordering: MixedOrdering,
  args: PageArgs,
  meter?: Meter,
): Page<EntityRecord> {
  const selections = parts.map(({ kind, where }) => ({
    kind,
    selected: select(store, { kind, where, ...(meter ? { meter } : {}) }, ordering.forKind(kind), args),
  }));
  const counter = () =>
    selections.reduce(
      (total, { selected }) =>
        total + (selected.counter ? selected.counter() : count(selected.stream, selected.test, meter)),
      0,
    );
  const stream = new KindsStream(store, ordering, selections, meter);
  return settledPage(
    paginate(store, ordering, stream, null, args, meter, counter),
    selections.map(({ selected }) => selected),
  );
}

/** The streams of several kinds as one, in a mixed order: one kind after another, or merged by key. */
class KindsStream implements Stream {
  readonly distinct = true;

  constructor(
    private readonly store: Store,
    private readonly ordering: MixedOrdering,
    private readonly parts: readonly { readonly kind: Kind; readonly selected: Selected }[],
    private readonly meter: Meter | undefined,
  ) {}

  get length(): number {
    return this.parts.reduce(
      (total, { selected }) =>
        total + (selected.counter ? selected.counter() : count(selected.stream, selected.test, this.meter)),
      0,
    );
  }

  /** The items of one kind's walk that pass its test, each tested told to the meter. */
  *#passing(selected: Selected, lower: Bound | null, upper: Bound | null, backward: boolean): Iterable<EntityRecord> {
    for (const record of selected.stream.walk(lower, upper, backward)) {
      if (selected.test) {
        this.meter?.(1);
        if (!selected.test(record)) continue;
      }
      yield record;
    }
  }

  *walk(lower: Bound | null, upper: Bound | null, backward: boolean): Iterable<EntityRecord> {
    const { kindFirst } = this.ordering;
    if (kindFirst) {
      // The kind is the key's first part: the kinds one after another, only the bounds' own kinds
      // searched for the bounds.
      const sign = kindFirst === 'ASC' ? 1 : -1;
      const place = (kind: Kind) => sign * KINDS.indexOf(kind);
      const lowest = lower ? sign * Number(lower.key[0]) : null;
      const highest = upper ? sign * Number(upper.key[0]) : null;
      const ordered = [...this.parts].sort((a, b) => place(a.kind) - place(b.kind));
      if (backward) ordered.reverse();
      for (const { kind, selected } of ordered) {
        const at = place(kind);
        if ((lowest !== null && at < lowest) || (highest !== null && at > highest)) continue;
        yield* this.#passing(selected, at === lowest ? lower : null, at === highest ? upper : null, backward);
      }
      return;
    }
    const walks = this.parts.map(({ selected }) => this.#passing(selected, lower, upper, backward));
    yield* mergedByKey(this.store, this.ordering, walks, backward);
  }
}

/** One page of a list already in the given order (a relation's list of several kinds), with keyset cursors. */
export function pageOfList(
  store: Store,
  ordering: Ordering,
  list: View<EntityRecord>,
  args: PageArgs,
): Page<EntityRecord> {
  return paginate(store, ordering, new SortedStream(store, ordering, list), null, args);
}
