import { z } from 'zod';
import {
  count,
  type FactSpecs,
  many,
  metres,
  optional,
  partialDate,
  positiveInt,
  required,
  seconds,
  sportClass,
  text,
  url,
} from './facts.js';

export const KINDS = [
  'country',
  'npc',
  'games',
  'delegation',
  'athlete',
  'event',
  'result',
  'organisation',
  'report',
  'person',
] as const;

export type Kind = (typeof KINDS)[number];

export const GENDERS = ['MALE', 'FEMALE'] as const;
export const EVENT_GENDERS = ['MALE', 'FEMALE', 'MIXED'] as const;
export const SEASONS = ['SUMMER', 'WINTER'] as const;
export const GAMES_SERIES = ['PARALYMPIC_GAMES', 'OLYMPIC_GAMES'] as const;
export const RESULT_STATUSES = ['FINISHED', 'DISQUALIFIED', 'DID_NOT_START', 'DID_NOT_FINISH'] as const;
export const ROUNDS = ['HEATS', 'SEMIFINAL', 'FINAL'] as const;
export const ATHLETE_ROLES = ['COMPETITOR', 'GUIDE'] as const;
export const IPC_MEMBERSHIP_STATUSES = ['PROVISIONAL', 'FULL', 'SUSPENDED'] as const;
export const ORGANISATION_KINDS = [
  'SPORTS',
  'NGO',
  'GOVERNMENT',
  'INTERGOVERNMENTAL',
  'NEWS_MEDIA',
  'EMBASSY',
  'CENTRE',
] as const;
export const REPORT_KINDS = [
  'ENCYCLOPEDIA_ARTICLE',
  'NEWS_ARTICLE',
  'WEB_PAGE',
  'REPORT',
  'STUDY',
  'HEARING',
  'TESTIMONY',
  'STATEMENT',
] as const;

/** Every entity can be named, known by other names and described in free sentences. */
const named = {
  name: required(text),
  alternateName: many(text),
  description: many(text),
} as const;

const agents = ['person', 'organisation'] as const satisfies readonly Kind[];

/**
 * The properties each kind of entity may state in `data/`, one claim list per property. A property
 * not listed here is refused by the loader, so a typo in a data file cannot pass unnoticed.
 */
export const FACTS = {
  country: {
    ...named,
    code: required(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter upper-case IOC code')),
    capital: optional(text),
  },
  npc: {
    ...named,
    code: required(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter upper-case IOC code')),
    country: required(text, ['country']),
    /** The international body whose member the NPC is: the International Paralympic Committee. */
    memberOf: optional(text, ['organisation']),
    ipcMembershipStatus: optional(z.enum(IPC_MEMBERSHIP_STATUSES)),
    ipcMemberSince: optional(partialDate),
  },
  games: {
    ...named,
    series: required(z.enum(GAMES_SERIES)),
    year: required(z.number().int().min(1896).max(2100)),
    season: required(z.enum(SEASONS)),
    edition: optional(positiveInt),
    city: optional(text),
    hostCountry: optional(text, ['country']),
    startDate: optional(partialDate),
    endDate: optional(partialDate),
    venue: many(text),
  },
  delegation: {
    description: many(text),
    country: required(text, ['country']),
    games: required(text, ['games']),
    npc: optional(text, ['npc']),
    participated: required(z.boolean()),
    competitors: optional(count),
    sports: optional(count),
    officials: optional(count),
    delegationSize: optional(count),
    flagbearer: optional(text, ['athlete']),
    athlete: many(text, ['athlete']),
    member: many(text, ['person']),
    goldMedals: optional(count),
    silverMedals: optional(count),
    bronzeMedals: optional(count),
    totalMedals: optional(count),
  },
  athlete: {
    ...named,
    gender: optional(z.enum(GENDERS)),
    country: optional(text, ['country']),
    role: many(z.enum(ATHLETE_ROLES)),
    sport: many(text),
    classification: many(sportClass),
  },
  event: {
    ...named,
    games: required(text, ['games']),
    sport: required(text),
    discipline: optional(text),
    gender: optional(z.enum(EVENT_GENDERS)),
    classification: optional(sportClass),
  },
  result: {
    description: many(text),
    athlete: required(text, ['athlete']),
    event: required(text, ['event']),
    guide: optional(text, ['athlete']),
    round: optional(z.enum(ROUNDS)),
    heat: optional(positiveInt),
    heatRank: optional(positiveInt),
    time: optional(seconds),
    mark: optional(metres),
    status: required(z.enum(RESULT_STATUSES)),
    rank: optional(positiveInt),
    fieldSize: optional(positiveInt),
  },
  organisation: {
    ...named,
    organisationKind: required(z.enum(ORGANISATION_KINDS)),
    country: optional(text, ['country']),
    location: optional(text),
    parentOrganisation: optional(text, ['organisation']),
    /** Countries the organisation works in (schema:areaServed), and since when, as stated. */
    areaServed: many(text, ['country']),
    areaServedSince: optional(partialDate),
  },
  report: {
    ...named,
    reportKind: required(z.enum(REPORT_KINDS)),
    author: many(text, agents),
    publisher: optional(text, ['organisation']),
    datePublished: optional(partialDate),
    url: optional(url),
    about: many(text, ['country', 'npc', 'games', 'athlete', 'event', 'organisation', 'person', 'report']),
    citedBy: many(text, ['report']),
  },
  person: {
    ...named,
    jobTitle: many(text),
    affiliation: many(text, ['organisation']),
    nationality: optional(text, ['country']),
  },
} as const satisfies Record<Kind, FactSpecs>;

export type FactsOf<K extends Kind> = (typeof FACTS)[K];

/** The file under the data directory that holds each kind's records. */
export const DATA_FILES: Readonly<Record<Kind, string>> = {
  country: 'countries.json',
  npc: 'npcs.json',
  games: 'games.json',
  delegation: 'delegations.json',
  athlete: 'athletes.json',
  event: 'events.json',
  result: 'results.json',
  organisation: 'organisations.json',
  report: 'reports.json',
  person: 'people.json',
};
