import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { EXAMPLE_QUERY } from './examples.js';
import type { Store } from './graph/store.js';
import { linkedDatasets } from './linked-data/registry.js';
import { useLinkedDataRoutes } from './linked-data/routes.js';
import { type Context, schema } from './schema/index.js';

export interface AppOptions {
  readonly store: Store;
  /** The base of entity IRIs; when undefined, the origin each request was made to. */
  readonly publicBaseUrl?: string | undefined;
}

export type App = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL server over a loaded graph; `server.ts` only puts it on a port, tests call `fetch`. */
export function createApp({ store, publicBaseUrl }: AppOptions): App {
  const datasetFor = linkedDatasets(store, publicBaseUrl);
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: { title: 'paralympics-graph', defaultQuery: EXAMPLE_QUERY },
    plugins: [useLinkedDataRoutes({ datasetFor, dataVersion: store.version })],
    context: ({ request }) => {
      const linkedData = datasetFor(request);
      return { store, baseUrl: linkedData.base, linkedData };
    },
  });
}
