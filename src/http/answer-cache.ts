import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Answer, headersToWrite } from './answers.js';

/**
 * The request headers a GraphQL answer varies by: the body's media type, content negotiation, CORS,
 * the base of IRIs, validators.
 */
const VARYING_HEADERS = ['content-type', 'accept', 'origin', 'host', 'if-none-match'] as const;

/** A kept answer, with the headers a replay writes already laid out. */
interface Kept {
  readonly status: number;
  // Mutable only because writeHead's type asks for it; never changed.
  readonly headers: string[];
  readonly body: string;
}

/**
 * Whole GraphQL answers keyed by the exact request (method, URL, body and the headers answers vary
 * by). The data never changes while the server runs, so a clean answer stays right; a repeated query
 * is answered with stored bytes, skipping parsing, validation, execution and serialisation. Least
 * recently used answers go beyond `maxEntries`; answers over `maxEntryBytes` and answers with errors
 * are never kept.
 */
export class AnswerCache {
  readonly #answers = new Map<string, Kept>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxEntryBytes: number,
  ) {}

  keyOf(request: IncomingMessage, body: Buffer | undefined): string {
    return [
      request.method,
      request.url,
      ...VARYING_HEADERS.map((name) => request.headers[name] ?? ''),
      body?.toString('utf8') ?? '',
    ].join('\n');
  }

  /** Writes the answer kept for `key`, marked `x-response-cache: hit`; false when there is none. */
  replay(key: string, response: ServerResponse): boolean {
    const kept = this.#answers.get(key);
    if (!kept) return false;
    // Refresh its place in the least-recently-used order.
    this.#answers.delete(key);
    this.#answers.set(key, kept);
    response.writeHead(kept.status, kept.headers);
    response.end(kept.body);
    return true;
  }

  remember(key: string, answer: Answer): void {
    if (!answer.clean || answer.length > this.maxEntryBytes) return;
    if (this.#answers.size >= this.maxEntries) this.#answers.delete(this.#answers.keys().next().value as string);
    const headers = headersToWrite(answer, ['x-response-cache', 'hit']);
    this.#answers.set(key, { status: answer.status, headers, body: answer.body });
  }
}
