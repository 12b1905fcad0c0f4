/**
 * The full-text search at one data size, in a process of its own (`npm run bench` runs it per size):
 * the index built from the compiled store (time, heap, distinct texts, words), saved as STORE_CACHE
 * keeps it (bytes) and read back (time), then the median latency of GraphQL searches in-process:
 * first pages as a search box asks for them, and the same with `totalCount` and `facets`, which count
 * every match. Prints `search <json>`. CACHE_DIR is where it compiles the snapshot and saves the index:
 * the bench makes that directory and removes it (even when it is interrupted and ends this process
 * in the middle of a measurement); without it, a temporary one of its own, removed at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FullTextIndex } from '../src/graph/fulltext/index.js';
import { fullTextOf, prepareFullText } from '../src/graph/fulltext/registry.js';
import { openSnapshotStore } from '../src/graph/open.js';
import { NAMED_KINDS } from '../src/graph/store.js';
import { createApp } from '../src/yoga.js';
import { SEARCH_TEXTS } from './queries.js';

const FIRST_PAGE = /* GraphQL */ `query($q: String!) {
  search(query: $q, first: 10) { edges { score node { __typename name } snippets(limit: 2) { field highlighted } } pageInfo { hasNextPage endCursor } }
}`;
const COUNTED = /* GraphQL */ `query($q: String!) {
  search(query: $q, first: 10) { totalCount facets { types { type count } games { count } countries { count } } edges { score node { name } } }
}`;

export interface SearchMeasurement {
  readonly entities: number;
  readonly texts: number;
  readonly terms: number;
  readonly buildMs: number;
  readonly heapMb: number;
  readonly savedBytes: number;
  readonly readMs: number;
  readonly matches: Record<string, number>;
  /** Each search scored afresh (its kept matches forgotten first). */
  readonly firstPageMs: Record<string, number>;
  readonly countedMs: Record<string, number>;
  /** The same first page asked again: the search's matches kept, as when a user pages or a box repeats it. */
  readonly repeatedMs: Record<string, number>;
}

async function median(run: () => Promise<unknown>, budgetMs: number): Promise<number> {
  const warmUntil = performance.now() + budgetMs / 4;
  for (let warm = 0; warm < 50 && performance.now() < warmUntil; warm++) await run();
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  while (samples.length < 500 && (samples.length < 5 || performance.now() < until)) {
    const before = performance.now();
    await run();
    samples.push(performance.now() - before);
  }
  return samples.sort((a, b) => a - b)[samples.length >> 1] ?? Number.NaN;
}

const dataDir = process.env.DATA_DIR ?? 'data';
const budgetMs = Number(process.env.BUDGET_MS ?? 3000);
const givenCacheDir = process.env.CACHE_DIR;
const cacheDir = givenCacheDir ?? (await mkdtemp(path.join(os.tmpdir(), 'search-bench-')));
try {
  const store = await openSnapshotStore({ dataDir, cacheDir, log: () => {} });
  // Every record read once, so the build is timed on its own work, not on first reads of the snapshot.
  for (const kind of NAMED_KINDS) store.all(kind).slice();
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const built = FullTextIndex.build(store);
  const buildMs = performance.now() - started;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const saved = built.toBytes();
  const readStarted = performance.now();
  FullTextIndex.fromBytes(saved, store.version);
  const readMs = performance.now() - readStarted;
  await prepareFullText(store, { cacheDir, log: () => {} });

  const app = createApp({ store, publicBaseUrl: 'http://127.0.0.1' });
  const ask = async (query: string, q: string) => {
    const response = await app.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { q } }),
    });
    const answer = (await response.json()) as { data?: { search?: { totalCount?: number } }; errors?: unknown };
    if (answer.errors) throw new Error(`search failed: ${JSON.stringify(answer.errors)}`);
    return answer;
  };
  const matches: Record<string, number> = {};
  const firstPageMs: Record<string, number> = {};
  const countedMs: Record<string, number> = {};
  const repeatedMs: Record<string, number> = {};
  const index = fullTextOf(store);
  const afresh = (query: string, text: string) => () => {
    index.forgetRecent();
    return ask(query, text);
  };
  for (const [name, text] of Object.entries(SEARCH_TEXTS)) {
    matches[name] = (await ask(COUNTED, text)).data?.search?.totalCount ?? Number.NaN;
    firstPageMs[name] = await median(afresh(FIRST_PAGE, text), budgetMs);
    countedMs[name] = await median(afresh(COUNTED, text), budgetMs);
    repeatedMs[name] = await median(() => ask(FIRST_PAGE, text), budgetMs);
  }
  const { entities, texts, terms } = built.size;
  const measured: SearchMeasurement = {
    entities,
    texts,
    terms,
    buildMs,
    heapMb,
    savedBytes: saved.length,
    readMs,
    matches,
    firstPageMs,
    countedMs,
    repeatedMs,
  };
  console.log(`search ${JSON.stringify(measured)}`);
  await store.close();
} finally {
  if (givenCacheDir === undefined) await rm(cacheDir, { recursive: true, force: true });
}
