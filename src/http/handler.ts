import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS } from '../security/limits.js';
import { trustedDocuments } from '../security/trusted-documents.js';
import { type AppOptions, createApp, GRAPHQL_PATH, graphContexts, servedSchema } from '../yoga.js';
import { AnswerCache } from './answer-cache.js';
import { type Answer, answerByFetch, originOf, readBody, writeAnswer } from './answers.js';
import { FastLane, plainRequest } from './fast-lane.js';
import { PersistedQueryStore, persistedDocumentOf } from './persisted-queries.js';

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface NodeHandlerOptions extends AppOptions {
  /** Keep whole answers and replay them for repeated requests. */
  readonly responseCache: boolean;
  /** Answer admitted documents on the lean path (see fast-lane.ts); off only to measure it. */
  readonly fastLane?: boolean;
}

/** How many distinct answers the cache keeps, and the largest it stores. */
const CACHED_ANSWERS = 1_000;
const LARGEST_CACHED_ANSWER = 1_000_000;
/** How many documents (per method and varying request headers) the lean path keeps compiled. */
const ADMITTED_DOCUMENTS = 1_000;

const MISS = ['x-response-cache', 'miss'] as const;

/**
 * The app as a node:http handler. GraphQL GET and POST requests go through the cache of whole answers
 * (when enabled), then the lean path for admitted documents, then the full Yoga pipeline; everything
 * else goes straight to Yoga.
 */
export function nodeHandler(options: NodeHandlerOptions): NodeHandler {
  const contextFor = options.contextFor ?? graphContexts(options.store, options.publicBaseUrl);
  const persistedQueries = options.persistedQueries ?? new PersistedQueryStore(trustedDocuments());
  const app = createApp({ ...options, contextFor, persistedQueries });
  const persisted = (extensions: unknown) => persistedDocumentOf(persistedQueries, extensions);
  const cache = options.responseCache ? new AnswerCache(CACHED_ANSWERS, LARGEST_CACHED_ANSWER) : undefined;
  const lane =
    options.fastLane === false
      ? undefined
      : new FastLane(servedSchema(options.federation ?? false), contextFor, ADMITTED_DOCUMENTS);
  const fetchAnswer = (request: Request) => app.fetch(request);

  async function answerOf(request: IncomingMessage, body: Buffer | undefined): Promise<Answer> {
    const plain = lane && plainRequest(request, body, persisted);
    if (!lane || !plain) return answerByFetch(fetchAnswer, request, body);
    const key = lane.keyOf(request, plain);
    const fast = lane.answer(key, plain, header(request, 'if-none-match'));
    if (fast) return fast;
    const answer = await answerByFetch(fetchAnswer, request, body);
    lane.admit(key, plain, originOf(request), answer);
    return answer;
  }

  async function answerGraphql(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = request.method === 'POST' ? await readBody(request) : undefined;
    const cacheKey = cache?.keyOf(request, body);
    if (cacheKey !== undefined && cache?.replay(cacheKey, response)) return;

    const answer = await answerOf(request, body);
    if (cacheKey !== undefined) cache?.remember(cacheKey, answer);
    writeAnswer(response, answer, cache ? MISS : []);
  }

  return (request, response) => {
    const path = request.url?.split('?')[0];
    const method = request.method;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (path !== GRAPHQL_PATH || (method !== 'GET' && method !== 'POST') || declared > LIMITS.maxBodyBytes) {
      app(request, response);
      return;
    }
    answerGraphql(request, response).catch((error: unknown) => {
      console.error('Answering a GraphQL request failed:', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Unexpected error.\n');
    });
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
