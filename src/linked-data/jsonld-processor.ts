import type JsonLd from 'jsonld';

let loading: Promise<typeof JsonLd> | undefined;

/**
 * jsonld.js, loaded on first use: it (and the HTTP client it brings) costs a tenth of a second or more
 * of a start, and only expanded and flattened JSON-LD and SPARQL graph answers need it. The server
 * loads it in the background once ready (see `warmAfterReady`), so no request waits for it.
 */
export function jsonLdProcessor(): Promise<typeof JsonLd> {
  loading ??= import('jsonld').then((module) => module.default);
  return loading;
}
