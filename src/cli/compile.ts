import path from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../config.js';
import { DataValidationError } from '../graph/errors.js';
import { prepareFullText } from '../graph/fulltext/registry.js';
import { GraphStore } from '../graph/graph-store.js';
import {
  compileSnapshotFile,
  openCurrentSnapshot,
  openSnapshotFor,
  StaleSnapshotError,
  snapshotFileFor,
} from '../graph/open.js';
import { loadIntoPostgres } from '../graph/postgres/load.js';
import { openSnapshot, readSnapshotFile, SnapshotError, type SnapshotSource } from '../graph/snapshot/read.js';
import { countStatistics } from '../linked-data/statistics.js';
import { commandOptions } from './options.js';
import { Progress } from './progress.js';

export const COMPILE_USAGE = `Usage: npm run compile [-- --dir DIR] [--out FILE] [--to snapshot|postgres] [--snapshot FILE] [--with statistics]

Validates a data directory (default: DATA_DIR, else ./data) with every check the server makes, and
compiles it into the store the server reads:
  --to snapshot  (default) the snapshot the server opens: records and claims in columns, one string
                 table, the slug table, display orders and relation indexes, stamped with a hash of
                 the data and checksummed, and the full-text search index beside it. Data of 64 MB
                 or more is read and compiled on two threads, into the same bytes.
                 Written to STORE_CACHE (default ./.cache),
                 where \`npm start\` finds it (it compiles by itself when the snapshot is missing or
                 stale); --out writes it elsewhere.
  --to postgres  the same graph loaded with COPY into the database at DATABASE_URL (schema
                 "paralympics"), for servers started with STORE=postgres; the old graph is replaced in
                 one transaction once the new one is loaded and indexed. The graph is read from the
                 snapshot in STORE_CACHE when it is current (compiled first when it is missing or
                 stale: the data is validated once, never twice), or from --snapshot FILE, which is
                 refused unless it was compiled from DIR as it is now. The full-text search index
                 (kept in STORE_CACHE, built there when missing) is saved in the database too, where
                 such servers read it.
  --with statistics  also counts the linked data's statistics (VoID's triples, quads, graphs and
                 classes) as the records stream past, and keeps them with the graph, so that no request
                 ever counts the dataset (about 25 µs of CPU a record, some 40 % more CPU
                 for the snapshot: worth it for large data). Without it, the first request that needs
                 them counts them (VoID), or counts until past SPARQL_MAX_QUADS (SPARQL).
Exits 1 on bad data (printing every problem with its file, record and field) or a refused snapshot.`;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The process's CPU time and peak memory: what a compile costs, whatever the machine's load (wall time is not). */
function resources(): string {
  const { user, system } = process.cpuUsage();
  const peak = process.resourceUsage().maxRSS / 1024;
  return `CPU ${((user + system) / 1e6).toFixed(1)} s, peak RSS ${Math.round(peak).toLocaleString('en')} MB`;
}

/** `compile`: writes the snapshot of a data directory, or loads it into PostgreSQL; returns the exit code. */
export async function runCompile(args: readonly string[]): Promise<number> {
  const values = commandOptions(args, ['dir', 'out', 'to', 'snapshot', 'with'], COMPILE_USAGE);
  if (typeof values === 'number') return values;
  if (values.with !== undefined && values.with !== 'statistics') {
    console.error(`Unknown --with ${values.with}: only --with statistics.\n\n${COMPILE_USAGE}`);
    return 2;
  }
  const annotate = values.with === 'statistics' ? countStatistics : undefined;
  const to = values.to ?? 'snapshot';
  if (to !== 'snapshot' && to !== 'postgres') {
    console.error(`--to must be snapshot or postgres, not "${to}".\n\n${COMPILE_USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const dataDir = path.resolve(values.dir ?? config.dataDir);
  const progress = (label: string, total: number) => new Progress(label, total);
  const started = performance.now();
  try {
    if (to === 'postgres') {
      if (config.databaseUrl === undefined) {
        console.error('--to postgres needs DATABASE_URL (postgres://user@host:port/database).');
        return 2;
      }
      let source: SnapshotSource;
      if (values.snapshot === undefined) {
        source = await openCurrentSnapshot({
          dataDir,
          cacheDir: config.storeCache,
          progress,
          ...(annotate ? { annotate } : {}),
        });
      } else {
        try {
          source = await openSnapshotFor(path.resolve(values.snapshot), dataDir);
        } catch (error) {
          if (!(error instanceof StaleSnapshotError || error instanceof SnapshotError)) throw error;
          console.error(
            `Refusing to load ${values.snapshot} [${error.code}]: it ${error.message}. Compile ${dataDir} again (npm run compile -- --dir ${dataDir}), or leave out --snapshot to use the cache's.`,
          );
          return 1;
        }
      }
      console.log(`Read the snapshot of ${dataDir} (version ${source.version}) in ${seconds(started)}.`);
      // The full-text index a server of the snapshot keeps in STORE_CACHE, built (and kept there) if missing.
      const fullText = await prepareFullText(new GraphStore(source), { cacheDir: config.storeCache });
      const loading = performance.now();
      const sql = postgres(config.databaseUrl, { max: 1, onnotice: () => {} });
      try {
        const { rows } = await loadIntoPostgres(sql, source, { progress, ...(fullText ? { fullText } : {}) });
        console.log(
          `Loaded ${rows.toLocaleString('en')} rows into PostgreSQL in ${seconds(loading)} (version ${source.version}).`,
        );
      } finally {
        await sql.end();
      }
      return 0;
    }
    const file =
      values.out === undefined ? await snapshotFileFor(dataDir, config.storeCache) : path.resolve(values.out);
    // The search index is built beside the snapshot, in a thread of its own, so that no start builds it.
    const { bytes, records, fullText, fullTextError } = await compileSnapshotFile(
      dataDir,
      file,
      progress,
      annotate,
      path.dirname(file),
    );
    console.log(
      `Compiled ${records.toLocaleString('en')} records of ${dataDir} in ${seconds(started)} (${resources()}): ${file} (${(bytes / 2 ** 20).toFixed(1)} MB).`,
    );
    if (fullText) {
      console.log(
        `Built the search index of ${fullText.entities.toLocaleString('en')} entities and ${fullText.texts.toLocaleString('en')} distinct texts in ${(fullText.milliseconds / 1000).toFixed(1)} s, beside the snapshot.`,
      );
    } else {
      // Its thread failed: built here instead, from the snapshot as the server reads it.
      if (fullTextError) console.error(`${fullTextError.message} [${fullTextError.code}]; building it here.`);
      await prepareFullText(new GraphStore(openSnapshot(await readSnapshotFile(file))), {
        cacheDir: path.dirname(file),
      });
    }
    console.log(`Done in ${seconds(started)} in all (${resources()}).`);
    return 0;
  } catch (error) {
    if (!(error instanceof DataValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
}
