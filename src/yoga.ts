import { useGraphQlJit } from '@envelop/graphql-jit';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { GraphQLSchema } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Store } from './graph/store.js';
import { compilableOperations } from './http/compilable.js';
import { useConditionalGraphqlAnswers } from './http/conditional.js';
import { GRAPHIQL_OPTIONS, renderGraphiQL, useGraphiqlContentSecurityPolicy } from './http/graphiql.js';
import { useJsonLdAnswers } from './http/graphql-jsonld.js';
import { useLinkedDataRoutes } from './http/linked-data-routes.js';
import { PersistedQueryStore, useAutomaticPersistedQueries } from './http/persisted-queries.js';
import { yogaLogger } from './http/request-log.js';
import { useSiteRoutes } from './http/site-routes.js';
import { useSparqlEndpoint } from './http/sparql.js';
import { useStoreReads } from './http/store-reads.js';
import { linkedDatasets } from './linked-data/registry.js';
import { usesIncrementalDelivery } from './schema/incremental-delivery.js';
import { type Context, inlineSchema, kindOfType, schema, subgraphSchema } from './schema/index.js';
import { useBodyLimit } from './security/body-limit.js';
import { publicError, useCodedVariableErrors } from './security/errors.js';
import { ExecutionBudget } from './security/execution-budget.js';
import { LIMITS } from './security/limits.js';
import { securityPlugins, useExecutionDeadline } from './security/plugins.js';
import { trustedDocuments } from './security/trusted-documents.js';
import { SparqlService, type SparqlSettings } from './sparql/service.js';

export interface AppOptions {
  readonly store: Store;
  /** The base of entity IRIs; when undefined, the origin each request was made to. */
  readonly publicBaseUrl?: string | undefined;
  /** Error details and schema suggestions in responses (default false: masked, as in production). */
  readonly development?: boolean;
  readonly graphiql?: boolean;
  readonly introspection?: boolean;
  readonly trustedDocumentsOnly?: boolean;
  /** Let clients register documents by hash (Apollo's Automatic Persisted Queries); off when trusted only. */
  readonly automaticPersistedQueries?: boolean;
  /** The documents known by hash; shared with the HTTP layer's fast path, which answers GETs by hash. */
  readonly persistedQueries?: PersistedQueryStore;
  readonly executionTimeoutMs?: number;
  /** The objects an operation may resolve (LIMITS.maxWork); lower only to test. */
  readonly maxWork?: number;
  /** The largest answer, in bytes (LIMITS.maxAnswerBytes); lower only to test. */
  readonly maxAnswerBytes?: number;
  /** Records pointing to an entity that its document embeds, and each page of the rest holds (INCOMING_PAGE_SIZE); lower only to test. */
  readonly incomingPageSize?: number;
  /** Serve the schema as an Apollo Federation v2 subgraph, for a supergraph's gateway. */
  readonly federation?: boolean;
  /** Shared with the HTTP layer's fast path, so both see the same linked-data views. */
  readonly contextFor?: ContextFor;
  /** The SPARQL endpoint: SPARQL_ENDPOINT and limits (default: the embedded engine, SPARQL_LIMITS). */
  readonly sparql?: SparqlSettings;
  /** Shared with the HTTP layer, which answers /sparql itself, so that both use the same stores. */
  readonly sparqlService?: SparqlService;
}

/**
 * What the edge passes with each request it forwards: the base of the request's IRIs and its id.
 * Without them (the app on its own, in tests), the base is the request URL's origin.
 */
export interface ServerContext {
  readonly base?: string;
  readonly requestId?: string;
}

export type App = YogaServerInstance<ServerContext, Context>;

/** The GraphQL endpoint's path. */
export const GRAPHQL_PATH = '/graphql';

/** The per-request context for a base of IRIs (PUBLIC_BASE_URL, when set, wins). */
export type ContextFor = (base: string) => Context;

export function graphContexts(
  store: Store,
  publicBaseUrl: string | undefined,
  maxWork: number = LIMITS.maxWork,
  incomingPageSize?: number,
): ContextFor {
  const datasetFor = linkedDatasets(store, publicBaseUrl, incomingPageSize);
  return (base) => {
    const linkedData = datasetFor(base);
    // A budget of its own for every request: the work it may do (security/execution-budget.ts).
    return { store, baseUrl: linkedData.base, linkedData, budget: new ExecutionBudget(maxWork) };
  };
}

export function servedSchema(federation: boolean): GraphQLSchema {
  return federation ? subgraphSchema() : schema;
}

/** The served schema for the fast lane, whose plans run in one go (see schema/index.ts, inlineSchema). */
export function laneSchema(federation: boolean): GraphQLSchema {
  return inlineSchema(federation);
}

/** The GraphQL server over a loaded graph; `server.ts` only puts it on a port, tests call `fetch`. */
export function createApp({
  store,
  publicBaseUrl,
  development = false,
  graphiql = true,
  introspection = true,
  trustedDocumentsOnly = false,
  automaticPersistedQueries = true,
  persistedQueries = new PersistedQueryStore(trustedDocuments()),
  executionTimeoutMs,
  federation = false,
  maxWork,
  maxAnswerBytes = LIMITS.maxAnswerBytes,
  incomingPageSize,
  contextFor = graphContexts(store, publicBaseUrl, maxWork, incomingPageSize),
  sparql,
  sparqlService = new SparqlService(sparql),
}: AppOptions): App {
  const served = servedSchema(federation);
  const compilable = compilableOperations(served);
  const originOf = (request: Request) => new URL(request.url).origin;
  return createYoga<ServerContext, Context>({
    schema: served,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    graphiql: graphiql && GRAPHIQL_OPTIONS,
    renderGraphiQL,
    maskedErrors: { isDev: development, maskError: publicError },
    logging: yogaLogger,
    // Enforced by useBodyLimit below and by the edge, without Yoga's stream wrapper.
    maxRequestBodySize: false,
    batching: false,
    // CORS is the edge's (http/edge.ts), the same for every route: any origin may read, none is
    // granted credentials, and nothing varies by Origin.
    cors: false,
    plugins: [
      useBodyLimit(LIMITS.maxBodyBytes),
      useGraphiqlContentSecurityPolicy(GRAPHQL_PATH),
      useConditionalGraphqlAnswers(GRAPHQL_PATH, store.version, maxAnswerBytes),
      useJsonLdAnswers({
        datasetFor: (request, { base }) => contextFor(base ?? originOf(request)).linkedData,
        kindOf: kindOfType,
      }),
      useSiteRoutes({ datasetFor: (request) => contextFor(originOf(request)).linkedData }),
      useSparqlEndpoint({
        datasetFor: (request) => contextFor(originOf(request)).linkedData,
        dataVersion: store.version,
        service: sparqlService,
      }),
      useLinkedDataRoutes({
        datasetFor: (request) => contextFor(originOf(request)).linkedData,
        dataVersion: store.version,
      }),
      ...(automaticPersistedQueries && !trustedDocumentsOnly ? [useAutomaticPersistedQueries(persistedQueries)] : []),
      ...securityPlugins(served, {
        development,
        introspection,
        trustedDocumentsOnly,
        trustedDocuments: trustedDocuments(),
      }),
      // @defer and @stream: validated, then run by Yoga's own executor, which delivers in parts.
      useDeferStream(),
      // Compiled execution: documents are cached by Yoga's bounded parse cache, the plans by document.
      // graphql-jit cannot deliver in parts, nor compile variables of recursive input types (the `where`
      // filters): documents that ask for either run on Yoga's executor.
      useGraphQlJit({}, { enableIf: ({ document }) => !usesIncrementalDelivery(document) && compilable(document) }),
      // Resolvers read the store synchronously; a store fetching from elsewhere completes each execution.
      useStoreReads(),
      useExecutionDeadline(executionTimeoutMs ?? LIMITS.executionTimeoutMs),
      useCodedVariableErrors(),
    ],
    context: ({ request, base }) => contextFor(base ?? originOf(request)),
  });
}
