import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../src/graph/loader.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR, ranksInData } from './helpers.js';

/** A second, small subgraph of the kind a sports-data supergraph would hold: photo counts of athletes. */
const COVERAGE_TYPE_DEFS = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Athlete @key(fields: "slug") {
    slug: String!
    photoCount: Int!
  }
  type Query {
    photographers: [String!]!
  }
`);

const servers: Server[] = [];
async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

let paralympicsUrl: string;
let coverageUrl: string;

beforeAll(async () => {
  paralympicsUrl = await listen(createApp({ store: await loadGraph(DATA_DIR), federation: true }));
  const coverage = buildSubgraphSchema({
    typeDefs: COVERAGE_TYPE_DEFS,
    resolvers: {
      Athlete: {
        __resolveReference: (reference: { slug: string }) => ({
          slug: reference.slug,
          photoCount: reference.slug.length,
        }),
      },
      Query: { photographers: () => ['Myriam Abord'] },
    },
  });
  coverageUrl = await listen(createYoga({ schema: coverage }));
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function post(
  url: string,
  query: string,
  variables?: unknown,
): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

async function subgraphSdl(): Promise<string> {
  const service = (await post(paralympicsUrl, '{ _service { sdl } }')).data?._service as { sdl?: string } | undefined;
  if (typeof service?.sdl !== 'string') throw new Error('no _service.sdl');
  return service.sdl;
}

describe('the Apollo Federation v2 subgraph (FEDERATION=1)', () => {
  it('serves _service with its keys, and _entities by key', async () => {
    const sdl = await subgraphSdl();
    expect(sdl).toContain('type Country');
    expect(sdl).toMatch(/type Country implements[^{]*@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Athlete implements[^{]*@key\(fields: "slug"\)/);
    const entities = await post(
      paralympicsUrl,
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Country { name } ... on Athlete { name } } }',
      {
        representations: [
          { __typename: 'Country', code: 'PRK' },
          { __typename: 'Athlete', slug: 'song-kum-jong' },
        ],
      },
    );
    expect(entities).toEqual({ data: { _entities: [{ name: 'North Korea' }, { name: 'Song Kum Jong' }] } });
  });

  it('refuses a representation without its key with a code, naming the key, and nothing else', async () => {
    const entities = (representation: Record<string, unknown>) =>
      post(
        paralympicsUrl,
        'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
        {
          representations: [representation],
        },
      );
    for (const [representation, type, key] of [
      [{ __typename: 'Country', slug: 'north-korea' }, 'Country', 'code'],
      [{ __typename: 'Athlete', id: 'QXRobGV0ZTpzb25nLWt1bS1qb25n' }, 'Athlete', 'slug'],
      [{ __typename: 'Games', slug: 2012 }, 'Games', 'slug'],
      [{ __typename: 'Event' }, 'Event', 'slug'],
      [{ __typename: 'Result', slug: null }, 'Result', 'slug'],
    ] as const) {
      const answer = await entities(representation);
      const errors = answer.errors as { message: string; extensions?: { code?: string } }[];
      expect(
        errors.map((error) => error.extensions?.code),
        JSON.stringify(representation),
      ).toEqual(['BAD_USER_INPUT']);
      expect(errors[0]?.message).toBe(`A representation of ${type} needs its key "${key}", a string.`);
      expect(JSON.stringify(answer)).not.toMatch(/\bat |\/src\/|\.ts\b/);
    }
  });

  it('composes with a second subgraph, and a gateway answers queries across both', async () => {
    const sdl = await subgraphSdl();
    const composed = composeServices([
      { name: 'paralympics', typeDefs: parse(sdl), url: paralympicsUrl },
      { name: 'coverage', typeDefs: COVERAGE_TYPE_DEFS, url: coverageUrl },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    const gateway = createGatewayRuntime({
      supergraph: composed.supergraphSdl ?? '',
      logging: false,
      maskedErrors: false,
    });
    try {
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ athlete(slug: "rim-ju-song") { name photoCount country { code } results { nodes { rank } } } photographers }',
        }),
      });
      expect(await response.json()).toEqual({
        data: {
          athlete: {
            name: 'Rim Ju-song',
            photoCount: 11,
            country: { code: 'PRK' },
            results: { nodes: [{ rank: ranksInData()[0] }] },
          },
          photographers: ['Myriam Abord'],
        },
      });
    } finally {
      await gateway.dispose();
    }
  });
});
