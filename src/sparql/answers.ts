import type { JsonLdDocument } from 'jsonld';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { JSONLD_CONTEXT } from '../linked-data/context.js';
import { offlineDocumentLoader } from '../linked-data/document-loader.js';
import { type RdfFormat, TURTLE_PREFIXES, writeRdf } from '../linked-data/rdf.js';
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

export type GraphFormat = RdfFormat | 'jsonld';

/** Media types of CONSTRUCT and DESCRIBE answers, in order of preference when the client has none. */
export const GRAPH_MEDIA_TYPES: Readonly<Record<string, GraphFormat>> = {
  'text/turtle': 'turtle',
  'application/ld+json': 'jsonld',
  'application/n-triples': 'ntriples',
  'application/n-quads': 'nquads',
  'application/json': 'jsonld',
};

/** The media types a query's answer can be given in. */
export function mediaTypesFor(query: PreparedQuery): string[] {
  if (query.form === 'CONSTRUCT' || query.form === 'DESCRIBE') return Object.keys(GRAPH_MEDIA_TYPES);
  const kind = query.form === 'ASK' ? 'boolean' : 'solutions';
  return Object.entries(RESULTS_MEDIA_TYPES)
    .filter(([, format]) => FORMATS_OF[kind].includes(format))
    .map(([mediaType]) => mediaType);
}

/**
 * Writes an engine's answer in the negotiated media type, refusing answers over the limits (the
 * engine ran with LIMIT one over the result limit, so one more result than allowed means "too many").
 */
export async function writeAnswer(
  answer: EngineAnswer,
  query: PreparedQuery,
  mediaType: string,
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
    return writeResults(results, RESULTS_MEDIA_TYPES[mediaType] ?? 'json');
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
  return writeGraph(quads, GRAPH_MEDIA_TYPES[mediaType] ?? 'turtle', { ...TURTLE_PREFIXES, ...query.prefixes });
}

/** Writes triples in an RDF format: with N3.js, or as JSON-LD compacted with the dataset's context. */
export async function writeGraph(
  quads: readonly Quad[],
  format: GraphFormat,
  prefixes: Record<string, string>,
): Promise<string> {
  if (format !== 'jsonld') return writeRdf(quads, format, prefixes);
  const expanded = await jsonld.fromRDF(await writeRdf(quads, 'nquads'), { format: 'application/n-quads' });
  const compacted = await jsonld.compact(expanded as JsonLdDocument, JSONLD_CONTEXT as never, {
    documentLoader: offlineDocumentLoader([]),
  });
  return `${JSON.stringify(compacted, null, 2)}\n`;
}
