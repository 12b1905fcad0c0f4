import type { LinkedDataset } from '../linked-data/dataset.js';
import { Admission } from './admission.js';
import type { SparqlEngine } from './engine.js';
import { SparqlRefusal } from './errors.js';
import { datasetQuads, storedDataset } from './graphs.js';
import { SPARQL_LIMITS, type SparqlLimits } from './limits.js';
import { EmbeddedEngine } from './oxigraph-engine.js';
import { type PreparedQuery, prepareQuery } from './query.js';
import { RemoteEngine } from './remote-engine.js';

export interface SparqlSettings {
  /** A SPARQL 1.1 endpoint holding the dumps (e.g. Virtuoso), answering instead of the embedded engine. */
  readonly endpoint?: string | undefined;
  /** Overrides of {@link SPARQL_LIMITS}, for operators and tests. */
  readonly limits?: Partial<SparqlLimits>;
  /** Where the engines report what happens to their stores; console.log by default. */
  readonly log?: (line: string) => void;
}

/** How many base IRIs keep an engine at once (one with PUBLIC_BASE_URL). */
const MAX_BASES = 2;
/** How many prepared queries are kept: parsing takes milliseconds, and clients repeat their queries. */
const PREPARED_QUERIES = 500;

/**
 * Everything the SPARQL endpoint shares across requests: its limits, the line queries wait in, and
 * the engine for each base IRI (the embedded one holds the dataset's quads under that base; a remote
 * store holds whatever was loaded into it).
 */
export class SparqlService {
  readonly limits: SparqlLimits;
  readonly admission: Admission;
  readonly #settings: SparqlSettings;
  /** The engine of each base IRI, a few at most (one with PUBLIC_BASE_URL). */
  readonly #engines = new Map<string, SparqlEngine>();
  /** Prepared queries (or their refusals) by base IRI and text, least recently used first. */
  readonly #prepared = new Map<string, PreparedQuery | SparqlRefusal>();

  constructor(settings: SparqlSettings = {}) {
    this.#settings = settings;
    this.limits = { ...SPARQL_LIMITS, ...settings.limits };
    this.admission = new Admission(this.limits.maxConcurrent, this.limits.maxWaiting);
  }

  /** {@link prepareQuery}, remembered for the last few hundred distinct queries. */
  prepare(source: string, baseIri: string): PreparedQuery {
    const key = `${baseIri}\n${source}`;
    let prepared = this.#prepared.get(key);
    if (prepared) {
      this.#prepared.delete(key);
    } else {
      try {
        prepared = prepareQuery(source, baseIri, this.limits);
      } catch (error) {
        if (!(error instanceof SparqlRefusal)) throw error;
        prepared = error;
      }
      if (this.#prepared.size >= PREPARED_QUERIES) this.#prepared.delete(this.#prepared.keys().next().value ?? '');
    }
    this.#prepared.set(key, prepared);
    if (prepared instanceof SparqlRefusal) throw prepared;
    return prepared;
  }

  engineFor(dataset: LinkedDataset): SparqlEngine {
    let engine = this.#engines.get(dataset.base);
    if (!engine) {
      if (this.#engines.size >= MAX_BASES) {
        const [oldest, evicted] = this.#engines.entries().next().value ?? [];
        if (oldest !== undefined) this.#engines.delete(oldest);
        void evicted?.close();
      }
      engine = this.#settings.endpoint
        ? new RemoteEngine(this.#settings.endpoint, () => storedDataset(dataset), this.#settings.log)
        : new EmbeddedEngine({
            nquads: () => datasetQuads(dataset),
            linesUpTo: (limit) => dataset.linesUpTo(limit),
            threads: this.limits.maxConcurrent,
            maxQuads: this.limits.maxEmbeddedQuads,
            ...(this.#settings.log ? { log: this.#settings.log } : {}),
          });
      this.#engines.set(dataset.base, engine);
    }
    return engine;
  }

  async close(): Promise<void> {
    const engines = [...this.#engines.values()];
    this.#engines.clear();
    await Promise.all(engines.map((engine) => engine.close()));
  }
}
