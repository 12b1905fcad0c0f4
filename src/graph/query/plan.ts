import type { Kind } from '../kinds.js';
import type { EntityRecord } from '../model.js';
import type { Store, View } from '../store.js';
import { fieldsOf, type ScalarValue } from './fields.js';
import { displayOrder } from './order.js';
import { compileWhere, type ListFilter, type ScalarFilter, type Where } from './where.js';

/** How many of the store's index lists one filter may merge (an `in` of this many values, say). */
export const MAX_INDEX_LISTS = 64;
/** How many related records a filter reads to find the records they belong to (`results: { some: … }`). */
export const SEMI_JOIN_LIMIT = 2_000;
/** A kind this small is read whole to find the targets of a relation filter (`country: { code: … }`). */
const SMALL_KIND = 2_000;

/**
 * Where the candidates of a filter come from: lists of the store's indexes, each in display order,
 * that hold every record passing the filter. `exact` when they hold only those; `disjoint` when no
 * record is in two of them.
 */
export interface Source {
  readonly views: readonly View<EntityRecord>[];
  readonly size: number;
  readonly disjoint: boolean;
  readonly exact: boolean;
}

const sourceOfViews = (views: readonly View<EntityRecord>[], disjoint: boolean, exact: boolean): Source => ({
  views,
  size: views.reduce((total, view) => total + view.length, 0),
  disjoint,
  exact,
});

/**
 * The entries of a `where` that must all hold, with those of its `AND`s, and its `OR`s (each a list of
 * alternatives, one of which must hold); `complete` when the entries are the whole filter (no `OR` or
 * `NOT` anywhere among them).
 */
function conjuncts(where: Where): {
  entries: [string, unknown][];
  alternatives: (readonly Where[])[];
  complete: boolean;
} {
  const entries: [string, unknown][] = [];
  const alternatives: (readonly Where[])[] = [];
  let complete = true;
  for (const [name, filter] of Object.entries(where)) {
    if (filter == null) continue;
    if (name === 'OR') {
      complete = false;
      alternatives.push(filter as readonly Where[]);
    } else if (name === 'NOT') complete = false;
    else if (name === 'AND') {
      for (const part of filter as readonly Where[]) {
        const inner = conjuncts(part);
        entries.push(...inner.entries);
        alternatives.push(...inner.alternatives);
        complete &&= inner.complete;
      }
    } else entries.push([name, filter]);
  }
  return { entries, alternatives, complete };
}

/**
 * The union of the sources of an `OR`'s alternatives, when an index answers every one of them (an
 * alternative with no entry, or one no index answers, would let any record through).
 */
function alternativesSource(store: Store, kind: Kind, alternatives: readonly Where[]): Source | null {
  const views: View<EntityRecord>[] = [];
  for (const alternative of alternatives) {
    const source = sourceOf(store, kind, alternative);
    if (source === null) return null;
    views.push(...source.views);
    if (views.length > MAX_INDEX_LISTS) return null;
  }
  return views.length === 0 ? null : sourceOfViews(views, false, false);
}

/** The values an `eq` or `in` asks for, or null; `only` when the filter asks nothing else. */
function wantedValues(filter: ScalarFilter): { values: ScalarValue[]; only: boolean } | null {
  const given = Object.entries(filter).filter(([, value]) => value != null);
  if (filter.eq != null) return { values: [filter.eq], only: given.length === 1 };
  if (filter.in != null) return { values: [...new Set(filter.in)], only: given.length === 1 };
  return null;
}

/** The source answering one entry of a `where`, if one of the store's indexes does. */
function entrySource(store: Store, kind: Kind, name: string, filter: unknown): Source | null {
  const field = fieldsOf(kind)[name];
  switch (field?.is) {
    case 'scalar': {
      const wanted = field.index && wantedValues(filter as ScalarFilter);
      if (!field.index || !wanted || wanted.values.length > MAX_INDEX_LISTS) return null;
      const { lookup, folded } = field.index;
      // A folding index lists "Swimming" under "swimming" too: its lists may overlap.
      return sourceOfViews(
        wanted.values.map((value) => lookup(store, value)),
        !folded,
        wanted.only && !folded,
      );
    }
    case 'scalarList': {
      const { some, ...rest } = filter as ListFilter<ScalarFilter>;
      const wanted = field.index && some && wantedValues(some);
      if (!field.index || !wanted || wanted.values.length > MAX_INDEX_LISTS) return null;
      const { lookup, folded } = field.index;
      const only = wanted.only && !folded && Object.values(rest).every((value) => value == null);
      return sourceOfViews(
        wanted.values.map((value) => lookup(store, String(value))),
        false,
        only,
      );
    }
    case 'one': {
      if (!field.inverse) return null;
      const targets = matching(store, field.target, filter as Where, MAX_INDEX_LISTS);
      if (targets === null) return null;
      const inverse = field.inverse;
      return sourceOfViews(
        targets.map((target) => inverse(store, target)),
        true,
        true,
      );
    }
    case 'many': {
      const { some, ...rest } = filter as ListFilter<Where>;
      if (!field.owners || some == null) return null;
      const related = matching(store, field.target, some, SEMI_JOIN_LIMIT);
      if (related === null) return null;
      const owners = new Map<string, EntityRecord>();
      for (const record of related) {
        for (const owner of field.owners(store, record)) owners.set(owner.slug, owner);
      }
      const ordering = displayOrder(kind);
      const keyed = [...owners.values()].map((record) => ({ record, key: ordering.key(record, store) }));
      keyed.sort((a, b) => ordering.compare(a.key, b.key));
      const only = Object.values(rest).every((value) => value == null);
      return sourceOfViews([keyed.map(({ record }) => record)], true, only);
    }
    default:
      return null;
  }
}

/**
 * The smallest source among the entries that must hold, or null when no index answers any. The
 * records of the source still pass through the whole filter, unless it is exact and the filter's only
 * entry (see {@link answersWholly}).
 */
export function sourceOf(store: Store, kind: Kind, where: Where): Source | null {
  let best: Source | null = null;
  const { entries, alternatives } = conjuncts(where);
  const sources = [
    ...entries.map(([name, filter]) => entrySource(store, kind, name, filter)),
    ...alternatives.map((alternative) => alternativesSource(store, kind, alternative)),
  ];
  for (const source of sources) if (source && (best === null || source.size < best.size)) best = source;
  return best;
}

/** Whether the source holds exactly the records passing the filter: an exact source of its one entry. */
export function answersWholly(source: Source, where: Where): boolean {
  const { entries, complete } = conjuncts(where);
  return source.exact && complete && entries.length === 1;
}

/**
 * Every record of `kind` passing a filter, found through an index or by reading a small kind whole;
 * null when that would read more than `limit` records or find more than `limit`.
 */
export function matching(store: Store, kind: Kind, where: Where, limit: number): EntityRecord[] | null {
  const test = compileWhere(store, kind, where);
  const source = sourceOf(store, kind, where);
  let candidates: Iterable<EntityRecord>;
  if (source && source.size <= Math.max(limit, SMALL_KIND)) candidates = source.views.flatMap((view) => [...view]);
  else if (store.count(kind) <= SMALL_KIND) candidates = store.all(kind);
  else return null;
  const found = new Map<string, EntityRecord>();
  for (const record of candidates) {
    if (!test(record)) continue;
    found.set(record.slug, record);
    if (found.size > limit) return null;
  }
  return [...found.values()];
}
