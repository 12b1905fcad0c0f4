import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as RDF from '@rdfjs/types';
import type { JsonLdDocument } from 'jsonld';
import jsonld from 'jsonld';
import { Parser, type Quad, Store as QuadStore } from 'n3';
import { offlineDocumentLoader } from '../src/linked-data/document-loader.js';
import { PROJECT_ROOT } from './helpers.js';

const termKey = (term: RDF.Term): string =>
  term.termType === 'Literal' ? `"${term.value}"@${term.language}^^${term.datatype.value}` : term.value;

/** A quad as one comparable string. */
export const quadKey = (quad: RDF.Quad): string =>
  [quad.subject, quad.predicate, quad.object, quad.graph].map(termKey).join(' ');

export const keysOf = (quads: Iterable<RDF.Quad>): Set<string> => new Set([...quads].map(quadKey));

/** Parses Turtle, N-Triples, N-Quads, TriG or N3 with N3.js. */
export function parseRdf(
  text: string,
  format: 'text/turtle' | 'application/n-triples' | 'application/n-quads' | 'application/trig' | 'text/n3',
): Quad[] {
  return new Parser({ format }).parse(text);
}

/** Converts a JSON-LD document to quads with jsonld.js, offline, then parses them with N3.js. */
export async function jsonLdToQuads(document: unknown, contextUrls: string[] = []): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(
    document as JsonLdDocument,
    {
      format: 'application/n-quads',
      documentLoader: offlineDocumentLoader(contextUrls),
    } as jsonld.Options.ToRdf,
  )) as unknown as string;
  return parseRdf(nquads, 'application/n-quads');
}

export async function loadTurtleFile(relative: string): Promise<QuadStore> {
  const text = await readFile(path.join(PROJECT_ROOT, relative), 'utf8');
  return new QuadStore(parseRdf(text, 'text/turtle'));
}

/** Parses RDF/XML with rdfxml-streaming-parser, a parser other than the writer's. */
export async function parseRdfXml(text: string, baseIRI: string): Promise<RDF.Quad[]> {
  const { RdfXmlParser } = await import('rdfxml-streaming-parser');
  const parser = new RdfXmlParser({ baseIRI });
  const quads: RDF.Quad[] = [];
  return new Promise((resolve, reject) => {
    parser.on('data', (quad: RDF.Quad) => quads.push(quad));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

/** Reads any of our RDF answers, by its Content-Type, to quads. */
export async function quadsOfAnswer(body: string, contentType: string, baseIRI: string): Promise<RDF.Quad[]> {
  const mediaType = contentType.split(';')[0]?.trim() ?? '';
  if (mediaType === 'application/ld+json') return jsonLdToQuads(JSON.parse(body));
  if (mediaType === 'application/rdf+xml') return parseRdfXml(body, baseIRI);
  if (mediaType === 'text/html') {
    const script = body.match(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/)?.[1] ?? '';
    return jsonLdToQuads(JSON.parse(script));
  }
  return parseRdf(body, mediaType as Parameters<typeof parseRdf>[1]);
}
