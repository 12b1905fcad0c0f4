import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { EXAMPLE_QUERY } from './examples.js';
import type { Store } from './graph/store.js';
import { type Context, schema } from './schema/index.js';

export interface AppOptions {
  readonly store: Store;
  /** The base of entity IRIs; when undefined, the origin each request was made to. */
  readonly publicBaseUrl?: string | undefined;
}

export type App = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL server over a loaded graph; `server.ts` only puts it on a port, tests call `fetch`. */
export function createApp({ store, publicBaseUrl }: AppOptions): App {
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: { title: 'paralympics-graph', defaultQuery: EXAMPLE_QUERY },
    context: ({ request }) => ({ store, baseUrl: publicBaseUrl ?? new URL(request.url).origin }),
  });
}
