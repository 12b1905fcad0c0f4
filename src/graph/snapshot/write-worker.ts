/**
 * The compile's second thread (see write-thread.ts): reads, validates and compiles the records of the
 * kinds it is given, checks their references once the main thread's share is known, and answers with
 * its share: the records compiled (in parts, as it goes), or only that they failed (the main thread then validates the data
 * again on its own, to name every problem in file order).
 */
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import type { Kind } from '../kinds.js';
import { DataShare } from '../validate/index.js';
import { type PartMark, SnapshotWriter } from './write.js';
import type { MainShare, ShareMessage, ThreadShare } from './write-thread.js';

const port = parentPort;
if (!port) throw new Error('write-worker.ts runs as a worker thread');
const { dataDir, kinds, bytes } = workerData as { dataDir: string; kinds: readonly Kind[]; bytes: number };
const post = (message: ShareMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const share = new DataShare();
const writer = new SnapshotWriter();
let records = 0;
// The records compiled are handed over in about 32 parts as they come, so that the main thread, once
// done with its own share, takes them in while this one reads on instead of all of them at the end.
const PARTS = 32;
let mark: PartMark | undefined;
let read = 0;
let nextPart = bytes / PARTS;
const postPart = () => {
  const { part, mark: next, transfer } = writer.part(mark);
  mark = next;
  post({ part }, transfer);
};
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
    if (read >= nextPart && !share.failed) {
      postPart();
      nextPart = read + bytes / PARTS;
    }
  },
  onBytes: (total) => {
    read = total;
    // About every 16 MB: a progress bar needs no more.
    if (total - posted < 1 << 24) return;
    posted = total;
    post({ bytes: total });
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
if (!failed) postPart();
post({ share: answer });
port.close();
