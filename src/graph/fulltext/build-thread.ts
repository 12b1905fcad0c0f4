import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { CompiledColumns } from '../snapshot/write.js';
import { workerModule } from '../worker-module.js';

/** What building the index in its own thread came to. */
export interface BuiltFullText {
  readonly entities: number;
  readonly texts: number;
  readonly terms: number;
  /** The thread's own time building and saving it. */
  readonly milliseconds: number;
}

/** The index thread failed: it threw (`FULLTEXT_THREAD_FAILED`) or ended without an answer (`FULLTEXT_THREAD_EXITED`). */
export class FullTextThreadError extends Error {
  constructor(
    readonly code: 'FULLTEXT_THREAD_FAILED' | 'FULLTEXT_THREAD_EXITED',
    message: string,
  ) {
    super(message);
    this.name = 'FullTextThreadError';
  }
}

/**
 * Builds the full-text index of compiled columns in a thread of its own and saves it to `file`, so
 * that the index and the rest of the snapshot are built on two cores at once. The columns are copied
 * to the thread (the string table's bytes are shared); settles once the file is written, or rejects
 * with a {@link FullTextThreadError} when the thread fails or dies (out of memory, say), never hangs.
 */
export function buildFullTextInThread(
  columns: CompiledColumns,
  file: string,
  options: { resourceLimits?: ResourceLimits } = {},
): Promise<BuiltFullText> {
  const { url, execArgv } = workerModule(
    new URL('./build-worker.js', import.meta.url),
    new URL('./build-worker.ts', import.meta.url),
  );
  return new Promise((resolve, reject) => {
    let answer: BuiltFullText | undefined;
    let failure: Error | undefined;
    const worker = new Worker(url, {
      workerData: { columns, file },
      ...(execArgv ? { execArgv } : {}),
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    worker.on('message', (message: BuiltFullText) => {
      answer = message;
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (answer !== undefined) resolve(answer);
      else if (failure !== undefined)
        reject(
          new FullTextThreadError('FULLTEXT_THREAD_FAILED', `the search index's thread failed: ${failure.message}`),
        );
      else
        reject(
          new FullTextThreadError('FULLTEXT_THREAD_EXITED', `the search index's thread ended (${code}) without it`),
        );
    });
  });
}
