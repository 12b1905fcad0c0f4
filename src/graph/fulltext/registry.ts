import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Store } from '../store.js';
import { type IndexSections, openSectionsFile } from './file.js';
import { FULLTEXT_FORMAT, FullTextFormatError, FullTextIndex } from './index.js';

const indexes = new WeakMap<Store, FullTextIndex>();
/** Saved indexes opened but not read yet (see {@link prepareFullText}'s `onFirstUse`), by store. */
const opened = new WeakMap<Store, { sections: IndexSections; log: (message: string) => void }>();
/** The reads of saved indexes {@link prepareFullText} left running in the background, by store. */
const backgroundReads = new WeakMap<Store, Promise<void>>();

/** Settles once the saved index {@link prepareFullText} began reading in the background is read (or failed). */
export function savedFullTextRead(store: Store): Promise<void> {
  return backgroundReads.get(store) ?? Promise.resolve();
}

/**
 * The full-text index of a store: the one {@link prepareFullText} made, the one saved beside the graph
 * (PostgreSQL keeps it in a table, read once on the first search), or built now from the store (quick
 * on small graphs). Built during a pass of a fetching store that lacked data, it stands on stand-ins:
 * it is used for that pass only, and built again on the next.
 */
export function fullTextOf(store: Store): FullTextIndex {
  let index = indexes.get(store);
  if (index) return index;
  index = readOpened(store);
  if (index) return index;
  const saved = store.savedFullText?.() ?? null;
  // The saved index is being fetched: this pass lacked data, so it runs again (whatever it throws) once it is here.
  if (saved?.length === 0) throw new Error('The saved search index is being read.');
  index = saved === null ? undefined : savedIndex(saved, store.version);
  if (index) {
    indexes.set(store, index);
    return index;
  }
  index = FullTextIndex.build(store);
  if (!store.lacking) indexes.set(store, index);
  return index;
}

/**
 * The saved index opened by {@link prepareFullText}, read now (the sections the background has not
 * read yet); undefined when there is none, or when a section of it turns out damaged (it is then built
 * from the store, as a start would have done had it found the damage).
 */
function readOpened(store: Store): FullTextIndex | undefined {
  const pending = opened.get(store);
  if (pending === undefined) return undefined;
  opened.delete(store);
  try {
    const index = FullTextIndex.fromSections(pending.sections, store.version);
    indexes.set(store, index);
    return index;
  } catch (error) {
    if (!(error instanceof FullTextFormatError)) throw error;
    pending.log(`The saved search index ${error.message}; building it again.`);
    return undefined;
  }
}

/**
 * Reads, in the background, the saved index {@link prepareFullText} opened without reading, then
 * readies the store's index for searches with typos; the first search, should it come sooner, reads
 * what is left.
 */
export async function readFullTextLater(store: Store): Promise<void> {
  const pending = opened.get(store);
  if (pending) {
    try {
      await pending.sections.preload();
    } catch (error) {
      // Damage is reported, and the index built again, by the read below.
      if (!(error instanceof FullTextFormatError)) throw error;
    }
  }
  // A store whose index is fetched from elsewhere is left to its first search.
  if (pending || !store.remote) (indexes.get(store) ?? (pending ? fullTextOf(store) : undefined))?.warm();
}

/** A saved index, or undefined when it was saved in another format (it is then built from the store). */
function savedIndex(bytes: Uint8Array, version: string): FullTextIndex | undefined {
  try {
    return FullTextIndex.fromBytes(bytes, version);
  } catch (error) {
    if (error instanceof FullTextFormatError) return undefined;
    throw error;
  }
}

/** Where the index of a graph is kept in the cache directory: one file per data version. */
export function fullTextFileFor(store: Pick<Store, 'version'>, cacheDir: string): string {
  const name = createHash('sha1').update(`${FULLTEXT_FORMAT}\n${store.version}`).digest('hex').slice(0, 16);
  return path.join(cacheDir, `search-${name}.index`);
}

/** Writes an index to `file` through a temporary file renamed into place, so that a reader never sees half of one. */
export async function saveFullText(index: FullTextIndex, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${threadId}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      for (const chunk of index.toChunks()) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Makes the store's full-text index ready before the first search: read from the cache directory
 * when it holds one for this data (with `onFirstUse`, only opened, its header checked, and read on the
 * first search or by {@link readFullTextLater}), otherwise built (through Store.read) and saved there
 * for the next start. A file that cannot be read, or is damaged, is built again. A store that fetches from elsewhere keeps the
 * index beside the graph: it is fetched in the background (null is returned at once), so that a
 * server's start does not wait for it, nor grow with the data; a search before it is here waits for it.
 */
export async function prepareFullText(
  store: Store,
  {
    cacheDir,
    log = console.log,
    onFirstUse = false,
  }: {
    cacheDir?: string;
    log?: (message: string) => void;
    /** Only open a saved index (its header checked) and return null: it is read on first use, or by {@link readFullTextLater}. */
    onFirstUse?: boolean;
  } = {},
): Promise<FullTextIndex | null> {
  const known = indexes.get(store);
  if (known) return known;
  if (store.remote) {
    // Only the saved index is read now: where none was saved, the first search builds one.
    const reading = Promise.resolve(store.read(() => store.savedFullText?.() ?? null)).then(
      (saved) => {
        const index = saved ? savedIndex(saved, store.version) : undefined;
        if (index && !indexes.has(store)) indexes.set(store, index);
      },
      (error: unknown) => {
        log(`The search index could not be read yet (${(error as Error).message}); the first search reads it.`);
      },
    );
    backgroundReads.set(store, reading);
    return null;
  }
  const file = cacheDir === undefined ? undefined : fullTextFileFor(store, cacheDir);
  if (file !== undefined) {
    try {
      const sections = openSectionsFile(file, FULLTEXT_FORMAT);
      if (sections.header.dataVersion !== store.version) throw new FullTextFormatError('was built from other data');
      if (onFirstUse) {
        opened.set(store, { sections, log });
        return null;
      }
      const index = FullTextIndex.fromSections(sections, store.version);
      indexes.set(store, index);
      return index;
    } catch (error) {
      if (!(error instanceof FullTextFormatError)) throw error;
      if (!error.missing) log(`The search index ${file} ${error.message}; building it again.`);
    }
  }
  const started = performance.now();
  const index = await store.read(() => FullTextIndex.build(store));
  indexes.set(store, index);
  const { texts, entities } = index.size;
  log(
    `Built the search index of ${entities.toLocaleString('en')} entities and ${texts.toLocaleString('en')} distinct texts in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (file !== undefined) await saveFullText(index, file);
  return index;
}
