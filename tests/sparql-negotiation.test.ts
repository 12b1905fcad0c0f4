import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { NS } from '../src/linked-data/namespaces.js';
import type { App } from '../src/yoga.js';
import { BASE_URL, realApp } from './helpers.js';
import { keysOf, parseRdf, quadsOfAnswer } from './rdf-helpers.js';
import { get, refusalOf, request } from './sparql-helpers.js';

/**
 * CONSTRUCT and DESCRIBE answers and the service description are negotiated by the same code as the
 * entity IRIs (`http/negotiation.ts`: parameters, q-values, JSON-LD profiles), in every RDF format
 * those have; each answer is read back by a real parser.
 */

let app: App;
let dataset: LinkedDataset;
let nquads: RDF.Quad[];
/** The default graph the endpoint answers over: the triples of /dataset.nt. */
let triples: RDF.Quad[];

beforeAll(async () => {
  const real = await realApp();
  app = real.app;
  dataset = new LinkedDataset(real.store, BASE_URL);
  nquads = parseRdf([...dataset.dump('nquads')].join(''), 'application/n-quads');
  triples = parseRdf([...dataset.dump('ntriples')].join(''), 'application/n-triples');
});

const asTriple = (quad: RDF.Quad) =>
  DataFactory.quad(quad.subject as never, quad.predicate as never, quad.object as never);
const RIM = `${BASE_URL}/id/athlete/rim-ju-song`;
const profile = (form: string) => `application/ld+json;profile="http://www.w3.org/ns/json-ld#${form}"`;

const GRAPH_TABLE: readonly (readonly [string, string])[] = [
  ['text/turtle', 'text/turtle; charset=utf-8'],
  ['text/turtle; charset=UTF-8', 'text/turtle; charset=utf-8'],
  ['application/trig', 'application/trig; charset=utf-8'],
  ['application/n-triples', 'application/n-triples; charset=utf-8'],
  ['application/n-quads', 'application/n-quads; charset=utf-8'],
  ['application/rdf+xml', 'application/rdf+xml; charset=utf-8'],
  ['text/n3', 'text/n3; charset=utf-8'],
  ['application/ld+json', 'application/ld+json; charset=utf-8'],
  [profile('compacted'), 'application/ld+json; charset=utf-8'],
  [profile('expanded'), 'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"'],
  [profile('flattened'), 'application/ld+json; profile="http://www.w3.org/ns/json-ld#flattened"'],
  ['text/turtle;q=0.5, application/rdf+xml', 'application/rdf+xml; charset=utf-8'],
  ['*/*', 'text/turtle; charset=utf-8'],
  ['text/html;q=0.9, application/trig;q=0.5', 'application/trig; charset=utf-8'],
];

describe('SPARQL graph answers, negotiated as entity IRIs are', () => {
  it.each(GRAPH_TABLE)(
    'CONSTRUCT and DESCRIBE with Accept: %s → %s, the triples the dump holds',
    async (accept, type) => {
      const expected = keysOf(triples.filter((quad) => quad.subject.value === RIM));
      expect(expected.size).toBeGreaterThan(0);
      for (const query of [`CONSTRUCT { <${RIM}> ?p ?o } WHERE { <${RIM}> ?p ?o }`, `DESCRIBE <${RIM}>`]) {
        const response = await get(app, query, accept);
        expect(response.status, query).toBe(200);
        expect(response.headers.get('content-type'), query).toBe(type);
        expect(response.headers.get('vary')).toBe('Accept');
        const body = await response.text();
        if (type.includes('#expanded')) expect(body).not.toContain('"@context"');
        const quads = (await quadsOfAnswer(body, type, BASE_URL)).map((quad) => asTriple(quad));
        expect(keysOf(quads), `${query} as ${type}`).toEqual(expected);
      }
    },
  );

  it('refuses what it cannot write, with its code and the types it can', async () => {
    const query = `DESCRIBE <${RIM}>`;
    for (const accept of ['text/turtle; charset=iso-8859-1', 'image/png', 'text/csv', 'text/turtle;q=0']) {
      const refusal = await refusalOf(await get(app, query, accept));
      expect(refusal, accept).toMatchObject({ status: 406, code: 'NOT_ACCEPTABLE' });
      expect(refusal.message).toContain('application/trig');
      expect(refusal.message).toContain('application/rdf+xml');
      expect(refusal.message).not.toContain(accept);
    }
  });

  it('negotiates SELECT results the same way: parameters and q-values', async () => {
    const query = 'SELECT ?s WHERE { ?s ?p ?o } LIMIT 1';
    for (const [accept, type] of [
      ['application/sparql-results+json; charset=utf-8', 'application/sparql-results+json; charset=utf-8'],
      ['text/csv;q=0.4, text/tab-separated-values;q=0.5', 'text/tab-separated-values; charset=utf-8'],
      ['*/*', 'application/sparql-results+json; charset=utf-8'],
    ] as const) {
      const response = await get(app, query, accept);
      expect(response.status, accept).toBe(200);
      expect(response.headers.get('content-type'), accept).toBe(type);
    }
    expect((await get(app, query, 'text/turtle')).status).toBe(406);
  });
});

describe('the SPARQL service description', () => {
  const SD = 'http://www.w3.org/ns/sparql-service-description#';

  it('lists every named graph the endpoint holds, with its triples, as the N-Quads dump has them', async () => {
    const response = await request(app, '/sparql', { headers: { accept: 'text/turtle' } });
    expect(response.status).toBe(200);
    const quads = parseRdf(await response.text(), 'text/turtle');
    const objects = (subject: string, predicate: string) =>
      quads
        .filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate)
        .map((q) => q.object.value);
    const [datasetNode] = quads
      .filter((quad) => quad.predicate.value === `${NS.rdf}type` && quad.object.value === `${SD}Dataset`)
      .map((quad) => quad.subject.value);
    const named = new Map<string, number>();
    for (const namedGraph of objects(datasetNode as string, `${SD}namedGraph`)) {
      const [name] = objects(namedGraph, `${SD}name`);
      const [graph] = objects(namedGraph, `${SD}graph`);
      named.set(name as string, Number(objects(graph as string, `${NS.void}triples`)[0]));
    }
    const inDump = new Map<string, number>();
    for (const quad of nquads) {
      if (quad.graph.termType === 'NamedNode') inDump.set(quad.graph.value, (inDump.get(quad.graph.value) ?? 0) + 1);
    }
    expect(inDump.size).toBeGreaterThan(1);
    expect(named).toEqual(inDump);
    // And the endpoint answers over exactly those graphs.
    const listed = await get(
      app,
      'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }',
      'application/sparql-results+json',
    );
    const rows = (await listed.json()) as { results: { bindings: { g: { value: string } }[] } };
    expect(new Set(rows.results.bindings.map((row) => row.g.value))).toEqual(new Set(inDump.keys()));
  });

  it('is negotiated in every RDF format, the same triples in each; browsers get the query page', async () => {
    const turtle = keysOf(
      parseRdf(await (await request(app, '/sparql', { headers: { accept: 'text/turtle' } })).text(), 'text/turtle'),
    );
    for (const accept of ['application/trig', 'application/rdf+xml', 'application/n-triples', profile('expanded')]) {
      const response = await request(app, '/sparql', { headers: { accept } });
      expect(response.status, accept).toBe(200);
      const type = response.headers.get('content-type') ?? '';
      const quads = await quadsOfAnswer(await response.text(), type, BASE_URL);
      expect(keysOf(quads.map((quad) => asTriple(quad))), accept).toEqual(turtle);
    }
    const page = await request(app, '/sparql', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});
