import { afterAll, describe, expect, it } from 'vitest';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { SPARQL_LIMITS, type SparqlLimits } from '../src/sparql/limits.js';
import type { App } from '../src/yoga.js';
import { BASE_URL, realApp } from './helpers.js';
import { appWith, get, refusalOf } from './sparql-helpers.js';

const { app, store } = await realApp();
const quads = new LinkedDataset(store, BASE_URL).statistics().triples;
const opened: App[] = [];
afterAll(async () => {
  await Promise.all([app, ...opened].map((each) => each.dispose()));
});

/** An app whose endpoint has some limits set lower, to reach them with the seed data. */
async function limited(limits: Partial<SparqlLimits>): Promise<App> {
  const each = await appWith({ limits, log: () => {} });
  opened.push(each);
  return each;
}

const EVERYTHING = 'SELECT * WHERE { ?s ?p ?o }';
/** Billions of solutions over the seed's few thousand triples: it never ends by itself. */
const ENDLESS = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

async function expectStillAnswering(endpoint: App): Promise<void> {
  const response = await get(endpoint, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
  expect(response.status).toBe(200);
  expect(Number((await response.json()).results.bindings[0].n.value)).toBe(quads);
}

describe('SPARQL limits, each refused with a clear message and a stable code', () => {
  it('refuses a query longer than the limit before parsing it', async () => {
    const query = `SELECT * WHERE { ?s ?p "${'x'.repeat(SPARQL_LIMITS.maxQueryLength)}" }`;
    const response = await app.fetch(`${BASE_URL}/sparql`, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query' },
      body: query,
    });
    const refusal = await refusalOf(response);
    expect(refusal).toMatchObject({ status: 400, code: 'QUERY_TOO_LONG' });
    expect(refusal.message).toContain(String(SPARQL_LIMITS.maxQueryLength));
    await expectStillAnswering(app);
  });

  it('refuses nesting deeper than the limit', async () => {
    const depth = SPARQL_LIMITS.maxNesting + 5;
    const query = `SELECT * WHERE ${'{ '.repeat(depth)}?s ?p ?o${' }'.repeat(depth)}`;
    expect(await refusalOf(await get(app, query))).toMatchObject({ status: 400, code: 'QUERY_TOO_DEEP' });
    await expectStillAnswering(app);
  });

  it('refuses federated queries: the endpoint fetches nothing on anyone’s behalf', async () => {
    const query = 'SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }';
    expect(await refusalOf(await get(app, query))).toMatchObject({ status: 400, code: 'SERVICE_NOT_ALLOWED' });
  });

  it('refuses functions that are neither built in nor XSD casts', async () => {
    const query = 'PREFIX bif: <bif:> SELECT * WHERE { ?s ?p ?o FILTER(bif:contains(?o, "x")) }';
    const refusal = await refusalOf(await get(app, query));
    expect(refusal).toMatchObject({ status: 400, code: 'FUNCTION_NOT_SUPPORTED' });
    expect(refusal.message).toContain('<bif:contains>');
    const cast = await get(app, 'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:integer("7") AS ?n) {}');
    expect((await cast.json()).results.bindings[0].n.value).toBe('7');
  });

  it('refuses more results than the limit, and pages through them with LIMIT and OFFSET', async () => {
    const maxResults = Math.floor(quads / 3);
    const endpoint = await limited({ maxResults });
    const refusal = await refusalOf(await get(endpoint, EVERYTHING));
    expect(refusal).toMatchObject({ status: 400, code: 'TOO_MANY_RESULTS' });
    expect(refusal.message).toContain(`more than ${maxResults} results`);
    const page = async (offset: number) =>
      (await (await get(endpoint, `${EVERYTHING} ORDER BY ?s ?p ?o LIMIT ${maxResults} OFFSET ${offset}`)).json())
        .results.bindings.length;
    expect(await page(0)).toBe(maxResults);
    expect(await page(maxResults * 3)).toBe(quads - maxResults * 3);
    await expectStillAnswering(endpoint);
  });

  it('refuses CONSTRUCT answers with more triples than the limit', async () => {
    const endpoint = await limited({ maxTriples: 100 });
    const refusal = await refusalOf(await get(endpoint, 'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 101', 'text/turtle'));
    expect(refusal).toMatchObject({ status: 400, code: 'TOO_MANY_TRIPLES' });
    expect((await get(endpoint, 'CONSTRUCT WHERE { ?s ?p ?o } LIMIT 100', 'text/turtle')).status).toBe(200);
  });

  it('refuses answers over the byte limit, in every format', async () => {
    const endpoint = await limited({ maxAnswerBytes: 20_000 });
    for (const accept of ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv']) {
      expect(await refusalOf(await get(endpoint, EVERYTHING, accept)), accept).toMatchObject({
        status: 400,
        code: 'ANSWER_TOO_LARGE',
      });
    }
    expect((await get(endpoint, `${EVERYTHING} LIMIT 5`)).status).toBe(200);
  });

  it('stops a query that runs past the deadline, and keeps answering', async () => {
    const executionTimeoutMs = 1_000;
    const endpoint = await limited({ executionTimeoutMs });
    await expectStillAnswering(endpoint);
    const started = performance.now();
    const refusal = await refusalOf(await get(endpoint, ENDLESS));
    const took = performance.now() - started;
    expect(refusal).toMatchObject({ status: 503, code: 'EXECUTION_TIMEOUT' });
    expect(refusal.message).toContain(`${executionTimeoutMs} ms`);
    // Counting those solutions would take hours; the answer came once the deadline passed.
    expect(took).toBeGreaterThanOrEqual(executionTimeoutMs);
    await expectStillAnswering(endpoint);
  });

  it('refuses queries beyond the concurrency cap and its line with 503 and Retry-After', async () => {
    const endpoint = await limited({ maxConcurrent: 1, maxWaiting: 1, executionTimeoutMs: 2_000 });
    await expectStillAnswering(endpoint);
    const running = get(endpoint, ENDLESS);
    const waiting = get(endpoint, ENDLESS);
    // Let the first two take the one turn and the one place in line.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await get(endpoint, 'ASK {}');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refusalOf(refused)).toMatchObject({ status: 503, code: 'TOO_MANY_QUERIES' });
    expect((await refusalOf(await running)).code).toBe('EXECUTION_TIMEOUT');
    // The second waited its turn: it either ran into the deadline or waited in line as long as that.
    expect(['EXECUTION_TIMEOUT', 'TOO_MANY_QUERIES']).toContain((await refusalOf(await waiting)).code);
    await expectStillAnswering(endpoint);
  });

  it('does not load a dataset larger than the embedded engine holds, and says to use SPARQL_ENDPOINT', async () => {
    const endpoint = await limited({ maxEmbeddedQuads: Math.floor(quads / 2) });
    const refusal = await refusalOf(await get(endpoint, 'ASK {}'));
    expect(refusal).toMatchObject({ status: 503, code: 'SPARQL_UNAVAILABLE' });
    expect(refusal.message).toContain('SPARQL_ENDPOINT');
    expect(refusal.message).toContain(Math.floor(quads / 2).toLocaleString('en'));
  });
});
