import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_FILTER_CACHE_BYTES } from './graph/query/ids.js';
import type { SparqlSettings } from './sparql/service.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(value)));

const milliseconds = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);

const environment = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  GRAPHIQL: flag(true),
  INTROSPECTION: flag(true),
  TRUSTED_DOCUMENTS_ONLY: flag(false),
  AUTOMATIC_PERSISTED_QUERIES: flag(true),
  RESPONSE_CACHE: flag(true),
  FEDERATION: flag(false),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATA_DIR: z.string().min(1).default(path.join(projectRoot, 'data')),
  STORE: z.enum(['snapshot', 'postgres']).default('snapshot'),
  STORE_CACHE: z.string().min(1).default(path.join(projectRoot, '.cache')),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SPARQL_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  SPARQL_MAX_QUADS: z.coerce.number().int().min(0).optional(),
  SPARQL_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  TRUST_PROXY: flag(false),
  DRAIN_DELAY_MS: milliseconds(5_000),
  HEADERS_TIMEOUT_MS: milliseconds(10_000),
  SEND_TIMEOUT_MS: milliseconds(30_000),
  MAX_CONCURRENT_DUMPS: z.coerce.number().int().min(1).max(1_000).default(4),
  RESPONSE_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024),
  FILTER_CACHE_BYTES: z.coerce.number().int().min(0).default(DEFAULT_FILTER_CACHE_BYTES),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  /** Where the data files are; relative paths are resolved against the working directory. */
  readonly dataDir: string;
  /** Where the graph is read from: its compiled snapshot (one machine) or PostgreSQL (many). */
  readonly store: 'snapshot' | 'postgres';
  /** The directory compiled snapshots are kept in. */
  readonly storeCache: string;
  /** The PostgreSQL database of `STORE=postgres`, loaded with `npm run compile -- --to postgres`. */
  readonly databaseUrl: string | undefined;
  /**
   * The base of entity IRIs. When unset, the address and port each connection reached (never the
   * Host header), or with `trustProxy` what the proxy forwards.
   */
  readonly publicBaseUrl: string | undefined;
  /** X-Forwarded-Proto/Host set the base of IRIs: only behind a proxy that sets them itself. */
  readonly trustProxy: boolean;
  /** On SIGTERM, how long /readyz answers 503 (and answers close their connections) before the listener closes. */
  readonly drainDelayMs: number;
  /** How long a client may take to send its headers. */
  readonly headersTimeoutMs: number;
  /** How long an answer may make no progress towards a reader that does not read it. */
  readonly sendTimeoutMs: number;
  /** Dumps streamed at once; more are refused with 503 and Retry-After. */
  readonly maxConcurrentDumps: number;
  /** The bytes the cache of whole answers may hold. */
  readonly responseCacheBytes: number;
  /** The bytes of columns, bitsets and inverse lists the store keeps for filters, least recently used out first. */
  readonly filterCacheBytes: number;
  /** Development shows error details and schema suggestions; anything else masks them. */
  readonly development: boolean;
  readonly graphiql: boolean;
  readonly introspection: boolean;
  readonly trustedDocumentsOnly: boolean;
  /** Clients may register documents by hash (Apollo's Automatic Persisted Queries). */
  readonly automaticPersistedQueries: boolean;
  readonly responseCache: boolean;
  readonly federation: boolean;
  /** Processes serving the same port through node:cluster, one per core at most. */
  readonly workers: number;
  /** The SPARQL endpoint: a store to answer instead of the embedded engine, and limits set by the operator. */
  readonly sparql: SparqlSettings;
}

/** Reads the settings from the environment once, refusing bad values with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const settings = parsed.data;
  if (settings.STORE === 'postgres' && settings.DATABASE_URL === undefined) {
    throw new Error('Invalid configuration:\n  - DATABASE_URL: required with STORE=postgres');
  }
  return {
    host: settings.HOST,
    port: settings.PORT,
    dataDir: path.resolve(settings.DATA_DIR),
    store: settings.STORE,
    storeCache: path.resolve(settings.STORE_CACHE),
    databaseUrl: settings.DATABASE_URL,
    publicBaseUrl: settings.PUBLIC_BASE_URL,
    trustProxy: settings.TRUST_PROXY,
    drainDelayMs: settings.DRAIN_DELAY_MS,
    headersTimeoutMs: settings.HEADERS_TIMEOUT_MS,
    sendTimeoutMs: settings.SEND_TIMEOUT_MS,
    maxConcurrentDumps: settings.MAX_CONCURRENT_DUMPS,
    responseCacheBytes: settings.RESPONSE_CACHE_BYTES,
    filterCacheBytes: settings.FILTER_CACHE_BYTES,
    development: settings.NODE_ENV === 'development',
    graphiql: settings.GRAPHIQL,
    introspection: settings.INTROSPECTION,
    trustedDocumentsOnly: settings.TRUSTED_DOCUMENTS_ONLY,
    automaticPersistedQueries: settings.AUTOMATIC_PERSISTED_QUERIES,
    responseCache: settings.RESPONSE_CACHE,
    federation: settings.FEDERATION,
    workers: settings.WORKERS,
    sparql: {
      endpoint: settings.SPARQL_ENDPOINT,
      limits: {
        ...(settings.SPARQL_MAX_QUADS === undefined ? {} : { maxEmbeddedQuads: settings.SPARQL_MAX_QUADS }),
        ...(settings.SPARQL_CONCURRENCY === undefined ? {} : { maxConcurrent: settings.SPARQL_CONCURRENCY }),
      },
    },
  };
}
