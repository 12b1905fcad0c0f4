/**
 * The store's sections of `npm run bench` (issue #15): compiling (time and peak memory), a second
 * start (time to ready, RSS), and each store's throughput and page latency, at the scales asked for
 * (`--scales 1,10000,200000`: 200,000× is a million results).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { prepareFullText } from '../src/graph/fulltext/registry.js';
import { GraphStore } from '../src/graph/graph-store.js';
import { openCurrentSnapshot, snapshotFileFor } from '../src/graph/open.js';
import { type Cluster, startCluster } from '../src/graph/postgres/cluster.js';
import { loadIntoPostgres } from '../src/graph/postgres/load.js';
import { PostgresSource } from '../src/graph/postgres/source.js';
import { createApp } from '../src/yoga.js';
import { spawnServer } from '../tests/server-process.js';
import { endedOnInterrupt, spawnNode, undoneOnInterrupt } from './children.js';
import {
  BENCH_CACHE,
  CLI,
  CLI_COMMAND,
  cpuSeconds,
  dataFor,
  median,
  met,
  procStatusKb,
  type RequestSet,
  ROOT,
  ratio,
  sideBySide,
  startServer,
  table,
} from './harness.js';
import { body, CLAIMS_HEAVY_PAGE, FRONTEND_MIX, SCALING_QUERIES } from './queries.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (kb: number) => `${Math.round(kb / 1024).toLocaleString('en')} MB`;
const label = (scale: number) => `${scale.toLocaleString('en')}×`;

interface Compiled {
  readonly records: number;
  readonly wallMs: number;
  readonly cpuSeconds: number;
  readonly peakKb: number;
  readonly megabytes: number;
}

/** Runs the CLI's `compile` on one data directory, into the benchmark's snapshot cache, watching its memory. */
async function compileOnce(dataDir: string): Promise<Compiled> {
  const out = await snapshotFileFor(dataDir, BENCH_CACHE);
  const started = performance.now();
  // Node's default heap limit, as npm start compiles: a larger one only lets garbage wait, and the peak with it.
  const child = spawnNode([...CLI, 'compile', '--dir', dataDir, '--out', out], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peak = 0;
  let cpu = 0;
  const sampler = setInterval(async () => {
    peak = Math.max(peak, (await procStatusKb(child.pid ?? 0, 'VmHWM')) || 0);
    cpu = Math.max(cpu, (await cpuSeconds(child.pid ?? 0)) || 0);
  }, 100);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`compile exited with ${code}: ${output}`);
  const match = output.match(/Compiled ([\d,]+) records .*\(([\d.]+) MB\)/);
  // The compile's own account of its CPU time and peak memory (snapshot and search index, in all) is
  // exact; the samples may miss the last 100 ms.
  const own = output.match(/Done in .* in all \(CPU ([\d.]+) s, peak RSS ([\d,]+) MB\)/);
  return {
    records: Number(match?.[1]?.replaceAll(',', '')),
    wallMs: performance.now() - started,
    cpuSeconds: own ? Number(own[1]) : cpu,
    peakKb: own ? Number(own[2]?.replaceAll(',', '')) * 1024 : peak,
    megabytes: Number(match?.[2]),
  };
}

/** Compile time and peak memory at each scale. */
export async function compiling(scales: readonly number[]): Promise<string> {
  const rows = [];
  for (const scale of scales) {
    const run = await compileOnce(await dataFor(scale));
    rows.push([
      `${label(scale)} (${run.records.toLocaleString('en')} records)`,
      seconds(run.wallMs),
      `${run.cpuSeconds.toFixed(1)} s`,
      megabytes(run.peakKb),
      `${run.megabytes.toLocaleString('en')} MB`,
    ]);
  }
  return [
    `### Compiling: \`${CLI_COMMAND} compile\` (validate every record, write the snapshot and the search index)`,
    table(['data', 'time', 'CPU', 'peak memory', 'snapshot'], rows),
    '',
    'Target at 200,000× (a million results): compile ≤ 120 s within 3 GB.',
  ].join('\n');
}

interface Started {
  readonly readyMs: number;
  readonly openMs: number;
  readonly rssKb: number;
  readonly cpuSeconds: number;
  /** RSS once `probe` has run (after a search, say), where one was given. */
  readonly probedRssKb?: number;
}

/** The processes under `pid` (children, their children…), from /proc. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parents.set(Number(entry), Number(fields[1]));
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, of] of parents) {
      if (of !== parent) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/**
 * Starts the server as an operator does, `npm start` (npm, then node on dist/, built by the first
 * start), on a compiled snapshot (or the store `env` names), and times it until /readyz answers 200;
 * the memory and CPU time are those of the server's node process. Then runs `probe` against it, if
 * given, and reads its memory again.
 */
async function startOnce(
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
  probe?: (base: string) => Promise<void>,
): Promise<Started> {
  const npm = process.env.npm_execpath;
  const started = performance.now();
  const server = spawnServer(npm ? [process.execPath, npm, 'start'] : ['npm', 'start'], {
    env: {
      PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      DATA_DIR: dataDir,
      STORE_CACHE: BENCH_CACHE,
      ...env,
    },
    // Its own process group, so that npm and the node it starts are stopped together.
    detached: true,
  });
  endedOnInterrupt(server.child);
  try {
    const url = await server.ready({ intervalMs: 10, timeoutMs: 30 * 60_000 });
    const readyMs = performance.now() - started;
    let pid = server.child.pid ?? 0;
    for (const child of await descendants(pid)) {
      const command = await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '');
      if (command.includes('dist/server.js')) pid = child;
    }
    const measured = {
      readyMs,
      openMs: Number(server.output().match(/Opened the graph .* in (\d+) ms/)?.[1]),
      rssKb: await procStatusKb(pid, 'VmRSS'),
      cpuSeconds: await cpuSeconds(pid),
    };
    if (!probe) return measured;
    await probe(url);
    return { ...measured, probedRssKb: await procStatusKb(pid, 'VmRSS') };
  } finally {
    await server.stop();
  }
}

/** Time to ready and memory on a second start (the snapshot compiled already), at each scale. */
export async function starting(scales: readonly number[]): Promise<string> {
  const rows = [];
  for (const scale of scales) {
    const dataDir = await dataFor(scale);
    await startOnce(dataDir); // the first start builds dist/, compiles where the snapshot is missing, builds the search index
    // Then, at once, the first request: it reads the sections it needs that the background has not read yet.
    let firstMs = 0;
    const first = async (base: string) => {
      const asked = performance.now();
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(SCALING_QUERIES.lookup),
      });
      await response.text();
      firstMs = performance.now() - asked;
    };
    const runs: (Started & { firstMs: number })[] = [];
    for (let run = 0; run < 3; run++) runs.push({ ...(await startOnce(dataDir, {}, first)), firstMs });
    const best = runs.reduce((a, b) => (b.readyMs < a.readyMs ? b : a));
    rows.push([
      label(scale),
      seconds(best.readyMs),
      `${best.cpuSeconds.toFixed(2)} s`,
      `${best.openMs} ms`,
      megabytes(best.rssKb),
      `${Math.round(best.firstMs)} ms`,
      megabytes(best.probedRssKb ?? 0),
    ]);
  }
  return [
    '### A second start: `npm start` (npm, then node on dist/ as built by the first start) on a compiled snapshot and search index, until /readyz answers (best of three)',
    table(
      [
        'data',
        'ready',
        "server's CPU time",
        'of which opening the snapshot',
        'RSS when ready',
        'then a lookup',
        'RSS after it',
      ],
      rows,
    ),
    '',
    'Target at 200,000×: ready ≤ 2 s, RSS ≤ 1.5 GB. Opening reads only the headers; the sections are read on first use, and in the background once ready: the lookup asked at once reads what it needs itself.',
  ].join('\n');
}

/** The largest graph the frontend mix is run on (see stores). */
const MIX_SCALE = 100;

interface Loaded {
  readonly cluster: Cluster;
  /** Reading the snapshot (compiled first where it was missing or stale) and its full-text index. */
  readonly readMs: number;
  /** COPY of every table, indexes, ANALYZE: wall time, and this process's CPU time. */
  readonly loadMs: number;
  readonly loadCpuSeconds: number;
  readonly rows: number;
}

/**
 * A throw-away PostgreSQL cluster with the graph of `dataDir` loaded as `npm run compile -- --to
 * postgres` loads it: from the snapshot in the benchmark's cache (compiled there first where it is
 * missing or stale), with the full-text index kept there too.
 */
async function postgresWith(dataDir: string, searchIndex: boolean): Promise<Loaded> {
  // Stopped by whoever ends it, or by the bench if it is interrupted first.
  const launched = await startCluster();
  const stopped = undoneOnInterrupt(() => launched.stop());
  const cluster: Cluster = {
    ...launched,
    stop: async () => {
      await launched.stop();
      stopped();
    },
  };
  try {
    const reading = performance.now();
    const source = await openCurrentSnapshot({ dataDir, cacheDir: BENCH_CACHE, log: () => {} });
    const fullText = searchIndex
      ? await prepareFullText(new GraphStore(source), { cacheDir: BENCH_CACHE, log: () => {} })
      : null;
    const readMs = performance.now() - reading;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
    const { rows } = await loadIntoPostgres(sql, source, { fullText });
    await sql.end();
    const used = process.cpuUsage(cpu);
    return {
      cluster,
      readMs,
      loadMs: performance.now() - started,
      loadCpuSeconds: (used.user + used.system) / 1e6,
      rows,
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** How long the last ordered pages took (see orderedPages). */
let orderedPagesMs = 0;

/**
 * Pages in orders other than the display order, filtered and not, forward and back: an instance walks
 * them in the database (`order_<kind>`), so its time and memory after them must not grow with the data.
 */
async function orderedPages(base: string): Promise<void> {
  const started = performance.now();
  const ask = async (query: string) => {
    const response = await fetch(`${base}/graphql?query=${encodeURIComponent(query)}`);
    const text = await response.text();
    if (!response.ok || text.includes('"errors"'))
      throw new Error(`an ordered page answered ${response.status}: ${text}`);
    return JSON.parse(text) as { data: Record<string, { pageInfo: { endCursor: string } }> };
  };
  for (const [list, orderBy, where] of [
    ['allResults', '{ field: RANK }', ''],
    ['allResults', '{ field: TIME, direction: DESC }', ''],
    ['allResults', '{ field: GAMES_YEAR, direction: DESC }', 'where: { status: { eq: FINISHED } }'],
    ['allAthletes', '{ field: COUNTRY_NAME, direction: DESC }', ''],
    ['allAthletes', '{ field: NAME, direction: DESC }', 'where: { gender: { eq: FEMALE } }'],
  ] as const) {
    const page = (bounds: string) =>
      ask(`{ ${list}(${bounds}, ${where} orderBy: [${orderBy}]) { pageInfo { endCursor } edges { node { slug } } } }`);
    const first = await page('first: 20');
    const next = await page(`first: 20, after: ${JSON.stringify(first.data[list]?.pageInfo.endCursor)}`);
    await page(`last: 20, before: ${JSON.stringify(next.data[list]?.pageInfo.endCursor)}`);
  }
  orderedPagesMs = performance.now() - started;
}

/** One search through GraphQL, so that a server reads its full-text index. */
async function searchOnce(base: string): Promise<void> {
  const query = '{ search(query: "rim ju", first: 5) { totalCount } }';
  const response = await fetch(`${base}/graphql?query=${encodeURIComponent(query)}`);
  if (!response.ok) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  await response.text();
}

/** The athlete page in-process on PostgreSQL: per request with warm caches, and cold (caches emptied). */
async function postgresPage(url: string): Promise<{ warmMs: number; coldMs: number; roundTrips: number }> {
  const source = await PostgresSource.open(url);
  const app = createApp({ store: new GraphStore(source), publicBaseUrl: 'http://127.0.0.1' });
  const ask = async () => {
    const response = await app.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(FRONTEND_MIX.athletePage),
    });
    await response.text();
  };
  try {
    const time = async (runs: number, before: () => void) => {
      const samples: number[] = [];
      for (let run = 0; run < runs; run++) {
        before();
        const started = performance.now();
        await ask();
        samples.push(performance.now() - started);
      }
      return median(samples);
    };
    for (let warm = 0; warm < 200; warm++) await ask();
    const warmMs = await time(2000, () => {});
    const trips = source.counts.roundTrips;
    const coldMs = await time(200, () => source.forget());
    return { warmMs, coldMs, roundTrips: (source.counts.roundTrips - trips) / 200 };
  } finally {
    await source.close();
  }
}

/**
 * Each store side by side: the frontend mix and the claims-heavy athlete page alone, uncached (the
 * fast lane), from the snapshot and from PostgreSQL, against the bare node:http ceiling; and the
 * athlete page's latency in-process on PostgreSQL.
 */
export async function stores(
  scale: number,
  rounds: number,
  durationSeconds: number,
  only: readonly string[] = ['bare', 'snapshot', 'postgres'],
  searchIndex = true,
): Promise<string> {
  const dataDir = await dataFor(scale);
  const loaded = await postgresWith(dataDir, searchIndex);
  const { cluster } = loaded;
  try {
    const postgresEnv = { STORE: 'postgres', DATABASE_URL: cluster.url };
    // An instance has no data files: what it starts with and holds must not grow with the graph.
    const instance = await startOnce(dataDir, postgresEnv);
    const searched = searchIndex ? await startOnce(dataDir, postgresEnv, searchOnce) : undefined;
    const ordered = await startOnce(dataDir, postgresEnv, orderedPages);
    const allVariants = {
      bare: () => startServer('bare', dataDir),
      snapshot: () => startServer('ours-uncached', dataDir),
      postgres: () => startServer('ours-uncached', dataDir, postgresEnv),
    } as const;
    const variants = Object.fromEntries(Object.entries(allVariants).filter(([name]) => only.includes(name)));
    // The mix's Games page lists every event with every result, so it grows with the data (megabytes
    // at 10,000×): beyond a small graph the mix measures that answer's size, and only the page is run.
    const sets: Record<string, RequestSet> = {
      ...(scale <= MIX_SCALE ? { 'frontend mix': { requests: Object.values(FRONTEND_MIX).map(body) } } : {}),
      'claims-heavy athlete page': { requests: [body(CLAIMS_HEAVY_PAGE)] },
    };
    const targets: Record<string, string> = { 'frontend mix': '≥ 0.5×', 'claims-heavy athlete page': '≥ 0.35×' };
    const measured = await sideBySide(variants, sets, rounds, durationSeconds);
    const { rps, p99, cpuMicros } = measured;
    const rows = Object.keys(sets).flatMap((set) =>
      Object.keys(variants).map((name) => [
        set,
        name,
        Math.round(rps(set, name)).toLocaleString('en'),
        p99(set, name).toFixed(2),
        'bare' in variants ? ratio(rps(set, name), rps(set, 'bare')) : '',
        cpuMicros(set, name).toFixed(1),
        'bare' in variants ? ratio(cpuMicros(set, 'bare'), cpuMicros(set, name)) : '',
        name === 'bare' || !('bare' in variants)
          ? '—'
          : `${targets[set]}: ${met(rps(set, name) / rps(set, 'bare'), targets[set] ?? '')}`,
      ]),
    );
    const page = await postgresPage(cluster.url);
    return [
      `### Each store at ${label(scale)}: uncached answers (the fast lane), ${rounds} interleaved rounds of ${durationSeconds} s, 10 connections`,
      `PostgreSQL: a throw-away cluster on loopback, loaded as \`npm run compile -- --to postgres\` loads it: the snapshot${searchIndex ? ' and its full-text index' : ''} read from the cache in ${seconds(loaded.readMs)} (compiled or built first where missing), then ${loaded.rows.toLocaleString('en')} rows by COPY, indexed and analysed in ${seconds(loaded.loadMs)} (${loaded.loadCpuSeconds.toFixed(1)} s CPU in Node)${searchIndex ? '' : ', without the full-text index (--stores-search-index skip)'}.`,
      `An instance with \`STORE=postgres\` (no data files): ready in ${seconds(instance.readyMs)} (opening the store ${instance.openMs} ms), RSS ${megabytes(instance.rssKb)} when ready${searched ? `, ${megabytes(searched.probedRssKb ?? 0)} after its first search (the full-text index read from the database)` : ''}. Fifteen pages in five orders other than the display order (two of them filtered), forward and back, took a fresh one ${seconds(orderedPagesMs)} (walked in the database), RSS ${megabytes(ordered.probedRssKb ?? 0)} after them.`,
      '',
      table(
        [
          'requests',
          'store',
          'req/s (median)',
          'p99 ms',
          'vs bare',
          'server CPU µs/request',
          'bare’s CPU / its',
          'target (req/s)',
        ],
        rows,
      ),
      '',
      `PostgreSQL, the athlete page in-process: ${page.warmMs.toFixed(3)} ms per request with warm caches, ${page.coldMs.toFixed(3)} ms cold (caches emptied before each; ${page.roundTrips.toFixed(1)} round trips): target ≤ 0.3 ms at 200,000×, ${met(page.warmMs, '≤ 0.3')}${scale === 200_000 ? '' : ` (at ${label(scale)})`}.`,
      '',
      'The PostgreSQL server’s CPU is not in its column (only the app’s process is measured).',
    ].join('\n');
  } finally {
    await cluster.stop();
  }
}
