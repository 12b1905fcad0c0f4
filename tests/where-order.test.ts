import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runGenerate } from '../src/cli/generate.js';
import { GraphStore } from '../src/graph/graph-store.js';
import {
  EVENT_GENDERS,
  GAMES_SERIES,
  GENDERS,
  type Kind,
  ORGANISATION_KINDS,
  REPORT_KINDS,
  RESULT_STATUSES,
  ROUNDS,
  SEASONS,
} from '../src/graph/kinds.js';
import { compileGraph, loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import type { EntityRecord } from '../src/graph/model.js';
import { type Cluster, startCluster } from '../src/graph/postgres/cluster.js';
import { loadIntoPostgres } from '../src/graph/postgres/load.js';
import { PostgresSource } from '../src/graph/postgres/source.js';
import { openCompiled } from '../src/graph/snapshot/read.js';
import type { Store } from '../src/graph/store.js';
import { type App, createApp } from '../src/yoga.js';
import type { Data } from './helpers.js';

/*
 * `where` and `orderBy` against a reference written plainly over the same store: every record of
 * the kind read in turn, relations found by scanning the other kind (never through an index), the
 * filter applied by a small interpreter, the order by Array.sort. Pages are walked through the API,
 * forward and backward, and must give exactly the reference's list, with the right totalCount and
 * page info on every page. Every store backend is walked: the in-memory graph, the compiled
 * snapshot (which also answers the reference's reads) and PostgreSQL (a throw-away cluster on loopback).
 */

type Value = string | number | boolean | null;
type Filter = Record<string, unknown>;

const collator = new Intl.Collator('en');
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** How the reference reads one field, and what the generator may ask of it. */
type RefField =
  | { is: 'text' | 'int' | 'float' | 'date'; read: (record: EntityRecord) => Value }
  | { is: 'enum'; values: readonly string[]; read: (record: EntityRecord) => Value }
  | { is: 'texts'; read: (record: EntityRecord) => readonly string[] }
  | { is: 'one'; kind: Kind; read: (record: EntityRecord) => EntityRecord | null }
  | { is: 'many'; kind: Kind; read: (record: EntityRecord) => EntityRecord[] }
  | {
      is: 'group';
      parts: Record<string, 'int' | 'date' | readonly string[]>;
      read: (record: EntityRecord) => Filter | null;
    };

/** The snapshot store: the reference reads it (a plain scan, never an index). */
let store: Store;
/** The API over each store backend. */
let apps: { readonly name: string; readonly app: App; readonly store: Store }[];
let dir: string;
let cluster: Cluster;

const facts = (record: EntityRecord) => record.facts as Record<string, unknown>;
const fact = (name: string) => (record: EntityRecord) => (facts(record)[name] ?? null) as Value;
const target = (kind: Kind, name: string) => (record: EntityRecord) => {
  const slug = facts(record)[name];
  return typeof slug === 'string' ? (store.get(kind, slug) ?? null) : null;
};
/** The records of `kind` whose fact `name` names the record: a scan, not an index. */
const pointingAt = (kind: Kind, name: string) => (record: EntityRecord) =>
  [...store.all(kind)].filter((other) => facts(other)[name] === record.slug);

/** The records of `kind` whose list fact `name` holds the record's slug: a scan, not an index. */
const pointingAtList = (kind: Kind, name: string) => (record: EntityRecord) =>
  [...store.all(kind)].filter((other) => (facts(other)[name] as string[]).includes(record.slug));

/** The reports a record cites, for itself or for any of its claims: read from the record, not an index. */
const citedReports = (record: EntityRecord) => {
  const slugs = new Set([
    ...record.citations.map((citation) => citation.report),
    ...record.claims.flatMap((claim) => claim.citations.map((citation) => citation.report)),
  ]);
  return [...slugs].flatMap((slug) => store.get('report', slug) ?? []);
};

/** The records of `kind` each slug of the list fact `name` names. */
const targets = (kind: Kind, name: string) => (record: EntityRecord) =>
  (facts(record)[name] as string[]).flatMap((slug) => store.get(kind, slug) ?? []);

/** Other names: stated alternate names, then other spellings claimed, less the preferred name. */
const alternateNames = (record: EntityRecord) => {
  const name = facts(record).name;
  const spellings = record.claims
    .filter((claim) => claim.property === 'name' && !claim.preferred && claim.rank !== 'deprecated')
    .flatMap((claim) => (typeof claim.value === 'string' ? [claim.value] : []));
  return [...new Set([...(facts(record).alternateName as string[]), ...spellings])].filter((other) => other !== name);
};

/** A delegation's medals from its facts; none where it did not take part or a count is missing. */
const medals = (record: EntityRecord): Filter | null => {
  const { participated, goldMedals, silverMedals, bronzeMedals, totalMedals } = facts(record) as Record<string, number>;
  if (!participated || goldMedals == null || silverMedals == null || bronzeMedals == null) return null;
  return {
    gold: goldMedals,
    silver: silverMedals,
    bronze: bronzeMedals,
    total: totalMedals ?? goldMedals + silverMedals + bronzeMedals,
  };
};

const REFERENCE: Partial<Record<Kind, Record<string, RefField>>> = {
  athlete: {
    slug: { is: 'text', read: (record) => record.slug },
    name: { is: 'text', read: fact('name') },
    alternateNames: { is: 'texts', read: alternateNames },
    participations: { is: 'many', kind: 'delegation', read: pointingAtList('delegation', 'athlete') },
    gender: { is: 'enum', values: GENDERS, read: fact('gender') },
    sports: { is: 'texts', read: (record) => facts(record).sport as string[] },
    country: { is: 'one', kind: 'country', read: target('country', 'country') },
    results: { is: 'many', kind: 'result', read: pointingAt('result', 'athlete') },
    classifications: { is: 'texts', read: (record) => facts(record).classification as string[] },
    sources: { is: 'many', kind: 'report', read: citedReports },
  },
  result: {
    slug: { is: 'text', read: (record) => record.slug },
    rank: { is: 'int', read: fact('rank') },
    time: { is: 'float', read: fact('time') },
    mark: { is: 'float', read: fact('mark') },
    status: { is: 'enum', values: RESULT_STATUSES, read: fact('status') },
    round: { is: 'enum', values: ROUNDS, read: fact('round') },
    athlete: { is: 'one', kind: 'athlete', read: target('athlete', 'athlete') },
    event: { is: 'one', kind: 'event', read: target('event', 'event') },
    heat: { is: 'int', read: fact('heat') },
    sources: { is: 'many', kind: 'report', read: citedReports },
  },
  event: {
    name: { is: 'text', read: fact('name') },
    sport: { is: 'text', read: fact('sport') },
    gender: { is: 'enum', values: EVENT_GENDERS, read: fact('gender') },
    games: { is: 'one', kind: 'games', read: target('games', 'games') },
    results: { is: 'many', kind: 'result', read: pointingAt('result', 'event') },
  },
  games: {
    year: { is: 'int', read: fact('year') },
    season: { is: 'enum', values: SEASONS, read: fact('season') },
    series: { is: 'enum', values: GAMES_SERIES, read: fact('series') },
    city: { is: 'text', read: fact('city') },
    startDate: { is: 'date', read: fact('startDate') },
    events: { is: 'many', kind: 'event', read: pointingAt('event', 'games') },
    hostCountry: { is: 'one', kind: 'country', read: target('country', 'hostCountry') },
  },
  delegation: {
    competitors: { is: 'int', read: fact('competitors') },
    games: { is: 'one', kind: 'games', read: target('games', 'games') },
    npc: { is: 'one', kind: 'npc', read: target('npc', 'npc') },
    flagbearer: { is: 'one', kind: 'athlete', read: target('athlete', 'flagbearer') },
    athletes: { is: 'many', kind: 'athlete', read: targets('athlete', 'athlete') },
    medals: { is: 'group', parts: { gold: 'int', silver: 'int', bronze: 'int', total: 'int' }, read: medals },
  },
  npc: {
    name: { is: 'text', read: fact('name') },
    alternateNames: { is: 'texts', read: alternateNames },
    memberOf: { is: 'one', kind: 'organisation', read: target('organisation', 'memberOf') },
    country: { is: 'one', kind: 'country', read: target('country', 'country') },
  },
  person: {
    name: { is: 'text', read: fact('name') },
    alternateNames: { is: 'texts', read: alternateNames },
    affiliations: { is: 'many', kind: 'organisation', read: targets('organisation', 'affiliation') },
    nationality: { is: 'one', kind: 'country', read: target('country', 'nationality') },
    authored: {
      is: 'many',
      kind: 'report',
      read: (person) =>
        [...store.all('report')].filter((report) =>
          (facts(report).author as string[]).includes(`person/${person.slug}`),
        ),
    },
  },
  country: {
    code: { is: 'text', read: fact('code') },
    name: { is: 'text', read: fact('name') },
    athletes: { is: 'many', kind: 'athlete', read: pointingAt('athlete', 'country') },
  },
  organisation: {
    name: { is: 'text', read: fact('name') },
    kind: { is: 'enum', values: ORGANISATION_KINDS, read: fact('organisationKind') },
    areaServedSince: { is: 'date', read: fact('areaServedSince') },
    country: { is: 'one', kind: 'country', read: target('country', 'country') },
    publications: { is: 'many', kind: 'report', read: pointingAt('report', 'publisher') },
    parentOrganisation: { is: 'one', kind: 'organisation', read: target('organisation', 'parentOrganisation') },
    areaServed: { is: 'many', kind: 'country', read: targets('country', 'areaServed') },
  },
  report: {
    name: { is: 'text', read: fact('name') },
    kind: { is: 'enum', values: REPORT_KINDS, read: fact('reportKind') },
    datePublished: { is: 'date', read: fact('datePublished') },
    publisher: { is: 'one', kind: 'organisation', read: target('organisation', 'publisher') },
    citedBy: { is: 'many', kind: 'report', read: targets('report', 'citedBy') },
  },
};

const lastDay = (date: string) => {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [year, month] = date.split('-').map(Number) as [number, number];
    return `${date}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return date;
};
const firstDay = (date: string) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);

function scalarHolds(field: RefField, filter: Filter, value: Value): boolean {
  for (const [operator, wanted] of Object.entries(filter)) {
    if (wanted == null) continue;
    const v = value;
    const ok = (() => {
      switch (operator) {
        case 'isNull':
          return (v === null) === wanted;
        case 'eq':
          return v === wanted;
        case 'in':
          return v !== null && (wanted as Value[]).includes(v);
        case 'contains':
          return v !== null && fold(String(v)).includes(fold(String(wanted)));
        case 'startsWith':
          return v !== null && fold(String(v)).startsWith(fold(String(wanted)));
      }
      if (v === null) return false;
      if (field.is === 'date') {
        const bound = String(wanted);
        const date = String(v);
        if (operator === 'lt') return lastDay(date) < firstDay(bound);
        if (operator === 'lte') return lastDay(date) <= lastDay(bound);
        if (operator === 'gt') return firstDay(date) > lastDay(bound);
        return firstDay(date) >= firstDay(bound);
      }
      const [a, b] = [Number(v), Number(wanted)];
      return operator === 'lt' ? a < b : operator === 'lte' ? a <= b : operator === 'gt' ? a > b : a >= b;
    })();
    if (!ok) return false;
  }
  return true;
}

/** The reference interpreter of a `where`. */
function holds(kind: Kind, where: Filter, record: EntityRecord): boolean {
  for (const [name, filter] of Object.entries(where)) {
    if (filter == null) continue;
    if (name === 'AND' && !(filter as Filter[]).every((part) => holds(kind, part, record))) return false;
    if (name === 'OR' && !(filter as Filter[]).some((part) => holds(kind, part, record))) return false;
    if (name === 'NOT' && holds(kind, filter as Filter, record)) return false;
    if (name === 'AND' || name === 'OR' || name === 'NOT') continue;
    const field = REFERENCE[kind]?.[name] as RefField;
    const inner = (part: unknown, item: unknown): boolean =>
      field.is === 'texts'
        ? scalarHolds({ is: 'text', read: () => null }, part as Filter, item as string)
        : holds((field as { kind: Kind }).kind, part as Filter, item as EntityRecord);
    const quantified = (items: readonly unknown[]) => {
      const { some, none, every } = filter as { some?: unknown; none?: unknown; every?: unknown };
      return (
        (some == null || items.some((item) => inner(some, item))) &&
        (none == null || !items.some((item) => inner(none, item))) &&
        (every == null || items.every((item) => inner(every, item)))
      );
    };
    let ok: boolean;
    if (field.is === 'group') {
      const { isNull, ...parts } = filter as Filter;
      const value = field.read(record);
      ok =
        (isNull == null || (value === null) === isNull) &&
        Object.entries(parts).every(
          ([part, inner]) =>
            inner == null ||
            (value !== null &&
              scalarHolds({ is: 'int', read: () => null }, inner as Filter, (value[part] ?? null) as Value)),
        );
    } else if (field.is === 'texts' || field.is === 'many') ok = quantified(field.read(record));
    else if (field.is === 'one') {
      const related = field.read(record);
      ok = related !== null && holds(field.kind, filter as Filter, related);
    } else ok = scalarHolds(field, filter as Filter, field.read(record));
    if (!ok) return false;
  }
  return true;
}

const nameOf = (record: EntityRecord | null): Value => (record ? String(facts(record).name) : null);

/** Order fields the reference knows, with how it reads and compares them. */
const ORDERS: Partial<
  Record<Kind, Record<string, { read: (record: EntityRecord) => Value; values?: readonly string[] }>>
> = {
  athlete: {
    NAME: { read: fact('name') },
    GENDER: { read: fact('gender'), values: GENDERS },
    COUNTRY_NAME: {
      read: (record) => (target('country', 'country')(record)?.facts as { name?: string })?.name ?? null,
    },
  },
  result: {
    RANK: { read: fact('rank') },
    TIME: { read: fact('time') },
    MARK: { read: fact('mark') },
    STATUS: { read: fact('status'), values: RESULT_STATUSES },
    ROUND: { read: fact('round'), values: ROUNDS },
    ATHLETE_NAME: { read: (record) => nameOf(target('athlete', 'athlete')(record)) },
  },
  event: { NAME: { read: fact('name') }, SPORT: { read: fact('sport') } },
  games: {
    YEAR: { read: fact('year') },
    START_DATE: { read: fact('startDate') },
    SEASON: { read: fact('season'), values: SEASONS },
    CITY: { read: fact('city') },
  },
  country: { NAME: { read: fact('name') }, CODE: { read: fact('code') } },
  organisation: {
    NAME: { read: fact('name') },
    KIND: { read: fact('organisationKind'), values: ORGANISATION_KINDS },
    AREA_SERVED_SINCE: { read: fact('areaServedSince') },
  },
  report: {
    DATE_PUBLISHED: { read: fact('datePublished') },
    NAME: { read: fact('name') },
    KIND: { read: fact('reportKind'), values: REPORT_KINDS },
  },
  delegation: { COMPETITORS: { read: fact('competitors') }, OFFICIALS: { read: fact('officials') } },
  npc: { NAME: { read: fact('name') }, CODE: { read: fact('code') } },
  person: { NAME: { read: fact('name') } },
};

type Order = { field: string; direction: 'ASC' | 'DESC' };

function compareBy(kind: Kind, orderBy: readonly Order[]) {
  return (a: EntityRecord, b: EntityRecord): number => {
    for (const { field, direction } of orderBy) {
      const spec = ORDERS[kind]?.[field];
      if (!spec) throw new Error(`no reference order ${field}`);
      const [x, y] = [spec.read(a), spec.read(b)];
      let order: number;
      if (x === null || y === null) order = x === y ? 0 : x === null ? 1 : -1;
      else if (spec.values) order = spec.values.indexOf(String(x)) - spec.values.indexOf(String(y));
      else if (typeof x === 'number') order = x - Number(y);
      else if (/^\d{4}(-\d\d)?(-\d\d)?$/.test(String(x))) order = x < y ? -1 : x > y ? 1 : 0;
      else order = collator.compare(String(x), String(y));
      if (order !== 0) return direction === 'DESC' ? -order : order;
    }
    return collator.compare(a.slug, b.slug);
  };
}

/** What the reference says a list holds, in order. */
function expected(kind: Kind, records: readonly EntityRecord[], where: Filter | null, orderBy: readonly Order[]) {
  const kept = records.filter((record) => where === null || holds(kind, where, record));
  return (orderBy.length === 0 ? kept : [...kept].sort(compareBy(kind, orderBy))).map((record) => record.slug);
}

/** Values of a field as the data holds them, to build filters that match something. */
function valuesOf(kind: Kind, name: string): Value[] {
  const field = REFERENCE[kind]?.[name] as RefField;
  const values = new Set<Value>();
  for (const record of store.all(kind)) {
    if (field.is === 'texts') for (const value of field.read(record)) values.add(value);
    else if (field.is !== 'one' && field.is !== 'many' && field.is !== 'group') values.add(field.read(record));
  }
  return [...values];
}

function scalarFilter(kind: Kind, name: string, field: RefField): fc.Arbitrary<Filter> {
  const present = valuesOf(kind, name).filter((value) => value !== null);
  const some = <T>(values: readonly T[], other: fc.Arbitrary<T>) =>
    values.length > 0 ? fc.oneof(fc.constantFrom(...values), other) : other;
  const operators: Record<string, fc.Arbitrary<unknown>> = {};
  switch (field.is) {
    case 'text':
    case 'texts': {
      const text = some(present as string[], fc.string({ maxLength: 4 }));
      operators.eq = text;
      operators.in = fc.array(text, { maxLength: 3 });
      operators.contains = text.map((value) => value.slice(1, 4));
      operators.startsWith = text.map((value) => value.slice(0, 3).toUpperCase());
      break;
    }
    case 'enum':
      operators.eq = fc.constantFrom(...field.values);
      operators.in = fc.subarray([...field.values]);
      break;
    case 'int':
    case 'float': {
      const number = some(
        present as number[],
        field.is === 'int' ? fc.integer({ min: -2, max: 3000 }) : fc.double({ min: 0, max: 300, noNaN: true }),
      );
      for (const operator of ['eq', 'lt', 'lte', 'gt', 'gte']) operators[operator] = number;
      operators.in = fc.array(number, { maxLength: 3 });
      break;
    }
    case 'date': {
      const date = some(
        (present as string[]).flatMap((value) => [value, value.slice(0, 4), value.slice(0, 7)]),
        fc.constantFrom('2006', '2012-08', '2016-09-07'),
      );
      for (const operator of ['eq', 'lt', 'lte', 'gt', 'gte']) operators[operator] = date;
      operators.in = fc.array(date, { maxLength: 2 });
      break;
    }
    default:
      break;
  }
  const one = fc.oneof(
    ...Object.entries(operators).map(([operator, value]) => value.map((wanted) => ({ [operator]: wanted }))),
    fc.boolean().map((isNull) => ({ isNull })),
  );
  // Mostly one predicate, sometimes two (which must both hold).
  return fc.oneof(
    { weight: 4, arbitrary: one },
    { weight: 1, arbitrary: fc.tuple(one, one).map(([a, b]) => ({ ...a, ...b })) },
  );
}

function whereOf(kind: Kind, depth: number): fc.Arbitrary<Filter> {
  const fields = Object.entries(REFERENCE[kind] ?? {}).filter(
    ([, field]) => depth > 0 || (field.is !== 'one' && field.is !== 'many'),
  );
  const entry = fc.constantFrom(...fields).chain(([name, field]): fc.Arbitrary<Filter> => {
    switch (field.is) {
      case 'one':
        return whereOf(field.kind, depth - 1).map((inner) => ({ [name]: inner }));
      case 'many':
        return fc
          .record(
            {
              some: whereOf(field.kind, depth - 1),
              none: whereOf(field.kind, depth - 1),
              every: whereOf(field.kind, depth - 1),
            },
            { requiredKeys: [] },
          )
          .map((inner) => ({ [name]: inner }));
      case 'group': {
        const numbers = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 }));
        const bound = fc.oneof(
          ...['eq', 'lt', 'lte', 'gt', 'gte'].map((operator) => numbers.map((wanted) => ({ [operator]: wanted }))),
          fc.boolean().map((isNull) => ({ isNull })),
        );
        return fc
          .oneof(
            fc.boolean().map((isNull): Filter => ({ isNull })),
            fc
              .constantFrom(...Object.keys(field.parts))
              .chain((part) => bound.map((inner): Filter => ({ [part]: inner }))),
          )
          .map((inner) => ({ [name]: inner }));
      }
      case 'texts':
        return fc
          .record(
            { some: scalarFilter(kind, name, field), none: scalarFilter(kind, name, field) },
            { requiredKeys: [] },
          )
          .map((inner) => ({ [name]: inner }));
      default:
        return scalarFilter(kind, name, field).map((inner) => ({ [name]: inner }));
    }
  });
  const combined: fc.Arbitrary<Filter> =
    depth > 0
      ? fc.oneof(
          { weight: 4, arbitrary: entry },
          {
            weight: 1,
            arbitrary: fc.array(whereOf(kind, depth - 1), { maxLength: 2 }).map((parts) => ({ AND: parts })),
          },
          {
            weight: 1,
            arbitrary: fc.array(whereOf(kind, depth - 1), { maxLength: 2 }).map((parts) => ({ OR: parts })),
          },
          { weight: 1, arbitrary: whereOf(kind, depth - 1).map((inner) => ({ NOT: inner })) },
        )
      : entry;
  return fc.oneof(
    { weight: 3, arbitrary: combined },
    { weight: 1, arbitrary: fc.tuple(combined, combined).map(([a, b]) => ({ ...a, ...b })) },
  );
}

const orderOf = (kind: Kind): fc.Arbitrary<Order[]> =>
  fc.array(
    fc.record({
      field: fc.constantFrom(...Object.keys(ORDERS[kind] ?? {})),
      direction: fc.constantFrom('ASC' as const, 'DESC' as const),
    }),
    { maxLength: 3 },
  );

const TYPES: Partial<Record<Kind, string>> = {
  athlete: 'Athlete',
  result: 'Result',
  event: 'Event',
  games: 'Games',
  country: 'Country',
  organisation: 'Organisation',
  report: 'Report',
  delegation: 'Participation',
  npc: 'NPC',
  person: 'Person',
};
const ROOTS: Partial<Record<Kind, string>> = {
  athlete: 'allAthletes',
  result: 'allResults',
  event: 'allEvents',
  games: 'allGames',
  country: 'allCountries',
  organisation: 'allOrganisations',
  report: 'allReports',
  delegation: 'allParticipations',
  npc: 'allNpcs',
  person: 'allPeople',
};

async function ask(app: App, query: string, variables: Record<string, unknown>): Promise<Data> {
  const response = await app.fetch('http://yoga.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (result.errors) throw new Error(`${JSON.stringify(result.errors)} for ${JSON.stringify(variables)}`);
  return result.data;
}

const PAGE = `totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { slug: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * Walks a connection page by page, forward (first/after) or backward (last/before), checking each
 * page against the reference list; returns the slugs seen, in list order.
 */
async function walk(
  fetchPage: (args: Record<string, unknown>) => Promise<Connection>,
  want: readonly string[],
  size: number,
  backward: boolean,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages <= want.length + 1; pages++) {
    const page: Connection = await fetchPage(
      backward ? { last: size, before: cursor } : { first: size, after: cursor },
    );
    expect(page.totalCount).toBe(want.length);
    const slugs = page.edges.map((edge) => edge.node.slug);
    if (backward) seen.unshift(...slugs);
    else seen.push(...slugs);
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    const before = backward ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    // Behind the cursor lies at least the item it points at.
    expect(before).toBe(cursor !== null);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!more) break;
    expect(slugs).toHaveLength(size);
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
  expect(seen).toEqual(want);
  return seen;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paralympics-where-'));
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    expect(await runGenerate(['--scale', '10', '--out', dir])).toBe(0);
  } finally {
    quiet.mockRestore();
  }
  store = await loadGraph(dir);
  cluster = await startCluster();
  const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
  try {
    await loadIntoPostgres(sql, openCompiled(await compileGraph(dir)));
  } finally {
    await sql.end();
  }
  const stores = {
    memory: await loadMemoryGraph(dir),
    snapshot: store,
    postgres: new GraphStore(await PostgresSource.open(cluster.url)),
  };
  apps = Object.entries(stores).map(([name, backend]) => ({
    name,
    store: backend,
    app: createApp({ store: backend }),
  }));
}, 120_000);

afterAll(async () => {
  for (const { name, store: backend } of apps ?? []) if (name !== 'snapshot') await backend.close();
  await store?.close();
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
}, 30_000);

/** Walks the same list on every store backend, each against the reference. */
async function walkEverywhere(
  fetchPage: (app: App, args: Record<string, unknown>) => Promise<Connection>,
  want: readonly string[],
  size: number,
  backward: boolean,
): Promise<void> {
  for (const { name, app } of apps) {
    await walk((args) => fetchPage(app, args), want, size, backward).catch((error: Error) => {
      error.message = `${name}: ${error.message}`;
      throw error;
    });
  }
}

describe('where and orderBy on root connections, against a plain reference', () => {
  for (const kind of Object.keys(ROOTS) as Kind[]) {
    it(`${ROOTS[kind]}: every generated filter and order, every page, both ways`, async () => {
      const type = TYPES[kind] as string;
      const query = `query($where: ${type}Where, $orderBy: [${type}Order!], $first: Int, $after: String, $last: Int, $before: String) {
        list: ${ROOTS[kind]}(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) { ${PAGE} }
      }`;
      await fc.assert(
        fc.asyncProperty(
          fc.option(whereOf(kind, 2), { nil: null }),
          orderOf(kind),
          fc.integer({ min: 1, max: 40 }),
          fc.boolean(),
          async (where, orderBy, size, backward) => {
            const want = expected(kind, [...store.all(kind)], where, orderBy);
            const fetchPage = async (app: App, args: Record<string, unknown>) =>
              (await ask(app, query, { where, orderBy, ...args })).list as Connection;
            await walkEverywhere(fetchPage, want, size, backward);
          },
        ),
        { numRuns: 60 },
      );
    }, 120_000);
  }
});

describe('filters over ids on PostgreSQL', () => {
  it("answers the issue's example from whole columns and relations, in a few round trips", async () => {
    const postgresApp = apps.find((each) => each.name === 'postgres');
    if (!postgresApp) throw new Error('no PostgreSQL store');
    expect(postgresApp.store.ids).toBeDefined();
    const source = await PostgresSource.open(cluster.url, { max: 1 });
    try {
      const app = createApp({ store: new GraphStore(source) });
      const where = { results: { some: { event: { games: { year: { eq: 2012 } } } } } };
      const want = expected('athlete', [...store.all('athlete')], where, []);
      const query = `query($where: AthleteWhere) { list: allAthletes(where: $where, first: 5) { ${PAGE} } }`;
      const before = source.counts.roundTrips;
      const page = (await ask(app, query, { where })).list as Connection;
      expect(page.totalCount).toBe(want.length);
      expect(page.edges.map((edge) => edge.node.slug)).toEqual(want.slice(0, 5));
      // Columns and relations in one round trip, then the page's records (and what they name).
      expect(source.counts.roundTrips - before).toBeLessThanOrEqual(4);
      const again = source.counts.roundTrips;
      await ask(app, query, { where });
      expect(source.counts.roundTrips).toBe(again);
    } finally {
      await source.close();
    }
  }, 60_000);
});

describe('where and orderBy on nested connections, against a plain reference', () => {
  it('Country.athletes', async () => {
    const countries = [...store.all('country')].slice(0, 12);
    const query = `query($code: String!, $where: AthleteWhere, $orderBy: [AthleteOrder!], $first: Int, $after: String, $last: Int, $before: String) {
      country(code: $code) { list: athletes(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }
    }`;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...countries),
        fc.option(whereOf('athlete', 2), { nil: null }),
        orderOf('athlete'),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        async (country, where, orderBy, size, backward) => {
          const base = [...store.all('athlete')].filter((athlete) => athlete.facts.country === country.slug);
          const want = expected('athlete', base, where, orderBy);
          const code = (country.facts as { code: string }).code;
          const fetchPage = async (app: App, args: Record<string, unknown>) =>
            (await ask(app, query, { code, where, orderBy, ...args })).country.list as Connection;
          await walkEverywhere(fetchPage, want, size, backward);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('Event.results', async () => {
    const query = `query($slug: String!, $where: ResultWhere, $orderBy: [ResultOrder!], $first: Int, $after: String, $last: Int, $before: String) {
      event(slug: $slug) { list: results(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }
    }`;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...store.all('event')),
        fc.option(whereOf('result', 2), { nil: null }),
        orderOf('result'),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        async (event, where, orderBy, size, backward) => {
          const base = [...store.all('result')].filter((result) => result.facts.event === event.slug);
          const want = expected('result', base, where, orderBy);
          const fetchPage = async (app: App, args: Record<string, unknown>) =>
            (await ask(app, query, { slug: event.slug, where, orderBy, ...args })).event.list as Connection;
          await walkEverywhere(fetchPage, want, size, backward);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('where and orderBy on Report.supports (records of every type), against a plain reference', () => {
  const TYPE_OF: Record<string, Kind> = {
    COUNTRY: 'country',
    NPC: 'npc',
    GAMES: 'games',
    PARTICIPATION: 'delegation',
    ATHLETE: 'athlete',
    EVENT: 'event',
    RESULT: 'result',
    ORGANISATION: 'organisation',
    REPORT: 'report',
    PERSON: 'person',
  };
  const KIND_ORDER = Object.values(TYPE_OF);
  const nameOfAny = (record: EntityRecord): Value =>
    typeof facts(record).name === 'string' ? (facts(record).name as string) : null;

  /** The reference interpreter of a `SourcedWhere`. */
  function holdsOfAny(where: Filter, record: EntityRecord): boolean {
    for (const [name, filter] of Object.entries(where)) {
      if (filter == null) continue;
      let ok: boolean;
      switch (name) {
        case 'AND':
          ok = (filter as Filter[]).every((part) => holdsOfAny(part, record));
          break;
        case 'OR':
          ok = (filter as Filter[]).some((part) => holdsOfAny(part, record));
          break;
        case 'NOT':
          ok = !holdsOfAny(filter as Filter, record);
          break;
        case 'type': {
          const { eq, in: among } = filter as { eq?: string | null; in?: string[] | null };
          ok =
            (eq == null || TYPE_OF[eq] === record.kind) &&
            (among == null || among.some((type) => TYPE_OF[type] === record.kind));
          break;
        }
        case 'slug':
          ok = scalarHolds({ is: 'text', read: () => null }, filter as Filter, record.slug);
          break;
        case 'name':
          ok = scalarHolds({ is: 'text', read: () => null }, filter as Filter, nameOfAny(record));
          break;
        default: {
          const { some, none, every } = filter as { some?: Filter; none?: Filter; every?: Filter };
          const reports = citedReports(record);
          ok =
            (some == null || reports.some((report) => holds('report', some, report))) &&
            (none == null || !reports.some((report) => holds('report', none, report))) &&
            (every == null || reports.every((report) => holds('report', every, report)));
        }
      }
      if (!ok) return false;
    }
    return true;
  }

  const READ: Record<string, (record: EntityRecord) => Value> = {
    TYPE: (record) => KIND_ORDER.indexOf(record.kind),
    NAME: nameOfAny,
    SLUG: (record) => record.slug,
  };
  function compareAny(orderBy: readonly Order[]) {
    return (a: EntityRecord, b: EntityRecord): number => {
      for (const { field, direction } of orderBy) {
        const [x, y] = [
          (READ[field] as (record: EntityRecord) => Value)(a),
          (READ[field] as (r: EntityRecord) => Value)(b),
        ];
        let order: number;
        if (x === null || y === null) order = x === y ? 0 : x === null ? 1 : -1;
        else if (typeof x === 'number') order = x - Number(y);
        else order = collator.compare(String(x), String(y));
        if (order !== 0) return direction === 'DESC' ? -order : order;
      }
      return collator.compare(a.slug, b.slug) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
    };
  }

  /** Every record citing the report, read from each record (not the citing index), kind by kind in display order. */
  const supporting = (report: EntityRecord) =>
    KIND_ORDER.flatMap((kind) =>
      [...store.all(kind)].filter((record) => citedReports(record).some((cited) => cited.slug === report.slug)),
    );

  function whereOfAny(depth: number, slugs: readonly string[], names: readonly string[]): fc.Arbitrary<Filter> {
    const text = (values: readonly string[]) =>
      fc.oneof(
        fc.constantFrom(...values).map((value) => ({ eq: value })),
        fc.constantFrom(...values).map((value) => ({ contains: value.slice(1, 4) })),
        fc.constantFrom(...values).map((value) => ({ startsWith: value.slice(0, 3).toUpperCase() })),
        fc.array(fc.constantFrom(...values), { maxLength: 3 }).map((values) => ({ in: values })),
        fc.boolean().map((isNull) => ({ isNull })),
      );
    const types = Object.keys(TYPE_OF);
    const entry = fc.oneof(
      fc.oneof(
        fc.constantFrom(...types).map((eq) => ({ type: { eq } })),
        fc.subarray(types).map((among) => ({ type: { in: among } })),
      ),
      text(slugs).map((slug) => ({ slug })),
      text(names).map((name) => ({ name })),
      fc
        .record({ some: whereOf('report', 1), none: whereOf('report', 1) }, { requiredKeys: [] })
        .map((sources) => ({ sources })),
    );
    if (depth === 0) return entry;
    return fc.oneof(
      { weight: 3, arbitrary: entry },
      { weight: 1, arbitrary: fc.tuple(entry, entry).map(([a, b]) => ({ ...a, ...b })) },
      {
        weight: 1,
        arbitrary: fc.array(whereOfAny(depth - 1, slugs, names), { maxLength: 2 }).map((parts) => ({ AND: parts })),
      },
      {
        weight: 1,
        arbitrary: fc.array(whereOfAny(depth - 1, slugs, names), { maxLength: 2 }).map((parts) => ({ OR: parts })),
      },
      { weight: 1, arbitrary: whereOfAny(depth - 1, slugs, names).map((inner) => ({ NOT: inner })) },
    );
  }

  it('every generated filter and order, every page, both ways, on every store', async () => {
    const reports = [...store.all('report')]
      .map((report) => ({ report, list: supporting(report) }))
      .filter(({ list }) => list.length > 0)
      .sort((a, b) => b.list.length - a.list.length);
    // The most cited reports, and a few cited by less.
    const chosen = [...reports.slice(0, 3), ...reports.slice(-3)];
    const records = chosen.flatMap(({ list }) => list);
    const slugs = [...new Set(records.map((record) => record.slug))];
    const names = [...new Set(records.flatMap((record) => nameOfAny(record) ?? []))].map(String);
    const query = `query($slug: String!, $where: SourcedWhere, $orderBy: [SourcedOrder!], $first: Int, $after: String, $last: Int, $before: String) {
      report(slug: $slug) { list: supports(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { __typename ... on Entity { slug } ... on Participation { slug } ... on Result { slug } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      } }
    }`;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...chosen),
        fc.option(whereOfAny(2, slugs, names), { nil: null }),
        fc.array(
          fc.record({
            field: fc.constantFrom('TYPE', 'NAME', 'SLUG'),
            direction: fc.constantFrom('ASC' as const, 'DESC' as const),
          }),
          { maxLength: 3 },
        ),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        async ({ report, list }, where, orderBy, size, backward) => {
          const kept = list.filter((record) => where === null || holdsOfAny(where, record));
          const ordered = orderBy.length === 0 ? kept : [...kept].sort(compareAny(orderBy));
          // Slugs repeat across types: each item is named by its type and slug.
          const want = ordered.map((record) => `${record.kind}/${record.slug}`);
          const fetchPage = async (app: App, args: Record<string, unknown>) => {
            const page = (await ask(app, query, { slug: report.slug, where, orderBy, ...args })).report.list as Omit<
              Connection,
              'edges'
            > & { edges: { cursor: string; node: { __typename: string; slug: string } }[] };
            return {
              ...page,
              edges: page.edges.map(({ cursor, node }) => ({
                cursor,
                node: { slug: `${TYPE_OF[node.__typename.toUpperCase()]}/${node.slug}` },
              })),
            };
          };
          await walkEverywhere(fetchPage, want, size, backward);
        },
      ),
      { numRuns: 50 },
    );
  }, 180_000);
});
