import path from 'node:path';
import { loadConfig } from '../config.js';
import { DataValidationError } from '../graph/errors.js';
import { compileSnapshotFile, snapshotFileFor } from '../graph/open.js';
import { commandOptions } from './options.js';
import { Progress } from './progress.js';

export const COMPILE_USAGE = `Usage: npm run compile [-- --dir DIR] [--out FILE]

Validates a data directory (default: DATA_DIR, else ./data) with every check the server makes, and
compiles it into the snapshot the server opens: records and claims in columns, one string table, the
slug table, display orders, relation indexes and the search index, stamped with a hash of the data
and checksummed. Written to STORE_CACHE (default ./.cache), where \`npm start\` finds it (it compiles
by itself when the snapshot is missing or stale); --out writes it elsewhere. Exits 1 on bad data,
printing every problem with its file, record and field.`;

/** `compile`: writes the snapshot of a data directory; returns the process exit code. */
export async function runCompile(args: readonly string[]): Promise<number> {
  const values = commandOptions(args, ['dir', 'out'], COMPILE_USAGE);
  if (typeof values === 'number') return values;
  const config = loadConfig();
  const dataDir = path.resolve(values.dir ?? config.dataDir);
  const file = values.out === undefined ? await snapshotFileFor(dataDir, config.storeCache) : path.resolve(values.out);
  const started = performance.now();
  try {
    const { bytes, records } = await compileSnapshotFile(dataDir, file, (label, total) => new Progress(label, total));
    console.log(
      `Compiled ${records.toLocaleString('en')} records of ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file} (${(bytes / 2 ** 20).toFixed(1)} MB).`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof DataValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
}
