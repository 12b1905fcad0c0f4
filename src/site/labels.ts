import type {
  ATHLETE_ROLES,
  EVENT_GENDERS,
  FactsOf,
  GAMES_SERIES,
  GENDERS,
  IPC_MEMBERSHIP_STATUSES,
  Kind,
  ORGANISATION_KINDS,
  REPORT_KINDS,
  RESULT_STATUSES,
  ROUNDS,
  SEASONS,
} from '../graph/kinds.js';
import type { ClaimRank } from '../graph/model.js';

type Labels<T extends readonly string[]> = { readonly [V in T[number]]: string };

/**
 * Every word the site shows for the data: kinds, properties and enumerated values. One table per
 * language; the types make a table name every kind, property and value, so a new property without a
 * label is a compile error rather than a raw name on a page.
 */
export interface SiteLabels {
  readonly kinds: { readonly [K in Kind]: { readonly one: string; readonly many: string; readonly about: string } };
  readonly properties: { readonly [K in Kind]: { readonly [P in keyof FactsOf<K>]: string } };
  readonly values: {
    readonly gender: Labels<typeof GENDERS>;
    readonly eventGender: Labels<typeof EVENT_GENDERS>;
    readonly season: Labels<typeof SEASONS>;
    readonly series: Labels<typeof GAMES_SERIES>;
    readonly status: Labels<typeof RESULT_STATUSES>;
    readonly round: Labels<typeof ROUNDS>;
    readonly role: Labels<typeof ATHLETE_ROLES>;
    readonly ipcMembershipStatus: Labels<typeof IPC_MEMBERSHIP_STATUSES>;
    readonly organisationKind: Labels<typeof ORGANISATION_KINDS>;
    readonly reportKind: Labels<typeof REPORT_KINDS>;
    readonly rank: Labels<readonly ClaimRank[]>;
    readonly participated: { readonly true: string; readonly false: string };
  };
}

const NAMED = { name: 'Name', alternateName: 'Also known as', description: 'Description' } as const;

export const ENGLISH: SiteLabels = {
  kinds: {
    country: { one: 'Country', many: 'Countries', about: 'States, with their IOC codes and their Games.' },
    npc: {
      one: 'National Paralympic Committee',
      many: 'National Paralympic Committees',
      about: 'The bodies that send a country to the Paralympics.',
    },
    games: { one: 'Games', many: 'Games', about: 'Editions of the Paralympic and Olympic Games.' },
    delegation: {
      one: 'Delegation',
      many: 'Delegations',
      about: 'One country at one Games: whether it took part, who went, what it won.',
    },
    athlete: { one: 'Athlete', many: 'Athletes', about: 'Competitors and their guides.' },
    event: { one: 'Event', many: 'Events', about: 'Medal events at a Games.' },
    result: {
      one: 'Result',
      many: 'Results',
      about: "One athlete's outcome in one event: time or mark, rank, status.",
    },
    organisation: {
      one: 'Organisation',
      many: 'Organisations',
      about: 'Sports bodies, NGOs, governments, news media and centres.',
    },
    report: {
      one: 'Source',
      many: 'Sources',
      about: 'The documents every fact comes from, and the reports they cite.',
    },
    person: { one: 'Person', many: 'People', about: 'Officials, authors and others named by the sources.' },
  },
  properties: {
    country: { ...NAMED, code: 'IOC code', capital: 'Capital' },
    npc: {
      ...NAMED,
      code: 'Code',
      country: 'Country',
      memberOf: 'Member of',
      ipcMembershipStatus: 'IPC membership',
      ipcMemberSince: 'IPC member since',
    },
    games: {
      ...NAMED,
      series: 'Series',
      year: 'Year',
      season: 'Season',
      edition: 'Edition',
      city: 'Host city',
      hostCountry: 'Host country',
      startDate: 'Opened',
      endDate: 'Closed',
      venue: 'Venue',
    },
    delegation: {
      description: 'Description',
      country: 'Country',
      games: 'Games',
      npc: 'National Paralympic Committee',
      participated: 'Took part',
      competitors: 'Competitors',
      sports: 'Sports',
      officials: 'Officials',
      delegationSize: 'Delegation size',
      flagbearer: 'Flag bearer',
      athlete: 'Athletes',
      member: 'Members',
      goldMedals: 'Gold medals',
      silverMedals: 'Silver medals',
      bronzeMedals: 'Bronze medals',
      totalMedals: 'Medals in all',
    },
    athlete: {
      ...NAMED,
      gender: 'Gender',
      country: 'Country',
      role: 'Role',
      sport: 'Sport',
      classification: 'Sport class',
    },
    event: {
      ...NAMED,
      games: 'Games',
      sport: 'Sport',
      discipline: 'Discipline',
      gender: 'Gender',
      classification: 'Sport class',
    },
    result: {
      description: 'Description',
      athlete: 'Athlete',
      event: 'Event',
      guide: 'Guide',
      round: 'Round',
      heat: 'Heat',
      heatRank: 'Place in heat',
      time: 'Time',
      mark: 'Mark',
      status: 'Status',
      rank: 'Rank',
      fieldSize: 'Field',
    },
    organisation: {
      ...NAMED,
      organisationKind: 'Type',
      country: 'Country',
      location: 'Location',
      parentOrganisation: 'Part of',
      areaServed: 'Works in',
      areaServedSince: 'Working there since',
    },
    report: {
      ...NAMED,
      reportKind: 'Type',
      author: 'Author',
      publisher: 'Publisher',
      datePublished: 'Published',
      url: 'Address',
      about: 'About',
      citedBy: 'Cited by',
    },
    person: { ...NAMED, jobTitle: 'Position', affiliation: 'Affiliation', nationality: 'Nationality' },
  },
  values: {
    gender: { MALE: 'Male', FEMALE: 'Female' },
    eventGender: { MALE: 'Men', FEMALE: 'Women', MIXED: 'Mixed' },
    season: { SUMMER: 'Summer', WINTER: 'Winter' },
    series: { PARALYMPIC_GAMES: 'Paralympic Games', OLYMPIC_GAMES: 'Olympic Games' },
    status: {
      FINISHED: 'Finished',
      DISQUALIFIED: 'Disqualified',
      DID_NOT_START: 'Did not start',
      DID_NOT_FINISH: 'Did not finish',
    },
    round: { HEATS: 'Heats', SEMIFINAL: 'Semi-final', FINAL: 'Final' },
    role: { COMPETITOR: 'Competitor', GUIDE: 'Guide' },
    ipcMembershipStatus: { PROVISIONAL: 'Provisional', FULL: 'Full', SUSPENDED: 'Suspended' },
    organisationKind: {
      SPORTS: 'Sports body',
      NGO: 'Non-governmental organisation',
      GOVERNMENT: 'Government body',
      INTERGOVERNMENTAL: 'Intergovernmental organisation',
      NEWS_MEDIA: 'News organisation',
      EMBASSY: 'Embassy',
      CENTRE: 'Centre',
    },
    reportKind: {
      ENCYCLOPEDIA_ARTICLE: 'Encyclopedia article',
      NEWS_ARTICLE: 'News article',
      WEB_PAGE: 'Web page',
      REPORT: 'Report',
      STUDY: 'Study',
      HEARING: 'Hearing',
      TESTIMONY: 'Testimony',
      STATEMENT: 'Statement',
    },
    rank: { preferred: 'preferred', normal: 'also stated', deprecated: 'deprecated' },
    participated: { true: 'Yes', false: 'No' },
  },
};

/** The label tables by language tag; pages are English for now. */
export const LABELS = { en: ENGLISH } as const satisfies Record<string, SiteLabels>;
export type Language = keyof typeof LABELS;

/** The label of a property of a kind, or the property's own name where a table has none (never for known ones). */
export function propertyLabel(labels: SiteLabels, kind: Kind, property: string): string {
  const table = labels.properties[kind] as Readonly<Record<string, string>>;
  return table[property] ?? property;
}

/** The properties whose values are enumerated, and the table that names their values, per kind. */
export function valueLabel(labels: SiteLabels, kind: Kind, property: string, value: string): string | undefined {
  const tables: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    gender: kind === 'event' ? labels.values.eventGender : labels.values.gender,
    season: labels.values.season,
    series: labels.values.series,
    status: labels.values.status,
    round: labels.values.round,
    role: labels.values.role,
    ipcMembershipStatus: labels.values.ipcMembershipStatus,
    organisationKind: labels.values.organisationKind,
    reportKind: labels.values.reportKind,
    participated: labels.values.participated,
  };
  return tables[property]?.[value];
}
