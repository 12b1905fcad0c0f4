import { loadConfig } from '../config.js';
import { DataValidationError } from '../graph/errors.js';
import type { Kind } from '../graph/kinds.js';
import { KINDS } from '../graph/kinds.js';
import { dataBytes } from '../graph/open.js';
import { validateData } from '../graph/validate/index.js';
import { commandOptions } from './options.js';
import { Progress } from './progress.js';

export const VALIDATE_USAGE = `Usage: npm run validate-data [-- --dir DIR]

Checks every data file (default: DATA_DIR, else ./data) and prints every problem with its file,
record and field. Exits 1 when there is any.`;

/** `validate`: checks a data directory; returns the process exit code. */
export async function runValidate(args: readonly string[]): Promise<number> {
  const values = commandOptions(args, ['dir'], VALIDATE_USAGE);
  if (typeof values === 'number') return values;
  const dataDir = values.dir ?? loadConfig().dataDir;
  try {
    const counts = new Map<Kind, number>(KINDS.map((kind) => [kind, 0]));
    const progress = new Progress('Validating the data', await dataBytes(dataDir));
    let read = 0;
    try {
      await validateData(dataDir, {
        onRecord: (record) => counts.set(record.kind, (counts.get(record.kind) ?? 0) + 1),
        onBytes: (bytes) => {
          progress.advance(bytes - read);
          read = bytes;
        },
      });
    } finally {
      progress.finish();
    }
    console.log(`${dataDir} is valid: ${KINDS.map((kind) => `${counts.get(kind)} ${kind}`).join(', ')}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof DataValidationError)) throw error;
    console.error(error.message);
    return 1;
  }
}
