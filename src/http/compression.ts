import type { IncomingMessage, ServerResponse } from 'node:http';
import compressible from 'compressible';
import compression from 'compression';
import vary from 'vary';

/** Text types the `compressible` database does not mark, which we serve (RDF serialisations). */
const MORE_TEXT_TYPES = new Set(['application/n-quads', 'application/n-triples', 'application/trig']);

/** Answers delivered part by part (incremental delivery, subscriptions): compression would hold parts back. */
const STREAMED_TYPES = new Set(['text/event-stream', 'multipart/mixed']);

/** Answers smaller than this gain less from compression than its headers cost. */
const THRESHOLD_BYTES = 512;

/** What answers with: the request, its response, and whether the request asked for a coding at all. */
type Handler = (request: IncomingMessage, response: ServerResponse, coded: boolean) => void;

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
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

/**
 * Every text answer compressed with Brotli or gzip, as the request's Accept-Encoding prefers
 * (`compression` negotiates, streams and appends `Accept-Encoding` to Vary). Answers that are already
 * encoded (precompressed assets) pass through. ETags stay as they are: they name the content, which
 * is the same in every coding, so a client revalidating a compressed copy still gets its 304.
 *
 * A request without Accept-Encoding gets every answer as it is, so it skips the middleware (its
 * wrapping of every response costs more than the smaller answers' whole execution): the handler is
 * told so, and names Accept-Encoding in Vary itself where the middleware would have
 * ({@link varyingByCoding}).
 */
export function withCompression(handler: Handler): (request: IncomingMessage, response: ServerResponse) => void {
  const compress = compression({
    threshold: THRESHOLD_BYTES,
    filter: (_request, response) => compressibleType(response.getHeader('content-type')),
  });
  return (request, response) => {
    if (request.headers['accept-encoding'] === undefined) {
      handler(request, response, false);
      return;
    }
    compress(request as never, response as never, () => handler(request, response, true));
  };
}

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
