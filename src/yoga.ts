import { useGraphQlJit } from '@envelop/graphql-jit';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Store } from './graph/store.js';
import { GRAPHIQL_OPTIONS, renderGraphiQL, useGraphiqlContentSecurityPolicy } from './graphiql.js';
import { linkedDatasets } from './linked-data/registry.js';
import { useLinkedDataRoutes } from './linked-data/routes.js';
import { type Context, schema, subgraphSchema } from './schema/index.js';
import { useBodyLimit } from './security/body-limit.js';
import { LIMITS } from './security/limits.js';
import { securityPlugins, useExecutionDeadline } from './security/plugins.js';
import { trustedDocuments } from './security/trusted-documents.js';

export interface AppOptions {
  readonly store: Store;
  /** The base of entity IRIs; when undefined, the origin each request was made to. */
  readonly publicBaseUrl?: string | undefined;
  /** Error details and schema suggestions in responses (default false: masked, as in production). */
  readonly development?: boolean;
  readonly graphiql?: boolean;
  readonly introspection?: boolean;
  readonly trustedDocumentsOnly?: boolean;
  readonly executionTimeoutMs?: number;
  /** Cache whole responses by document, variables and base IRI; the data never changes while running. */
  readonly responseCache?: boolean;
  /** Serve the schema as an Apollo Federation v2 subgraph, for a supergraph's gateway. */
  readonly federation?: boolean;
}

/** How many distinct responses the cache keeps (least recently used ones go first). */
const RESPONSE_CACHE_ENTRIES = 1_000;

export type App = YogaServerInstance<Record<string, never>, Context>;

/** The GraphQL server over a loaded graph; `server.ts` only puts it on a port, tests call `fetch`. */
export function createApp({
  store,
  publicBaseUrl,
  development = false,
  graphiql = true,
  introspection = true,
  trustedDocumentsOnly = false,
  executionTimeoutMs,
  responseCache = true,
  federation = false,
}: AppOptions): App {
  const datasetFor = linkedDatasets(store, publicBaseUrl);
  const served = federation ? subgraphSchema : schema;
  const cache = responseCache
    ? [
        useResponseCache({
          // IRIs in responses depend on the base, so responses are cached per base.
          session: (request) => datasetFor(request).base,
          cache: createInMemoryCache({ max: RESPONSE_CACHE_ENTRIES }),
          ttl: Number.POSITIVE_INFINITY,
        }),
      ]
    : [];
  return createYoga<Record<string, never>, Context>({
    schema: served,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: graphiql && GRAPHIQL_OPTIONS,
    renderGraphiQL,
    maskedErrors: { isDev: development },
    // Enforced by useBodyLimit below and by server.ts, without Yoga's stream wrapper.
    maxRequestBodySize: false,
    batching: false,
    // A public, read-only API: any origin may read, none is granted credentials.
    cors: { origin: '*', credentials: false, methods: ['GET', 'POST', 'OPTIONS'], maxAge: 86_400 },
    plugins: [
      useBodyLimit(LIMITS.maxBodyBytes),
      useGraphiqlContentSecurityPolicy('/graphql'),
      useLinkedDataRoutes({ datasetFor, dataVersion: store.version }),
      ...securityPlugins(served, {
        development,
        introspection,
        trustedDocumentsOnly,
        trustedDocuments: trustedDocuments(),
      }),
      // Compiled execution: documents are cached by Yoga's bounded parse cache, the plans by document.
      // Before the response cache, which must wrap the execute function the JIT provides.
      useGraphQlJit(),
      ...cache,
      useExecutionDeadline(executionTimeoutMs ?? LIMITS.executionTimeoutMs),
    ],
    context: ({ request }) => {
      const linkedData = datasetFor(request);
      return { store, baseUrl: linkedData.base, linkedData };
    },
  });
}
