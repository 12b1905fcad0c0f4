import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { DataFileError, dataFileOf, type RawItem, readDataText, readRecords } from './data-files.js';
import { type DataErrorCode, type DataProblem, DataValidationError } from './errors.js';
import { DEFAULT_LANGUAGE, type FactSpec, type FactSpecs, isDate, isLanguageText } from './facts.js';
import { DATA_FILES, FACTS, KINDS, type Kind } from './kinds.js';
import type { Citation, Claim, ClaimValue, EntityRecord } from './model.js';
import { type RawClaim, type RawRecord, rawRecord } from './records.js';
import { parseRef } from './refs.js';
import { Store } from './store.js';

type Report = (code: DataErrorCode, record: string | null, field: string | null, message: string) => void;

/**
 * Reads every data file under `dataDir`, validates it, and returns the indexed in-memory graph.
 * Throws a {@link DataValidationError} listing every problem (file, record, field) when the data is bad.
 */
export async function loadGraph(dataDir: string): Promise<Store> {
  const problems: DataProblem[] = [];
  const entities = new Map<Kind, EntityRecord[]>();
  // Every slug declared, valid record or not (null for a file that could not be read), so that one
  // broken record or file is reported once, not again by every reference to it.
  const declared = new Map<Kind, Set<string> | null>();
  const version = createHash('sha1');

  for (const kind of KINDS) {
    let file = DATA_FILES[kind];
    const report: Report = (code, record, field, message) => problems.push({ code, file, record, field, message });
    file = await dataFileOf(dataDir, kind, report);
    version.update(`${file}\n`);
    const before = problems.length;
    const records: EntityRecord[] = [];
    const slugs = new Set<string>();
    for await (const item of readRecords(dataDir, file, report, (bytes) => version.update(bytes))) {
      const entity = parseRecord(kind, file, item, slugs, report);
      if (entity) records.push(entity);
    }
    entities.set(kind, records);
    // When the file itself failed, its records are unknown: references into it are not reported again.
    const fileFailed = problems.slice(before).some((problem) => problem.record === null);
    declared.set(kind, fileFailed && records.length === 0 ? null : slugs);
  }

  checkUniqueSlugs(entities, problems);
  checkNaturalKeys(entities, problems);
  checkReferences(entities, declared, problems);
  const texts = await readReportTexts(dataDir, entities, problems);
  checkQuotes(texts, entities, problems);
  for (const [slug, text] of texts) version.update(`${slug}\n${text}\n`);

  interned.clear();
  citations.clear();
  citationLists.next.clear();
  if (problems.length > 0) throw new DataValidationError(problems);
  return new Store(entities, { texts, version: version.digest('hex').slice(0, 16) });
}

const fieldPath = (segments: readonly PropertyKey[]): string =>
  segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');

function recordLabel(raw: unknown, index: number): string {
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

/** Validates one record and resolves its facts; records its slug (or position) as declared either way. */
function parseRecord(kind: Kind, file: string, item: RawItem, slugs: Set<string>, report: Report) {
  const label = recordLabel(item.value, item.index);
  slugs.add(label);
  if (item.refused) return undefined;
  const parsed = rawRecord.safeParse(item.value);
  if (!parsed.success) {
    reportIssues(parsed.error, label, [], report, 'INVALID_RECORD');
    return undefined;
  }
  return resolveFacts(kind, file, parsed.data, report);
}

/**
 * One copy of each repeated string: JSON.parse makes a new string for every occurrence, and the same
 * report slugs, quotes and property names recur in thousands of citations and claims.
 */
const interned = new Map<string, string>();
function intern(text: string): string {
  const known = interned.get(text);
  if (known !== undefined) return known;
  interned.set(text, text);
  return text;
}

type RawCitation = { report: string; quote?: string | undefined };

/** One citation for each distinct report and quote (their strings interned first). */
const citations = new Map<string, Map<string | null, Citation>>();
function internCitation(raw: RawCitation): Citation {
  const report = intern(raw.report);
  const quote = raw.quote === undefined ? null : intern(raw.quote);
  let byQuote = citations.get(report);
  if (!byQuote) {
    byQuote = new Map();
    citations.set(report, byQuote);
  }
  let citation = byQuote.get(quote);
  if (!citation) {
    citation = { report, quote };
    byQuote.set(quote, citation);
  }
  return citation;
}

/** A trie of citation lists, by citation, so that each distinct list is kept once. */
interface CitationListNode {
  list?: readonly Citation[];
  readonly next: Map<Citation, CitationListNode>;
}
const citationLists: CitationListNode = { next: new Map() };

/**
 * One list for each distinct list of citations: the claims of a record mostly cite the same
 * sentences, and synthetic copies cite the seed's.
 */
function internCitations(raw: readonly RawCitation[]): readonly Citation[] {
  let node = citationLists;
  const items: Citation[] = [];
  for (const given of raw) {
    const citation = internCitation(given);
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
function resolveFacts(kind: Kind, file: string, raw: RawRecord, report: Report): EntityRecord | undefined {
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

  for (const [property, spec] of Object.entries(specs)) {
    const list = raw.facts[property] ?? [];
    const field = (index: number) => `facts.${property}[${index}]`;
    const shown = pickShown(list, spec, raw.slug, property, field, fail);

    list.forEach((claim, index) => {
      const parsed = spec.schema.safeParse(claim.value);
      if (!parsed.success) {
        reportIssues(parsed.error, raw.slug, [field(index), 'value'], fail, 'INVALID_VALUE');
      }
      checkQualifiers(claim, spec, (name, message) =>
        fail('INVALID_QUALIFIER', raw.slug, `${field(index)}.${name}`, message),
      );
      claims.push({
        subject: raw.slug,
        property: intern(property),
        index,
        value: claim.value,
        rank: claim.rank,
        preferred: shown.includes(claim),
        reason: claim.reason === undefined ? null : intern(claim.reason),
        derived: claim.derived,
        note: claim.note === undefined ? null : intern(claim.note),
        bound: claim.bound ?? null,
        approximate: claim.approximate,
        hedge: claim.hedge === undefined ? null : intern(claim.hedge),
        lang: isLanguageText(spec) ? intern(claim.lang ?? DEFAULT_LANGUAGE) : null,
        target: spec.refersTo && typeof claim.value === 'string' ? parseRef(spec.refersTo, claim.value) : null,
        citations: internCitations(claim.citations),
      });
    });
    // A date known only as a bound ("by 2008") is not the date: the plain field leaves it to the claim.
    const values = shown.filter((claim) => claim.bound === undefined).map((claim) => claim.value);
    facts[property] = spec.cardinality === 'many' ? values : (values[0] ?? null);
  }

  if (!valid) return undefined;
  return {
    kind,
    slug: raw.slug,
    file,
    citations: internCitations(raw.citations),
    claims,
    facts,
    textFile: raw.textFile ?? null,
  } as unknown as EntityRecord;
}

/** Qualifiers say how a source gives a value, so each fits only the values it can qualify. */
function checkQualifiers(claim: RawClaim, spec: FactSpec, fail: (qualifier: string, message: string) => void) {
  if (claim.bound !== undefined && !isDate(spec)) fail('bound', 'only a date can be a bound');
  if (claim.approximate && (typeof claim.value !== 'number' || spec.refersTo !== undefined)) {
    fail('approximate', 'only a quantity can be approximate');
  }
  if (claim.lang !== undefined && !isLanguageText(spec)) {
    fail('lang', 'only text in a language (a name, a description) has a language tag');
  }
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
  field: (index: number) => string,
  fail: Report,
): RawClaim[] {
  const seen = new Map<ClaimValue, number>();
  list.forEach((claim, index) => {
    const first = seen.get(claim.value);
    if (first !== undefined) {
      fail(
        'DUPLICATE_VALUE',
        record,
        `${field(index)}.value`,
        `repeats the value of ${field(first)}; merge their citations into one claim`,
      );
    } else {
      seen.set(claim.value, index);
    }
    if (claim.rank !== 'normal' && list.length > 1 && claim.reason === undefined) {
      fail(
        'MISSING_REASON',
        record,
        `${field(index)}.reason`,
        `a claim ranked ${claim.rank} beside others must say why`,
      );
    }
  });

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

function checkUniqueSlugs(entities: ReadonlyMap<Kind, EntityRecord[]>, problems: DataProblem[]) {
  for (const [kind, records] of entities) {
    const seen = new Set<string>();
    for (const record of records) {
      if (seen.has(record.slug)) {
        problems.push({
          code: 'DUPLICATE_SLUG',
          file: record.file,
          record: record.slug,
          field: 'slug',
          message: `another ${kind} already has this slug`,
        });
      }
      seen.add(record.slug);
    }
  }
}

/** The natural key of each kind that has one, beside its slug: two records must never share it. */
interface NaturalKey<K extends Kind> {
  readonly fields: string;
  readonly key: (record: EntityRecord<K>) => string;
}

const NATURAL_KEYS: { readonly [K in Kind]?: NaturalKey<K> } = {
  country: { fields: 'facts.code', key: ({ facts }) => facts.code },
  npc: { fields: 'facts.code', key: ({ facts }) => facts.code },
  games: { fields: 'facts.series/year/season', key: ({ facts }) => `${facts.series}/${facts.year}/${facts.season}` },
  delegation: { fields: 'facts.country/games', key: ({ facts }) => `${facts.country}/${facts.games}` },
  result: {
    fields: 'facts.event/athlete/round/heat',
    key: ({ facts }) => `${facts.event}/${facts.athlete}/${facts.round}/${facts.heat}`,
  },
};

function checkNaturalKeys(entities: ReadonlyMap<Kind, EntityRecord[]>, problems: DataProblem[]) {
  for (const [kind, records] of entities) {
    const naturalKey = NATURAL_KEYS[kind] as NaturalKey<Kind> | undefined;
    if (!naturalKey) continue;
    const seen = new Map<string, string>();
    for (const record of records) {
      const key = naturalKey.key(record);
      const other = seen.get(key);
      if (other !== undefined) {
        problems.push({
          code: 'DUPLICATE_KEY',
          file: record.file,
          record: record.slug,
          field: naturalKey.fields,
          message: `${key} is already used by ${other}`,
        });
      } else {
        seen.set(key, record.slug);
      }
    }
  }
}

function checkReferences(
  entities: ReadonlyMap<Kind, EntityRecord[]>,
  declared: ReadonlyMap<Kind, ReadonlySet<string> | null>,
  problems: DataProblem[],
) {
  const exists = (kind: Kind, slug: string) => declared.get(kind)?.has(slug) ?? true;

  for (const [kind, records] of entities) {
    const specs: FactSpecs = FACTS[kind];
    for (const record of records) {
      const problem = (code: DataErrorCode, field: string, message: string) =>
        problems.push({ code, file: record.file, record: record.slug, field, message });
      const unresolved = (field: string, kind: Kind, slug: string) =>
        problem('UNRESOLVED_REFERENCE', field, `names ${kind} "${slug}", which does not exist`);
      for (const { citation, field } of citationsOf(record)) {
        if (!exists('report', citation.report)) unresolved(`${field}.report`, 'report', citation.report);
      }
      for (const { claim, field } of claimsOf(record)) {
        const targets = specs[claim.property]?.refersTo;
        if (targets && claim.target === null) {
          problem('INVALID_VALUE', `${field}.value`, `must name one of ${targets.join(', ')} as kind/slug`);
        } else if (claim.target && !exists(claim.target.kind, claim.target.slug)) {
          unresolved(`${field}.value`, claim.target.kind, claim.target.slug);
        }
      }
    }
  }
}

/** Each claim with the path of its place in the data file, as `facts.rank[1]`. */
function* claimsOf(record: EntityRecord): Generator<{ claim: Claim; field: string }> {
  for (const claim of record.claims) yield { claim, field: `facts.${claim.property}[${claim.index}]` };
}

/** Each citation of the record and of its claims, with the path of its place in the data file. */
function* citationsOf(record: EntityRecord): Generator<{ citation: Citation; field: string }> {
  for (const [index, citation] of record.citations.entries()) yield { citation, field: `citations[${index}]` };
  for (const { claim, field } of claimsOf(record)) {
    for (const [index, citation] of claim.citations.entries())
      yield { citation, field: `${field}.citations[${index}]` };
  }
}

/** Collapses the typographic differences a copied quote may carry: spacing, curly quotes, dashes. */
export const normaliseQuoteText = (text: string): string =>
  text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/** The full text of each report the data holds a copy of, by report slug. */
async function readReportTexts(dataDir: string, entities: ReadonlyMap<Kind, EntityRecord[]>, problems: DataProblem[]) {
  const texts = new Map<string, string>();
  for (const report of entities.get('report') ?? []) {
    if (report.textFile === null) continue;
    try {
      texts.set(report.slug, (await readDataText(dataDir, report.textFile)).text);
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      problems.push({
        code: error.code,
        file: report.file,
        record: report.slug,
        field: 'textFile',
        message: `${report.textFile} ${error.record === null ? '' : `(${error.record}) `}${error.message}`,
      });
    }
  }
  return texts;
}

/** Every quote cited from a report whose text we hold must appear in that text, word for word. */
function checkQuotes(
  texts: ReadonlyMap<string, string>,
  entities: ReadonlyMap<Kind, EntityRecord[]>,
  problems: DataProblem[],
) {
  const normalised = new Map([...texts].map(([slug, text]) => [slug, normaliseQuoteText(text)]));
  for (const records of entities.values()) {
    for (const record of records) {
      for (const { citation, field } of citationsOf(record)) {
        const text = normalised.get(citation.report);
        if (text === undefined || citation.quote === null || text.includes(normaliseQuoteText(citation.quote)))
          continue;
        problems.push({
          code: 'QUOTE_NOT_FOUND',
          file: record.file,
          record: record.slug,
          field: `${field}.quote`,
          message: `quotes "${citation.quote}", which is not in the text of ${citation.report}`,
        });
      }
    }
  }
}
