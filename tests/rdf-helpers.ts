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

/** Parses Turtle, N-Triples or N-Quads with N3.js. */
export function parseRdf(
  text: string,
  format: 'text/turtle' | 'application/n-triples' | 'application/n-quads',
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
