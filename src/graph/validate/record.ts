import type { z } from 'zod';
import type { Report } from '../data-files.js';
import { entityRecord } from '../entity-record.js';
import type { DataErrorCode } from '../errors.js';
import { DEFAULT_LANGUAGE, type FactSpec, type FactSpecs, isDate, isLanguageText } from '../facts.js';
import { FACTS, type Kind } from '../kinds.js';
import type { Citation, Claim, ClaimValue, EntityRecord } from '../model.js';
import { type RawClaim, type RawRecord, rawRecord } from '../records.js';
import { parseRef } from '../refs.js';
import { fastParser, REJECTED } from './fast-parse.js';

const fieldPath = (segments: readonly PropertyKey[]): string =>
  segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');

/** How a record is named in problems: its slug when it has one, else its position (`#3`). */
export function recordLabel(raw: unknown, index: number): string {
  const slug =
    typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'slug') ? (raw as { slug: unknown }).slug : undefined;
  return typeof slug === 'string' && slug !== '' ? slug : `#${index}`;
}

function reportIssues(
  error: z.ZodError,
  record: string,
  prefix: readonly PropertyKey[],
  report: Report,
  code: DataErrorCode,
) {
  for (const issue of error.issues) {
    const field = fieldPath([...prefix, ...issue.path]);
    report(code, record, field === '' ? null : field, issue.message);
  }
}

/** A trie of citation lists, by citation, so that each distinct list is kept once. */
interface CitationListNode {
  list?: readonly Citation[];
  readonly next: Map<Citation, CitationListNode>;
}

type RawCitation = { report: string; quote?: string | undefined };

/**
 * Checks one record at a time against the record schema and its kind's fact specs, and resolves the
 * values its plain fields show. Repeated strings, citations and lists of citations come out as one
 * shared object each: JSON.parse makes a new string for every occurrence, and the same report slugs,
 * quotes and property names recur in thousands of claims.
 */
export class RecordValidator {
  readonly #strings = new Map<string, string>();
  readonly #citations = new Map<string, Map<string | null, Citation>>();
  readonly #lists: CitationListNode = { next: new Map() };

  /** Every distinct citation met so far, for checks made once per citation rather than per occurrence. */
  *distinctCitations(): Generator<Citation> {
    for (const byQuote of this.#citations.values()) yield* byQuote.values();
  }

  /** The valid record, or undefined after reporting each of its problems (file › record › field). */
  validate(kind: Kind, file: string, raw: unknown, label: string, report: Report): EntityRecord | undefined {
    const fast = fastRawRecord?.(raw) ?? REJECTED;
    if (fast !== REJECTED) return this.#resolveFacts(kind, file, fast, report);
    const parsed = rawRecord.safeParse(raw);
    if (!parsed.success) {
      reportIssues(parsed.error, label, [], report, 'INVALID_RECORD');
      return undefined;
    }
    return this.#resolveFacts(kind, file, parsed.data, report);
  }

  #intern(text: string): string {
    const known = this.#strings.get(text);
    if (known !== undefined) return known;
    this.#strings.set(text, text);
    return text;
  }

  #citation(raw: RawCitation): Citation {
    // Most citations were met before: found without interning their strings first.
    const known = this.#citations.get(raw.report)?.get(raw.quote ?? null);
    if (known) return known;
    const report = this.#intern(raw.report);
    const quote = raw.quote === undefined ? null : this.#intern(raw.quote);
    let byQuote = this.#citations.get(report);
    if (!byQuote) {
      byQuote = new Map();
      this.#citations.set(report, byQuote);
    }
    let citation = byQuote.get(quote);
    if (!citation) {
      citation = { report, quote };
      byQuote.set(quote, citation);
    }
    return citation;
  }

  #citationList(raw: readonly RawCitation[]): readonly Citation[] {
    let node = this.#lists;
    const items: Citation[] = [];
    for (const given of raw) {
      const citation = this.#citation(given);
      items.push(citation);
      let next = node.next.get(citation);
      if (!next) {
        next = { next: new Map() };
        node.next.set(citation, next);
      }
      node = next;
    }
    node.list ??= items;
    return node.list;
  }

  /** Checks each claim against its property's spec and picks the values the plain fields show. */
  #resolveFacts(kind: Kind, file: string, raw: RawRecord, report: Report): EntityRecord | undefined {
    const specs: FactSpecs = FACTS[kind];
    const facts: Record<string, unknown> = {};
    const claims: Claim[] = [];
    let valid = true;
    const fail: Report = (...args) => {
      valid = false;
      report(...args);
    };

    for (const property of Object.keys(raw.facts)) {
      // Own properties only: `constructor` or `toString` must not pass as properties of every kind.
      if (!Object.hasOwn(specs, property)) {
        fail(
          'UNKNOWN_PROPERTY',
          raw.slug,
          `facts.${property}`,
          `is not a property of ${kind} (known: ${Object.keys(specs).join(', ')})`,
        );
      }
    }

    for (const [property, spec] of specEntries(kind)) {
      const list = raw.facts[property] ?? NO_CLAIMS;
      const shown = pickShown(list, spec, raw.slug, property, fail);
      for (let index = 0; index < list.length; index++) {
        const claim = list[index] as RawClaim;
        if (claim.value === null) {
          const problem = noValueProblem(claim, list, spec);
          if (problem) fail('INVALID_VALUE', raw.slug, `${fieldOf(property, index)}.value`, problem);
        } else if (!passesFast(spec.schema, claim.value)) {
          const parsed = spec.schema.safeParse(claim.value);
          if (!parsed.success) {
            reportIssues(parsed.error, raw.slug, [fieldOf(property, index), 'value'], fail, 'INVALID_VALUE');
          }
        }
        for (const [name, message] of qualifierProblems(claim, spec)) {
          fail('INVALID_QUALIFIER', raw.slug, `${fieldOf(property, index)}.${name}`, message);
        }
        claims.push({
          subject: raw.slug,
          property,
          index,
          value: claim.value,
          rank: claim.rank,
          preferred: shown.includes(claim),
          reason: claim.reason === undefined ? null : this.#intern(claim.reason),
          derived: claim.derived,
          note: claim.note === undefined ? null : this.#intern(claim.note),
          bound: claim.bound ?? null,
          approximate: claim.approximate,
          hedge: claim.hedge === undefined ? null : this.#intern(claim.hedge),
          lang:
            isLanguageText(spec) && claim.value !== null
              ? claim.lang === undefined
                ? DEFAULT_LANGUAGE
                : this.#intern(claim.lang)
              : null,
          target: spec.refersTo && typeof claim.value === 'string' ? parseRef(spec.refersTo, claim.value) : null,
          citations: this.#citationList(claim.citations),
        });
      }
      // A date known only as a bound ("by 2008") is not the date: the plain field leaves it to the claim.
      const values: (string | number | boolean)[] = [];
      for (const claim of shown) if (claim.bound === undefined && claim.value !== null) values.push(claim.value);
      facts[property] = spec.cardinality === 'many' ? values : (values[0] ?? null);
    }

    if (!valid) return undefined;
    return entityRecord({
      kind,
      slug: raw.slug,
      file,
      citations: this.#citationList(raw.citations),
      claims,
      facts,
      textFile: raw.textFile ?? null,
    });
  }
}

/** A claim that the sources give no value documents a gap: it says why, and stands alone. */
function noValueProblem(claim: RawClaim, list: readonly RawClaim[], spec: FactSpec): string | null {
  if (spec.cardinality === 'required') return 'is required: a record without it cannot be shown';
  if (claim.note === undefined) return 'a claim that the sources give no value must say so in `note`';
  if (list.some((other) => other.value !== null)) return 'the property has a value: drop the claim that it has none';
  return null;
}

const NO_PROBLEMS: readonly [string, string][] = [];

/** Qualifiers say how a source gives a value, so each fits only the values it can qualify. */
function qualifierProblems(claim: RawClaim, spec: FactSpec): readonly [qualifier: string, message: string][] {
  if (claim.bound === undefined && !claim.approximate && claim.lang === undefined) return NO_PROBLEMS;
  const problems: [string, string][] = [];
  if (claim.bound !== undefined && (!isDate(spec) || claim.value === null)) {
    problems.push(['bound', 'only a date can be a bound']);
  }
  if (claim.approximate && (typeof claim.value !== 'number' || spec.refersTo !== undefined)) {
    problems.push(['approximate', 'only a quantity can be approximate']);
  }
  if (claim.lang !== undefined && (!isLanguageText(spec) || claim.value === null)) {
    problems.push(['lang', 'only text in a language (a name, a description) has a language tag']);
  }
  return problems;
}

const NO_CLAIMS: readonly RawClaim[] = [];

/** The record schema's fast path: zod is asked only about records it does not accept, to name their problems. */
const fastRawRecord = fastParser(rawRecord);

/** Whether a value passes a schema's fast path; zod must look at one that does not. */
function passesFast(schema: z.ZodType, value: unknown): boolean {
  const parse = fastParser(schema);
  return parse !== undefined && parse(value) !== REJECTED;
}

/** Where a claim is in its record, as `facts.rank[1]`: built for problems only. */
const fieldOf = (property: string, index: number) => `facts.${property}[${index}]`;

/** Each kind's properties with their specs, in order, listed once. */
const SPEC_ENTRIES = new Map<Kind, readonly (readonly [string, FactSpec])[]>();
function specEntries(kind: Kind): readonly (readonly [string, FactSpec])[] {
  let entries = SPEC_ENTRIES.get(kind);
  if (!entries) {
    entries = Object.entries(FACTS[kind] as FactSpecs);
    SPEC_ENTRIES.set(kind, entries);
  }
  return entries;
}

/**
 * The claims a plain field shows: every claim not deprecated for a list property; for a single-valued
 * one, the only such claim, or the one ranked preferred when sources disagree.
 */
function pickShown(
  list: readonly RawClaim[],
  spec: FactSpec,
  record: string,
  property: string,
  fail: Report,
): readonly RawClaim[] {
  if (list.length === 0) {
    if (spec.cardinality === 'required') fail('MISSING_VALUE', record, `facts.${property}`, 'is required');
    return NO_CLAIMS;
  }
  // One claim: nothing to compare, and shown unless deprecated (the common case, kept cheap).
  if (list.length === 1) {
    const [only] = list as [RawClaim];
    if (only.rank !== 'deprecated') return list;
  } else {
    const seen = new Map<ClaimValue | null, number>();
    for (let index = 0; index < list.length; index++) {
      const claim = list[index] as RawClaim;
      const first = seen.get(claim.value);
      if (first !== undefined) {
        fail(
          'DUPLICATE_VALUE',
          record,
          `${fieldOf(property, index)}.value`,
          `repeats the value of ${fieldOf(property, first)}; merge their citations into one claim`,
        );
      } else {
        seen.set(claim.value, index);
      }
      if (claim.rank !== 'normal' && claim.reason === undefined) {
        fail(
          'MISSING_REASON',
          record,
          `${fieldOf(property, index)}.reason`,
          `a claim ranked ${claim.rank} beside others must say why`,
        );
      }
    }
  }

  const candidates = list.filter((claim) => claim.rank !== 'deprecated');
  if (spec.cardinality === 'many') return candidates;
  if (candidates.length === 0) {
    if (spec.cardinality === 'required') {
      fail('MISSING_VALUE', record, `facts.${property}`, 'is required');
    }
    return [];
  }
  if (candidates.length === 1) return candidates;
  const preferred = candidates.filter((claim) => claim.rank === 'preferred');
  if (preferred.length !== 1) {
    fail(
      'AMBIGUOUS_PREFERENCE',
      record,
      `facts.${property}`,
      `has ${candidates.length} values and ${preferred.length} marked preferred; mark exactly one preferred, with a reason`,
    );
    return [];
  }
  return preferred;
}
