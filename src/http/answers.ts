import type { IncomingMessage, ServerResponse } from 'node:http';
import { mayHoldErrors } from './conditional.js';

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
}

/** Headers that belong to one connection or one write, never to a stored answer. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The headers an answer is written with: its own, its length, then `marker` (such as x-response-cache). */
export const headersToWrite = (answer: Answer, marker: readonly string[] = []): string[] => [
  ...answer.headers,
  'content-length',
  String(answer.length),
  ...marker,
];

/** Writes an answer with one `writeHead`. */
export function writeAnswer(response: ServerResponse, answer: Answer, marker: readonly string[] = []): void {
  response.writeHead(answer.status, headersToWrite(answer, marker));
  response.end(answer.body);
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

/** The origin a node:http request was made to, as the fetch API's URL of the request would give it. */
export function originOf(request: IncomingMessage): string {
  return `http://${request.headers.host ?? 'localhost'}`;
}

/** Asks a fetch-API handler (the Yoga app) for the answer to a request whose body was already read. */
export async function answerByFetch(
  handle: (request: Request) => Response | Promise<Response>,
  request: IncomingMessage,
  body: Buffer | undefined,
): Promise<Answer> {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', originOf(request));
  } catch {
    return answerOf(
      400,
      ['content-type', 'text/plain; charset=utf-8'],
      'The Host header is not a valid host name.\n',
      false,
    );
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const answered = await handle(
    new Request(url, { method: request.method ?? 'GET', headers, ...(body ? { body: new Uint8Array(body) } : {}) }),
  );
  const text = await answered.text();
  const kept = [...answered.headers].filter(([name]) => !CONNECTION_HEADERS.has(name.toLowerCase())).flat();
  return answerOf(answered.status, kept, text, isClean(answered, text));
}
