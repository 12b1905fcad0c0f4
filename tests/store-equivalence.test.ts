import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerate } from '../src/cli/generate.js';
import { TRUSTED_DOCUMENTS } from '../src/examples.js';
import { GraphStore } from '../src/graph/graph-store.js';
import { FACTS, KINDS, type Kind } from '../src/graph/kinds.js';
import { compileGraph, loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import { type Cluster, startCluster } from '../src/graph/postgres/cluster.js';
import { loadIntoPostgres } from '../src/graph/postgres/load.js';
import { PostgresSource } from '../src/graph/postgres/source.js';
import { ORDER_FIELDS } from '../src/graph/query/order.js';
import { openCompiled } from '../src/graph/snapshot/read.js';
import type { Store } from '../src/graph/store.js';
import { answerOf } from '../src/http/answers.js';
import { FastLane } from '../src/http/fast-lane.js';
import { DUMPS } from '../src/linked-data/dataset.js';
import { LIMITS } from '../src/security/limits.js';
import { createApp, graphContexts, laneSchema } from '../src/yoga.js';
import { DATA_DIR, PROJECT_ROOT } from './helpers.js';
import { globalIdsOf, type QueryVocabulary, queryArbitrary } from './query-arbitrary.js';

/**
 * Every store answers alike, to the byte: the in-memory graph (MemoryStore, the straightforward
 * reference), the compiled snapshot, and PostgreSQL (a throw-away cluster of Debian's PostgreSQL, on
 * loopback), on the seed data and on a generated graph ten times its size.
 */
const BASE = 'https://data.example.org';
const SCALE = 10;

interface Served {
  readonly name: string;
  readonly store: Store;
  readonly fetch: (path: string, init?: RequestInit) => Promise<string>;
}

function serve(name: string, store: Store, incomingPageSize?: number): Served {
  // The same bytes, however slow: a loaded machine must not turn PostgreSQL's round trips into a timeout.
  const app = createApp({ store, publicBaseUrl: BASE, executionTimeoutMs: 120_000, incomingPageSize });
  return {
    name,
    store,
    fetch: async (target, init) => {
      const response = await app.fetch(`${BASE}${target}`, init ?? {});
      return `${response.status} ${response.headers.get('content-type')}\n${await response.text()}`;
    },
  };
}

const post = (query: string, variables?: Record<string, unknown>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables }),
});

/** Asks every store the same, expecting the reference's bytes from each. */
async function alike(stores: readonly Served[], target: string, init?: RequestInit): Promise<string> {
  const [reference, ...others] = stores;
  if (!reference) throw new Error('no store');
  const expected = await reference.fetch(target, init);
  for (const other of others) expect(await other.fetch(target, init), `${other.name}: ${target}`).toBe(expected);
  return expected;
}

async function readmeQueries(): Promise<string[]> {
  const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

function vocabularyOf(store: Store): QueryVocabulary {
  const slugs: string[] = [];
  const words = new Set<string>(['rim', 'ju', 'korea', 'paralympics', 'g1', 'Río', 'men', '2012']);
  for (const kind of KINDS) {
    for (const record of store.all(kind).slice(0, 12)) {
      slugs.push(record.slug);
      if ('name' in record.facts) for (const word of String(record.facts.name).split(' ').slice(0, 2)) words.add(word);
    }
  }
  return {
    slugs,
    ids: globalIdsOf(store, 12),
    codes: store.all('country').map((country) => country.facts.code),
    words: [...words],
    properties: [...new Set(Object.values(FACTS).flatMap((specs) => Object.keys(specs)))],
  };
}

let generated: string;
let cluster: Cluster;

beforeAll(async () => {
  generated = await mkdtemp(path.join(tmpdir(), 'paralympics-equivalence-'));
  expect(await runGenerate(['--scale', String(SCALE), '--out', generated])).toBe(0);
  cluster = await startCluster();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  await rm(generated, { recursive: true, force: true });
}, 30_000);

/** The graph of `dataDir` loaded into a database of its own in the cluster, as `npm run compile -- --to postgres` does. */
async function postgresStore(dataDir: string, database: string): Promise<Store> {
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, `/${database}`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await loadIntoPostgres(sql, openCompiled(await compileGraph(dataDir)));
  await sql.end();
  return new GraphStore(await PostgresSource.open(url));
}

describe.each([
  ['the seed data', () => DATA_DIR, 'seed'],
  [`a graph ${SCALE} times its size`, () => generated, 'scaled'],
])('the stores answer alike on %s', (_name, dataDir, database) => {
  let stores: Served[];

  beforeAll(async () => {
    stores = [
      serve('memory', await loadMemoryGraph(dataDir())),
      serve('snapshot', await loadGraph(dataDir())),
      serve('postgres', await postgresStore(dataDir(), database)),
    ];
  }, 120_000);

  afterAll(async () => {
    for (const { store } of stores ?? []) await store.close();
  });

  it('hold the same records in the same order, with the same version', async () => {
    const [reference, ...others] = stores as [Served, ...Served[]];
    const slugs = (store: Store) => store.read(() => KINDS.map((kind) => store.all(kind).map((record) => record.slug)));
    for (const other of others) {
      expect(other.store.version).toBe(reference.store.version);
      expect(await slugs(other.store)).toEqual(await slugs(reference.store));
    }
  });

  it('answer every README query and every example query to the byte', async () => {
    const documents = [...(await readmeQueries()), ...Object.values(TRUSTED_DOCUMENTS)];
    for (const document of documents) await alike(stores, '/graphql', post(document, { query: 'rim ju', first: 5 }));
  });

  it("answer every README and example query on the fast lane with the full pipeline's bytes", async () => {
    const documents = [...(await readmeQueries()), ...Object.values(TRUSTED_DOCUMENTS)];
    const headers = { 'content-type': 'application/json' };
    for (const { name, store } of stores) {
      const contextFor = graphContexts(store, BASE);
      const app = createApp({ store, publicBaseUrl: BASE, executionTimeoutMs: 120_000, contextFor });
      const lane = new FastLane(laneSchema(false), contextFor, 1_000, {
        timeoutMs: 120_000,
        maxAnswerBytes: LIMITS.maxAnswerBytes,
      });
      let answered = 0;
      for (const query of documents) {
        const text = JSON.stringify({ query, variables: { query: 'rim ju', first: 5 } });
        const request = lane.requestOf('POST', headers, BASE, text);
        if (!request) continue;
        const response = await app.fetch(`${BASE}/graphql`, { method: 'POST', headers, body: text });
        const body = await response.text();
        const clean = response.status === 200 && !body.includes('"errors"');
        lane.admit(request, BASE, answerOf(response.status, [...response.headers].flat(), body, clean));
        const fast = await lane.answer(request, 'POST', undefined);
        if (!fast) continue;
        expect(fast.body, `${name}: ${query}`).toBe(body);
        answered += 1;
      }
      // Most are plain queries the lane answers; the rest (errors, @defer, filters in variables) are the pipeline's.
      expect(answered, name).toBeGreaterThan(documents.length / 2);
    }
  }, 120_000);

  it('answer generated queries to the byte', async () => {
    const schema = buildSchema(await readFile(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const queries = queryArbitrary(schema, vocabularyOf((stores[0] as Served).store));
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        await alike(stores, '/graphql', post(query));
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('serve every entity document alike, as JSON-LD, Turtle and HTML', async () => {
    const { store } = stores[0] as Served;
    const paths = KINDS.flatMap((kind) => store.all(kind).map((record) => `/id/${kind}/${record.slug}`));
    // A few at a time, as clients would ask: PostgreSQL's round trips overlap.
    for (let start = 0; start < paths.length; start += 8) {
      await Promise.all(
        paths
          .slice(start, start + 8)
          .flatMap((target) =>
            ['application/ld+json', 'text/turtle', 'text/html'].map((accept) =>
              alike(stores, target, { headers: { accept } }),
            ),
          ),
      );
    }
  }, 120_000);

  it("serve the site's pages alike: home, an index per kind, search", async () => {
    const html = { headers: { accept: 'text/html' } };
    await alike(stores, '/', html);
    for (const kind of KINDS) await alike(stores, `/id/${kind}/`, html);
    for (const query of ['korea', 'rim ju', 'paralympics', 'nothing-like-this']) {
      await alike(stores, `/search?q=${encodeURIComponent(query)}`, html);
    }
  });

  it('serve the pages of what points to an entity alike', async () => {
    const PAGE_SIZE = 4;
    const paged = stores.map(({ name, store }) => serve(name, store, PAGE_SIZE));
    const { store } = stores[0] as Served;
    for (const kind of KINDS) {
      const records = store.all(kind).slice();
      const most = records.reduce<(typeof records)[number] | undefined>(
        (a, b) => (a && store.referrersOf(a).length >= store.referrersOf(b).length ? a : b),
        undefined,
      );
      if (!most) continue;
      const pages = Math.max(1, Math.ceil(store.referrersOf(most).length / PAGE_SIZE));
      const target = `/id/${kind}/${most.slug}`;
      for (const accept of ['application/ld+json', 'text/turtle', 'application/n-quads'])
        await alike(paged, target, { headers: { accept } });
      for (let page = 1; page <= pages + 1; page++)
        await alike(paged, `${target}?page=${page}`, { headers: { accept: 'text/turtle' } });
    }
  }, 120_000);

  it('serve the three dumps alike', async () => {
    for (const dump of Object.values(DUMPS)) await alike(stores, dump.path);
  }, 120_000);

  it('walk every order of every kind page by page, forward to the end and back to the start, alike', async () => {
    // Every order field in both directions, a few orders of several fields, and orders of filtered lists.
    const orders: { kind: Kind; orderBy: string; where?: string }[] = KINDS.flatMap((kind) =>
      Object.keys(ORDER_FIELDS[kind]).flatMap((field) =>
        ['ASC', 'DESC'].map((direction) => ({ kind, orderBy: `{ field: ${field}, direction: ${direction} }` })),
      ),
    );
    orders.push(
      { kind: 'result', orderBy: '{ field: GAMES_YEAR, direction: DESC }, { field: RANK }' },
      { kind: 'result', orderBy: '{ field: STATUS }, { field: TIME, direction: DESC }, { field: ATHLETE_NAME }' },
      { kind: 'athlete', orderBy: '{ field: GENDER, direction: DESC }, { field: COUNTRY_NAME }' },
      { kind: 'result', orderBy: '{ field: RANK, direction: DESC }', where: '{ status: { eq: FINISHED } }' },
      { kind: 'athlete', orderBy: '{ field: NAME, direction: DESC }', where: '{ gender: { eq: MALE } }' },
      { kind: 'event', orderBy: '{ field: GAMES_YEAR }', where: '{ name: { contains: "100" } }' },
    );
    const reference = (stores[0] as Served).store;
    for (const { kind, orderBy, where } of orders) {
      const list = ROOT_LISTS[kind];
      // About six pages a walk, whatever the size of the kind: each page boundary is a keyset bound.
      const size = Math.max(3, Math.ceil(reference.count(kind) / 6));
      const page = async (bounds: string) => {
        const query = `{ ${list}(${bounds}, orderBy: [${orderBy}]${where ? `, where: ${where}` : ''}) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`;
        const answer = JSON.parse((await alike(stores, '/graphql', post(query))).split('\n')[1] ?? '');
        expect(answer.errors, query).toBeUndefined();
        return answer.data[list] as {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
          edges: unknown[];
        };
      };
      let seen = 0;
      for (let after = ''; ; ) {
        const { pageInfo, edges, totalCount } = await page(`first: ${size}${after}`);
        seen += edges.length;
        if (!pageInfo.hasNextPage) {
          expect(seen).toBe(totalCount);
          break;
        }
        after = `, after: ${JSON.stringify(pageInfo.endCursor)}`;
      }
      seen = 0;
      for (let before = ''; ; ) {
        const { pageInfo, edges, totalCount } = await page(`last: ${size}${before}`);
        seen += edges.length;
        if (!pageInfo.hasPreviousPage) {
          expect(seen).toBe(totalCount);
          break;
        }
        before = `, before: ${JSON.stringify(pageInfo.startCursor)}`;
      }
    }
  }, 600_000);
});

/** The root list of each kind, which takes `orderBy`. */
const ROOT_LISTS: { readonly [K in Kind]: string } = {
  country: 'allCountries',
  npc: 'allNpcs',
  games: 'allGames',
  delegation: 'allParticipations',
  athlete: 'allAthletes',
  event: 'allEvents',
  result: 'allResults',
  organisation: 'allOrganisations',
  report: 'allReports',
  person: 'allPeople',
};
