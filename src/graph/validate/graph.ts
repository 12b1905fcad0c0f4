import type { DataErrorCode, DataProblem } from '../errors.js';
import type { FactSpecs } from '../facts.js';
import { FACTS, type Kind } from '../kinds.js';
import type { Citation, Claim, EntityRecord } from '../model.js';
import { type EntityRef, refKey } from '../refs.js';

/**
 * Slugs a kind's records cannot have, because their IRIs would name something else: a report's
 * graph is `/graph/{slug}`, `/graph/preferred` is the graph of every entity's preferred values, and
 * `/graph/default` stands for the default graph in a SPARQL store that has none (Virtuoso).
 */
export const RESERVED_SLUGS: Partial<Record<Kind, Readonly<Record<string, string>>>> = {
  report: {
    preferred: "/graph/preferred is the graph of every entity's preferred values, not a report's",
    default: '/graph/default stands for the default graph in a SPARQL store (SPARQL_ENDPOINT), not a report',
  },
};

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

/**
 * The checks across records, made while the records stream past and holding only what they need:
 * slugs, natural keys, the distinct references to kinds not yet read. A duplicate slug or key is
 * reported as it is met. References and quotes are only *found* wanting on the way; where any is, the
 * caller reads the data again and {@link GraphChecks.locate} names every place, in file order, so that
 * field paths are built for problems only.
 */
export class GraphChecks {
  /** Every slug declared per kind, valid record or not; null for a file that could not be read. */
  readonly #declared = new Map<Kind, ReadonlySet<string> | null>();
  readonly #validSlugs = new Map<Kind, Set<string>>();
  readonly #keys = new Map<Kind, Map<string, string>>();
  /** References into kinds not yet complete, checked once every file is read. */
  readonly #deferred = new Map<string, EntityRef>();
  readonly #reports: { slug: string; textFile: string; file: string }[] = [];
  #referencesFailed = false;
  readonly #checkedLists = new Set<readonly Citation[]>();

  readonly duplicateSlugs: DataProblem[] = [];
  readonly reservedSlugs: DataProblem[] = [];
  readonly duplicateKeys: DataProblem[] = [];

  /** Starts a kind's file: its declared slugs are gathered until {@link endKind}. */
  beginKind(kind: Kind): Set<string> {
    const slugs = new Set<string>();
    this.#validSlugs.set(kind, new Set());
    this.#keys.set(kind, new Map());
    return slugs;
  }

  /** When the file itself failed and no record came of it, references into it are not reported again. */
  endKind(kind: Kind, slugs: Set<string>, fileFailed: boolean, validRecords: number): void {
    this.#declared.set(kind, fileFailed && validRecords === 0 ? null : slugs);
    // Slugs and keys repeat only within a kind: what found them can go.
    this.#validSlugs.delete(kind);
    this.#keys.delete(kind);
  }

  #exists(ref: EntityRef): boolean {
    return this.#declared.get(ref.kind)?.has(ref.slug) ?? true;
  }

  #check(ref: EntityRef): void {
    if (this.#declared.has(ref.kind)) {
      if (!this.#exists(ref)) this.#referencesFailed = true;
    } else {
      this.#deferred.set(refKey(ref), ref);
    }
  }

  /** Records share their lists of citations (one object per distinct list): each is checked once. */
  #checkCitations(list: readonly Citation[]): void {
    if (this.#checkedLists.has(list)) return;
    this.#checkedLists.add(list);
    for (const citation of list) this.#check({ kind: 'report', slug: citation.report });
  }

  /** Takes in one valid record: its slug, its natural key, and its references, checked or kept for later. */
  accept(record: EntityRecord): void {
    const problem = (code: DataErrorCode, field: string, message: string): DataProblem => ({
      code,
      file: record.file,
      record: record.slug,
      field,
      message,
    });
    const slugs = this.#validSlugs.get(record.kind);
    if (slugs?.has(record.slug)) {
      this.duplicateSlugs.push(problem('DUPLICATE_SLUG', 'slug', `another ${record.kind} already has this slug`));
    }
    slugs?.add(record.slug);
    const reserved = RESERVED_SLUGS[record.kind]?.[record.slug];
    if (reserved) this.reservedSlugs.push(problem('RESERVED_SLUG', 'slug', `is reserved: ${reserved}`));

    const naturalKey = NATURAL_KEYS[record.kind] as NaturalKey<Kind> | undefined;
    const keys = this.#keys.get(record.kind);
    if (naturalKey && keys) {
      const key = naturalKey.key(record);
      const other = keys.get(key);
      if (other !== undefined) {
        this.duplicateKeys.push(problem('DUPLICATE_KEY', naturalKey.fields, `${key} is already used by ${other}`));
      } else {
        keys.set(key, record.slug);
      }
    }

    this.#checkCitations(record.citations);
    const specs: FactSpecs = FACTS[record.kind];
    for (const claim of record.claims) {
      this.#checkCitations(claim.citations);
      if (specs[claim.property]?.refersTo && claim.target === null) this.#referencesFailed = true;
      else if (claim.target) this.#check(claim.target);
    }
    if (record.kind === 'report' && record.textFile !== null) {
      this.#reports.push({ slug: record.slug, textFile: record.textFile, file: record.file });
    }
  }

  /**
   * Whether anything was found wanting among the records taken in: a slug or natural key repeated, a
   * slug reserved, a reference that names nothing (of those that could be checked so far).
   */
  get failed(): boolean {
    return (
      this.#referencesFailed ||
      this.duplicateSlugs.length > 0 ||
      this.reservedSlugs.length > 0 ||
      this.duplicateKeys.length > 0
    );
  }

  /** The slugs declared per kind read so far (null for a file that could not be read). */
  declaredSlugs(): ReadonlyMap<Kind, ReadonlySet<string> | null> {
    return this.#declared;
  }

  /** The references into kinds not read here (yet), each once. */
  deferredReferences(): EntityRef[] {
    return [...this.#deferred.values()];
  }

  /**
   * Takes in what another share of the data found (see DataShare): the slugs its kinds declare, and
   * the references it could not check; references kept for later here are checked as soon as their
   * kind is known.
   */
  adopt(declared: ReadonlyMap<Kind, ReadonlySet<string> | null>, references: Iterable<EntityRef>): void {
    for (const [kind, slugs] of declared) this.#declared.set(kind, slugs);
    for (const [key, ref] of this.#deferred) {
      if (!this.#declared.has(ref.kind)) continue;
      this.#deferred.delete(key);
      this.#check(ref);
    }
    for (const ref of references) this.#check(ref);
  }

  /** Whether any reference names nothing, once every file is read. */
  referencesFailed(): boolean {
    for (const ref of this.#deferred.values()) if (!this.#exists(ref)) this.#referencesFailed = true;
    this.#deferred.clear();
    return this.#referencesFailed;
  }

  /** Reports that hold a copy of their text, in file order. */
  reportsWithText(): readonly { slug: string; textFile: string; file: string }[] {
    return this.#reports;
  }

  /** Every reference of a record that names nothing, with its place, in file order. */
  locateReferences(record: EntityRecord, problems: DataProblem[]): void {
    const specs: FactSpecs = FACTS[record.kind];
    const problem = (code: DataErrorCode, field: string, message: string) =>
      problems.push({ code, file: record.file, record: record.slug, field, message });
    const unresolved = (field: string, kind: Kind, slug: string) =>
      problem('UNRESOLVED_REFERENCE', field, `names ${kind} "${slug}", which does not exist`);
    for (const { citation, field } of citationsOf(record)) {
      if (!this.#exists({ kind: 'report', slug: citation.report })) {
        unresolved(`${field}.report`, 'report', citation.report);
      }
    }
    for (const { claim, field } of claimsOf(record)) {
      const targets = specs[claim.property]?.refersTo;
      if (targets && claim.target === null) {
        problem('INVALID_VALUE', `${field}.value`, `must name one of ${targets.join(', ')} as kind/slug`);
      } else if (claim.target && !this.#exists(claim.target)) {
        unresolved(`${field}.value`, claim.target.kind, claim.target.slug);
      }
    }
  }

  /** Every citation of a record whose quote is one of `wrong`, with its place, in file order. */
  locateQuotes(record: EntityRecord, wrong: ReadonlySet<Citation>, problems: DataProblem[]): void {
    for (const { citation, field } of citationsOf(record)) {
      if (!wrong.has(citation)) continue;
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

/** The distinct citations whose quote is not in the text of the report they cite, where the data holds it. */
export function wrongQuotes(citations: Iterable<Citation>, texts: ReadonlyMap<string, string>): Set<Citation> {
  const normalised = new Map<string, string>();
  const wrong = new Set<Citation>();
  for (const citation of citations) {
    const text = texts.get(citation.report);
    if (text === undefined || citation.quote === null) continue;
    let haystack = normalised.get(citation.report);
    if (haystack === undefined) {
      haystack = normaliseQuoteText(text);
      normalised.set(citation.report, haystack);
    }
    if (!haystack.includes(normaliseQuoteText(citation.quote))) wrong.add(citation);
  }
  return wrong;
}
