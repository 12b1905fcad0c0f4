import { Writable } from 'node:stream';
import type { Quad, Quad_Graph, Quad_Object } from 'n3';
import { DataFactory, Writer } from 'n3';
import type { LdValue } from './mapping.js';
import { expandIri, NS } from './namespaces.js';

const { namedNode, literal, quad, defaultGraph } = DataFactory;

/** Any node object in our compacted form: an IRI, types, and properties as terms or compact IRIs. */
export type RdfNode = { readonly '@id': string } & { readonly [key: string]: LdValue | readonly LdValue[] | undefined };

const RDF_TYPE = namedNode(`${NS.rdf}type`);
const XSD_INTEGER = namedNode(`${NS.xsd}integer`);
const XSD_BOOLEAN = namedNode(`${NS.xsd}boolean`);

/** Expands a key or type of our compacted JSON-LD: a compact IRI, or a schema.org term (the @vocab). */
const termIri = (term: string): string => (term.includes(':') ? expandIri(term) : NS.schema + term);

function objectOf(value: LdValue): Quad_Object {
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'boolean') return literal(String(value), XSD_BOOLEAN);
  if (typeof value === 'number') {
    // The mapping emits native numbers only for integers; decimals are typed literals.
    if (!Number.isInteger(value)) throw new Error(`Non-integer native number ${value}`);
    return literal(String(value), XSD_INTEGER);
  }
  if ('@id' in value) return namedNode(expandIri(value['@id']));
  if ('@language' in value) return literal(value['@value'], value['@language']);
  return literal(value['@value'], namedNode(expandIri(value['@type'])));
}

/**
 * The RDF triples of node objects in the restricted compacted form the mapping emits (every node
 * has an IRI, values are references, typed literals or JSON literals). Tests prove the result equal
 * to jsonld.js's `toRDF` on the same documents.
 */
export function* quadsOf(nodes: Iterable<RdfNode>, graphIri?: string): Generator<Quad> {
  const graph: Quad_Graph = graphIri === undefined ? defaultGraph() : namedNode(graphIri);
  for (const node of nodes) {
    const subject = namedNode(expandIri(node['@id']));
    for (const [key, raw] of Object.entries(node)) {
      if (key === '@id' || raw === undefined) continue;
      const values = (Array.isArray(raw) ? raw : [raw]) as LdValue[];
      if (key === '@type') {
        for (const type of values) yield quad(subject, RDF_TYPE, namedNode(termIri(String(type))), graph);
        continue;
      }
      const predicate = namedNode(termIri(key));
      for (const value of values) yield quad(subject, predicate, objectOf(value), graph);
    }
  }
}

/** The RDF formats N3.js writes; `quads` for those that keep named graphs. */
export const RDF_FORMATS = {
  turtle: { mediaType: 'text/turtle', n3Format: 'Turtle', extension: 'ttl', quads: false },
  ntriples: { mediaType: 'application/n-triples', n3Format: 'N-Triples', extension: 'nt', quads: false },
  nquads: { mediaType: 'application/n-quads', n3Format: 'N-Quads', extension: 'nq', quads: true },
  trig: { mediaType: 'application/trig', n3Format: 'TriG', extension: 'trig', quads: true },
  n3: { mediaType: 'text/n3', n3Format: 'N3', extension: 'n3', quads: false },
} as const;

export type RdfFormat = keyof typeof RDF_FORMATS;

/** Prefixes Turtle and TriG output declares, so that it reads like the vocabularies it uses. */
export const TURTLE_PREFIXES = { schema: NS.schema, pg: NS.pg, prov: NS.prov, xsd: NS.xsd, rdfs: NS.rdfs };

const hasPrefixes = (format: RdfFormat) => format === 'turtle' || format === 'trig' || format === 'n3';

/** Serialises a small set of quads (one entity) to a string with N3.js. */
export function writeRdf(
  quads: Iterable<Quad>,
  format: RdfFormat,
  prefixes: Record<string, string> = TURTLE_PREFIXES,
): Promise<string> {
  const writer = new Writer({ format: RDF_FORMATS[format].n3Format, ...(hasPrefixes(format) ? { prefixes } : {}) });
  for (const item of quads) writer.addQuad(item);
  return new Promise((resolve, reject) =>
    writer.end((error, result: string) => (error ? reject(error) : resolve(result))),
  );
}

/**
 * Serialises quads with N3.js in chunks, one group at a time, so that a dump of any size is written
 * without being held in memory. Each chunk is what N3.js wrote for one group.
 */
export function* rdfChunks(
  groups: Iterable<Iterable<Quad>>,
  format: RdfFormat,
  prefixes: Record<string, string> = TURTLE_PREFIXES,
): Generator<string> {
  let pending = '';
  const sink = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      pending += chunk.toString();
      done();
    },
  });
  const writer = new Writer(sink, {
    format: RDF_FORMATS[format].n3Format,
    end: false,
    ...(hasPrefixes(format) ? { prefixes } : {}),
  });
  for (const group of groups) {
    for (const item of group) writer.addQuad(item);
    if (pending !== '') {
      yield pending;
      pending = '';
    }
  }
  writer.end();
  if (pending !== '') yield pending;
}

/** A web stream over text chunks, pulled one at a time so that a slow client holds back the producer. */
export function toWebStream(chunks: Iterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      chunks.return?.(undefined);
    },
  });
}
