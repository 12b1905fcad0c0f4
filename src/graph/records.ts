import { z } from 'zod';
import { slug, text } from './facts.js';

export const CLAIM_RANKS = ['preferred', 'normal', 'deprecated'] as const;

const citation = z.strictObject({
  report: slug,
  quote: text.optional(),
});

const claim = z.strictObject({
  value: z.union([z.string(), z.number(), z.boolean()]),
  rank: z.enum(CLAIM_RANKS).default('normal'),
  reason: text.optional(),
  derived: z.boolean().default(false),
  note: text.optional(),
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
