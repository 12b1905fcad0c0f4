import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DISPUTED_FACT_QUERY } from '../src/examples.js';
import { FastLane } from '../src/http/fast-lane.js';
import { PersistedQueryStore } from '../src/http/persisted-queries.js';
import { LIMITS } from '../src/security/limits.js';
import { documentId } from '../src/security/trusted-documents.js';
import { errorCodes, listenOnLoopback, ranksInData } from './helpers.js';

type Server = Awaited<ReturnType<typeof listenOnLoopback>>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const byHash = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** A document no other test registers, so that each test starts from a miss. */
let fresh = 0;
const freshDocument = (selection = 'name') => `query Fresh${++fresh} { athlete(slug: "rim-ju-song") { ${selection} } }`;

function getByHash(server: Server, hash: string, variables?: Record<string, unknown>, headers = {}) {
  const search = new URLSearchParams({ extensions: JSON.stringify(byHash(hash)) });
  if (variables) search.set('variables', JSON.stringify(variables));
  return fetch(`${server.url}/graphql?${search}`, { headers });
}

function post(server: Server, body: Record<string, unknown>) {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const laneAnswers = vi.spyOn(FastLane.prototype, 'answer');
const answeredByLane = () => laneAnswers.mock.results.map((result) => result.value !== undefined);

let server: Server;
beforeAll(async () => {
  server = await listenOnLoopback();
});
afterAll(() => server.close());
afterEach(() => laneAnswers.mockClear());

describe("Automatic Persisted Queries (Apollo's protocol)", () => {
  it('answers an unknown hash PersistedQueryNotFound, registers the document sent with it, then answers GETs by hash', async () => {
    const query = freshDocument();
    const hash = sha256(query);

    const miss = await getByHash(server, hash);
    expect(miss.status).toBe(200);
    expect(miss.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');
    expect(await miss.json()).toEqual({
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });
    // The miss is not kept by the answer cache either: after registration the same GET finds it.
    const registered = await post(server, { query, extensions: byHash(hash) });
    expect(await registered.json()).toEqual({ data: { athlete: { name: 'Rim Ju-song' } } });

    const hit = await getByHash(server, hash);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(hit.headers.get('etag')).toMatch(/^"/);
    expect(await hit.json()).toEqual({ data: { athlete: { name: 'Rim Ju-song' } } });
    const again = await getByHash(server, hash);
    expect(again.headers.get('x-response-cache')).toBe('hit');
    const revalidated = await getByHash(server, hash, undefined, { 'if-none-match': hit.headers.get('etag') ?? '' });
    expect(revalidated.status).toBe(304);
  });

  it('knows the trusted documents by hash from the start', async () => {
    const response = await getByHash(server, documentId(DISPUTED_FACT_QUERY));
    expect((await response.json()).data.result.rank).toBe(ranksInData()[0]);
  });

  it('verifies hashes: a hash that is not the query, malformed or of another version is refused, and nothing registered', async () => {
    const query = freshDocument();
    const wrong = sha256(`${query} `);
    const mismatch = await post(server, { query, extensions: byHash(wrong) });
    expect(mismatch.status).toBe(400);
    expect(errorCodes(await mismatch.json())).toEqual(['PERSISTED_QUERY_HASH_MISMATCH']);
    expect(errorCodes(await (await getByHash(server, wrong)).json())).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

    const malformed = await getByHash(server, 'ABC');
    expect(malformed.status).toBe(400);
    expect(errorCodes(await malformed.json())).toEqual(['PERSISTED_QUERY_HASH_INVALID']);
    const version = await post(server, { extensions: { persistedQuery: { version: 2, sha256Hash: sha256(query) } } });
    expect(version.status).toBe(400);
    expect(errorCodes(await version.json())).toEqual(['PERSISTED_QUERY_VERSION_NOT_SUPPORTED']);
  });

  it('registers only documents that pass validation, depth, alias and directive limits included', async () => {
    const deep = `{ country(code: "PRK") { ${'participations { games { '.repeat(7)}name${' } }'.repeat(7)} } }`;
    const refusedWith = {
      GRAPHQL_VALIDATION_FAILED: '{ athlete(slug: "rim-ju-song") { nickname } }',
      GRAPHQL_PARSE_FAILED: '{ athlete(slug: ',
      QUERY_TOO_DEEP: deep,
      TOO_MANY_ALIASES: `{ ${Array.from({ length: LIMITS.maxAliases + 1 }, (_, index) => `a${index}: country(code: "PRK") { name }`).join(' ')} }`,
    };
    for (const [code, query] of Object.entries(refusedWith)) {
      const refused = await post(server, { query, extensions: byHash(sha256(query)) });
      expect(errorCodes(await refused.json()), query).toContain(code);
      expect(errorCodes(await (await getByHash(server, sha256(query))).json()), query).toEqual([
        'PERSISTED_QUERY_NOT_FOUND',
      ]);
    }
  });

  it('applies every limit to a document named by hash: cost with page sizes from variables, string lengths', async () => {
    const query = `query Costly${++fresh}($n: Int, $text: String!) {
      search(query: $text, first: $n) { edges { node { ... on Athlete { results(first: 4) { nodes { claims { citations { report { name } } } } } } } } }
    }`;
    const hash = sha256(query);
    await post(server, { query, variables: { n: 1, text: 'rim' }, extensions: byHash(hash) });
    expect((await (await getByHash(server, hash, { n: 1, text: 'rim' })).json()).errors).toBeUndefined();
    // Twice each: the second time the document is admitted to the fast lane, which checks them too.
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(errorCodes(await (await getByHash(server, hash, { n: 100, text: 'rim' })).json())).toEqual([
        'QUERY_TOO_COSTLY',
      ]);
      const long = { n: 1, text: 'r'.repeat(LIMITS.maxStringLength + 1) };
      expect(errorCodes(await (await getByHash(server, hash, long)).json())).toEqual(['STRING_TOO_LONG']);
    }
  });

  it('answers repeated GETs by hash on the fast lane, with the bytes the full pipeline gives', async () => {
    const unlaned = await listenOnLoopback({ responseCache: false, fastLane: false });
    const laned = await listenOnLoopback({ responseCache: false });
    try {
      const query = `query Page${++fresh}($slug: String!) { athlete(slug: $slug) { name results { nodes { rank } } } }`;
      const hash = sha256(query);
      for (const target of [laned, unlaned])
        await post(target, { query, variables: { slug: 'x' }, extensions: byHash(hash) });
      laneAnswers.mockClear();
      const parsed = vi.spyOn(FastLane.prototype, 'requestOf');
      const slugs = ['rim-ju-song', 'kim-chol-ung', 'rim-ju-song', 'rim-ju-song'];
      for (const slug of slugs) {
        const [fast, full] = await Promise.all([laned, unlaned].map((target) => getByHash(target, hash, { slug })));
        expect(await fast?.text()).toBe(await full?.text());
        expect(fast?.headers.get('etag')).toBe(full?.headers.get('etag'));
      }
      // The first GET by hash is admitted by the full pipeline; the lane answers the rest.
      expect(answeredByLane().slice(-3)).toEqual([true, true, true]);
      // The hash is looked up on every request, a repeated one too: the document may be forgotten meanwhile.
      expect(parsed).toHaveBeenCalledTimes(slugs.length);
      parsed.mockRestore();
    } finally {
      await laned.close();
      await unlaned.close();
    }
  });

  it('in trusted-documents-only mode, runs trusted documents by hash and registers nothing', async () => {
    const trusted = await listenOnLoopback({ trustedDocumentsOnly: true });
    try {
      const query = freshDocument();
      const registration = await post(trusted, { query, extensions: byHash(sha256(query)) });
      expect(errorCodes(await registration.json())).toEqual(['PERSISTED_QUERY_ONLY']);
      expect(errorCodes(await (await getByHash(trusted, sha256(query))).json())).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      const hash = documentId(DISPUTED_FACT_QUERY);
      for (let attempt = 0; attempt < 3; attempt++) {
        expect((await (await getByHash(trusted, hash)).json()).data.result.rank).toBe(ranksInData()[0]);
      }
      // A document admitted to the fast lane by hash is not thereby runnable as text.
      const asText = await post(trusted, { query: DISPUTED_FACT_QUERY });
      expect(errorCodes(await asText.json())).toEqual(['PERSISTED_QUERY_ONLY']);
    } finally {
      await trusted.close();
    }
  });

  it('works with Apollo Client: a hashed GET, the registering POST on a miss, hashed GETs from then on', async () => {
    const requests: string[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      requests.push(`${init?.method ?? 'GET'} ${url.searchParams.has('query') ? 'query' : 'hash'}`);
      return fetch(input, init);
    };
    const client = () =>
      new ApolloClient({
        cache: new InMemoryCache(),
        link: ApolloLink.from([
          new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
          new HttpLink({ uri: `${server.url}/graphql`, fetch: recordingFetch }),
        ]),
      });
    const document = gql(freshDocument('name alternateNames'));
    const first = await client().query({ query: document });
    expect(first.data).toMatchObject({ athlete: { name: 'Rim Ju-song' } });
    expect(requests).toEqual(['GET hash', 'POST hash']);
    const second = await client().query({ query: document });
    expect(second.data).toEqual(first.data);
    expect(requests).toEqual(['GET hash', 'POST hash', 'GET hash']);
  });
});

describe('the store of persisted documents', () => {
  it('keeps at most its count and its bytes, dropping the least recently used first, never the trusted ones', () => {
    const trusted = new Map([['t', 'trusted document']]);
    const store = new PersistedQueryStore(trusted, { maxDocuments: 3, maxBytes: 30 });
    for (const name of ['a', 'b', 'c']) store.register(name, `${name}`.repeat(5));
    expect(store.usage).toEqual({ documents: 3, bytes: 15 });
    expect(store.get('a')).toBe('aaaaa');
    store.register('d', 'ddddd');
    // b was the least recently used: a was read since.
    expect(['a', 'b', 'c', 'd'].map((name) => store.get(name) !== undefined)).toEqual([true, false, true, true]);
    store.register('e', 'e'.repeat(20));
    expect(store.usage.bytes).toBeLessThanOrEqual(30);
    expect(store.get('e')).toBe('e'.repeat(20));
    store.register('f', 'f'.repeat(31));
    expect(store.get('f')).toBeUndefined();
    expect(store.get('t')).toBe('trusted document');
    expect(store.usage.documents).toBeLessThanOrEqual(3);
  });
});
