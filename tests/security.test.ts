import { describe, expect, it } from 'vitest';
import { DISPUTED_FACT_QUERY, EXAMPLE_QUERY } from '../src/examples.js';
import { LIMITS } from '../src/security/limits.js';
import { useExecutionDeadline } from '../src/security/plugins.js';
import { documentId } from '../src/security/trusted-documents.js';
import { createApp } from '../src/yoga.js';
import { BASE_URL, errorCodes, graphql, ranksInData, realApp, storeWithDanglingGames } from './helpers.js';

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const { app } = await realApp();
  return app.fetch(`${BASE_URL}/graphql`, { method: 'POST', headers, body });
}

/** After each refusal, an ordinary query must still be answered. */
async function expectStillServing(): Promise<void> {
  const result = await graphql(DISPUTED_FACT_QUERY);
  expect(result.errors).toBeUndefined();
  expect(result.data?.result.rank).toBe(ranksInData()[0]);
}

describe('query limits (graphql-armor and our cost rule)', () => {
  it('lets the example queries and GraphiQL introspection through', async () => {
    expect((await graphql(EXAMPLE_QUERY)).errors).toBeUndefined();
    const { getIntrospectionQuery } = await import('graphql');
    const introspection = await graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data?.__schema.queryType.name).toBe('Query');
  });

  it('refuses deep nesting', async () => {
    let selection = 'name';
    for (let level = 0; level < 8; level++) selection = `npc { country { ${selection} } }`;
    const result = await graphql(`{ country(code: "PRK") { ${selection} } }`);
    expect(errorCodes(result)).toEqual(['QUERY_TOO_DEEP']);
    expect(result.errors?.[0]?.message).toMatch(/depth/i);
    await expectStillServing();
  });

  it('refuses alias overload', async () => {
    const aliases = Array.from(
      { length: LIMITS.maxAliases + 5 },
      (_, index) => `a${index}: country(code: "PRK") { name }`,
    );
    expect(errorCodes(await graphql(`{ ${aliases.join(' ')} }`))).toEqual(['TOO_MANY_ALIASES']);
    await expectStillServing();
  });

  it('refuses a token flood', async () => {
    const result = await graphql(`{ ${'__typename '.repeat(LIMITS.maxTokens + 10)}}`);
    expect(errorCodes(result)).toEqual(['TOO_MANY_TOKENS']);
    await expectStillServing();
  });

  it('refuses directive overload', async () => {
    const result = await graphql(`{ __typename ${'@include(if: true) '.repeat(LIMITS.maxDirectives + 5)}}`);
    expect(errorCodes(result)).toEqual(['TOO_MANY_DIRECTIVES']);
    await expectStillServing();
  });

  it('refuses fragment cycles', async () => {
    const result = await graphql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expect(result.errors?.some((error) => /Cannot spread fragment "A" within itself/.test(error.message))).toBe(true);
    expect(errorCodes(result).every((code) => code === 'GRAPHQL_VALIDATION_FAILED' || code === 'QUERY_TOO_DEEP')).toBe(
      true,
    );
    await expectStillServing();
  });

  it('refuses huge page sizes, literal or in variables', async () => {
    expect(errorCodes(await graphql('{ allAthletes(first: 5000) { totalCount } }'))).toEqual(['PAGE_SIZE_EXCEEDED']);
    expect(errorCodes(await graphql('query($n: Int) { allAthletes(last: $n) { totalCount } }', { n: 5000 }))).toEqual([
      'PAGE_SIZE_EXCEEDED',
    ]);
    await expectStillServing();
  });

  it('refuses nested-connection cost bombs, counting page sizes given in variables', async () => {
    const bomb = `query($n: Int) { allGames(first: $n) { nodes {
      events(first: $n) { nodes { results(first: $n) { nodes { claims { citations {
        report { supports(first: $n) { nodes { ... on Entity { name } } } about { name } } } } } } } }
      participations(first: $n) { nodes { athletes { results(first: $n) { nodes { claims { valueText } } } } } } } } }`;
    const refused = await graphql(bomb, { n: 100 });
    expect(errorCodes(refused)).toEqual(['QUERY_TOO_COSTLY']);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ maxCost: LIMITS.maxCost });
    expect(refused.data).toBeUndefined();
    const small = await graphql(bomb, { n: 1 });
    expect(small.errors).toBeUndefined();
    await expectStillServing();
  });

  it('gives no "Did you mean" suggestions for unknown fields', async () => {
    const result = await graphql('{ countri(code: "PRK") { name } }');
    expect(result.errors?.[0]?.message).toBe('Cannot query field "countri" on type "Query". [Suggestion hidden]');
    expect(JSON.stringify(result)).not.toMatch(/did you mean/i);
    await expectStillServing();
  });

  it('refuses invalid global ids with a clear error', async () => {
    for (const id of ['!!!', '', 'QXRobGV0ZQ==', Buffer.from('Nope:x').toString('base64')]) {
      const result = await graphql('query($id: ID!) { node(id: $id) { id } }', { id });
      expect(result.status).toBe(200);
      if (result.errors) expect(result.errors[0]?.message).not.toBe('Unexpected error.');
      else expect(result.data?.node).toBeNull();
    }
    await expectStillServing();
  });

  it('refuses huge strings in variables and in search', async () => {
    const variables = await graphql('query($q: String!) { search(query: $q) { totalCount } }', {
      q: 'a'.repeat(LIMITS.maxStringLength + 1),
    });
    expect(errorCodes(variables)).toEqual(['STRING_TOO_LONG']);
    const search = await graphql(`{ search(query: "${'b'.repeat(LIMITS.maxSearchLength + 1)}") { totalCount } }`);
    expect(errorCodes(search)).toEqual(['STRING_TOO_LONG']);
    await expectStillServing();
  });
});

describe('malformed requests', () => {
  it('answers malformed JSON with 400', async () => {
    const response = await post('{"query": "{ __typename }"');
    expect(response.status).toBe(400);
    await expectStillServing();
  });

  it('refuses a body type it does not speak', async () => {
    const response = await post('{ __typename }', { 'content-type': 'text/plain' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await expectStillServing();
  });

  it('answers a non-string query with 400', async () => {
    for (const query of [42, true, ['{ __typename }'], { a: 1 }]) {
      const response = await post(JSON.stringify({ query }));
      expect(response.status, JSON.stringify(query)).toBe(400);
    }
    const missing = await graphql(null as unknown as string);
    expect(missing.errors?.[0]?.message).toBe('Must provide query string.');
    await expectStillServing();
  });

  it('refuses bodies declared over the size limit with 413', async () => {
    const text = JSON.stringify({ query: `{ __typename }${' '.repeat(LIMITS.maxBodyBytes)}` });
    const response = await post(text, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    });
    expect(response.status).toBe(413);
    await expectStillServing();
  });

  it('has batching off: a list of operations is refused', async () => {
    const response = await post(JSON.stringify(Array.from({ length: 50 }, () => ({ query: '{ __typename }' }))));
    expect(response.status).toBe(400);
    await expectStillServing();
  });

  it('refuses writes over GET (mutations are not allowed there, and there are none)', async () => {
    const { app } = await realApp();
    const response = await app.fetch(`${BASE_URL}/graphql?query=${encodeURIComponent('mutation { x }')}`);
    expect(response.status).toBe(405);
  });
});

describe('error masking', () => {
  const brokenApp = (development: boolean) => createApp({ store: storeWithDanglingGames(), development });
  const ask = async (development: boolean) => {
    const response = await brokenApp(development).fetch(`${BASE_URL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ participation(slug: "broken") { games { name } } }' }),
    });
    return (await response.json()) as { errors: { message: string; extensions?: Record<string, unknown> }[] };
  };

  it('hides unexpected errors in production, without stack or paths', async () => {
    const body = await ask(false);
    expect(body.errors[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(body)).not.toMatch(/Dangling|store\.ts|at /);
  });

  it('shows them in development', async () => {
    const body = await ask(true);
    expect(JSON.stringify(body)).toContain('Dangling reference to games');
  });
});

describe('switches', () => {
  it('introspection and GraphiQL can be turned off', async () => {
    const { store } = await realApp();
    const app = createApp({ store, introspection: false, graphiql: false });
    const introspection = await app.fetch(`${BASE_URL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    expect(((await introspection.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    const page = await app.fetch(`${BASE_URL}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('trusted documents only: arbitrary documents are refused, trusted ones run by hash', async () => {
    const { store } = await realApp();
    const app = createApp({ store, trustedDocumentsOnly: true });
    const send = async (body: unknown) => {
      const response = await app.fetch(`${BASE_URL}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as {
        data?: { result?: { rank?: number } };
        errors?: { extensions?: { code?: string } }[];
      };
    };
    const arbitrary = await send({ query: '{ __typename }' });
    expect(arbitrary.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const trusted = await send({
      extensions: { persistedQuery: { version: 1, sha256Hash: documentId(DISPUTED_FACT_QUERY) } },
    });
    expect(trusted.data?.result?.rank).toBe(ranksInData()[0]);
    const unknown = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('execution deadline', () => {
  it('ends an operation that outlives the deadline with EXECUTION_TIMEOUT', async () => {
    const plugin = useExecutionDeadline(20);
    let wrapped: ((args: unknown) => unknown) | undefined;
    plugin.onExecute?.({
      executeFn: () => new Promise(() => {}),
      setExecuteFn: (fn: (args: unknown) => unknown) => {
        wrapped = fn;
      },
    } as never);
    const result = (await wrapped?.({})) as { errors: { extensions: { code: string } }[] };
    expect(result.errors[0]?.extensions.code).toBe('EXECUTION_TIMEOUT');
  });
});
