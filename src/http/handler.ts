import type { IncomingMessage, ServerResponse } from 'node:http';
import { DUMPS } from '../linked-data/dataset.js';
import { LIMITS } from '../security/limits.js';
import { trustedDocuments } from '../security/trusted-documents.js';
import { SparqlService } from '../sparql/service.js';
import { type AppOptions, createApp, GRAPHQL_PATH, graphContexts, laneSchema } from '../yoga.js';
import { AnswerCache } from './answer-cache.js';
import { type Answer, answerByFetch, readBody, type StreamedAnswer, webRequest, whenBodyRead } from './answers.js';
import { utf8Of } from './conditional.js';
import { type EdgeRequest, edge, type Route } from './edge.js';
import { FastLane, type LaneRequest } from './fast-lane.js';
import { asksForJsonLd } from './graphql-jsonld.js';
import { linkedDataRoutes } from './linked-data-routes.js';
import { PersistedQueryStore, persistedDocumentOf } from './persisted-queries.js';
import { HttpRefusal, plainReply, type Reply } from './reply.js';
import { withRequestId } from './request-log.js';
import { withSiteRoutes } from './site-routes.js';
import { SPARQL_PATH, sparqlRoute } from './sparql.js';

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface NodeHandlerOptions extends AppOptions {
  /** Keep whole answers and replay them for repeated requests. */
  readonly responseCache: boolean;
  /** The most the cache of whole answers holds, in bytes of answers. */
  readonly responseCacheBytes?: number;
  /** Answer admitted documents on the lean path (see fast-lane.ts); off only to measure it. */
  readonly fastLane?: boolean;
  /** TRUST_PROXY: IRIs follow X-Forwarded-Proto/Host (see base-iri.ts). */
  readonly trustProxy?: boolean;
  /** A response that makes no progress towards its reader for this long is cut off. */
  readonly sendTimeoutMs?: number;
  /** How many dumps are streamed at once; more are refused with 503 and Retry-After. */
  readonly maxConcurrentDumps?: number;
}

/** How many distinct answers the cache keeps, and the largest it stores. */
const CACHED_ANSWERS = 1_000;
const LARGEST_CACHED_ANSWER = 1_000_000;
/** The bytes of answers the cache holds at most. */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
/** How many documents (per method and varying request headers) the lean path keeps compiled. */
const ADMITTED_DOCUMENTS = 1_000;
export const SEND_TIMEOUT_MS = 30_000;
/** Dumps are the heaviest answers; a few at a time keep the server answering everything else. */
export const MAX_CONCURRENT_DUMPS = 4;

const MISS = ['x-response-cache', 'miss'] as const;
const DUMP_PATHS: ReadonlySet<string> = new Set(Object.values(DUMPS).map((dump) => dump.path));

/**
 * Every route of the app, behind the edge: GraphQL at exactly `/graphql` (through the cache of whole
 * answers when enabled, then the lean path for admitted documents, then the full Yoga pipeline), the
 * linked data (entity IRIs, dumps, context, vocabulary, VoID, sitemap, pages), SPARQL, and `/healthz`.
 */
export function appRoute(options: NodeHandlerOptions): Route {
  const contextFor = options.contextFor ?? graphContexts(options.store, options.publicBaseUrl, options.maxWork);
  const persistedQueries = options.persistedQueries ?? new PersistedQueryStore(trustedDocuments());
  const sparqlService = options.sparqlService ?? new SparqlService(options.sparql);
  const app = createApp({ ...options, contextFor, persistedQueries, sparqlService });
  const sparqlResponse = sparqlRoute(options.store.version, sparqlService);
  const persisted = (extensions: unknown) => persistedDocumentOf(persistedQueries, extensions);
  const cache = options.responseCache
    ? new AnswerCache(CACHED_ANSWERS, LARGEST_CACHED_ANSWER, options.responseCacheBytes ?? RESPONSE_CACHE_BYTES)
    : undefined;
  const lane =
    options.fastLane === false
      ? undefined
      : new FastLane(laneSchema(options.federation ?? false), contextFor, ADMITTED_DOCUMENTS, {
          timeoutMs: options.executionTimeoutMs ?? LIMITS.executionTimeoutMs,
          maxAnswerBytes: options.maxAnswerBytes ?? LIMITS.maxAnswerBytes,
        });
  const linkedDataResponse = withSiteRoutes(linkedDataRoutes(options.store.version));
  const maxDumps = options.maxConcurrentDumps ?? MAX_CONCURRENT_DUMPS;
  let dumping = 0;

  /** The full pipeline's answer, run as part of the request: what Yoga logs names it. */
  function answerByPipeline(request: EdgeRequest, method: string, body: Buffer | undefined) {
    return withRequestId(request.id, () =>
      answerByFetch((web) => app.fetch(web, { base: request.base, requestId: request.id }), request, method, body),
    );
  }

  /**
   * The answer of the lean path when it can give one, else of the full pipeline. Synchronous when
   * the lane answers from an embedded store: no promise between reading the body and the reply.
   */
  function answerOf(
    request: EdgeRequest,
    method: string,
    body: Buffer | undefined,
  ): Answer | StreamedAnswer | Promise<Answer | StreamedAnswer> {
    const { headers } = request.node;
    // An answer asked for as JSON-LD gains its context in the full pipeline (graphql-jsonld.ts).
    if (!lane || asksForJsonLd(headers.accept)) return answerByPipeline(request, method, body);
    // Known texts are looked up by their bytes: one seen before is not decoded again.
    const known = lane.recall(method, headers, request.base, body ?? utf8Of(request.search));
    const plain =
      known ?? lane.requestOf(method, headers, request.base, body?.toString('utf8') ?? request.search, persisted);
    if (!plain) return answerByPipeline(request, method, body);
    const answered = lane.answer(plain, method, headers['if-none-match']);
    // A promise only when the store fetches from elsewhere: the embedded path stays synchronous.
    if (answered instanceof Promise)
      return answered.then((fast) => settled(lane, fast, plain, known, request, method, body));
    return settled(lane, answered, plain, known, request, method, body);
  }

  /** The lane's answer, remembering its text when it was new; or, when the lane declined, the full pipeline's. */
  function settled(
    lane: FastLane,
    fast: Answer | undefined,
    plain: LaneRequest,
    known: LaneRequest | undefined,
    request: EdgeRequest,
    method: string,
    body: Buffer | undefined,
  ): Answer | Promise<Answer | StreamedAnswer> {
    if (!fast) return admittedByPipeline(lane, plain, request, method, body);
    if (!known) lane.remember(method, request.node.headers, request.base, body ?? Buffer.from(request.search), plain);
    return fast;
  }

  /** The full pipeline's answer, whose document the lane admits when it was answered cleanly. */
  async function admittedByPipeline(
    lane: FastLane,
    plain: LaneRequest,
    request: EdgeRequest,
    method: string,
    body: Buffer | undefined,
  ): Promise<Answer | StreamedAnswer> {
    const answer = await answerByPipeline(request, method, body);
    if (!('parts' in answer)) lane.admit(plain, request.base, answer);
    return answer;
  }

  function graphql(request: EdgeRequest): Reply | Promise<Reply> {
    // HEAD is answered as GET, without its body.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (method !== 'GET' && method !== 'POST') {
      throw new HttpRefusal(405, 'Method not allowed.', ['allow', 'GET, HEAD, POST, OPTIONS']);
    }
    if (method === 'GET') return graphqlWith(request, method, undefined);
    // One promise, settled with the reply: the lane's answer is made as the body is taken.
    return new Promise((resolve, reject) =>
      whenBodyRead(
        request.node,
        (body) => {
          try {
            resolve(graphqlWith(request, method, body));
          } catch (error) {
            reject(error);
          }
        },
        reject,
      ),
    );
  }

  /** The reply to a GraphQL request whose body (if it has one) is read. */
  function graphqlWith(request: EdgeRequest, method: string, body: Buffer | undefined): Reply | Promise<Reply> {
    const cacheKey = cache?.keyOf(method, request, body);
    const kept = cacheKey === undefined ? undefined : cache?.replay(cacheKey);
    if (kept) return kept;
    const answer = answerOf(request, method, body);
    if (answer instanceof Promise) return answer.then((settled) => replyOf(settled, cacheKey));
    return replyOf(answer, cacheKey);
  }

  function replyOf(answer: Answer | StreamedAnswer, cacheKey: string | undefined): Reply {
    // Headers laid out ahead (the lean path's) serve as they are when the cache adds none.
    if (!cache && 'reply' in answer && answer.reply) return answer.reply;
    const headers = cache ? [...answer.headers, ...MISS] : answer.headers;
    // Incremental delivery: each part is written as the executor makes it.
    if ('parts' in answer) return { status: answer.status, headers, body: answer.parts };
    if (cacheKey !== undefined) cache?.remember(cacheKey, answer);
    return { status: answer.status, headers, body: answer.body };
  }

  async function linkedData(request: EdgeRequest): Promise<Reply | undefined> {
    const dump = DUMP_PATHS.has(request.path) && (request.method === 'GET' || request.method === 'HEAD');
    if (dump && request.method === 'GET' && dumping >= maxDumps) {
      throw new HttpRefusal(503, 'Busy sending other downloads of the dataset; try again shortly.', [
        'retry-after',
        '5',
      ]);
    }
    const dataset = contextFor(request.base).linkedData;
    // HEAD is asked as GET, so that it gets the same headers, Content-Length included; but a dump
    // is not made only to be thrown away.
    const method = request.method === 'HEAD' && !dump ? 'GET' : request.method;
    const response = await linkedDataResponse(webRequest(request, method), dataset, request.path);
    if (response === undefined) return undefined;
    const headers = [...response.headers].flat();
    if (!response.body) return { status: response.status, headers, body: null };
    // Precompressed files (site-assets.ts) are bytes: streamed as they are.
    if (response.headers.has('content-encoding')) return { status: response.status, headers, body: response.body };
    // Everything but a dump is text made whole in memory: written with its Content-Length.
    if (!dump) return { status: response.status, headers, body: await response.text() };
    if (request.method !== 'GET') return { status: response.status, headers, body: response.body };
    dumping += 1;
    return { status: response.status, headers, body: releasing(response.body, () => dumping--, request.node) };
  }

  /** `/sparql` (GET, HEAD and POST) and its query page's files; undefined for any other path. */
  async function sparql(request: EdgeRequest): Promise<Reply | undefined> {
    if (request.path !== SPARQL_PATH && !request.path.startsWith(`${SPARQL_PATH}/`)) return undefined;
    // HEAD is asked as GET, so that it gets the same headers, Content-Length included.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const body = method === 'POST' ? await readBody(request.node) : undefined;
    const response = await sparqlResponse(webRequest(request, method, body), contextFor(request.base).linkedData);
    if (response === undefined) return undefined;
    const headers = [...response.headers].flat();
    return { status: response.status, headers, body: response.body ? await response.text() : null };
  }

  /** Every route but GraphQL's. */
  async function elsewhere(request: EdgeRequest): Promise<Reply> {
    const sparqlReply = await sparql(request);
    if (sparqlReply) return sparqlReply;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpRefusal(405, 'Method not allowed: this resource is read-only.', ['allow', 'GET, HEAD, OPTIONS']);
    }
    if (request.path === '/healthz') return plainReply(200, 'alive', ['cache-control', 'no-store']);
    return (await linkedData(request)) ?? plainReply(404, 'Not found.');
  }

  return (request) => (request.path === GRAPHQL_PATH ? graphql(request) : elsewhere(request));
}

/** A stream that calls `release` once, when it ends, fails or is abandoned (or its socket closes). */
function releasing<T>(body: AsyncIterable<T>, release: () => void, request: IncomingMessage): AsyncIterable<T> {
  let released = false;
  const once = () => {
    if (released) return;
    released = true;
    release();
  };
  request.socket.once('close', once);
  return {
    [Symbol.asyncIterator]() {
      const iterator = body[Symbol.asyncIterator]();
      return {
        async next() {
          try {
            const next = await iterator.next();
            if (next.done) once();
            return next;
          } catch (error) {
            once();
            throw error;
          }
        },
        async return(value?: unknown) {
          once();
          return (await iterator.return?.(value)) ?? { done: true, value: undefined };
        },
      };
    },
  };
}

/** The app behind the edge, as a node:http handler (what `npm start` serves, and tests on loopback). */
export function nodeHandler(options: NodeHandlerOptions): NodeHandler {
  return edge(appRoute(options), {
    publicBaseUrl: options.publicBaseUrl,
    trustProxy: options.trustProxy ?? false,
    sendTimeoutMs: options.sendTimeoutMs ?? SEND_TIMEOUT_MS,
  });
}
