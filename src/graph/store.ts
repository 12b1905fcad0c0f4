import { KINDS, type Kind } from './kinds.js';
import type {
  Athlete,
  Claim,
  Country,
  Delegation,
  EntityRecord,
  Games,
  NamedEntity,
  NamedKind,
  Npc,
  Organisation,
  Report,
  Result,
  SportsEvent,
} from './model.js';
import type { EntityRef } from './refs.js';
import type { SnapshotSource } from './snapshot/read.js';
import type { IdIndex } from './source.js';

export interface Medals {
  readonly gold: number;
  readonly silver: number;
  readonly bronze: number;
  readonly total: number;
}

export const NAMED_KINDS = KINDS.filter((kind): kind is NamedKind => kind !== 'delegation' && kind !== 'result');

/**
 * A read-only list the store holds or computes lazily: a collection, a relation, a search's matches.
 * Its length is known without reading its items, and a page (`slice`) materialises only the items on
 * it, so pagination costs the same however long the list is. A plain array is a View.
 */
export interface View<T> extends Iterable<T> {
  readonly length: number;
  at(index: number): T | undefined;
  /** The items from `start` to `end` (exclusive), materialised. */
  slice(start?: number, end?: number): T[];
  /** Every item through `fn`: materialises the whole list, so for lists bounded by nature. */
  map<U>(fn: (item: T, index: number) => U): U[];
  /** The items passing `test`: reads the whole list, so for lists bounded by nature. */
  filter(test: (item: T, index: number) => boolean): T[];
}

export interface GamesFilter {
  readonly season?: string | null;
  readonly year?: number | null;
  readonly series?: string | null;
}

export interface ParticipationsFilter {
  readonly country?: Country | null;
  readonly games?: Games | null;
  readonly participated?: boolean | null;
}

export interface AthletesFilter {
  readonly country?: Country | null;
  readonly sport?: string | null;
  readonly gender?: string | null;
}

export interface EventsFilter {
  readonly games?: Games | null;
  readonly sport?: string | null;
}

export interface ResultsFilter {
  readonly games?: Games | null;
  readonly athlete?: Athlete | null;
  readonly status?: string | null;
}

export interface OrganisationsFilter {
  readonly country?: Country | null;
  readonly kind?: string | null;
}

export interface ReportsFilter {
  readonly year?: number | null;
  readonly kind?: string | null;
}

/**
 * The graph as every reader sees it (GraphQL resolvers, the linked-data mapping, the pages): records
 * by kind and slug, by natural key, and by each relation in both directions, each list in its display
 * order. Every method is synchronous. A store that fetches its data from elsewhere (PostgreSQL) answers
 * from what it holds and notes what it lacks; {@link Store.read} runs a piece of work, fetches what it
 * lacked in one batch and runs it again, so that callers see complete answers.
 *
 * Records are plain {@link EntityRecord} objects; a store may materialise them on demand, so two reads
 * of one record need not give the same object: compare records by kind and slug, never by identity.
 */
export interface Store {
  /** Identifies the data: a hash of the data files and source texts, so it changes whenever they do. */
  readonly version: string;
  /**
   * When the data last changed: the newest modification time of the data files and source texts,
   * recorded when the graph was compiled (ISO 8601, to the second). HTTP's `Last-Modified`.
   */
  readonly modified: string;
  /**
   * What was computed over every record when the graph was compiled, under a name (the linked data's
   * statistics), as JSON to be checked by its reader; undefined where it was compiled without it.
   */
  annotation(name: string): unknown;

  get<K extends Kind>(kind: K, slug: string): EntityRecord<K> | undefined;
  /** The entity a validated reference names: validation has already refused data where it is missing. */
  follow<K extends Kind>(kind: K, slug: string): EntityRecord<K>;
  followNullable<K extends Kind>(kind: K, slug: string | null): EntityRecord<K> | null;
  followAll<K extends Kind>(kind: K, slugs: readonly string[]): EntityRecord<K>[];
  resolve(ref: EntityRef | null): EntityRecord | undefined;
  /** Every entity of a kind, in its display order (names, years, ranks). */
  all<K extends Kind>(kind: K): View<EntityRecord<K>>;
  count(kind: Kind): number;

  countryByCode(code: string): Country | undefined;
  npcByCode(code: string): Npc | undefined;
  npcsOf(country: Country): View<Npc>;
  gamesWhere(filter: GamesFilter): View<Games>;
  /** A country's participations, oldest first, optionally only those at Games of one series. */
  participationsOf(country: Country, series?: string | null): View<Delegation>;
  participationsAt(games: Games): View<Delegation>;
  participationOf(country: Country, games: Games): Delegation | undefined;
  participationsWhere(filter: ParticipationsFilter): View<Delegation>;
  delegationsOfAthlete(athlete: Athlete): View<Delegation>;
  athletesWhere(filter: AthletesFilter): View<Athlete>;
  eventsAt(games: Games): View<SportsEvent>;
  eventsWhere(filter: EventsFilter): View<SportsEvent>;
  resultsOf(event: SportsEvent): View<Result>;
  resultsOfAthlete(athlete: Athlete): View<Result>;
  resultsGuidedBy(athlete: Athlete): View<Result>;
  resultsWhere(filter: ResultsFilter): View<Result>;
  gamesOfResult(result: Result): Games | undefined;
  organisationsWhere(filter: OrganisationsFilter): View<Organisation>;
  reportsWhere(filter: ReportsFilter): View<Report>;
  reportsPublishedBy(organisation: Organisation): View<Report>;
  reportsAuthoredBy(author: NamedEntity): View<Report>;
  /** A report's authors, people or organisations, in the order stated. */
  authorsOf(report: Report): NamedEntity[];
  /** The entities a report is about. */
  aboutOf(report: Report): NamedEntity[];
  /** The report's full text, where the data holds a copy. */
  textOf(report: Report): string | null;
  /** Reports whose `about` names the entity. */
  reportsAbout(entity: EntityRecord): View<Report>;
  /** Reports that a report cites (the inverse of their `citedBy`). */
  reportsCitedBy(report: Report): View<Report>;
  /** Slugs of every report a record cites, for itself or for any of its claims, in order of first citation. */
  sourcesOf(record: EntityRecord): readonly string[];
  /** Entities that cite the report, for the entity itself or for any of its claims. */
  entitiesCiting(report: Report): View<EntityRecord>;
  /**
   * Every other record that points to this one: by a reference among its facts (a result's athlete, a
   * report's author), by citing it (a report), as an event its results, and as a report the reports
   * it cites. Each once, in dataset order (kinds in KINDS order, each in its display order), from an
   * index kept both ways: what the linked data states of a record from the other end, page by page.
   */
  referrersOf(record: EntityRecord): View<EntityRecord>;
  /** Names other than the preferred one: stated alternate names and every other spelling claimed for the name. */
  alternateNames(entity: NamedEntity): readonly string[];
  /** Medals summed over the Paralympic Games a country took part in. */
  medalTotals(country: Country): Medals;
  /** A delegation's medals; null where it did not take part or no source gives its medal count. */
  medalsOf(delegation: Delegation): Medals | null;
  claimsOf(entity: EntityRecord, property?: string | null): readonly Claim[];
  /**
   * The full-text index saved beside the graph when it was loaded (its file's bytes; see
   * fulltext/registry.ts), so that a server need not build its own from the whole graph: null where the
   * store keeps none, no bytes in a pass of {@link read} that lacks it.
   */
  savedFullText?(): Uint8Array | null;
  /** The compiled snapshot the store reads, where it reads one: what builds its full-text index fastest. */
  snapshot?(): SnapshotSource | undefined;

  /**
   * Runs synchronous work that reads the store and returns its outcome. An embedded store runs it
   * once; a store that fetches from elsewhere fetches what the work lacked, in one batch per pass, and
   * runs it again until nothing is lacking (so the work must be free of side effects until it returns).
   */
  read<T>(work: () => T): T | Promise<T>;
  /** Whether {@link read} may fetch (and run work more than once), as a PostgreSQL store does. */
  readonly remote: boolean;
  /**
   * Whether the pass of `read` now running has lacked data: what it computes stands on stand-ins and
   * will be computed again, so nothing computed now may be memoised. Always false on an embedded store.
   */
  readonly lacking: boolean;
  /**
   * Record ids and columns (the snapshot's, or those PostgreSQL sends whole once): filters are then
   * answered over ids and bitsets, materialising only the records of a page (query/ids.ts).
   */
  readonly ids?: IdIndex | undefined;
  /** Reads in the background what most requests need and was not read at start (a snapshot's sections). */
  preload?(): Promise<void>;
  /** Lets go of what the store holds open (files, connections). */
  close(): Promise<void>;
}

/** A delegation's medals, from its own facts; null where it did not take part or no source gives them. */
export function medalsOfDelegation(delegation: Delegation): Medals | null {
  const { participated, goldMedals, silverMedals, bronzeMedals, totalMedals } = delegation.facts;
  if (!participated || goldMedals === null || silverMedals === null || bronzeMedals === null) return null;
  return {
    gold: goldMedals,
    silver: silverMedals,
    bronze: bronzeMedals,
    total: totalMedals ?? goldMedals + silverMedals + bronzeMedals,
  };
}

/** Names other than the preferred one, from a record alone: stated alternate names, then other spellings claimed. */
export function alternateNamesOf(entity: NamedEntity): string[] {
  const spellings = entity.claims
    .filter((claim) => claim.property === 'name' && !claim.preferred && claim.rank !== 'deprecated')
    .flatMap((claim) => (typeof claim.value === 'string' ? [claim.value] : []));
  return [...new Set([...entity.facts.alternateName, ...spellings])].filter((name) => name !== entity.facts.name);
}

/** Slugs of every report a record cites, for itself or any of its claims, in order of first citation. */
export function sourcesOfRecord(record: EntityRecord): string[] {
  const reports = new Set<string>();
  for (const citation of record.citations) reports.add(citation.report);
  for (const claim of record.claims) for (const citation of claim.citations) reports.add(citation.report);
  return [...reports];
}

export function claimsOfRecord(entity: EntityRecord, property?: string | null): readonly Claim[] {
  return property ? entity.claims.filter((claim) => claim.property === property) : entity.claims;
}
