import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GraphStore } from './graph-store.js';
import { DATA_FILES, KINDS, type Kind } from './kinds.js';
import { MemoryStore } from './memory/store.js';
import type { EntityRecord } from './model.js';
import { type InputStamp, modifiedOf } from './snapshot/format.js';
import { openSnapshot } from './snapshot/read.js';
import { type CompiledColumns, type CompiledSnapshot, SnapshotWriter, snapshotBuffer } from './snapshot/write.js';
import type { Store } from './store.js';
import { validateData } from './validate/index.js';

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
 * each record is checked (validate/) and added to the columns as it streams past. Throws a
 * DataValidationError listing every problem when the data is bad.
 */
export async function compileGraph(dataDir: string, options: CompileOptions = {}): Promise<CompiledSnapshot> {
  const absolute = path.resolve(dataDir);
  // Stamped before reading, so that a file changed while compiling makes the snapshot stale, not wrong.
  const before = await stampsOf(absolute, []);
  const writer = new SnapshotWriter();
  const annotator = options.annotate?.();
  let records = 0;
  const validated = await validateData(absolute, {
    onRecord: (record) => {
      writer.add(record);
      annotator?.add(record);
      records += 1;
    },
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
  });
  options.onValidated?.(records);
  const texts = validated.files.filter((file) => file.startsWith('sources/'));
  const inputs = [...before, ...(await stampsOf(absolute, texts))];
  return writer.finish({
    version: validated.version,
    texts: validated.texts,
    dataDir: absolute,
    inputs,
    annotations: annotator ? { [annotator.name]: annotator.finish() } : {},
    ...(options.onColumns ? { onColumns: options.onColumns } : {}),
  });
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
