import type { RemoteDocument } from 'jsonld/jsonld-spec.js';
import { contextDocument } from './context.js';

/** Thrown for any URL jsonld.js asks for other than our own context: nothing is ever fetched. */
export class RemoteDocumentRefused extends Error {
  readonly code = 'REMOTE_DOCUMENT_REFUSED';

  constructor(readonly url: string) {
    super(`Refusing to load ${url}: JSON-LD processing here is offline and serves only the project's own context.`);
    this.name = 'RemoteDocumentRefused';
  }
}

/**
 * A jsonld.js document loader that answers the project's context URLs from memory and refuses every
 * other URL, so JSON-LD processing never touches the network.
 */
export function offlineDocumentLoader(contextUrls: Iterable<string>): (url: string) => Promise<RemoteDocument> {
  const served = new Set(contextUrls);
  return async (url) => {
    if (!served.has(url)) throw new RemoteDocumentRefused(url);
    return { contextUrl: undefined, documentUrl: url, document: contextDocument() };
  };
}
