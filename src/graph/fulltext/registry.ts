import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../store.js';
import { FULLTEXT_FORMAT, FullTextFormatError, FullTextIndex } from './index.js';

const indexes = new WeakMap<Store, FullTextIndex>();

/**
 * The full-text index of a store: the one {@link prepareFullText} made, or built now from the store
 * (quick on small graphs). Built during a pass of a fetching store that lacked data, it stands on
 * stand-ins: it is used for that pass only, and built again on the next.
 */
export function fullTextOf(store: Store): FullTextIndex {
  let index = indexes.get(store);
  if (!index) {
    index = FullTextIndex.build(store);
    if (!store.lacking) indexes.set(store, index);
  }
  return index;
}

/** Where the index of a graph is kept in the cache directory: one file per data version. */
export function fullTextFileFor(store: Store, cacheDir: string): string {
  const name = createHash('sha1').update(`${FULLTEXT_FORMAT}\n${store.version}`).digest('hex').slice(0, 16);
  return path.join(cacheDir, `search-${name}.index`);
}

/**
 * Makes the store's full-text index ready before the first search: read from the cache directory
 * when it holds one for this data, otherwise built (through Store.read, so a PostgreSQL store fetches
 * what it needs) and saved there for the next start. A file that cannot be read is built again.
 */
export async function prepareFullText(
  store: Store,
  { cacheDir, log = console.log }: { cacheDir?: string; log?: (message: string) => void } = {},
): Promise<FullTextIndex> {
  const known = indexes.get(store);
  if (known) return known;
  const file = cacheDir === undefined ? undefined : fullTextFileFor(store, cacheDir);
  if (file !== undefined) {
    const saved = await readFile(file).catch(() => undefined);
    if (saved !== undefined) {
      try {
        const index = FullTextIndex.fromBytes(saved, store.version);
        indexes.set(store, index);
        return index;
      } catch (error) {
        if (!(error instanceof FullTextFormatError)) throw error;
        log(`The search index ${file} ${error.message}; building it again.`);
      }
    }
  }
  const started = performance.now();
  const index = await store.read(() => FullTextIndex.build(store));
  indexes.set(store, index);
  const { texts, entities } = index.size;
  log(
    `Built the search index of ${entities.toLocaleString('en')} entities and ${texts.toLocaleString('en')} distinct texts in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (file !== undefined) {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
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
  return index;
}
