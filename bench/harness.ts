/** What the benchmark's sections share: servers in their own processes, load, memory, tables, data. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
/** Run TypeScript in this very process (not through tsx's wrapper), so its PID is the one measured. */
export const NODE_TS = [process.execPath, '--import', 'tsx'] as const;
export const MAX_REQUESTS_PER_RUN = 200_000;
/** Where the benchmark keeps the compiled snapshots of its data, one per data directory. */
export const BENCH_CACHE = path.join(os.tmpdir(), 'paralympics-bench', 'cache');

export interface Running {
  readonly port: number;
  readonly startupMs: number;
  readonly child: ChildProcess;
}

/** Kilobytes of a /proc/PID/status field (VmRSS, VmHWM). */
export async function procStatusKb(pid: number, field: string): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? Number.NaN);
}

export function startServer(
  variant: string,
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<Running> {
  const child = spawn(NODE_TS[0], [...NODE_TS.slice(1), 'bench/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      VARIANT: variant,
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      STORE_CACHE: BENCH_CACHE,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/ready (\d+) (\d+)/);
      if (match) resolve({ port: Number(match[1]), startupMs: Number(match[2]), child });
    });
    child.on('exit', (code) => reject(new Error(`${variant} exited with ${code} before it was ready`)));
  });
}

export async function stop(running: Running): Promise<void> {
  running.child.kill('SIGKILL');
  if (running.child.exitCode === null) await new Promise((resolve) => running.child.once('exit', resolve));
}

export interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly mean: number;
  readonly failed: number;
}

export const posts = (bodies: readonly string[]): autocannon.Request[] =>
  bodies.map((text) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: text }));

export async function load(
  port: number,
  requests: readonly string[] | readonly autocannon.Request[],
  connections: number,
  seconds: number,
): Promise<Load> {
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${port}/graphql`,
    connections,
    // Bounded twice: a fixed time, and a cap on the number of requests.
    duration: seconds,
    maxOverallRequests: MAX_REQUESTS_PER_RUN,
    requests: requests.every((request) => typeof request === 'string')
      ? posts(requests as readonly string[])
      : [...(requests as readonly autocannon.Request[])],
  };
  // autocannon's own percentiles are whole milliseconds; these keep its sub-millisecond timings.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const running = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    running.on('response', (_client, _status, _bytes, milliseconds) => latencies.push(milliseconds));
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
    mean: result.latency.mean,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
export const table = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

export async function dataFor(scale: number): Promise<string> {
  if (scale === 1) return path.join(ROOT, 'data');
  const dir = path.join(os.tmpdir(), 'paralympics-bench', `scale-${scale}`);
  if (!existsSync(path.join(dir, 'results.jsonl'))) {
    await rm(dir, { recursive: true, force: true });
    await new Promise<void>((resolve, reject) => {
      const child = spawn(TSX, ['src/cli.ts', 'generate', '--scale', String(scale), '--out', dir], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generate exited with ${code}`))));
    });
  }
  return dir;
}
