import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionResult } from 'graphql';
import { vi } from 'vitest';
import { runGenerate } from '../src/cli/generate.js';
import { loadGraph } from '../src/graph/loader.js';
import { MemoryStore } from '../src/graph/memory/store.js';
import type { EntityRecord } from '../src/graph/model.js';
import type { Store } from '../src/graph/store.js';
import { type NodeHandlerOptions, nodeHandler } from '../src/http/handler.js';
import { type App, createApp } from '../src/yoga.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The data the tests read: `data/`, or TEST_DATA_DIR (tests/contributing.test.ts runs them on a contribution). */
export const DATA_DIR = process.env.TEST_DATA_DIR ?? path.join(PROJECT_ROOT, 'data');
export const BASE_URL = 'http://yoga.test';

/** A claim as a data file writes it: a value, ranked `preferred` where the sources disagree, and its citations. */
interface WrittenClaim {
  readonly value: unknown;
  readonly rank?: string;
  readonly citations?: readonly { readonly report: string }[];
}

/** A rank the data gives a result, whether it is the one shown, and the reports that state it. */
export interface RankInData {
  readonly value: number;
  readonly preferred: boolean;
  readonly reports: readonly string[];
}

/**
 * The ranks the data files give a result (by default Rim Ju-song's in 2012), the preferred one first,
 * read from `results.json` (or `.jsonl`) as written: what tests expect, rather than a number of their
 * own, so that a source giving another rank breaks none of them.
 */
export function rankClaimsInData(slug = 'rim-ju-song-2012-men-50m-freestyle-s6'): RankInData[] {
  const file = ['results.json', 'results.jsonl'].map((name) => path.join(DATA_DIR, name)).find(existsSync);
  if (file === undefined) throw new Error(`no results file in ${DATA_DIR}`);
  const text = readFileSync(file, 'utf8');
  const records: { slug: string; facts: { rank?: WrittenClaim | WrittenClaim[] | null } }[] = file.endsWith('.jsonl')
    ? text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line))
    : JSON.parse(text);
  const rank = records.find((record) => record.slug === slug)?.facts.rank;
  const claims = rank == null ? [] : Array.isArray(rank) ? rank : [rank];
  return claims
    .map((claim) => ({
      value: Number(claim.value),
      preferred: claim.rank === 'preferred' || claims.length === 1,
      reports: [...new Set((claim.citations ?? []).map((citation) => citation.report))],
    }))
    .sort((a, b) => Number(b.preferred) - Number(a.preferred));
}

/** The values of {@link rankClaimsInData}: the shown rank first. */
export const ranksInData = (slug?: string): number[] => rankClaimsInData(slug).map((claim) => claim.value);

let loaded: Promise<{ store: Store; app: App }> | undefined;

/** The real data behind the real app, loaded once per test file. */
export function realApp(): Promise<{ store: Store; app: App }> {
  loaded ??= loadGraph(DATA_DIR).then((store) => ({ store, app: createApp({ store }) }));
  return loaded;
}

// Test results are read field by field, so they are loosely typed on purpose.
// biome-ignore lint/suspicious/noExplicitAny: tests read deep result paths without a type per query
export type Data = any;

/** Sends one GraphQL request in-process, as a client would over HTTP. */
export async function graphql(
  query: string,
  variables?: Record<string, unknown>,
): Promise<ExecutionResult<Data> & { status: number }> {
  const { app } = await realApp();
  const response = await app.fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as ExecutionResult<Data>) };
}

/** Like {@link graphql}, but fails the test on any GraphQL error and returns `data`. */
export async function query(source: string, variables?: Record<string, unknown>): Promise<Data> {
  const result = await graphql(source, variables);
  if (result.errors) throw new Error(`Unexpected errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data;
}

export const errorCodes = (result: ExecutionResult): unknown[] =>
  (result.errors ?? []).map((error) => error.extensions?.code);

/** The real data served on a free loopback port as `npm start` serves it (answer cache, fast lane). */
export async function listenOnLoopback(
  options: Partial<NodeHandlerOptions> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const { store } = await realApp();
  const server = createServer(nodeHandler({ store, responseCache: true, ...options }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A loopback port free a moment ago, for a process that must listen on a port known in advance. */
/**
 * A store whose one delegation ("broken") names Games that are not there: resolving its Games throws a
 * plain Error, the unexpected kind of failure that answers must mask.
 */
export function storeWithDanglingGames(): MemoryStore {
  const delegation = {
    kind: 'delegation',
    slug: 'broken',
    file: 'delegations.json',
    citations: [],
    claims: [],
    textFile: null,
    facts: {
      description: [],
      country: 'nowhere',
      games: 'never',
      npc: null,
      participated: true,
      athlete: [],
      member: [],
    },
  } as unknown as EntityRecord;
  return new MemoryStore(new Map([['delegation', [delegation]]]));
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Writes the generator's graph at `scale` times the seed's size into a new temporary directory, quietly. */
export async function generatedDataDir(scale: number): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `paralympics-${scale}x-`));
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await runGenerate(['--scale', String(scale), '--out', dataDir]);
    if (code !== 0) throw new Error(`the generator exited with ${code} at ${scale}x`);
  } finally {
    quiet.mockRestore();
  }
  return dataDir;
}

/** Every URL the sitemaps list: the index at /sitemap.xml, then each numbered file it names, read with `read`. */
export async function sitemapUrls(read: (path: string) => Promise<string>): Promise<string[]> {
  const locs = (xml: string) =>
    [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));
  const urls: string[] = [];
  for (const file of locs(await read('/sitemap.xml'))) urls.push(...locs(await read(new URL(file).pathname)));
  return urls;
}
