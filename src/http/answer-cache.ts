import type { IncomingMessage } from 'node:http';
import type { Answer } from './answers.js';

/**
 * The request headers a GraphQL answer varies by: the body's media type, content negotiation, CORS,
 * the base of IRIs, validators.
 */
const VARYING_HEADERS = ['content-type', 'accept', 'origin', 'host', 'if-none-match'] as const;

/**
 * Whole GraphQL answers keyed by the exact request (method, URL, body and the headers answers vary
 * by). The data never changes while the server runs, so a clean answer stays right; a repeated query
 * is answered with stored bytes, skipping parsing, validation, execution and serialisation. Least
 * recently used answers go beyond `maxEntries`; answers over `maxEntryBytes` and answers with errors
 * are never kept.
 */
export class AnswerCache {
  readonly #answers = new Map<string, Answer>();

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

  get(key: string): Answer | undefined {
    const known = this.#answers.get(key);
    if (known) {
      // Refresh its place in the least-recently-used order.
      this.#answers.delete(key);
      this.#answers.set(key, known);
    }
    return known;
  }

  remember(key: string, answer: Answer): void {
    if (!answer.clean || answer.length > this.maxEntryBytes) return;
    if (this.#answers.size >= this.maxEntries) this.#answers.delete(this.#answers.keys().next().value as string);
    this.#answers.set(key, answer);
  }
}
