import { compareText } from '../compare.js';
import { asEntityRecord } from '../entity-record.js';
import { KINDS, type Kind } from '../kinds.js';
import type {
  Athlete,
  Claim,
  Country,
  Delegation,
  EntityRecord,
  Games,
  NamedEntity,
  Npc,
  Organisation,
  Report,
  Result,
  SportsEvent,
} from '../model.js';
import { type EntityRef, POINTING_PROPERTIES, parseRef, refKey } from '../refs.js';
import { foldForSearch } from '../search.js';
import {
  alternateNamesOf,
  claimsOfRecord,
  type Medals,
  medalsOfDelegation,
  NAMED_KINDS,
  type Store,
  sourcesOfRecord,
} from '../store.js';

const EMPTY: readonly never[] = Object.freeze([]);

/** Appends to the list under `key`, creating it on first use. */
function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

const byName = (a: NamedEntity, b: NamedEntity) =>
  compareText(a.facts.name, b.facts.name) || compareText(a.slug, b.slug);
const yearOf = (date: string | null): number | null => (date === null ? null : Number(date.slice(0, 4)));

/**
 * The graph held as JavaScript objects, immutable once built: every entity by kind and slug, by natural
 * key, and by each relation in both directions. The straightforward reference the compiled stores are
 * tested against (they must answer alike to the byte), and the store of small graphs made in tests.
 */
export class MemoryStore implements Store {
  readonly #byKind = new Map<Kind, Map<string, EntityRecord>>();
  readonly #sorted = new Map<Kind, readonly EntityRecord[]>();

  readonly #countryByCode = new Map<string, Country>();
  readonly #npcByCode = new Map<string, Npc>();
  readonly #npcsByCountry = new Map<string, Npc[]>();
  readonly #gamesBySeason = new Map<string, Games[]>();
  readonly #gamesByYear = new Map<number, Games[]>();
  readonly #delegationsByCountry = new Map<string, Delegation[]>();
  readonly #delegationsByGames = new Map<string, Delegation[]>();
  readonly #delegationsByAthlete = new Map<string, Delegation[]>();
  readonly #delegationByCountryAndGames = new Map<string, Delegation>();
  readonly #athletesByCountry = new Map<string, Athlete[]>();
  readonly #athletesBySport = new Map<string, Athlete[]>();
  readonly #eventsByGames = new Map<string, SportsEvent[]>();
  readonly #resultsByEvent = new Map<string, Result[]>();
  readonly #resultsByAthlete = new Map<string, Result[]>();
  readonly #resultsAsGuide = new Map<string, Result[]>();
  readonly #resultsByGames = new Map<string, Result[]>();
  readonly #organisationsByCountry = new Map<string, Organisation[]>();
  readonly #reportsByYear = new Map<number, Report[]>();
  readonly #reportsAbout = new Map<string, Report[]>();
  readonly #reportsCitedBy = new Map<string, Report[]>();
  readonly #citingEntities = new Map<string, EntityRecord[]>();
  readonly #referrers = new Map<string, EntityRecord[]>();
  readonly #sources = new WeakMap<EntityRecord, readonly string[]>();
  readonly #reportsByPublisher = new Map<string, Report[]>();
  readonly #reportsByAuthor = new Map<string, Report[]>();
  readonly #medalTotals = new Map<string, Medals>();
  readonly #texts: ReadonlyMap<string, string>;
  /** Identifies the data loaded: it changes whenever a data file or source text does. */
  readonly version: string;
  /** When the data last changed (see Store.modified); the Unix epoch for a graph built in memory. */
  readonly modified: string;

  constructor(
    entities: ReadonlyMap<Kind, readonly EntityRecord[]>,
    {
      texts = new Map(),
      version = 'unversioned',
      modified = new Date(0).toISOString(),
    }: { texts?: ReadonlyMap<string, string>; version?: string; modified?: string } = {},
  ) {
    this.#texts = texts;
    this.version = version;
    this.modified = modified;
    for (const kind of KINDS) {
      const records = entities.get(kind) ?? EMPTY;
      this.#byKind.set(kind, new Map(records.map((record) => [record.slug, asEntityRecord(record)])));
    }
    this.#sortCollections();
    this.#indexRelations();
  }

  /** A graph built in memory is not compiled: it has no annotations (see Store.annotation). */
  annotation(_name: string): unknown {
    return undefined;
  }

  get<K extends Kind>(kind: K, slug: string): EntityRecord<K> | undefined {
    return this.#byKind.get(kind)?.get(slug) as EntityRecord<K> | undefined;
  }

  /** The entity a loaded reference names; the loader has already refused data where it is missing. */
  follow<K extends Kind>(kind: K, slug: string): EntityRecord<K> {
    const found = this.get(kind, slug);
    if (!found) throw new Error(`Dangling reference to ${kind} "${slug}"`);
    return found;
  }

  followNullable<K extends Kind>(kind: K, slug: string | null): EntityRecord<K> | null {
    return slug === null ? null : this.follow(kind, slug);
  }

  followAll<K extends Kind>(kind: K, slugs: readonly string[]): EntityRecord<K>[] {
    return slugs.map((slug) => this.follow(kind, slug));
  }

  resolve(ref: EntityRef | null): EntityRecord | undefined {
    return ref === null ? undefined : this.#byKind.get(ref.kind)?.get(ref.slug);
  }

  /** Every entity of a kind, in its display order (names, years, ranks). */
  all<K extends Kind>(kind: K): readonly EntityRecord<K>[] {
    return (this.#sorted.get(kind) ?? EMPTY) as readonly EntityRecord<K>[];
  }

  count(kind: Kind): number {
    return this.#byKind.get(kind)?.size ?? 0;
  }

  countryByCode(code: string): Country | undefined {
    return this.#countryByCode.get(code.toUpperCase());
  }

  npcByCode(code: string): Npc | undefined {
    return this.#npcByCode.get(code.toUpperCase());
  }

  npcsOf(country: Country): readonly Npc[] {
    return this.#npcsByCountry.get(country.slug) ?? EMPTY;
  }

  gamesWhere(filter: { season?: string | null; year?: number | null; series?: string | null }): readonly Games[] {
    const bySeason = filter.season ? (this.#gamesBySeason.get(filter.season) ?? EMPTY) : null;
    const byYear = filter.year != null ? (this.#gamesByYear.get(filter.year) ?? EMPTY) : null;
    const base = smallest<Games>([bySeason, byYear]) ?? this.all('games');
    return where(base, [
      bySeason && ((games) => games.facts.season === filter.season),
      byYear && ((games) => games.facts.year === filter.year),
      filter.series ? (games) => games.facts.series === filter.series : null,
    ]);
  }

  /** A country's participations, oldest first, optionally only those at Games of one series. */
  participationsOf(country: Country, series?: string | null): readonly Delegation[] {
    const all = this.#delegationsByCountry.get(country.slug) ?? EMPTY;
    return series
      ? all.filter((delegation) => this.follow('games', delegation.facts.games).facts.series === series)
      : all;
  }

  participationsAt(games: Games): readonly Delegation[] {
    return this.#delegationsByGames.get(games.slug) ?? EMPTY;
  }

  participationOf(country: Country, games: Games): Delegation | undefined {
    return this.#delegationByCountryAndGames.get(`${country.slug}/${games.slug}`);
  }

  participationsWhere(filter: {
    country?: Country | null;
    games?: Games | null;
    participated?: boolean | null;
  }): readonly Delegation[] {
    const base = filter.country
      ? this.participationsOf(filter.country)
      : filter.games
        ? this.participationsAt(filter.games)
        : this.all('delegation');
    return where(base, [
      filter.games ? (delegation) => delegation.facts.games === filter.games?.slug : null,
      filter.participated == null ? null : (delegation) => delegation.facts.participated === filter.participated,
    ]);
  }

  delegationsOfAthlete(athlete: Athlete): readonly Delegation[] {
    return this.#delegationsByAthlete.get(athlete.slug) ?? EMPTY;
  }

  athletesWhere(filter: {
    country?: Country | null;
    sport?: string | null;
    gender?: string | null;
  }): readonly Athlete[] {
    const byCountry = filter.country ? (this.#athletesByCountry.get(filter.country.slug) ?? EMPTY) : null;
    const sport = filter.sport ? foldForSearch(filter.sport) : null;
    const bySport = sport !== null ? (this.#athletesBySport.get(sport) ?? EMPTY) : null;
    const base = smallest<Athlete>([byCountry, bySport]) ?? this.all('athlete');
    return where(base, [
      byCountry && ((athlete) => athlete.facts.country === filter.country?.slug),
      sport === null ? null : (athlete) => athlete.facts.sport.some((value) => foldForSearch(value) === sport),
      filter.gender ? (athlete) => athlete.facts.gender === filter.gender : null,
    ]);
  }

  eventsAt(games: Games): readonly SportsEvent[] {
    return this.#eventsByGames.get(games.slug) ?? EMPTY;
  }

  eventsWhere(filter: { games?: Games | null; sport?: string | null }): readonly SportsEvent[] {
    const base = filter.games ? this.eventsAt(filter.games) : this.all('event');
    const sport = filter.sport ? foldForSearch(filter.sport) : null;
    return sport === null ? base : base.filter((event) => foldForSearch(event.facts.sport) === sport);
  }

  resultsOf(event: SportsEvent): readonly Result[] {
    return this.#resultsByEvent.get(event.slug) ?? EMPTY;
  }

  resultsOfAthlete(athlete: Athlete): readonly Result[] {
    return this.#resultsByAthlete.get(athlete.slug) ?? EMPTY;
  }

  resultsGuidedBy(athlete: Athlete): readonly Result[] {
    return this.#resultsAsGuide.get(athlete.slug) ?? EMPTY;
  }

  resultsWhere(filter: { games?: Games | null; athlete?: Athlete | null; status?: string | null }): readonly Result[] {
    const byGames = filter.games ? (this.#resultsByGames.get(filter.games.slug) ?? EMPTY) : null;
    const byAthlete = filter.athlete ? this.resultsOfAthlete(filter.athlete) : null;
    const base = smallest<Result>([byGames, byAthlete]) ?? this.all('result');
    return where(base, [
      byGames && ((result) => this.gamesOfResult(result)?.slug === filter.games?.slug),
      byAthlete && ((result) => result.facts.athlete === filter.athlete?.slug),
      filter.status ? (result) => result.facts.status === filter.status : null,
    ]);
  }

  gamesOfResult(result: Result): Games | undefined {
    const event = this.get('event', result.facts.event);
    return event && this.get('games', event.facts.games);
  }

  organisationsWhere(filter: { country?: Country | null; kind?: string | null }): readonly Organisation[] {
    const base = filter.country
      ? (this.#organisationsByCountry.get(filter.country.slug) ?? EMPTY)
      : this.all('organisation');
    return filter.kind ? base.filter((organisation) => organisation.facts.organisationKind === filter.kind) : base;
  }

  reportsWhere(filter: { year?: number | null; kind?: string | null }): readonly Report[] {
    const base = filter.year != null ? (this.#reportsByYear.get(filter.year) ?? EMPTY) : this.all('report');
    return filter.kind ? base.filter((report) => report.facts.reportKind === filter.kind) : base;
  }

  reportsPublishedBy(organisation: Organisation): readonly Report[] {
    return this.#reportsByPublisher.get(organisation.slug) ?? EMPTY;
  }

  reportsAuthoredBy(author: NamedEntity): readonly Report[] {
    return this.#reportsByAuthor.get(refKey(author)) ?? EMPTY;
  }

  /** A report's authors, people or organisations, in the order stated. */
  authorsOf(report: Report): NamedEntity[] {
    return this.#targets(report, 'author');
  }

  /** The entities a report is about. */
  aboutOf(report: Report): NamedEntity[] {
    return this.#targets(report, 'about');
  }

  /** The report's full text, where the data holds a copy. */
  textOf(report: Report): string | null {
    return this.#texts.get(report.slug) ?? null;
  }

  #targets(entity: EntityRecord, property: string): NamedEntity[] {
    return entity.claims
      .filter((claim) => claim.property === property && claim.preferred)
      .map((claim) => this.resolve(claim.target) as NamedEntity);
  }

  /** Reports whose `about` names the entity. */
  reportsAbout(entity: EntityRecord): readonly Report[] {
    return this.#reportsAbout.get(refKey(entity)) ?? EMPTY;
  }

  /** Reports that a report cites (the inverse of their `citedBy`). */
  reportsCitedBy(report: Report): readonly Report[] {
    return this.#reportsCitedBy.get(report.slug) ?? EMPTY;
  }

  sourcesOf(record: EntityRecord): readonly string[] {
    return this.#sources.get(record) ?? EMPTY;
  }

  /** Entities that cite the report, for the entity itself or for any of its claims. */
  entitiesCiting(report: Report): readonly EntityRecord[] {
    return this.#citingEntities.get(report.slug) ?? EMPTY;
  }

  referrersOf(record: EntityRecord): readonly EntityRecord[] {
    return this.#referrers.get(refKey(record)) ?? EMPTY;
  }

  alternateNames(entity: NamedEntity): readonly string[] {
    return alternateNamesOf(entity);
  }

  /** Medals summed over the Paralympic Games a country took part in. */
  medalTotals(country: Country): Medals {
    return this.#medalTotals.get(country.slug) ?? { gold: 0, silver: 0, bronze: 0, total: 0 };
  }

  claimsOf(entity: EntityRecord, property?: string | null): readonly Claim[] {
    return claimsOfRecord(entity, property);
  }

  #sortCollections(): void {
    const games = (slug: string) => this.get('games', slug);
    const gamesOrder = (a: Games | undefined, b: Games | undefined) =>
      (a?.facts.year ?? 0) - (b?.facts.year ?? 0) ||
      compareText(a?.facts.season ?? '', b?.facts.season ?? '') ||
      compareText(a?.facts.series ?? '', b?.facts.series ?? '');
    const values = <K extends Kind>(kind: K) => [...(this.#byKind.get(kind)?.values() ?? [])] as EntityRecord<K>[];

    for (const kind of NAMED_KINDS) this.#sorted.set(kind, values(kind).sort(byName));
    this.#sorted.set(
      'games',
      values('games').sort((a, b) => gamesOrder(a, b) || byName(a, b)),
    );
    this.#sorted.set(
      'report',
      values('report').sort(
        (a, b) => compareText(a.facts.datePublished ?? '', b.facts.datePublished ?? '') || byName(a, b),
      ),
    );
    this.#sorted.set(
      'event',
      values('event').sort((a, b) => gamesOrder(games(a.facts.games), games(b.facts.games)) || byName(a, b)),
    );
    this.#sorted.set(
      'delegation',
      values('delegation').sort(
        (a, b) =>
          gamesOrder(games(a.facts.games), games(b.facts.games)) || compareText(a.facts.country, b.facts.country),
      ),
    );
    const eventOrder = new Map(this.all('event').map((event, index) => [event.slug, index]));
    this.#sorted.set(
      'result',
      values('result').sort(
        (a, b) =>
          (eventOrder.get(a.facts.event) ?? 0) - (eventOrder.get(b.facts.event) ?? 0) ||
          (a.facts.rank ?? Number.MAX_SAFE_INTEGER) - (b.facts.rank ?? Number.MAX_SAFE_INTEGER) ||
          compareText(a.slug, b.slug),
      ),
    );
  }

  /** Builds every relation index from the sorted collections, so each index keeps display order. */
  #indexRelations(): void {
    for (const country of this.all('country')) this.#countryByCode.set(country.facts.code, country);
    for (const npc of this.all('npc')) {
      this.#npcByCode.set(npc.facts.code, npc);
      push(this.#npcsByCountry, npc.facts.country, npc);
    }
    for (const games of this.all('games')) {
      push(this.#gamesBySeason, games.facts.season, games);
      push(this.#gamesByYear, games.facts.year, games);
    }
    for (const delegation of this.all('delegation')) {
      push(this.#delegationsByCountry, delegation.facts.country, delegation);
      push(this.#delegationsByGames, delegation.facts.games, delegation);
      this.#delegationByCountryAndGames.set(`${delegation.facts.country}/${delegation.facts.games}`, delegation);
      for (const athlete of delegation.facts.athlete) push(this.#delegationsByAthlete, athlete, delegation);
    }
    for (const athlete of this.all('athlete')) {
      if (athlete.facts.country !== null) push(this.#athletesByCountry, athlete.facts.country, athlete);
      for (const sport of new Set(athlete.facts.sport.map(foldForSearch))) push(this.#athletesBySport, sport, athlete);
    }
    for (const event of this.all('event')) push(this.#eventsByGames, event.facts.games, event);
    for (const result of this.all('result')) {
      push(this.#resultsByEvent, result.facts.event, result);
      push(this.#resultsByAthlete, result.facts.athlete, result);
      if (result.facts.guide !== null) push(this.#resultsAsGuide, result.facts.guide, result);
      const games = this.gamesOfResult(result);
      if (games) push(this.#resultsByGames, games.slug, result);
    }
    for (const organisation of this.all('organisation')) {
      if (organisation.facts.country !== null)
        push(this.#organisationsByCountry, organisation.facts.country, organisation);
    }
    for (const report of this.all('report')) {
      const year = yearOf(report.facts.datePublished);
      if (year !== null) push(this.#reportsByYear, year, report);
      if (report.facts.publisher !== null) push(this.#reportsByPublisher, report.facts.publisher, report);
      for (const claim of report.claims) {
        if (claim.property === 'author' && claim.preferred && claim.target)
          push(this.#reportsByAuthor, refKey(claim.target), report);
        if (claim.property === 'about' && claim.preferred && claim.target)
          push(this.#reportsAbout, refKey(claim.target), report);
        if (claim.property === 'citedBy' && claim.preferred && claim.target)
          push(this.#reportsCitedBy, claim.target.slug, report);
      }
    }
    for (const kind of KINDS) {
      for (const entity of this.all(kind)) {
        const reports = sourcesOfRecord(entity);
        this.#sources.set(entity, reports);
        for (const report of reports) push(this.#citingEntities, report, entity);
      }
    }
    for (const kind of KINDS) for (const record of this.all(kind)) this.#indexReferrer(record);
    for (const country of this.all('country')) {
      const medals = { gold: 0, silver: 0, bronze: 0, total: 0 };
      for (const delegation of this.participationsOf(country)) {
        const won = this.medalsOf(delegation);
        if (won === null || this.get('games', delegation.facts.games)?.facts.series !== 'PARALYMPIC_GAMES') continue;
        medals.gold += won.gold;
        medals.silver += won.silver;
        medals.bronze += won.bronze;
        medals.total += won.total;
      }
      this.#medalTotals.set(country.slug, medals);
    }
  }

  /** Notes the record as a referrer of every other record it points to (see Store.referrersOf). */
  #indexReferrer(record: EntityRecord): void {
    const targets = new Set<string>();
    const facts = record.facts as unknown as Record<string, unknown>;
    for (const { property, targets: kinds } of POINTING_PROPERTIES[record.kind]) {
      for (const value of [facts[property]].flat()) {
        const target = typeof value === 'string' ? parseRef(kinds, value) : null;
        if (target && this.resolve(target)) targets.add(refKey(target));
      }
    }
    for (const report of this.sourcesOf(record)) targets.add(`report/${report}`);
    if (record.kind === 'event')
      for (const result of this.resultsOf(record as SportsEvent)) targets.add(refKey(result));
    if (record.kind === 'report') for (const cited of this.reportsCitedBy(record as Report)) targets.add(refKey(cited));
    targets.delete(refKey(record));
    for (const target of targets) push(this.#referrers, target, record);
  }

  medalsOf(delegation: Delegation): Medals | null {
    return medalsOfDelegation(delegation);
  }

  read<T>(work: () => T): T {
    return work();
  }

  readonly remote = false;
  readonly lacking = false;

  async close(): Promise<void> {}
}

/**
 * The items passing every test given; the list itself, not a copy, when no test is given, so that an
 * unfiltered first page costs the same however long the list is.
 */
function where<T>(list: readonly T[], tests: readonly (((item: T) => boolean) | null)[]): readonly T[] {
  const active = tests.filter((test): test is (item: T) => boolean => test !== null);
  return active.length === 0 ? list : list.filter((item) => active.every((test) => test(item)));
}

/** The shortest of the candidate index lists that apply, or null when no filter uses an index. */
function smallest<T>(lists: readonly (readonly T[] | null)[]): readonly T[] | null {
  let best: readonly T[] | null = null;
  for (const list of lists) if (list !== null && (best === null || list.length < best.length)) best = list;
  return best;
}
