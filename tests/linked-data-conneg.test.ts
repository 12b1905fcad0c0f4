import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, realApp } from './helpers.js';
import { keysOf, quadsOfAnswer } from './rdf-helpers.js';

/**
 * Content negotiation as harvesters really ask, against the server `npm start` runs (the edge, the
 * answer cache, compression), over loopback: each row is a request and what it must get. Every 200 is
 * read by a real parser for its media type (N3.js, jsonld.js, rdfxml-streaming-parser) and must hold
 * the same triples as the resource's Turtle.
 */

const ENTITY = '/id/athlete/rim-ju-song';
const JSONLD = 'application/ld+json';
const TURTLE = 'text/turtle; charset=utf-8';
const NTRIPLES = 'application/n-triples; charset=utf-8';
const NQUADS = 'application/n-quads; charset=utf-8';
const TRIG = 'application/trig; charset=utf-8';
const N3 = 'text/n3; charset=utf-8';
const RDFXML = 'application/rdf+xml; charset=utf-8';
const HTML = 'text/html; charset=utf-8';
const profile = (...forms: string[]) =>
  `${JSONLD}; profile="${forms.map((form) => `http://www.w3.org/ns/json-ld#${form}`).join(' ')}"`;
const EXPANDED = profile('expanded');
const FLATTENED = profile('flattened');
const FLATTENED_COMPACTED = profile('flattened', 'compacted');
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const json = (form: string) => `application/ld+json;profile="http://www.w3.org/ns/json-ld#${form}"`;

/** [path, Accept (undefined: none sent), the Content-Type expected, or 406/404]. */
const TABLE: readonly (readonly [string, string | undefined, string | 404 | 406])[] = [
  // Nothing asked, or anything: compacted JSON-LD.
  [ENTITY, undefined, JSONLD],
  [ENTITY, '', JSONLD],
  [ENTITY, '*/*', JSONLD],
  [ENTITY, 'application/*', JSONLD],
  [ENTITY, 'text/*', TURTLE],
  // Each format by its media type.
  [ENTITY, 'application/ld+json', JSONLD],
  [ENTITY, 'application/json', JSONLD],
  [ENTITY, 'text/turtle', TURTLE],
  [ENTITY, 'application/n-triples', NTRIPLES],
  [ENTITY, 'application/n-quads', NQUADS],
  [ENTITY, 'application/trig', TRIG],
  [ENTITY, 'text/n3', N3],
  [ENTITY, 'application/rdf+xml', RDFXML],
  [ENTITY, 'text/html', HTML],
  [ENTITY, BROWSER, HTML],
  // Parameters: charset (UTF-8 only), in any case and quoted; unknown parameters do not narrow.
  [ENTITY, 'text/turtle; charset=utf-8', TURTLE],
  [ENTITY, 'text/turtle;charset=UTF-8', TURTLE],
  [ENTITY, 'text/turtle; charset="utf-8"', TURTLE],
  [ENTITY, 'text/turtle; charset=utf8', TURTLE],
  [ENTITY, 'application/n-triples; charset=utf-8', NTRIPLES],
  [ENTITY, 'application/trig; charset=utf-8', TRIG],
  [ENTITY, 'application/ld+json; charset=utf-8', JSONLD],
  [ENTITY, 'text/turtle; charset=iso-8859-1', 406],
  [ENTITY, 'text/turtle; charset=iso-8859-1, application/n-triples; q=0.5', NTRIPLES],
  [ENTITY, 'text/turtle; foo=bar', TURTLE],
  [ENTITY, 'TEXT/Turtle', TURTLE],
  // JSON-LD profiles: each form produced; a profile we do not know does not narrow.
  [ENTITY, json('compacted'), JSONLD],
  [ENTITY, json('expanded'), EXPANDED],
  [ENTITY, json('flattened'), FLATTENED],
  [ENTITY, FLATTENED_COMPACTED, FLATTENED_COMPACTED],
  [ENTITY, profile('compacted', 'flattened'), FLATTENED_COMPACTED],
  [ENTITY, `${JSONLD};profile=http://www.w3.org/ns/json-ld#expanded`, EXPANDED],
  [ENTITY, `${JSONLD}; profile="https://example.org/some-profile"`, JSONLD],
  [ENTITY, `${json('expanded')};q=0.5, text/turtle`, TURTLE],
  [ENTITY, `text/turtle;q=0.5, ${json('expanded')}`, EXPANDED],
  [ENTITY, `${FLATTENED_COMPACTED}, text/turtle;q=0.1`, FLATTENED_COMPACTED],
  // q-values: the heaviest wins, the most specific range gives the weight, ties go to the server's order.
  [ENTITY, 'application/ld+json;q=0.1, text/turtle;q=0.9', TURTLE],
  [ENTITY, 'text/turtle;q=0.5, application/n-triples', NTRIPLES],
  [ENTITY, 'application/n-triples;q=1.0, text/turtle;q=0.999', NTRIPLES],
  [ENTITY, 'text/turtle, application/ld+json', JSONLD],
  [ENTITY, ' text/turtle ; q=0.8 , application/rdf+xml ; q=0.9 ', RDFXML],
  [ENTITY, 'text/*;q=0.5, application/rdf+xml', RDFXML],
  [ENTITY, '*/*;q=0.1, application/ld+json;q=0', TURTLE],
  [ENTITY, '*/*;q=0.1, text/turtle;q=0', JSONLD],
  [ENTITY, 'text/turtle;q=0', 406],
  // Nothing we can produce, or nothing readable: 406.
  [ENTITY, 'image/png', 406],
  [ENTITY, 'image/*', 406],
  [ENTITY, 'text/plain', 406],
  [ENTITY, 'application/xml', 406],
  [ENTITY, 'text/turtle;q=2', 406],
  [ENTITY, 'not a media type', 406],
  // Suffixes: the format whatever the Accept.
  [`${ENTITY}.jsonld`, 'text/turtle', JSONLD],
  [`${ENTITY}.ttl`, 'application/ld+json', TURTLE],
  [`${ENTITY}.nt`, undefined, NTRIPLES],
  [`${ENTITY}.nq`, undefined, NQUADS],
  [`${ENTITY}.trig`, 'image/png', TRIG],
  [`${ENTITY}.rdf`, undefined, RDFXML],
  [`${ENTITY}.n3`, undefined, N3],
  [`${ENTITY}.html`, 'application/ld+json', HTML],
  [`${ENTITY}.exe`, undefined, 404],
  // VoID: Turtle unless asked otherwise, and by suffix.
  ['/.well-known/void', undefined, TURTLE],
  ['/.well-known/void', '*/*', TURTLE],
  ['/.well-known/void', 'application/ld+json', JSONLD],
  ['/.well-known/void', 'application/rdf+xml', RDFXML],
  ['/.well-known/void', 'application/n-triples', NTRIPLES],
  ['/.well-known/void', json('expanded'), EXPANDED],
  ['/.well-known/void', 'text/html', 406],
  ['/.well-known/void.jsonld', undefined, JSONLD],
  // The other IRIs the dataset mints.
  ['/id/series/paralympic-games', 'text/turtle', TURTLE],
  ['/id/series/olympic-games.rdf', undefined, RDFXML],
  ['/id/dataset/paralympics-graph', 'application/trig', TRIG],
  ['/id/dataset/paralympics-graph', BROWSER, HTML],
  ['/graph/preferred', 'application/trig', TRIG],
  ['/graph/preferred', 'application/rdf+xml', 406],
  ['/graph/north-korea-at-the-paralympics', 'application/rdf+xml', RDFXML],
];

let server: Awaited<ReturnType<typeof listenOnLoopback>>;
/** The triples of each resource's Turtle, by path without suffix. */
const turtleOf = new Map<string, Set<string>>();

beforeAll(async () => {
  server = await listenOnLoopback();
});
afterAll(() => server.close());

const resourceOf = (path: string) => path.replace(/\.[a-z0-9]+$/, '');
const asTriple = (quad: RDF.Quad) =>
  DataFactory.quad(quad.subject as never, quad.predicate as never, quad.object as never);

async function expectedTriples(path: string): Promise<Set<string>> {
  const resource = resourceOf(path);
  let known = turtleOf.get(resource);
  if (!known) {
    const response = await fetch(`${server.url}${resource}`, { headers: { accept: 'text/turtle' } });
    known = keysOf(await quadsOfAnswer(await response.text(), TURTLE, `${server.url}${resource}`));
    turtleOf.set(resource, known);
  }
  return known;
}

describe('content negotiation against the real server', () => {
  it('has a row for every format, parameter and suffix', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('GET %s with Accept: %s → %s', async (path, accept, expected) => {
    const response = await fetch(`${server.url}${path}`, accept === undefined ? {} : { headers: { accept } });
    if (typeof expected === 'number') {
      expect(response.status).toBe(expected);
      const body = await response.text();
      // Refusals are short text that lists what can be produced, never the request echoed.
      if (expected === 406) {
        expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(body).toMatch(/available as .*text\/turtle/);
        if (accept) expect(body).not.toContain(accept);
      }
      return;
    }
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(expected);
    const { store } = await realApp();
    expect(response.headers.get('last-modified')).toBe(new Date(store.modified).toUTCString());
    const suffixed = resourceOf(path) !== path;
    // A suffix fixes the format; a negotiated answer varies by Accept and names its own URL.
    const vary = (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
    expect(vary.includes('accept')).toBe(!suffixed);
    const location = response.headers.get('content-location');
    if (suffixed) expect(location).toBeNull();
    else if (location !== null) expect(location).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}\\.[a-z0-9]+$`));
    const body = await response.text();
    if (expected === HTML) {
      expect(body).toMatch(/^<!DOCTYPE html>/i);
      return;
    }
    if (expected === EXPANDED) expect(body).not.toContain('"@context"');
    if (expected === FLATTENED) {
      const flattened = JSON.parse(body);
      expect(Array.isArray(flattened)).toBe(true);
      expect(body).not.toContain('"@context"');
    }
    if (expected === FLATTENED_COMPACTED) expect(JSON.parse(body)['@context']).toBeDefined();
    const triples = keysOf(
      (await quadsOfAnswer(body, expected, `${server.url}${resourceOf(path)}`)).map((quad) => asTriple(quad)),
    );
    expect(triples.size).toBeGreaterThan(0);
    if (resourceOf(path) === '/graph/preferred') return;
    // The same triples in every form; N-Quads and TriG add, in each source's graph, the values it states
    // that are not preferred.
    const turtle = await expectedTriples(path);
    if (expected === NQUADS || expected === TRIG) for (const triple of turtle) expect(triples).toContain(triple);
    else expect(triples).toEqual(turtle);
  });
});

describe("an entity page's Data box", () => {
  it('links each format at its own suffixed IRI, which answers in that format', async () => {
    const page = await (await fetch(`${server.url}${ENTITY}`, { headers: { accept: 'text/html' } })).text();
    const box = page.match(/<section class="card data-links"[\s\S]*?<\/section>/)?.[0] ?? '';
    const links = [...box.matchAll(/<a href="([^"]+)" type="([^"]+)">/g)].map(([, href, type]) => ({ href, type }));
    expect(links.map((link) => link.type)).toEqual(
      expect.arrayContaining(['application/ld+json', 'text/turtle', 'application/n-triples', 'application/trig']),
    );
    for (const { href, type } of links) {
      expect(href).toMatch(new RegExp(`^${ENTITY}\\.[a-z0-9]+$`));
      const response = await fetch(`${server.url}${href}`);
      expect(response.status, href).toBe(200);
      expect(response.headers.get('content-type')?.split(';')[0], href).toBe(type);
    }
    const alternates = [...page.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)"/g)];
    expect(alternates.map(([, type, href]) => [type, href])).toEqual(links.map(({ href, type }) => [type, href]));
  });
});

describe('conditional requests against the real server', () => {
  it('answers If-Modified-Since and If-None-Match with 304 and no body, through the edge', async () => {
    const fresh = await fetch(`${server.url}${ENTITY}`, { headers: { accept: 'text/turtle' } });
    const lastModified = fresh.headers.get('last-modified') as string;
    const etag = fresh.headers.get('etag') as string;
    const conditions: Record<string, string>[] = [{ 'if-modified-since': lastModified }, { 'if-none-match': etag }];
    for (const headers of conditions) {
      const response = await fetch(`${server.url}${ENTITY}`, { headers: { accept: 'text/turtle', ...headers } });
      expect(response.status).toBe(304);
      expect(await response.text()).toBe('');
      expect(response.headers.get('etag')).toBe(etag);
    }
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    const changed = await fetch(`${server.url}${ENTITY}`, {
      headers: { accept: 'text/turtle', 'if-modified-since': older },
    });
    expect(changed.status).toBe(200);
  });
});
