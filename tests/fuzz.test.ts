import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE_QUERY, SEARCH_QUERY } from '../src/examples.js';
import { FastLane } from '../src/http/fast-lane.js';
import { BASE_URL, listenOnLoopback, realApp } from './helpers.js';
import { LEAK, rawRequest } from './raw-http.js';

const FIELDS = [
  'country',
  'games',
  'athlete',
  'search',
  'allGames',
  'node',
  'nodes',
  'edges',
  'name',
  'claims',
  'citations',
  'report',
  '__typename',
  '__schema',
  'results',
  'jsonld',
];
const PUNCTUATION = [
  '{',
  '}',
  '(',
  ')',
  ':',
  '$',
  '@',
  '...',
  '"',
  '[',
  ']',
  '!',
  '=',
  ',',
  '#',
  '\\',
  '\u0000',
  '\u2028',
];

/** Pieces of GraphQL, valid and not, glued together. */
const tokenSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(...FIELDS, ...PUNCTUATION),
      fc.constantFrom(
        'first: 5',
        'first: -1',
        'first: 99999999999',
        'code: "PRK"',
        'slug: "x"',
        'query: ""',
        'id: "?"',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((tokens) => tokens.join(' '));

/** The example query with characters deleted, duplicated or replaced. */
const mutatedExample = fc
  .array(
    fc.tuple(
      fc.nat({ max: EXAMPLE_QUERY.length }),
      fc.constantFrom('delete', 'duplicate', 'replace'),
      fc.string({ maxLength: 3 }),
    ),
    {
      maxLength: 6,
    },
  )
  .map((edits) =>
    edits.reduce((query, [at, edit, text]) => {
      if (edit === 'delete') return query.slice(0, at) + query.slice(at + 1);
      if (edit === 'duplicate') return query.slice(0, at) + query.slice(at, at + 20) + query.slice(at);
      return query.slice(0, at) + text + query.slice(at + 1);
    }, EXAMPLE_QUERY),
  );

const variables = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ query: fc.string(), first: fc.integer(), after: fc.string() }),
);

describe('fuzzing the GraphQL endpoint', () => {
  it('answers thousands of generated and mutated requests without a 5xx, each with a well-formed body', async () => {
    const { app } = await realApp();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(tokenSoup, mutatedExample, fc.constant(SEARCH_QUERY), fc.string()),
        variables,
        fc.constantFrom('POST', 'GET'),
        async (query, vars, method) => {
          const response =
            method === 'POST'
              ? await app.fetch(`${BASE_URL}/graphql`, {
                  method,
                  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
                  body: JSON.stringify({ query, variables: vars }),
                })
              : await app.fetch(
                  `${BASE_URL}/graphql?query=${encodeURIComponent(query)}${vars === undefined ? '' : `&variables=${encodeURIComponent(JSON.stringify(vars))}`}`,
                  { headers: { accept: 'application/graphql-response+json' } },
                );
          expect(response.status).toBeLessThan(500);
          const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
          expect('data' in body || Array.isArray(body.errors)).toBe(true);
          for (const error of body.errors ?? []) {
            expect(typeof error.message).toBe('string');
            expect(error.message).not.toBe('Unexpected error.');
          }
        },
      ),
      { numRuns: 3000 },
    );
  }, 120_000);
});

describe('fuzzing the served endpoint, fast lane and full pipeline side by side', () => {
  it('gives every generated request the same status and bytes with the fast lane as without it', async () => {
    const laneAnswers = vi.spyOn(FastLane.prototype, 'answer');
    const withLane = await listenOnLoopback({ responseCache: false });
    const withoutLane = await listenOnLoopback({ responseCache: false, fastLane: false });
    const ask = async (url: string, query: string, vars: unknown, method: string) => {
      const response =
        method === 'POST'
          ? await fetch(`${url}/graphql`, {
              method,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query, variables: vars }),
            })
          : await fetch(
              `${url}/graphql?query=${encodeURIComponent(query)}${vars === undefined ? '' : `&variables=${encodeURIComponent(JSON.stringify(vars))}`}`,
            );
      return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
    };
    try {
      await fc.assert(
        fc.asyncProperty(
          // Few documents, many variables: documents get admitted, then their variables vary.
          fc.oneof(fc.constant(SEARCH_QUERY), mutatedExample, tokenSoup),
          fc.oneof(
            variables,
            fc.record({ query: fc.string({ maxLength: 12 }), first: fc.integer({ min: -5, max: 120 }) }),
          ),
          fc.constantFrom('POST', 'GET'),
          async (query, vars, method) => {
            const expected = await ask(withoutLane.url, query, vars, method);
            expect(expected.status).toBeLessThan(500);
            // Twice: the first may admit the document, the second is then answered by the lane.
            expect(await ask(withLane.url, query, vars, method)).toEqual(expected);
            expect(await ask(withLane.url, query, vars, method)).toEqual(expected);
          },
        ),
        { numRuns: 1000 },
      );
      const answered = laneAnswers.mock.results.filter((result) => result.value !== undefined).length;
      expect(answered).toBeGreaterThan(100);
    } finally {
      laneAnswers.mockRestore();
      await withLane.close();
      await withoutLane.close();
    }
  }, 120_000);
});

describe('fuzzing the edge: methods, paths, percent-encodings, Host and Accept', () => {
  /** Pieces of paths: routes, percent-encodings well- and ill-formed, overlong UTF-8, dot segments. */
  const segment = fc.oneof(
    fc.constantFrom(
      'graphql',
      'id',
      'athlete',
      'rim-ju-song',
      'dataset.nq',
      'sitemap.xml',
      '.well-known',
      'void',
      'healthz',
      'readyz',
      'context.jsonld',
      'sparql',
      'assets',
      '..',
      '.',
      '',
      '%',
      '%2',
      '%zz',
      '%ff',
      '%C0%AF',
      '%E0%80%AF',
      '%ED%A0%80',
      '%F4%90%80%80',
      '%2F',
      '%00',
      '%25',
      '%E2%82%AC',
      ';x',
      '@',
    ),
    fc.string({ maxLength: 6 }).map((text) => encodeURIComponent(text)),
    fc
      .uint8Array({ maxLength: 4 })
      .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
  );
  /** SPARQL texts: queries that run, updates, and fragments of both. */
  const sparqlText = fc.oneof(
    fc.constantFrom(
      'SELECT * WHERE { ?s ?p ?o } LIMIT 3',
      'ASK { ?s ?p ?o }',
      'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 3',
      'DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 1',
      'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }',
      'INSERT DATA { <a:b> <a:b> <a:b> }',
      'SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }',
      'LOAD <http://127.0.0.1:1/>',
      'SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }',
      'PREFIX',
      '{',
    ),
    fc.string({ maxLength: 30 }),
  );
  const target = fc.oneof(
    // The endpoints that read bodies, exactly, often.
    { arbitrary: fc.constantFrom('/graphql', '/sparql'), weight: 3 },
    fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
    fc
      .tuple(fc.array(segment, { maxLength: 3 }), fc.string({ maxLength: 12 }))
      .map(([segments, query]) => `/${segments.join('/')}?${encodeURIComponent(query)}&query=%7B__typename%7D`),
    fc
      .tuple(fc.constantFrom('query', 'update', 'default-graph-uri', 'named-graph-uri'), sparqlText)
      .map(([name, text]) => `/sparql?${name}=${encodeURIComponent(text)}`),
    fc.constantFrom(
      '*',
      '/sparql?query=%ff',
      '/sparql?query=SELECT%20*%20%7B?s%20?p%20?o%7D&query=ASK%7B%7D',
      'http://evil.example/graphql',
      'http://a:b:c/',
      'https://x/id/athlete/%ff',
      '//graphql',
      '//@',
      '//a@b/c',
    ),
  );
  /** Header values as a client may send them: anything but line breaks. */
  const headerValue = fc.string({ maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, ''));
  // Valid values often enough that requests get past the edge to the routes.
  const host = fc.oneof(
    { arbitrary: fc.constantFrom('127.0.0.1', 'localhost:4000', '[::1]', 'evil.example'), weight: 3 },
    fc.constantFrom('a:b:c', 'a@b', '[::1', 'evil.example:99999', ''),
    headerValue,
  );
  const accept = fc.oneof(
    { arbitrary: fc.constantFrom('*/*', 'application/json', 'application/graphql-response+json'), weight: 3 },
    fc.constantFrom(
      '*/*',
      'text/turtle',
      'application/ld+json',
      'text/html',
      'image/png',
      'text/turtle;q=0',
      ';;;',
      'a/b;q=x',
    ),
    headerValue,
  );
  const method = fc.oneof(
    { arbitrary: fc.constantFrom('GET', 'POST'), weight: 4 },
    fc.constantFrom('HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'FOO', 'get'),
  );
  /** What a POST carries: GraphQL, a SPARQL query or form, or something else, under any media type. */
  const posted = fc.tuple(
    fc.constantFrom(
      'application/json',
      'application/json',
      'application/sparql-query',
      'application/sparql-update',
      'application/x-www-form-urlencoded',
      'application/sparql-query; charset=latin1',
      'text/plain',
      '',
    ),
    fc.oneof(
      fc.constant('{"query":"{ __typename }"}'),
      sparqlText,
      sparqlText.map((text) => `query=${encodeURIComponent(text)}`),
      fc.string({ maxLength: 40 }),
    ),
  );

  it('never answers a 5xx, nor a stack, a path or a library message, whatever the request', async () => {
    const server = await listenOnLoopback();
    try {
      await fc.assert(
        fc.asyncProperty(
          method,
          target,
          host,
          accept,
          headerValue,
          posted,
          async (verb, path, hostValue, acceptValue, origin, [contentType, body]) => {
            const answer = await rawRequest(
              server.url,
              `${verb} ${path} HTTP/1.1`,
              { host: hostValue, accept: acceptValue, origin, ...(contentType ? { 'content-type': contentType } : {}) },
              verb === 'POST' ? body : '',
            );
            // 0: the parser refused the request line before any route (Node closes without an answer
            // only for what is not HTTP at all); otherwise a status below 500.
            expect(answer.status, `${verb} ${path} Host: ${hostValue}`).toBeLessThan(500);
            expect(answer.body).not.toMatch(LEAK);
          },
        ),
        { numRuns: 1_500 },
      );
    } finally {
      await server.close();
    }
  }, 180_000);
});
