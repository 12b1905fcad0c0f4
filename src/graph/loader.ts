import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GraphStore } from './graph-store.js';
import { DATA_FILES, KINDS, type Kind } from './kinds.js';
import { MemoryStore } from './memory/store.js';
import type { EntityRecord } from './model.js';
import { type InputStamp, modifiedOf } from './snapshot/format.js';
import { openSnapshot } from './snapshot/read.js';
import {
  type CompiledColumns,
  type CompiledSnapshot,
  SnapshotWriter,
  snapshotBuffer,
  type WriterPart,
} from './snapshot/write.js';
import { compileShareInThread } from './snapshot/write-thread.js';
import type { Store } from './store.js';
import { wrongQuotes } from './validate/graph.js';
import { DataShare, dataVersion, readTexts, type ValidatedData, validateData } from './validate/index.js';

export { normaliseQuoteText } from './validate/graph.js';

/**
 * A computation over every record as compilation streams it past (in file order), for a view above the
 * store: the linked data's statistics, computed once here rather than by a pass over the dataset at
 * request time. What it finishes with (JSON) is kept in the snapshot under its name.
 */
export interface Annotator {
  /** Names what it computes, with its version: a snapshot annotated under another name is compiled again. */
  readonly name: string;
  add(record: EntityRecord): void;
  finish(): unknown;
}

export interface CompileOptions {
  /** Computes annotations kept with the snapshot (see {@link Annotator}). */
  readonly annotate?: () => Annotator;
  /** Bytes of data read so far, for a progress bar. */
  readonly onBytes?: (bytes: number) => void;
  /** Called when the records are read and validated, before they are ordered and indexed. */
  readonly onValidated?: (records: number) => void;
  /** Handed the columns once they are in display order (see SnapshotWriter.finish). */
  readonly onColumns?: (columns: CompiledColumns) => void;
  /**
   * Threads to read and compile the data on: 2 splits the kinds between this thread and another
   * (write-thread.ts); by default, 2 for data of 64 MB or more. One thread where an Annotator is asked
   * for: it sees every record, in order.
   */
  readonly threads?: 1 | 2;
  /** On two threads: the first kind of the second thread's share (by default, where the larger share is smallest). */
  readonly secondShareFrom?: Kind;
}

/** Every file whose change makes a compiled graph stale: each kind's two possible data files, and the texts. */
async function stampsOf(dataDir: string, texts: readonly string[]): Promise<InputStamp[]> {
  const candidates = [...KINDS.flatMap((kind) => [DATA_FILES[kind], `${DATA_FILES[kind]}l`]), ...texts];
  return Promise.all(
    candidates.map(async (file) => {
      const stats = await stat(path.join(dataDir, file)).catch(() => undefined);
      return { path: file, size: stats?.size ?? -1, mtimeMs: stats?.mtimeMs ?? -1 };
    }),
  );
}

/**
 * Validates the data directory and compiles it into a snapshot's columns, in one pass over the data:
 * each record is checked (validate/) and added to the columns as it streams past. Large data is read
 * on two threads (see {@link CompileOptions.threads}), each compiling a run of kinds, the second
 * thread's part then absorbed into the first's: the same snapshot, byte for byte. Throws a
 * DataValidationError listing every problem when the data is bad.
 */
export async function compileGraph(dataDir: string, options: CompileOptions = {}): Promise<CompiledSnapshot> {
  const absolute = path.resolve(dataDir);
  // Stamped before reading, so that a file changed while compiling makes the snapshot stale, not wrong.
  const before = await stampsOf(absolute, []);
  const split =
    options.annotate || options.threads === 1
      ? 0
      : options.secondShareFrom
        ? Math.max(1, KINDS.indexOf(options.secondShareFrom))
        : shareSplit(before, options.threads);
  const read = split > 0 ? await readOnTwoThreads(absolute, split, before, options) : undefined;
  const { writer, version, texts, files, annotator } = read ?? (await readOnOneThread(absolute, options));
  const inputs = [
    ...before,
    ...(await stampsOf(
      absolute,
      files.filter((file) => file.startsWith('sources/')),
    )),
  ];
  return writer.finish({
    version,
    texts,
    dataDir: absolute,
    inputs,
    annotations: annotator ? { [annotator.name]: annotator.finish() } : {},
    ...(options.onColumns ? { onColumns: options.onColumns } : {}),
  });
}

/** The data read, validated and added to a writer. */
interface ReadGraph extends ValidatedData {
  readonly writer: SnapshotWriter;
  readonly annotator?: Annotator | undefined;
}

async function readOnOneThread(dataDir: string, options: CompileOptions): Promise<ReadGraph> {
  const writer = new SnapshotWriter();
  const annotator = options.annotate?.();
  let records = 0;
  const validated = await validateData(dataDir, {
    onRecord: (record) => {
      writer.add(record);
      annotator?.add(record);
      records += 1;
    },
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
  });
  options.onValidated?.(records);
  return { ...validated, writer, annotator };
}

/** The size of the data files of `kinds`. */
const bytesOf = (stamps: readonly InputStamp[], kinds: readonly Kind[]) =>
  stamps
    .filter(({ path }) => kinds.some((kind) => path === DATA_FILES[kind] || path === `${DATA_FILES[kind]}l`))
    .reduce((sum, { size }) => sum + Math.max(0, size), 0);

/** Data smaller than this is read on one thread: a second one takes longer to start than it saves. */
const TWO_THREADS_FROM_BYTES = 64 * 2 ** 20;

/**
 * Where the second thread's kinds start in KINDS (0: one thread), from the data files' sizes: the
 * split that leaves the larger share smallest.
 */
export function shareSplit(stamps: readonly InputStamp[], threads: 1 | 2 | undefined): number {
  if (threads === 1) return 0;
  const bytes = KINDS.map((kind) => bytesOf(stamps, [kind]));
  const total = bytes.reduce((sum, size) => sum + size, 0);
  if (threads === undefined && total < TWO_THREADS_FROM_BYTES) return 0;
  let best = 1;
  let largest = Number.POSITIVE_INFINITY;
  let before = 0;
  for (let split = 1; split < KINDS.length; split++) {
    before += bytes[split - 1] as number;
    const larger = Math.max(before, total - before);
    if (larger < largest) [best, largest] = [split, larger];
  }
  return best;
}

/**
 * Reads the kinds before `split` here and the others on a second thread, at once, each into a writer
 * of its own; the second thread's part is then absorbed into this one's. Undefined when either share
 * found a problem: the data is then validated again on one thread, which names every problem in
 * file order, as always.
 */
async function readOnTwoThreads(
  dataDir: string,
  split: number,
  stamps: readonly InputStamp[],
  options: CompileOptions,
): Promise<ReadGraph> {
  const read = [0, 0];
  const onBytes = (thread: number) => (bytes: number) => {
    read[thread] = bytes;
    options.onBytes?.((read[0] as number) + (read[1] as number));
  };
  const share = new DataShare();
  const writer = new SnapshotWriter();
  // The second thread's parts wait until this share is read, then are taken in as they come.
  let waiting: WriterPart[] | undefined = [];
  let absorbFailure: unknown;
  const absorb = (part: WriterPart) => {
    try {
      writer.absorb(part);
    } catch (error) {
      absorbFailure ??= error;
    }
  };
  const thread = compileShareInThread(dataDir, KINDS.slice(split), bytesOf(stamps, KINDS.slice(split)), {
    bytes: onBytes(1),
    part: (part) => (waiting ? waiting.push(part) : absorb(part)),
  });
  let records = 0;
  try {
    await share.read(dataDir, KINDS.slice(0, split), {
      onRecord: (record) => {
        writer.add(record);
        records += 1;
      },
      onBytes: onBytes(0),
    });
  } catch (error) {
    await thread.stop();
    throw error;
  }
  const failed = async () => {
    await thread.stop();
    // Bad data: read again on one thread, for every problem in file order (it throws).
    return readOnOneThread(dataDir, { ...options, threads: 1 });
  };
  if (share.failed) return failed();
  thread.tell({ declared: share.checks.declaredSlugs(), references: share.checks.deferredReferences() });
  for (const part of waiting) absorb(part);
  waiting = undefined;
  const other = await thread.share;
  if (absorbFailure !== undefined) throw absorbFailure;
  if (other.failed) return failed();
  const reports = [...share.checks.reportsWithText(), ...other.reports];
  const { texts, files, problems } = await readTexts(dataDir, reports);
  const citations = [...share.validator.distinctCitations(), ...other.citations];
  if (problems.length > 0 || wrongQuotes(citations, texts).size > 0) return failed();
  options.onValidated?.(records + other.records);
  const dataFiles = [...share.files, ...other.files];
  return {
    writer,
    version: dataVersion(dataFiles, texts),
    texts,
    files: [...dataFiles.map(({ file }) => file), ...files],
  };
}

/**
 * Reads every data file under `dataDir`, validates it, and returns the graph compiled in memory: the
 * same store `npm start` opens from a snapshot file, without the file.
 * Throws a {@link DataValidationError} listing every problem (file, record, field) when the data is bad.
 */
export async function loadGraph(dataDir: string, options: CompileOptions = {}): Promise<Store> {
  return new GraphStore(openSnapshot(snapshotBuffer(await compileGraph(dataDir, options))));
}

/** The same graph as JavaScript objects (MemoryStore): the reference the compiled stores are tested against. */
export async function loadMemoryGraph(dataDir: string): Promise<MemoryStore> {
  const entities = new Map<Kind, EntityRecord[]>(KINDS.map((kind) => [kind, []]));
  const before = await stampsOf(path.resolve(dataDir), []);
  const { texts, version, files } = await validateData(dataDir, {
    onRecord: (record) => entities.get(record.kind)?.push(record),
  });
  const inputs = [
    ...before,
    ...(await stampsOf(
      path.resolve(dataDir),
      files.filter((file) => file.startsWith('sources/')),
    )),
  ];
  return new MemoryStore(entities, {
    texts,
    version,
    modified: modifiedOf({ inputs, compiledAt: new Date().toISOString() }),
  });
}
