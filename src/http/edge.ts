import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS } from '../security/limits.js';
import { baseIriResolver } from './base-iri.js';
import { type Coding, withCompression } from './compression.js';
import { HttpRefusal, plainReply, type Reply, type WriteOptions, writeReply, writeWhole } from './reply.js';
import { logError, withRequestId } from './request-log.js';
import { isValidHost, parseTarget } from './request-target.js';
import { atEndOfTurn, type WaitingAnswer } from './write-batch.js';

/** A request as routes see it: checked, decoded, with its id and the base of its IRIs. */
export interface EdgeRequest {
  /** Names the request in the log line of an unexpected error, and in the masked 500. */
  readonly id: string;
  readonly node: IncomingMessage;
  /** As sent: HEAD stays HEAD (routes answer it as GET; the writer leaves the body out). */
  readonly method: string;
  /** The path as sent, without the query: what routes match exactly. */
  readonly path: string;
  /** The path's segments, percent-decoded. */
  readonly segments: readonly string[];
  /** The query with its `?`, or ''. */
  readonly search: string;
  /** The base of entity IRIs for this request (see base-iri.ts). */
  readonly base: string;
}

export type Route = (request: EdgeRequest) => Reply | Promise<Reply>;

export interface EdgeOptions {
  readonly publicBaseUrl: string | undefined;
  readonly trustProxy: boolean;
  /** How long a response may make no progress towards its reader before it is cut off. */
  readonly sendTimeoutMs: number;
  /** Decides for a request that declared a body too large: how much of it is read and thrown away. */
  readonly maxDiscardedBodyBytes?: number;
}

/** Methods some route answers; anything else is refused here, once, for every route. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/**
 * The one way in for every request (GraphQL, linked data, pages, dumps, health): the error boundary.
 * It checks what every route would otherwise check apart — the request target (malformed or overlong
 * percent-encodings, absolute form), the Host header, the method, the declared body size — and
 * answers CORS preflights; it gives each request an id and the base of its IRIs; it writes every
 * answer with the same headers (writeReply). Bad input is a 4xx with a short plain message. An
 * unexpected error is logged once, on one line with the request id, and answered with a masked 500
 * that names the id: no stack, no path, no library's wording ever reaches a client.
 */
export function edge(route: Route, options: EdgeOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const baseFor = baseIriResolver(options);
  // Answers to requests that asked for no coding are written in one of two ways, made once.
  const uncodedGet: WriteOptions = { sendTimeoutMs: options.sendTimeoutMs, head: false, uncoded: true };
  const uncodedHead: WriteOptions = { ...uncodedGet, head: true };
  const parts: EdgeParts = {
    answer,
    writeOptions: (method, coding) =>
      coding === undefined
        ? method === 'HEAD'
          ? uncodedHead
          : uncodedGet
        : { sendTimeoutMs: options.sendTimeoutMs, head: method === 'HEAD', coding },
  };
  const maxDiscarded = options.maxDiscardedBodyBytes ?? 16 * LIMITS.maxBodyBytes;

  function answer(exchange: Exchange): Reply | Promise<Reply> {
    const { node: request, response } = exchange;
    const method = request.method ?? 'GET';
    const target = parseTarget(request.url ?? '/');
    const host = target.authority ?? request.headers.host;
    if (host !== undefined && !isValidHost(host)) throw new HttpRefusal(400, 'Bad request: invalid Host header.');
    if (!KNOWN_METHODS.has(method)) {
      throw new HttpRefusal(405, 'Method not allowed.', ['allow', 'GET, HEAD, POST, OPTIONS']);
    }
    if (method === 'OPTIONS') return preflight(request);
    refuseUnboundedBodies(request, response, maxDiscarded);
    const base = baseFor(request);
    if (base === undefined) throw new HttpRefusal(400, 'Bad request: invalid X-Forwarded-Host or X-Forwarded-Proto.');
    return route(exchange.routed(method, target.path, target.segments, target.search, base));
  }

  return withCompression((request, response, coding) => new Exchange(parts, request, response, coding).run());
}

/** What every exchange of one edge shares: how a request is answered, and how its answer is written. */
interface EdgeParts {
  readonly answer: (exchange: Exchange) => Reply | Promise<Reply>;
  readonly writeOptions: (method: string | undefined, coding: Coding | undefined) => WriteOptions;
}

/**
 * One request through the edge, from its checks to its written answer: the request as routes see it
 * (once checked), and the answer waiting to be written at the end of the turn. One object for the
 * whole of it, and no promise unless the route answers later: an async handler, an await per step and
 * a promise per written answer cost more than the rest of the edge's own work.
 *
 * Log lines name their request (request-log.ts): the full pipeline runs as part of it (handler.ts),
 * and so do a stream's parts and the log line of an unexpected error. The lean path logs nothing, so
 * it is not run as part of a request: that took a copy of the async context per request.
 */
class Exchange implements EdgeRequest, WaitingAnswer {
  method = '';
  path = '';
  segments: readonly string[] = [];
  search = '';
  base = '';
  #id: string | undefined;
  #reply: Reply | undefined;
  #body: string | null = null;

  constructor(
    private readonly parts: EdgeParts,
    readonly node: IncomingMessage,
    readonly response: ServerResponse,
    private readonly coding: Coding | undefined,
  ) {}

  /** Drawn when first asked for: by the full pipeline, a log line, or a masked 500. */
  get id(): string {
    this.#id ??= requestId();
    return this.#id;
  }

  /** The request as routes see it, once the edge has checked it. */
  routed(method: string, path: string, segments: readonly string[], search: string, base: string): EdgeRequest {
    this.method = method;
    this.path = path;
    this.segments = segments;
    this.search = search;
    this.base = base;
    return this;
  }

  run(): void {
    try {
      const answered = this.parts.answer(this);
      if (answered instanceof Promise) {
        answered.then(
          (reply) => this.#sendOrFail(reply),
          (error: unknown) => this.#refused(error),
        );
      } else this.#send(answered);
    } catch (error) {
      this.#refused(error);
    }
  }

  #sendOrFail(reply: Reply): void {
    try {
      this.#send(reply);
    } catch (error) {
      this.failed(error);
    }
  }

  /** A refusal is answered as such (a short plain message); anything else is unexpected. */
  #refused(error: unknown): void {
    if (error instanceof HttpRefusal) this.#sendOrFail(plainReply(error.status, error.message, error.headers));
    else this.failed(error);
  }

  #send(reply: Reply): void {
    const { body } = reply;
    if (body === null || typeof body === 'string') {
      this.#reply = reply;
      this.#body = body;
      atEndOfTurn(this);
      return;
    }
    // A stream's parts are made as they are written: whatever they log names the request too.
    const options = this.#writeOptions();
    withRequestId(this.id, () => writeReply(this.response, reply, options)).catch((error: unknown) =>
      this.failed(error),
    );
  }

  #writeOptions(): WriteOptions {
    return this.parts.writeOptions(this.node.method, this.coding);
  }

  /** Writes the whole answer, at the end of the turn (write-batch.ts). */
  write(): void {
    if (this.#reply) writeWhole(this.response, this.#reply, this.#body, this.#writeOptions());
  }

  /** An unexpected error: logged once with the request id, answered with a masked 500 naming it. */
  failed(error: unknown): void {
    const { node: request, response, id } = this;
    withRequestId(id, () => logError(`${request.method} ${safePath(request.url)} failed:`, error));
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const masked = plainReply(500, `Internal server error (request ${id}).`, ['x-request-id', id]);
    writeReply(response, masked, this.#writeOptions()).catch(() => response.destroy());
  }
}

/**
 * The answer to a CORS preflight, the same for every origin and every request: any origin may send
 * the methods and headers a GraphQL client uses, and nothing of the request is echoed, so a cache
 * may keep it.
 */
function preflight(request: IncomingMessage): Reply {
  const headers = ['allow', 'GET, HEAD, POST, OPTIONS'];
  if (request.headers['access-control-request-method'] !== undefined) {
    headers.push(
      'access-control-allow-methods',
      'GET, HEAD, POST, OPTIONS',
      'access-control-allow-headers',
      '*',
      'access-control-max-age',
      '86400',
    );
  }
  return { status: 204, headers, body: null };
}

/**
 * Refuses a body that does not declare its length (chunked), and one declared over the limit, before
 * anything is read. The oversized one is read and thrown away up to `maxDiscarded` bytes, so that the
 * client, still sending, gets the 413 instead of a reset connection; beyond that, the connection is
 * closed once the answer is sent.
 */
function refuseUnboundedBodies(request: IncomingMessage, response: ServerResponse, maxDiscarded: number): void {
  if (request.headers['transfer-encoding'] !== undefined) {
    throw new HttpRefusal(411, 'Send a Content-Length: chunked request bodies are not accepted.', [
      'connection',
      'close',
    ]);
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared <= LIMITS.maxBodyBytes) return;
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxDiscarded) response.destroy();
  });
  throw new HttpRefusal(
    413,
    `Request body of ${declared} bytes is over the limit of ${LIMITS.maxBodyBytes} bytes.`,
    declared > maxDiscarded ? ['connection', 'close'] : [],
  );
}

/** Bytes of randomness in a request id: eight characters of base64url. */
const ID_BYTES = 6;
/** Random bytes drawn a thousand ids at a time: drawing them per request cost more than a cached answer. */
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** A short random id, unique enough to find one request's log line. */
function requestId(): string {
  if (idOffset + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 1024);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return idPool.toString('base64url', idOffset - ID_BYTES, idOffset);
}

/** The path of a request for a log line: bounded, without the query (which may hold personal data). */
const safePath = (url: string | undefined): string => JSON.stringify((url ?? '').split('?')[0]?.slice(0, 200));
