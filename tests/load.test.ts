import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPUTED_FACT_QUERY } from '../src/examples.js';
import { listenOnLoopback, ranksInData } from './helpers.js';

let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
let url: string;

beforeAll(async () => {
  loopback = await listenOnLoopback();
  url = `${loopback.url}`;
});

afterAll(() => loopback.close());

const json = { 'content-type': 'application/json' };

const HOSTILE_BODIES = [
  JSON.stringify({ query: `{ ${'__typename '.repeat(5000)}}` }),
  JSON.stringify({
    query:
      'query($n: Int) { allGames(first: $n) { edges { node { events(first: $n) { nodes { results(first: $n) { nodes { claims { citations { report { supports(first: $n) { nodes { __typename } } } } } } } } } } } } }',
    variables: { n: 100 },
  }),
  '{"query": "{ __typename }"',
  JSON.stringify({ query: `{ country(code: "PRK") { ${'npc { country { '.repeat(10)}name${' } }'.repeat(10)} } }` }),
  JSON.stringify(Array.from({ length: 20 }, () => ({ query: '{ __typename }' }))),
];

describe('a bounded load of normal and hostile requests on loopback', () => {
  it('answers every normal request correctly while refusing the hostile ones, and memory settles', async () => {
    const before = process.memoryUsage().heapUsed;
    const rank = `"rank":${ranksInData()[0]}`;
    let normalFailures = 0;
    let hostileServerErrors = 0;
    const normal = autocannon({
      url: `${url}/graphql`,
      connections: 8,
      amount: 1500,
      requests: [
        {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ query: DISPUTED_FACT_QUERY }),
          onResponse: (status, body) => {
            if (status !== 200 || !body.includes(rank) || body.includes('"errors"')) normalFailures += 1;
          },
        },
      ],
    });
    const hostile = autocannon({
      url: `${url}/graphql`,
      connections: 8,
      amount: 1500,
      requests: HOSTILE_BODIES.map((body) => ({
        method: 'POST' as const,
        headers: json,
        body,
        onResponse: (status: number) => {
          if (status >= 500) hostileServerErrors += 1;
        },
      })),
    });
    const [normalResult, hostileResult] = await Promise.all([normal, hostile]);
    expect(normalResult.errors).toBe(0);
    expect(normalResult.timeouts).toBe(0);
    expect(normalResult.non2xx).toBe(0);
    expect(normalFailures).toBe(0);
    expect(normalResult.requests.sent).toBeGreaterThanOrEqual(1500);
    expect(hostileResult.errors).toBe(0);
    expect(hostileServerErrors).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const growth = process.memoryUsage().heapUsed - before;
    expect(growth).toBeLessThan(150 * 1024 * 1024);
  }, 60_000);
});
