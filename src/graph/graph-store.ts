import type { Kind } from './kinds.js';
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
} from './model.js';
import type { EntityRef } from './refs.js';
import { foldForSearch } from './search.js';
import { SnapshotSource } from './snapshot/read.js';
import {
  EMPTY_IDS,
  type FactTest,
  type GraphSource,
  type IdIndex,
  type IdList,
  type KeyedIndex,
  type Relation,
} from './source.js';
import {
  type AthletesFilter,
  alternateNamesOf,
  claimsOfRecord,
  type EventsFilter,
  type GamesFilter,
  type Medals,
  medalsOfDelegation,
  type OrganisationsFilter,
  type ParticipationsFilter,
  type ReportsFilter,
  type ResultsFilter,
  type Store,
  sourcesOfRecord,
  type View,
} from './store.js';

/** A store's list of records over a source's list of ids: a page materialises only the records on it. */
class RecordView<T extends EntityRecord> implements View<T> {
  constructor(
    private readonly source: GraphSource,
    readonly list: IdList,
  ) {}

  get length(): number {
    return this.list.length;
  }

  at(index: number): T | undefined {
    const at = index < 0 ? this.list.length + index : index;
    if (at < 0 || at >= this.list.length) return undefined;
    return this.source.record(this.list.ids(at, at + 1)[0] as number) as T;
  }

  slice(start = 0, end = this.list.length): T[] {
    const length = this.list.length;
    const from = start < 0 ? Math.max(0, length + start) : Math.min(start, length);
    const to = end < 0 ? Math.max(0, length + end) : Math.min(end, length);
    const ids = this.list.ids(from, to);
    const records: T[] = [];
    for (let index = 0; index < ids.length; index++) records.push(this.source.record(ids[index] as number) as T);
    return records;
  }

  map<U>(fn: (item: T, index: number) => U): U[] {
    return this.slice().map(fn);
  }

  filter(test: (item: T, index: number) => boolean): T[] {
    return this.slice().filter(test);
  }

  *[Symbol.iterator](): Iterator<T> {
    const length = this.list.length;
    const chunk = 256;
    for (let start = 0; start < length; start += chunk) yield* this.slice(start, start + chunk);
  }
}

/** A named record's other names from its columns, as alternateNamesOf reads them from the record. */
function alternateNamesFrom(source: GraphSource, claims: NonNullable<GraphSource['claims']>, id: number): string[] {
  const name = source.fact?.(id, 'name') ?? null;
  const stated = (source.factList?.(id, 'alternateName') ?? []).filter((value) => typeof value === 'string');
  const spellings = claims
    .call(source, id, 'name')
    .filter((claim) => !claim.preferred && claim.rank !== 'deprecated' && typeof claim.value === 'string')
    .map((claim) => claim.value as string);
  return [...new Set([...stated, ...spellings])].filter((other) => other !== name);
}

/** The ids and columns of a source that reads its facts as columns (see IdIndex). */
function idIndexOf(source: GraphSource, filterCacheBytes: number | undefined): IdIndex | undefined {
  const { fact, factList, slug, relationLists, claims } = source;
  if (!fact || !factList || !slug || !relationLists) return undefined;
  const all = (list: IdList) => list.ids(0, list.length);
  return {
    ...(filterCacheBytes === undefined ? {} : { filterCacheBytes }),
    ...(claims ? { alternateNames: (id: number) => alternateNamesFrom(source, claims, id) } : {}),
    range: (kind) => {
      const ids = source.all(kind).ids(0, 1);
      return { first: ids.length > 0 ? (ids[0] as number) : 0, count: source.count(kind) };
    },
    lists: (relation) => relationLists.call(source, relation),
    keyed: (index, key) => all(source.keyed(index, key)),
    find: (kind, slug) => source.find(kind, slug),
    slug: (id) => slug.call(source, id),
    fact: (id, property) => fact.call(source, id, property),
    factList: (id, property) => factList.call(source, id, property),
    record: (id) => source.record(id),
    id: (record) => source.idOf(record),
    idsOf: (list) => (list instanceof RecordView ? all(list.list) : null),
    get lacking() {
      return source.lacking;
    },
    inOrder: (kind, orderBy) => source.inOrder?.(kind, orderBy) ?? null,
  };
}

/** How many slugs of one kind {@link GraphStore} keeps the ids of, before it starts afresh. */
const FOUND_PER_KIND = 65_536;

const NO_MEDALS: Medals = Object.freeze({ gold: 0, silver: 0, bronze: 0, total: 0 });

/**
 * The {@link Store} over a {@link GraphSource}: what every reader of the graph asks, answered with the
 * few operations a source provides (records by id, lists of ids, filters), so that each way of keeping
 * the graph (a snapshot file, PostgreSQL) implements only those.
 */
export class GraphStore implements Store {
  readonly #sources = new WeakMap<EntityRecord, readonly string[]>();
  /** What pages ask of a record again and again, kept with the record while the source keeps it. */
  readonly #alternateNames = new WeakMap<EntityRecord, readonly string[]>();
  readonly #claims = new WeakMap<EntityRecord, Map<string, readonly Claim[]>>();
  readonly ids: IdIndex | undefined;
  readonly #found = new Map<Kind, Map<string, number>>();

  /** `filterCacheBytes` bounds what the query planner keeps for filters (see query/ids.ts). */
  constructor(
    private readonly source: GraphSource,
    { filterCacheBytes }: { readonly filterCacheBytes?: number } = {},
  ) {
    this.ids = idIndexOf(source, filterCacheBytes);
  }

  get version(): string {
    return this.source.version;
  }

  get modified(): string {
    return this.source.modified;
  }

  annotation(name: string): unknown {
    return this.source.annotation(name);
  }

  #view<T extends EntityRecord>(list: IdList): View<T> {
    return new RecordView<T>(this.source, list);
  }

  #id(record: EntityRecord): number {
    return this.source.idOf(record);
  }

  #related<T extends EntityRecord>(relation: Relation, record: EntityRecord): View<T> {
    const id = this.#id(record);
    return this.#view(id < 0 ? EMPTY_IDS : this.source.related(relation, id));
  }

  #select<T extends EntityRecord>(
    kind: Kind,
    lists: readonly (IdList | null)[],
    tests: readonly (FactTest | null)[],
  ): View<T> {
    const given = lists.filter((list): list is IdList => list !== null);
    const checks = tests.filter((test): test is FactTest => test !== null);
    if (given.length === 1 && checks.length === 0) return this.#view(given[0] as IdList);
    if (given.length === 0 && checks.length === 0) return this.#view(this.source.all(kind));
    return this.#view(this.source.select(kind, given, checks));
  }

  #keyed(index: KeyedIndex, key: string | number): IdList {
    return this.source.keyed(index, key);
  }

  #relatedIds(relation: Relation, record: EntityRecord): IdList {
    const id = this.#id(record);
    return id < 0 ? EMPTY_IDS : this.source.related(relation, id);
  }

  get<K extends Kind>(kind: K, slug: string): EntityRecord<K> | undefined {
    const id = this.#find(kind, slug);
    return id < 0 ? undefined : (this.source.record(id) as EntityRecord<K>);
  }

  /**
   * The id of a slug, kept once found: references are followed by slug (every citation names its
   * report), and a snapshot's lookup reads the slug back from its table each time. A remote source
   * keeps what it fetched itself, and forgets it when asked.
   */
  #find(kind: Kind, slug: string): number {
    if (this.source.remote) return this.source.find(kind, slug);
    let found = this.#found.get(kind);
    if (!found) {
      found = new Map();
      this.#found.set(kind, found);
    }
    const known = found.get(slug);
    if (known !== undefined) return known;
    const id = this.source.find(kind, slug);
    if (id >= 0) {
      if (found.size >= FOUND_PER_KIND) found.clear();
      found.set(slug, id);
    }
    return id;
  }

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
    return ref === null ? undefined : this.get(ref.kind, ref.slug);
  }

  all<K extends Kind>(kind: K): View<EntityRecord<K>> {
    return this.#view(this.source.all(kind));
  }

  count(kind: Kind): number {
    return this.source.count(kind);
  }

  countryByCode(code: string): Country | undefined {
    const id = this.source.findByCode('country', code.toUpperCase());
    return id < 0 ? undefined : (this.source.record(id) as Country);
  }

  npcByCode(code: string): Npc | undefined {
    const id = this.source.findByCode('npc', code.toUpperCase());
    return id < 0 ? undefined : (this.source.record(id) as Npc);
  }

  npcsOf(country: Country): View<Npc> {
    return this.#related('npcsByCountry', country);
  }

  gamesWhere(filter: GamesFilter): View<Games> {
    return this.#select(
      'games',
      [
        filter.season ? this.#keyed('gamesBySeason', filter.season) : null,
        filter.year != null ? this.#keyed('gamesByYear', filter.year) : null,
      ],
      [filter.series ? { property: 'series', equals: filter.series } : null],
    );
  }

  participationsOf(country: Country, series?: string | null): View<Delegation> {
    return this.#select(
      'delegation',
      [this.#relatedIds('delegationsByCountry', country), series ? this.#keyed('delegationsBySeries', series) : null],
      [],
    );
  }

  participationsAt(games: Games): View<Delegation> {
    return this.#related('delegationsByGames', games);
  }

  participationOf(country: Country, games: Games): Delegation | undefined {
    return this.participationsWhere({ country, games }).at(0);
  }

  participationsWhere(filter: ParticipationsFilter): View<Delegation> {
    return this.#select(
      'delegation',
      [
        filter.country ? this.#relatedIds('delegationsByCountry', filter.country) : null,
        filter.games ? this.#relatedIds('delegationsByGames', filter.games) : null,
      ],
      [filter.participated == null ? null : { property: 'participated', equals: filter.participated }],
    );
  }

  delegationsOfAthlete(athlete: Athlete): View<Delegation> {
    return this.#related('delegationsByAthlete', athlete);
  }

  athletesWhere(filter: AthletesFilter): View<Athlete> {
    const sport = filter.sport ? foldForSearch(filter.sport) : null;
    return this.#select(
      'athlete',
      [
        filter.country ? this.#relatedIds('athletesByCountry', filter.country) : null,
        sport === null ? null : this.#keyed('athletesBySport', sport),
      ],
      [filter.gender ? { property: 'gender', equals: filter.gender } : null],
    );
  }

  eventsAt(games: Games): View<SportsEvent> {
    return this.#related('eventsByGames', games);
  }

  eventsWhere(filter: EventsFilter): View<SportsEvent> {
    const sport = filter.sport ? foldForSearch(filter.sport) : null;
    return this.#select(
      'event',
      [
        filter.games ? this.#relatedIds('eventsByGames', filter.games) : null,
        sport === null ? null : this.#keyed('eventsBySport', sport),
      ],
      [],
    );
  }

  resultsOf(event: SportsEvent): View<Result> {
    return this.#related('resultsByEvent', event);
  }

  resultsOfAthlete(athlete: Athlete): View<Result> {
    return this.#related('resultsByAthlete', athlete);
  }

  resultsGuidedBy(athlete: Athlete): View<Result> {
    return this.#related('resultsByGuide', athlete);
  }

  resultsWhere(filter: ResultsFilter): View<Result> {
    return this.#select(
      'result',
      [
        filter.games ? this.#relatedIds('resultsByGames', filter.games) : null,
        filter.athlete ? this.#relatedIds('resultsByAthlete', filter.athlete) : null,
      ],
      [filter.status ? { property: 'status', equals: filter.status } : null],
    );
  }

  gamesOfResult(result: Result): Games | undefined {
    const event = this.get('event', result.facts.event);
    return event && this.get('games', event.facts.games);
  }

  organisationsWhere(filter: OrganisationsFilter): View<Organisation> {
    return this.#select(
      'organisation',
      [filter.country ? this.#relatedIds('organisationsByCountry', filter.country) : null],
      [filter.kind ? { property: 'organisationKind', equals: filter.kind } : null],
    );
  }

  reportsWhere(filter: ReportsFilter): View<Report> {
    return this.#select(
      'report',
      [filter.year != null ? this.#keyed('reportsByYear', filter.year) : null],
      [filter.kind ? { property: 'reportKind', equals: filter.kind } : null],
    );
  }

  reportsPublishedBy(organisation: Organisation): View<Report> {
    return this.#related('reportsByPublisher', organisation);
  }

  reportsAuthoredBy(author: NamedEntity): View<Report> {
    return this.#related('reportsByAuthor', author);
  }

  authorsOf(report: Report): NamedEntity[] {
    return this.#targets(report, 'author');
  }

  aboutOf(report: Report): NamedEntity[] {
    return this.#targets(report, 'about');
  }

  #targets(entity: EntityRecord, property: string): NamedEntity[] {
    return entity.claims
      .filter((claim) => claim.property === property && claim.preferred)
      .map((claim) => this.resolve(claim.target) as NamedEntity);
  }

  textOf(report: Report): string | null {
    const id = this.#id(report);
    return id < 0 ? null : this.source.text(id);
  }

  reportsAbout(entity: EntityRecord): View<Report> {
    return this.#related('reportsAbout', entity);
  }

  reportsCitedBy(report: Report): View<Report> {
    return this.#related('reportsCitedBy', report);
  }

  sourcesOf(record: EntityRecord): readonly string[] {
    let sources = this.#sources.get(record);
    if (!sources) {
      sources = sourcesOfRecord(record);
      this.#sources.set(record, sources);
    }
    return sources;
  }

  entitiesCiting(report: Report): View<EntityRecord> {
    return this.#related('entitiesCiting', report);
  }

  referrersOf(record: EntityRecord): View<EntityRecord> {
    return this.#related('referrers', record);
  }

  alternateNames(entity: NamedEntity): readonly string[] {
    let names = this.#alternateNames.get(entity);
    if (!names) {
      names = alternateNamesOf(entity);
      if (!this.source.lacking) this.#alternateNames.set(entity, names);
    }
    return names;
  }

  medalTotals(country: Country): Medals {
    const id = this.#id(country);
    return id < 0 ? NO_MEDALS : this.source.medals(id);
  }

  medalsOf(delegation: Delegation): Medals | null {
    return medalsOfDelegation(delegation);
  }

  claimsOf(entity: EntityRecord, property?: string | null): readonly Claim[] {
    if (!property) return entity.claims;
    let byProperty = this.#claims.get(entity);
    let claims = byProperty?.get(property);
    if (!claims) {
      claims = claimsOfRecord(entity, property);
      // Only properties the record has are kept: a client may ask for any name.
      if (claims.length === 0 || this.source.lacking) return claims;
      if (!byProperty) {
        byProperty = new Map();
        this.#claims.set(entity, byProperty);
      }
      byProperty.set(property, claims);
    }
    return claims;
  }

  savedFullText(): Uint8Array | null {
    return this.source.savedFullText?.() ?? null;
  }

  snapshot(): SnapshotSource | undefined {
    return this.source instanceof SnapshotSource ? this.source : undefined;
  }

  read<T>(work: () => T): T | Promise<T> {
    return this.source.read(work);
  }

  get remote(): boolean {
    return this.source.remote;
  }

  get lacking(): boolean {
    return this.source.lacking;
  }

  preload(): Promise<void> {
    return this.source.preload?.() ?? Promise.resolve();
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
