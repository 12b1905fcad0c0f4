import type { ServerResponse } from 'node:http';
import { type Coding, varyingByCoding } from './compression.js';
import { writeAtEndOfTurn } from './write-batch.js';

/**
 * What a route answers, for the edge to write: the status, the route's own headers, and the body.
 * Every answer the server sends is written by {@link writeReply}, the one place to wrap (compression,
 * metrics), which adds the headers every answer carries ({@link edgeHeaders}).
 */
export interface Reply {
  readonly status: number;
  /** Header names (lower case) and values, flat, as `writeHead` takes them; never Content-Length. */
  readonly headers: readonly string[];
  /** Text is written in one piece with the headers; a stream is written chunk by chunk, with backpressure. */
  readonly body: string | AsyncIterable<Uint8Array | string> | null;
  /**
   * True when `headers` already hold everything to write, the edge's headers and Content-Length
   * included, as kept answers replay them (see answer-cache.ts).
   */
  readonly laidOut?: boolean;
  /**
   * With `laidOut`: the same headers for a request that asked for no coding ({@link varyingByCoding}),
   * laid out once too; without them, the writer derives them. Headers are added to a reply with
   * {@link withAddedHeaders}, which adds them to both.
   */
  readonly uncodedHeaders?: readonly string[];
}

/** A refusal of a request at the HTTP level: a 4xx (or 503) with a short plain-text message. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: readonly string[] = [],
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/**
 * Headers on every answer. Credentials are never granted, so any origin may read (`*`): nothing
 * varies by Origin, and a shared cache can hand any copy to any browser. The policy keeps pages
 * from being framed and from loading anything but their own styles and pictures; routes with other
 * needs (GraphiQL) set their own.
 */
export const EDGE_HEADERS: readonly (readonly [string, string])[] = [
  ['access-control-allow-origin', '*'],
  ['access-control-expose-headers', 'ETag, X-Request-Id, X-Response-Cache, Retry-After'],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  [
    'content-security-policy',
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  ],
];

const EDGE_NAMES = new Set(EDGE_HEADERS.map(([name]) => name));

/**
 * A route's headers with the edge's added where the route set none; errors are never kept by a
 * cache (a 404 today may be an entity after the next deployment).
 */
export function edgeHeaders(status: number, own: readonly string[]): string[] {
  const headers: string[] = [];
  const present = new Set<string>();
  for (let index = 0; index < own.length; index += 2) {
    const name = (own[index] as string).toLowerCase();
    if (status >= 400 && (name === 'cache-control' || name === 'etag')) continue;
    present.add(name);
    headers.push(name, own[index + 1] as string);
  }
  for (const [name, value] of EDGE_HEADERS) if (!present.has(name)) headers.push(name, value);
  if (status >= 400) headers.push('cache-control', 'no-store');
  return headers;
}

/**
 * A reply whose headers are laid out as {@link writeReply} would write them (the edge's headers and
 * Content-Length included), for both a coded and an uncoded request: a reply written many times
 * (kept answers, the lean path's headers) lays them out once.
 */
export function laidOutReply(status: number, own: readonly string[], body: string): Reply {
  const { headers, uncoded } = laidOutHeaders(status, own, String(Buffer.byteLength(body)));
  return { status, headers, uncodedHeaders: uncoded, body, laidOut: true };
}

/** The headers {@link laidOutReply} lays out, with the Content-Length given (none for a status without a body). */
export function laidOutHeaders(
  status: number,
  own: readonly string[],
  contentLength: string,
): { readonly headers: string[]; readonly uncoded: readonly string[] } {
  const headers = edgeHeaders(status, own);
  if (!bodiless(status)) headers.push('content-length', contentLength);
  return { headers, uncoded: varyingByCoding(headers) };
}

/** A reply with more headers: laid-out ones get them in both their codings' lists. */
export const withAddedHeaders = (reply: Reply, added: readonly string[]): Reply => ({
  ...reply,
  headers: [...reply.headers, ...added],
  ...(reply.uncodedHeaders ? { uncodedHeaders: [...reply.uncodedHeaders, ...added] } : {}),
});

/** Whether a header name is one the edge sets on every answer. */
export const isEdgeHeader = (name: string): boolean => EDGE_NAMES.has(name.toLowerCase());

/** A short plain-text answer. */
export const plainReply = (status: number, message: string, headers: readonly string[] = []): Reply => ({
  status,
  headers: ['content-type', 'text/plain; charset=utf-8', ...headers],
  body: message.endsWith('\n') ? message : `${message}\n`,
});

/** Statuses whose answers have no body (RFC 9110): they carry no Content-Length either. */
const bodiless = (status: number) => status === 204 || status === 304 || (status >= 100 && status < 200);

export interface WriteOptions {
  /** A HEAD request: the headers of the GET, no body. */
  readonly head: boolean;
  /** A writer that does not drain for this long has a stalled reader, and is cut off. */
  readonly sendTimeoutMs: number;
  /**
   * The request asked for no coding, so the compression middleware was left out (compression.ts):
   * the answer names Accept-Encoding in Vary as the middleware would have.
   */
  readonly uncoded?: boolean;
  /** The request asked for a coding: how its answer is coded (compression.ts). */
  readonly coding?: Coding;
}

/**
 * Writes a reply: its headers with the edge's, Content-Length for text, and the body unless the
 * request was HEAD or the status has none. A whole answer (text or none) is written at the end of
 * the event loop's turn, with the others made in it (write-batch.ts); a stream is written at once,
 * chunk by chunk, with backpressure, and a reader that takes nothing for `sendTimeoutMs` is cut
 * off, so slow readers cannot pin memory or sockets.
 */
export function writeReply(response: ServerResponse, reply: Reply, options: WriteOptions): Promise<void> {
  const { body } = reply;
  if (body === null || typeof body === 'string') {
    return writeAtEndOfTurn(() => writeWhole(response, reply, body, options));
  }
  return writeStream(response, reply, body, options);
}

/**
 * Writes a whole reply (its body text or none) at once: what {@link writeReply} does at the end of
 * the turn (the edge gathers its answers with write-batch.ts itself).
 */
export function writeWhole(response: ServerResponse, reply: Reply, body: string | null, options: WriteOptions): void {
  // Its reader went away while it waited.
  if (response.destroyed) return;
  const headers = headersOf(reply, options);
  const text = options.head || bodiless(reply.status) ? undefined : (body ?? undefined);
  const coded = options.coding?.whole(headers, text, options.head) ?? { headers, body: text };
  response.writeHead(reply.status, coded.headers as string[]);
  endWith(response, coded.body, options.sendTimeoutMs);
}

async function writeStream(
  response: ServerResponse,
  reply: Reply,
  body: AsyncIterable<Uint8Array | string>,
  options: WriteOptions,
): Promise<void> {
  options.coding?.stream(() => {});
  response.writeHead(reply.status, headersOf(reply, options) as string[]);
  if (options.head || bodiless(reply.status)) {
    await closeStream(body);
    response.end();
    return;
  }
  guardSend(response, options.sendTimeoutMs);
  for await (const chunk of body) {
    if (response.destroyed) break;
    if (!response.write(chunk)) await drained(response);
  }
  response.end();
}

/** The headers a reply is written with: laid out ahead, or its own with the edge's and Content-Length. */
function headersOf(reply: Reply, options: WriteOptions): readonly string[] {
  if (reply.laidOut) return options.uncoded ? (reply.uncodedHeaders ?? varyingByCoding(reply.headers)) : reply.headers;
  const headers = edgeHeaders(reply.status, reply.headers);
  if (typeof reply.body === 'string' && !bodiless(reply.status)) {
    headers.push('content-length', String(Buffer.byteLength(reply.body)));
  }
  return options.uncoded ? varyingByCoding(headers) : headers;
}

/**
 * Ends a response with a text body (or none). The socket takes most answers whole at once; only one
 * left queued behind a slow reader needs the guard against a stalled one (arming a timer for every
 * answer cost more than a cached answer's whole handling).
 */
function endWith(response: ServerResponse, body: string | Buffer | undefined, timeoutMs: number): void {
  response.end(body);
  if (body !== undefined && response.writableLength > 0) guardSend(response, timeoutMs);
}

/** Cuts off a reader that lets the answer's socket make no progress for `timeoutMs`. */
function guardSend(response: ServerResponse, timeoutMs: number): void {
  if (timeoutMs <= 0) return;
  // Node times the socket out only when its write queue has not moved since the last check.
  response.setTimeout(timeoutMs, () => response.destroy());
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

async function closeStream(body: AsyncIterable<unknown>): Promise<void> {
  const iterator = body[Symbol.asyncIterator]();
  await iterator.return?.();
}
