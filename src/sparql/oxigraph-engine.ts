import { Worker } from 'node:worker_threads';
import type { EngineAnswer, EngineRequest, SparqlEngine } from './engine.js';
import { isGraphForm } from './engine.js';
import { SparqlRefusal } from './errors.js';
import type { FromWorker, ToWorker } from './oxigraph-worker.js';

export interface EmbeddedEngineOptions {
  /**
   * The dataset as N-Quads, in chunks, produced anew whenever a store is built: quads in named graphs,
   * and the triples of the default graph (N-Triples, which is N-Quads without graphs).
   */
  readonly nquads: () => Iterable<string>;
  /**
   * How many lines `nquads` gives, if at most the limit; undefined past it. Asked before anything is
   * loaded, so that a dataset too large is refused at once rather than after loading a part of it.
   */
  readonly linesUpTo: (limit: number) => Promise<number | undefined>;
  /** Stores (threads) kept, each with the whole dataset: as many queries run at once. */
  readonly threads: number;
  /** A dataset with more quads is not loaded; the endpoint answers 503 and says to use SPARQL_ENDPOINT. */
  readonly maxQuads: number;
  /**
   * How long a query waits while the stores are first built (60 s by default): longer than its own
   * deadline, since the first build takes seconds at the sizes the engine holds and happens once;
   * past it, the query is refused with Retry-After. A query arriving later waits its deadline at most.
   */
  readonly firstBuildWaitMs?: number;
  /** Reports what happens to the stores (built, refused, replaced); console.log by default. */
  readonly log?: (line: string) => void;
}

/** N-Quads are sent to the threads in pieces of about this many characters. */
const LOAD_BATCH = 1 << 20;

const FIRST_BUILD_WAIT_MS = 60_000;

const WORKER_FILE = new URL(`./oxigraph-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** One worker thread holding one store, answering one message at a time. */
class StoreThread {
  readonly #worker: Worker;
  #waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;
  #ended: Error | undefined;

  constructor() {
    this.#worker = new Worker(WORKER_FILE);
    // Idle threads never keep the process alive.
    this.#worker.unref();
    this.#worker.on('message', (message: FromWorker) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.resolve(message);
    });
    const end = (error: Error) => {
      this.#ended ??= error;
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.reject(error);
    };
    this.#worker.on('error', end);
    this.#worker.on('exit', (code) => end(new Error(`The SPARQL store's thread exited (${code})`)));
  }

  send(message: ToWorker): Promise<FromWorker> {
    if (this.#ended) return Promise.reject(this.#ended);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#worker.postMessage(message);
    });
  }

  async stop(): Promise<void> {
    this.#ended ??= new Error('The SPARQL store was stopped');
    await this.#worker.terminate();
  }
}

/**
 * The embedded engine: Oxigraph (WebAssembly) stores holding the dataset's quads, each in a worker
 * thread, built on the first query. A query past its deadline is stopped by ending its thread, which is
 * then built again while the others keep answering.
 */
export class EmbeddedEngine implements SparqlEngine {
  readonly identity = 'embedded oxigraph';
  readonly #options: EmbeddedEngineOptions;
  readonly #idle: StoreThread[] = [];
  readonly #waitingForThread: { take: (thread: StoreThread) => void; fail: (error: SparqlRefusal) => void }[] = [];
  #started = false;
  /** Whether the first stores are built. */
  #built = false;
  /** How far the first build is: quads to load (once counted) and loaded, and since when. */
  readonly #progress = { total: 0, loaded: 0, since: 0 };
  #unavailable: SparqlRefusal | undefined;
  #closed = false;
  readonly #building = new Set<StoreThread>();

  constructor(options: EmbeddedEngineOptions) {
    this.#options = options;
  }

  async run(request: EngineRequest): Promise<EngineAnswer> {
    const thread = await this.#acquire(request.timeoutMs);
    const graph = isGraphForm(request.query);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), request.timeoutMs);
    });
    const answered = thread.send({
      type: 'query',
      text: request.query.text,
      graph,
      dataset: request.dataset,
      maxBytes: request.maxBytes,
    });
    let outcome: FromWorker | 'timeout';
    try {
      outcome = await Promise.race([answered, deadline]);
    } catch (error) {
      this.#replace(thread, 'its thread failed');
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (outcome === 'timeout') {
      this.#replace(thread, 'a query ran past its deadline');
      answered.catch(() => {});
      throw new SparqlRefusal('EXECUTION_TIMEOUT', `The query was stopped after ${request.timeoutMs} ms.`);
    }
    if (outcome.type === 'failed' && outcome.fatal) {
      this.#replace(thread, `the engine failed: ${outcome.message}`);
      throw new Error(`Oxigraph failed: ${outcome.message}`);
    }
    this.#release(thread);
    switch (outcome.type) {
      case 'answer':
        return graph ? { kind: 'graph', turtle: outcome.body } : { kind: 'results', json: outcome.body };
      case 'too-large':
        throw new SparqlRefusal(
          'ANSWER_TOO_LARGE',
          `The answer is over the limit of ${request.maxBytes} bytes; ask for fewer results or shorter values.`,
        );
      case 'failed':
        this.#log(`SPARQL query not evaluated: ${outcome.message}`);
        throw new SparqlRefusal(
          'QUERY_NOT_SUPPORTED',
          'The query is not valid SPARQL 1.1, or uses a feature this endpoint does not evaluate.',
        );
      default:
        throw new Error(`Unexpected message from the SPARQL store: ${outcome.type}`);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const threads = [...this.#idle, ...this.#building];
    this.#idle.length = 0;
    this.#building.clear();
    await Promise.all(threads.map((thread) => thread.stop()));
  }

  #log(line: string): void {
    (this.#options.log ?? console.log)(line);
  }

  /** A thread with a built store, waiting at most `timeoutMs` for one (the first build, a replacement). */
  #acquire(timeoutMs: number): Promise<StoreThread> {
    if (this.#unavailable) return Promise.reject(this.#unavailable);
    if (this.#closed) return Promise.reject(new SparqlRefusal('SPARQL_UNAVAILABLE', 'The endpoint is shutting down.'));
    if (!this.#started) {
      this.#started = true;
      this.#start();
    }
    const waitMs = this.#built ? timeoutMs : Math.max(timeoutMs, this.#options.firstBuildWaitMs ?? FIRST_BUILD_WAIT_MS);
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    return new Promise((resolve, reject) => {
      const waiter = {
        take: (thread: StoreThread) => {
          clearTimeout(timer);
          resolve(thread);
        },
        fail: (error: SparqlRefusal) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waitingForThread.splice(this.#waitingForThread.indexOf(waiter), 1);
        reject(this.#unavailable ?? this.#stillBuilding());
      }, waitMs);
      this.#waitingForThread.push(waiter);
    });
  }

  /** The first build, once the dataset is known to fit: its size is counted (or read) first. */
  #start(): void {
    this.#progress.since = performance.now();
    this.#options
      .linesUpTo(this.#options.maxQuads)
      .then((total) => {
        if (this.#closed) return;
        if (total === undefined) throw this.#tooLarge();
        this.#progress.total = total;
        this.#build(
          Array.from({ length: this.#options.threads }, () => new StoreThread()),
          'first query',
        );
      })
      .catch((error: unknown) => this.#fail(error));
  }

  /**
   * What a query that cannot wait any longer for the first build is told: how far it is, and when to
   * come back (from the pace so far; the store is then ready, unless the machine slows down).
   */
  #stillBuilding(): SparqlRefusal {
    if (this.#built)
      return new SparqlRefusal('SPARQL_UNAVAILABLE', 'The SPARQL store is being built again; try again shortly.', 5);
    const { total, loaded, since } = this.#progress;
    const elapsed = (performance.now() - since) / 1000;
    const remaining = loaded > 0 && total > loaded ? (elapsed * (total - loaded)) / loaded : 5;
    const seconds = Math.min(600, Math.max(1, Math.ceil(remaining)));
    const done =
      total > 0 ? ` (${Math.floor((100 * loaded) / total)}% of ${total.toLocaleString('en')} quads loaded)` : '';
    return new SparqlRefusal(
      'SPARQL_UNAVAILABLE',
      `The SPARQL store is being built${done}; try again in about ${seconds} s.`,
      seconds,
    );
  }

  #tooLarge(): SparqlRefusal {
    return new SparqlRefusal(
      'SPARQL_UNAVAILABLE',
      `The dataset has more than ${this.#options.maxQuads.toLocaleString('en')} quads, more than the embedded SPARQL engine holds (SPARQL_MAX_QUADS): set SPARQL_ENDPOINT to a SPARQL store loaded from the dumps (see README.md, "SPARQL").`,
    );
  }

  /** The endpoint cannot answer (the dataset too large, or the build failed): every query waiting is told so. */
  #fail(error: unknown): void {
    if (error instanceof SparqlRefusal) {
      this.#unavailable = error;
      this.#log(`SPARQL: ${error.message}`);
    } else if (!this.#closed) {
      this.#unavailable = new SparqlRefusal('SPARQL_UNAVAILABLE', 'The SPARQL store could not be built.');
      this.#log(`SPARQL: building the store failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const refusal = this.#unavailable ?? new SparqlRefusal('SPARQL_UNAVAILABLE', 'The endpoint is shutting down.');
    for (const waiting of this.#waitingForThread.splice(0)) waiting.fail(refusal);
  }

  #release(thread: StoreThread): void {
    if (this.#closed) {
      void thread.stop();
      return;
    }
    const waiting = this.#waitingForThread.shift();
    if (waiting) waiting.take(thread);
    else this.#idle.push(thread);
  }

  /** Ends a thread whose store can no longer be trusted (or is still busy) and builds another. */
  #replace(thread: StoreThread, why: string): void {
    void thread.stop();
    if (this.#closed) return;
    this.#log(`SPARQL store replaced: ${why}.`);
    this.#build([new StoreThread()], 'replacement');
  }

  /** Loads the dataset into new threads, all fed from one pass over the N-Quads. */
  #build(threads: StoreThread[], why: string): void {
    for (const thread of threads) this.#building.add(thread);
    const started = performance.now();
    const first = why === 'first query';
    this.#fill(threads, first ? (quads) => (this.#progress.loaded = quads) : () => {})
      .then(async (quads) => {
        for (const thread of threads) this.#building.delete(thread);
        if (this.#closed) {
          await Promise.all(threads.map((thread) => thread.stop()));
          return;
        }
        if (first) {
          this.#built = true;
          this.#log(
            `SPARQL: ${threads.length} store(s) of ${quads.toLocaleString('en')} quads built in ${Math.round(performance.now() - started)} ms.`,
          );
        }
        for (const thread of threads) this.#release(thread);
      })
      .catch((error: unknown) => {
        for (const thread of threads) {
          this.#building.delete(thread);
          void thread.stop();
        }
        this.#fail(error);
      });
  }

  /** Streams the N-Quads to the threads, one batch in flight while the next is produced; reports the quads loaded. */
  async #fill(threads: readonly StoreThread[], onLoaded: (quads: number) => void): Promise<number> {
    let quads = 0;
    let sent = 0;
    let batch = '';
    let inFlight: Promise<unknown> = Promise.resolve();
    const send = async (nquads: string) => {
      await inFlight;
      onLoaded(sent);
      sent = quads;
      inFlight = Promise.all(threads.map((thread) => thread.send({ type: 'load', nquads })));
      // Awaited below; but should the fill stop first (the dataset over its limit), the threads are
      // stopped and this batch fails with no one left to await it.
      inFlight.catch(() => {});
    };
    for (const chunk of this.#options.nquads()) {
      for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) quads += 1;
      // Counted before loading; this guards against a count that was wrong.
      if (quads > this.#options.maxQuads) throw this.#tooLarge();
      batch += chunk;
      if (batch.length >= LOAD_BATCH) {
        await send(batch);
        batch = '';
      }
    }
    if (batch !== '') await send(batch);
    await inFlight;
    return quads;
  }
}
