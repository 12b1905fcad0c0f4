import { loadConfig } from '../config.js';
import { DataValidationError } from '../graph/errors.js';
import { KINDS } from '../graph/kinds.js';
import { loadGraph } from '../graph/loader.js';

const { dataDir } = loadConfig();
try {
  const store = await loadGraph(dataDir);
  console.log(`${dataDir} is valid: ${KINDS.map((kind) => `${store.count(kind)} ${kind}`).join(', ')}.`);
} catch (error) {
  if (!(error instanceof DataValidationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
