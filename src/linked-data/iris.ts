import type { Kind } from '../graph/kinds.js';

/**
 * The IRI of an entity: `{base}/id/{kind}/{slug}`. Stable and readable, and dereferenceable when
 * `base` is where the server is reachable.
 */
export const entityIri = (base: string, kind: Kind, slug: string): string =>
  `${trimBase(base)}/id/${kind}/${encodeURIComponent(slug)}`;

/** The slug of a Games series IRI: `PARALYMPIC_GAMES` → `paralympic-games`. */
export const seriesSlug = (series: string): string => series.toLowerCase().replaceAll('_', '-');

/** The series a slug names, the inverse of {@link seriesSlug}: `paralympic-games` → `PARALYMPIC_GAMES`. */
export const seriesOfSlug = (slug: string): string => slug.toUpperCase().replaceAll('-', '_');

/** The IRI of a Games series node, e.g. the Paralympic Games as a whole: `{base}/id/series/{slug}`. */
export const seriesIri = (base: string, series: string): string => `${trimBase(base)}/id/series/${seriesSlug(series)}`;

/** The IRI of the dataset itself (schema:Dataset, void:Dataset, dcat:Dataset). */
export const datasetIri = (base: string): string => `${trimBase(base)}/id/dataset/paralympics-graph`;

/** The named graph of one source document: every claim it states, its quotations and the triples they support. */
export const reportGraphIri = (base: string, report: string): string =>
  `${trimBase(base)}/graph/${encodeURIComponent(report)}`;

/** The named graph of the preferred ("truthy") triples of every entity. */
export const preferredGraphIri = (base: string): string => `${trimBase(base)}/graph/preferred`;

export const trimBase = (base: string): string => (base.endsWith('/') ? base.replace(/\/+$/, '') : base);
