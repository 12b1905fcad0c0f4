import type { JsonLdDocument } from 'jsonld';
import { Parser, type Quad } from 'n3';
import type { JsonLdForm, Offer } from '../http/negotiation.js';
import { JSONLD_CONTEXT } from '../linked-data/context.js';
import { offlineDocumentLoader } from '../linked-data/document-loader.js';
import { jsonLdProcessor } from '../linked-data/jsonld-processor.js';
import { type RdfFormat, TURTLE_PREFIXES, writeRdf } from '../linked-data/rdf.js';
import { writeRdfXml } from '../linked-data/rdf-xml.js';
import type { EngineAnswer } from './engine.js';
import { SparqlRefusal } from './errors.js';
import type { SparqlLimits } from './limits.js';
import type { PreparedQuery } from './query.js';
import { FORMATS_OF, type ResultsFormat, readResultsJson, writeResults } from './results.js';

/** Media types of SELECT and ASK answers, in order of preference when the client has none. */
export const RESULTS_MEDIA_TYPES: Readonly<Record<string, ResultsFormat>> = {
  'application/sparql-results+json': 'json',
  'application/sparql-results+xml': 'xml',
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'application/xml': 'xml',
};

export type GraphFormat = RdfFormat | 'rdfxml' | `jsonld-${JsonLdForm}`;

/** One form an answer can be sent in, negotiated by `http/negotiation.ts` as the entity IRIs are. */
export interface AnswerOffer extends Offer {
  readonly format: ResultsFormat | GraphFormat;
  /** The Content-Type it is sent with: text with its charset, a JSON-LD form other than compacted by its profile. */
  readonly contentType: string;
}

const text = (mediaType: string, format: ResultsFormat | GraphFormat): AnswerOffer => ({
  mediaType,
  format,
  contentType: `${mediaType}; charset=utf-8`,
});

const jsonLd = (form: JsonLdForm, mediaType = 'application/ld+json'): AnswerOffer => ({
  mediaType,
  forms: [form],
  format: `jsonld-${form}`,
  contentType:
    form === 'compacted'
      ? `${mediaType}; charset=utf-8`
      : `${mediaType}; profile="http://www.w3.org/ns/json-ld#${form}"`,
});

/** CONSTRUCT and DESCRIBE answers (and the service description), in order of preference when the client has none. */
export const GRAPH_OFFERS: readonly AnswerOffer[] = [
  text('text/turtle', 'turtle'),
  jsonLd('compacted'),
  text('application/n-triples', 'ntriples'),
  text('application/n-quads', 'nquads'),
  text('application/trig', 'trig'),
  text('application/rdf+xml', 'rdfxml'),
  text('text/n3', 'n3'),
  jsonLd('expanded'),
  jsonLd('flattened'),
  jsonLd('compacted', 'application/json'),
];

/** The forms a query's answer can be given in. */
export function offersFor(query: PreparedQuery): readonly AnswerOffer[] {
  if (query.form === 'CONSTRUCT' || query.form === 'DESCRIBE') return GRAPH_OFFERS;
  const kind = query.form === 'ASK' ? 'boolean' : 'solutions';
  return Object.entries(RESULTS_MEDIA_TYPES)
    .filter(([, format]) => FORMATS_OF[kind].includes(format))
    .map(([mediaType, format]) => text(mediaType, format));
}

/**
 * Writes an engine's answer in the negotiated form, refusing answers over the limits (the engine ran
 * with LIMIT one over the result limit, so one more result than allowed means "too many").
 */
export async function writeAnswer(
  answer: EngineAnswer,
  query: PreparedQuery,
  offer: AnswerOffer,
  limits: SparqlLimits,
): Promise<string> {
  if (answer.kind === 'results') {
    const results = readResultsJson(answer.json);
    if (!results) throw new Error('The SPARQL engine answered something other than SPARQL JSON results');
    if (results.kind === 'solutions' && results.solutions.length > limits.maxResults) {
      throw new SparqlRefusal(
        'TOO_MANY_RESULTS',
        `The query has more than ${limits.maxResults} results; ask for at most ${limits.maxResults} with LIMIT, and for the next ones with OFFSET.`,
      );
    }
    return writeResults(results, offer.format as ResultsFormat);
  }
  let quads: Quad[];
  try {
    quads = new Parser({ format: 'Turtle' }).parse(answer.turtle);
  } catch {
    throw new Error('The SPARQL engine answered RDF that does not parse');
  }
  if (quads.length > limits.maxTriples) {
    throw new SparqlRefusal(
      'TOO_MANY_TRIPLES',
      `The answer has more than ${limits.maxTriples} triples; describe fewer resources, or use LIMIT.`,
    );
  }
  return writeGraph(quads, offer.format as GraphFormat, { ...TURTLE_PREFIXES, ...query.prefixes });
}

const offline = { documentLoader: offlineDocumentLoader([]) };

/**
 * Writes triples in an RDF format: with N3.js, as RDF/XML with Oxigraph (as the entity IRIs are), or
 * as JSON-LD (compacted with the dataset's context, expanded or flattened) with jsonld.js.
 */
export async function writeGraph(
  quads: readonly Quad[],
  format: GraphFormat,
  prefixes: Record<string, string>,
): Promise<string> {
  if (format === 'rdfxml') return writeRdfXml(quads);
  if (!format.startsWith('jsonld-')) return writeRdf(quads, format as RdfFormat, prefixes);
  const jsonld = await jsonLdProcessor();
  const expanded = await jsonld.fromRDF(await writeRdf(quads, 'nquads'), { format: 'application/n-quads' });
  const written =
    format === 'jsonld-expanded'
      ? expanded
      : format === 'jsonld-flattened'
        ? await jsonld.flatten(expanded as JsonLdDocument, undefined, offline)
        : await jsonld.compact(expanded as JsonLdDocument, JSONLD_CONTEXT as never, offline);
  return `${JSON.stringify(written, null, 2)}\n`;
}
