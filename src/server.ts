import { createServer } from 'node:http';
import { loadConfig } from './config.js';
import { DataValidationError } from './graph/errors.js';
import { loadGraph } from './graph/loader.js';
import type { Store } from './graph/store.js';
import { createApp } from './yoga.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  let store: Store;
  try {
    store = await loadGraph(config.dataDir);
  } catch (error) {
    if (error instanceof DataValidationError) {
      console.error(`Refusing to start: ${config.dataDir}\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const app = createApp({ store, publicBaseUrl: config.publicBaseUrl });
  const server = createServer(app);
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    console.log(`paralympics-graph: GraphiQL at http://${config.host}:${port}/graphql`);
  });

  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`${signal} received: finishing in-flight requests, then exiting.`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
