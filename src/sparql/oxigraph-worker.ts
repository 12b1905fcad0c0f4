/**
 * One Oxigraph store in a worker thread. Oxigraph evaluates a query synchronously, in WebAssembly, with
 * no way to interrupt it; in a thread of its own, a query past its deadline is stopped by terminating
 * the thread, and the server's event loop never waits on it.
 *
 * Node runs this file as it is (TypeScript with erasable syntax only, importing nothing of ours), in
 * development from source and in production once compiled.
 */
import { parentPort } from 'node:worker_threads';
import oxigraph from 'oxigraph';

/** Messages from the engine (oxigraph-engine.ts). */
export type ToWorker =
  | { readonly type: 'load'; readonly nquads: string }
  | {
      readonly type: 'query';
      readonly text: string;
      /** CONSTRUCT and DESCRIBE answer N-Triples; SELECT and ASK, SPARQL JSON results. */
      readonly graph: boolean;
      /** The protocol's dataset; without it, the store's default graph (or the query's own FROM). */
      readonly dataset:
        | { readonly defaultGraphs: readonly string[]; readonly namedGraphs: readonly string[] }
        | undefined;
      readonly maxBytes: number;
    };

/** Messages to the engine. */
export type FromWorker =
  | { readonly type: 'loaded' }
  | { readonly type: 'answer'; readonly body: string }
  | { readonly type: 'too-large'; readonly bytes: number }
  /** `fatal`: the store may be left broken (a WebAssembly trap); the thread should be replaced. */
  | { readonly type: 'failed'; readonly message: string; readonly fatal: boolean };

const port = parentPort;
if (!port) throw new Error('oxigraph-worker.ts runs as a worker thread');
const store = new oxigraph.Store();

function datasetOptions(dataset: Extract<ToWorker, { type: 'query' }>['dataset']) {
  if (!dataset) return {};
  return {
    default_graph: dataset.defaultGraphs.map((iri) => oxigraph.namedNode(iri)),
    named_graphs: dataset.namedGraphs.map((iri) => oxigraph.namedNode(iri)),
  };
}

function answer(message: Extract<ToWorker, { type: 'query' }>): FromWorker {
  try {
    const body = store.query(message.text, {
      ...datasetOptions(message.dataset),
      results_format: message.graph ? 'application/n-triples' : 'application/sparql-results+json',
    }) as string;
    // Characters, not bytes, are counted here: a cheap bound that the engine checks again in bytes.
    if (body.length > message.maxBytes) return { type: 'too-large', bytes: body.length };
    return { type: 'answer', body };
  } catch (error) {
    return {
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      fatal: error instanceof WebAssembly.RuntimeError || error instanceof RangeError,
    };
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'load') {
    store.load(message.nquads, { format: 'application/n-quads', no_transaction: true });
    port.postMessage({ type: 'loaded' } satisfies FromWorker);
  } else {
    port.postMessage(answer(message));
  }
});
