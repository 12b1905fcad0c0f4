import type { Kind } from '../graph/kinds.js';

/**
 * The IRI of an entity: `{base}/id/{kind}/{slug}`. Stable and readable, and dereferenceable when
 * `base` is where the server is reachable.
 */
export const entityIri = (base: string, kind: Kind, slug: string): string =>
  `${base.replace(/\/+$/, '')}/id/${kind}/${encodeURIComponent(slug)}`;
