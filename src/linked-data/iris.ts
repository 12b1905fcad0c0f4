import type { Kind } from '../graph/kinds.js';

/**
 * The IRI of an entity: `{base}/id/{kind}/{slug}`. Stable and readable, and dereferenceable when
 * `base` is where the server is reachable.
 */
export const entityIri = (base: string, kind: Kind, slug: string): string =>
  `${trimBase(base)}/id/${kind}/${encodeURIComponent(slug)}`;

/** The IRI of a Games series node, e.g. the Paralympic Games as a whole. */
export const seriesIri = (base: string, series: string): string =>
  `${trimBase(base)}/id/series/${series.toLowerCase().replaceAll('_', '-')}`;

export const trimBase = (base: string): string => base.replace(/\/+$/, '');
