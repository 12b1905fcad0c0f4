import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DISPUTED_FACT_QUERY } from '../src/examples.js';
import { loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import type { Store } from '../src/graph/store.js';
import { FastLane } from '../src/http/fast-lane.js';
import { type NodeHandlerOptions, nodeHandler } from '../src/http/handler.js';
import { schema } from '../src/schema/index.js';
import { RECORDS_PER_WORK_UNIT } from '../src/schema/lists.js';
import { JSONLD_NODE_COST } from '../src/security/execution-budget.js';
import { LIMITS } from '../src/security/limits.js';
import { estimateCost, filterCost, JSONLD_DOCUMENT_COST } from '../src/security/query-cost.js';
import { generatedDataDir } from './helpers.js';

// The graph at ten times the seed's size, as the review attacked it.
let dataDir: string;
let store: Store;

beforeAll(async () => {
  dataDir = await generatedDataDir(10);
  store = await loadGraph(dataDir);
}, 120_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function serve(options: Partial<NodeHandlerOptions> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(nodeHandler({ store, responseCache: false, ...options }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface Sent {
  readonly status: number;
  readonly bytes: number;
  readonly body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<Sent> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

const codes = (sent: Sent) => (sent.body.errors ?? []).map((error) => error.extensions?.code);

async function expectStillServing(url: string): Promise<void> {
  const answer = await post(url, DISPUTED_FACT_QUERY);
  expect(answer.body.errors).toBeUndefined();
}

const gamesId = (slug: string) => Buffer.from(`Games:${slug}`).toString('base64');
const ATTACK_SELECTION =
  '... on Games { jsonld events { nodes { jsonld results { nodes { jsonld athlete { jsonld } } } } } }';
const attack = (ids: number) =>
  `{ nodes(ids: [${Array.from({ length: ids }, () => JSON.stringify(gamesId('2012-summer-paralympics'))).join(',')}]) { ${ATTACK_SELECTION} } }`;

/** Which requests the lane answered itself (an answer) or declined (undefined), in order. */
const laneAnswers = vi.spyOn(FastLane.prototype, 'answer');
const answeredByLane = () => laneAnswers.mock.results.map((result) => result.value !== undefined);

describe('the review’s attack: a small request for an unbounded answer, on the 10× graph', () => {
  it('is refused at once, with a code, however the list is given; a normal query still runs', async () => {
    const server = await serve();
    try {
      // 200 copies of one id: over the list limit, literal or variable.
      const literal = await post(server.url, attack(200));
      expect(codes(literal)).toEqual(['LIST_TOO_LONG']);
      const asVariables = await post(server.url, `query($ids: [ID!]!) { nodes(ids: $ids) { ${ATTACK_SELECTION} } }`, {
        ids: Array.from({ length: 200 }, () => gamesId('2012-summer-paralympics')),
      });
      expect(codes(asVariables)).toEqual(['LIST_TOO_LONG']);
      // 100 copies: within the list limit, but each id is counted with the cost of what lies beneath it.
      const hundred = await post(server.url, attack(100));
      expect(codes(hundred)).toEqual(['QUERY_TOO_COSTLY']);
      for (const refused of [literal, asVariables, hundred]) {
        expect(refused.bytes).toBeLessThan(1_000);
        expect(refused.body.data).toBeUndefined();
      }
      // Three at once, as the review sent them: refused each, and the server answers others meanwhile.
      const [one, two, three, health] = await Promise.all([
        post(server.url, attack(100)),
        post(server.url, attack(100)),
        post(server.url, attack(100)),
        fetch(`${server.url}/healthz`),
      ]);
      expect([one, two, three].map(codes)).toEqual([['QUERY_TOO_COSTLY'], ['QUERY_TOO_COSTLY'], ['QUERY_TOO_COSTLY']]);
      expect(health.status).toBe(200);
      await expectStillServing(server.url);
    } finally {
      await server.close();
    }
  });

  it('counts list arguments as many times as they hold items, and every jsonld as a document', () => {
    const cost = (query: string, variables: Record<string, unknown> = {}) =>
      estimateCost(schema, parse(query), undefined, variables);
    const ids = (n: number) => Array.from({ length: n }, () => gamesId('2012-summer-paralympics'));
    const one = cost('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Games { events { nodes { name } } } } }', {
      ids: ids(1),
    });
    const fifty = cost('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Games { events { nodes { name } } } } }', {
      ids: ids(50),
    });
    expect(fifty - 1).toBe(50 * (one - 1));
    expect(cost('{ athlete(slug: "x") { jsonld } }') - cost('{ athlete(slug: "x") { name } }')).toBe(
      JSONLD_DOCUMENT_COST,
    );
    expect(cost('query($ids: [ID!]!) { jsonld(ids: $ids) }', { ids: ids(30) })).toBe(30 * JSONLD_DOCUMENT_COST);
    expect(JSONLD_DOCUMENT_COST).toBe(20 * JSONLD_NODE_COST);
  });

  it("counts Report.supports' where and orderBy like every other list's", () => {
    const cost = (args: string) =>
      estimateCost(
        schema,
        parse(`{ report(slug: "x") { supports(first: 10${args}) { nodes { __typename } } } }`),
        undefined,
        {},
      );
    const plain = cost('');
    const where = '{ type: { eq: ATHLETE }, name: { contains: "ju" } }';
    const related = '{ sources: { some: { kind: { eq: NEWS_ARTICLE } } } }';
    expect(cost(`, where: ${where}`) - plain).toBe(filterCost({ type: { eq: 1 }, name: { contains: 1 } }));
    expect(cost(`, where: ${related}`) - plain).toBe(filterCost({ sources: { some: { kind: { eq: 1 } } } }));
    expect(cost(`, where: ${related}`)).toBeGreaterThan(cost(`, where: ${where}`));
    expect(cost(', orderBy: [{ field: NAME }, { field: TYPE, direction: DESC }]') - plain).toBe(2);
  });
});

describe('the work an operation actually does', () => {
  // The estimate counts every page as full; the work counts what is there. Events of one Games at
  // 10×, with their results and athletes as JSON-LD: under the estimate's limit, over this budget.
  const HEAVY = `query($slug: String!) { games(slug: $slug) {
    events(first: 20) { nodes { jsonld results(first: 5) { nodes { jsonld athlete { jsonld } } } } }
  } }`;

  it('is counted as it runs and stops at the work limit, in the full pipeline and on the fast lane', async () => {
    expect(estimateCost(schema, parse(HEAVY), undefined, {})).toBeLessThan(LIMITS.maxCost);
    const server = await serve({ maxWork: 2_000 });
    laneAnswers.mockClear();
    try {
      // Admitted on a Games with few events, then asked for one with many.
      const small = await post(server.url, HEAVY, { slug: '1968-summer-paralympics' });
      expect(small.body.errors).toBeUndefined();
      await post(server.url, HEAVY, { slug: '1968-summer-paralympics' });
      const heavy = await post(server.url, HEAVY, { slug: '2012-summer-paralympics' });
      expect(codes(heavy)).toEqual(['QUERY_TOO_COSTLY']);
      expect(heavy.body.errors?.[0]?.extensions?.maxWork).toBe(2_000);
      expect(heavy.body.data).toBeUndefined();
      // The lane ran the admitted plan, found the budget spent, and left the refusal to the pipeline.
      expect(answeredByLane()).toEqual([false, true, false]);
      await expectStillServing(server.url);
    } finally {
      await server.close();
    }
  });

  it('counts the records a filter reads to fill a page, a unit per RECORDS_PER_WORK_UNIT, beside the objects resolved', async () => {
    // A slug by its start (the slugs are kept for finding one by its whole value, not by parts): to
    // find that no athlete's slug starts so, every athlete's slug is read. The same lists filtered by
    // a whole slug are answered by the slug index and read nothing more.
    const athletes = store.count('athlete');
    const perScan = Math.floor(athletes / RECORDS_PER_WORK_UNIT);
    expect(perScan).toBeGreaterThanOrEqual(2);
    // Each list's filter differs, as a filter's set found once is kept for the next page.
    const lists = (filter: (index: number) => string) =>
      `{ ${Array.from({ length: 8 }, (_, index) => `a${index}: allAthletes(where: ${filter(index)}) { nodes { name } }`).join(' ')} }`;
    const indexed = lists((index) => `{ slug: { eq: "no-such-athlete-${index}" } }`);
    const scanning = lists((index) => `{ slug: { startsWith: "no such athlete ${index}" } }`);
    // Each list resolves two objects (the connection, its empty nodes); the scans read perScan units more.
    const server = await serve({ maxWork: 8 * 2 + (8 * perScan) / 2 });
    try {
      expect((await post(server.url, indexed)).body.errors).toBeUndefined();
      const refused = await post(server.url, scanning);
      expect(codes(refused)).toEqual(['QUERY_TOO_COSTLY']);
      expect(refused.body.data).toBeUndefined();
      await expectStillServing(server.url);
    } finally {
      await server.close();
    }
    const roomy = await serve();
    try {
      expect((await post(roomy.url, scanning)).body).toEqual({
        data: Object.fromEntries(Array.from({ length: 8 }, (_, index) => [`a${index}`, { nodes: [] }])),
      });
    } finally {
      await roomy.close();
    }
  });

  it('stops at the deadline even when execution is synchronous (graphql-jit), on the fast lane too', async () => {
    // A deadline already past: an operation that resolves more than a few dozen objects is stopped.
    const server = await serve({ executionTimeoutMs: 0 });
    laneAnswers.mockClear();
    try {
      const query =
        'query($n: Int!) { allResults(first: $n) { edges { node { claims { citations { report { name } } } } } } }';
      expect((await post(server.url, query, { n: 1 })).body.errors).toBeUndefined();
      expect((await post(server.url, query, { n: 1 })).body.errors).toBeUndefined();
      const long = await post(server.url, query, { n: 100 });
      expect(codes(long)).toEqual(['EXECUTION_TIMEOUT']);
      expect(long.body.data).toBeUndefined();
      expect(answeredByLane()).toEqual([false, true, false]);
      const literal = await post(
        server.url,
        '{ allReports(first: 100) { edges { node { claims { citations { report { name } } } } } } }',
      );
      expect(codes(literal)).toEqual(['EXECUTION_TIMEOUT']);
    } finally {
      await server.close();
    }
  });

  it('refuses a count over the budget on the fast lane as the pipeline does, though the lane reads the count inline', async () => {
    // graphql-jit reads totalCount inline, from a getter that charges the budget: a throw there is
    // no field error. On the in-memory store the count charges the records it reads; each budget
    // between the small page's work and the large one's is tried.
    const memory = await loadMemoryGraph(dataDir);
    const query = 'query($n: Int) { allResults(first: $n, where: { heat: { gt: 0 } }) { totalCount } }';
    const refusedSomewhere: number[] = [];
    for (let maxWork = 1; maxWork <= 64; maxWork++) {
      const [lane, pipeline] = await Promise.all([
        serve({ store: memory, maxWork }),
        serve({ store: memory, maxWork, fastLane: false }),
      ]);
      try {
        const small = await post(pipeline.url, query, { n: 1 });
        if (small.body.errors) continue;
        // Admitted, then answered by the lane.
        await post(lane.url, query, { n: 1 });
        expect(await post(lane.url, query, { n: 1 })).toEqual(small);
        const large = await post(pipeline.url, query, { n: 30 });
        if (codes(large).includes('QUERY_TOO_COSTLY')) refusedSomewhere.push(maxWork);
        expect(await post(lane.url, query, { n: 30 }), `within ${maxWork}`).toEqual(large);
      } finally {
        await Promise.all([lane.close(), pipeline.close()]);
      }
    }
    expect(refusedSomewhere.length).toBeGreaterThan(0);
  });

  it('refuses an answer over the size limit with a code, in the full pipeline and on the fast lane', async () => {
    const server = await serve({ maxAnswerBytes: 50_000 });
    laneAnswers.mockClear();
    const ids = (slugs: readonly string[]) => slugs.map((slug) => gamesId(slug));
    const slugs = store.all('games').map((games) => games.slug);
    try {
      const query = 'query($ids: [ID!]!) { jsonld(ids: $ids) }';
      const first = await post(server.url, query, { ids: ids(slugs.slice(0, 1)) });
      expect(first.body.errors).toBeUndefined();
      expect(first.bytes).toBeLessThan(50_000);
      expect((await post(server.url, query, { ids: ids(slugs.slice(0, 1)) })).body.errors).toBeUndefined();
      const large = await post(server.url, query, { ids: ids(slugs) });
      expect(codes(large)).toEqual(['ANSWER_TOO_LARGE']);
      expect(large.body.errors?.[0]?.extensions?.maxAnswerBytes).toBe(50_000);
      expect(large.bytes).toBeLessThan(1_000);
      expect(answeredByLane()).toEqual([false, true, false]);
      await expectStillServing(server.url);
    } finally {
      await server.close();
    }
  });
});
