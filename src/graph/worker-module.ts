import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker thread's module: the compiled one (`compiled`, in dist/), or else its TypeScript source,
 * which the thread then loads through tsx (as `npm run compile` and the tests run).
 */
export function workerModule(compiled: URL, source: URL): { url: URL; execArgv?: string[] } {
  if (existsSync(fileURLToPath(compiled))) return { url: compiled };
  const throughTsx = process.execArgv.some((argument) => /(^|[=/])tsx\b/.test(argument));
  return { url: source, execArgv: throughTsx ? process.execArgv : [...process.execArgv, '--import', 'tsx'] };
}
