import type { Plugin } from 'graphql-yoga';
import xxhash from 'xxhash-wasm';
import { isTooLarge, tooLargeAnswer } from '../security/answer-size.js';
import { LIMITS } from '../security/limits.js';

/** The data never changes while a server runs; an hour bounds how stale a cache is after a deployment. */
export const CACHE_CONTROL = 'public, max-age=3600';

const { h64Raw, create64 } = await xxhash();
/** Two seeds, two independent 64-bit hashes: a 128-bit tag. */
const SEEDS = [0n, 0x9e3779b97f4a7c15n] as const;
const hex64 = (value: bigint) => value.toString(16).padStart(16, '0');
/**
 * The most bytes handed to the hasher at once: its WebAssembly memory grows to the largest input it
 * is given and never shrinks, so a 16 MiB answer hashed whole would keep 16 MiB (48 for a string).
 */
const HASHED_AT_ONCE = 64 * 1024;

function xxHash64(bytes: Uint8Array, seed: bigint): bigint {
  if (bytes.length <= HASHED_AT_ONCE) return h64Raw(bytes, seed);
  const hasher = create64(seed);
  for (let at = 0; at < bytes.length; at += HASHED_AT_ONCE) hasher.update(bytes.subarray(at, at + HASHED_AT_ONCE));
  return hasher.digest();
}

/** Texts up to this many UTF-16 code units are encoded into one buffer, reused: at most 3 bytes a unit. */
const ENCODED_IN_PLACE = 16 * 1024;
const encodedInPlace = Buffer.allocUnsafe(3 * ENCODED_IN_PLACE);

/**
 * The UTF-8 bytes of a text. A short one is encoded into a buffer the next call overwrites: the
 * bytes are valid until then (an ETag and a length are taken from them at once). A fresh buffer
 * for every answer cost as much as hashing it, and its length was counted by encoding it once more.
 */
export function utf8Of(text: string): Uint8Array {
  if (text.length > ENCODED_IN_PLACE) return Buffer.from(text);
  return encodedInPlace.subarray(0, encodedInPlace.write(text));
}

/**
 * A strong validator for the exact bytes of an answer, led by the version of the data it was made
 * from, so that a cache or a client can tell which release of the data an answer comes from.
 *
 * 128 bits of xxHash64 (twice, two seeds), not a cryptographic hash: a tag only has to tell apart
 * the answers one request gets, which change only with the data (whose version leads the tag) or a
 * release of the server. A client can choose what some answers say (a linked-data document names the
 * path and query it was asked by), but finding two that collide in 128 bits is out of reach without a
 * weakness in the hash, and a collision would only mistake one of its own answers for another.
 * SHA-256 cost three to five times as much on every answer (1.1 µs against 0.5 for 1.3 kB), most of
 * it with the bytes already in hand. A text is encoded once and hashed as bytes.
 */
export function entityTag(body: string | Uint8Array, dataVersion: string): string {
  const bytes = typeof body === 'string' ? utf8Of(body) : body;
  const [first, second] = SEEDS;
  return `"${dataVersion}-${hex64(xxHash64(bytes, first))}${hex64(xxHash64(bytes, second))}"`;
}

/** Whether an If-None-Match header matches the ETag (weak comparison, as RFC 9110 asks for GET). */
export function matchesEntityTag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (ifNoneMatch === null || ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

/**
 * What a request with `If-None-Match` gets when the answer's ETag is `etag` (RFC 9110, 13.1.2): the
 * answer (200) when nothing matches; else 304 for GET and HEAD, and 412 for any other method.
 */
export function conditionalStatus(
  method: string,
  ifNoneMatch: string | string[] | null | undefined,
  etag: string,
): 200 | 304 | 412 {
  const header = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(', ') : ifNoneMatch;
  if (!matchesEntityTag(header, etag)) return 200;
  return method === 'GET' || method === 'HEAD' ? 304 : 412;
}

/** The body of a conditional answer: none for 304, a short message for 412. */
export const conditionalBody = (status: 304 | 412): string =>
  status === 304 ? '' : 'Precondition failed: the answer matches If-None-Match.\n';

/**
 * Whether a GraphQL answer may hold errors. `"errors":` appears in every answer with errors; in an
 * answer without, only where a query aliases a field `errors`, which then just goes uncached.
 */
export function mayHoldErrors(body: string): boolean {
  return body.includes('"errors":');
}

/**
 * Refuses an answer over `maxAnswerBytes` (ANSWER_TOO_LARGE). Gives every successful GraphQL answer an ETag computed from its bytes and answers a matching
 * If-None-Match with 304; GET answers without errors may also be kept by shared caches (CDNs) for
 * `CACHE_CONTROL`, varying by the Accept header that chose their media type.
 */
export function useConditionalGraphqlAnswers(
  endpoint: string,
  dataVersion: string,
  maxAnswerBytes: number = LIMITS.maxAnswerBytes,
): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status !== 200 || !response.headers.get('content-type')?.includes('json')) return;
      if (new URL(request.url).pathname !== endpoint) return;
      const body = await response.text();
      if (isTooLarge(body, maxAnswerBytes)) {
        // GraphQL over HTTP: an answer without data is a 4xx for graphql-response+json clients.
        const type = response.headers.get('content-type') ?? 'application/json; charset=utf-8';
        const status = type.includes('graphql-response') ? 400 : 200;
        setResponse(
          new fetchAPI.Response(tooLargeAnswer(maxAnswerBytes), { status, headers: { 'content-type': type } }),
        );
        return;
      }
      const etag = entityTag(body, dataVersion);
      // A plain object with lower-case names: Yoga's Headers keep the case they were given, and its
      // Response would add a second, text/plain Content-Type beside a 'Content-Type' it does not see.
      const headers: Record<string, string> = {};
      for (const [name, value] of response.headers) headers[name.toLowerCase()] = value;
      delete headers['content-length'];
      headers.etag = etag;
      if (request.method === 'GET' && !mayHoldErrors(body)) {
        headers['cache-control'] = CACHE_CONTROL;
        headers.vary = headers.vary ? `${headers.vary}, Accept` : 'Accept';
      }
      const status = conditionalStatus(request.method, request.headers.get('if-none-match'), etag);
      if (status === 412) headers['content-type'] = 'text/plain; charset=utf-8';
      const answered = status === 200 ? body : status === 304 ? null : conditionalBody(status);
      setResponse(new fetchAPI.Response(answered, { status, headers }));
    },
  };
}
