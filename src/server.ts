import cluster from 'node:cluster';
import { createServer, type ServerResponse } from 'node:http';
import { Progress } from './cli/progress.js';
import { type Config, loadConfig } from './config.js';
import { DataValidationError } from './graph/errors.js';
import { ensureSnapshot, openStore, type ProgressFactory } from './graph/open.js';
import { type NodeHandler, nodeHandler } from './http/handler.js';

/** Slow or stalled clients are cut off: headers within 10 s, a whole request within 30 s. */
const HEADERS_TIMEOUT_MS = Number(process.env.HEADERS_TIMEOUT_MS ?? 10_000);
const REQUEST_TIMEOUT_MS = 30_000;
/** Longer than the 60 s idle timeout of common load balancers, so they never reuse a closed socket. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const SHUTDOWN_DEADLINE_MS = 10_000;
/** How long /readyz answers 503 before the listener closes, so a load balancer stops routing here first. */
const DRAIN_DELAY_MS = Number(process.env.DRAIN_DELAY_MS ?? 0);

function plain(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(body);
}

async function serve(config: Config): Promise<void> {
  let state: 'loading' | 'ready' | 'draining' = 'loading';
  let app: NodeHandler | undefined;

  // Listening starts before the graph is loaded, so that orchestrators see the process alive (/healthz)
  // and not yet ready (/readyz answers 503 while loading and again while draining).
  const server = createServer(
    { connectionsCheckingInterval: Math.min(HEADERS_TIMEOUT_MS, 1_000) },
    (request, response) => {
      const path = request.url?.split('?')[0];
      if (state === 'draining') response.setHeader('connection', 'close');
      if (path === '/readyz') {
        return state === 'ready'
          ? plain(response, 200, 'ready\n')
          : plain(response, 503, `${state}\n`, { 'retry-after': '1' });
      }
      if (request.headers['transfer-encoding'] !== undefined) {
        // Bodies must declare their length, so that the body limit holds before anything is read.
        return plain(response, 411, 'Send a Content-Length: chunked request bodies are not accepted.\n', {
          connection: 'close',
        });
      }
      if (app) return app(request, response);
      if (path === '/healthz') return plain(response, 200, 'alive\n');
      return plain(response, 503, 'Loading the graph; try again shortly.\n', { 'retry-after': '1' });
    },
  );
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`${signal} received: finishing in-flight requests, then exiting.`);
    state = 'draining';
    setTimeout(() => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => {
        server.closeAllConnections();
        process.exit(0);
      }, SHUTDOWN_DEADLINE_MS).unref();
    }, DRAIN_DELAY_MS);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));

  try {
    const store = await openStore(config, { progress });
    app = nodeHandler({
      store,
      publicBaseUrl: config.publicBaseUrl,
      development: config.development,
      graphiql: config.graphiql,
      introspection: config.introspection,
      trustedDocumentsOnly: config.trustedDocumentsOnly,
      automaticPersistedQueries: config.automaticPersistedQueries,
      federation: config.federation,
      responseCache: config.responseCache,
    });
  } catch (error) {
    if (error instanceof DataValidationError) {
      console.error(`Refusing to start: ${config.dataDir}\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (state === 'loading') state = 'ready';
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  console.log(`paralympics-graph: GraphiQL at http://${config.host}:${port}/graphql`);
}

const progress: ProgressFactory = (label, total) => new Progress(label, total);

/** Before workers are forked: the snapshot compiled where it is missing or stale. */
async function prepare(config: Config): Promise<void> {
  if (config.store === 'snapshot')
    await ensureSnapshot({ dataDir: config.dataDir, cacheDir: config.storeCache, progress });
}

// A bug in one request's asynchronous work must not take down the server for everyone else.
process.on('unhandledRejection', (reason) => console.error('Unhandled rejection:', reason));

/**
 * With WORKERS > 1, a primary process forks that many workers sharing the port (node:cluster) and
 * replaces any that dies, except for a configuration or data error, which stops them all.
 */
function supervise(workers: number): void {
  let stopping = false;
  for (let index = 0; index < workers; index++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (!stopping && code === 1) {
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
    } else if (!stopping) {
      console.error(`Worker ${worker.process.pid} exited (${code}); starting another.`);
      cluster.fork();
    }
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function main(): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (cluster.isPrimary && config.workers > 1) {
    // Compiled once, here, so that the workers only open it.
    prepare(config)
      .then(() => supervise(config.workers))
      .catch((error: unknown) => {
        console.error(
          error instanceof DataValidationError ? `Refusing to start: ${config.dataDir}\n${error.message}` : error,
        );
        process.exit(1);
      });
    return;
  }
  serve(config).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

main();
