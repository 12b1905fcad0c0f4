import { loadConfig } from '../config.js';
import { DataValidationError } from '../graph/errors.js';
import { KINDS } from '../graph/kinds.js';
import { loadGraph } from '../graph/loader.js';
import { commandOptions } from './options.js';

export const VALIDATE_USAGE = `Usage: npm run validate-data [-- --dir DIR]

Checks every data file (default: DATA_DIR, else ./data) and prints every problem with its file,
record and field. Exits 1 when there is any.`;

/** `validate`: checks a data directory; returns the process exit code. */
export async function runValidate(args: readonly string[]): Promise<number> {
  const values = commandOptions(args, ['dir'], VALIDATE_USAGE);
  if (typeof values === 'number') return values;
  const dataDir = values.dir ?? loadConfig().dataDir;
  try {
    const store = await loadGraph(dataDir);
    console.log(`${dataDir} is valid: ${KINDS.map((kind) => `${store.count(kind)} ${kind}`).join(', ')}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof DataValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
}
