import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, PROJECT_ROOT } from './helpers.js';

/** Node run as an operator may run it, forbidding code made from strings (`new Function`, `eval`). */
const run = (args: readonly string[]) =>
  promisify(execFile)(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', ...args], {
    cwd: PROJECT_ROOT,
  });

describe('where code may not be generated from strings', () => {
  it('the data still validates, and every record reads its facts as properties', async () => {
    const validated = await run(['src/cli.ts', 'validate', '--dir', DATA_DIR]);
    expect(validated.stdout).toContain('is valid');
    const script = [
      "const { loadMemoryGraph } = await import('./src/graph/loader.ts');",
      "const { FACTS, KINDS } = await import('./src/graph/kinds.ts');",
      `const store = await loadMemoryGraph(${JSON.stringify(DATA_DIR)});`,
      'let read = 0, differing = 0;',
      'for (const kind of KINDS) for (const record of store.all(kind)) for (const name of Object.keys(FACTS[kind])) {',
      '  read += 1; if (record[name] !== record.facts[name]) differing += 1;',
      '}',
      'console.log(JSON.stringify({ read, differing }));',
    ].join('\n');
    const { stdout } = await run(['--input-type=module', '-e', script]);
    const { read, differing } = JSON.parse(stdout.trim()) as { read: number; differing: number };
    expect(read).toBeGreaterThan(0);
    expect(differing).toBe(0);
  });
});
