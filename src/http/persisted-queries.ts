import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { documentId } from '../security/trusted-documents.js';

/** How many registered documents, and how many bytes of them, one process keeps. */
export interface PersistedQueryLimits {
  readonly maxDocuments: number;
  readonly maxBytes: number;
}

export const PERSISTED_QUERY_LIMITS: PersistedQueryLimits = { maxDocuments: 1_000, maxBytes: 5_000_000 };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The documents of Automatic Persisted Queries by their SHA-256: the trusted documents, always there,
 * and the documents clients register, kept within a count and a size in bytes, the least recently
 * used going first. Only a document whose hash was checked and that passed validation is registered.
 */
export class PersistedQueryStore {
  readonly #registered = new Map<string, string>();
  #bytes = 0;

  constructor(
    private readonly pinned: ReadonlyMap<string, string>,
    private readonly limits: PersistedQueryLimits = PERSISTED_QUERY_LIMITS,
  ) {}

  /** The document with this hash, or undefined; a hit counts as a use. */
  get(hash: string): string | undefined {
    const pinned = this.pinned.get(hash);
    if (pinned !== undefined) return pinned;
    const document = this.#registered.get(hash);
    if (document === undefined) return undefined;
    this.#registered.delete(hash);
    this.#registered.set(hash, document);
    return document;
  }

  /** Keeps a document under its hash (which the caller has checked), evicting the least recently used. */
  register(hash: string, document: string): void {
    if (this.pinned.has(hash) || this.#registered.has(hash)) return;
    const bytes = Buffer.byteLength(document);
    if (bytes > this.limits.maxBytes) return;
    while (this.#registered.size >= this.limits.maxDocuments || this.#bytes + bytes > this.limits.maxBytes) {
      const [oldest, text] = this.#registered.entries().next().value as [string, string];
      this.#registered.delete(oldest);
      this.#bytes -= Buffer.byteLength(text);
    }
    this.#registered.set(hash, document);
    this.#bytes += bytes;
  }

  /** How many documents clients have registered, and their size in bytes. */
  get usage(): { readonly documents: number; readonly bytes: number } {
    return { documents: this.#registered.size, bytes: this.#bytes };
  }
}

/** Apollo's `extensions.persistedQuery`, checked. */
interface PersistedQueryExtension {
  readonly version: 1;
  readonly sha256Hash: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const badRequest = (message: string, code: string) =>
  createGraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * The request's persisted-query extension; undefined when it has none; a refusal when it is malformed
 * (a version other than 1, a hash that is not 64 lower-case hex digits).
 */
function persistedQueryOf(extensions: unknown): PersistedQueryExtension | undefined {
  if (!isRecord(extensions) || extensions.persistedQuery === undefined) return undefined;
  const { persistedQuery } = extensions;
  if (!isRecord(persistedQuery) || persistedQuery.version !== 1) {
    throw badRequest(
      'Unsupported persisted query version: send extensions.persistedQuery.version 1.',
      'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
    );
  }
  const hash = persistedQuery.sha256Hash;
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
    throw badRequest(
      'extensions.persistedQuery.sha256Hash must be the SHA-256 of the document, as 64 lower-case hex digits.',
      'PERSISTED_QUERY_HASH_INVALID',
    );
  }
  return { version: 1, sha256Hash: hash };
}

/**
 * Automatic Persisted Queries, as Apollo defines them: a request may send `extensions.persistedQuery`
 * with the SHA-256 of its document instead of the document. A hash the server does not know is
 * answered `PersistedQueryNotFound` (HTTP 200, not cacheable), and the client sends the document with
 * its hash, which registers it once the hash matches and the document has passed validation: from then
 * on, a GET by hash is short and cacheable. Every limit applies to a persisted document as to any other.
 */
export function useAutomaticPersistedQueries(store: PersistedQueryStore): Plugin {
  const toRegister = new WeakMap<Request, { hash: string; document: string }>();
  return {
    onParams({ params, request, setParams }) {
      const extension = persistedQueryOf(params.extensions);
      if (!extension) return;
      const hash = extension.sha256Hash;
      if (params.query === undefined || params.query === '') {
        const document = store.get(hash);
        if (document === undefined) {
          throw createGraphQLError('PersistedQueryNotFound', {
            extensions: {
              code: 'PERSISTED_QUERY_NOT_FOUND',
              http: { status: 200, headers: { 'cache-control': 'private, no-cache, must-revalidate' } },
            },
          });
        }
        setParams({ ...params, query: document });
        return;
      }
      if (documentId(params.query) !== hash) {
        throw badRequest(
          'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent.',
          'PERSISTED_QUERY_HASH_MISMATCH',
        );
      }
      toRegister.set(request, { hash, document: params.query });
    },
    onValidate({ context }) {
      const pending = toRegister.get(context.request);
      if (!pending) return;
      return ({ valid }) => {
        if (valid) store.register(pending.hash, pending.document);
      };
    },
  };
}

/**
 * The document a request names by hash alone (`extensions` exactly `{ persistedQuery }`, no `query`),
 * when the store knows it: what the fast lane runs for a GET by hash. Undefined for anything else
 * (an unknown hash, a registration, other extensions), which the full pipeline answers.
 */
export function persistedDocumentOf(
  store: PersistedQueryStore,
  extensions: unknown,
): { readonly hash: string; readonly query: string } | undefined {
  if (!isRecord(extensions) || Object.keys(extensions).length !== 1) return undefined;
  let extension: PersistedQueryExtension | undefined;
  try {
    extension = persistedQueryOf(extensions);
  } catch {
    return undefined;
  }
  const query = extension && store.get(extension.sha256Hash);
  return extension && query !== undefined ? { hash: extension.sha256Hash, query } : undefined;
}
