import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCompile } from '../src/cli/compile.js';
import { FullTextIndex } from '../src/graph/fulltext/index.js';
import { parseQuery } from '../src/graph/fulltext/query.js';
import { fullTextOf, prepareFullText, savedFullTextRead } from '../src/graph/fulltext/registry.js';
import { GraphStore } from '../src/graph/graph-store.js';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import { snapshotFileFor } from '../src/graph/open.js';
import { type Cluster, startCluster } from '../src/graph/postgres/cluster.js';
import { PostgresSource, StoreChangedError } from '../src/graph/postgres/source.js';
import type { Store } from '../src/graph/store.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR, generatedDataDir } from './helpers.js';
import { SERVER_TS, spawnServer } from './server-process.js';

/** PostgreSQL for real: a throw-away cluster of Debian's PostgreSQL, loaded, served and torn down. */
let cluster: Cluster;
let url: string;

/** Runs `npm run compile -- --to postgres` (in process) against a database of the cluster. */
async function compileInto(
  database: string,
  dataDir = DATA_DIR,
  { cache, extra = [] }: { cache?: string; extra?: readonly string[] } = {},
): Promise<number> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, STORE_CACHE: process.env.STORE_CACHE };
  process.env.DATABASE_URL = database;
  if (cache !== undefined) process.env.STORE_CACHE = cache;
  try {
    return await runCompile(['--to', 'postgres', '--dir', dataDir, ...extra]);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A new empty database in the cluster, and its URL. */
async function createDatabase(name: string): Promise<string> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  return url.replace(/\/postgres$/, `/${name}`);
}

/** The version of the graph a database holds (its meta table), or null when it holds none. */
async function loadedVersion(database: string): Promise<string | null> {
  const sql = postgres(database, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<
      { value: string }[]
    >`SELECT value #>> '{}' AS value FROM paralympics.meta WHERE key = 'version'`;
    return rows[0]?.value ?? null;
  } catch {
    return null;
  } finally {
    await sql.end();
  }
}

/** Gives the seed's athlete another name in a copy of the data (a valid change of one file). */
async function renameAthlete(dir: string, name: string): Promise<void> {
  const file = path.join(dir, 'athletes.json');
  const athletes = JSON.parse(await readFile(file, 'utf8')) as { slug: string; facts: Record<string, unknown> }[];
  const rim = athletes.find((athlete) => athlete.slug === 'rim-ju-song');
  if (!rim) throw new Error('no rim-ju-song');
  rim.facts.name = { value: name, citations: [{ report: 'north-korea-at-the-paralympics' }] };
  await writeFile(file, JSON.stringify(athletes));
}

beforeAll(async () => {
  cluster = await startCluster();
  url = cluster.url;
  expect(await compileInto(url)).toBe(0);
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 30_000);

describe('the PostgreSQL store', () => {
  it('is loaded by npm run compile -- --to postgres into a documented schema, stamped with the data hash', async () => {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const tables = await sql<{ table_name: string }[]>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = 'paralympics' ORDER BY table_name`;
      expect(tables.map((row) => row.table_name)).toEqual(
        [
          'citation_lists',
          'citations',
          'claims',
          'codes',
          'fulltext',
          'keyed',
          'medals',
          'meta',
          'records',
          'refs',
          'relations',
          'texts',
          // Each kind's orders other than the display order (postgres/orders.ts).
          ...KINDS.map((kind) => `order_${kind}`),
        ].sort(),
      );
      const [rank] = await sql<{ value: unknown; preferred: boolean }[]>`
        SELECT c.value, c.preferred FROM paralympics.claims c JOIN paralympics.records r ON r.id = c.record
         WHERE r.slug = 'rim-ju-song-2012-men-50m-freestyle-s6' AND c.property = 'rank' AND c.shown`;
      expect(rank).toEqual({ value: 19, preferred: true });
      const source = await PostgresSource.open(url);
      const store = new GraphStore(source);
      const loaded = await loadGraph(DATA_DIR);
      expect(store.version).toBe(loaded.version);
      expect(store.modified).toBe(loaded.modified);
      await store.close();
    } finally {
      await sql.end();
    }
  });

  it('reads a page in a few round trips, then from its caches', async () => {
    const source = await PostgresSource.open(url);
    const store = new GraphStore(source);
    try {
      const page = (from: Store) =>
        from.read(() => {
          const athlete = from.follow('athlete', 'rim-ju-song');
          return from.resultsOfAthlete(athlete).map((result) => ({
            event: from.follow('event', result.facts.event).facts.name,
            games: from.gamesOfResult(result)?.facts.name,
            rank: result.facts.rank,
          }));
        });
      const first = await page(store);
      expect(first).toEqual(await page(await loadMemoryGraph(DATA_DIR)));
      expect(first.length).toBeGreaterThan(0);
      expect(source.counts.roundTrips).toBeLessThanOrEqual(3);
      const trips = source.counts.roundTrips;
      expect(await page(store)).toEqual(first);
      expect(source.counts.roundTrips).toBe(trips);
      expect(() => store.get('athlete', 'kim-chol-ung')).toThrow(/outside Store\.read/);
    } finally {
      await store.close();
    }
  });

  it('answers a cold athlete page in one round trip: its small lists, two hops and the reports cited come with it', async () => {
    const query = `{
      athlete(slug: "rim-ju-song") {
        id name alternateNames gender classifications sports
        country { name code }
        results {
          nodes {
            event { name games { name year } }
            round heat time mark rank fieldSize status
            claims(property: "rank") { valueText preferred reason citations { report { name } quote } }
          }
        }
        participations { games { name year } }
      }
    }`;
    const ask = async (store: Store) => {
      const app = createApp({ store, publicBaseUrl: 'http://127.0.0.1' });
      const response = await app.fetch('http://127.0.0.1/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return response.text();
    };
    const source = await PostgresSource.open(url);
    const store = new GraphStore(source);
    try {
      const cold = await ask(store);
      expect(source.counts.roundTrips).toBe(1);
      const answer = await ask(await loadGraph(DATA_DIR));
      expect(cold).toBe(answer);
      expect(JSON.parse(answer).data.athlete.results.nodes.length).toBeGreaterThan(0);
      expect(await ask(store)).toBe(answer);
      expect(source.counts.roundTrips).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('reads the full-text index the load saved, in one round trip, instead of building it from the whole graph', async () => {
    const source = await PostgresSource.open(url);
    const store = new GraphStore(source);
    const startingSource = await PostgresSource.open(url);
    const starting = new GraphStore(startingSource);
    try {
      const index = await store.read(() => fullTextOf(store));
      expect(source.counts.roundTrips).toBe(1);
      const built = FullTextIndex.build(await loadGraph(DATA_DIR));
      expect(index.toBytes()).toEqual(built.toBytes());
      const query = parseQuery('rim ju sung');
      expect(index.search(query, null).slice(0, 20)).toEqual(built.search(query, null).slice(0, 20));
      expect(index.size.entities).toBeGreaterThan(0);
      expect(await prepareFullText(store)).toBe(index);
      // A server starting does not wait for it: it is fetched in the background, or by the first search.
      expect(await prepareFullText(starting, { log: () => {} })).toBeNull();
      await savedFullTextRead(starting);
      expect((starting.read(() => fullTextOf(starting)) as FullTextIndex).toBytes()).toEqual(built.toBytes());
      expect(startingSource.counts.roundTrips).toBe(1);
    } finally {
      await store.close();
      await starting.close();
    }
  });

  it('refuses a database without a graph, or in another format, with a clear message', async () => {
    await expect(PostgresSource.open(await createDatabase('empty'))).rejects.toThrow(
      /No graph in this database .*npm run compile -- --to postgres/,
    );
  });

  it('replaces the graph in one transaction; a server that opened the old one says so instead of mixing them', async () => {
    const database = await createDatabase('reloaded');
    expect(await compileInto(database)).toBe(0);
    const store = new GraphStore(await PostgresSource.open(database));
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-reload-'));
    const cache = await mkdtemp(path.join(tmpdir(), 'paralympics-pg-cache-'));
    try {
      await cp(DATA_DIR, dir, { recursive: true });
      await renameAthlete(dir, 'Rim Ju Song');
      expect(await compileInto(database, dir, { cache })).toBe(0);
      await expect(Promise.resolve(store.read(() => store.get('athlete', 'rim-ju-song')))).rejects.toThrow(
        StoreChangedError,
      );
      const fresh = new GraphStore(await PostgresSource.open(database));
      expect((await fresh.read(() => fresh.get('athlete', 'rim-ju-song')))?.facts.name).toBe('Rim Ju Song');
      await fresh.close();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('is loaded from the compiled snapshot when it is current, the data validated once; a stale one is compiled again', async () => {
    const database = await createDatabase('from_snapshot');
    const cache = await mkdtemp(path.join(tmpdir(), 'paralympics-pg-cache-'));
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-pg-data-'));
    const log = vi.spyOn(console, 'log');
    const compiling = () => log.mock.calls.filter(([line]) => String(line).startsWith('Compiling the graph of')).length;
    try {
      await cp(DATA_DIR, dir, { recursive: true });
      const snapshot = await snapshotFileFor(dir, cache);
      expect(await compileInto(database, dir, { cache })).toBe(0);
      expect(compiling()).toBe(1);
      const compiledAt = (await stat(snapshot)).mtimeMs;
      const version = await loadedVersion(database);
      expect(version).toBe((await loadGraph(dir)).version);

      // Loaded again: the snapshot is current, so nothing is validated or compiled.
      expect(await compileInto(database, dir, { cache })).toBe(0);
      expect(compiling()).toBe(1);
      expect((await stat(snapshot)).mtimeMs).toBe(compiledAt);
      expect(await loadedVersion(database)).toBe(version);

      // The data changes: the snapshot is stale, compiled again, and the new graph loaded.
      await renameAthlete(dir, 'Rim Ju Song');
      expect(await compileInto(database, dir, { cache })).toBe(0);
      expect(compiling()).toBe(2);
      const changed = await loadedVersion(database);
      expect(changed).toBe((await loadGraph(dir)).version);
      expect(changed).not.toBe(version);
    } finally {
      log.mockRestore();
      await rm(cache, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a snapshot named by hand that is stale or not a snapshot, with a code, and keeps the graph loaded', async () => {
    const database = await createDatabase('refused_snapshot');
    const cache = await mkdtemp(path.join(tmpdir(), 'paralympics-pg-cache-'));
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-pg-data-'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await cp(DATA_DIR, dir, { recursive: true });
      const snapshot = await snapshotFileFor(dir, cache);
      expect(await compileInto(database, dir, { cache, extra: ['--snapshot', snapshot] })).toBe(1);
      expect(String(error.mock.lastCall?.[0])).toMatch(/^Refusing to load .* \[SNAPSHOT_UNREADABLE\]/);
      expect(await loadedVersion(database)).toBeNull();

      expect(await compileInto(database, dir, { cache })).toBe(0);
      const version = await loadedVersion(database);
      expect(await compileInto(database, dir, { cache, extra: ['--snapshot', snapshot] })).toBe(0);
      expect(await loadedVersion(database)).toBe(version);

      await renameAthlete(dir, 'Rim Ju Song');
      expect(await compileInto(database, dir, { cache, extra: ['--snapshot', snapshot] })).toBe(1);
      expect(String(error.mock.lastCall?.[0])).toMatch(
        /^Refusing to load .* \[SNAPSHOT_STALE\]: it is stale: athletes\.json changed since/,
      );
      expect(await loadedVersion(database)).toBe(version);

      const garbage = path.join(cache, 'not-a-snapshot');
      await writeFile(garbage, 'paralympics');
      expect(await compileInto(database, dir, { cache, extra: ['--snapshot', garbage] })).toBe(1);
      expect(String(error.mock.lastCall?.[0])).toMatch(/\[SNAPSHOT_FORMAT\]: it is not a paralympics-graph snapshot/);
      expect(await loadedVersion(database)).toBe(version);
      for (const [line] of error.mock.calls) expect(String(line)).not.toMatch(/\n\s+at /);
    } finally {
      error.mockRestore();
      await rm(cache, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('walks orders other than the display order in the database: pages read the records near them, not the whole kind', async () => {
    const dir = await generatedDataDir(40);
    try {
      const database = await createDatabase('ordered');
      expect(await compileInto(database, dir, { cache: dir })).toBe(0);
      const source = await PostgresSource.open(database);
      const snapshot = await loadGraph(dir);
      const apps = [createApp({ store: new GraphStore(source) }), createApp({ store: snapshot })];
      const results = snapshot.count('result');
      try {
        const page = async (bounds: string) => {
          const query = `{ allResults(${bounds}, orderBy: [{ field: RANK, direction: DESC }]) {
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { slug rank } } } }`;
          const [fromPostgres, fromSnapshot] = await Promise.all(
            apps.map(async (app) =>
              (
                await app.fetch('http://localhost/graphql', {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ query }),
                })
              ).text(),
            ),
          );
          expect(fromPostgres).toBe(fromSnapshot);
          return JSON.parse(fromPostgres ?? '').data.allResults;
        };
        const first = await page('first: 5');
        const second = await page(`first: 5, after: ${JSON.stringify(first.pageInfo.endCursor)}`);
        await page(`last: 5, before: ${JSON.stringify(second.pageInfo.startCursor)}`);
        expect(second.pageInfo.hasPreviousPage).toBe(true);
        // Sorting the kind in the instance builds every result; walking the order in the database, a
        // page's and its neighbours'.
        expect(source.counts.records.result).toBeGreaterThan(0);
        expect(source.counts.records.result).toBeLessThan(results / 4);
      } finally {
        await source.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves npm start with STORE=postgres, the same answers as the snapshot, and leaves no process behind', async () => {
    const query = '{ athlete(slug: "rim-ju-song") { name results { nodes { rank time event { name } } } } }';
    const serve = async (env: Record<string, string>) => {
      const server = spawnServer(SERVER_TS, { env });
      try {
        const at = await server.ready();
        const [graphql, turtle] = await Promise.all([
          fetch(`${at}/graphql?query=${encodeURIComponent(query)}`).then((response) => response.text()),
          fetch(`${at}/id/athlete/rim-ju-song`, { headers: { accept: 'text/turtle' } }).then((response) =>
            response.text(),
          ),
        ]);
        return { graphql, turtle };
      } finally {
        await server.stop('SIGTERM');
      }
    };
    const base = { PUBLIC_BASE_URL: 'https://data.example.org' };
    const fromPostgres = await serve({ ...base, STORE: 'postgres', DATABASE_URL: url });
    const fromSnapshot = await serve(base);
    expect(fromPostgres).toEqual(fromSnapshot);
    expect(fromPostgres.graphql).toContain('"rank":19');
  }, 60_000);
});
