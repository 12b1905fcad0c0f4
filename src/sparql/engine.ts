import type { PreparedQuery } from './query.js';

/** The dataset a protocol request names with `default-graph-uri` and `named-graph-uri`. */
export interface ProtocolDataset {
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
}

export interface EngineRequest {
  readonly query: PreparedQuery;
  /** Overrides the query's own FROM and FROM NAMED, as the SPARQL 1.1 Protocol asks. */
  readonly dataset: ProtocolDataset | undefined;
  /** Past this, the query is stopped and refused with EXECUTION_TIMEOUT. */
  readonly timeoutMs: number;
  /** An answer longer than this is refused with ANSWER_TOO_LARGE. */
  readonly maxBytes: number;
}

/** What an engine answers: SPARQL JSON results for SELECT and ASK, Turtle (or N-Triples, a part of it) for CONSTRUCT and DESCRIBE. */
export type EngineAnswer =
  | { readonly kind: 'results'; readonly json: string }
  | { readonly kind: 'graph'; readonly turtle: string };

/**
 * Something that evaluates prepared read queries over the dataset's quads: the embedded Oxigraph
 * store, or a SPARQL store elsewhere (SPARQL_ENDPOINT). Without a protocol dataset or a FROM clause,
 * the default graph is the merge of every graph. Refusals are `SparqlRefusal`s.
 */
export interface SparqlEngine {
  /** Names the engine and what it holds; part of every ETag. */
  readonly identity: string;
  run(request: EngineRequest): Promise<EngineAnswer>;
  /** Stops whatever the engine runs (threads, connections). */
  close(): Promise<void>;
}

export const isGraphForm = (query: PreparedQuery): boolean => query.form === 'CONSTRUCT' || query.form === 'DESCRIBE';
