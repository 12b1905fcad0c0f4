import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';

/** Text types the `compressible` database does not mark, which we serve (RDF serialisations). */
const MORE_TEXT_TYPES = new Set(['application/n-quads', 'application/n-triples', 'application/trig']);

/** Answers delivered part by part (incremental delivery, subscriptions): compression would hold parts back. */
const STREAMED_TYPES = new Set(['text/event-stream', 'multipart/mixed']);

/** Answers smaller than this gain less from compression than its headers cost. */
const THRESHOLD_BYTES = 512;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const mediaTypeOf = (response: ServerResponse): string =>
  String(response.getHeader('content-type') ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase() ?? '';

/**
 * Every text answer compressed with Brotli or gzip, as the request's Accept-Encoding prefers
 * (`compression` negotiates, streams and appends `Accept-Encoding` to Vary). Answers that are already
 * encoded (precompressed assets) pass through. ETags stay as they are: they name the content, which
 * is the same in every coding, so a client revalidating a compressed copy still gets its 304.
 */
export function withCompression(handler: Handler): Handler {
  const compress = compression({
    threshold: THRESHOLD_BYTES,
    filter: (request, response) =>
      !STREAMED_TYPES.has(mediaTypeOf(response)) &&
      (compression.filter(request, response) || MORE_TEXT_TYPES.has(mediaTypeOf(response))),
  });
  return (request, response) => {
    compress(request as never, response as never, () => handler(request, response));
  };
}
