import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY, SEARCH_QUERY } from '../src/examples.js';
import { BASE_URL, realApp } from './helpers.js';

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
