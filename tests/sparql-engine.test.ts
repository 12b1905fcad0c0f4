import { afterAll, describe, expect, it } from 'vitest';
import { SPARQL_LIMITS } from '../src/sparql/limits.js';
import { EmbeddedEngine } from '../src/sparql/oxigraph-engine.js';
import { prepareQuery } from '../src/sparql/query.js';
import { readResultsJson } from '../src/sparql/results.js';

/** A dump in which one triple is stated by two documents (two graphs) and one is in the default graph. */
const NQUADS = [
  '<https://example.org/a> <https://example.org/p> "stated twice" <https://example.org/graph/one> .',
  '<https://example.org/a> <https://example.org/p> "stated twice" <https://example.org/graph/two> .',
  '<https://example.org/a> <https://example.org/p> "stated once" <https://example.org/graph/two> .',
  '<https://example.org/a> <https://example.org/q> "in the default graph" .',
  '',
].join('\n');

const lines = NQUADS.split('\n').length - 1;
const engine = new EmbeddedEngine({
  nquads: () => [NQUADS],
  linesUpTo: async (limit) => (lines <= limit ? lines : undefined),
  threads: 1,
  maxQuads: 100,
  log: () => {},
});
afterAll(() => engine.close());

async function select(source: string, dataset?: { defaultGraphs: string[]; namedGraphs: string[] }) {
  const query = prepareQuery(source, 'https://example.org/sparql', SPARQL_LIMITS);
  const answer = await engine.run({ query, dataset, timeoutMs: 10_000, maxBytes: 1_000_000 });
  const results = answer.kind === 'results' ? readResultsJson(answer.json) : undefined;
  if (results?.kind !== 'solutions') throw new Error('expected solutions');
  return results.solutions.map((row) =>
    Object.fromEntries(Object.entries(row).map(([name, term]) => [name, term.value])),
  );
}

describe('the embedded engine’s dataset', () => {
  it('names the graphs its store holds the dump in, each quad where the dump puts it', async () => {
    expect(await select('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }')).toEqual([{ n: '3' }]);
  });

  it('answers over the default graph the dump gives, not over every graph', async () => {
    expect(await select('SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o')).toEqual([{ o: 'in the default graph' }]);
  });

  it('keeps each named graph as the dump has it', async () => {
    expect(await select('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g')).toEqual([
      { g: 'https://example.org/graph/one', n: '1' },
      { g: 'https://example.org/graph/two', n: '2' },
    ]);
  });

  it('answers over the dataset a protocol request names instead', async () => {
    const one = 'https://example.org/graph/one';
    expect(await select('SELECT ?o WHERE { ?s ?p ?o }', { defaultGraphs: [one], namedGraphs: [] })).toEqual([
      { o: 'stated twice' },
    ]);
    expect(
      await select('SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', { defaultGraphs: [], namedGraphs: [one] }),
    ).toEqual([{ g: one }]);
  });
});
