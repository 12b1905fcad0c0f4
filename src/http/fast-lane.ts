import type { IncomingHttpHeaders } from 'node:http';
import { type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Context } from '../schema/index.js';
import { isTooLarge } from '../security/answer-size.js';
import { LIMITS } from '../security/limits.js';
import { type CostOf, longestList, longestString, memoisedCost } from '../security/request-checks.js';
import type { Answer } from './answers.js';
import { compilableOperations } from './compilable.js';
import { conditionalStatus, entityTag, utf8Of } from './conditional.js';
import { KnownTexts } from './known-texts.js';
// Answers are serialised with V8's fast JSON.stringify (see fast-json.ts).
import './fast-json.js';
import { laidOutHeaders, type Reply } from './reply.js';

/** A GraphQL request in its plainest form: a document, its variables and which operation to run. */
export interface PlainRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  readonly operationName: string | undefined;
  /** The SHA-256 the request named its document by, instead of sending it (persisted queries). */
  readonly persistedQuery?: string;
}

/** The document a request's `extensions` name by hash alone, when it is known (see persisted-queries.ts). */
export type PersistedDocuments = (extensions: unknown) => { readonly hash: string; readonly query: string } | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const PLAIN_KEYS = new Set(['query', 'variables', 'operationName', 'extensions']);

function plain(
  query: unknown,
  variables: unknown,
  operationName: unknown,
  extensions: unknown,
  persisted: PersistedDocuments | undefined,
): PlainRequest | undefined {
  // A request may name a known document by its hash alone; sending both is a registration, left to Yoga.
  const named = extensions === undefined || query !== undefined ? undefined : persisted?.(extensions);
  if (extensions !== undefined && !named) return undefined;
  if (named) query = named.query;
  if (typeof query !== 'string') return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return {
    query,
    variables: variables ?? undefined,
    operationName: operationName ?? undefined,
    ...(named ? { persistedQuery: named.hash } : {}),
  };
}

/**
 * The request's document, variables and operation name when it is a plain GET or a POST of JSON with
 * nothing else (no batch; no extensions but a persisted query's hash that `persisted` knows);
 * undefined for anything else, which the full pipeline answers. `text` is what the request says it
 * in: a GET's query string, a POST's body.
 */
export function plainRequest(
  method: string,
  headers: IncomingHttpHeaders,
  text: string,
  persisted?: PersistedDocuments,
): PlainRequest | undefined {
  try {
    if (method === 'POST') {
      const type = headers['content-type'];
      if (type !== 'application/json' && !type?.startsWith('application/json;')) return undefined;
      const params: unknown = JSON.parse(text);
      if (!isRecord(params) || Object.keys(params).some((key) => !PLAIN_KEYS.has(key))) return undefined;
      return plain(params.query, params.variables, params.operationName, params.extensions, persisted);
    }
    const params = new URLSearchParams(text);
    const keys = [...params.keys()];
    if (keys.some((key) => !PLAIN_KEYS.has(key)) || new Set(keys).size !== keys.length) return undefined;
    const [variables, extensions] = [params.get('variables'), params.get('extensions')];
    return plain(
      params.get('query') ?? undefined,
      variables === null ? undefined : JSON.parse(variables),
      params.get('operationName') ?? undefined,
      extensions === null ? undefined : JSON.parse(extensions),
      persisted,
    );
  } catch {
    return undefined;
  }
}

/** A plain request as the lane keys it. */
export interface LaneRequest {
  readonly plain: PlainRequest;
  /** What an admitted document's answer depends on besides its variables: method, Accept, base of IRIs. */
  readonly key: string;
  /** Its variables passed the checks that depend on them alone (a text the lane has answered before). */
  readonly checked?: true;
}

/** A request text the lane has answered, with what else its parsing and its answer depended on. */
interface KnownText {
  readonly request: LaneRequest;
  readonly method: string;
  readonly base: string;
  readonly accept: string | undefined;
  readonly contentType: string | undefined;
}

/**
 * How many request texts the lane knows at once, the longest it keeps (in bytes), and the memory
 * they may hold together and each: what is kept is counted, parsed variables included, since a
 * short text of undeclared variables (`[[{},{},…]]`) parses into twenty times its length.
 */
const KNOWN_TEXTS = 1_000;
const LONGEST_KNOWN_TEXT = 8_192;
const KNOWN_TEXTS_BYTES = 16 * 1024 * 1024;
const KNOWN_TEXT_BYTES = 64 * 1024;

/** What V8 keeps, about, for one value parsed from JSON: a heap object or a slot holding a number. */
const BYTES_PER_VALUE = 48;

/**
 * About how much memory a remembered text holds besides its bytes: the strings parsed from it (at
 * most two bytes for each of its bytes) and its key and media types at two bytes a character, and
 * each value of its parsed variables. Counting stops once the text is too big to keep anyway.
 */
function knownTextBytes(text: Uint8Array, request: LaneRequest, headers: IncomingHttpHeaders): number {
  let bytes =
    2 * (text.length + request.key.length + (headers.accept?.length ?? 0) + (headers['content-type']?.length ?? 0));
  const pending: unknown[] = [request.plain.variables];
  while (pending.length > 0 && bytes <= KNOWN_TEXT_BYTES) {
    const value = pending.pop();
    bytes += BYTES_PER_VALUE;
    if (typeof value === 'string') bytes += 2 * value.length;
    else if (Array.isArray(value)) pending.push(...value);
    else if (typeof value === 'object' && value !== null)
      for (const [key, entry] of Object.entries(value)) {
        bytes += 2 * key.length;
        pending.push(entry);
      }
  }
  return bytes;
}

/** A document, parsed, and its operation's compiled plan. */
interface Plan {
  readonly document: DocumentNode;
  readonly compiled: CompiledQuery;
}

/** A document the full pipeline has answered cleanly, with the headers it answered with. */
interface Admitted {
  readonly plan: Plan;
  /** The base of IRIs it was admitted under: each request gets a fresh context for it. */
  readonly base: string;
  /** The full pipeline's headers for this document and these request headers, the ETag's value left out. */
  readonly headers: Slots;
  /** The same headers as the edge writes them, laid out once for a 200 and for a 304. */
  readonly ok: HeaderLayout;
  readonly notModified: HeaderLayout;
}

/** Stand-ins for what differs between answers, laid out with the rest and replaced in a copy. */
const ETAG_SLOT = '\u0000etag';
const LENGTH_SLOT = '\u0000length';

/**
 * An answer's headers laid out once as the edge writes them (its own, the ETag in its place, then the
 * edge's and Content-Length; with Accept-Encoding named in Vary for a request that asked for no
 * coding), with the places of the ETag and the length: each answer copies them and fills both in.
 */
class HeaderLayout {
  readonly #coded: Slots;
  readonly #uncoded: Slots;

  constructor(
    private readonly status: 200 | 304,
    own: readonly string[],
  ) {
    const { headers, uncoded } = laidOutHeaders(status, own, LENGTH_SLOT);
    this.#coded = slotsOf(headers);
    this.#uncoded = slotsOf(uncoded);
  }

  reply(etag: string, body: string, length: number): Reply {
    return new FilledReply(this.status, body, this.#coded, this.#uncoded, etag, String(length));
  }
}

/**
 * A reply with its headers laid out, filled in only for the coding the edge writes (one of the two:
 * the other copy was garbage on every request).
 */
class FilledReply implements Reply {
  readonly laidOut = true;

  constructor(
    readonly status: number,
    readonly body: string,
    private readonly coded: Slots,
    private readonly uncoded: Slots,
    private readonly etag: string,
    private readonly size: string,
  ) {}

  get headers(): readonly string[] {
    return filled(this.coded, this.etag, this.size);
  }

  get uncodedHeaders(): readonly string[] {
    return filled(this.uncoded, this.etag, this.size);
  }
}

/**
 * The lane's answer. Its headers as the pipeline gave them (the ETag filled in) are made only when
 * asked for: the cache of whole answers keeps them, the edge writes the reply's.
 */
class LaneAnswer implements Answer {
  readonly reply: Reply;
  readonly clean: boolean;

  constructor(
    readonly status: 200 | 304,
    readonly body: string,
    /** The body's length in bytes, counted as it was encoded for its ETag. */
    readonly length: number,
    private readonly admitted: Admitted,
    private readonly etag: string,
  ) {
    this.clean = status === 200;
    this.reply = (status === 200 ? admitted.ok : admitted.notModified).reply(etag, body, this.length);
  }

  get headers(): readonly string[] {
    return filled(this.admitted.headers, this.etag, '');
  }
}

/** Headers laid out, with where the ETag's and the length's values go (-1: nowhere). */
interface Slots {
  readonly headers: readonly string[];
  readonly etag: number;
  readonly length: number;
}

const slotsOf = (headers: readonly string[]): Slots => ({
  headers,
  etag: headers.indexOf(ETAG_SLOT),
  length: headers.indexOf(LENGTH_SLOT),
});

function filled({ headers, etag, length }: Slots, etagValue: string, lengthValue: string): string[] {
  const copy = headers.slice();
  copy[etag] = etagValue;
  if (length >= 0) copy[length] = lengthValue;
  return copy;
}

/**
 * A lean path for repeated GraphQL documents, beside the full Yoga pipeline, that keeps every limit.
 *
 * A document is admitted only after the full pipeline has answered it without errors for the same
 * method and request headers: it has then passed every check that depends on the document alone
 * (parsing, validation, depth, aliases, tokens, directives, introspection and trusted-document
 * switches). What depends on the variables is checked again on every request (string lengths, cost
 * with page sizes from variables). The lane then runs the compiled plan straight on the in-memory
 * graph and answers with the same headers and bytes the pipeline would. Anything it cannot answer
 * that way (a refusal, an error, an asynchronous result) it declines, and the full pipeline answers.
 */
export class FastLane {
  readonly #admitted = new Map<string, Admitted>();
  /** Request texts the lane has answered, so that a repeated one is neither parsed nor checked again. */
  readonly #known = new KnownTexts<KnownText>({
    max: KNOWN_TEXTS,
    maxSize: KNOWN_TEXTS_BYTES,
    maxEntrySize: KNOWN_TEXT_BYTES,
  });
  /** Plans by operation and document, shared by the admissions that differ only in request headers. */
  readonly #plans = new Map<string, Plan>();
  readonly #costOf: CostOf;
  readonly #compilable: (document: DocumentNode) => boolean;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly contextFor: (base: string) => Context,
    private readonly maxDocuments: number,
    private readonly limits: { readonly timeoutMs: number; readonly maxAnswerBytes: number } = {
      timeoutMs: LIMITS.executionTimeoutMs,
      maxAnswerBytes: LIMITS.maxAnswerBytes,
    },
  ) {
    this.#costOf = memoisedCost(schema);
    this.#compilable = compilableOperations(schema);
  }

  /**
   * The request whose text (a GET's query string, a POST's body) is these bytes, held when the lane
   * last answered it, if it was asked with the same method, media types and base of IRIs: parsed
   * and checked already.
   */
  recall(method: string, headers: IncomingHttpHeaders, base: string, text: Uint8Array): LaneRequest | undefined {
    const known = this.#known.get(text);
    if (known === undefined || known.method !== method || known.base !== base) return undefined;
    if (known.accept !== headers.accept || known.contentType !== headers['content-type']) return undefined;
    return known.request;
  }

  /** The request `text` holds when it is plain (see {@link plainRequest}), with its key. */
  requestOf(
    method: string,
    headers: IncomingHttpHeaders,
    base: string,
    text: string,
    persisted?: PersistedDocuments,
  ): LaneRequest | undefined {
    const plain = plainRequest(method, headers, text, persisted);
    if (!plain) return undefined;
    // By hash or by text: a trusted-documents-only server answers the same document differently.
    const by = plain.persistedQuery === undefined ? 'text' : 'hash';
    const key = `${method}\n${headers.accept ?? ''}\n${base}\n${by}\n${plain.operationName ?? ''}\n${plain.query}`;
    return { plain, key };
  }

  /** Remembers the text of a request the lane has just answered, as bytes (see {@link recall}). */
  remember(method: string, headers: IncomingHttpHeaders, base: string, text: Uint8Array, request: LaneRequest): void {
    // A document named by its hash may be forgotten by the persisted queries meanwhile: looked up each time.
    if (request.plain.persistedQuery !== undefined || text.length > LONGEST_KNOWN_TEXT || this.#known.has(text)) return;
    const bytes = knownTextBytes(text, request, headers);
    if (bytes > KNOWN_TEXT_BYTES) return;
    const known = {
      request: { ...request, checked: true as const },
      method,
      base,
      accept: headers.accept,
      contentType: headers['content-type'],
    };
    this.#known.set(text, known, bytes);
  }

  /** Remembers a document the full pipeline answered cleanly, with that answer's headers. */
  admit({ key, plain }: LaneRequest, base: string, answer: Answer): void {
    if (!answer.clean || this.#admitted.has(key)) return;
    const plan = this.#planOf(plain);
    if (!plan) return;
    // The ETag is each answer's own: its place is kept, for the headers' order.
    const headers = answer.headers.map((value, index) =>
      index % 2 === 1 && (answer.headers[index - 1] as string).toLowerCase() === 'etag' ? ETAG_SLOT : value,
    );
    if (!headers.includes(ETAG_SLOT)) headers.push('etag', ETAG_SLOT);
    if (this.#admitted.size >= this.maxDocuments) this.#admitted.delete(this.#admitted.keys().next().value as string);
    this.#admitted.set(key, {
      plan,
      base,
      headers: slotsOf(headers),
      ok: new HeaderLayout(200, headers),
      notModified: new HeaderLayout(304, headers),
    });
  }

  #planOf({ query, operationName }: PlainRequest): Plan | undefined {
    const id = `${operationName ?? ''}\n${query}`;
    const known = this.#plans.get(id);
    if (known) return known;
    const document = parse(query);
    if (!this.#compilable(document)) return undefined;
    const compiled = compileQuery(this.schema, document, operationName);
    if (!isCompiledQuery(compiled)) return undefined;
    if (this.#plans.size >= this.maxDocuments) this.#plans.delete(this.#plans.keys().next().value as string);
    const plan = { document, compiled };
    this.#plans.set(id, plan);
    return plan;
  }

  /**
   * The answer to an admitted document, or undefined when the full pipeline must answer. Synchronous
   * on an embedded store; a promise when the store fetches what the plan reads from elsewhere
   * (PostgreSQL: the plan runs again after each batched fetch, inside `store.read`).
   */
  answer(
    { key, plain, checked }: LaneRequest,
    method: string,
    ifNoneMatch: string | string[] | undefined,
  ): Answer | undefined | Promise<Answer | undefined> {
    const admitted = this.#admitted.get(key);
    if (!admitted) return undefined;
    const { variables, operationName } = plain;
    if (!checked) {
      if (variables && longestString(variables) > LIMITS.maxStringLength) return undefined;
      if (variables && longestList(variables) > LIMITS.maxListLength) return undefined;
      if (this.#costOf(admitted.plan.document, operationName, variables) > LIMITS.maxCost) return undefined;
    }
    // A fresh context per request, as the full pipeline makes, with a budget of its own: the work
    // and the time the operation may take, checked from inside as it runs.
    const first = this.contextFor(admitted.base);
    first.budget?.start(this.limits.timeoutMs);
    // graphql-jit makes a resolver's throw a field error, but not a throw from a field it reads
    // inline (a getter that charges the budget or finds the time spent): such a request is
    // declined, and the full pipeline answers it, with its refusal.
    try {
      // An embedded store answers in one pass, read in place.
      if (!first.store.remote) {
        return this.#finish(
          admitted.plan.compiled.query(undefined, first, variables ?? {}),
          admitted,
          first,
          method,
          ifNoneMatch,
        );
      }
      // A store's later passes (see Store.read) run with a context and a budget of their own.
      let context = first;
      let passes = 0;
      const run = () => {
        if (passes++ > 0) context = { ...first, budget: first.budget?.renewed() };
        return admitted.plan.compiled.query(undefined, context, variables ?? {});
      };
      const result = first.store.read(run);
      if (isPromise(result))
        return result.then(
          (settled) => this.#finish(settled, admitted, context, method, ifNoneMatch),
          () => undefined,
        );
      return this.#finish(result, admitted, context, method, ifNoneMatch);
    } catch {
      return undefined;
    }
  }

  #finish(
    result: ReturnType<CompiledQuery['query']>,
    admitted: Admitted,
    context: Context,
    method: string,
    ifNoneMatch: string | string[] | undefined,
  ): Answer | undefined {
    // Refusals (a spent budget) and errors are the full pipeline's to write.
    if (isPromise(result) || result.errors || context.budget?.exceeded) return undefined;
    const body = JSON.stringify(result);
    if (isTooLarge(body, this.limits.maxAnswerBytes)) return undefined;
    const bytes = utf8Of(body);
    const etag = entityTag(bytes, context.store.version);
    const status = conditionalStatus(method, ifNoneMatch, etag);
    // A 412 is text, unlike the admitted answer: the full pipeline writes it.
    if (status === 412) return undefined;
    return status === 200
      ? new LaneAnswer(200, body, bytes.length, admitted, etag)
      : new LaneAnswer(304, '', 0, admitted, etag);
  }
}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';
