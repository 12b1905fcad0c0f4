import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import compressible from 'compressible';
import compression from 'compression';
import Negotiator from 'negotiator';
import vary from 'vary';

/** Text types the `compressible` database does not mark, which we serve (RDF serialisations). */
const MORE_TEXT_TYPES = new Set(['application/n-quads', 'application/n-triples', 'application/trig']);

/** Answers delivered part by part (incremental delivery, subscriptions): compression would hold parts back. */
const STREAMED_TYPES = new Set(['text/event-stream', 'multipart/mixed']);

/** Answers smaller than this gain less from compression than its headers cost. */
const THRESHOLD_BYTES = 512;

/**
 * How the answers to a request that asked for a coding are coded: a whole answer at once, as it is
 * written; a stream through the `compression` middleware, part by part.
 */
export interface Coding {
  /** A whole answer's headers and body, coded as the middleware would code them (see {@link codedWhole}). */
  whole(headers: readonly string[], body: string | undefined, head: boolean): CodedAnswer;
  /** Puts the middleware between the response and a stream about to be written to it, then calls `write`. */
  stream(write: () => void): void;
}

export interface CodedAnswer {
  readonly headers: readonly string[];
  readonly body: string | Buffer | undefined;
}

/** What answers with: the request, its response, and how to code its answers (none asked for: undefined). */
type Handler = (request: IncomingMessage, response: ServerResponse, coding: Coding | undefined) => void;

const mediaTypeOf = (contentType: unknown): string =>
  String(contentType ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase() ?? '';

/** Whether an answer of this Content-Type may be compressed: a text type, not one streamed in parts. */
function compressibleType(contentType: unknown): boolean {
  const type = mediaTypeOf(contentType);
  if (STREAMED_TYPES.has(type)) return false;
  return (typeof contentType === 'string' && compressible(contentType) === true) || MORE_TEXT_TYPES.has(type);
}

/** `Cache-Control: no-transform` forbids any coding (RFC 9111, 5.2.2.6). */
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;

/**
 * Every text answer compressed with Brotli or gzip, as the request's Accept-Encoding prefers. Answers
 * that are already encoded (precompressed assets) pass through. ETags stay as they are: they name the
 * content, which is the same in every coding, so a client revalidating a compressed copy still gets
 * its 304.
 *
 * A whole answer is coded at once, synchronously, as it is written ({@link codedWhole}): the
 * `compression` middleware made a zlib stream per answer, which cost about ten times the uncached
 * lane's whole answer. A stream (dumps) goes through the middleware, which negotiates, streams and
 * appends `Accept-Encoding` to Vary. A request without Accept-Encoding gets every answer as it is:
 * the handler is told so, and names Accept-Encoding in Vary itself where the middleware would have
 * ({@link varyingByCoding}).
 */
export function withCompression(handler: Handler): (request: IncomingMessage, response: ServerResponse) => void {
  const compress = compression({
    threshold: THRESHOLD_BYTES,
    filter: (_request, response) => compressibleType(response.getHeader('content-type')),
  });
  return (request, response) => {
    if (request.headers['accept-encoding'] === undefined) {
      handler(request, response, undefined);
      return;
    }
    handler(request, response, {
      whole: (headers, body, head) => codedWhole(request, headers, body, head),
      stream: (write) => compress(request as never, response as never, write),
    });
  };
}

/** Where a header's name is in a flat list of names and values, or -1. */
function nameAt(headers: readonly string[], name: string): number {
  for (let index = 0; index < headers.length; index += 2) if (headers[index] === name) return index;
  return -1;
}

/** negotiator 1.x takes the codings preferred among equally acceptable ones as an option; its types (0.6) do not. */
type EncodingsPreferring = (
  available: readonly string[],
  options: { readonly preferred: readonly string[] },
) => string[];

/** The codings the middleware offers, and those it prefers among equally acceptable ones. */
const AVAILABLE_CODINGS = ['br', 'gzip', 'deflate', 'identity'];
const PREFERRED_CODINGS = ['br', 'gzip'];

/**
 * A whole answer as the `compression` middleware sends it, decided in its order: not a compressible
 * type, or `no-transform`: as it is; else Accept-Encoding named in Vary; then left as it is when
 * shorter than the threshold, already coded, or asked with HEAD; else in the coding Accept-Encoding
 * prefers (Brotli, or gzip, or deflate), with its own Content-Length
 * (the middleware sent it chunked). A status without a body is named with the coding too, as the
 * middleware names it.
 */
export function codedWhole(
  request: IncomingMessage,
  headers: readonly string[],
  body: string | undefined,
  head: boolean,
): CodedAnswer {
  const valueAt = (name: string) => {
    const at = nameAt(headers, name);
    return at < 0 ? undefined : headers[at + 1];
  };
  const cacheControl = valueAt('cache-control');
  if (!compressibleType(valueAt('content-type')) || (cacheControl !== undefined && NO_TRANSFORM.test(cacheControl))) {
    return { headers, body };
  }
  const coded = [...headers];
  const varyAt = nameAt(headers, 'vary');
  if (varyAt < 0) coded.push('vary', 'Accept-Encoding');
  else coded[varyAt + 1] = vary.append(headers[varyAt + 1] as string, 'Accept-Encoding');
  const length = valueAt('content-length');
  const alreadyCoded = (valueAt('content-encoding') ?? 'identity') !== 'identity';
  if ((length !== undefined && Number(length) < THRESHOLD_BYTES) || alreadyCoded || head) {
    return { headers: coded, body };
  }
  const negotiator = new Negotiator(request) as unknown as { encodings: EncodingsPreferring };
  const coding = negotiator.encodings(AVAILABLE_CODINGS, { preferred: PREFERRED_CODINGS })[0];
  if (coding === undefined || coding === 'identity') return { headers: coded, body };
  const lengthAt = nameAt(coded, 'content-length');
  if (lengthAt >= 0) coded.splice(lengthAt, 2);
  coded.push('content-encoding', coding);
  if (body === undefined) return { headers: coded, body };
  const bytes =
    coding === 'br'
      ? brotliCompressSync(body, brotliFor(body))
      : coding === 'gzip'
        ? gzipSync(body)
        : deflateSync(body);
  coded.push('content-length', String(bytes.length));
  return { headers: coded, body: bytes };
}

/**
 * Brotli for whole answers: quality 1, told the size. For 1.3 and 2.8 kB of JSON it took 14 and 20 µs
 * against 49 and 64 at the middleware's quality 4, for 10-12 % more bytes (gzip: 30 µs, 6 % more).
 */
const brotliFor = (body: string) => ({
  params: {
    [zlibConstants.BROTLI_PARAM_QUALITY]: 1,
    [zlibConstants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body),
  },
});

/**
 * An answer's headers (flat, lower-case names) as `compression` leaves them for a request that asks
 * for no coding: Accept-Encoding added to Vary when the answer is of a compressible type and not
 * `no-transform`, since another request may get it compressed. The same array when nothing changes.
 */
export function varyingByCoding(headers: readonly string[]): readonly string[] {
  let contentType: string | undefined;
  let cacheControl: string | undefined;
  let varyAt = -1;
  for (let index = 0; index < headers.length; index += 2) {
    const name = headers[index];
    if (name === 'content-type') contentType = headers[index + 1];
    else if (name === 'cache-control') cacheControl = headers[index + 1];
    else if (name === 'vary') varyAt = index + 1;
  }
  if (!compressibleType(contentType) || (cacheControl !== undefined && NO_TRANSFORM.test(cacheControl))) return headers;
  if (varyAt < 0) return [...headers, 'vary', 'Accept-Encoding'];
  const varied = [...headers];
  varied[varyAt] = vary.append(headers[varyAt] as string, 'Accept-Encoding');
  return varied;
}
