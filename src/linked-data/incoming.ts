import type { EntityRecord } from '../graph/model.js';
import type { View } from '../graph/store.js';
import type { AnyLdNode } from './mapping.js';
import { NS } from './namespaces.js';

/** How many records pointing to a resource its document embeds; the rest are on pages of as many. */
export const INCOMING_PAGE_SIZE = 100;

/** A resource, and the records whose descriptions point to it (in dataset order). */
export interface IncomingLinks {
  readonly iri: string;
  readonly referrers: View<EntityRecord>;
}

/** The page numbers of a resource's incoming links: 1 to `last` (1 also when there are none). */
export const lastPage = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));

/** The IRI of the collection of what points to a resource: a fragment of the resource's own document. */
export const incomingCollectionIri = (iri: string): string => `${iri}#incoming`;

/** The IRI of one page of a resource's incoming links: `{iri}?page=N`, a document of its own. */
export const incomingPageIri = (iri: string, page: number): string => `${iri}?page=${page}`;

/**
 * Reads the `page` of a query string as this dataset writes it (`?page=N`, N from 1, no leading
 * zero), or undefined for anything else.
 */
export function pageOfSearch(search: string): number | undefined {
  const match = /^\?page=([1-9][0-9]{0,8})$/.exec(search);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const hydra = (term: string) => `${NS.hydra}${term}`;
const ref = (iri: string) => ({ '@id': iri });

/**
 * The Hydra description of one page of what points to a resource: the collection (a
 * `hydra:Collection` with `hydra:totalItems`, this page's `hydra:member`s and its `hydra:view`), and
 * the page (a `hydra:PartialCollectionView` linking the first, last, previous and next pages).
 * Members are the records whose nodes point to the resource, as the page's other nodes show.
 */
export function incomingPageNodes(
  links: IncomingLinks,
  page: number,
  pageSize: number,
  members: readonly string[],
): AnyLdNode[] {
  const last = lastPage(links.referrers.length, pageSize);
  const pageIri = (number: number) => incomingPageIri(links.iri, number);
  const collection = {
    '@id': incomingCollectionIri(links.iri),
    '@type': hydra('Collection'),
    [hydra('totalItems')]: links.referrers.length,
    [hydra('member')]: members.map(ref),
    [hydra('view')]: ref(pageIri(page)),
  };
  const view = {
    '@id': pageIri(page),
    '@type': hydra('PartialCollectionView'),
    [hydra('first')]: ref(pageIri(1)),
    [hydra('last')]: ref(pageIri(last)),
    ...(page > 1 ? { [hydra('previous')]: ref(pageIri(page - 1)) } : {}),
    ...(page < last ? { [hydra('next')]: ref(pageIri(page + 1)) } : {}),
  };
  return [collection, view] as unknown as AnyLdNode[];
}

/** The key that links a resource's own node to the collection of what points to it. */
export const COLLECTION_KEY = hydra('collection');
