import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleLoadingArguments } from '../src/graph/worker-module.js';
import { DATA_DIR } from './helpers.js';

let cache: string;
beforeAll(async () => {
  cache = await mkdtemp(path.join(tmpdir(), 'paralympics-worker-module-'));
});
afterAll(async () => {
  await rm(cache, { recursive: true, force: true });
});

describe("a worker thread's options", () => {
  it('keep only those that load modules, each with its value', () => {
    const argv = [
      '--expose-gc',
      '--max-old-space-size=512',
      '--import',
      'tsx',
      '-r',
      './a.cjs',
      '--conditions=development',
    ];
    expect(moduleLoadingArguments(argv)).toEqual(['--import', 'tsx', '-r', './a.cjs', '--conditions=development']);
    expect(moduleLoadingArguments(['--title', 'x', '--import=tsx'])).toEqual(['--import=tsx']);
  });

  it('let a compile run on a process started with heap and GC options (its search index built in a thread)', async () => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=1024', '--import', 'tsx', 'src/cli.ts', 'compile', '--dir', DATA_DIR],
      { env: { ...process.env, STORE_CACHE: cache }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
    expect(code).toBe(0);
    expect((await readdir(cache)).some((name) => name.endsWith('.snapshot'))).toBe(true);
  }, 120_000);
});
