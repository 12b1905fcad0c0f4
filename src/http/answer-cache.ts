import type { Answer } from './answers.js';
import type { EdgeRequest } from './edge.js';
import { laidOutHeaders, type Reply } from './reply.js';

/**
 * The request headers a GraphQL answer varies by: the body's media type, content negotiation and
 * validators. Not Origin (every answer allows any origin) nor Host (IRIs come from the request's
 * base, which the key holds instead).
 */
const VARYING_HEADERS = ['content-type', 'accept', 'if-none-match'] as const;

/** A kept answer, laid out as a replay writes it, and what it costs to keep. */
interface Kept {
  readonly reply: Reply;
  readonly bytes: number;
}

/**
 * Whole GraphQL answers keyed by the exact request (method, URL, body, base of IRIs and the headers
 * answers vary by). The data never changes while the server runs, so a clean answer stays right; a
 * repeated query is answered with stored bytes, skipping parsing, validation, execution and
 * serialisation. Least recently used answers go first, beyond `maxEntries` or `maxBytes` (bodies,
 * keys and headers, counted as the two bytes a character may take); answers over `maxEntryBytes`
 * and answers with errors are never kept.
 */
export class AnswerCache {
  readonly #answers = new Map<string, Kept>();
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxEntryBytes: number,
    private readonly maxBytes: number,
  ) {}

  /** The bytes the cache holds, as it counts them. */
  get bytes(): number {
    return this.#bytes;
  }

  keyOf(method: string, request: EdgeRequest, body: Buffer | undefined): string {
    const { headers } = request.node;
    return [
      method,
      request.path + request.search,
      request.base,
      ...VARYING_HEADERS.map((name) => headers[name] ?? ''),
      body?.toString('utf8') ?? '',
    ].join('\n');
  }

  /** The answer kept for `key`, marked `x-response-cache: hit`, or undefined. */
  replay(key: string): Reply | undefined {
    const kept = this.#answers.get(key);
    if (!kept) return undefined;
    // Refresh its place in the least-recently-used order.
    this.#answers.delete(key);
    this.#answers.set(key, kept);
    return kept.reply;
  }

  remember(key: string, answer: Answer): void {
    if (!answer.clean || answer.length > this.maxEntryBytes || this.#answers.has(key)) return;
    const own = [...answer.headers, 'x-response-cache', 'hit'];
    const { headers, uncoded } = laidOutHeaders(answer.status, own, String(answer.length));
    // The uncoded headers are the same strings (with Vary's one more): counted once.
    const bytes = 2 * (key.length + answer.body.length + headers.reduce((sum, text) => sum + text.length, 0));
    if (bytes > this.maxBytes) return;
    while (this.#answers.size > 0 && (this.#answers.size >= this.maxEntries || this.#bytes + bytes > this.maxBytes)) {
      this.#evictOldest();
    }
    this.#answers.set(key, {
      reply: { status: answer.status, headers, uncodedHeaders: uncoded, body: answer.body, laidOut: true },
      bytes,
    });
    this.#bytes += bytes;
  }

  #evictOldest(): void {
    const oldest = this.#answers.entries().next().value;
    if (!oldest) return;
    this.#answers.delete(oldest[0]);
    this.#bytes -= oldest[1].bytes;
  }
}
