import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareText } from '../src/graph/compare.js';
import { GraphStore } from '../src/graph/graph-store.js';
import { compileGraph, loadMemoryGraph } from '../src/graph/loader.js';
import type { EntityRecord } from '../src/graph/model.js';
import { Bits } from '../src/graph/query/bits.js';
import { DEFAULT_FILTER_CACHE_BYTES, keptFor } from '../src/graph/query/ids.js';
import { openCompiled } from '../src/graph/snapshot/read.js';
import type { GraphSource } from '../src/graph/source.js';
import type { Store } from '../src/graph/store.js';
import { type App, createApp } from '../src/yoga.js';
import { generatedDataDir } from './helpers.js';

/*
 * Filters on the snapshot store are answered over ids (src/graph/query/ids.ts): bitsets, column
 * reads and relation indexes, building only the records of the page. Each source here counts the
 * records it is asked to build; the same questions asked of a store without its ids (answered record
 * by record) build far more, so the bound is one the old way breaks.
 */

const SCALE = 200;
let dir: string;
let reference: Store;
let builds = 0;
let withIds: App;
let withoutIds: App;
let athletes: number;
let compiledGraph: Awaited<ReturnType<typeof compileGraph>>;

/** A source that counts every record asked of it (cache hits included). */
function counting(source: GraphSource): GraphSource {
  return new Proxy(source, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (name === 'record') {
        return (id: number) => {
          builds += 1;
          return target.record(id);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function ask(app: App, query: string, variables: Record<string, unknown> = {}) {
  const response = await app.fetch('http://yoga.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, { totalCount: number; edges: { cursor: string; node: { slug: string } }[] }>;
}

/** The records built to answer one query. */
async function built(app: App, query: string, variables: Record<string, unknown> = {}) {
  builds = 0;
  const data = await ask(app, query, variables);
  return { data, builds };
}

beforeAll(async () => {
  dir = await generatedDataDir(SCALE);
  reference = await loadMemoryGraph(dir);
  const compiled = await compileGraph(dir);
  compiledGraph = compiled;
  const store = new GraphStore(counting(openCompiled(compiled)));
  expect(store.ids).toBeDefined();
  withIds = createApp({ store });
  const plain = new GraphStore(counting(openCompiled(compiled)));
  withoutIds = createApp({
    store: new Proxy(plain, {
      get: (target, name) => {
        if (name === 'ids') return undefined;
        const value: unknown = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }),
  });
  athletes = reference.count('athlete');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PAGE = 20;
/** The page and the one record past it (hasNextPage), and a cursor's binary search both ways. */
const bound = () => 2 * (PAGE + 1) + 4 * Math.ceil(Math.log2(athletes + 1));

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const yearOf = (store: Store, result: EntityRecord<'result'>) => store.gamesOfResult(result)?.facts.year ?? null;

describe('filters answered over ids build only the records of the page', () => {
  const query = `query($where: AthleteWhere, $after: String, $before: String, $first: Int, $last: Int) {
    list: allAthletes(where: $where, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { slug } }
    }
  }`;

  const cases: {
    name: string;
    where: Record<string, unknown>;
    holds: (athlete: EntityRecord<'athlete'>) => boolean;
  }[] = [
    {
      name: "the issue's example: results some event games year 2012",
      where: { results: { some: { event: { games: { year: { eq: 2012 } } } } } },
      holds: (athlete) => [...reference.resultsOfAthlete(athlete)].some((result) => yearOf(reference, result) === 2012),
    },
    {
      name: 'gender (a bitset per value) OR a sport (the sport index)',
      where: { OR: [{ gender: { eq: 'FEMALE' } }, { sports: { some: { eq: 'Swimming' } } }] },
      holds: (athlete) => athlete.facts.gender === 'FEMALE' || athlete.facts.sport.includes('Swimming'),
    },
    {
      name: 'every result ranked, none in 2012 (depth 2, every and none)',
      where: {
        results: { every: { rank: { isNull: false } }, none: { event: { games: { year: { eq: 2012 } } } } },
      },
      holds: (athlete) => {
        const results = [...reference.resultsOfAthlete(athlete)];
        return (
          results.every((result) => result.facts.rank !== null) &&
          !results.some((result) => yearOf(reference, result) === 2012)
        );
      },
    },
  ];

  cases.push(
    {
      name: 'text contains and startsWith (the folded names column)',
      where: { name: { contains: 'JU S' }, NOT: { name: { startsWith: 'kim' } } },
      holds: (athlete) => {
        const name = fold(athlete.facts.name);
        return name.includes('ju s') && !name.startsWith('kim');
      },
    },
    {
      name: 'the athletes a report supports (sources, from the citing index)',
      where: { sources: { some: { slug: { eq: 'north-korea-at-the-paralympics' } } } },
      holds: (athlete) =>
        athlete.citations.some((citation) => citation.report === 'north-korea-at-the-paralympics') ||
        athlete.claims.some((claim) =>
          claim.citations.some((citation) => citation.report === 'north-korea-at-the-paralympics'),
        ),
    },
    {
      name: 'a float range inside a relation (the time column)',
      where: { results: { some: { time: { lt: 40 } } } },
      holds: (athlete) =>
        [...reference.resultsOfAthlete(athlete)].some((result) => result.facts.time !== null && result.facts.time < 40),
    },
  );

  const athletesOf =
    (where: (delegation: EntityRecord<'delegation'>) => boolean) => (athlete: EntityRecord<'athlete'>) =>
      [...reference.delegationsOfAthlete(athlete)].some(where);
  const named = (record: EntityRecord | null | undefined) => record != null && 'name' in record.facts;
  cases.push(
    {
      name: 'alternate names (a text column of every other name)',
      where: { alternateNames: { some: { contains: 'ju song' } } },
      holds: (athlete) => reference.alternateNames(athlete).some((other) => fold(other).includes('ju song')),
    },
    {
      name: "a delegation's flagbearer, NPC's membership and medals (inverses built from the columns)",
      where: {
        participations: {
          some: {
            OR: [
              { flagbearer: { name: { contains: 'a' } } },
              { npc: { memberOf: { name: { contains: 'paralympic' } } } },
              { medals: { total: { gte: 1 } } },
            ],
          },
        },
      },
      holds: athletesOf((delegation) => {
        const flagbearer = reference.followNullable('athlete', delegation.facts.flagbearer);
        const npc = reference.followNullable('npc', delegation.facts.npc);
        const body = npc && reference.followNullable('organisation', npc.facts.memberOf);
        return (
          (flagbearer !== null && fold(flagbearer.facts.name).includes('a')) ||
          (body !== null && fold(body.facts.name).includes('paralympic')) ||
          (reference.medalsOf(delegation)?.total ?? 0) >= 1
        );
      }),
    },
    {
      name: "the delegations' athletes (the athlete-to-delegations relation, from the other side)",
      where: { participations: { some: { athletes: { some: { gender: { eq: 'FEMALE' } } } } } },
      holds: athletesOf((delegation) =>
        reference.followAll('athlete', delegation.facts.athlete).some((member) => member.facts.gender === 'FEMALE'),
      ),
    },
    {
      name: "the Games' host country, depth 3",
      where: { results: { some: { event: { games: { hostCountry: { name: { contains: 'o' } } } } } } },
      holds: (athlete) =>
        [...reference.resultsOfAthlete(athlete)].some((result) => {
          const games = reference.gamesOfResult(result);
          const host = games && reference.followNullable('country', games.facts.hostCountry);
          return host != null && fold(host.facts.name).includes('o');
        }),
    },
    {
      name: "organisations' areas served and parent bodies, through the country",
      where: {
        country: {
          organisations: {
            every: { areaServed: { none: { code: { eq: 'PRK' } } } },
            none: { parentOrganisation: { name: { isNull: false } } },
          },
        },
      },
      holds: (athlete) => {
        const country = reference.followNullable('country', athlete.facts.country);
        if (!country) return false;
        const organisations = [...reference.organisationsWhere({ country })];
        return (
          organisations.every((each) => !each.facts.areaServed.some((slug) => slug === 'north-korea')) &&
          !organisations.some((each) => named(reference.followNullable('organisation', each.facts.parentOrganisation)))
        );
      },
    },
    {
      name: 'sources cited by other reports (the cited-by relation, from the other side)',
      where: { sources: { some: { citedBy: { some: { name: { contains: 'e' } } } } } },
      holds: (athlete) =>
        reference
          .followAll('report', reference.sourcesOf(athlete))
          .some((report) =>
            reference.followAll('report', report.facts.citedBy).some((other) => fold(other.facts.name).includes('e')),
          ),
    },
  );

  for (const { name, where, holds } of cases) {
    it(name, async () => {
      const want = [...reference.all('athlete')].filter(holds).map((athlete) => athlete.slug);
      expect(want.length).toBeGreaterThan(PAGE);
      expect(athletes).toBeGreaterThan(4 * bound());

      const first = await built(withIds, query, { where, first: PAGE });
      expect(first.data.list?.totalCount).toBe(want.length);
      expect(first.data.list?.edges.map((edge) => edge.node.slug)).toEqual(want.slice(0, PAGE));
      expect(first.builds).toBeLessThanOrEqual(bound());

      const after = first.data.list?.edges.at(-1)?.cursor;
      const next = await built(withIds, query, { where, first: PAGE, after });
      expect(next.data.list?.edges.map((edge) => edge.node.slug)).toEqual(want.slice(PAGE, 2 * PAGE));
      expect(next.builds).toBeLessThanOrEqual(bound());

      const before = next.data.list?.edges.at(-1)?.cursor;
      const back = await built(withIds, query, { where, last: PAGE, before });
      expect(back.data.list?.edges.map((edge) => edge.node.slug)).toEqual(want.slice(PAGE - 1, 2 * PAGE - 1));
      expect(back.builds).toBeLessThanOrEqual(bound());

      // The same answers record by record, building more than the bound allows.
      const plain = await built(withoutIds, query, { where, first: PAGE });
      expect(plain.data).toEqual(first.data);
      expect(plain.builds).toBeGreaterThan(bound());
    });
  }

  it('a nested list filtered by gender builds only its page', async () => {
    const country = [...reference.all('country')]
      .map((each) => ({ each, athletes: [...reference.athletesWhere({ country: each })] }))
      .sort((a, b) => b.athletes.length - a.athletes.length)[0];
    if (!country) throw new Error('no country');
    const want = country.athletes.filter((athlete) => athlete.facts.gender === 'MALE').map((athlete) => athlete.slug);
    const nested = `query($code: String!) { country(code: $code) {
      list: athletes(first: ${PAGE}, where: { gender: { eq: MALE } }) { totalCount edges { cursor node { slug } } }
    } }`;
    const { data, builds: count } = await built(withIds, nested, {
      code: (country.each as EntityRecord<'country'>).facts.code,
    });
    const list = (data.country as unknown as { list: { totalCount: number; edges: { node: { slug: string } }[] } })
      .list;
    expect(list.totalCount).toBe(want.length);
    expect(list.edges.map((edge) => edge.node.slug)).toEqual(want.slice(0, PAGE));
    // The country itself, and the page.
    expect(count).toBeLessThanOrEqual(bound());
  });
});

describe('the records a report supports, filtered and ordered over ids', () => {
  it('builds only the page in either order, where record by record every athlete is built', async () => {
    const slug = 'north-korea-at-the-paralympics';
    const report = reference.get('report', slug);
    if (!report) throw new Error('no report');
    const query = `query($where: SourcedWhere, $orderBy: [SourcedOrder!], $after: String) {
      report(slug: "${slug}") { list: supports(where: $where, orderBy: $orderBy, first: ${PAGE}, after: $after) {
        totalCount edges { cursor node { ... on Entity { slug } } }
      } }
    }`;
    const where = { type: { in: ['ATHLETE', 'EVENT'] }, name: { contains: 'ju s' } };
    const passing = [...reference.entitiesCiting(report)].filter(
      (record) =>
        (record.kind === 'athlete' || record.kind === 'event') &&
        fold((record as EntityRecord<'athlete'>).facts.name).includes('ju s'),
    );
    expect(passing.length).toBeGreaterThan(2 * PAGE);
    const list = (data: Record<string, unknown>) =>
      (data.report as { list: { totalCount: number; edges: { cursor: string; node: { slug: string } }[] } }).list;
    for (const orderBy of [null, [{ field: 'NAME', direction: 'DESC' }]]) {
      const want = (
        orderBy === null
          ? passing
          : [...passing].sort(
              (a, b) =>
                -compareText((a as EntityRecord<'athlete'>).facts.name, (b as EntityRecord<'athlete'>).facts.name) ||
                compareText(a.slug, b.slug),
            )
      ).map((record) => record.slug);
      const first = await built(withIds, query, { where, orderBy });
      expect(list(first.data).totalCount).toBe(want.length);
      expect(list(first.data).edges.map((edge) => edge.node.slug)).toEqual(want.slice(0, PAGE));
      const after = list(first.data).edges.at(-1)?.cursor;
      const next = await built(withIds, query, { where, orderBy, after });
      expect(list(next.data).edges.map((edge) => edge.node.slug)).toEqual(want.slice(PAGE, 2 * PAGE));
      if (orderBy === null) {
        // In the list's own order: the report, the page and the cursors' searches.
        expect(first.builds).toBeLessThanOrEqual(bound());
        expect(next.builds).toBeLessThanOrEqual(bound());
      }
      const plain = await built(withoutIds, query, { where, orderBy });
      expect(plain.data).toEqual(first.data);
      expect(plain.builds).toBeGreaterThan(bound());
    }
  });
});

describe("a person's affiliations, nationality and writings, over ids", () => {
  it('builds only the page, where record by record every person is built', async () => {
    const query = `query($where: PersonWhere, $after: String, $first: Int) {
      list: allPeople(where: $where, first: $first, after: $after) { totalCount edges { cursor node { slug } } }
    }`;
    const where = {
      OR: [
        { affiliations: { some: { kind: { eq: 'NGO' } } } },
        { nationality: { code: { eq: 'PRK' } } },
        { authored: { some: { kind: { eq: 'REPORT' } } } },
      ],
    };
    const want = [...reference.all('person')]
      .filter(
        (person) =>
          reference
            .followAll('organisation', person.facts.affiliation)
            .some((each) => each.facts.organisationKind === 'NGO') ||
          reference.followNullable('country', person.facts.nationality)?.facts.code === 'PRK' ||
          [...reference.reportsAuthoredBy(person)].some((report) => report.facts.reportKind === 'REPORT'),
      )
      .map((person) => person.slug);
    const size = 5;
    expect(want.length).toBeGreaterThan(2 * size);
    const people = reference.count('person');
    const limit = 2 * (size + 1) + 4 * Math.ceil(Math.log2(people + 1));
    const first = await built(withIds, query, { where, first: size });
    expect(first.data.list?.totalCount).toBe(want.length);
    expect(first.data.list?.edges.map((edge) => edge.node.slug)).toEqual(want.slice(0, size));
    expect(first.builds).toBeLessThanOrEqual(limit);
    const next = await built(withIds, query, { where, first: size, after: first.data.list?.edges.at(-1)?.cursor });
    expect(next.data.list?.edges.map((edge) => edge.node.slug)).toEqual(want.slice(size, 2 * size));
    expect(next.builds).toBeLessThanOrEqual(limit);
    const plain = await built(withoutIds, query, { where, first: size });
    expect(plain.data).toEqual(first.data);
    expect(plain.builds).toBeGreaterThan(limit);
  });
});

describe('text predicates over the folded column, against a plain reference', () => {
  it('contains and startsWith with any needle cut from the names, in any case, both ways', async () => {
    const names = [...reference.all('athlete')].map((athlete) => athlete.facts.name);
    const needle = fc
      .tuple(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 0, max: 6 }), fc.boolean())
      .map(([name, start, length, upper]) => {
        const cut = name.slice(start % (name.length + 1), (start % (name.length + 1)) + length);
        return upper ? cut.toUpperCase() : cut;
      });
    const query = `query($where: AthleteWhere, $last: Int, $first: Int) {
      list: allAthletes(where: $where, first: $first, last: $last) { totalCount edges { node { slug } } }
    }`;
    await fc.assert(
      fc.asyncProperty(needle, fc.boolean(), fc.boolean(), async (text, prefix, backward) => {
        const where = { name: prefix ? { startsWith: text } : { contains: text } };
        const want = [...reference.all('athlete')]
          .filter((athlete) =>
            prefix ? fold(athlete.facts.name).startsWith(fold(text)) : fold(athlete.facts.name).includes(fold(text)),
          )
          .map((athlete) => athlete.slug);
        const data = await ask(withIds, query, backward ? { where, last: PAGE } : { where, first: PAGE });
        expect(data.list?.totalCount).toBe(want.length);
        expect(data.list?.edges.map((edge) => edge.node.slug)).toEqual(
          backward ? want.slice(Math.max(0, want.length - PAGE)) : want.slice(0, PAGE),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('what a store keeps for its filters is bounded in bytes', () => {
  const filters: Record<string, unknown>[] = [
    { name: { contains: 'ju' } },
    { gender: { eq: 'FEMALE' } },
    { alternateNames: { some: { startsWith: 'rim' } } },
    { results: { some: { rank: { lte: 3 } } } },
    { results: { some: { time: { lt: 60 } } } },
    { classifications: { some: { contains: 's1' } } },
    { participations: { some: { medals: { gold: { gte: 1 } } } } },
    { country: { name: { startsWith: 'k' } } },
    { sources: { some: { kind: { eq: 'NEWS_ARTICLE' } } } },
  ];
  const query = `query($where: AthleteWhere) { list: allAthletes(where: $where, first: ${PAGE}) {
    totalCount edges { cursor node { slug } } } }`;

  /** Asks every filter twice of a store kept within `bytes`; the most it kept after any request. */
  async function run(bytes: number | undefined) {
    const store = new GraphStore(openCompiled(compiledGraph), bytes === undefined ? {} : { filterCacheBytes: bytes });
    const app = createApp({ store });
    const ids = store.ids;
    if (!ids) throw new Error('no ids');
    let most = 0;
    for (const round of [1, 2]) {
      for (const where of filters) {
        const data = await ask(app, query, { where });
        expect(data, `${round}: ${JSON.stringify(where)}`).toEqual(await ask(withoutIds, query, { where }));
        most = Math.max(most, keptFor(ids).bytes);
      }
    }
    return { most, kept: keptFor(ids) };
  }

  it('keeps within the bound given, evicting the least recently used, and answers the same', async () => {
    const unbounded = await run(undefined);
    expect(unbounded.kept.max).toBe(DEFAULT_FILTER_CACHE_BYTES);
    const bound = Math.floor(unbounded.most / 3);
    const bounded = await run(bound);
    expect(bounded.kept.max).toBe(bound);
    expect(bounded.most).toBeLessThanOrEqual(bound);
    expect(bounded.most).toBeGreaterThan(0);
    expect(bounded.kept.entries).toBeLessThan(unbounded.kept.entries);
  });

  it('keeps nothing with a bound of zero, and still answers', async () => {
    const nothing = await run(0);
    expect(nothing.most).toBe(0);
  });
});

describe('Bits', () => {
  it('walks, counts and combines like a plain set', () => {
    for (const size of [0, 1, 31, 32, 33, 64, 100, 1000]) {
      const odd = Array.from({ length: size }, (_, position) => position).filter((position) => position % 3 === 1);
      const bits = Bits.of(size, odd);
      expect(bits.count()).toBe(odd.length);
      const forward: number[] = [];
      for (let at = bits.next(0); at >= 0; at = bits.next(at + 1)) forward.push(at);
      expect(forward).toEqual(odd);
      const backward: number[] = [];
      for (let at = bits.previous(size - 1); at >= 0; at = bits.previous(at - 1)) backward.push(at);
      expect(backward).toEqual([...odd].reverse());
      expect(bits.not().count()).toBe(size - odd.length);
      expect(bits.and(bits.not()).count()).toBe(0);
      expect(bits.or(bits.not()).count()).toBe(size);
      expect(Bits.full(size).count()).toBe(size);
    }
  });
});
