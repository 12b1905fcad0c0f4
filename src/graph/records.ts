import { z } from 'zod';
import { languageTag, slug, text } from './facts.js';

export const CLAIM_RANKS = ['preferred', 'normal', 'deprecated'] as const;

/**
 * How a date value bounds a date the source does not give (Wikidata's `latest date` / `earliest date`):
 * "by 2008" is `onOrBefore` 2008, "since 2001" read as a start no earlier than 2001 is `onOrAfter`.
 */
export const DATE_BOUNDS = ['onOrBefore', 'onOrAfter'] as const;

const citation = z.strictObject({
  report: slug,
  quote: text.optional(),
});

const claim = z.strictObject({
  /**
   * The value, or null where the sources give none (Wikidata's "unknown value"): a gap said out loud,
   * with a `note` saying so, rather than left silent.
   */
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  rank: z.enum(CLAIM_RANKS).default('normal'),
  reason: text.optional(),
  derived: z.boolean().default(false),
  note: text.optional(),
  /** The value is a bound, not the date itself; only on dates. */
  bound: z.enum(DATE_BOUNDS).optional(),
  /** The source gives the quantity as approximate ("around 500"; Wikidata's `sourcing circumstances: circa`). */
  approximate: z.boolean().default(false),
  /** The source's own word that it does not vouch for the statement ("reportedly", "claims"), verbatim. */
  hedge: text.optional(),
  /** The language of a text value (BCP 47); names and descriptions are `en` unless stated. */
  lang: languageTag.optional(),
  citations: z.array(citation).min(1, 'every claim cites at least one report'),
});

/**
 * One record of a data file, before its facts are checked against its kind. Each property holds one
 * claim or a list of claims; a claim is a value with the reports that state it.
 */
export const rawRecord = z.strictObject({
  slug,
  citations: z.array(citation).min(1, 'every entity cites at least one report'),
  // A lone claim is read as a list of one, so problems are always reported as `facts.name[0]…`.
  facts: z.record(
    z.string(),
    z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(claim).min(1)),
  ),
  /** A report's own text, as a path relative to the data directory, so quotes from it can be checked. */
  textFile: z
    .string()
    .regex(/^sources\/[\w.-]+\.txt$/, 'must be a file under sources/')
    .optional(),
});

export type RawRecord = z.output<typeof rawRecord>;
export type RawClaim = z.output<typeof claim>;
export type RawCitation = z.output<typeof citation>;
