import { z } from 'zod';
import type { Kind } from './kinds.js';

/**
 * How one property of an entity is stated in `data/`: the schema of each claimed value, whether the
 * property holds one value or many, and, for references, which kinds of entity the value names.
 */
export interface FactSpec<T = unknown, C extends Cardinality = Cardinality> {
  readonly schema: z.ZodType<T>;
  readonly cardinality: C;
  readonly refersTo?: readonly Kind[];
}

export type Cardinality = 'required' | 'optional' | 'many';

export type FactSpecs = Readonly<Record<string, FactSpec>>;

/** The plain values an entity's claims resolve to: the preferred value, or every shown value for `many`. */
export type FactValues<S extends FactSpecs> = {
  readonly [K in keyof S]: S[K] extends FactSpec<infer T, infer C>
    ? C extends 'many'
      ? readonly T[]
      : C extends 'required'
        ? T
        : T | null
    : never;
};

export const required = <T>(schema: z.ZodType<T>, refersTo?: readonly Kind[]): FactSpec<T, 'required'> => ({
  schema,
  cardinality: 'required',
  ...(refersTo ? { refersTo } : {}),
});

export const optional = <T>(schema: z.ZodType<T>, refersTo?: readonly Kind[]): FactSpec<T, 'optional'> => ({
  schema,
  cardinality: 'optional',
  ...(refersTo ? { refersTo } : {}),
});

export const many = <T>(schema: z.ZodType<T>, refersTo?: readonly Kind[]): FactSpec<T, 'many'> => ({
  schema,
  cardinality: 'many',
  ...(refersTo ? { refersTo } : {}),
});

export const text = z.string().trim().min(1);

/** A Paralympic sport class ("S6", "F56-57"): a code, not words of a language. */
export const sportClass = z.string().trim().min(1);

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens');

const isRealDate = (value: string): boolean => {
  const [year, month, day] = value.split('-').map(Number);
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  const date = new Date(Date.UTC(year ?? 0, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** An ISO date as precise as the source: "2006", "2012-03" or "2012-08-29"; never a made-up day. */
export const partialDate = z
  .string()
  .regex(
    /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/,
    'must be an ISO date, partial where the source is: YYYY, YYYY-MM or YYYY-MM-DD',
  )
  .refine(isRealDate, 'is not a calendar date');

export const count = z.number().int().nonnegative();
export const positiveInt = z.number().int().positive();
export const seconds = z.number().positive();
export const metres = z.number().positive();
export const url = z.url({ protocol: /^https?$/ });

/** Whether a property's values are words of a language (names, descriptions), whose claims carry a `lang`. */
export const isLanguageText = (spec: FactSpec): boolean => spec.schema === text && spec.refersTo === undefined;

/** Whether a property's values are dates, which a claim may give as a bound (`onOrBefore`, `onOrAfter`). */
export const isDate = (spec: FactSpec): boolean => spec.schema === partialDate;

/** The language of text whose claim does not say: names and descriptions are English unless stated. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * A BCP 47 language tag, as `Intl` (Unicode locale identifiers) reads it: "en", "ko", "ko-Latn".
 * The tag must be written in its canonical case, so that one language is never spelt two ways.
 */
export const languageTag = z.string().superRefine((tag, context) => {
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(tag);
  } catch {
    context.addIssue({ code: 'custom', message: `"${tag}" is not a well-formed BCP 47 language tag` });
    return;
  }
  if (canonical !== tag) {
    context.addIssue({ code: 'custom', message: `write the language tag as "${canonical}"` });
  }
});
