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
}

/** Messages from the thread: bytes read so far and its records compiled so far, as they come; then its share. */
export type ShareMessage = { readonly bytes: number } | { readonly part: WriterPart } | { readonly share: ThreadShare };

/**
 * Reads, validates and compiles the records of `kinds` (a run at the end of KINDS) in a thread of its
 * own (write-worker.ts), while this thread does the same with the kinds before them. The records it
 * compiled come in parts as it goes (`onPart`, in order; none once it found a problem), so that they
 * are taken in here while it reads on. `tell` hands it the main thread's share once read, without
 * which it cannot check its references; `share` settles with its own once every part is sent, or
 * rejects when the thread fails or dies.
 */
export function compileShareInThread(
  dataDir: string,
  kinds: readonly Kind[],
  /** The size of the kinds' data files, so that it sends about as many parts whatever the size. */
  bytes: number,
  on: { readonly bytes: (bytes: number) => void; readonly part: (part: WriterPart) => void },
): { share: Promise<ThreadShare>; tell: (main: MainShare) => void; stop: () => Promise<void> } {
  const { url, execArgv } = workerModule(
    new URL('./write-worker.js', import.meta.url),
    new URL('./write-worker.ts', import.meta.url),
  );
  const worker = new Worker(url, { workerData: { dataDir, kinds, bytes }, ...(execArgv ? { execArgv } : {}) });
  const share = new Promise<ThreadShare>((resolve, reject) => {
    let answer: ThreadShare | undefined;
    let failure: Error | undefined;
    worker.on('message', (message: ShareMessage) => {
      if ('bytes' in message) on.bytes(message.bytes);
      else if ('part' in message) on.part(message.part);
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
