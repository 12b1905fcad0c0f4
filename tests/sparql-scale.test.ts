import { afterAll, describe, expect, it } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import type { Store } from '../src/graph/store.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { countStatistics } from '../src/linked-data/statistics.js';
import { SparqlRefusal } from '../src/sparql/errors.js';
import { datasetQuads, namedGraphsOf } from '../src/sparql/graphs.js';
import { SPARQL_LIMITS } from '../src/sparql/limits.js';
import { EmbeddedEngine } from '../src/sparql/oxigraph-engine.js';
import { prepareQuery } from '../src/sparql/query.js';
import { BASE_URL, DATA_DIR } from './helpers.js';

/** A store that counts the records read through its collections. */
function counting(store: Store): { store: Store; records: () => number } {
  let records = 0;
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'all') return typeof value === 'function' ? value.bind(target) : value;
      return (kind: (typeof KINDS)[number]) => {
        const view = target.all(kind);
        return new Proxy(view, {
          get(inner, name, innerReceiver) {
            if (name === Symbol.iterator)
              return function* () {
                for (const item of inner) {
                  records += 1;
                  yield item;
                }
              };
            const member = Reflect.get(inner, name, innerReceiver);
            return typeof member === 'function' ? member.bind(inner) : member;
          },
        });
      };
    },
  });
  return { store: wrapped, records: () => records };
}

const linesOf = (dataset: LinkedDataset) => {
  let lines = 0;
  for (const chunk of datasetQuads(dataset)) for (const character of chunk) if (character === '\n') lines += 1;
  return lines;
};

const compiled = await loadGraph(DATA_DIR, { annotate: countStatistics });
const plain = await loadGraph(DATA_DIR);
const total = linesOf(new LinkedDataset(plain, BASE_URL));
const recordCount = KINDS.reduce((sum, kind) => sum + plain.count(kind), 0);

describe('the size of what the embedded engine loads, known before it loads anything', () => {
  it('is read from the statistics counted when compiling, without reading a record', async () => {
    const { store, records } = counting(compiled);
    const dataset = new LinkedDataset(store, BASE_URL);
    expect(await dataset.linesUpTo(total)).toBe(total);
    expect(await dataset.linesUpTo(total - 1)).toBeUndefined();
    expect(records()).toBe(0);
  });

  it('is counted record by record without them, and the count stops once past the limit', async () => {
    const whole = counting(plain);
    expect(await new LinkedDataset(whole.store, BASE_URL).linesUpTo(total)).toBe(total);
    expect(whole.records()).toBe(recordCount);
    const part = counting(plain);
    expect(await new LinkedDataset(part.store, BASE_URL).linesUpTo(Math.floor(total / 4))).toBeUndefined();
    expect(part.records()).toBeLessThan(recordCount);
  });

  it('names the same graphs for a SPARQL store elsewhere from the statistics as from reading the dump', async () => {
    const { store, records } = counting(compiled);
    const fromStatistics = await namedGraphsOf(new LinkedDataset(store, BASE_URL));
    // Only the reports are read, for the order of their graphs.
    expect(records()).toBeLessThanOrEqual(compiled.count('report'));
    expect(fromStatistics).toEqual(await namedGraphsOf(new LinkedDataset(plain, BASE_URL)));
  });
});

describe('the embedded engine before its stores are built', () => {
  const NQUADS = '<https://example.org/a> <https://example.org/p> "o" .\n';
  const engines: EmbeddedEngine[] = [];
  afterAll(() => Promise.all(engines.map((engine) => engine.close())));
  const ask = (engine: EmbeddedEngine, timeoutMs: number) =>
    engine.run({
      query: prepareQuery('ASK { ?s ?p ?o }', 'https://example.org/sparql', SPARQL_LIMITS),
      dataset: undefined,
      timeoutMs,
      maxBytes: 1_000_000,
    });

  it('refuses a dataset over its limit at once, loading nothing', async () => {
    let produced = false;
    const logged: string[] = [];
    const engine = new EmbeddedEngine({
      nquads: () => {
        produced = true;
        return [NQUADS];
      },
      linesUpTo: async () => undefined,
      threads: 1,
      maxQuads: 10,
      log: (line) => logged.push(line),
    });
    engines.push(engine);
    const refusal = await ask(engine, 60_000).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SparqlRefusal);
    expect(refusal).toMatchObject({ code: 'SPARQL_UNAVAILABLE', retryAfter: undefined });
    expect((refusal as SparqlRefusal).message).toContain('SPARQL_ENDPOINT');
    expect(produced).toBe(false);
    expect(logged.join('\n')).not.toContain('built');
  });

  it('answers a query that cannot wait any longer for the first build with 503 and Retry-After, and the next once built', async () => {
    let counted: (lines: number) => void = () => {};
    const engine = new EmbeddedEngine({
      nquads: () => [NQUADS],
      linesUpTo: () => new Promise((resolve) => (counted = resolve)),
      firstBuildWaitMs: 50,
      threads: 1,
      maxQuads: 10,
      log: () => {},
    });
    engines.push(engine);
    const refusal = await ask(engine, 50).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'SPARQL_UNAVAILABLE', status: 503 });
    expect((refusal as SparqlRefusal).retryAfter).toBeGreaterThanOrEqual(1);
    expect((refusal as SparqlRefusal).message).toMatch(/to be built|being built/);
    counted(1);
    expect(await ask(engine, 60_000)).toEqual({ kind: 'results', json: expect.stringContaining('true') });
  });
});
