import { createHash } from 'node:crypto';
import { mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BuiltFullText, buildFullTextInThread, FullTextThreadError } from './fulltext/build-thread.js';
import { fullTextFileFor } from './fulltext/registry.js';
import { GraphStore } from './graph-store.js';
import { DATA_FILES, KINDS } from './kinds.js';
import { type Annotator, compileGraph } from './loader.js';
import { PostgresSource } from './postgres/source.js';
import type { SnapshotHeader } from './snapshot/format.js';
import {
  openSnapshot,
  openSnapshotAt,
  readSnapshotFile,
  readSnapshotHeader,
  SnapshotError,
  type SnapshotSource,
} from './snapshot/read.js';
import { type CompiledColumns, type CompiledSnapshot, writeSnapshot } from './snapshot/write.js';
import type { Store } from './store.js';

/** A progress bar for long work, as the command line draws it; the graph layer only counts. */
export type ProgressFactory = (label: string, total: number) => { advance(by: number): void; finish(): void };

export interface SnapshotOptions {
  readonly dataDir: string;
  /** The directory snapshots are kept in (STORE_CACHE). */
  readonly cacheDir: string;
  readonly log?: (message: string) => void;
  readonly progress?: ProgressFactory;
  /** Computes what is kept with the snapshot for the views above (see Annotator); a snapshot without it is compiled again. */
  readonly annotate?: () => Annotator;
}

/** Where the snapshot of a data directory is kept: one file per data directory, named by its path. */
export async function snapshotFileFor(dataDir: string, cacheDir: string): Promise<string> {
  const real = await realpath(dataDir).catch(() => path.resolve(dataDir));
  const name = createHash('sha1').update(real).digest('hex').slice(0, 16);
  return path.join(cacheDir, `graph-${name}.snapshot`);
}

/**
 * Why a snapshot no longer stands for its data directory, or null when it does: it was compiled from
 * another directory, or a data file or source text is not as it was then (size or modification time;
 * a file appearing or disappearing counts).
 */
export async function staleness(header: SnapshotHeader, dataDir: string): Promise<string | null> {
  const real = await realpath(dataDir).catch(() => path.resolve(dataDir));
  if (header.dataDir !== real) return `it was compiled from ${header.dataDir}`;
  for (const input of header.inputs) {
    const stats = await stat(path.join(real, input.path)).catch(() => undefined);
    const [size, mtimeMs] = stats ? [stats.size, stats.mtimeMs] : [-1, -1];
    if (size !== input.size || mtimeMs !== input.mtimeMs) {
      return `${input.path} ${input.size < 0 ? 'appeared' : size < 0 ? 'disappeared' : 'changed'} since`;
    }
  }
  return null;
}

/** The size of the data files, for a progress bar over reading them. */
export async function dataBytes(dataDir: string): Promise<number> {
  const sizes = await Promise.all(
    KINDS.flatMap((kind) => [DATA_FILES[kind], `${DATA_FILES[kind]}l`]).map((file) =>
      stat(path.join(dataDir, file)).then(
        (stats) => stats.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** What {@link compileSnapshotFile} wrote. */
export interface CompiledFile {
  readonly bytes: number;
  readonly records: number;
  /** The full-text index, when it was built beside the snapshot (see `fullTextDir`)… */
  readonly fullText?: BuiltFullText & { readonly file: string };
  /** …or why its thread failed (the snapshot is written all the same; the index is then built on first need). */
  readonly fullTextError?: FullTextThreadError;
}

/**
 * Validates the data directory and writes its snapshot to `file` (through a temporary file renamed
 * into place, so that a reader never sees half a snapshot). With `fullTextDir`, the full-text index is
 * built too, in a thread of its own from the columns as soon as they are in display order, while this
 * one lays out and writes the rest, and saved in that directory where a server of the snapshot reads
 * it. Returns the snapshot's size in bytes.
 */
export async function compileSnapshotFile(
  dataDir: string,
  file: string,
  progress?: ProgressFactory,
  annotate?: () => Annotator,
  fullTextDir?: string,
): Promise<CompiledFile> {
  await mkdir(path.dirname(file), { recursive: true });
  const bar = progress?.('Validating and compiling the data', await dataBytes(dataDir));
  let seen = 0;
  let records = 0;
  let fullText: Promise<BuiltFullText & { file: string }> | undefined;
  let compiled: CompiledSnapshot | undefined = await compileGraph(dataDir, {
    onBytes: (bytes) => {
      bar?.advance(bytes - seen);
      seen = bytes;
    },
    onValidated: (count) => {
      records = count;
    },
    ...(annotate ? { annotate } : {}),
    ...(fullTextDir === undefined
      ? {}
      : {
          onColumns: (columns: CompiledColumns) => {
            const indexFile = fullTextFileFor(columns, fullTextDir);
            fullText = buildFullTextInThread(columns, indexFile).then((built) => ({ ...built, file: indexFile }));
            // Awaited below; a failure is not left unhandled while the snapshot is written.
            fullText.catch(() => {});
          },
        }),
  });
  bar?.finish();
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const bytes = await writeSnapshot(compiled, temporary);
    // Let go of the columns before waiting for the index's thread, which still needs memory of its own.
    compiled = undefined;
    await rename(temporary, file);
    if (fullText === undefined) return { bytes, records };
    try {
      return { bytes, records, fullText: await fullText };
    } catch (error) {
      if (!(error instanceof FullTextThreadError)) throw error;
      return { bytes, records, fullTextError: error };
    }
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Makes sure the snapshot of the data directory is there and current: compiled when it is missing,
 * stale, of another format or damaged, kept as it is otherwise. Returns its path.
 */
export async function ensureSnapshot({ dataDir, cacheDir, log = console.log, progress, annotate }: SnapshotOptions) {
  const file = await snapshotFileFor(dataDir, cacheDir);
  let reason: string | null;
  try {
    const header = await readSnapshotHeader(file);
    reason = header === undefined ? 'there is none yet' : await staleness(header, dataDir);
    const annotation = annotate?.().name;
    if (reason === null && annotation !== undefined && header?.annotations?.[annotation] === undefined)
      reason = `it lacks ${annotation}`;
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    reason = `the one there ${error.message}`;
  }
  if (reason !== null) {
    log(`Compiling the graph of ${dataDir} into ${file}: ${reason}.`);
    const started = performance.now();
    const { bytes, records, fullText, fullTextError } = await compileSnapshotFile(
      dataDir,
      file,
      progress,
      annotate,
      cacheDir,
    );
    const index = fullText
      ? ` Built the search index of ${fullText.entities.toLocaleString('en')} entities and ${fullText.texts.toLocaleString('en')} distinct texts in ${(fullText.milliseconds / 1000).toFixed(1)} s, in a thread of its own.`
      : '';
    log(
      `Compiled ${records.toLocaleString('en')} records in ${((performance.now() - started) / 1000).toFixed(1)} s (${(bytes / 2 ** 20).toFixed(1)} MB).${index}`,
    );
    if (fullTextError) log(`${fullTextError.message} [${fullTextError.code}]; it is built once the snapshot is open.`);
  }
  return file;
}

/** What {@link openStore} needs to know of the configuration. */
export interface StoreSettings {
  readonly store: 'snapshot' | 'postgres';
  readonly dataDir: string;
  readonly storeCache: string;
  readonly databaseUrl: string | undefined;
  /** The bytes of columns and bitsets kept for filters (query/ids.ts); the planner's default when absent. */
  readonly filterCacheBytes?: number;
}

/** The graph the server reads, from the store the settings name. */
export async function openStore(
  settings: StoreSettings,
  {
    log,
    progress,
    annotate,
  }: { log?: (message: string) => void; progress?: ProgressFactory; annotate?: () => Annotator } = {},
): Promise<Store> {
  const filterCache = settings.filterCacheBytes === undefined ? {} : { filterCacheBytes: settings.filterCacheBytes };
  if (settings.store === 'postgres') {
    if (settings.databaseUrl === undefined) throw new Error('STORE=postgres needs DATABASE_URL');
    return new GraphStore(await PostgresSource.open(settings.databaseUrl), filterCache);
  }
  return new GraphStore(
    await openCurrentSnapshot({
      dataDir: settings.dataDir,
      cacheDir: settings.storeCache,
      ...(log ? { log } : {}),
      ...(progress ? { progress } : {}),
      ...(annotate ? { annotate } : {}),
    }),
    filterCache,
  );
}

/**
 * The snapshot of a data directory, opened: compiled first where it is missing or stale. Opening never
 * validates again: the snapshot holds validated data, and its checksums guard it. A snapshot found
 * damaged while opening is compiled again once, never read.
 */
export async function openCurrentSnapshot(options: SnapshotOptions): Promise<SnapshotSource> {
  const file = await ensureSnapshot(options);
  try {
    return openSnapshotAt(file);
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    (options.log ?? console.log)(`The snapshot ${file} ${error.message}; compiling it again.`);
    await compileSnapshotFile(options.dataDir, file, options.progress, options.annotate);
    return openSnapshotAt(file);
  }
}

/** The graph of a data directory from its snapshot (see {@link openCurrentSnapshot}). */
export async function openSnapshotStore(options: SnapshotOptions): Promise<Store> {
  return new GraphStore(await openCurrentSnapshot(options));
}

/** A snapshot named by hand that does not stand for the data directory as it is now. */
export class StaleSnapshotError extends Error {
  readonly code = 'SNAPSHOT_STALE';
  constructor(reason: string) {
    super(`is stale: ${reason}`);
    this.name = 'StaleSnapshotError';
  }
}

/**
 * A snapshot file named by hand (`compile --to postgres --snapshot FILE`), opened only when it stands
 * for the data directory as it is now: a stale one is refused (StaleSnapshotError), a damaged or
 * missing one too (SnapshotError); neither is compiled again, since the file is not the cache's.
 */
export async function openSnapshotFor(file: string, dataDir: string): Promise<SnapshotSource> {
  const header = await readSnapshotHeader(file);
  if (header === undefined) throw new SnapshotError('SNAPSHOT_UNREADABLE', 'cannot be read (no such file)');
  const reason = await staleness(header, dataDir);
  if (reason !== null) throw new StaleSnapshotError(reason);
  // Read whole and checked now: what names it by hand reads all of it (a load into PostgreSQL).
  return openSnapshot(await readSnapshotFile(file));
}
