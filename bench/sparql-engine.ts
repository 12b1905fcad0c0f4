/**
 * One SPARQL engine measured in its own process, on the N-Quads dump of DATA_DIR: how long it takes to
 * load the dump, the memory the loaded store takes, and the median latency of the athlete-page query.
 * ENGINE is `oxigraph` (the package, in this thread), `comunica` (@comunica/query-sparql-rdfjs over an
 * N3.js store), `endpoint` (our /sparql, in-process: Oxigraph in worker threads, checks, rewriting and
 * result writing included) or `virtuoso` (a Virtuoso of its own, bulk-loaded, asked over HTTP).
 * Prints `sparql {json}`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryEngine } from '@comunica/query-sparql-rdfjs';
import { Store as N3Store, Parser } from 'n3';
import oxigraph from 'oxigraph';
import { loadGraph } from '../src/graph/loader.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { datasetQuads, storedDefaultGraph } from '../src/sparql/graphs.js';
import { createApp } from '../src/yoga.js';
import { startVirtuoso } from '../tests/virtuoso.js';
import { athletePageSparql } from './sparql-queries.js';

const BASE = 'http://127.0.0.1';
const engine = process.env.ENGINE ?? 'oxigraph';
const store = await loadGraph(process.env.DATA_DIR ?? 'data');
const dataset = new LinkedDataset(store, BASE);
const query = athletePageSparql(BASE);

const rssMb = async (pid = process.pid) => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN) / 1024;
};

/** Loads the dump into the engine; returns the query to time and what to do at the end. */
type Loaded = { run: () => Promise<number>; quads: number; memoryMb: () => Promise<number>; end?: () => Promise<void> };

async function load(): Promise<Loaded> {
  if (engine === 'endpoint') {
    const app = createApp({ store, publicBaseUrl: BASE, sparql: { log: () => {} } });
    const ask = async () => {
      const response = await app.fetch(`${BASE}/sparql?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/sparql-results+json' },
      });
      if (response.status !== 200) throw new Error(`/sparql answered ${response.status}: ${await response.text()}`);
      return (await response.text()).length;
    };
    const before = await rssMb();
    await ask(); // builds the stores
    const quads = [...datasetQuads(dataset)].reduce((sum, chunk) => sum + (chunk.match(/\n/g)?.length ?? 0), 0);
    const after = await rssMb();
    return {
      run: ask,
      quads,
      memoryMb: async () => after - before,
      end: async () => {
        await app.dispose();
      },
    };
  }
  const chunks = [...datasetQuads(dataset)];
  const quads = chunks.reduce((sum, chunk) => sum + (chunk.match(/\n/g)?.length ?? 0), 0);
  if (engine === 'virtuoso') {
    // A cache of 1.3 GB (170,000 pages of 8 kB), as Virtuoso's own guide suggests for a few GB of RAM.
    const starting = startVirtuoso({ queryTimeoutSeconds: 60, buffers: 170_000 });
    // The named graphs and the default graph's triples, which the loader puts in the stored default graph.
    const file = path.join(tmpdir(), `paralympics-bench-${process.pid}.nq`);
    // An interrupted bench ends its children with SIGINT (more than one: the terminal's, then the
    // bench's): neither Virtuoso nor its files are left behind, even while it starts (then it stops
    // itself, as it has the SIGINT too).
    let interrupted = false;
    process.on('SIGINT', async () => {
      if (interrupted) return;
      interrupted = true;
      process.on('uncaughtException', () => {});
      await (await starting.catch(() => undefined))?.stop();
      await rm(file, { force: true });
      process.exit(130);
    });
    const virtuoso = await starting;
    await writeFile(file, chunks.join(''));
    chunks.length = 0;
    const started = performance.now();
    await virtuoso.load(file, storedDefaultGraph(BASE));
    loadMs = performance.now() - started;
    await rm(file, { force: true });
    const form = new URLSearchParams({ query, 'default-graph-uri': storedDefaultGraph(BASE) });
    return {
      quads,
      run: async () => {
        const response = await fetch(virtuoso.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
          body: form,
        });
        return (await response.text()).length;
      },
      memoryMb: () => rssMb(virtuoso.pid),
      end: () => virtuoso.stop(),
    };
  }
  globalThis.gc?.();
  const before = await rssMb();
  // Built before the clock starts: constructing Comunica's engine is a fixed cost, not loading.
  const comunica = engine === 'comunica' ? new QueryEngine() : undefined;
  const started = performance.now();
  let run: () => Promise<number>;
  if (comunica) {
    const n3 = new N3Store();
    const parser = new Parser({ format: 'N-Quads' });
    for (const chunk of chunks) n3.addQuads(parser.parse(chunk));
    run = async () => {
      const result = await comunica.query(query, { sources: [n3] });
      const { data } = await comunica.resultToString(result, 'application/sparql-results+json');
      let length = 0;
      for await (const chunk of data) length += String(chunk).length;
      return length;
    };
  } else {
    const ox = new oxigraph.Store();
    ox.load(chunks, { format: 'application/n-quads', no_transaction: true });
    run = async () => (ox.query(query, { results_format: 'application/sparql-results+json' }) as string).length;
  }
  loadMs = performance.now() - started;
  chunks.length = 0;
  globalThis.gc?.();
  const after = await rssMb();
  return { run, quads, memoryMb: async () => after - before };
}

let loadMs = Number.NaN;
const started = performance.now();
const loaded = await load();
if (Number.isNaN(loadMs)) loadMs = performance.now() - started;
const memoryMb = await loaded.memoryMb();

// Warm up, then time: both bounded, so that the slowest engine at the largest size still ends.
const warmUntil = performance.now() + 5_000;
for (let warm = 0; warm < 50 && performance.now() < warmUntil; warm++) await loaded.run();
const samples: number[] = [];
const timeUntil = performance.now() + 10_000;
while (samples.length < 500 && (samples.length < 5 || performance.now() < timeUntil)) {
  const before = performance.now();
  await loaded.run();
  samples.push(performance.now() - before);
}
samples.sort((a, b) => a - b);
await loaded.end?.();
console.log(
  `sparql ${JSON.stringify({ engine, quads: loaded.quads, loadMs, memoryMb, medianMs: samples[samples.length >> 1], runs: samples.length })}`,
);
