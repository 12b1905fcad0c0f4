import type * as RDF from '@rdfjs/types';
import { Parser as N3Parser } from 'n3';
import { SparqlXmlParser } from 'sparqlxml-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { NS } from '../src/linked-data/namespaces.js';
import { BASE_URL, listenOnLoopback, realApp } from './helpers.js';
import { jsonLdToQuads, keysOf, parseRdf } from './rdf-helpers.js';
import { ENDPOINT, get, refusalOf, request, solutions, sparqlClient } from './sparql-helpers.js';

const { app, store } = await realApp();
const dataset = new LinkedDataset(store, BASE_URL);
afterAll(() => app.dispose());

/** Every quad of the N-Quads dump, by graph ('' for the default graph). */
function dumpQuads(): RDF.Quad[] {
  return new N3Parser({ format: 'N-Quads' }).parse([...dataset.dump('nquads')].join(''));
}

/** Every triple of the N-Triples dump: the default graph. */
function dumpTriples(): RDF.Quad[] {
  return new N3Parser({ format: 'N-Triples' }).parse([...dataset.dump('ntriples')].join(''));
}

const ATHLETES = `PREFIX schema: <https://schema.org/>
PREFIX pg: <https://w3id.org/paralympics-graph/vocab#>
SELECT ?athlete ?name WHERE { ?athlete pg:athleteRole ?role ; schema:name ?name } ORDER BY ?athlete`;
// The query asks for a role, which the data may leave out (a contributed athlete may have none).
const athletesInData = () =>
  store
    .all('athlete')
    .filter((athlete) => athlete.facts.role.length > 0)
    .map((athlete) => ({ athlete: dataset.iriOf(athlete), name: String(athlete.facts.name) }))
    .sort((a, b) => (a.athlete < b.athlete ? -1 : 1));

describe('SPARQL 1.1 Protocol: queries (W3C protocol tests for a read-only service)', () => {
  it.each([
    ['GET', { method: 'GET' as const }],
    ['POST, form-encoded', { method: 'POST' as const }],
    ['POST, application/sparql-query', { method: 'POST' as const, directPost: true }],
  ])('query via %s, read by a real SPARQL client, answers what the data holds', async (_, options) => {
    const client = sparqlClient(app, options);
    expect(await solutions(client, ATHLETES)).toEqual(athletesInData());
    expect(await client.fetchAsk(ENDPOINT, 'ASK {}')).toBe(true);
  });

  it('answers SELECT in SPARQL JSON, XML, CSV and TSV, each with the same solutions', async () => {
    const expected = athletesInData();
    const json = await get(app, ATHLETES, 'application/sparql-results+json');
    expect(json.headers.get('content-type')).toBe('application/sparql-results+json; charset=utf-8');
    const bindings = (await json.json()).results.bindings.map((row: Record<string, { value: string }>) => ({
      athlete: row.athlete?.value,
      name: row.name?.value,
    }));
    expect(bindings).toEqual(expected);

    const xml = await get(app, ATHLETES, 'application/sparql-results+xml');
    expect(xml.headers.get('content-type')).toBe('application/sparql-results+xml; charset=utf-8');
    const fromXml: Record<string, string>[] = [];
    const parsed = new SparqlXmlParser().parseXmlResultsStream(
      (await import('node:stream')).Readable.from([await xml.text()]),
    );
    for await (const row of parsed as AsyncIterable<Record<string, RDF.Term>>) {
      fromXml.push(
        Object.fromEntries(Object.entries(row).map(([name, term]) => [name.replace(/^\?/, ''), term.value])),
      );
    }
    expect(fromXml).toEqual(expected);

    const csv = await get(app, ATHLETES, 'text/csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csvText = await csv.text();
    expect(csvText.split('\r\n')).toEqual([
      'athlete,name',
      ...expected.map(
        ({ athlete, name }) => `${athlete},${/[",]/.test(name) ? `"${name.replaceAll('"', '""')}"` : name}`,
      ),
      '',
    ]);

    const tsv = await get(app, ATHLETES, 'text/tab-separated-values');
    expect(tsv.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8');
    expect((await tsv.text()).split('\n')).toEqual([
      '?athlete\t?name',
      ...expected.map(({ athlete, name }) => `<${athlete}>\t${JSON.stringify(name)}@en`),
      '',
    ]);
  });

  it('answers ASK in SPARQL JSON and XML, and 406 for CSV, which has no boolean form', async () => {
    const ask = `PREFIX pg: <${NS.pg}> ASK { ?country pg:iocCode "PRK" }`;
    expect(await (await get(app, ask, 'application/sparql-results+json')).json()).toEqual({ head: {}, boolean: true });
    const xml = await (await get(app, ask, 'application/sparql-results+xml')).text();
    expect(await new SparqlXmlParser().parseXmlBooleanStream((await import('node:stream')).Readable.from([xml]))).toBe(
      true,
    );
    const csv = await refusalOf(await get(app, ask, 'text/csv'));
    expect(csv).toMatchObject({ status: 406, code: 'NOT_ACCEPTABLE' });
    expect(csv.message).toContain('application/sparql-results+json');
  });

  it.each([
    ['text/turtle', 'text/turtle'],
    ['text/turtle; charset=utf-8', 'text/turtle'],
    ['application/n-triples', 'application/n-triples'],
    ['application/n-quads', 'application/n-quads'],
    ['application/ld+json', 'application/ld+json'],
    ['*/*', 'text/turtle'],
  ])(
    'answers CONSTRUCT and DESCRIBE for Accept: %s in %s, with the triples the dump holds',
    async (accept, mediaType) => {
      const rim = `${BASE_URL}/id/athlete/rim-ju-song`;
      const expected = keysOf(dumpTriples().filter((quad) => quad.subject.value === rim));
      for (const query of [`CONSTRUCT { <${rim}> ?p ?o } WHERE { <${rim}> ?p ?o }`, `DESCRIBE <${rim}>`]) {
        const response = await get(app, query, accept);
        expect(response.status, query).toBe(200);
        expect(response.headers.get('content-type')).toBe(`${mediaType}; charset=utf-8`);
        const body = await response.text();
        const quads =
          mediaType === 'application/ld+json'
            ? await jsonLdToQuads(JSON.parse(body))
            : parseRdf(body, mediaType as 'text/turtle');
        expect(keysOf(quads), query).toEqual(expected);
      }
    },
  );

  it('reads CONSTRUCT answers with a real client', async () => {
    const stream = await sparqlClient(app).fetchTriples(
      ENDPOINT,
      `PREFIX schema: <${NS.schema}> CONSTRUCT { ?a schema:name ?n } WHERE { ?a schema:name ?n }`,
    );
    const quads: RDF.Quad[] = [];
    for await (const quad of stream as AsyncIterable<RDF.Quad>) quads.push(quad);
    const names = dumpTriples().filter((quad) => quad.predicate.value === `${NS.schema}name`);
    expect(keysOf(quads)).toEqual(keysOf(names));
  });

  it('answers over exactly the dumps: the triples of /dataset.nt as the default graph, the graphs of /dataset.nq', async () => {
    const triples = dumpTriples();
    const count = await (await get(app, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).json();
    expect(Number(count.results.bindings[0].n.value)).toBe(keysOf(triples).size);
    const graphs = new Map<string, number>();
    for (const quad of dumpQuads()) graphs.set(quad.graph.value, (graphs.get(quad.graph.value) ?? 0) + 1);
    const named = await (
      await get(app, 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g')
    ).json();
    expect(
      new Map(
        named.results.bindings.map((row: Record<string, { value: string }>) => [row.g?.value, Number(row.n?.value)]),
      ),
    ).toEqual(graphs);
  });

  it('takes the dataset from default-graph-uri and named-graph-uri, over FROM in the query', async () => {
    const nowhere = 'https://example.org/no-such-graph';
    const ask = async (query: string, parameters = '') =>
      (await (await request(app, `/sparql?query=${encodeURIComponent(query)}${parameters}`)).json()).boolean;
    expect(await ask('ASK { ?s ?p ?o }')).toBe(true);
    expect(await ask(`ASK FROM <${nowhere}> { ?s ?p ?o }`)).toBe(false);
    expect(await ask('ASK { ?s ?p ?o }', `&default-graph-uri=${encodeURIComponent(nowhere)}`)).toBe(false);
    expect(await ask('ASK { GRAPH ?g { ?s ?p ?o } }', `&named-graph-uri=${encodeURIComponent(nowhere)}`)).toBe(false);
    // The protocol's dataset wins over the query's own FROM (query-multiple-dataset).
    const graph = dumpQuads().find((quad) => quad.graph.value !== '')?.graph.value;
    if (graph) {
      const parameters = `&default-graph-uri=${encodeURIComponent(graph)}`;
      expect(await ask(`ASK FROM <${nowhere}> { ?s ?p ?o }`, parameters)).toBe(true);
    }
    const form = await request(app, '/sparql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'ASK { ?s ?p ?o }', 'default-graph-uri': nowhere }),
    });
    expect((await form.json()).boolean).toBe(false);
    const bad = await refusalOf(await request(app, '/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri'));
    expect(bad).toMatchObject({ status: 400, code: 'BAD_DATASET' });
  });

  it('resolves relative IRIs against the endpoint, so <id/athlete/…> names an entity', async () => {
    const response = await get(app, 'SELECT ?name WHERE { <id/athlete/rim-ju-song> <https://schema.org/name> ?name }');
    expect((await response.json()).results.bindings).toEqual([
      { name: { type: 'literal', value: 'Rim Ju-song', 'xml:lang': 'en' } },
    ]);
  });
});

describe('SPARQL 1.1 Protocol: refusals', () => {
  it.each([
    [
      'a method other than GET or POST (bad-query-method)',
      () => request(app, '/sparql?query=ASK%7B%7D', { method: 'PUT' }),
      405,
      'METHOD_NOT_ALLOWED',
    ],
    [
      'two queries (bad-multiple-queries)',
      () => request(app, '/sparql?query=ASK%7B%7D&query=SELECT%20*%7B%7D'),
      400,
      'MULTIPLE_QUERIES',
    ],
    [
      'a POST of text/plain (bad-query-wrong-media-type)',
      () => request(app, '/sparql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ASK {}' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a form without its media type (bad-query-missing-form-type)',
      () => request(app, '/sparql', { method: 'POST', body: new TextEncoder().encode('query=ASK%20%7B%7D') }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a query in UTF-16 (bad-query-non-utf8)',
      () =>
        request(app, '/sparql', {
          method: 'POST',
          headers: { 'content-type': 'application/sparql-query; charset=UTF-16' },
          body: Buffer.from('ASK {}', 'utf16le'),
        }),
      415,
      'UNSUPPORTED_CHARSET',
    ],
    [
      'a body that is not UTF-8',
      () =>
        request(app, '/sparql', {
          method: 'POST',
          headers: { 'content-type': 'application/sparql-query' },
          body: new Uint8Array([0x41, 0x53, 0x4b, 0xff, 0x7b, 0x7d]),
        }),
      400,
      'MALFORMED_QUERY',
    ],
    ['invalid syntax (bad-query-syntax)', () => request(app, '/sparql?query=ASK%20%7B'), 400, 'MALFORMED_QUERY'],
    ['an update by GET (bad-update-get)', () => request(app, '/sparql?update=CLEAR%20ALL'), 403, 'UPDATE_NOT_ALLOWED'],
    [
      'an update posted as a form',
      () =>
        request(app, '/sparql', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'update=CLEAR%20ALL',
        }),
      403,
      'UPDATE_NOT_ALLOWED',
    ],
    [
      'an update posted directly',
      () =>
        request(app, '/sparql', {
          method: 'POST',
          headers: { 'content-type': 'application/sparql-update' },
          body: 'CLEAR ALL',
        }),
      403,
      'UPDATE_NOT_ALLOWED',
    ],
    ['an update sent as a query', () => get(app, 'INSERT DATA { <urn:a> <urn:b> <urn:c> }'), 403, 'UPDATE_NOT_ALLOWED'],
    [
      'a POST without a query',
      () =>
        request(app, '/sparql', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'default-graph-uri=urn%3Ax',
        }),
      400,
      'MISSING_QUERY',
    ],
    ['an empty query', () => get(app, '   '), 400, 'MISSING_QUERY'],
  ])('%s', async (_, send, status, code) => {
    const response = await send();
    const refusal = await refusalOf(response);
    expect(refusal).toMatchObject({ status, code });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(refusal.message).not.toMatch(/ at \S+:\d+|node_modules|\/work\/|Parse error|Expecting|Error:/);
    expect(refusal.message.length).toBeLessThan(300);
    // Nothing broke: the next query is answered.
    expect((await get(app, 'ASK {}')).status).toBe(200);
  });

  it.each([
    ['SELECT ?x WHERE { ?x ?y }', /unexpected "}" at line 1, column 22/],
    ['SELECT ?x WHERE { ?x foo:bar ?z }', /prefix "foo:" is not declared/],
    ['SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?y ?z } GROUP BY ?y', /\?x is selected but neither grouped nor aggregated/],
  ])('says where a malformed query goes wrong, in its own words: %s', async (query, message) => {
    const refusal = await refusalOf(await get(app, query));
    expect(refusal).toMatchObject({ status: 400, code: 'MALFORMED_QUERY' });
    expect(refusal.message).toMatch(message);
  });
});

describe('SPARQL 1.1 Service Description, VoID and the query page', () => {
  it('describes the service at GET /sparql without a query, in every RDF format', async () => {
    const turtle = await request(app, '/sparql', { headers: { accept: 'text/turtle' } });
    expect(turtle.status).toBe(200);
    const sd = 'http://www.w3.org/ns/sparql-service-description#';
    const quads = parseRdf(await turtle.text(), 'text/turtle');
    const has = (predicate: string, object: string) =>
      quads.some((quad) => quad.predicate.value === predicate && quad.object.value === object);
    expect(has(`${sd}endpoint`, ENDPOINT)).toBe(true);
    expect(has(`${sd}supportedLanguage`, `${sd}SPARQL11Query`)).toBe(true);
    expect(has(`${sd}feature`, `${sd}UnionDefaultGraph`)).toBe(true);
    expect(has(`${sd}resultFormat`, 'http://www.w3.org/ns/formats/SPARQL_Results_CSV')).toBe(true);
    const triples = quads.find(
      (quad) => quad.subject.value === `${ENDPOINT}#default-graph` && quad.predicate.value === `${NS.void}triples`,
    )?.object.value;
    expect(Number(triples)).toBe(dataset.statistics().triples);
    const jsonLd = await request(app, '/sparql', { headers: { accept: 'application/ld+json' } });
    expect(keysOf(await jsonLdToQuads(await jsonLd.json()))).toEqual(keysOf(quads));
  });

  it('advertises the endpoint in VoID', async () => {
    const response = await request(app, '/.well-known/void');
    const quads = parseRdf(await response.text(), 'text/turtle');
    expect(
      quads.some((quad) => quad.predicate.value === `${NS.void}sparqlEndpoint` && quad.object.value === ENDPOINT),
    ).toBe(true);
  });

  it('gives browsers the query page, under a strict CSP, with every file from this server', async () => {
    const response = await request(app, '/sparql', {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    const page = await response.text();
    const files = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    const assets = files.filter((file) => file.startsWith('/sparql/assets/'));
    expect(assets.length).toBe(4);
    expect(files.every((file) => file.startsWith('/'))).toBe(true);
    for (const file of assets) {
      const asset = await request(app, file);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await request(app, '/sparql/assets/nothing.js')).status).toBe(404);
  });
});

describe('SPARQL caching and CORS', () => {
  it('gives GET answers an ETag by dataset version and Cache-Control; If-None-Match answers 304 unrun', async () => {
    const first = await get(app, ATHLETES);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"[\w-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(first.headers.get('vary')).toBe('Accept');
    expect((await get(app, ATHLETES)).headers.get('etag')).toBe(etag);
    expect((await get(app, ATHLETES, 'text/csv')).headers.get('etag')).not.toBe(etag);
    const again = await get(app, ATHLETES, '*/*', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await request(app, `/sparql?query=${encodeURIComponent(ATHLETES)}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
  });

  it('keeps POST answers out of caches, and answers 412 to a POST whose If-None-Match matches', async () => {
    const post = (headers: Record<string, string> = {}) =>
      request(app, '/sparql', {
        method: 'POST',
        headers: { 'content-type': 'application/sparql-query', ...headers },
        body: ATHLETES,
      });
    const first = await post();
    expect(first.headers.get('cache-control')).toBe('no-store');
    const etag = first.headers.get('etag') ?? '';
    expect(await refusalOf(await post({ 'if-none-match': etag }))).toMatchObject({
      status: 412,
      code: 'PRECONDITION_FAILED',
    });
  });

  it('never lets a cache keep an answer that changes between runs (NOW, RAND, UUID, BNODE)', async () => {
    const response = await get(app, 'SELECT (NOW() AS ?now) (RAND() AS ?r) WHERE {}');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('lets any origin read answers and refusals over HTTP, and answers the preflight of a direct POST', async () => {
    const loopback = await listenOnLoopback();
    try {
      const origin = { origin: 'https://example.org' };
      const answer = await fetch(`${loopback.url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: origin });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      const refused = await fetch(`${loopback.url}/sparql?query=ASK%20%7B`, { headers: origin });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      const posted = await fetch(`${loopback.url}/sparql`, {
        method: 'POST',
        headers: { ...origin, 'content-type': 'application/sparql-query', accept: 'text/csv' },
        body: 'SELECT (1 AS ?one) {}',
      });
      expect(await posted.text()).toBe('one\r\n1\r\n');
      const preflight = await fetch(`${loopback.url}/sparql`, {
        method: 'OPTIONS',
        headers: {
          ...origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    } finally {
      await loopback.close();
    }
  });
});
