/**
 * One server under test, in its own process so that it has a core to itself while autocannon runs in
 * the parent. VARIANT chooses what answers: the full app, the same app without its response cache,
 * stock graphql-yoga or Apollo Server on the same schema, or a bare node:http server returning the
 * bytes the app would. It prints `ready <port> <startup ms>` when listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createYoga } from 'graphql-yoga';
import { loadConfig } from '../src/config.js';
import { prepareFullText } from '../src/graph/fulltext/registry.js';
import { KINDS } from '../src/graph/kinds.js';
import { openStore } from '../src/graph/open.js';
import { readBody } from '../src/http/answers.js';
import { nodeHandler } from '../src/http/handler.js';
import { schema } from '../src/schema/index.js';
import { createApp, graphContexts } from '../src/yoga.js';
import {
  body,
  bodyWith,
  CLAIMS_HEAVY_PAGE,
  FILTERED_PAGES,
  FRESH_SEARCH,
  FRONTEND_MIX,
  SCALING_QUERIES,
} from './queries.js';

const started = performance.now();
// Exit normally on SIGINT, so that a profile asked for with --cpu-prof is written.
process.once('SIGINT', () => process.exit(0));
const variant = process.env.VARIANT ?? 'ours';
// As the server opens it: the snapshot in STORE_CACHE (compiled first when missing), or PostgreSQL,
// with the search index saved beside it (built there first when missing), read on the first search.
const config = loadConfig();
const store = await openStore(config, { log: (message) => console.error(message) });
await prepareFullText(store, {
  cacheDir: config.storeCache,
  onFirstUse: true,
  log: (message) => console.error(message),
});
const BASE = 'http://127.0.0.1';
/** The context every variant's resolvers get; IRIs are minted under BASE whatever the request's origin. */
const contextFor = graphContexts(store, BASE);

function ready(port: number): void {
  console.log(`ready ${port} ${Math.round(performance.now() - started)}`);
}

if (variant === 'latency') {
  // In-process timing of each query of a set (QUERIES: scaling or filters), median of many runs, with no response cache.
  const loadedMs = Math.round(performance.now() - started);
  // Steady state: the garbage of loading is collected before anything is timed.
  globalThis.gc?.();
  const app = createApp({ store, publicBaseUrl: BASE });
  const medians: Record<string, number> = {};
  /** The process's RSS once opened, then after each query's runs: what each query had read or built on first use. */
  const rss = () => Math.round(process.memoryUsage().rss / 2 ** 20);
  const rssAfterMb: Record<string, number> = { opened: rss() };
  const measured: [string, (run: number) => string][] =
    process.env.QUERIES === 'filters'
      ? Object.entries(FILTERED_PAGES).map(([name, { query }]): [string, () => string] => [name, () => body(query)])
      : [
          ...Object.entries(SCALING_QUERIES).map(([name, query]): [string, () => string] => [name, () => body(query)]),
          ['freshSearch', (run) => bodyWith(FRESH_SEARCH.query, FRESH_SEARCH.variables(run))],
        ];
  for (const [name, bodyOf] of measured) {
    let runs = 0;
    const run = async () => {
      const response = await app.fetch(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodyOf(runs++),
      });
      await response.text();
    };
    // 3,000 runs to warm up and 2,000 timed, each bounded to 10 s: a query whose cost follows its
    // matches (search at the largest sizes) still gets a median, in bounded time.
    const warmUntil = performance.now() + 10_000;
    for (let warm = 0; warm < 3000 && performance.now() < warmUntil; warm++) await run();
    const samples: number[] = [];
    const timeUntil = performance.now() + 10_000;
    while (samples.length < 2000 && (samples.length < 20 || performance.now() < timeUntil)) {
      const before = performance.now();
      await run();
      samples.push(performance.now() - before);
    }
    medians[name] = samples.sort((a, b) => a - b)[samples.length >> 1] ?? Number.NaN;
    rssAfterMb[name] = rss();
  }
  console.log(
    `latency ${JSON.stringify({
      medians,
      rssAfterMb,
      loadedMs,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      results: store.count('result'),
      records: KINDS.reduce((total, kind) => total + store.count(kind), 0),
    })}`,
  );
  process.exit(0);
} else if (variant === 'apollo') {
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async () => contextFor(BASE),
  });
  ready(Number(new URL(url).port));
} else if (variant === 'bare') {
  // The ceiling: the very responses the app gives (status, headers, body), looked up by request body,
  // with no GraphQL at all.
  const app = createApp({ store, publicBaseUrl: BASE });
  const answers = new Map<string, { headers: string[]; body: string }>();
  for (const query of [...Object.values(FRONTEND_MIX), CLAIMS_HEAVY_PAGE, ...Object.values(SCALING_QUERIES)]) {
    const response = await app.fetch(`${BASE}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(query),
    });
    const text = await response.text();
    const headers = [...response.headers].filter(([name]) => name !== 'content-length').flat();
    answers.set(body(query), { headers: [...headers, 'content-length', String(Buffer.byteLength(text))], body: text });
  }
  const server = createServer(async (request, response) => {
    const answer = answers.get((await readBody(request)).toString('utf8'));
    if (!answer) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('unknown query\n');
      return;
    }
    response.writeHead(200, answer.headers);
    response.end(answer.body);
  });
  server.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port));
} else {
  const handler =
    variant === 'yoga'
      ? createYoga({ schema, context: () => contextFor(BASE) })
      : nodeHandler({
          store,
          publicBaseUrl: BASE,
          responseCache: variant === 'ours',
          fastLane: variant !== 'ours-pipeline',
        });
  const server = createServer(handler);
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port));
}
