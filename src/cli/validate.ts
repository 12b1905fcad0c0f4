import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { DataValidationError } from '../graph/errors.js';
import { KINDS } from '../graph/kinds.js';
import { loadGraph } from '../graph/loader.js';

export const VALIDATE_USAGE = `Usage: npm run validate-data [-- --dir DIR]

Checks every data file (default: DATA_DIR, else ./data) and prints every problem with its file,
record and field. Exits 1 when there is any.`;

/** `validate`: checks a data directory; returns the process exit code. */
export async function runValidate(args: readonly string[]): Promise<number> {
  let values: { dir?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${VALIDATE_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(VALIDATE_USAGE);
    return 0;
  }
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
