import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser as N3Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { SPARQL_EXAMPLES } from '../src/sparql/examples.js';
import { storedDefaultGraph } from '../src/sparql/graphs.js';
import type { SparqlLimits } from '../src/sparql/limits.js';
import { type App, createApp } from '../src/yoga.js';
import { BASE_URL, realApp } from './helpers.js';
import { keysOf, parseRdf } from './rdf-helpers.js';
import { get, refusalOf } from './sparql-helpers.js';
import { type RunningVirtuoso, startVirtuoso } from './virtuoso.js';

/**
 * SPARQL_ENDPOINT for real: a Virtuoso of its own (Debian's virtuoso-opensource-7-bin) on loopback,
 * bulk-loaded with the N-Quads dump, behind the same endpoint as the embedded engine.
 */
const { app: embedded, store } = await realApp();
const dataset = new LinkedDataset(store, BASE_URL);
let virtuoso: RunningVirtuoso;
const apps: App[] = [];

function proxied(limits: Partial<SparqlLimits> = {}): App {
  const app = createApp({ store, sparql: { endpoint: virtuoso.endpoint, limits, log: () => {} } });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  virtuoso = await startVirtuoso({ queryTimeoutSeconds: 10 });
  // As README.md tells operators: the N-Quads dump (its named graphs), and the N-Triples dump into the
  // graph that stands for the default graph.
  for (const format of ['nquads', 'ntriples'] as const) {
    const file = path.join(tmpdir(), `paralympics-graph-${process.pid}.${format === 'nquads' ? 'nq' : 'nt'}`);
    await writeFile(file, [...dataset.dump(format)].join(''));
    await virtuoso.load(file, storedDefaultGraph(BASE_URL));
  }
}, 300_000);

afterAll(async () => {
  await Promise.all([embedded, ...apps].map((app) => app.dispose()));
  await virtuoso?.stop();
  // Nothing the test started is left running.
  expect(() => process.kill(virtuoso.pid, 0)).toThrow();
});

const lines = (text: string) => text.split('\r\n').slice(1).sort();

describe('SPARQL_ENDPOINT: a real Virtuoso loaded from the dumps, behind /sparql', () => {
  it('answers over exactly the quads of the dump, and none of the store’s own graphs', async () => {
    const remote = proxied();
    const quads = new N3Parser({ format: 'N-Quads' }).parse([...dataset.dump('nquads')].join(''));
    const count = await (await get(remote, 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).json();
    expect(Number(count.results.bindings[0].n.value)).toBe(dataset.statistics().triples);
    const graphs = await (await get(remote, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }')).json();
    expect(graphs.results.bindings.map((row: { g: { value: string } }) => row.g.value).sort()).toEqual(
      [...new Set(quads.filter((quad) => quad.graph.value).map((quad) => quad.graph.value))].sort(),
    );
  });

  it('gives every example query the answer the embedded engine gives', async () => {
    const remote = proxied();
    for (const example of SPARQL_EXAMPLES) {
      if (/^\s*CONSTRUCT/m.test(example.query)) {
        const [ours, theirs] = await Promise.all(
          [embedded, remote].map(async (app) => (await get(app, example.query, 'application/n-triples')).text()),
        );
        expect(keysOf(parseRdf(theirs ?? '', 'application/n-triples')), example.name).toEqual(
          keysOf(parseRdf(ours ?? '', 'application/n-triples')),
        );
      } else if (/^\s*ASK/m.test(example.query)) {
        const [ours, theirs] = await Promise.all(
          [embedded, remote].map(async (app) => (await get(app, example.query)).json()),
        );
        expect(theirs, example.name).toEqual(ours);
      } else {
        const [ours = '', theirs = ''] = await Promise.all(
          [embedded, remote].map(async (app) => (await get(app, example.query, 'text/csv')).text()),
        );
        // Same header (variables in order) and the same rows; rows in the same order where the query orders them.
        expect(theirs.split('\r\n')[0], example.name).toBe(ours.split('\r\n')[0]);
        if (/ORDER BY/.test(example.query) && !/LIMIT/.test(example.query)) expect(theirs, example.name).toBe(ours);
        else expect(lines(theirs), example.name).toEqual(lines(ours));
      }
    }
  });

  it('passes the protocol’s dataset through: default-graph-uri and named-graph-uri', async () => {
    const remote = proxied();
    const nowhere = encodeURIComponent('https://example.org/no-such-graph');
    const ask = async (parameters: string) =>
      (
        await (
          await remote.fetch(`${BASE_URL}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}${parameters}`)
        ).json()
      ).boolean;
    expect(await ask('')).toBe(true);
    expect(await ask(`&default-graph-uri=${nowhere}`)).toBe(false);
  });

  it('checks and refuses before the store sees anything, with the same codes', async () => {
    const remote = proxied({ maxResults: 100 });
    expect(await refusalOf(await get(remote, 'SELECT * WHERE { ?s ?p }'))).toMatchObject({
      status: 400,
      code: 'MALFORMED_QUERY',
    });
    expect(
      await refusalOf(await get(remote, 'SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }')),
    ).toMatchObject({
      status: 400,
      code: 'SERVICE_NOT_ALLOWED',
    });
    expect(await refusalOf(await get(remote, 'SELECT * WHERE { ?s ?p ?o }'))).toMatchObject({
      status: 400,
      code: 'TOO_MANY_RESULTS',
    });
    const page = await (await get(remote, 'SELECT * WHERE { ?s ?p ?o } LIMIT 100')).json();
    expect(page.results.bindings).toHaveLength(100);
  });

  it('stops waiting at the deadline, and keeps answering', async () => {
    const remote = proxied({ executionTimeoutMs: 1_000 });
    const endless = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
    const refusal = await refusalOf(await get(remote, endless));
    expect(refusal).toMatchObject({ status: 503, code: 'EXECUTION_TIMEOUT' });
    expect((await get(remote, 'ASK { ?s ?p ?o }')).status).toBe(200);
  });

  it('answers 502 when the store is gone, and no process is left behind', async () => {
    const remote = proxied();
    await virtuoso.stop();
    expect(() => process.kill(virtuoso.pid, 0)).toThrow();
    const refusal = await refusalOf(await get(remote, 'ASK {}'));
    expect(refusal).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR' });
    expect(refusal.message).not.toContain('127.0.0.1');
  });
});
