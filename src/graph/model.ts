import type { FactValues } from './facts.js';
import type { FactsOf, Kind } from './kinds.js';
import type { CLAIM_RANKS, DATE_BOUNDS } from './records.js';
import type { EntityRef } from './refs.js';

export type ClaimRank = (typeof CLAIM_RANKS)[number];
export type ClaimValue = string | number | boolean;
export type DateBound = (typeof DATE_BOUNDS)[number];

/** A pointer to the report that states something, with the sentence that states it where useful. */
export interface Citation {
  readonly report: string;
  readonly quote: string | null;
}

/**
 * One value of one property as stated by its sources (Wikidata's statement model): never overwritten,
 * only ranked. `preferred` is true for the values the plain field shows.
 */
export interface Claim {
  readonly subject: string;
  readonly property: string;
  /** Its place among the claims of the same property, as written in the data file (`facts.rank[1]`). */
  readonly index: number;
  /** The value; null where the sources give none (its `note` says so). */
  readonly value: ClaimValue | null;
  readonly rank: ClaimRank;
  readonly preferred: boolean;
  readonly reason: string | null;
  readonly derived: boolean;
  readonly note: string | null;
  /**
   * For a date the source gives only as a bound: `onOrBefore` ("by 2008") or `onOrAfter`; the value is
   * then the bound, not the date. Null for an exact value.
   */
  readonly bound: DateBound | null;
  /** Whether the source gives the quantity as approximate ("around 500"). */
  readonly approximate: boolean;
  /** The source's own hedge ("reportedly"): the statement is the source's, which does not vouch for it. */
  readonly hedge: string | null;
  /** The BCP 47 language of a text value (`en` unless the data says otherwise); null for other values. */
  readonly lang: string | null;
  /** The entity the value names, for properties that refer to another entity. */
  readonly target: EntityRef | null;
  readonly citations: readonly Citation[];
}

/** An entity as loaded: its plain values (the preferred claims) beside every claim and citation. */
export interface RecordFields<K extends Kind = Kind> {
  readonly kind: K;
  readonly slug: string;
  readonly file: string;
  readonly citations: readonly Citation[];
  readonly claims: readonly Claim[];
  readonly facts: FactValues<FactsOf<K>>;
  readonly textFile: string | null;
}

/**
 * A record as every store gives it (see entity-record.ts): each of its plain values also reads as a
 * property of its own name (`athlete.gender` is `athlete.facts.gender`), typed for a record of one kind.
 */
export type EntityRecord<K extends Kind = Kind> = RecordFields<K> & (Kind extends K ? unknown : FactValues<FactsOf<K>>);

export type Country = EntityRecord<'country'>;
export type Npc = EntityRecord<'npc'>;
export type Games = EntityRecord<'games'>;
export type Delegation = EntityRecord<'delegation'>;
export type Athlete = EntityRecord<'athlete'>;
export type SportsEvent = EntityRecord<'event'>;
export type Result = EntityRecord<'result'>;
export type Organisation = EntityRecord<'organisation'>;
export type Report = EntityRecord<'report'>;
export type Person = EntityRecord<'person'>;

/** The kinds GraphQL exposes through the `Entity` interface: everything with a name. */
export type NamedKind = Exclude<Kind, 'delegation' | 'result'>;
export type NamedEntity = EntityRecord<NamedKind>;
