import { Worker } from 'node:worker_threads';
import type { Kind } from '../kinds.js';
import type { EntityRef } from '../refs.js';
import type { ReadFile } from '../validate/index.js';
import { workerModule } from '../worker-module.js';
import type { WriterPart } from './write.js';

/** What the main thread's share tells the other once it is read: what it declares, what it could not check. */
export interface MainShare {
  readonly declared: ReadonlyMap<Kind, ReadonlySet<string> | null>;
  readonly references: readonly EntityRef[];
}

/** What a thread's share of the data came to. */
export interface ThreadShare {
  /** Anything wrong with the share's records, or a reference of either share naming nothing. */
  readonly failed: boolean;
  readonly records: number;
  readonly files: readonly ReadFile[];
  /** Reports of the share that hold a copy of their text, in file order. */
  readonly reports: readonly { slug: string; textFile: string; file: string }[];
  /** Each distinct citation of the share, for the quote checks. */
  readonly citations: readonly { report: string; quote: string | null }[];
  /** The share compiled (absent when it failed). */
  readonly part?: WriterPart;
}

/** Messages from the thread: bytes read so far, then its share. */
export type ShareMessage = { readonly bytes: number } | { readonly share: ThreadShare };

/**
 * Reads, validates and compiles the records of `kinds` (a run at the end of KINDS) in a thread of its
 * own (write-worker.ts), while this thread does the same with the kinds before them. `tell` hands it
 * the main thread's share once read, without which it cannot check its references; `share` settles
 * with its own, or rejects when the thread fails or dies.
 */
export function compileShareInThread(
  dataDir: string,
  kinds: readonly Kind[],
  onBytes: (bytes: number) => void,
): { share: Promise<ThreadShare>; tell: (main: MainShare) => void; stop: () => Promise<void> } {
  const { url, execArgv } = workerModule(
    new URL('./write-worker.js', import.meta.url),
    new URL('./write-worker.ts', import.meta.url),
  );
  const worker = new Worker(url, { workerData: { dataDir, kinds }, ...(execArgv ? { execArgv } : {}) });
  const share = new Promise<ThreadShare>((resolve, reject) => {
    let answer: ThreadShare | undefined;
    let failure: Error | undefined;
    worker.on('message', (message: ShareMessage) => {
      if ('bytes' in message) onBytes(message.bytes);
      else answer = message.share;
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      if (answer !== undefined) resolve(answer);
      else reject(failure ?? new Error(`the compile's second thread ended (${code}) without its share`));
    });
  });
  // Awaited by the caller; not left unhandled while this thread reads its own share.
  share.catch(() => {});
  return {
    share,
    tell: (main) => worker.postMessage(main),
    stop: async () => {
      await worker.terminate();
    },
  };
}
