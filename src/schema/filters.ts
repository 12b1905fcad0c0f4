import type { ArgBuilder, EnumRef, InputFieldBuilder, InputFieldRef } from '@pothos/core';
import type { Kind } from '../graph/kinds.js';
import { ENUMS, type Field, fieldsOf, type ScalarType } from '../graph/query/fields.js';
import { ORDER_FIELDS, type OrderTerm, SOURCED_ORDER_FIELDS } from '../graph/query/order.js';
import type { Where } from '../graph/query/where.js';
import { LIMITS } from '../security/limits.js';
import { builder } from './builder.js';
import { SourcedTypeEnum, TYPE_NAMES } from './sourced.js';

type EnumName = keyof typeof ENUMS;
// biome-ignore lint/suspicious/noExplicitAny: an enum ref of any value type; filters only pass its values on
type AnyEnumRef = EnumRef<any, any>;
type Builder = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Fields = Record<string, InputFieldRef<Builder, unknown>>;
type T = InputFieldBuilder<Builder, 'InputObject'>;

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Which way an `orderBy` key sorts. Nulls sort last going up and first going down.',
  values: {
    ASC: { description: 'Smallest, earliest or first in the alphabet first.' },
    DESC: { description: 'Largest, latest or last in the alphabet first.' },
  },
});

const NULL = { description: 'True: only where there is no value; false: only where there is one.' };

/** Input types for the predicates on one plain value, by what the value is. */
const StringFilter = builder.inputType('StringFilter', {
  description:
    'Predicates on a text; every one given must hold. `eq` and `in` are exact; `contains` and `startsWith` ignore case, accents and punctuation.',
  fields: (t) => ({
    eq: t.string({ description: 'Exactly this text.' }),
    in: t.stringList({ description: 'Exactly one of these texts.' }),
    contains: t.string({ description: 'Contains these words or letters, ignoring case, accents and punctuation.' }),
    startsWith: t.string({
      description: 'Starts with these words or letters, ignoring case, accents and punctuation.',
    }),
    isNull: t.boolean(NULL),
  }),
});

const numberFields = (t: T, type: 'Int' | 'Float') => ({
  eq: t.field({ type, description: 'Equal to this.' }),
  in: t.field({ type: [type], description: 'Equal to one of these.' }),
  lt: t.field({ type, description: 'Less than this.' }),
  lte: t.field({ type, description: 'Less than or equal to this.' }),
  gt: t.field({ type, description: 'Greater than this.' }),
  gte: t.field({ type, description: 'Greater than or equal to this.' }),
  isNull: t.boolean(NULL),
});

const IntFilter = builder.inputType('IntFilter', {
  description: 'Predicates on a whole number; every one given must hold.',
  fields: (t) => numberFields(t, 'Int'),
});

const FloatFilter = builder.inputType('FloatFilter', {
  description: 'Predicates on a number; every one given must hold.',
  fields: (t) => numberFields(t, 'Float'),
});

const BooleanFilter = builder.inputType('BooleanFilter', {
  description: 'Predicates on a true-or-false value; every one given must hold.',
  fields: (t) => ({ eq: t.boolean({ description: 'Equal to this.' }), isNull: t.boolean(NULL) }),
});

const DateFilter = builder.inputType('PartialDateFilter', {
  description:
    'Predicates on a date as precise as its source ("2006", "2012-03", "2012-08-29"); every one given must hold. Dates compare as the periods they name: `gte: "2012"` holds for any date from 2012 on, `lte: "2012"` for any up to the end of 2012, `lt` and `gt` only for periods wholly before or after. `eq` and `in` are exact: "2012" equals only "2012".',
  fields: (t) => ({
    eq: t.field({ type: 'PartialDate', description: 'Exactly this date, at this precision.' }),
    in: t.field({ type: ['PartialDate'], description: 'Exactly one of these dates.' }),
    lt: t.field({ type: 'PartialDate', description: 'Wholly before this period.' }),
    lte: t.field({ type: 'PartialDate', description: 'Ending by the end of this period.' }),
    gt: t.field({ type: 'PartialDate', description: 'Wholly after this period.' }),
    gte: t.field({ type: 'PartialDate', description: 'Starting from the start of this period.' }),
    isNull: t.boolean(NULL),
  }),
});

const SCALAR_FILTERS = {
  text: StringFilter,
  int: IntFilter,
  float: FloatFilter,
  boolean: BooleanFilter,
  date: DateFilter,
} as const;

const StringListFilter = builder.inputType('StringListFilter', {
  description: 'Predicates on a list of texts; every one given must hold.',
  fields: (t) => ({
    some: t.field({ type: StringFilter, description: 'At least one text passes this filter.' }),
    none: t.field({ type: StringFilter, description: 'No text passes this filter.' }),
    every: t.field({ type: StringFilter, description: 'Every text passes this filter (true of an empty list).' }),
  }),
});

const enumRefs = new Map<EnumName, AnyEnumRef>();
// biome-ignore lint/suspicious/noExplicitAny: input refs of generated shapes
const enumFilters = new Map<string, any>();

/** Makes an enum of the model known to the filters, so that its values can be filtered on. */
export function filterableEnum<R extends AnyEnumRef>(name: EnumName, ref: R): R {
  enumRefs.set(name, ref);
  return ref;
}

function buildEnumFilter(name: EnumName) {
  const ref = enumRefs.get(name);
  if (!ref) throw new Error(`The enum ${name} is not declared filterable`);
  return builder.inputType(`${name}Filter`, {
    description: `Predicates on a ${name} value; every one given must hold.`,
    fields: (t) => ({
      eq: t.field({ type: ref, description: 'Equal to this.' }),
      in: t.field({ type: [ref], description: 'Equal to one of these.' }),
      isNull: t.boolean(NULL),
    }),
  });
}

function buildEnumListFilter(name: EnumName) {
  const one = enumFilter(name);
  return builder.inputType(`${name}ListFilter`, {
    description: `Predicates on a list of ${name} values; every one given must hold.`,
    fields: (t) => ({
      some: t.field({ type: one, description: 'At least one value passes this filter.' }),
      none: t.field({ type: one, description: 'No value passes this filter.' }),
      every: t.field({ type: one, description: 'Every value passes this filter (true of an empty list).' }),
    }),
  });
}

/** Built on first use, so that only the filters some field uses are in the schema. */
function memo<V>(key: string, build: () => V): V {
  const known = enumFilters.get(key) as V | undefined;
  if (known !== undefined) return known;
  const built = build();
  enumFilters.set(key, built);
  return built;
}

const enumFilter = (name: EnumName) => memo(`${name}Filter`, () => buildEnumFilter(name));
const enumListFilter = (name: EnumName) => memo(`${name}ListFilter`, () => buildEnumListFilter(name));

const enumNameOf = (spec: { readonly name: string } | undefined): EnumName => {
  const name = spec?.name as EnumName | undefined;
  if (!name || !(name in ENUMS)) throw new Error(`No enum named ${spec?.name}`);
  return name;
};

function scalarFilter(type: ScalarType, spec?: { readonly name: string }) {
  return type === 'enum' ? enumFilter(enumNameOf(spec)) : SCALAR_FILTERS[type];
}

// biome-ignore lint/suspicious/noExplicitAny: input refs of generated shapes
const whereRefs = new Map<Kind, any>();
// biome-ignore lint/suspicious/noExplicitAny: input refs of generated shapes
const listFilterRefs = new Map<Kind, any>();
// biome-ignore lint/suspicious/noExplicitAny: input refs of generated shapes
const groupRefs = new Map<string, any>();

/** The `where` input of a kind: built on first use, and the same type wherever it is used. */
export function whereInput(kind: Kind) {
  const ref = whereRefs.get(kind);
  if (ref) return ref;
  const type = TYPE_NAMES[kind];
  const created = builder.inputRef<Where>(`${type}Where`);
  // Kept before it is implemented: its fields refer to it.
  whereRefs.set(kind, created);
  created.implement({
    description: `A filter on ${type} records: every field given must hold, as must every filter of \`AND\`, one of \`OR\` and not \`NOT\`. Fields left out or null do not filter.`,
    fields: (t) => {
      const fields: Fields = {
        AND: t.field({ type: [whereInput(kind)], description: 'Every one of these filters holds.' }),
        OR: t.field({
          type: [whereInput(kind)],
          description: 'At least one of these filters holds (none does of an empty list).',
        }),
        NOT: t.field({ type: whereInput(kind), description: 'This filter does not hold.' }),
      };
      for (const [name, field] of Object.entries(fieldsOf(kind))) fields[name] = fieldInput(t, field);
      return fields as never;
    },
  });
  return created;
}

/** The filter of a relation to many records of a kind: `some`, `none`, `every`. */
function listFilter(kind: Kind) {
  const ref = listFilterRefs.get(kind);
  if (ref) return ref;
  const type = TYPE_NAMES[kind];
  const created = builder.inputRef<Record<string, unknown>>(`${type}ListFilter`);
  listFilterRefs.set(kind, created);
  created.implement({
    description: `Predicates on related ${type} records; every one given must hold.`,
    fields: (t) => ({
      some: t.field({ type: whereInput(kind), description: `At least one related ${type} passes this filter.` }),
      none: t.field({ type: whereInput(kind), description: `No related ${type} passes this filter.` }),
      every: t.field({
        type: whereInput(kind),
        description: `Every related ${type} passes this filter (true when there is none).`,
      }),
    }),
  });
  return created;
}

function groupFilter(field: Extract<Field, { is: 'group' }>) {
  let ref = groupRefs.get(field.name);
  if (ref) return ref;
  ref = builder.inputType(`${field.name}Filter`, {
    description: `Predicates on ${field.name}; every one given must hold.`,
    fields: (t) => {
      const fields: Fields = { isNull: t.boolean(NULL) };
      for (const [name, part] of Object.entries(field.fields)) {
        fields[name] = t.field({ type: scalarFilter(part.type, part.enum), description: part.description });
      }
      return fields as never;
    },
  });
  groupRefs.set(field.name, ref);
  return ref;
}

function fieldInput(t: T, field: Field): InputFieldRef<Builder, unknown> {
  switch (field.is) {
    case 'scalar':
      return t.field({ type: scalarFilter(field.type, field.enum), description: field.description });
    case 'scalarList':
      return t.field({
        type: field.type === 'enum' ? enumListFilter(enumNameOf(field.enum)) : StringListFilter,
        description: field.description,
      });
    case 'group':
      return t.field({ type: groupFilter(field), description: field.description });
    case 'one':
      return t.field({
        type: whereInput(field.target),
        description: `${field.description} Only records where it exists and passes this filter.`,
      });
    case 'many':
      return t.field({ type: listFilter(field.target), description: field.description });
  }
}

/** An input type `name` for one key of an order: a field of `fields` (the enum `${name}Field`), and a direction. */
function orderTermInput(
  name: string,
  description: string,
  fieldsDescription: string,
  fields: Readonly<Record<string, { readonly description: string }>>,
) {
  const fieldEnum = builder.enumType(`${name}Field`, {
    description: fieldsDescription,
    values: Object.fromEntries(Object.entries(fields).map(([field, { description }]) => [field, { description }])),
  });
  return builder.inputRef<OrderTerm>(name).implement({
    description,
    fields: (t) => ({
      field: t.field({ type: fieldEnum as never, required: true, description: 'What to sort by.' }),
      direction: t.field({
        type: OrderDirectionEnum,
        defaultValue: 'ASC',
        description: 'Which way: ascending unless given.',
      }),
    }),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: input refs of generated shapes
const orderRefs = new Map<Kind, any>();

/** The `orderBy` input of a kind: its fields to sort by, and directions. */
export function orderInput(kind: Kind) {
  let ref = orderRefs.get(kind);
  if (ref) return ref;
  const type = TYPE_NAMES[kind];
  ref = orderTermInput(
    `${type}Order`,
    `One key of an order of ${type} records.`,
    `What ${type} records can be sorted by.`,
    ORDER_FIELDS[kind],
  );
  orderRefs.set(kind, ref);
  return ref;
}

/** The `where` and `orderBy` arguments of every list of records of a kind. */
export function listArguments(arg: ArgBuilder<Builder>, kind: Kind) {
  const type = TYPE_NAMES[kind];
  return {
    where: arg({
      type: whereInput(kind),
      description: `Only the ${type} records passing this filter. Filters answered by an index (equality on references and keys) cost no more than an unfiltered page.`,
    }),
    orderBy: arg({
      type: [orderInput(kind)],
      description: `The order, key after key, at most ${LIMITS.maxOrderKeys} keys; ties are broken by slug. The list's own order (see its description) when not given.`,
    }),
  };
}

const SourcedTypeFilter = builder.inputType('SourcedTypeFilter', {
  description: 'Predicates on the type of a record; every one given must hold.',
  fields: (t) => ({
    eq: t.field({ type: SourcedTypeEnum, description: 'Of this type.' }),
    in: t.field({ type: [SourcedTypeEnum], description: 'Of one of these types.' }),
  }),
});

/**
 * The `where` of a list of records of several types (the records a report supports): their type, and
 * what every type has (slug, name, sources).
 */
export const SourcedWhere = builder.inputRef<Where>('SourcedWhere');
SourcedWhere.implement({
  description:
    'A filter on records of several types: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter.',
  fields: (t) => ({
    AND: t.field({ type: [SourcedWhere], description: 'Every one of these filters holds.' }),
    OR: t.field({
      type: [SourcedWhere],
      description: 'At least one of these filters holds (none does of an empty list).',
    }),
    NOT: t.field({ type: SourcedWhere, description: 'This filter does not hold.' }),
    type: t.field({ type: SourcedTypeFilter, description: 'The type of the record.' }),
    slug: t.field({ type: StringFilter, description: 'The slug: exact with `eq` and `in`.' }),
    name: t.field({
      type: StringFilter,
      description: 'The preferred name; participations and results have none (`isNull: true` holds of them).',
    }),
    sources: t.field({
      type: listFilter('report'),
      description: 'Every report the record or one of its claims cites.',
    }),
  }),
});

export const SourcedOrder = orderTermInput(
  'SourcedOrder',
  'One key of an order of records of several types.',
  'What records of several types can be sorted by.',
  SOURCED_ORDER_FIELDS,
);

/** The `where` and `orderBy` arguments of a list of records of several types. */
export function sourcedListArguments(arg: ArgBuilder<Builder>) {
  return {
    where: arg({
      type: SourcedWhere,
      description:
        'Only the records passing this filter. Each type is filtered as its own list is, through the same indexes.',
    }),
    orderBy: arg({
      type: [SourcedOrder],
      description: `The order, key after key, at most ${LIMITS.maxOrderKeys} keys; ties are broken by slug, then type. Type by type, each in its own order, when not given.`,
    }),
  };
}
