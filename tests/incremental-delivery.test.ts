import { Client, fetchExchange } from '@urql/core';
import { meros } from 'meros/browser';
import { describe, expect, it } from 'vitest';
import { AthleteWithLinkedDataDocument } from '../clients/generated/graphql.js';
import { BASE_URL, type Data, errorCodes, listenOnLoopback, query, realApp } from './helpers.js';

const MULTIPART = 'multipart/mixed, application/graphql-response+json;q=0.9, application/json;q=0.8';

interface Part {
  data?: Data;
  errors?: unknown[];
  hasNext: boolean;
  incremental?: { data?: Data; items?: unknown[]; path: (string | number)[]; label?: string }[];
}

async function post(source: string, accept: string, variables?: Record<string, unknown>): Promise<Response> {
  const { app } = await realApp();
  return app.fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query: source, variables }),
  });
}

/** The parts of a multipart answer, read with meros as a browser client reads them. */
async function partsOf(response: Response): Promise<Part[]> {
  const parts = await meros<Part>(response);
  if (!(Symbol.asyncIterator in parts))
    throw new Error(`Not a multipart answer: ${response.headers.get('content-type')}`);
  const read: Part[] = [];
  for await (const part of parts) {
    if (!part.json) throw new Error(`A part that is not JSON: ${String(part.body)}`);
    read.push(part.body);
  }
  return read;
}

/** The whole result the parts add up to: deferred data merged at its path, streamed items appended. */
function merged(parts: readonly Part[]): Data {
  const [first, ...rest] = parts;
  const data = structuredClone(first?.data);
  for (const part of rest) {
    for (const increment of part.incremental ?? []) {
      const path = [...increment.path];
      if (increment.items) {
        const index = path.pop() as number;
        const list = path.reduce((node, key) => node[key], data) as unknown[];
        list.splice(index, increment.items.length, ...increment.items);
      } else {
        Object.assign(
          path.reduce((node, key) => node[key], data),
          increment.data,
        );
      }
    }
  }
  return data;
}

describe('incremental delivery (@defer, @stream)', () => {
  it('defers a slow field: the rest comes first, then the JSON-LD, adding up to the whole answer', async () => {
    const deferred = '{ athlete(slug: "rim-ju-song") { name ... @defer(label: "linkedData") { jsonld } } }';
    const response = await post(deferred, MULTIPART);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    const parts = await partsOf(response);
    expect(parts.map((part) => part.hasNext)).toEqual([true, false]);
    expect(parts[0]?.data).toEqual({ athlete: { name: 'Rim Ju-song' } });
    expect(parts[1]?.incremental?.[0]).toMatchObject({ path: ['athlete'], label: 'linkedData' });
    expect(merged(parts)).toEqual(await query('{ athlete(slug: "rim-ju-song") { name jsonld } }'));
  });

  it('streams a long list after its first items, as many parts as items left', async () => {
    const { totalCount } = (await query('{ search(query: "") { totalCount } }')).search;
    const size = Math.min(30, totalCount);
    expect(size).toBeGreaterThan(3);
    const streamed = `{ search(query: "", first: ${size}) { totalCount edges @stream(initialCount: 2) { node { __typename slug name } } } }`;
    const parts = await partsOf(await post(streamed, MULTIPART));
    expect(parts[0]?.data.search.edges).toHaveLength(2);
    expect(parts.at(-1)?.hasNext).toBe(false);
    const items = parts.flatMap((part) => part.incremental ?? []).flatMap((increment) => increment.items ?? []);
    expect(items).toHaveLength(size - 2);
    expect(merged(parts)).toEqual(await query(streamed.replace(' @stream(initialCount: 2)', '')));
  });

  it('answers a document with @defer in one JSON answer when the directive is off', async () => {
    const response = await post('{ athlete(slug: "rim-ju-song") { name ... @defer(if: false) { iri } } }', MULTIPART);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.json()).toEqual({
      data: { athlete: { name: 'Rim Ju-song', iri: `${BASE_URL}/id/athlete/rim-ju-song` } },
    });
  });

  it('refuses incremental answers to a client that accepts only JSON, with 406', async () => {
    const response = await post('{ athlete(slug: "rim-ju-song") { ... @defer { name } } }', 'application/json');
    expect(response.status).toBe(406);
  });

  it('keeps every limit: cost, depth and directive count see deferred and streamed selections', async () => {
    const costly = `query($n: Int) { allGames(first: $n) { edges @stream { node { ... @defer { events(first: 100) {
      nodes { results(first: 100) { nodes { claims { citations { report { name } } } } } } } } } } } }`;
    expect(errorCodes(await (await post(costly, MULTIPART, { n: 100 })).json())).toEqual(['QUERY_TOO_COSTLY']);
    const nested = 'participations { nodes { games { '.repeat(4);
    const deep = `{ country(code: "PRK") { ... @defer { participations { games { ${nested}name${' } } }'.repeat(4)} } } } } }`;
    expect(errorCodes(await (await post(deep, MULTIPART)).json())).toEqual(['QUERY_TOO_DEEP']);
    const fragments = Array.from({ length: 11 }, (_, index) => `... @defer(label: "p${index}") { name }`).join(' ');
    const many = `{ athlete(slug: "rim-ju-song") { ${fragments} } }`;
    expect(errorCodes(await (await post(many, MULTIPART)).json())).toEqual(['TOO_MANY_DIRECTIVES']);
    const unlabelled =
      '{ athlete(slug: "rim-ju-song") { ... @defer(label: "a") { name } ... @defer(label: "a") { iri } } }';
    expect((await (await post(unlabelled, MULTIPART)).json()).errors?.[0]?.message).toMatch(/label/i);
  });

  it('works with urql, which reads multipart answers and merges the parts', async () => {
    const { app } = await realApp();
    const client = new Client({
      url: `${BASE_URL}/graphql`,
      exchanges: [fetchExchange],
      fetch: async (input, init) => app.fetch(new Request(input, init)),
    });
    const seen: { hasNext: boolean; linkedData: boolean }[] = [];
    const final = await new Promise<Data>((resolve, reject) => {
      client.query(AthleteWithLinkedDataDocument, { slug: 'rim-ju-song' }).subscribe((result) => {
        if (result.error) reject(result.error);
        const athlete = result.data?.athlete;
        seen.push({
          hasNext: result.hasNext,
          linkedData: athlete !== null && athlete !== undefined && 'jsonld' in athlete,
        });
        if (!result.hasNext) resolve(result.data);
      });
    });
    expect(seen).toEqual([
      { hasNext: true, linkedData: false },
      { hasNext: false, linkedData: true },
    ]);
    expect(final.athlete.jsonld['@graph'][0]['@id']).toBe(`${BASE_URL}/id/athlete/rim-ju-song`);
  });

  it('over HTTP, writes each part as it is made (chunked, no Content-Length), never keeping the answer', async () => {
    const server = await listenOnLoopback();
    try {
      const deferred = '{ athlete(slug: "rim-ju-song") { name ... @defer { iri } } }';
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: MULTIPART },
          body: JSON.stringify({ query: deferred }),
        });
        expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed/);
        expect(response.headers.get('transfer-encoding')).toBe('chunked');
        expect(response.headers.get('content-length')).toBeNull();
        expect(response.headers.get('x-response-cache')).toBe('miss');
        const parts = await partsOf(response);
        expect(parts.map((part) => part.hasNext)).toEqual([true, false]);
        expect(merged(parts)).toEqual({
          athlete: { name: 'Rim Ju-song', iri: `${server.url}/id/athlete/rim-ju-song` },
        });
      }
      const client = new Client({ url: `${server.url}/graphql`, exchanges: [fetchExchange] });
      const results: boolean[] = [];
      await new Promise<void>((resolve, reject) => {
        client.query(AthleteWithLinkedDataDocument, { slug: 'rim-ju-song' }).subscribe((result) => {
          if (result.error) reject(result.error);
          results.push(result.hasNext);
          if (!result.hasNext) resolve();
        });
      });
      expect(results).toEqual([true, false]);
    } finally {
      await server.close();
    }
  });
});
