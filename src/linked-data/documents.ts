import type { ContextDefinition, JsonLdDocument } from 'jsonld';
import type { Quad } from 'n3';
import type { EntityRecord } from '../graph/model.js';
import { JSONLD_CONTEXT } from './context.js';
import type { LinkedDataset } from './dataset.js';
import { datasetDescription } from './description.js';
import { offlineDocumentLoader } from './document-loader.js';
import { type IncomingLinks, incomingPageIri } from './incoming.js';
import { datasetIri, preferredGraphIri, reportGraphIri, seriesIri } from './iris.js';
import { jsonLdProcessor } from './jsonld-processor.js';
import type { AnyLdNode } from './mapping.js';
import { quadsOf, type RdfFormat, rdfChunks, TURTLE_PREFIXES, writeRdf } from './rdf.js';
import { writeRdfXml } from './rdf-xml.js';

/** Every form a linked-data document can be written in, and where each has a file-name suffix. */
export const FORMATS = {
  jsonld: { mediaType: 'application/ld+json', forms: ['compacted'], extension: 'jsonld' },
  expanded: { mediaType: 'application/ld+json', forms: ['expanded'] },
  flattened: { mediaType: 'application/ld+json', forms: ['flattened'] },
  flattenedCompacted: { mediaType: 'application/ld+json', forms: ['flattened', 'compacted'] },
  turtle: { mediaType: 'text/turtle', extension: 'ttl' },
  ntriples: { mediaType: 'application/n-triples', extension: 'nt' },
  nquads: { mediaType: 'application/n-quads', extension: 'nq' },
  trig: { mediaType: 'application/trig', extension: 'trig' },
  rdfxml: { mediaType: 'application/rdf+xml', extension: 'rdf' },
  n3: { mediaType: 'text/n3', extension: 'n3' },
  html: { mediaType: 'text/html', extension: 'html' },
  json: { mediaType: 'application/json', extension: 'json' },
} as const satisfies Record<
  string,
  { mediaType: string; forms?: readonly ('compacted' | 'expanded' | 'flattened')[]; extension?: string }
>;

export type Format = keyof typeof FORMATS;

/** Text, or text chunks produced as they are sent. */
export type Body = string | Generator<string>;

/** The prefixes of our Turtle and TriG, with those of the dataset description. */
export const DOCUMENT_PREFIXES = {
  ...TURTLE_PREFIXES,
  owl: JSONLD_CONTEXT.owl,
  void: JSONLD_CONTEXT.void,
  dcterms: JSONLD_CONTEXT.dcterms,
  dcat: JSONLD_CONTEXT.dcat,
  foaf: JSONLD_CONTEXT.foaf,
};

/**
 * One resource of the dataset as a document: the nodes describing it (a record at a time for large
 * ones), and the same in named graphs for N-Quads and TriG.
 */
export interface LinkedDocument {
  /** The IRI the document describes; for a named graph, the graph's IRI. */
  readonly iri: string;
  /** Set when the document is one named graph: JSON-LD then names it, triple formats give its triples. */
  readonly graph?: string;
  /** Whole dataset-sized documents are streamed; the forms that need the whole document are not offered. */
  readonly large: boolean;
  nodeGroups(): Iterable<AnyLdNode[]>;
  quadGroups(): Iterable<Quad[]>;
}

/** An entity's document: what it states, and what points to it. */
export function entityDocument(dataset: LinkedDataset, record: EntityRecord): LinkedDocument {
  return {
    iri: dataset.iriOf(record),
    large: false,
    nodeGroups: () => [dataset.documentNodes(record)],
    quadGroups: () => [dataset.graphQuads(record)],
  };
}

/** A Games series: its node and its Games. */
export function seriesDocument(dataset: LinkedDataset, series: string): LinkedDocument {
  const nodes = () => dataset.seriesDocument(series)['@graph'];
  return {
    iri: seriesIri(dataset.base, series),
    large: false,
    nodeGroups: () => [nodes()],
    quadGroups: () => [[...quadsOf(nodes(), preferredGraphIri(dataset.base))]],
  };
}

/**
 * One page of what points to a resource (`{iri}?page=N`): the Hydra collection and page, and the
 * nodes of the page's records that point to it (in the preferred graph, for N-Quads and TriG).
 * Undefined past the last page.
 */
export function incomingPageDocument(
  dataset: LinkedDataset,
  links: IncomingLinks,
  page: number,
): LinkedDocument | undefined {
  const parts = dataset.incomingPage(links, page);
  if (!parts) return undefined;
  const { incoming, paging } = parts;
  return {
    iri: incomingPageIri(links.iri, page),
    large: false,
    nodeGroups: () => [[...paging, ...incoming]],
    quadGroups: () => [[...quadsOf(paging), ...quadsOf(incoming, preferredGraphIri(dataset.base))]],
  };
}

/** The dataset's description (schema.org Dataset, VoID, DCAT). */
export function descriptionDocument(dataset: LinkedDataset): LinkedDocument {
  return {
    iri: datasetIri(dataset.base),
    large: false,
    nodeGroups: () => [datasetDescription(dataset) as AnyLdNode[]],
    quadGroups: () => [[...quadsOf(datasetDescription(dataset))]],
  };
}

/** A named graph: `preferred`, or a report's slug. Undefined for a slug that names neither. */
export function graphDocument(dataset: LinkedDataset, slug: string): LinkedDocument | undefined {
  if (slug === 'preferred') {
    const graph = preferredGraphIri(dataset.base);
    return {
      iri: graph,
      graph,
      large: true,
      nodeGroups: () => dataset.preferredGraph(),
      quadGroups: () => mapIterable(dataset.preferredGraph(), (nodes) => [...quadsOf(nodes, graph)]),
    };
  }
  const report = dataset.store.get('report', slug);
  if (!report) return undefined;
  const graph = reportGraphIri(dataset.base, report.slug);
  const nodes = () => dataset.reportGraph(report).nodes as AnyLdNode[];
  return {
    iri: graph,
    graph,
    large: false,
    nodeGroups: () => [nodes()],
    quadGroups: () => [[...quadsOf(nodes(), graph)]],
  };
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** The formats a document can be written in (HTML is the site's, offered by the routes). */
export function formatsOf(document: LinkedDocument): Format[] {
  const all: Format[] = ['jsonld', 'turtle', 'ntriples', 'nquads', 'trig', 'n3', 'json'];
  return document.large ? all : [...all, 'expanded', 'flattened', 'flattenedCompacted', 'rdfxml'];
}

const RDF_FORMAT: Partial<Record<Format, RdfFormat>> = {
  turtle: 'turtle',
  ntriples: 'ntriples',
  nquads: 'nquads',
  trig: 'trig',
  n3: 'n3',
};

/** The document's compacted JSON-LD: our context embedded, the nodes in `@graph` (named for a graph). */
function compactedDocument(document: LinkedDocument) {
  return {
    '@context': JSONLD_CONTEXT,
    ...(document.graph ? { '@id': document.graph } : {}),
    '@graph': [...document.nodeGroups()].flat(),
  };
}

function* compactedChunks(document: LinkedDocument): Generator<string> {
  yield `{"@context":${JSON.stringify(JSONLD_CONTEXT)},${document.graph ? `"@id":${JSON.stringify(document.graph)},` : ''}"@graph":[`;
  let first = true;
  for (const group of document.nodeGroups()) {
    for (const node of group) {
      yield `${first ? '' : ','}\n${JSON.stringify(node)}`;
      first = false;
    }
  }
  yield '\n]}\n';
}

const offline = { documentLoader: offlineDocumentLoader([]) };

/** Writes a document in a format (anything but HTML). */
export async function serialize(document: LinkedDocument, format: Exclude<Format, 'html'>): Promise<Body> {
  const rdfFormat = RDF_FORMAT[format];
  if (rdfFormat) {
    const quads =
      rdfFormat === 'nquads' || rdfFormat === 'trig'
        ? document.quadGroups()
        : mapIterable(document.nodeGroups(), (nodes) => [...quadsOf(nodes)]);
    if (document.large) return rdfChunks(quads, rdfFormat, DOCUMENT_PREFIXES);
    return writeRdf([...quads].flat(), rdfFormat, DOCUMENT_PREFIXES);
  }
  if (format === 'rdfxml') return writeRdfXml([...document.nodeGroups()].flatMap((nodes) => [...quadsOf(nodes)]));
  if (format === 'jsonld' || format === 'json') {
    return document.large ? compactedChunks(document) : `${JSON.stringify(compactedDocument(document), null, 2)}\n`;
  }
  const compacted = compactedDocument(document) as unknown as JsonLdDocument;
  const jsonld = await jsonLdProcessor();
  const written =
    format === 'expanded'
      ? await jsonld.expand(compacted, offline)
      : format === 'flattened'
        ? await jsonld.flatten(compacted, undefined, offline)
        : await jsonld.flatten(compacted, JSONLD_CONTEXT as unknown as ContextDefinition, offline);
  return `${JSON.stringify(written, null, 2)}\n`;
}
