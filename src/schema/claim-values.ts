import { z } from 'zod';
import { firstDayOf, lastDayOf, precisionOf } from '../graph/dates.js';
import { type FactSpec, partialDate, url } from '../graph/facts.js';
import { FACTS, type Kind } from '../graph/kinds.js';
import type { Claim, NamedEntity, NamedKind } from '../graph/model.js';
import type { EntityRef as Reference } from '../graph/refs.js';
import { builder } from './builder.js';
import { ClaimType, EntityRef } from './sourced.js';

/** Each type of claimed value, and what its value is in TypeScript. */
interface ValueOfType {
  readonly text: string;
  readonly code: string;
  readonly int: number;
  readonly decimal: number;
  readonly boolean: boolean;
  readonly date: string;
  readonly url: string;
  readonly entity: Reference;
}

/** What a claimed value is, as its property's specification in `graph/kinds.ts` says. */
export type ValueType = keyof ValueOfType;

/** A claim's value with its type: what `Claim.value` resolves to. */
export type TypedValue = { [T in ValueType]: { readonly type: T; readonly value: ValueOfType[T] } }[ValueType];

const isNamedKind = (kind: Kind): kind is NamedKind => kind !== 'delegation' && kind !== 'result';

function valueTypeOfSpec(property: string, spec: FactSpec): ValueType {
  if (spec.refersTo) {
    const unnamed = spec.refersTo.filter((kind) => !isNamedKind(kind));
    // EntityValue.entity is an Entity; a reference to a result or participation would need a wider type.
    if (unnamed.length > 0) throw new Error(`${property} refers to ${unnamed.join(', ')}, which are not entities`);
    return 'entity';
  }
  if (spec.schema === partialDate) return 'date';
  if (spec.schema === url) return 'url';
  if (spec.schema instanceof z.ZodEnum) return 'code';
  if (spec.schema instanceof z.ZodBoolean) return 'boolean';
  if (spec.schema instanceof z.ZodNumber) return spec.schema.format === 'safeint' ? 'int' : 'decimal';
  return 'text';
}

/**
 * The value type of every property of every kind. A property name means one thing in every kind that
 * states it (a `country` is always a reference to a Country), so claims, which do not carry their
 * subject's kind, are typed by property alone; a data model that broke this is refused here.
 */
export function valueTypesByProperty(
  facts: Readonly<Record<string, Readonly<Record<string, FactSpec>>>> = FACTS,
): ReadonlyMap<string, ValueType> {
  const types = new Map<string, ValueType>();
  for (const [kind, specs] of Object.entries(facts)) {
    for (const [property, spec] of Object.entries(specs)) {
      const type = valueTypeOfSpec(property, spec);
      const known = types.get(property);
      if (known !== undefined && known !== type) {
        throw new Error(`${property} holds ${known} values in one kind and ${type} values in ${kind}`);
      }
      types.set(property, type);
    }
  }
  return types;
}

const VALUE_TYPES = valueTypesByProperty();

/** A claim's value, typed by its property; null where the sources give no value. */
export function typedValueOf(claim: Claim): TypedValue | null {
  const type = VALUE_TYPES.get(claim.property) ?? 'text';
  const { value } = claim;
  if (value === null) return null;
  if (type === 'entity' && claim.target) return { type, value: claim.target };
  if ((type === 'int' || type === 'decimal') && typeof value === 'number') return { type, value };
  if (type === 'boolean' && typeof value === 'boolean') return { type, value };
  if (type === 'entity' || type === 'int' || type === 'decimal' || type === 'boolean') {
    throw new Error(`The ${claim.property} claim of ${claim.subject} holds ${typeof value}, not a ${type} value`);
  }
  return { type, value: String(value) };
}

/** The claim's value as text, as the data file states it: the slug for a reference. */
export const valueTextOf = (claim: Claim): string | null => (claim.value === null ? null : String(claim.value));

type Member<T extends TypedValue['type']> = Extract<TypedValue, { type: T }>;

export const DatePrecisionEnum = builder.enumType('DatePrecision', {
  description: 'How much of a date its source gives.',
  values: {
    YEAR: { description: 'A year only: "2006".' },
    MONTH: { description: 'A year and month: "2012-03".' },
    DAY: { description: 'A full date: "2012-08-29".' },
  },
});

const TextValueType = builder.objectRef<Member<'text'>>('TextValue').implement({
  description: 'Free text: a name, a city, a sentence.',
  fields: (t) => ({ text: t.string({ description: 'The text.', resolve: ({ value }) => value }) }),
});

const CodeValueType = builder.objectRef<Member<'code'>>('CodeValue').implement({
  description:
    'One of a fixed set of values, spelt as the plain field\'s enum spells it: a result status ("DISQUALIFIED"), a season, a gender.',
  fields: (t) => ({ code: t.string({ description: 'The enum value.', resolve: ({ value }) => value }) }),
});

const IntValueType = builder.objectRef<Member<'int'>>('IntValue').implement({
  description: 'A whole number: a rank, a year, a count.',
  fields: (t) => ({ int: t.int({ description: 'The number.', resolve: ({ value }) => value }) }),
});

const DecimalValueType = builder.objectRef<Member<'decimal'>>('DecimalValue').implement({
  description: 'A measured quantity: a time in seconds, a mark in metres (see the plain field for the unit).',
  fields: (t) => ({ decimal: t.float({ description: 'The quantity.', resolve: ({ value }) => value }) }),
});

const BooleanValueType = builder.objectRef<Member<'boolean'>>('BooleanValue').implement({
  description: 'Yes or no: whether a country took part in a Games.',
  fields: (t) => ({ boolean: t.boolean({ description: 'The truth value.', resolve: ({ value }) => value }) }),
});

const DateValueType = builder.objectRef<Member<'date'>>('DateValue').implement({
  description:
    'A date as precise as its source, with that precision and the first and last day of the period it names.',
  fields: (t) => ({
    date: t.field({
      type: 'PartialDate',
      description: 'The date as stated: "2012-03".',
      resolve: ({ value }) => value,
    }),
    precision: t.field({
      type: DatePrecisionEnum,
      description: 'Whether the source gives a year, a month or a day.',
      resolve: ({ value }) => precisionOf(value),
    }),
    firstDay: t.field({
      type: 'PartialDate',
      description:
        'The first day of the period the stated date names, a full date: "2012-03" → "2012-03-01". Where `Claim.bound` is set, the source gives the date only as a bound of the real one.',
      resolve: ({ value }) => firstDayOf(value),
    }),
    lastDay: t.field({
      type: 'PartialDate',
      description: 'The last day of the period the stated date names, a full date: "2012-03" → "2012-03-31".',
      resolve: ({ value }) => lastDayOf(value),
    }),
  }),
});

const UrlValueType = builder.objectRef<Member<'url'>>('UrlValue').implement({
  description: 'A web address.',
  fields: (t) => ({ url: t.string({ description: 'The absolute http(s) URL.', resolve: ({ value }) => value }) }),
});

const EntityValueType = builder.objectRef<Member<'entity'>>('EntityValue').implement({
  description: 'A reference to another entity of the graph: a publisher, a country, an athlete.',
  fields: (t) => ({
    entity: t.field({
      type: EntityRef,
      description: 'The entity the value names.',
      // The loader refuses data whose references do not resolve, and kinds only refer to entities.
      resolve: ({ value }, _args, { store }) => store.resolve(value) as NamedEntity,
    }),
  }),
});

const MEMBERS = {
  text: TextValueType,
  code: CodeValueType,
  int: IntValueType,
  decimal: DecimalValueType,
  boolean: BooleanValueType,
  date: DateValueType,
  url: UrlValueType,
  entity: EntityValueType,
} as const satisfies Record<ValueType, unknown>;

export const ClaimValueUnion = builder.unionType('ClaimValue', {
  description:
    'A claimed value with its type, so that a rank compares as a number, a date keeps its precision and a publisher is a link. Select the member types you use with `... on IntValue { int }`; `Claim.valueText` gives any value as text.',
  types: Object.values(MEMBERS),
  resolveType: (value) => MEMBERS[value.type],
});

builder.objectFields(ClaimType, (t) => ({
  value: t.field({
    type: ClaimValueUnion,
    nullable: true,
    description:
      'The value, typed: `IntValue` for a rank, `DecimalValue` for a time, `DateValue` for a date, `EntityValue` for a reference to another entity, and so on. Null where the sources give no value: `note` says so.',
    resolve: typedValueOf,
  }),
  valueText: t.string({
    nullable: true,
    description:
      'The value as text, as the data states it: "19", "47.87", "2012-03"; for a reference, the slug of the entity. What `value` was before it was typed; null where the sources give no value.',
    resolve: valueTextOf,
  }),
}));
