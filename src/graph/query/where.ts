import { firstDayOf, lastDayOf } from '../dates.js';
import type { Kind } from '../kinds.js';
import type { EntityRecord } from '../model.js';
import { foldForSearch } from '../search.js';
import type { Store } from '../store.js';
import { type Field, fieldsOf, type ScalarType, type ScalarValue } from './fields.js';

/**
 * A filter on one kind of record, as the GraphQL `where` inputs give it: `AND`, `OR`, `NOT`, and one
 * entry per field of {@link FIELDS}, each with its own filter (a scalar filter, a list filter, or the
 * filter of the related kind). Absent and null entries do not filter.
 */
export type Where = Readonly<Record<string, unknown>>;

/** The predicates on one plain value; every one given must hold. */
export interface ScalarFilter {
  readonly eq?: ScalarValue | null;
  readonly in?: readonly ScalarValue[] | null;
  readonly lt?: ScalarValue | null;
  readonly lte?: ScalarValue | null;
  readonly gt?: ScalarValue | null;
  readonly gte?: ScalarValue | null;
  readonly contains?: string | null;
  readonly startsWith?: string | null;
  readonly isNull?: boolean | null;
}

/** The quantifiers over a list of values or related records. */
export interface ListFilter<F> {
  readonly some?: F | null;
  readonly none?: F | null;
  readonly every?: F | null;
}

export type Test<T> = (value: T) => boolean;

const ALWAYS: Test<unknown> = () => true;

/** Every test given; the always-true test for none. */
function all<T>(tests: readonly Test<T>[]): Test<T> {
  if (tests.length === 0) return ALWAYS;
  if (tests.length === 1) return tests[0] as Test<T>;
  return (value) => {
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

/**
 * The test of one scalar filter on a value of a type. Text `eq` and `in` are exact; `contains` and
 * `startsWith` ignore case, accents and punctuation. Dates compare as the periods they name: `gte
 * "2012"` holds for "2012-08-29", `lte "2012"` for any day of 2012, `lt "2012"` only before 2012.
 */
export function scalarTest(type: ScalarType, filter: ScalarFilter): Test<ScalarValue | null> {
  const tests: Test<ScalarValue | null>[] = [];
  const present = (value: ScalarValue | null): value is ScalarValue => value !== null;
  if (filter.isNull != null) {
    const wanted = filter.isNull;
    tests.push((value) => (value === null) === wanted);
  }
  if (filter.eq != null) {
    const wanted = filter.eq;
    tests.push((value) => value === wanted);
  }
  if (filter.in != null) {
    const wanted = new Set<ScalarValue>(filter.in);
    tests.push((value) => present(value) && wanted.has(value));
  }
  const bounds = [
    ['lt', filter.lt],
    ['lte', filter.lte],
    ['gt', filter.gt],
    ['gte', filter.gte],
  ] as const;
  for (const [operator, bound] of bounds) {
    if (bound == null) continue;
    tests.push(type === 'date' ? dateBound(operator, String(bound)) : numberBound(operator, Number(bound)));
  }
  if (filter.contains != null) {
    const needle = foldForSearch(filter.contains);
    tests.push((value) => present(value) && foldForSearch(String(value)).includes(needle));
  }
  if (filter.startsWith != null) {
    const needle = foldForSearch(filter.startsWith);
    tests.push((value) => present(value) && foldForSearch(String(value)).startsWith(needle));
  }
  return all(tests);
}

function numberBound(operator: 'lt' | 'lte' | 'gt' | 'gte', bound: number): Test<ScalarValue | null> {
  switch (operator) {
    case 'lt':
      return (value) => value !== null && (value as number) < bound;
    case 'lte':
      return (value) => value !== null && (value as number) <= bound;
    case 'gt':
      return (value) => value !== null && (value as number) > bound;
    case 'gte':
      return (value) => value !== null && (value as number) >= bound;
  }
}

/** A bound on a partial date, comparing the periods the value and the bound name (see {@link scalarTest}). */
function dateBound(operator: 'lt' | 'lte' | 'gt' | 'gte', bound: string): Test<ScalarValue | null> {
  const [first, last] = [firstDayOf(bound), lastDayOf(bound)];
  switch (operator) {
    case 'lt':
      return (value) => value !== null && lastDayOf(value as string) < first;
    case 'lte':
      return (value) => value !== null && lastDayOf(value as string) <= last;
    case 'gt':
      return (value) => value !== null && firstDayOf(value as string) > last;
    case 'gte':
      return (value) => value !== null && firstDayOf(value as string) >= first;
  }
}

function quantified<T>(filter: ListFilter<unknown>, element: (filter: unknown) => Test<T>): Test<Iterable<T>> {
  const tests: Test<Iterable<T>>[] = [];
  const any = (items: Iterable<T>, test: Test<T>) => {
    for (const item of items) if (test(item)) return true;
    return false;
  };
  if (filter.some != null) {
    const test = element(filter.some);
    tests.push((items) => any(items, test));
  }
  if (filter.none != null) {
    const test = element(filter.none);
    tests.push((items) => !any(items, test));
  }
  if (filter.every != null) {
    const test = element(filter.every);
    tests.push((items) => !any(items, (item) => !test(item)));
  }
  return all(tests);
}

/** The test of one field's filter. */
function fieldTest(store: Store, field: Field, filter: unknown): Test<EntityRecord> {
  switch (field.is) {
    case 'scalar': {
      const test = scalarTest(field.type, filter as ScalarFilter);
      return (record) => test(field.read(record, store));
    }
    case 'scalarList': {
      const test = quantified<string>(filter as ListFilter<unknown>, (element) =>
        scalarTest(field.type, element as ScalarFilter),
      );
      return (record) => test(field.read(record, store));
    }
    case 'group': {
      const { isNull, ...parts } = filter as { isNull?: boolean | null } & Record<string, unknown>;
      const tests: Test<Readonly<Record<string, ScalarValue | null>> | null>[] = [];
      if (isNull != null) tests.push((value) => (value === null) === isNull);
      for (const [name, part] of Object.entries(parts)) {
        const spec = field.fields[name];
        if (part == null || !spec) continue;
        const test = scalarTest(spec.type, part as ScalarFilter);
        tests.push((value) => value !== null && test(value[name] ?? null));
      }
      const test = all(tests);
      return (record) => test(field.read(record, store));
    }
    case 'one': {
      const test = compileWhere(store, field.target, filter as Where);
      return (record) => {
        const target = field.read(record, store);
        return target !== null && test(target);
      };
    }
    case 'many': {
      const test = quantified<EntityRecord>(filter as ListFilter<unknown>, (element) =>
        compileWhere(store, field.target, element as Where),
      );
      return (record) => test(field.read(record, store));
    }
  }
}

/** The test a `where` makes of records of `kind`: every entry given must hold. */
export function compileWhere(store: Store, kind: Kind, where: Where | null | undefined): Test<EntityRecord> {
  if (!where) return ALWAYS;
  const tests: Test<EntityRecord>[] = [];
  for (const [name, filter] of Object.entries(where)) {
    if (filter == null) continue;
    if (name === 'AND') {
      tests.push(all((filter as readonly Where[]).map((part) => compileWhere(store, kind, part))));
    } else if (name === 'OR') {
      const parts = (filter as readonly Where[]).map((part) => compileWhere(store, kind, part));
      tests.push((record) => parts.some((test) => test(record)));
    } else if (name === 'NOT') {
      const inner = compileWhere(store, kind, filter as Where);
      tests.push((record) => !inner(record));
    } else {
      const field = fieldsOf(kind)[name];
      if (!field) throw new Error(`${kind} has no field "${name}" to filter by`);
      tests.push(fieldTest(store, field, filter));
    }
  }
  return all(tests);
}

/** Whether a `where` filters at all: null, empty, and all-null ones do not. */
export function filters(where: Where | null | undefined): boolean {
  return where != null && Object.values(where).some((value) => value != null);
}
