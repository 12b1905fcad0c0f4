import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompile } from '../src/cli/compile.js';
import { GraphStore } from '../src/graph/graph-store.js';
import { loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import { type Cluster, startCluster } from '../src/graph/postgres/cluster.js';
import { PostgresSource, StoreChangedError } from '../src/graph/postgres/source.js';
import type { Store } from '../src/graph/store.js';
import { DATA_DIR, PROJECT_ROOT } from './helpers.js';

/** PostgreSQL for real: a throw-away cluster of Debian's PostgreSQL, loaded, served and torn down. */
let cluster: Cluster;
let url: string;

/** Runs `npm run compile -- --to postgres` (in process) against a database of the cluster. */
async function compileInto(database: string, dataDir = DATA_DIR): Promise<number> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database;
  try {
    return await runCompile(['--to', 'postgres', '--dir', dataDir]);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
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
      expect(tables.map((row) => row.table_name)).toEqual([
        'citation_lists',
        'citations',
        'claims',
        'codes',
        'keyed',
        'medals',
        'meta',
        'records',
        'refs',
        'relations',
        'search_entries',
        'search_names',
        'search_words',
        'texts',
      ]);
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

  it('refuses a database without a graph, or in another format, with a clear message', async () => {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin`CREATE DATABASE empty`;
    await admin.end();
    await expect(PostgresSource.open(url.replace(/\/postgres$/, '/empty'))).rejects.toThrow(
      /No graph in this database .*npm run compile -- --to postgres/,
    );
  });

  it('replaces the graph in one transaction; a server that opened the old one says so instead of mixing them', async () => {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin`CREATE DATABASE reloaded`;
    await admin.end();
    const database = url.replace(/\/postgres$/, '/reloaded');
    expect(await compileInto(database)).toBe(0);
    const store = new GraphStore(await PostgresSource.open(database));
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-reload-'));
    try {
      await cp(DATA_DIR, dir, { recursive: true });
      const file = path.join(dir, 'athletes.json');
      const athletes = JSON.parse(await readFile(file, 'utf8')) as { slug: string; facts: Record<string, unknown> }[];
      const rim = athletes.find((athlete) => athlete.slug === 'rim-ju-song');
      if (!rim) throw new Error('no rim-ju-song');
      rim.facts.name = { value: 'Rim Ju Song', citations: [{ report: 'north-korea-at-the-paralympics' }] };
      await writeFile(file, JSON.stringify(athletes));
      expect(await compileInto(database, dir)).toBe(0);
      await expect(Promise.resolve(store.read(() => store.get('athlete', 'rim-ju-song')))).rejects.toThrow(
        StoreChangedError,
      );
      const fresh = new GraphStore(await PostgresSource.open(database));
      expect((await fresh.read(() => fresh.get('athlete', 'rim-ju-song')))?.facts.name).toBe('Rim Ju Song');
      await fresh.close();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves npm start with STORE=postgres, the same answers as the snapshot, and leaves no process behind', async () => {
    const query = '{ athlete(slug: "rim-ju-song") { name results { nodes { rank time event { name } } } } }';
    const serve = async (env: Record<string, string>) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr?.on('data', (chunk) => {
        output += chunk;
      });
      try {
        for (let attempt = 0; attempt < 400; attempt++) {
          const at = output.match(/GraphiQL at (http:\/\/[\d.]+:\d+)\/graphql/)?.[1];
          if (at) {
            const [graphql, turtle] = await Promise.all([
              fetch(`${at}/graphql?query=${encodeURIComponent(query)}`).then((response) => response.text()),
              fetch(`${at}/id/athlete/rim-ju-song`, { headers: { accept: 'text/turtle' } }).then((response) =>
                response.text(),
              ),
            ]);
            return { graphql, turtle };
          }
          if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error(`server did not start: ${output}`);
      } finally {
        child.kill('SIGTERM');
        if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      }
    };
    const base = { PUBLIC_BASE_URL: 'https://data.example.org' };
    const fromPostgres = await serve({ ...base, STORE: 'postgres', DATABASE_URL: url });
    const fromSnapshot = await serve(base);
    expect(fromPostgres).toEqual(fromSnapshot);
    expect(fromPostgres.graphql).toContain('"rank":19');
  }, 60_000);
});
