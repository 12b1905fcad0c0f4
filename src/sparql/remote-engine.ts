import type { EngineAnswer, EngineRequest, ProtocolDataset, SparqlEngine } from './engine.js';
import { isGraphForm } from './engine.js';
import { SparqlRefusal } from './errors.js';

/** What the store is asked to answer in: results as SPARQL JSON, graphs as N-Triples or Turtle. */
const ACCEPT_RESULTS = 'application/sparql-results+json';
const ACCEPT_GRAPH = 'application/n-triples, text/turtle;q=0.9';

/**
 * A graph that holds nothing. Virtuoso takes a dataset with default graphs but no named graph to mean
 * "every graph as a named graph" (and the reverse); naming this one says "none", as the protocol means.
 */
const NO_GRAPH = 'urn:x-paralympics-graph:no-graph';

/**
 * A SPARQL 1.1 store elsewhere (SPARQL_ENDPOINT), such as Virtuoso loaded from the dumps, behind the
 * same checks and limits as the embedded engine: the query it gets has passed them and been rewritten,
 * the request is aborted at the deadline, and the answer is read up to the byte limit and no further.
 */
export class RemoteEngine implements SparqlEngine {
  readonly identity: string;
  #stored: Promise<ProtocolDataset> | undefined;

  /**
   * @param storedDataset The graphs the store holds the dump's quads in (see graphs.ts), asked for
   *   once, on the first query that names no dataset of its own.
   */
  constructor(
    private readonly endpoint: string,
    private readonly storedDataset: () => Promise<ProtocolDataset>,
    private readonly log: (line: string) => void = console.error,
  ) {
    this.identity = `remote ${endpoint}`;
  }

  async run(request: EngineRequest): Promise<EngineAnswer> {
    const graph = isGraphForm(request.query);
    const form = new URLSearchParams({ query: request.query.text });
    const dataset = request.dataset ?? (request.query.namesDataset ? undefined : await this.#storedDataset());
    if (dataset) {
      for (const iri of dataset.defaultGraphs.length ? dataset.defaultGraphs : [NO_GRAPH]) {
        form.append('default-graph-uri', iri);
      }
      for (const iri of dataset.namedGraphs.length ? dataset.namedGraphs : [NO_GRAPH])
        form.append('named-graph-uri', iri);
    }
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const timedOut = () =>
      new SparqlRefusal('EXECUTION_TIMEOUT', `The query was stopped after ${request.timeoutMs} ms.`);
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: graph ? ACCEPT_GRAPH : ACCEPT_RESULTS },
        body: form,
        signal: deadline,
        redirect: 'error',
      });
    } catch (error) {
      if (deadline.aborted) throw timedOut();
      this.log(`SPARQL_ENDPOINT not reachable: ${error instanceof Error ? error.message : String(error)}`);
      throw new SparqlRefusal('UPSTREAM_ERROR', 'The SPARQL store behind this endpoint is not reachable.');
    }
    let body: string;
    try {
      body = await readCapped(response, request.maxBytes);
    } catch (error) {
      if (error instanceof SparqlRefusal) throw error;
      if (deadline.aborted) throw timedOut();
      throw new SparqlRefusal('UPSTREAM_ERROR', 'The SPARQL store behind this endpoint broke off its answer.');
    }
    // Virtuoso's "anytime" answers are partial results cut at its own time limit: never passed on as whole.
    if (/^S1T/.test(response.headers.get('x-sql-state') ?? '')) throw timedOut();
    if (!response.ok) {
      this.log(`SPARQL_ENDPOINT answered ${response.status}: ${body.slice(0, 300).replace(/\s+/g, ' ')}`);
      if (/\bS1T00\b|\bSR171\b|timed? ?out/i.test(body)) throw timedOut();
      if (response.status >= 400 && response.status < 500) {
        throw new SparqlRefusal(
          'QUERY_NOT_SUPPORTED',
          'The query is not valid SPARQL 1.1, or uses a feature this endpoint does not evaluate.',
        );
      }
      throw new SparqlRefusal('UPSTREAM_ERROR', 'The SPARQL store behind this endpoint answered with an error.');
    }
    if (graph) return { kind: 'graph', turtle: body };
    return { kind: 'results', json: request.query.form === 'ASK' ? askResults(body) : body };
  }

  async close(): Promise<void> {}

  #storedDataset(): Promise<ProtocolDataset> {
    this.#stored ??= this.storedDataset();
    return this.#stored;
  }
}

/**
 * Virtuoso 7 answers ASK in SPARQL JSON as solutions of one variable, `__ASK_RETVAL` (one solution
 * with 1 for true, none for false); written here as the boolean the recommendation defines.
 */
function askResults(json: string): string {
  const parsed = JSON.parse(json) as {
    boolean?: unknown;
    results?: { bindings?: { __ASK_RETVAL?: { value?: string } }[] };
  };
  if (typeof parsed.boolean === 'boolean' || !parsed.results?.bindings) return json;
  const value = parsed.results.bindings.some((row) => row.__ASK_RETVAL?.value === '1');
  return JSON.stringify({ head: {}, boolean: value });
}

/** Reads a body as UTF-8 text, refusing it as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw new SparqlRefusal(
        'ANSWER_TOO_LARGE',
        `The answer is over the limit of ${maxBytes} bytes; ask for fewer results or shorter values.`,
      );
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
