import cluster from 'node:cluster';
import { createServer } from 'node:http';
import net from 'node:net';
import { Progress } from './cli/progress.js';
import { type Config, loadConfig } from './config.js';
import { DataValidationError } from './graph/errors.js';
import { prepareFullText, readFullTextLater } from './graph/fulltext/registry.js';
import { KINDS } from './graph/kinds.js';
import { ensureSnapshot, openStore, type ProgressFactory } from './graph/open.js';
import type { Store } from './graph/store.js';
import { listenBase } from './http/base-iri.js';
import { trackConnections } from './http/connections.js';
import { edge, type Route } from './http/edge.js';
import { appRoute } from './http/handler.js';
import { plainReply, type Reply, withAddedHeaders } from './http/reply.js';
import { jsonLdProcessor } from './linked-data/jsonld-processor.js';
import { loadRdfXmlWriter } from './linked-data/rdf-xml.js';

/** A whole request must arrive within 30 s. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Longer than the 60 s idle timeout of common load balancers, so they never reuse a closed socket. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** After the listener closes, how long in-flight requests have before their connections are closed. */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** Once the listener is closed, a connection idle this long is closed; a busier one finishes first. */
const IDLE_BEFORE_CLOSE_MS = 2_000;
/**
 * The exit code of a refusal to start (bad settings or data), as sysexits' EX_CONFIG: starting again
 * would fail again, so neither the cluster's primary nor systemd (RestartPreventExitStatus) retries.
 */
export const EXIT_REFUSED = 78;

/** How the server names the base of its IRIs at start-up. */
function describeBase(config: Config, port: number): string {
  if (config.publicBaseUrl) return `IRIs under ${config.publicBaseUrl} (PUBLIC_BASE_URL)`;
  const here = listenBase(config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host, port);
  const proxy = config.trustProxy ? ', or what a trusted proxy forwards in X-Forwarded-Proto/Host (TRUST_PROXY)' : '';
  return `IRIs under the address each connection reaches, such as ${here}${proxy}; set PUBLIC_BASE_URL to publish them under a public name`;
}

const withConnectionClose = (reply: Reply): Reply => withAddedHeaders(reply, ['connection', 'close']);

async function serve(config: Config): Promise<void> {
  let state: 'loading' | 'ready' | 'draining' = 'loading';
  let app: Route | undefined;

  // Listening starts before the graph is loaded, so that orchestrators see the process alive (/healthz)
  // and not yet ready (/readyz answers 503 while loading and again while draining).
  const route: Route = async (request) => {
    let reply: Reply;
    if (request.path === '/readyz') {
      reply =
        state === 'ready'
          ? plainReply(200, 'ready', ['cache-control', 'no-store'])
          : plainReply(503, state, ['retry-after', '1']);
    } else if (app) {
      reply = await app(request);
    } else if (request.path === '/healthz') {
      reply = plainReply(200, 'alive', ['cache-control', 'no-store']);
    } else {
      reply = plainReply(503, 'Loading the graph; try again shortly.', ['retry-after', '1']);
    }
    // While draining, every answer closes its connection, so that keep-alive clients go elsewhere
    // before the listener closes, rather than having an idle connection closed under them.
    return state === 'draining' ? withConnectionClose(reply) : reply;
  };

  const server = createServer(
    { connectionsCheckingInterval: Math.min(config.headersTimeoutMs, 1_000) },
    edge(route, {
      publicBaseUrl: config.publicBaseUrl,
      trustProxy: config.trustProxy,
      sendTimeoutMs: config.sendTimeoutMs,
    }),
  );
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  const connections = trackConnections(server);
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal (Ctrl-C reaches a cluster's workers from the terminal and from the primary) changes nothing.
    if (state === 'draining') return;
    // Ctrl-C at a terminal stops at once; SIGTERM (a supervisor, a rolling restart) drains first.
    const delay = signal === 'SIGTERM' ? config.drainDelayMs : 0;
    console.log(`${signal} received: draining for ${delay} ms, finishing in-flight requests, then exiting.`);
    state = 'draining';
    setTimeout(() => {
      // net.Server's close, not http.Server's: that one also closes every connection without a
      // request being answered, a connection whose request has arrived but not yet been read
      // included, and its client gets a reset. Idle connections are closed below, with care.
      net.Server.prototype.close.call(server, () => process.exit(0));
      // Answers close their connections now; a connection idle for a while is closed, one just
      // accepted gets the time to send its request and be answered.
      const sweep = setInterval(() => connections.closeIdle(IDLE_BEFORE_CLOSE_MS), 100);
      sweep.unref();
      setTimeout(() => {
        server.closeAllConnections();
        process.exit(0);
      }, SHUTDOWN_DEADLINE_MS).unref();
    }, delay);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));

  let store: Store;
  try {
    const opening = performance.now();
    store = await openStore(config, { progress });
    const records = KINDS.reduce((sum, kind) => sum + store.count(kind), 0);
    console.log(
      `Opened the graph (${records.toLocaleString('en')} records, ${config.store}) in ${Math.round(performance.now() - opening)} ms.`,
    );
    // A saved index is only opened here; the background reads it once the server is ready.
    await prepareFullText(store, { cacheDir: config.storeCache, onFirstUse: true });
    app = appRoute({
      store,
      publicBaseUrl: config.publicBaseUrl,
      development: config.development,
      graphiql: config.graphiql,
      introspection: config.introspection,
      trustedDocumentsOnly: config.trustedDocumentsOnly,
      automaticPersistedQueries: config.automaticPersistedQueries,
      federation: config.federation,
      responseCache: config.responseCache,
      responseCacheBytes: config.responseCacheBytes,
      maxConcurrentDumps: config.maxConcurrentDumps,
      sparql: config.sparql,
    });
  } catch (error) {
    if (error instanceof DataValidationError) {
      console.error(`Refusing to start: ${config.dataDir}\n${error.message}`);
      process.exit(EXIT_REFUSED);
    }
    throw error;
  }
  if (state === 'loading') state = 'ready';
  warmAfterReady(store);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  console.log(
    `paralympics-graph: GraphiQL at ${listenBase(config.host, port)}/graphql; ${describeBase(config, port)}.`,
  );
}

const progress: ProgressFactory = (label, total) => new Progress(label, total);

/**
 * Loads, once the server is ready, what requests need and is not loaded at start: the snapshot's
 * sections every request reads, the search index and its word tree for typos, jsonld.js for expanded
 * and flattened JSON-LD, Oxigraph for RDF/XML. Files are read off the main thread; a request that
 * comes sooner reads or loads what it needs itself.
 */
function warmAfterReady(store: Store): void {
  setImmediate(() => {
    const failed = (what: string) => (error: unknown) => {
      console.error(`Loading ${what} failed: ${(error as Error).message}`);
    };
    (store.preload?.() ?? Promise.resolve())
      .then(() => readFullTextLater(store))
      .catch(failed('the graph and its search index'));
    Promise.all([jsonLdProcessor(), loadRdfXmlWriter()]).catch(failed('the linked-data libraries'));
  });
}

/** Before workers are forked: the snapshot compiled where it is missing or stale. */
async function prepare(config: Config): Promise<void> {
  if (config.store === 'snapshot')
    await ensureSnapshot({ dataDir: config.dataDir, cacheDir: config.storeCache, progress });
}

// A bug in one request's asynchronous work must not take down the server for everyone else.
process.on('unhandledRejection', (reason) => {
  const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
  console.error(`Unhandled rejection: ${text.replace(/\s*\n\s*/g, ' | ')}`);
});

/** Restarts of a crashing worker wait 1 s, 2 s, 4 s… up to this, so a crash loop does not spin. */
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that ran this long before exiting was not crash-looping: its next restart is immediate. */
const STABLE_AFTER_MS = 60_000;

/**
 * With WORKERS > 1, a primary process forks that many workers sharing the port (node:cluster) and
 * replaces any that exits, with a growing delay while they keep failing, except for a refusal to
 * start (bad data or settings, EXIT_REFUSED), which would fail again: that stops them all.
 */
function supervise(workers: number): void {
  let stopping = false;
  let failures = 0;
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
  };
  for (let index = 0; index < workers; index++) fork();
  cluster.on('exit', (worker, code, signal) => {
    const ranFor = Date.now() - (started.get(worker.id) ?? Date.now());
    started.delete(worker.id);
    if (!stopping && code === EXIT_REFUSED) {
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = EXIT_REFUSED;
    } else if (!stopping) {
      failures = ranFor >= STABLE_AFTER_MS ? 0 : failures + 1;
      const delay = failures === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 1_000 * 2 ** (failures - 1));
      console.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another in ${delay} ms.`);
      setTimeout(() => {
        if (!stopping) fork();
      }, delay);
    }
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function main(): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(EXIT_REFUSED);
  }
  if (cluster.isPrimary && config.workers > 1) {
    // Compiled once, here, so that the workers only open it.
    prepare(config)
      .then(() => supervise(config.workers))
      .catch((error: unknown) => {
        if (!(error instanceof DataValidationError)) {
          console.error(error);
          process.exit(1);
        }
        console.error(`Refusing to start: ${config.dataDir}\n${error.message}`);
        process.exit(EXIT_REFUSED);
      });
    return;
  }
  serve(config).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

main();
