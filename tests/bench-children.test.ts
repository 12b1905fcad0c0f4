/**
 * Ctrl-C on `npm run bench` ends every process the bench started and everything they started, and
 * undoes what it registered (bench/children.ts): here on a bench in miniature (tests/interrupted-bench.ts)
 * whose child and grandchild ignore SIGINT.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let bench: ChildProcess | undefined;
let started: number[] = [];
let directory: string | undefined;

afterAll(async () => {
  for (const pid of [bench?.pid, ...started]) if (pid !== undefined && alive(pid)) process.kill(pid, 'SIGKILL');
  if (directory) await rm(directory, { recursive: true, force: true });
});

it('ends its children and theirs, deaf to SIGINT as they are, undoes what it registered, and exits 130', async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'paralympics-interrupted-'));
  const file = path.join(directory, 'half-written');
  bench = spawn(process.execPath, ['--import', 'tsx', 'tests/interrupted-bench.ts', file], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  bench.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  for (const until = Date.now() + 15_000; !/started \d+ \d+/.test(output) && Date.now() < until; )
    await new Promise((resolve) => setTimeout(resolve, 50));
  started = (output.match(/started (\d+) (\d+)/) ?? []).slice(1).map(Number);
  expect(started).toHaveLength(2);
  for (const pid of started) expect(alive(pid)).toBe(true);
  await access(file);

  const exited = once(bench, 'exit');
  bench.kill('SIGINT');
  const [code] = await exited;
  expect(code).toBe(130);
  // Killed before it exited; reaped a moment later (a zombie still answers signal 0).
  for (const until = Date.now() + 5_000; started.some(alive) && Date.now() < until; )
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(started.filter(alive)).toEqual([]);
  await expect(access(file)).rejects.toThrow();
}, 60_000);
