/**
 * The first linked-data requests a fresh server answers (run in a process of its own by `npm run
 * bench -- --sections linked-data`): an athlete's, the most linked Games' and the most cited report's
 * entity documents, then the dataset description (VoID), the sitemap index and its first file, and a
 * first SPARQL query (which at sizes over SPARQL_MAX_QUADS is refused), each timed in CPU and wall time, with the
 * process's RSS after it and the size of what was sent. FIRST (`entities` or `void`) says which
 * comes first: each is what a server opened a moment ago pays on its first such request.
 * Prints `first-requests <JSON>`.
 */
import { loadConfig } from '../src/config.js';
import type { EntityRecord } from '../src/graph/model.js';
import { openStore } from '../src/graph/open.js';
import type { Store } from '../src/graph/store.js';
import { countStatistics } from '../src/linked-data/statistics.js';
import { createApp } from '../src/yoga.js';
import type { Measured } from './linked-data.js';

const BASE = 'http://127.0.0.1';
const store = await openStore(loadConfig(), { log: (message) => console.error(message), annotate: countStatistics });
const app = createApp({ store, publicBaseUrl: BASE });

/** The record of a kind with the longest list by `size`, among the first `limit` of its display order. */
async function largest<T extends EntityRecord>(
  records: readonly T[],
  size: (record: T) => number,
): Promise<T | undefined> {
  let best: T | undefined;
  let most = -1;
  for (const record of records) {
    const length = size(record);
    if (length > most) {
      best = record;
      most = length;
    }
  }
  return best;
}

async function targets(of: Store) {
  const games = await largest(of.all('games').slice(), (record) => of.eventsAt(record).length);
  const report = await largest(of.all('report').slice(), (record) => of.entitiesCiting(record).length);
  const athlete = of.get('athlete', 'rim-ju-song') ?? of.all('athlete').at(0);
  return { athlete, games, report };
}

async function measure(path: string): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const accept = path.startsWith('/sparql?') ? 'application/sparql-results+json' : 'text/turtle';
  const response = await app.fetch(`${BASE}${path}`, { headers: { accept } });
  const text = await response.text();
  const used = process.cpuUsage(cpu);
  return {
    path,
    status: response.status,
    cpuMs: Math.round((used.user + used.system) / 1000),
    wallMs: Math.round(performance.now() - started),
    bytes: Buffer.byteLength(text),
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

const { athlete, games, report } = await store.read(() => targets(store));
const rssBefore = Math.round(process.memoryUsage().rss / 2 ** 20);
const entityPaths = [athlete, games, report].flatMap((record) =>
  record ? [`/id/${record.kind}/${encodeURIComponent(record.slug)}`] : [],
);
const SPARQL_COUNT = `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')}`;
const order =
  process.env.FIRST === 'void'
    ? ['/.well-known/void', ...entityPaths]
    : [...entityPaths, '/.well-known/void', '/sitemap.xml', '/sitemap-1.xml', SPARQL_COUNT];
const measured: Measured[] = [];
for (const path of order) measured.push(await measure(path));
console.log(`first-requests ${JSON.stringify({ rssBefore, measured })}`);
await store.close();
process.exit(0);
