import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLSchema,
  parse,
  specifiedDirectives,
  validate,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRUSTED_DOCUMENTS } from '../src/examples.js';
import { KINDS } from '../src/graph/kinds.js';
import type { Store } from '../src/graph/store.js';
import { compilableOperations } from '../src/http/compilable.js';
import { inlineSchema, schema } from '../src/schema/index.js';
import { graphContexts } from '../src/yoga.js';
import { PROJECT_ROOT, realApp } from './helpers.js';
import { globalIdsOf, queryArbitrary } from './query-arbitrary.js';

/**
 * The fast lane's schema reads the fields that only read a property inline and charges them with the
 * field above (execution-budget.ts, `inline`); the pipeline's charges each field as it runs. Both must
 * count the same work for every operation, so that both refuse the same operations with the same code.
 */
const BASE = 'https://data.example.org';
/** The served schemas know only @defer and @stream; @skip and @include are added here to test them too. */
const withSkipAndInclude = (served: GraphQLSchema) =>
  new GraphQLSchema({ ...served.toConfig(), directives: [...specifiedDirectives, ...served.getDirectives()] });
const pipelineSchema = withSkipAndInclude(schema);
const inline = withSkipAndInclude(inlineSchema(false));
const VARIABLES = { query: 'rim ju', first: 5, yes: true, no: false };

let store: Store;
beforeAll(async () => {
  ({ store } = await realApp());
});

interface Run {
  readonly result: unknown;
  readonly work: number;
  readonly codes: unknown[];
}

async function run(
  served: GraphQLSchema,
  document: DocumentNode,
  compiled: boolean,
  maxWork = Number.MAX_SAFE_INTEGER,
): Promise<Run> {
  const context = graphContexts(store, BASE, maxWork)(BASE);
  context.budget?.start(60_000);
  let result: ExecutionResult;
  if (compiled) {
    const plan = compileQuery(served, document);
    if (!isCompiledQuery(plan)) throw new Error('not compiled');
    result = await plan.query(undefined, context, VARIABLES);
  } else {
    result = await execute({ schema: served, document, contextValue: context, variableValues: VARIABLES });
  }
  const refused = context.budget?.exceeded;
  return {
    result: JSON.parse(JSON.stringify(result)),
    work: context.budget?.work ?? -1,
    codes: refused ? [refused.extensions.code] : (result.errors ?? []).map((error) => error.extensions.code),
  };
}

/** Runs a document on both schemas, by each executor that can, and expects the same answer and work. */
async function expectSameWork(source: string): Promise<number> {
  const document = parse(source);
  // Documents the pipeline refuses before running them (generated ones may lack a required argument).
  if (validate(pipelineSchema, document).length > 0) return 0;
  const executors = compilableOperations(pipelineSchema)(document) ? [false, true] : [false];
  let work = -1;
  for (const compiled of executors) {
    const pipeline = await run(pipelineSchema, document, compiled);
    const lane = await run(inline, document, compiled);
    expect(lane.work, source).toBe(pipeline.work);
    expect(lane.result, source).toEqual(pipeline.result);
    work = pipeline.work;
  }
  return work;
}

const SHAPES = [
  // Aliases: each is a field of its own, charged as often as it is asked for.
  '{ allAthletes(first: 3) { a: edges { node { name } } b: edges { cursor n: node { slug } m: node { name } } pageInfo { hasNextPage } } }',
  // Fragments, named and inline, on the connection, the edge and the page.
  'fragment E on AthleteEdge { node { name } } fragment C on AthleteConnection { edges { ...E cursor } } { allAthletes(first: 4) { ...C ... on AthleteConnection { pageInfo { endCursor } edges { node { slug } } } } }',
  // @skip and @include, literal and from variables.
  'query($yes: Boolean!, $no: Boolean!) { allGames(first: 5) { edges @include(if: $yes) { node { name } } pageInfo @skip(if: $yes) { hasNextPage } e2: edges @skip(if: $no) { cursor } e3: edges @include(if: false) { cursor } } }',
  // Nested connections below records below connections; nodes beside edges.
  '{ allGames(first: 3) { nodes { name events(first: 2) { totalCount nodes { name } edges { node { results(first: 2) { edges { node { rank claims { citations { quote report { name } } } } } } } } } } } }',
  // Claims with their citations, in lists of lists.
  '{ athlete(slug: "rim-ju-song") { claims { property citations { quote } } results { nodes { claims(property: "rank") { citations { report { slug } } } } } } }',
  // Search: edges below an interface.
  '{ search(query: "rim", first: 10) { totalCount edges { cursor node { __typename name ... on Athlete { country { code } } } } pageInfo { hasNextPage } } }',
  // Nothing found: a null record, an empty page.
  '{ athlete(slug: "no-such-athlete") { name results { edges { node { rank } } } } search(query: "zzzzqqq") { edges { node { name } } } }',
];

describe('the fast lane schema', () => {
  it('counts the same work as the pipeline schema, and answers alike, for every README and example query', async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const documents = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    for (const source of [...documents, ...Object.values(TRUSTED_DOCUMENTS)]) await expectSameWork(source);
  });

  it('counts the same work for aliases, fragments, @skip/@include, nested pages, claims and search', async () => {
    for (const source of SHAPES) expect(await expectSameWork(source)).toBeGreaterThan(0);
  });

  it('counts the same work for generated queries', async () => {
    const sdl = buildSchema(await readFile(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const slugs = KINDS.flatMap((kind) =>
      store
        .all(kind)
        .slice(0, 6)
        .map((record) => record.slug),
    );
    const vocabulary = {
      slugs,
      ids: globalIdsOf(store),
      codes: store.all('country').map((country) => country.facts.code),
      words: ['rim', 'ju', 'korea', '2012'],
      properties: ['name', 'rank', 'alternateName', 'datePublished'],
    };
    await fc.assert(
      fc.asyncProperty(queryArbitrary(sdl, vocabulary), async (source) => {
        await expectSameWork(source);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('refuses exactly where the pipeline refuses: one unit short of the work, QUERY_TOO_COSTLY', async () => {
    for (const source of SHAPES.slice(0, 5)) {
      const document = parse(source);
      const { work } = await run(pipelineSchema, document, false);
      for (const maxWork of [work - 1, work]) {
        const pipeline = await run(pipelineSchema, document, false, maxWork);
        const lane = await run(inline, document, true, maxWork);
        expect(lane.codes, `${source} within ${maxWork}`).toEqual(pipeline.codes);
        expect(pipeline.codes).toEqual(maxWork < work ? ['QUERY_TOO_COSTLY'] : []);
      }
    }
  });
});
