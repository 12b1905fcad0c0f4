/**
 * The orders of the API other than display order, kept in PostgreSQL so that an instance walks them
 * from the database instead of sorting a whole kind in its memory. At load, each record's value of
 * every order field of its kind (query/order.ts, ORDER_FIELDS) is read as the API reads it, and ranked
 * among the kind's values by the API's own comparison (so that collation, enum order and the order of
 * partial dates are the server's, not PostgreSQL's); `order_<kind>` holds one row per record with a
 * rank per field and the slug's rank, the tie-breaker of every order. An order is then an ORDER BY over
 * integers, with an index for each field in each direction, and a keyset bound is a record's row.
 */
import { KINDS, type Kind } from '../kinds.js';
import type { ScalarValue } from '../query/fields.js';
import { ORDER_FIELDS, orderingOf } from '../query/order.js';
import type { Store } from '../store.js';

/** The rank of "no value": after every value ascending, first descending, as the API sorts nulls. */
export const NULL_RANK = 2_147_483_647;

/** The table of a kind's orders. */
export const orderTable = (schema: string, kind: Kind) => `${schema}.order_${kind}`;

/** The column of an order field (an enum value such as GAMES_YEAR): the field's name in lower case. */
export const orderColumn = (field: string) => {
  if (!/^[A-Z][A-Z_]*$/.test(field)) throw new Error(`not an order field: ${field}`);
  return field.toLowerCase();
};

/** The order fields of a kind with a column of their own, in a stable order (SLUG is the slug's column). */
export const orderFields = (kind: Kind): readonly string[] =>
  Object.keys(ORDER_FIELDS[kind]).filter((field) => field !== 'SLUG');

/** The DDL of every kind's order table; `{schema}` is replaced by the schema being loaded. */
export function orderTables(): string {
  return KINDS.map(
    (kind) =>
      `CREATE TABLE {schema}.order_${kind} (\n  id integer PRIMARY KEY,\n  slug integer NOT NULL,\n${orderFields(kind)
        .map((field) => `  ${orderColumn(field)} integer NOT NULL`)
        .join(',\n')}\n);`,
  ).join('\n');
}

/**
 * The indexes that walk each single-field order from any row in either direction: (field, slug) and
 * (-field, slug), with the id in the index so that no row is read. A descending term is walked as its
 * negation ascending, so that every order is ascending in all its terms and a bound is one row
 * comparison, which an index scan starts from.
 */
export function orderIndexes(): string {
  return KINDS.flatMap((kind) => [
    `CREATE INDEX ON {schema}.order_${kind} (slug) INCLUDE (id);`,
    ...orderFields(kind).flatMap((field) => {
      const column = orderColumn(field);
      return [
        `CREATE INDEX ON {schema}.order_${kind} (${column}, slug) INCLUDE (id);`,
        `CREATE INDEX ON {schema}.order_${kind} ((-${column}), slug) INCLUDE (id);`,
      ];
    }),
  ]).join('\n');
}

/**
 * Each record of a kind with its ranks, as COPY rows (id, slug rank, a rank per field in
 * {@link orderFields} order): every record read once through `store`, each field's values ranked by
 * the comparison of the API's order on that field alone.
 */
export function* orderRows(store: Store, kind: Kind, first: number): Generator<readonly number[]> {
  const records = store.all(kind);
  const fields = orderFields(kind);
  const count = records.length;
  const slugs: string[] = new Array(count);
  const values = fields.map(() => new Array<ScalarValue | null>(count));
  let position = 0;
  for (const record of records) {
    slugs[position] = record.slug;
    fields.forEach((field, index) => {
      (values[index] as (ScalarValue | null)[])[position] = ORDER_FIELDS[kind][field]?.read(record, store) ?? null;
    });
    position += 1;
  }
  // The key of an order on one field is [value, slug]: its comparison of the values alone ranks them.
  const slugRanks = ranks(slugs, (a, b) => orderingOf(kind, [{ field: 'SLUG' }]).compare([a, a], [b, b]));
  const fieldRanks = fields.map((field, index) => {
    const ordering = orderingOf(kind, [{ field }]);
    return ranks(values[index] as (ScalarValue | null)[], (a, b) => ordering.compare([a, ''], [b, '']));
  });
  for (let at = 0; at < count; at++) {
    yield [first + at, slugRanks[at] as number, ...fieldRanks.map((column) => column[at] as number)];
  }
}

/** Dense ranks of values by a comparison (equal values share one), null values at {@link NULL_RANK}. */
function ranks<T>(values: readonly T[], compare: (a: T, b: T) => number): Int32Array {
  const order = Array.from(values.keys()).filter((at) => values[at] !== null);
  order.sort((a, b) => compare(values[a] as T, values[b] as T));
  const out = new Int32Array(values.length).fill(NULL_RANK);
  let rank = 0;
  for (let index = 0; index < order.length; index++) {
    const at = order[index] as number;
    if (index > 0 && compare(values[order[index - 1] as number] as T, values[at] as T) !== 0) rank += 1;
    out[at] = rank;
  }
  return out;
}

/** One key of an order walked in SQL: a column, and whether it is descending. */
export interface OrderTerm {
  readonly column: string;
  readonly descending: boolean;
}

/** The terms of an `orderBy` as columns, the slug last; null when a field has no column. */
export function orderTerms(
  kind: Kind,
  terms: readonly { readonly field: string; readonly direction?: 'ASC' | 'DESC' | null }[],
): readonly OrderTerm[] | null {
  const fields = Object.keys(ORDER_FIELDS[kind]);
  if (terms.some((term) => !fields.includes(term.field))) return null;
  return [
    ...terms.map((term) => ({ column: orderColumn(term.field), descending: term.direction === 'DESC' })),
    { column: 'slug', descending: false },
  ];
}

/**
 * The query of ids of a kind in an order, forward or `backward`, with its parameters: after the row of
 * `lower.id` when given, before the row of `upper.id` when given (a bound `inclusive` of its own row),
 * up to `limit`. Each term is ascending (a descending one negated), so that a bound is one row
 * comparison; an index walks a single-field order from it.
 */
export function orderedIdsQuery(
  schema: string,
  kind: Kind,
  terms: readonly OrderTerm[],
  backward: boolean,
  lower: { readonly id: number; readonly inclusive: boolean } | null,
  upper: { readonly id: number; readonly inclusive: boolean } | null,
  limit: number,
): { readonly text: string; readonly parameters: readonly number[] } {
  const table = orderTable(schema, kind);
  const value = (row: string, term: OrderTerm) =>
    term.descending ? `(-${row}.${term.column})` : `${row}.${term.column}`;
  const keys = terms.map((term) => value('o', term));
  const parameters: number[] = [];
  const beyond = (bound: { readonly id: number; readonly inclusive: boolean }, operator: '>' | '<') => {
    parameters.push(bound.id);
    const id = `$${parameters.length}::int`;
    const values = terms.map((term) => `(SELECT ${value('b', term)} FROM ${table} b WHERE b.id = ${id})`);
    return `(${keys.join(', ')}) ${operator}${bound.inclusive ? '=' : ''} (${values.join(', ')})`;
  };
  const conditions = [...(lower ? [beyond(lower, '>')] : []), ...(upper ? [beyond(upper, '<')] : [])];
  parameters.push(limit);
  const text = `SELECT o.id FROM ${table} o${conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`}
    ORDER BY ${keys.map((key) => `${key}${backward ? ' DESC' : ''}`).join(', ')} LIMIT $${parameters.length}::int`;
  return { text, parameters };
}
