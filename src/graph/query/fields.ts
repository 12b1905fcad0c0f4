import {
  ATHLETE_ROLES,
  EVENT_GENDERS,
  GAMES_SERIES,
  GENDERS,
  IPC_MEMBERSHIP_STATUSES,
  type Kind,
  ORGANISATION_KINDS,
  REPORT_KINDS,
  RESULT_STATUSES,
  ROUNDS,
  SEASONS,
} from '../kinds.js';
import type { EntityRecord, NamedEntity } from '../model.js';
import type { Store, View } from '../store.js';

export type ScalarValue = string | number | boolean;

/** An enumeration of the data model, by the name of its GraphQL enum; its values in their natural order. */
export interface EnumSpec {
  readonly name: string;
  readonly values: readonly string[];
}

export const ENUMS = {
  Gender: { name: 'Gender', values: GENDERS },
  EventGender: { name: 'EventGender', values: EVENT_GENDERS },
  Season: { name: 'Season', values: SEASONS },
  GamesSeries: { name: 'GamesSeries', values: GAMES_SERIES },
  ResultStatus: { name: 'ResultStatus', values: RESULT_STATUSES },
  Round: { name: 'Round', values: ROUNDS },
  AthleteRole: { name: 'AthleteRole', values: ATHLETE_ROLES },
  IpcMembershipStatus: { name: 'IpcMembershipStatus', values: IPC_MEMBERSHIP_STATUSES },
  OrganisationKind: { name: 'OrganisationKind', values: ORGANISATION_KINDS },
  ReportKind: { name: 'ReportKind', values: REPORT_KINDS },
} as const satisfies Record<string, EnumSpec>;

/** What a record's value is read as, for filtering and ordering. */
export type ScalarType = 'text' | 'int' | 'float' | 'boolean' | 'date' | 'enum';

/** One plain value of a record (null where the sources give none). */
export interface ScalarField<R extends EntityRecord = EntityRecord> {
  readonly is: 'scalar';
  readonly type: ScalarType;
  readonly enum?: EnumSpec;
  readonly description: string;
  readonly read: (record: R, store: Store) => ScalarValue | null;
  readonly index?: ValueIndex<ScalarValue>;
}

/**
 * The records with a value, from one of the store's indexes, in display order. `folded` when the index
 * ignores case and accents, so that it gives a superset of the exact matches.
 */
export interface ValueIndex<V> {
  readonly lookup: (store: Store, value: V) => View<EntityRecord>;
  readonly folded?: boolean;
}

/** A list of plain values of a record: names, sports, classes. */
export interface ScalarListField<R extends EntityRecord = EntityRecord> {
  readonly is: 'scalarList';
  readonly type: 'text' | 'enum';
  readonly enum?: EnumSpec;
  readonly description: string;
  readonly read: (record: R, store: Store) => readonly string[];
  /** Records with this value in the list, from an index. */
  readonly index?: ValueIndex<string>;
}

/** A few plain values read together (a delegation's medals), filtered as one nullable object. */
export interface GroupField<R extends EntityRecord = EntityRecord> {
  readonly is: 'group';
  readonly name: string;
  readonly description: string;
  readonly read: (record: R, store: Store) => Readonly<Record<string, ScalarValue | null>> | null;
  readonly fields: Readonly<
    Record<string, { readonly type: ScalarType; readonly enum?: EnumSpec; readonly description: string }>
  >;
}

/** A reference to one other record (an athlete's country). */
export interface OneField<R extends EntityRecord = EntityRecord> {
  readonly is: 'one';
  readonly target: Kind;
  readonly description: string;
  readonly read: (record: R, store: Store) => EntityRecord | null;
  /** The records referring to a target, in display order: the store's index of the inverse relation. */
  readonly inverse?: (store: Store, target: EntityRecord) => View<EntityRecord>;
}

/** Records related to a record (an athlete's results), filtered with `some`, `none` and `every`. */
export interface ManyField<R extends EntityRecord = EntityRecord> {
  readonly is: 'many';
  readonly target: Kind;
  readonly description: string;
  readonly read: (record: R, store: Store) => View<EntityRecord>;
  /** The records a related record belongs to (a result's athlete), for answering `some` from the related side. */
  readonly owners?: (store: Store, related: EntityRecord) => readonly EntityRecord[];
}

export type Field<R extends EntityRecord = EntityRecord> =
  | ScalarField<R>
  | ScalarListField<R>
  | GroupField<R>
  | OneField<R>
  | ManyField<R>;

type Fields<K extends Kind> = Readonly<Record<string, Field<EntityRecord<K>>>>;

const one = (record: EntityRecord | undefined): EntityRecord | null => record ?? null;

const text = <R extends EntityRecord>(
  description: string,
  read: (record: R, store: Store) => string | null,
  index?: ValueIndex<ScalarValue>,
): ScalarField<R> => ({ is: 'scalar', type: 'text', description, read, ...(index ? { index } : {}) });

const number = <R extends EntityRecord>(
  type: 'int' | 'float',
  description: string,
  read: (record: R, store: Store) => number | null,
  index?: ValueIndex<ScalarValue>,
): ScalarField<R> => ({ is: 'scalar', type, description, read, ...(index ? { index } : {}) });

const date = <R extends EntityRecord>(description: string, read: (record: R) => string | null): ScalarField<R> => ({
  is: 'scalar',
  type: 'date',
  description,
  read,
});

const enumerated = <R extends EntityRecord>(
  spec: EnumSpec,
  description: string,
  read: (record: R) => string | null,
  index?: ValueIndex<ScalarValue>,
): ScalarField<R> => ({ is: 'scalar', type: 'enum', enum: spec, description, read, ...(index ? { index } : {}) });

const texts = <R extends EntityRecord>(
  description: string,
  read: (record: R, store: Store) => readonly string[],
  index?: ValueIndex<string>,
): ScalarListField<R> => ({ is: 'scalarList', type: 'text', description, read, ...(index ? { index } : {}) });

const reference = <R extends EntityRecord>(
  target: Kind,
  description: string,
  read: (record: R, store: Store) => EntityRecord | null,
  inverse?: (store: Store, target: EntityRecord) => View<EntityRecord>,
): OneField<R> => ({ is: 'one', target, description, read, ...(inverse ? { inverse } : {}) });

const related = <R extends EntityRecord>(
  target: Kind,
  description: string,
  read: (record: R, store: Store) => View<EntityRecord>,
  owners?: (store: Store, related: EntityRecord) => readonly EntityRecord[],
): ManyField<R> => ({ is: 'many', target, description, read, ...(owners ? { owners } : {}) });

/** Fields every record has: its slug, its descriptions, the reports it cites. */
function common<K extends Kind>(kind: K): Fields<K> {
  return {
    slug: text('The slug: exact with `eq` and `in`.', (record) => record.slug, {
      lookup: (store, value) => {
        const found = store.get(kind, String(value));
        return found ? [found] : [];
      },
    }),
    descriptions: texts('Facts stated in free sentences.', (record) =>
      'description' in record.facts ? (record.facts.description as readonly string[]) : [],
    ),
    sources: related(
      'report',
      'Every report the record or one of its claims cites.',
      (record, store) => store.followAll('report', store.sourcesOf(record)),
      (store, report) =>
        store.entitiesCiting(report as EntityRecord<'report'>).filter((record) => record.kind === kind),
    ),
  };
}

/** Fields every named entity has, beside the common ones. */
function named<K extends Exclude<Kind, 'delegation' | 'result'>>(kind: K): Fields<K> {
  return {
    ...common(kind),
    name: text('The preferred name.', (record) => (record as NamedEntity).facts.name),
    alternateNames: texts('Other names and spellings the sources use.', (record, store) =>
      store.alternateNames(record as NamedEntity),
    ),
    mentionedIn: related(
      'report',
      'Reports about the entity.',
      (record, store) => store.reportsAbout(record),
      (store, report) => store.aboutOf(report as EntityRecord<'report'>).filter((about) => about.kind === kind),
    ),
  };
}

const countryOf = (store: Store, slug: string | null) => one(slug === null ? undefined : store.get('country', slug));

/**
 * What each kind of record can be filtered by, named as its GraphQL fields are: plain values, lists of
 * values, references to one record, and relations to many. Each knows how to read itself from a record
 * through the {@link Store}, and which of the store's indexes answers it without a scan.
 */
export const FIELDS: { readonly [K in Kind]: Fields<K> } = {
  country: {
    ...named('country'),
    code: text('The IOC code, e.g. "PRK".', (country) => country.facts.code, {
      lookup: (store, value) => {
        const found = store.countryByCode(String(value));
        return found && found.facts.code === value ? [found] : [];
      },
    }),
    capital: text('The capital city.', (country) => country.facts.capital),
    athletes: related(
      'athlete',
      'Athletes of the country.',
      (country, store) => store.athletesWhere({ country }),
      (store, athlete) => nonNull(countryOf(store, (athlete as EntityRecord<'athlete'>).facts.country)),
    ),
    organisations: related(
      'organisation',
      'Organisations based in the country.',
      (country, store) => store.organisationsWhere({ country }),
      (store, organisation) => nonNull(countryOf(store, (organisation as EntityRecord<'organisation'>).facts.country)),
    ),
    participations: related(
      'delegation',
      'Every Games the sources list for the country, attended or not.',
      (country, store) => store.participationsOf(country),
      (store, delegation) => nonNull(countryOf(store, (delegation as EntityRecord<'delegation'>).facts.country)),
    ),
  },
  npc: {
    ...named('npc'),
    code: text('The NPC code.', (npc) => npc.facts.code, {
      lookup: (store, value) => {
        const found = store.npcByCode(String(value));
        return found && found.facts.code === value ? [found] : [];
      },
    }),
    country: reference(
      'country',
      'The country the NPC serves.',
      (npc, store) => countryOf(store, npc.facts.country),
      (store, country) => store.npcsOf(country as EntityRecord<'country'>),
    ),
    memberOf: reference('organisation', 'The international body the NPC is a member of.', (npc, store) =>
      store.followNullable('organisation', npc.facts.memberOf),
    ),
    ipcMembership: {
      is: 'group',
      name: 'IpcMembership',
      description: 'Its IPC membership; null where the sources state none.',
      read: (npc) =>
        npc.facts.ipcMembershipStatus === null && npc.facts.ipcMemberSince === null
          ? null
          : { status: npc.facts.ipcMembershipStatus, since: npc.facts.ipcMemberSince },
      fields: {
        status: { type: 'enum', enum: ENUMS.IpcMembershipStatus, description: 'The membership status.' },
        since: { type: 'date', description: 'Since when, as precise as the sources.' },
      },
    },
  },
  games: {
    ...named('games'),
    series: enumerated(ENUMS.GamesSeries, 'Paralympic or Olympic Games.', (games) => games.facts.series),
    year: number('int', 'The year.', (games) => games.facts.year, {
      lookup: (store, value) => store.gamesWhere({ year: Number(value) }),
    }),
    season: enumerated(ENUMS.Season, 'Summer or winter.', (games) => games.facts.season, {
      lookup: (store, value) => store.gamesWhere({ season: String(value) }),
    }),
    edition: number('int', 'The ordinal of the edition within its season.', (games) => games.facts.edition),
    city: text('The host city.', (games) => games.facts.city),
    hostCountry: reference('country', 'The host country.', (games, store) => countryOf(store, games.facts.hostCountry)),
    startDate: date('The opening day, as precise as the sources.', (games) => games.facts.startDate),
    endDate: date('The closing day, as precise as the sources.', (games) => games.facts.endDate),
    venues: texts('The venues.', (games) => games.facts.venue),
    events: related(
      'event',
      'The medal events held at these Games.',
      (games, store) => store.eventsAt(games),
      (store, event) => nonNull(one(store.get('games', (event as EntityRecord<'event'>).facts.games))),
    ),
    participations: related(
      'delegation',
      'The countries the sources place at these Games.',
      (games, store) => store.participationsAt(games),
      (store, delegation) => nonNull(one(store.get('games', (delegation as EntityRecord<'delegation'>).facts.games))),
    ),
  },
  delegation: {
    ...common('delegation'),
    games: reference(
      'games',
      'The Games.',
      (delegation, store) => one(store.get('games', delegation.facts.games)),
      (store, games) => store.participationsAt(games as EntityRecord<'games'>),
    ),
    country: reference(
      'country',
      'The country.',
      (delegation, store) => countryOf(store, delegation.facts.country),
      (store, country) => store.participationsOf(country as EntityRecord<'country'>),
    ),
    npc: reference('npc', 'The NPC that sent the delegation.', (delegation, store) =>
      store.followNullable('npc', delegation.facts.npc),
    ),
    participated: {
      is: 'scalar',
      type: 'boolean',
      description: 'Whether the country took part.',
      read: (delegation) => delegation.facts.participated,
    },
    competitors: number('int', 'How many competed.', (delegation) => delegation.facts.competitors),
    sports: number('int', 'How many sports the delegation entered.', (delegation) => delegation.facts.sports),
    officials: number('int', 'How many officials went.', (delegation) => delegation.facts.officials),
    delegationSize: number('int', 'Everyone sent.', (delegation) => delegation.facts.delegationSize),
    flagbearer: reference('athlete', 'The flagbearer.', (delegation, store) =>
      store.followNullable('athlete', delegation.facts.flagbearer),
    ),
    athletes: related(
      'athlete',
      'Competitors and guides.',
      (delegation, store) => store.followAll('athlete', delegation.facts.athlete),
      (store, athlete) => [...store.delegationsOfAthlete(athlete as EntityRecord<'athlete'>)],
    ),
    medals: {
      is: 'group',
      name: 'Medals',
      description: 'Its medals; null where the country did not take part or no source counts them.',
      read: (delegation, store) => {
        const medals = store.medalsOf(delegation);
        return medals && { gold: medals.gold, silver: medals.silver, bronze: medals.bronze, total: medals.total };
      },
      fields: {
        gold: { type: 'int', description: 'Gold medals.' },
        silver: { type: 'int', description: 'Silver medals.' },
        bronze: { type: 'int', description: 'Bronze medals.' },
        total: { type: 'int', description: 'All medals.' },
      },
    },
  },
  athlete: {
    ...named('athlete'),
    gender: enumerated(ENUMS.Gender, 'Gender, where stated.', (athlete) => athlete.facts.gender),
    country: reference(
      'country',
      'The country the athlete competes for.',
      (athlete, store) => countryOf(store, athlete.facts.country),
      (store, country) => store.athletesWhere({ country: country as EntityRecord<'country'> }),
    ),
    roles: {
      is: 'scalarList',
      type: 'enum',
      enum: ENUMS.AthleteRole,
      description: 'Competitor, guide, or both.',
      read: (athlete) => athlete.facts.role,
    },
    sports: texts('Sports, as named in the sources.', (athlete) => athlete.facts.sport, {
      lookup: (store, value) => store.athletesWhere({ sport: value }),
      folded: true,
    }),
    classifications: texts('Sport classes, e.g. "S6".', (athlete) => athlete.facts.classification),
    results: related(
      'result',
      "The athlete's own results.",
      (athlete, store) => store.resultsOfAthlete(athlete),
      (store, result) => nonNull(one(store.get('athlete', (result as EntityRecord<'result'>).facts.athlete))),
    ),
    guidedResults: related(
      'result',
      'Results of the athletes this one guided.',
      (athlete, store) => store.resultsGuidedBy(athlete),
      (store, result) => {
        const guide = (result as EntityRecord<'result'>).facts.guide;
        return guide === null ? [] : nonNull(one(store.get('athlete', guide)));
      },
    ),
    participations: related(
      'delegation',
      'The delegations the athlete was part of.',
      (athlete, store) => store.delegationsOfAthlete(athlete),
      (store, delegation) => store.followAll('athlete', (delegation as EntityRecord<'delegation'>).facts.athlete),
    ),
  },
  event: {
    ...named('event'),
    sport: text('The sport.', (event) => event.facts.sport, {
      lookup: (store, value) => store.eventsWhere({ sport: String(value) }),
      folded: true,
    }),
    discipline: text('The discipline.', (event) => event.facts.discipline),
    classification: text('The sport class, e.g. "S6".', (event) => event.facts.classification),
    gender: enumerated(ENUMS.EventGender, 'Men, women or mixed.', (event) => event.facts.gender),
    games: reference(
      'games',
      'The Games.',
      (event, store) => one(store.get('games', event.facts.games)),
      (store, games) => store.eventsAt(games as EntityRecord<'games'>),
    ),
    results: related(
      'result',
      'Results in the event.',
      (event, store) => store.resultsOf(event),
      (store, result) => nonNull(one(store.get('event', (result as EntityRecord<'result'>).facts.event))),
    ),
  },
  result: {
    ...common('result'),
    athlete: reference(
      'athlete',
      'The athlete.',
      (result, store) => one(store.get('athlete', result.facts.athlete)),
      (store, athlete) => store.resultsOfAthlete(athlete as EntityRecord<'athlete'>),
    ),
    event: reference(
      'event',
      'The event.',
      (result, store) => one(store.get('event', result.facts.event)),
      (store, event) => store.resultsOf(event as EntityRecord<'event'>),
    ),
    games: reference(
      'games',
      'The Games of the event.',
      (result, store) => one(store.gamesOfResult(result)),
      (store, games) => store.resultsWhere({ games: games as EntityRecord<'games'> }),
    ),
    guide: reference(
      'athlete',
      'The guide.',
      (result, store) => store.followNullable('athlete', result.facts.guide),
      (store, athlete) => store.resultsGuidedBy(athlete as EntityRecord<'athlete'>),
    ),
    round: enumerated(ENUMS.Round, 'The round.', (result) => result.facts.round),
    heat: number('int', 'The heat.', (result) => result.facts.heat),
    heatRank: number('int', 'Place within the heat.', (result) => result.facts.heatRank),
    time: number('float', 'Seconds.', (result) => result.facts.time),
    mark: number('float', 'Metres.', (result) => result.facts.mark),
    status: enumerated(ENUMS.ResultStatus, 'Finished, or why not.', (result) => result.facts.status),
    rank: number('int', 'Place in the round.', (result) => result.facts.rank),
    fieldSize: number('int', 'How many took part in the round ranked.', (result) => result.facts.fieldSize),
  },
  organisation: {
    ...named('organisation'),
    kind: enumerated(
      ENUMS.OrganisationKind,
      'What kind of body it is.',
      (organisation) => organisation.facts.organisationKind,
    ),
    country: reference(
      'country',
      'Where it is based.',
      (organisation, store) => countryOf(store, organisation.facts.country),
      (store, country) => store.organisationsWhere({ country: country as EntityRecord<'country'> }),
    ),
    location: text('The city.', (organisation) => organisation.facts.location),
    parentOrganisation: reference('organisation', 'The body it belongs to.', (organisation, store) =>
      store.followNullable('organisation', organisation.facts.parentOrganisation),
    ),
    areaServed: related('country', 'Countries it works in.', (organisation, store) =>
      store.followAll('country', organisation.facts.areaServed),
    ),
    areaServedSince: date('Since when it has worked there.', (organisation) => organisation.facts.areaServedSince),
    publications: related(
      'report',
      'Reports it published.',
      (organisation, store) => store.reportsPublishedBy(organisation),
      (store, report) =>
        nonNull(store.followNullable('organisation', (report as EntityRecord<'report'>).facts.publisher)),
    ),
  },
  report: {
    ...named('report'),
    kind: enumerated(ENUMS.ReportKind, 'What kind of document it is.', (report) => report.facts.reportKind),
    datePublished: date('When it was published.', (report) => report.facts.datePublished),
    url: text('Where it is published.', (report) => report.facts.url),
    publisher: reference(
      'organisation',
      'Its publisher.',
      (report, store) => store.followNullable('organisation', report.facts.publisher),
      (store, organisation) => store.reportsPublishedBy(organisation as EntityRecord<'organisation'>),
    ),
    citedBy: related('report', 'Reports that cite this one.', (report, store) =>
      store.followAll('report', report.facts.citedBy),
    ),
    cites: related(
      'report',
      'Reports this one cites.',
      (report, store) => store.reportsCitedBy(report),
      (store, cited) => store.followAll('report', (cited as EntityRecord<'report'>).facts.citedBy),
    ),
  },
  person: {
    ...named('person'),
    jobTitles: texts('Job titles.', (person) => person.facts.jobTitle),
    affiliations: related('organisation', 'Organisations the person belongs to.', (person, store) =>
      store.followAll('organisation', person.facts.affiliation),
    ),
    nationality: reference('country', 'Nationality.', (person, store) => countryOf(store, person.facts.nationality)),
    authored: related('report', 'Reports the person wrote.', (person, store) => store.reportsAuthoredBy(person)),
  },
};

function nonNull<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}

/** The fields of a kind, read as fields of any record (each reads only records of its kind). */
export const fieldsOf = (kind: Kind): Readonly<Record<string, Field>> =>
  FIELDS[kind] as unknown as Readonly<Record<string, Field>>;
