import net from 'node:net';
import { executeSync, parse } from 'graphql';
import { compileQuery } from 'graphql-jit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ATHLETE_PAGE_QUERY,
  DISPUTED_FACT_QUERY,
  EXAMPLE_QUERY,
  GAMES_RESULTS_QUERY,
  SEARCH_QUERY,
  TRUSTED_DOCUMENTS,
} from '../src/examples.js';
import { FastLane } from '../src/http/fast-lane.js';
import { schema } from '../src/schema/index.js';
import { LIMITS } from '../src/security/limits.js';
import { graphContexts } from '../src/yoga.js';
import { errorCodes, listenOnLoopback, realApp } from './helpers.js';

// Counts the lane's compilations; Yoga's JIT plugin imports graphql-jit outside vitest's reach.
vi.mock('graphql-jit', async (original) => {
  const actual = await original<typeof import('graphql-jit')>();
  return { ...actual, compileQuery: vi.fn(actual.compileQuery) };
});

type Server = Awaited<ReturnType<typeof listenOnLoopback>>;

/** Which requests the lane answered itself (an answer) or declined (undefined), in order. */
const laneAnswers = vi.spyOn(FastLane.prototype, 'answer');
const answeredByLane = () => laneAnswers.mock.results.map((result) => result.value !== undefined);

let withLane: Server;
let withoutLane: Server;

beforeAll(async () => {
  withLane = await listenOnLoopback({ responseCache: false });
  withoutLane = await listenOnLoopback({ responseCache: false, fastLane: false });
});
afterAll(async () => {
  await withLane.close();
  await withoutLane.close();
});
afterEach(() => laneAnswers.mockClear());

interface Sent {
  readonly method?: 'GET' | 'POST';
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly operationName?: string;
  readonly headers?: Record<string, string>;
}

function send(server: Server, { method = 'POST', query, variables, operationName, headers = {} }: Sent) {
  if (method === 'GET') {
    const search = new URLSearchParams({ query });
    if (variables) search.set('variables', JSON.stringify(variables));
    if (operationName) search.set('operationName', operationName);
    return fetch(`${server.url}/graphql?${search}`, { headers });
  }
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
}

/** Status, headers (but the date) and bytes: everything a client can see of an answer. */
async function seen(response: Response) {
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => name !== 'date' && name !== 'keep-alive'),
  );
  return { status: response.status, headers, body: await response.text() };
}

/** An answer as sent on the wire: its status line and header lines in order (but the date), and its body. */
async function wire(url: string, requestLine: string, headers: Record<string, string>, body = '') {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const lines = [requestLine, `host: ${hostname}:${port}`, 'connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = text
    .slice(0, end)
    .split('\r\n')
    .filter((line) => !/^date:/i.test(line));
  return { head, body: text.slice(end + 4) };
}

const REQUESTS: readonly (Sent & { readonly name: string })[] = [
  { name: 'the README example', query: EXAMPLE_QUERY },
  { name: 'a disputed fact', query: DISPUTED_FACT_QUERY },
  { name: 'an athlete page', query: ATHLETE_PAGE_QUERY },
  { name: 'a Games page', query: GAMES_RESULTS_QUERY },
  { name: 'a search with variables', query: SEARCH_QUERY, variables: { query: 'rim', first: 2 } },
  { name: 'a GET', method: 'GET', query: SEARCH_QUERY, variables: { query: 'kim' } },
  {
    name: 'a GET from another origin asking for graphql-response+json',
    method: 'GET',
    query: DISPUTED_FACT_QUERY,
    headers: { origin: 'https://app.example', accept: 'application/graphql-response+json' },
  },
  {
    name: 'a named operation among two',
    query: 'query A { country(code: "PRK") { name } } query B { country(code: "KOR") { id name } }',
    operationName: 'B',
  },
  { name: 'global ids and node lookups', query: '{ athlete(slug: "rim-ju-song") { id country { id } } }' },
  // Quotes with typographic quotes and dashes: more bytes than characters.
  { name: 'an answer beyond ASCII', query: '{ country(code: "PRK") { claims { citations { quote } } } }' },
];

describe('the fast lane', () => {
  it.each(REQUESTS)('answers $name with the same status, headers and bytes as the full pipeline', async (request) => {
    const expected = await seen(await send(withoutLane, request));
    expect(expected.status).toBe(200);
    const first = await seen(await send(withLane, request));
    const second = await seen(await send(withLane, request));
    const third = await seen(await send(withLane, { ...request, variables: request.variables }));
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(third).toEqual(expected);
    // The first request admits the document through the full pipeline; the lane answers the rest.
    expect(answeredByLane()).toEqual([false, true, true]);
  });

  it('answers a matching If-None-Match with 304, as the full pipeline does', async () => {
    const request: Sent = { method: 'GET', query: DISPUTED_FACT_QUERY };
    const etag = (await send(withLane, request)).headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const expected = await seen(await send(withoutLane, { ...request, headers: { 'if-none-match': etag } }));
    const answered = await seen(await send(withLane, { ...request, headers: { 'if-none-match': etag } }));
    expect(expected.status).toBe(304);
    expect(answered).toEqual(expected);
    expect(answeredByLane()).toEqual([false, true]);
  });

  it('writes the same header lines, in the same order, as the full pipeline: coded or not, HEAD, 304', async () => {
    const body = JSON.stringify({ query: ATHLETE_PAGE_QUERY });
    const post = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const get = `/graphql?${new URLSearchParams({ query: DISPUTED_FACT_QUERY })}`;
    const etag = (await fetch(`${withoutLane.url}${get}`)).headers.get('etag') ?? '';
    const asked: readonly { line: string; headers: Record<string, string>; body?: string }[] = [
      { line: 'POST /graphql HTTP/1.1', headers: post, body },
      { line: 'POST /graphql HTTP/1.1', headers: { ...post, 'accept-encoding': 'gzip, br' }, body },
      { line: `GET ${get} HTTP/1.1`, headers: {} },
      { line: `HEAD ${get} HTTP/1.1`, headers: {} },
      { line: `GET ${get} HTTP/1.1`, headers: { 'if-none-match': etag } },
      { line: `GET ${get} HTTP/1.1`, headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } },
    ];
    for (const request of asked) {
      laneAnswers.mockClear();
      const expected = await wire(withoutLane.url, request.line, request.headers, request.body);
      await wire(withLane.url, request.line, request.headers, request.body);
      const answered = await wire(withLane.url, request.line, request.headers, request.body);
      expect(answered).toEqual(expected);
      expect(laneAnswers.mock.results.at(-1)?.value).toBeDefined();
    }
  });

  it('compiles a document once, and admits it once whatever the Origin', async () => {
    const query = '{ games(slug: "2016-summer-paralympics") { name year city } }';
    const compiled = vi.mocked(compileQuery);
    compiled.mockClear();
    for (const origin of ['https://a.example', 'https://b.example', 'https://c.example']) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const answered = await send(withLane, { query, headers: { origin } });
        expect(answered.headers.get('access-control-allow-origin')).toBe('*');
      }
    }
    expect(answeredByLane()).toEqual([false, true, true, true, true, true]);
    expect(compiled).toHaveBeenCalledTimes(1);
  });

  it('checks the limits that depend on variables on every request', async () => {
    const query = `query Athletes($first: Int!, $text: String!) {
      search(query: $text, first: 1) { totalCount }
      allAthletes(first: $first) { edges { node { results(first: 4) { nodes { claims { citations { report { name } } } } } } } }
    }`;
    const admitted = await send(withLane, { query, variables: { first: 1, text: 'rim' } });
    expect(admitted.status).toBe(200);
    const refusals = [
      { variables: { first: 1, text: 'x'.repeat(LIMITS.maxStringLength + 1) }, code: 'STRING_TOO_LONG' },
      { variables: { first: LIMITS.maxPageSize, text: 'rim' }, code: 'QUERY_TOO_COSTLY' },
      { variables: { first: 'many', text: 'rim' }, code: 'BAD_USER_INPUT' },
    ];
    for (const { variables, code } of refusals) {
      const expected = await seen(await send(withoutLane, { query, variables }));
      const answered = await seen(await send(withLane, { query, variables }));
      expect(answered).toEqual(expected);
      // A variable of the wrong type is refused by graphql-js itself; the code is ours, on both paths.
      expect(errorCodes(JSON.parse(answered.body))).toEqual([code]);
    }
    const search = `query($text: String!) { search(query: $text, first: 3) { totalCount } }`;
    await send(withLane, { query: search, variables: { text: 'rim' } });
    const tooLongSearch = { query: search, variables: { text: 'r'.repeat(LIMITS.maxSearchLength + 1) } };
    expect(await seen(await send(withLane, tooLongSearch))).toEqual(await seen(await send(withoutLane, tooLongSearch)));
    // Declined every time but for the admitted document's own repeat, and still answering after.
    expect((await send(withLane, { query, variables: { first: 2, text: 'kim' } })).status).toBe(200);
    expect(answeredByLane()).toEqual([false, false, false, false, false, false, true]);
  });

  it('never admits what the full pipeline refuses: introspection when off, documents when only trusted ones run', async () => {
    const closed = await listenOnLoopback({ responseCache: false, introspection: false });
    const trusted = await listenOnLoopback({ responseCache: false, trustedDocumentsOnly: true });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const introspection = await send(closed, { query: '{ __schema { queryType { name } } }' });
        expect(JSON.parse(await introspection.text()).errors?.length).toBeGreaterThan(0);
        const arbitrary = await send(trusted, { query: DISPUTED_FACT_QUERY });
        expect(errorCodes(JSON.parse(await arbitrary.text()))).toEqual(['PERSISTED_QUERY_ONLY']);
      }
      const [hash] = Object.keys(TRUSTED_DOCUMENTS);
      const persisted = await fetch(`${trusted.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      });
      expect(persisted.status).toBe(200);
      expect(answeredByLane().some(Boolean)).toBe(false);
    } finally {
      await closed.close();
      await trusted.close();
    }
  });

  it('parses a request text once it has answered it, and only for the same method, media types and base', async () => {
    const parsed = vi.spyOn(FastLane.prototype, 'requestOf');
    try {
      const request: Sent = {
        query: 'query Known($text: String!) { search(query: $text, first: 1) { totalCount } }',
        variables: { text: 'pak' },
      };
      const expected = await seen(await send(withoutLane, request));
      for (let attempt = 0; attempt < 4; attempt++) expect(await seen(await send(withLane, request))).toEqual(expected);
      // Admitted by the full pipeline, answered by the lane, then known by its text.
      expect(answeredByLane()).toEqual([false, true, true, true]);
      expect(parsed).toHaveBeenCalledTimes(2);
      // The same text asking for another media type is parsed again, and gets that media type.
      for (const accept of ['application/graphql-response+json', 'application/json']) {
        const asked = { ...request, headers: { accept } };
        const answered = await seen(await send(withLane, asked));
        expect(answered).toEqual(await seen(await send(withoutLane, asked)));
        expect(answered.headers['content-type']).toContain(accept);
      }
      expect(parsed).toHaveBeenCalledTimes(4);
    } finally {
      parsed.mockRestore();
    }
  });

  it('does not keep a short text whose variables parse into far more memory, but still answers it', async () => {
    const parsed = vi.spyOn(FastLane.prototype, 'requestOf');
    try {
      // Undeclared variables are ignored by the operation but parsed with the body: about 2,600 values here.
      const hoard = Array.from({ length: 26 }, () => Array.from({ length: 100 }, () => ({})));
      const request: Sent = { query: '{ athlete(slug: "rim-ju-song") { name } }', variables: { hoard } };
      expect(JSON.stringify(request).length).toBeLessThan(8_192);
      const expected = await seen(await send(withoutLane, request));
      for (let attempt = 0; attempt < 3; attempt++) expect(await seen(await send(withLane, request))).toEqual(expected);
      expect(answeredByLane().slice(-3)).toEqual([false, true, true]);
      expect(parsed).toHaveBeenCalledTimes(3);
    } finally {
      parsed.mockRestore();
    }
  });

  it('leaves requests it does not recognise to the full pipeline', async () => {
    const odd = [
      { body: JSON.stringify({ query: '{ athlete(slug: "rim-ju-song") { name } }', extensions: {} }) },
      { body: JSON.stringify([{ query: '{ athlete(slug: "rim-ju-song") { name } }' }]) },
      { body: '{"query": ', contentType: 'application/json' },
      { body: 'query=%7B__typename%7D', contentType: 'application/x-www-form-urlencoded' },
      { body: JSON.stringify({ query: '{ athlete(slug: "rim-ju-song") { name } }', variables: [1] }) },
    ];
    for (const { body, contentType = 'application/json' } of odd) {
      const post = (server: Server) =>
        fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(await seen(await post(withLane))).toEqual(await seen(await post(withoutLane)));
      }
    }
    expect(answeredByLane()).toEqual([]);
  });
});

describe('global ids', () => {
  it('resolve synchronously, so that queries selecting them run without promises', async () => {
    const { store } = await realApp();
    const result = executeSync({
      schema,
      document: parse('{ allAthletes(first: 2) { edges { node { id country { id } } } } }'),
      contextValue: graphContexts(store, undefined)('http://ids.test'),
    });
    expect(result.errors).toBeUndefined();
    const first = (result.data as { allAthletes: { edges: { node: { id: string } }[] } }).allAthletes.edges[0];
    expect(Buffer.from(first?.node.id ?? '', 'base64').toString()).toMatch(/^Athlete:[a-z-]+$/);
  });
});
