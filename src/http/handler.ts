import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS } from '../security/limits.js';
import type { App } from '../yoga.js';
import { cachedGraphqlHandler } from './response-cache.js';

export type NodeHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** How many distinct GraphQL answers the HTTP-level cache keeps, and the largest it stores. */
const CACHED_ANSWERS = 1_000;
const LARGEST_CACHED_ANSWER = 1_000_000;

/** The app as a node:http handler, with the cache of whole answers in front of GraphQL when enabled. */
export function nodeHandler(app: App, { responseCache }: { readonly responseCache: boolean }): NodeHandler {
  if (!responseCache) return app;
  return cachedGraphqlHandler((request) => app.fetch(request), app, {
    path: '/graphql',
    maxBodyBytes: LIMITS.maxBodyBytes,
    maxEntries: CACHED_ANSWERS,
    maxEntryBytes: LARGEST_CACHED_ANSWER,
  });
}
