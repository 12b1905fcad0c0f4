/**
 * The compile's second thread (see write-thread.ts): reads, validates and compiles the records of the
 * kinds it is given, checks their references once the main thread's share is known, and answers with
 * its share: the records compiled, or only that they failed (the main thread then validates the data
 * again on its own, to name every problem in file order).
 */
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import type { Kind } from '../kinds.js';
import { DataShare } from '../validate/index.js';
import { SnapshotWriter } from './write.js';
import type { MainShare, ShareMessage, ThreadShare } from './write-thread.js';

const port = parentPort;
if (!port) throw new Error('write-worker.ts runs as a worker thread');
const { dataDir, kinds } = workerData as { dataDir: string; kinds: readonly Kind[] };
const post = (message: ShareMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const share = new DataShare();
const writer = new SnapshotWriter();
let records = 0;
// The main thread's share, once read: references into its kinds are checked as soon as it is known.
const told = once(port, 'message').then(([main]) => {
  const { declared, references } = main as MainShare;
  share.checks.adopt(declared, references);
});
let posted = 0;
await share.read(dataDir, kinds, {
  onRecord: (record) => {
    writer.add(record);
    records += 1;
  },
  onBytes: (bytes) => {
    // About every 16 MB: a progress bar needs no more.
    if (bytes - posted < 1 << 24) return;
    posted = bytes;
    post({ bytes });
  },
});
await told;
const failed = share.failed || share.checks.referencesFailed();
const answer: ThreadShare = {
  failed,
  records,
  files: share.files,
  reports: share.checks.reportsWithText(),
  citations: [...share.validator.distinctCitations()],
};
if (failed) post({ share: answer });
else {
  const { part, transfer } = writer.part();
  post({ share: { ...answer, part } }, transfer);
}
port.close();
