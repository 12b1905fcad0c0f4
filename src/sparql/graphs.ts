import { setImmediate } from 'node:timers/promises';
import { Parser } from 'n3';
import type { LinkedDataset } from '../linked-data/dataset.js';
import type { ProtocolDataset } from './engine.js';

/**
 * What the endpoint answers over: the named graphs of the N-Quads dump (each source document's, and the
 * preferred values'), and as the default graph the triples of the triple dumps (`/dataset.nt`: the
 * preferred values, the claims and their quotations), which is what the plain GraphQL fields show.
 */
export function* datasetQuads(dataset: LinkedDataset): Generator<string> {
  yield* dataset.dump('nquads');
  yield* dataset.dump('ntriples');
}

/**
 * The graph that a store without a default graph of its own (Virtuoso keeps every triple in a named
 * graph) holds the default graph in: the graph to load the N-Triples dump into.
 */
export const storedDefaultGraph = (base: string): string => `${base}/graph/default`;

/**
 * The named graphs of the dump: those the dataset's statistics count triples in, where they were
 * counted when the graph was compiled; else found by reading the dump once.
 */
export async function namedGraphsOf(dataset: LinkedDataset): Promise<string[]> {
  if (dataset.hasStoredStatistics())
    return [...dataset.statistics().triplesByGraph].flatMap(([graph, triples]) => (triples > 0 ? [graph] : [])).sort();
  const graphs = new Set<string>();
  let read = 0;
  for (const chunk of dataset.dump('nquads')) {
    for (const quad of new Parser({ format: 'N-Quads' }).parse(chunk)) {
      if (quad.graph.termType === 'NamedNode') graphs.add(quad.graph.value);
    }
    // Reading a large dump takes seconds; the server keeps answering meanwhile.
    if (++read % 100 === 0) await setImmediate();
  }
  return [...graphs].sort();
}

/**
 * The dataset a SPARQL store loaded from the dumps must be asked about, so that it answers over the
 * dumps' triples and nothing else (Virtuoso's default graph is every graph it holds, its own system
 * graphs included): the stored default graph, and the dump's named graphs.
 */
export async function storedDataset(dataset: LinkedDataset): Promise<ProtocolDataset> {
  return { defaultGraphs: [storedDefaultGraph(dataset.base)], namedGraphs: await namedGraphsOf(dataset) };
}
