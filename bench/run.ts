/**
 * `npm run bench`: throughput against a bare node:http ceiling and against stock graphql-yoga and
 * Apollo Server, latency as the data grows, filtered first pages against unfiltered ones, start-up
 * cost, and export speed against jsonld.js. Every
 * figure is a ratio measured side by side in this one run; servers run in their own processes while
 * autocannon loads them from this one, with a fixed number of requests each. `npm run bench` runs it
 * compiled by tsc (dist-bench/, see scripts/build-if-stale.mjs), and it runs its servers, scripts and
 * the CLI the same way: the JavaScript `npm start` runs.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import type { JsonLdDocument } from 'jsonld';
import jsonld from 'jsonld';
import { loadConfig } from '../src/config.js';
import { loadGraph } from '../src/graph/loader.js';
import { openStore } from '../src/graph/open.js';
import { JSONLD_CONTEXT } from '../src/linked-data/context.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { offlineDocumentLoader } from '../src/linked-data/document-loader.js';
import { createApp } from '../src/yoga.js';
import { endChildrenOnInterrupt, signalGroup, spawnNode, undoneOnInterrupt } from './children.js';
import {
  BENCH_CACHE,
  benchScript,
  CLI,
  CLI_COMMAND,
  dataFor,
  measureInProcess,
  met,
  procStatusKb,
  ROOT,
  type Running,
  ratio,
  removeAbandonedTemporaryFiles,
  sideBySide,
  startServer,
  table,
} from './harness.js';
import { firstLinkedData } from './linked-data.js';
import { body, CLAIMS_HEAVY_PAGE, FILTERED_PAGES, FRONTEND_MIX, SCALING_QUERIES, SEARCH_TEXTS } from './queries.js';
import type { SearchMeasurement } from './search.js';
import { compiling, starting, stores } from './stores.js';

const { values: options } = parseArgs({
  options: {
    'max-scale': { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '3' },
    sections: {
      type: 'string',
      default: 'throughput,scaling,filters,export,persisted,sparql,search,compile,start,linked-data,stores',
    },
    'sparql-scales': { type: 'string', default: '1,100,1000' },
    'sparql-engines': { type: 'string', default: 'oxigraph,comunica,endpoint,virtuoso' },
    /** The sizes the store's sections measure: 200000 is a million results. */
    scales: { type: 'string', default: '1,10000' },
    /** The size the store-by-store throughput runs on. */
    'stores-scale': { type: 'string', default: '1' },
    /** The servers the stores section loads side by side (PostgreSQL's load, start and page latency are always measured). */
    'stores-variants': { type: 'string', default: 'bare,snapshot,postgres' },
    /** `skip`: PostgreSQL is loaded without the full-text index (building it holds every named entity at once: gigabytes at 200,000×). */
    'stores-search-index': { type: 'string', default: 'save' },
  },
});
const SECTIONS = new Set(options.sections.split(','));
const MAX_SCALE = Number(options['max-scale']);
const ROUNDS = Number(options.rounds);
const SECONDS = Number(options.seconds);
/** The size of the graph our JSON-LD and triples are compared on with jsonld.js's. */
const JSONLD_JS_SCALE = 10;

/** The throughput section's servers: the ceiling, ours three ways, and the alternatives. */
const THROUGHPUT_SERVERS = ['bare', 'ours-uncached', 'ours-pipeline', 'ours', 'yoga', 'apollo'] as const;

async function throughput(): Promise<string> {
  const seed = path.join(ROOT, 'data');
  const measured = await sideBySide(
    Object.fromEntries(THROUGHPUT_SERVERS.map((name) => [name, () => startServer(name, seed)])),
    {
      mix: { requests: Object.values(FRONTEND_MIX).map(body) },
      page: { requests: [body(CLAIMS_HEAVY_PAGE)], servers: ['bare', 'ours-uncached', 'ours'] },
    },
    ROUNDS,
    SECONDS,
  );
  const { rps, p99, cpuMicros, failed } = measured;
  const rows = (set: string, servers: readonly string[]) =>
    servers.map((name) => [
      name,
      Math.round(rps(set, name)),
      p99(set, name).toFixed(2),
      failed(set, name),
      ratio(rps(set, name), rps(set, 'bare')),
      cpuMicros(set, name).toFixed(1),
      ratio(cpuMicros(set, 'bare'), cpuMicros(set, name)),
    ]);
  const header = [
    'server',
    'req/s (median)',
    'p99 ms',
    'failed',
    'vs bare',
    'server CPU µs/request',
    'bare’s CPU / its',
  ];
  const target = (what: string, measuredRatio: number, cpuRatio: string, goal: string) => [
    what,
    `${measuredRatio.toFixed(2)}×`,
    cpuRatio,
    goal,
    met(measuredRatio, goal),
  ];
  const cpuRatio = (set: string, a: string, b: string) => ratio(cpuMicros(set, b), cpuMicros(set, a));
  return [
    `### 1–2. Throughput, ${ROUNDS} interleaved rounds of ${SECONDS} s, 10 connections`,
    '',
    'The frontend mix (athlete, Games, country pages, search):',
    '',
    table(header, rows('mix', THROUGHPUT_SERVERS)),
    '',
    `The claims-heavy athlete page alone (search, results with events and Games, claims with citations and quotes; ${Buffer.byteLength(await answerText(CLAIMS_HEAVY_PAGE)).toLocaleString('en')} bytes):`,
    '',
    table(header, rows('page', ['bare', 'ours-uncached', 'ours'])),
    '',
    table(
      ['ratio', 'req/s', 'by server CPU per request', 'target', 'met (by req/s)'],
      [
        target(
          'mix: uncached / bare node:http',
          rps('mix', 'ours-uncached') / rps('mix', 'bare'),
          cpuRatio('mix', 'ours-uncached', 'bare'),
          '≥ 0.5×',
        ),
        target(
          'athlete page: uncached / bare node:http',
          rps('page', 'ours-uncached') / rps('page', 'bare'),
          cpuRatio('page', 'ours-uncached', 'bare'),
          '≥ 0.35×',
        ),
        target(
          'mix: uncached / stock graphql-yoga',
          rps('mix', 'ours-uncached') / rps('mix', 'yoga'),
          cpuRatio('mix', 'ours-uncached', 'yoga'),
          '≥ 3×',
        ),
        target(
          'mix: uncached / Apollo Server',
          rps('mix', 'ours-uncached') / rps('mix', 'apollo'),
          cpuRatio('mix', 'ours-uncached', 'apollo'),
          '—',
        ),
        target(
          'mix: uncached / the same without the fast lane',
          rps('mix', 'ours-uncached') / rps('mix', 'ours-pipeline'),
          cpuRatio('mix', 'ours-uncached', 'ours-pipeline'),
          '—',
        ),
        target('mix: p99 uncached / p99 bare', p99('mix', 'ours-uncached') / p99('mix', 'bare'), '', '≤ 3×'),
        target(
          'mix: cached (answer cache hit) / bare',
          rps('mix', 'ours') / rps('mix', 'bare'),
          cpuRatio('mix', 'ours', 'bare'),
          '≥ 0.8×',
        ),
      ],
    ),
    '',
    'Server CPU per request (from /proc, over the same timed rounds) depends far less than req/s on what else the machine runs: on a shared machine, compare by it. It is not the req/s ratio of a quiet machine: a server slower than its client also pays, on each write, for waking the client. The targets are in req/s, on a quiet machine.',
  ].join('\n');
}

/** The app's answer to a query, in-process: what the bench's requests are answered with. */
async function answerText(query: string): Promise<string> {
  const app = createApp({
    store: await openStore(
      { ...loadConfig(), dataDir: path.join(ROOT, 'data'), storeCache: BENCH_CACHE },
      { log: () => {} },
    ),
    publicBaseUrl: 'http://127.0.0.1',
  });
  const response = await app.fetch('http://127.0.0.1/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(query),
  });
  return response.text();
}

interface Latency {
  readonly medians: Record<string, number>;
  /** RSS once opened, then after each query's runs (what each read or built on first use). */
  readonly rssAfterMb: Record<string, number>;
  readonly loadedMs: number;
  readonly rssMb: number;
  readonly peakMb: number;
  readonly results: number;
  readonly records: number;
}

/** Loads one data size in a fresh process and times each query of a set there, in-process. */
async function measureLatency(dataDir: string, queries: 'scaling' | 'filters' = 'scaling'): Promise<Latency> {
  let peak = 0;
  const measured = await measureInProcess<Omit<Latency, 'peakMb'>>(
    'server',
    'latency',
    { VARIANT: 'latency', QUERIES: queries, DATA_DIR: dataDir },
    async (pid) => {
      peak = Math.max(peak, (await procStatusKb(pid, 'VmHWM')) || 0);
    },
  );
  return { ...measured, peakMb: Math.round(peak / 1024) };
}

/** The latency run's columns: the scaling queries, and the search asked fresh each time. */
const LATENCY_COLUMNS = [...Object.keys(SCALING_QUERIES), 'freshSearch'];

async function scaling(scales: readonly number[]): Promise<string> {
  const measured = new Map<number, Latency>();
  for (const scale of scales) measured.set(scale, await measureLatency(await dataFor(scale)));
  const first = measured.get(scales[0] ?? 1);
  const rows = scales.map((scale) => {
    const row = measured.get(scale);
    return [
      `${scale}× (${(row?.results ?? 0).toLocaleString('en')} results, ${(row?.records ?? 0).toLocaleString('en')} records)`,
      ...LATENCY_COLUMNS.map(
        (name) =>
          `${(row?.medians[name] ?? Number.NaN).toFixed(3)} ms (${ratio(row?.medians[name] ?? Number.NaN, first?.medians[name] ?? Number.NaN)})`,
      ),
      `${((row?.loadedMs ?? 0) / 1000).toFixed(1)} s`,
      `${row?.rssMb} MB (peak ${row?.peakMb} MB)`,
      Object.entries(row?.rssAfterMb ?? {})
        .map(([name, mb]) => `${name} ${mb}`)
        .join(' → '),
    ];
  });
  return [
    '### 3–4. Median latency in-process (2,000 runs each after 3,000 to warm up, each bounded to 10 s; no response cache) as the data grows; start-up and memory',
    table(
      ['data', ...LATENCY_COLUMNS, 'load time', 'RSS after queries', 'RSS (MB) opened, then after each query'],
      rows,
    ),
    '',
    '`search` asks "rim ju" again and again (its matches counted once and kept); `freshSearch` asks it in a spelling not seen lately each time, so each first page is ranked afresh. "rim ju" matches every synthetic copy of the seed\'s athlete: 200,000 at 200,000×.',
    '',
    'Targets: lookups and first pages ≤ 1.2× their latency at 1×; the first page of a search with 200,000 matches ≤ 5 ms; a second start with ~1M results ready ≤ 2 s within 1.5 GB (see the start section; the load time here includes compiling where the snapshot was missing).',
  ].join('\n');
}

/**
 * Filtered first pages against unfiltered ones, each pair timed in the same process on the largest
 * graph: what a filter adds to a first page when the store's indexes answer it, and when they do not.
 */
async function filters(scale: number): Promise<string> {
  const measured = await measureLatency(await dataFor(scale), 'filters');
  const at = (name: string) => measured.medians[name] ?? Number.NaN;
  const rows = Object.entries(FILTERED_PAGES).map(([name, { against, how }]) => [
    `\`${name}\``,
    how,
    `${at(name).toFixed(3)} ms`,
    name === against ? '—' : `${ratio(at(name), at(against))} of \`${against}\``,
  ]);
  return [
    `### 4b. Filtered first pages (first: 20) at ${scale}× (${measured.results.toLocaleString('en')} results, ${measured.records.toLocaleString('en')} records), median in-process latency, no response cache`,
    table(['page', 'what answers the filter', 'median', 'vs the unfiltered page'], rows),
    '',
    'Every page asks for totalCount. Target: each filtered first page within 2× of the unfiltered one. On the snapshot store filters are answered over ids (src/graph/query/ids.ts): bitsets per value of a fact with few values (built once per store), relation filters as semi-joins over the relation indexes, `contains`/`startsWith` as indexOf over a folded text column, other numbers compared in a typed array; the sets of relation and text filters are kept for the next page. Only the page’s records are built. The first request that needs a column’s bitsets, text or numbers, or a relation’s owners, pays one pass over it; the medians here are of repeated requests.',
  ].join('\n');
}

async function exportRun(
  dataDir: string,
  format: string,
): Promise<{ loadMs: number; dumpMs: number; rssAfterLoadMb: number; peakMb: number }> {
  const out = path.join(os.tmpdir(), `paralympics-bench-export.${format}`);
  const removed = undoneOnInterrupt(() => rm(out, { force: true }));
  const child = spawnNode([...CLI, 'export', '--format', format, '--out', out], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, STORE_CACHE: BENCH_CACHE },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let rssAfterLoad = Number.NaN;
  let peak = 0;
  const sampler = setInterval(async () => {
    peak = Math.max(peak, (await procStatusKb(child.pid ?? 0, 'VmHWM')) || 0);
  }, 50);
  child.stderr?.on('data', async (chunk) => {
    stderr += chunk;
    if (Number.isNaN(rssAfterLoad) && stderr.includes('Loaded the graph'))
      rssAfterLoad = await procStatusKb(child.pid ?? 0, 'VmRSS');
  });
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  await rm(out, { force: true });
  removed();
  return {
    loadMs: Number(stderr.match(/Loaded the graph in (\d+) ms/)?.[1]),
    dumpMs: Number(
      stderr
        .match(/ in (\d+) ms/g)
        ?.at(-1)
        ?.match(/\d+/)?.[0],
    ),
    rssAfterLoadMb: rssAfterLoad / 1024,
    peakMb: peak / 1024,
  };
}

async function exports(scale: number): Promise<string> {
  const dataDir = await dataFor(scale);
  const triples = (await new LinkedDataset(await loadGraph(dataDir), 'http://127.0.0.1').statistics()).triples;
  const rows = [];
  for (const format of ['nquads', 'turtle', 'jsonld']) {
    const run = await exportRun(dataDir, format);
    rows.push([
      format,
      `${(run.dumpMs / 1000).toFixed(1)} s`,
      Math.round(triples / (run.dumpMs / 1000)).toLocaleString('en'),
      `${Math.round(run.rssAfterLoadMb)} MB`,
      `${Math.round(run.peakMb)} MB (+${Math.round(run.peakMb - run.rssAfterLoadMb)} MB)`,
    ]);
  }

  // Against jsonld.js on one graph: our compacted documents and triples, and the same through jsonld.js,
  // which takes seconds where we take milliseconds, hence a graph smaller than the dumps'.
  const compared = Math.min(scale, JSONLD_JS_SCALE);
  const dataset = new LinkedDataset(await loadGraph(await dataFor(compared)), 'http://127.0.0.1');
  const time = async (work: () => unknown, repeat: number) => {
    const start = performance.now();
    for (let index = 0; index < repeat; index++) await work();
    return (performance.now() - start) / repeat;
  };
  const documentLoader = offlineDocumentLoader([]);
  const ours = () => dataset.document(dataset.records());
  const expanded = await jsonld.expand(ours() as unknown as JsonLdDocument, { documentLoader });
  const oursCompact = await time(ours, 20);
  const theirsCompact = await time(() => jsonld.compact(expanded, JSONLD_CONTEXT as never, { documentLoader }), 3);
  const oursRdf = await time(() => {
    let count = 0;
    for (const record of dataset.records()) for (const _ of dataset.quads(record)) count += 1;
    return count;
  }, 20);
  const theirsRdf = await time(
    () => jsonld.toRDF(ours() as unknown as JsonLdDocument, { documentLoader } as jsonld.Options.ToRdf),
    3,
  );
  return [
    `### 5. Export at ${scale}× (${triples.toLocaleString('en')} triples), each dump written by \`${CLI_COMMAND} export\``,
    table(['format', 'dump time', 'triples/s', 'RSS after load', 'peak RSS (growth while dumping)'], rows),
    '',
    `Against jsonld.js on the ${compared}× graph (${(await dataset.statistics()).triples.toLocaleString('en')} triples): compacted JSON-LD ${oursCompact.toFixed(1)} ms vs jsonld.compact ${theirsCompact.toFixed(1)} ms (${ratio(theirsCompact, oursCompact)} faster, target ≥ 10×); triples ${oursRdf.toFixed(1)} ms vs jsonld.toRDF ${theirsRdf.toFixed(1)} ms (${ratio(theirsRdf, oursRdf)} faster).`,
  ].join('\n');
}

/**
 * What a persisted query costs: the frontend mix sent as GETs by hash (Automatic Persisted Queries)
 * against the same GETs with the document, on the fast lane and on the full pipeline.
 */
async function persisted(): Promise<string> {
  const documents = Object.values(FRONTEND_MIX);
  const hashOf = (document: string) => createHash('sha256').update(document).digest('hex');
  const get = (search: Record<string, string>): autocannon.Request => ({
    method: 'GET',
    path: `/graphql?${new URLSearchParams(search)}`,
  });
  const byText = documents.map((query) => get({ query }));
  const byHash = documents.map((query) =>
    get({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hashOf(query) } }) }),
  );
  const sets = {
    'GET with the document, fast lane': { requests: byText, servers: ['ours-uncached'] },
    'GET by hash, fast lane': { requests: byHash, servers: ['ours-uncached'] },
    'GET with the document, full pipeline': { requests: byText, servers: ['ours-pipeline'] },
    'GET by hash, full pipeline': { requests: byHash, servers: ['ours-pipeline'] },
  };
  const register = async (running: ReadonlyMap<string, Running>) => {
    for (const server of running.values()) {
      // Registration: each document once with its hash, as a client does after its first miss.
      for (const query of documents) {
        const extensions = { persistedQuery: { version: 1, sha256Hash: hashOf(query) } };
        await fetch(`http://127.0.0.1:${server.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, extensions }),
        });
      }
    }
    for (const [name, { requests, servers }] of Object.entries(sets)) {
      // A miss is a 200 with errors: make sure every request is answered with data before timing it.
      for (const request of requests) {
        const answer = await fetch(`http://127.0.0.1:${running.get(servers[0] ?? '')?.port}${request.path}`);
        if ((await answer.text()).includes('"errors"')) throw new Error(`${name}: ${request.path} is not answered`);
      }
    }
  };
  const seed = path.join(ROOT, 'data');
  const { rps, p99, failed } = await sideBySide(
    {
      'ours-uncached': () => startServer('ours-uncached', seed),
      'ours-pipeline': () => startServer('ours-pipeline', seed),
    },
    sets,
    ROUNDS,
    SECONDS,
    register,
  );
  const serverOf = (name: string) => sets[name as keyof typeof sets].servers[0] ?? '';
  const first = Object.keys(sets)[0] ?? '';
  return [
    `### 6. Persisted queries: the frontend mix as GETs, ${ROUNDS} interleaved rounds of ${SECONDS} s, 10 connections, no response cache`,
    table(
      ['requests', 'req/s (median)', 'p99 ms', 'failed', 'vs GET with the document on the fast lane'],
      Object.keys(sets).map((name) => [
        name,
        Math.round(rps(name, serverOf(name))),
        p99(name, serverOf(name)).toFixed(2),
        failed(name, serverOf(name)),
        ratio(rps(name, serverOf(name)), rps(first, serverOf(first))),
      ]),
    ),
  ].join('\n');
}

interface SparqlRun {
  readonly engine: string;
  readonly quads: number;
  readonly loadMs: number;
  readonly memoryMb: number;
  readonly medianMs: number;
  readonly runs: number;
}

/** How long one engine may take at one size before it is stopped and recorded as not finishing. */
const SPARQL_RUN_LIMIT_MS = 15 * 60_000;

/** Measures one engine at one size in its own process (bench/sparql-engine.ts); undefined if it did not finish. */
function sparqlRun(engine: string, dataDir: string): Promise<SparqlRun | undefined> {
  const heapMb = Math.floor((os.totalmem() / 2 ** 20) * 0.75);
  const child = spawnNode(['--expose-gc', `--max-old-space-size=${heapMb}`, ...benchScript('sparql-engine')], {
    cwd: ROOT,
    env: { ...process.env, ENGINE: engine, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The whole group: the engine's process and what it started (a Virtuoso).
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), SPARQL_RUN_LIMIT_MS);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) =>
    child.on('exit', () => {
      clearTimeout(timer);
      const line = output.match(/sparql (.+)/)?.[1];
      resolve(line ? (JSON.parse(line) as SparqlRun) : undefined);
    }),
  );
}

async function sparql(): Promise<string> {
  const sizes = options['sparql-scales'].split(',').map(Number);
  const engines = options['sparql-engines'].split(',');
  const rows: string[][] = [];
  for (const scale of sizes) {
    const dataDir = await dataFor(scale);
    const measured = new Map<string, SparqlRun | undefined>();
    for (const engine of engines) measured.set(engine, await sparqlRun(engine, dataDir));
    const oxigraph = measured.get('oxigraph');
    for (const engine of engines) {
      const run = measured.get(engine);
      rows.push(
        run
          ? [
              `${scale}×`,
              engine,
              run.quads.toLocaleString('en'),
              `${(run.loadMs / 1000).toFixed(1)} s`,
              `${Math.round(run.memoryMb)} MB`,
              `${run.medianMs.toFixed(2)} ms${oxigraph && engine !== 'oxigraph' ? ` (${ratio(run.medianMs, oxigraph.medianMs)})` : ''}`,
              String(run.runs),
            ]
          : [`${scale}×`, engine, '—', `did not finish in ${SPARQL_RUN_LIMIT_MS / 60_000} min`, '—', '—', '—'],
      );
    }
  }
  return [
    '### 7. SPARQL engines: loading the N-Quads dump, memory, the athlete-page query (bench/sparql-queries.ts)',
    table(
      ['data', 'engine', 'quads', 'load time', 'memory of the store', 'median latency (vs oxigraph)', 'timed runs'],
      rows,
    ),
    '',
    'oxigraph: the package in-process; comunica: @comunica/query-sparql-rdfjs over an N3.js store; endpoint: our /sparql in-process (Oxigraph in worker threads, one store per concurrent query, checks, rewriting and result writing included); virtuoso: Virtuoso 7 bulk-loaded, asked over loopback HTTP (memory: its process).',
  ].join('\n');
}

/** Runs bench/search.ts on one data size in a fresh process (so its heap is its own), its cache in a directory of ours. */
async function measureSearch(dataDir: string): Promise<SearchMeasurement> {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'search-bench-'));
  const remove = () => rm(cacheDir, { recursive: true, force: true });
  const removed = undoneOnInterrupt(remove);
  try {
    return await measureInProcess('search', 'search', { DATA_DIR: dataDir, CACHE_DIR: cacheDir });
  } finally {
    await remove();
    removed();
  }
}

async function searchSection(sizes: readonly number[]): Promise<string> {
  const measured = new Map<number, SearchMeasurement>();
  for (const scale of sizes) measured.set(scale, await measureSearch(await dataFor(scale)));
  const first = measured.get(sizes[0] ?? 1);
  const indexRows = sizes.map((scale) => {
    const row = measured.get(scale) as SearchMeasurement;
    return [
      `${scale}×`,
      row.entities.toLocaleString('en'),
      row.texts.toLocaleString('en'),
      row.terms.toLocaleString('en'),
      `${(row.buildMs / 1000).toFixed(2)} s`,
      `${row.heapMb.toFixed(1)} MB`,
      `${(row.savedBytes / 2 ** 20).toFixed(1)} MB`,
      `${(row.readMs / 1000).toFixed(2)} s`,
    ];
  });
  const queryRows = sizes.flatMap((scale) => {
    const row = measured.get(scale) as SearchMeasurement;
    return Object.entries(SEARCH_TEXTS).map(([name, text]) => [
      `${scale}×`,
      `${name} (\`${text}\`)`,
      row.matches[name]?.toLocaleString('en') ?? '',
      `${(row.firstPageMs[name] ?? Number.NaN).toFixed(2)} ms (${ratio(row.firstPageMs[name] ?? Number.NaN, first?.firstPageMs[name] ?? Number.NaN)})`,
      `${(row.countedMs[name] ?? Number.NaN).toFixed(2)} ms (${ratio(row.countedMs[name] ?? Number.NaN, first?.countedMs[name] ?? Number.NaN)})`,
      `${(row.repeatedMs[name] ?? Number.NaN).toFixed(2)} ms`,
    ]);
  });
  return [
    '### 8. Full-text search over distinct texts (words in the radix tree of MiniSearch, scores over typed arrays): the index, and median GraphQL latency in-process',
    table(
      ['data', 'entities', 'distinct texts', 'words', 'build', 'heap', 'saved (STORE_CACHE)', 'read back'],
      indexRows,
    ),
    '',
    table(
      [
        'data',
        'search',
        'matches',
        'first page of 10, with snippets',
        'with totalCount and facets',
        'first page again',
      ],
      queryRows,
    ),
    '',
    'Ratios against 1×; each search scored afresh but the last column, where its matches are kept (paging, a repeated search). The first page ranks only its entities, its texts found best first by the threshold algorithm over impact-ordered word lists; totalCount and facets count every matching entity.',
  ].join('\n');
}

endChildrenOnInterrupt();
undoneOnInterrupt(removeAbandonedTemporaryFiles);
const scales = [1, 100, MAX_SCALE].filter((scale, index, all) => all.indexOf(scale) === index && scale <= MAX_SCALE);
console.log(
  `# paralympics-graph benchmark\n\n${new Date().toISOString()} · ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version}\n`,
);
if (SECTIONS.has('throughput')) console.log(`${await throughput()}\n`);
if (SECTIONS.has('scaling')) console.log(`${await scaling(scales)}\n`);
if (SECTIONS.has('filters')) console.log(`${await filters(MAX_SCALE)}\n`);
if (SECTIONS.has('export')) console.log(`${await exports(MAX_SCALE)}\n`);
if (SECTIONS.has('persisted')) console.log(`${await persisted()}\n`);
if (SECTIONS.has('sparql')) console.log(`${await sparql()}\n`);
if (SECTIONS.has('search'))
  console.log(`${await searchSection([1, MAX_SCALE].filter((scale, index, all) => all.indexOf(scale) === index))}\n`);
const STORE_SCALES = options.scales.split(',').map(Number);
if (SECTIONS.has('compile')) console.log(`${await compiling(STORE_SCALES)}\n`);
if (SECTIONS.has('start')) console.log(`${await starting(STORE_SCALES)}\n`);
if (SECTIONS.has('linked-data')) {
  const scale = Math.max(...STORE_SCALES);
  console.log(`${await firstLinkedData(await dataFor(scale), `${scale.toLocaleString('en')}×`)}\n`);
}
if (SECTIONS.has('stores'))
  console.log(
    await stores(
      Number(options['stores-scale']),
      ROUNDS,
      SECONDS,
      options['stores-variants'].split(','),
      options['stores-search-index'] !== 'skip',
    ),
  );
