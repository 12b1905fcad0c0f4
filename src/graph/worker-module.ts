import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The options of this process that load modules (`--import tsx`, `--require`, a loader, conditions),
 * each with its value: the only ones a TypeScript worker needs. The rest are left out, because a
 * Worker given V8's or the process's own options (`--max-old-space-size`, `--expose-gc`) refuses to start.
 */
const MODULE_LOADING = /^(?:--import|--require|-r|--loader|--experimental-loader|--conditions|-C)(=|$)/;

export function moduleLoadingArguments(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let at = 0; at < argv.length; at++) {
    const match = MODULE_LOADING.exec(argv[at] as string);
    if (!match) continue;
    kept.push(argv[at] as string);
    if (match[1] === '' && at + 1 < argv.length) kept.push(argv[++at] as string);
  }
  return kept;
}

/**
 * A worker thread's module: the compiled one (`compiled`, in dist/), or else its TypeScript source,
 * which the thread then loads through tsx (as `npm run compile` and the tests run).
 */
export function workerModule(compiled: URL, source: URL): { url: URL; execArgv?: string[] } {
  if (existsSync(fileURLToPath(compiled))) return { url: compiled };
  const loading = moduleLoadingArguments(process.execArgv);
  const throughTsx = loading.some((argument) => /(^|[=/])tsx\b/.test(argument));
  return { url: source, execArgv: throughTsx ? loading : [...loading, '--import', 'tsx'] };
}
