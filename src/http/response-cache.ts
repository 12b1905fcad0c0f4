import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a cached GraphQL answer holds: its status, headers and bytes, ready to be written again. */
interface Answer {
  readonly status: number;
  /** Header names and values, flat, as `writeHead` takes them, ending with the cache marker. */
  readonly headers: readonly string[];
  readonly body: Buffer;
}

export interface ResponseCacheOptions {
  /** The endpoint whose answers are cached. */
  readonly path: string;
  /** Requests with a larger declared body are answered 413 without being read. */
  readonly maxBodyBytes: number;
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

/** The request headers an answer varies by: content negotiation, CORS, and the base of IRIs. */
const VARYING_HEADERS = ['accept', 'origin', 'host', 'if-none-match'] as const;
const UNCACHED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function write(response: ServerResponse, answer: Answer, cache: 'hit' | 'miss'): void {
  response.writeHead(answer.status, [
    ...answer.headers,
    'content-length',
    String(answer.body.length),
    'x-response-cache',
    cache,
  ]);
  response.end(answer.body);
}

/**
 * A cache of whole GraphQL answers in front of the app, keyed by the exact request (method, URL, body
 * and the headers answers vary by). The data never changes while the server runs, so an answer
 * without errors stays right; a repeated query is answered with stored bytes, skipping parsing,
 * validation, execution and serialisation. Least recently used answers are dropped beyond
 * `maxEntries`; answers over `maxEntryBytes` and answers with errors are never stored.
 */
export function cachedGraphqlHandler(
  app: FetchHandler,
  fallback: (request: IncomingMessage, response: ServerResponse) => void,
  options: ResponseCacheOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const answers = new Map<string, Answer>();

  const remember = (key: string, answer: Answer) => {
    if (answer.status !== 200 || answer.body.length > options.maxEntryBytes) return;
    if (answers.size >= options.maxEntries) answers.delete(answers.keys().next().value as string);
    answers.set(key, answer);
  };

  return (request, response) => {
    const url = request.url ?? '/';
    const path = url.split('?')[0];
    const method = request.method ?? 'GET';
    if (path !== options.path || (method !== 'GET' && method !== 'POST')) return fallback(request, response);
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > options.maxBodyBytes) return fallback(request, response);

    void (async () => {
      const body = method === 'POST' ? await readBody(request) : undefined;
      const key = [
        method,
        url,
        ...VARYING_HEADERS.map((name) => request.headers[name] ?? ''),
        body?.toString('utf8') ?? '',
      ].join('\n');
      const known = answers.get(key);
      if (known) {
        // Refresh its place in the least-recently-used order.
        answers.delete(key);
        answers.set(key, known);
        return write(response, known, 'hit');
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const answered = await app(
        new Request(`http://${request.headers.host ?? 'localhost'}${url}`, {
          method,
          headers,
          ...(body ? { body: new Uint8Array(body) } : {}),
        }),
      );
      const bytes = Buffer.from(await answered.arrayBuffer());
      const answer: Answer = {
        status: answered.status,
        headers: [...answered.headers].filter(([name]) => !UNCACHED_HEADERS.has(name.toLowerCase())).flat(),
        body: bytes,
      };
      const json = answered.headers.get('content-type')?.includes('json') ?? false;
      if (json && !bytes.includes('"errors"')) remember(key, answer);
      write(response, answer, 'miss');
    })().catch((error: unknown) => {
      console.error('Answering a GraphQL request failed:', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Unexpected error.\n');
    });
  };
}
