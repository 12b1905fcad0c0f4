import type { IncomingMessage } from 'node:http';
import { mayHoldErrors } from './conditional.js';
import type { EdgeRequest } from './edge.js';
import { HttpRefusal, type Reply } from './reply.js';
import { expectAnswers } from './write-batch.js';

/** A whole HTTP answer, ready to be written (again). */
export interface Answer {
  readonly status: number;
  /** Header names and values, flat, as `writeHead` takes them; never Content-Length. */
  readonly headers: readonly string[];
  /**
   * Text, not bytes: Node writes a string body in one piece with the headers, a buffer as a second
   * piece (one `write` instead of a `writev` per answer).
   */
  readonly body: string;
  /** The body's length in bytes. */
  readonly length: number;
  /** A 200 JSON answer without GraphQL errors: safe to keep and to replay. */
  readonly clean: boolean;
  /** The same answer with its headers laid out for the edge, where nothing is added to them (see Reply.laidOut). */
  readonly reply?: Reply;
}

/** Headers that belong to one connection or one write, never to a stored answer. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** The whole body of a request (its length was checked against the limit by the edge). */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => listenForBody(request, resolve, reject));
}

/**
 * Calls `read` with the whole body of a request (its length was checked against the limit by the
 * edge), or `failed`: what {@link readBody} resolves to, without a promise of its own (the GraphQL
 * route settles one promise with its reply instead). Bodies are taken at the end of the event loop's
 * turn, all at once: node:http parses a body only after the request's 'request' event and the ticks
 * that follow it, and by the end of the turn one that came with its headers (most GraphQL requests)
 * is whole, taken without listening for it; the answers made from them are written right after
 * (write-batch.ts). A body still coming is listened for, as {@link readBody} does.
 */
export function whenBodyRead(
  request: IncomingMessage,
  read: (body: Buffer) => void,
  failed: (error: unknown) => void,
): void {
  awaitedBodies.push({ request, read, failed });
  if (awaitedBodies.length > 1) return;
  setImmediate(takeBodies);
  // Queued after this: the answers made from these bodies leave in the same turn.
  expectAnswers();
}

interface AwaitedBody {
  readonly request: IncomingMessage;
  readonly read: (body: Buffer) => void;
  readonly failed: (error: unknown) => void;
}

let awaitedBodies: AwaitedBody[] = [];
const NO_BODY = Buffer.alloc(0);

function takeBodies(): void {
  const bodies = awaitedBodies;
  awaitedBodies = [];
  for (const { request, read, failed } of bodies) {
    if (request.destroyed && !request.complete) failed(new HttpRefusal(400, 'Bad request: the body ended early.'));
    else if (!request.complete || request.readableFlowing !== null) listenForBody(request, read, failed);
    else {
      try {
        read((request.read() as Buffer | null) ?? NO_BODY);
      } catch (error) {
        failed(error);
      }
    }
  }
}

function listenForBody(request: IncomingMessage, read: (body: Buffer) => void, failed: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => read(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
  request.on('error', failed);
  request.on('close', () => {
    if (!request.complete) failed(new HttpRefusal(400, 'Bad request: the body ended early.'));
  });
}

/** An answer of `body`, with its length in bytes. */
export const answerOf = (status: number, headers: readonly string[], body: string, clean: boolean): Answer => ({
  status,
  headers,
  body,
  length: Buffer.byteLength(body),
  clean,
});

function isClean(response: Response, body: string): boolean {
  return response.status === 200 && !!response.headers.get('content-type')?.includes('json') && !mayHoldErrors(body);
}

/** The web Request a fetch-API handler is given for a request the edge has checked. */
export function webRequest(request: EdgeRequest, method: string, body?: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.node.headers)) {
    if (value === undefined) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A value Node's parser let through but the fetch API refuses: no route needs it.
    }
  }
  // Concatenated, not resolved: a path such as `//@` would read as an authority.
  return new Request(`${INTERNAL_ORIGIN}${request.path}${request.search}`, {
    method,
    headers,
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

/** The origin of the URLs routes see: never an IRI (those come from the request's base). */
const INTERNAL_ORIGIN = 'http://paralympics-graph.internal';

/**
 * An answer delivered in parts as they are made (`@defer`, `@stream`: multipart/mixed or an event
 * stream): written as it comes, never kept or replayed.
 */
export interface StreamedAnswer {
  readonly status: number;
  readonly headers: readonly string[];
  readonly parts: AsyncIterable<Uint8Array>;
}

const INCREMENTAL = /^\s*(?:multipart\/mixed|text\/event-stream)\b/i;

/** Asks a fetch-API handler (the Yoga app) for the answer to a request whose body was already read. */
export async function answerByFetch(
  handle: (request: Request) => Response | Promise<Response>,
  request: EdgeRequest,
  method: string,
  body: Buffer | undefined,
): Promise<Answer | StreamedAnswer> {
  const answered = await handle(webRequest(request, method, body));
  const kept = [...answered.headers].filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase())).flat();
  if (answered.body && INCREMENTAL.test(answered.headers.get('content-type') ?? '')) {
    return { status: answered.status, headers: kept, parts: answered.body };
  }
  const text = await answered.text();
  return answerOf(answered.status, kept, text, isClean(answered, text));
}
