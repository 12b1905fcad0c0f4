/** What the benchmark's sections share: servers in their own processes, load, memory, tables, data. */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { signalGroup, spawnNode, undoneOnInterrupt } from './children.js';

const HERE = fileURLToPath(import.meta.url);
/**
 * Whether the bench runs as `npm run bench` runs it, compiled by tsc into dist-bench/bench/ (its
 * `../src` a link to dist/, the JavaScript `npm start` runs), or from its TypeScript through tsx.
 */
const COMPILED = path.extname(HERE) === '.js';
/** The project's directory, from bench/ or from dist-bench/bench/. */
export const ROOT = path.resolve(path.dirname(HERE), COMPILED ? '../..' : '..');

/**
 * Node's arguments that run a script of the bench (`server` for bench/server.ts) the way this one
 * runs: compiled, or through tsx's loader in that very process (not tsx's wrapper, so that its PID
 * is the one measured and the one signals reach). Node's own options go before them.
 */
export const benchScript = (name: string): string[] =>
  COMPILED
    ? [path.join(path.dirname(HERE), `${name}.js`)]
    : ['--import', 'tsx', path.join(ROOT, 'bench', `${name}.ts`)];

/** Node's arguments that run the project's CLI (`compile`, `export`, `generate`) the same way: dist/cli.js or src/cli.ts. */
export const CLI: readonly string[] = COMPILED
  ? [path.join(ROOT, 'dist', 'cli.js')]
  : ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts')];
/** The command CLI runs, as the bench's tables name it. */
export const CLI_COMMAND = COMPILED ? 'node dist/cli.js' : 'tsx src/cli.ts';
export const MAX_REQUESTS_PER_RUN = 200_000;
/** Where the benchmark keeps the compiled snapshots of its data, one per data directory. */
export const BENCH_CACHE = path.join(os.tmpdir(), 'paralympics-bench', 'cache');

/** Whether a process runs (or is a zombie yet to be reaped). */
const runs = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Removes the temporary files in the bench's cache that their writer left when it was ended: a snapshot
 * or a search index is written to `<file>.<pid>[.<thread>].tmp` and renamed into place. For when the
 * bench is interrupted (the bench itself counts as gone by then); another bench's files, still being
 * written, stay.
 */
export async function removeAbandonedTemporaryFiles(): Promise<void> {
  for (const name of await readdir(BENCH_CACHE).catch(() => [])) {
    const writer = Number(name.match(/\.(\d+)(?:\.\d+)?\.tmp$/)?.[1] ?? Number.NaN);
    if (writer === process.pid || (!Number.isNaN(writer) && !runs(writer)))
      await rm(path.join(BENCH_CACHE, name), { force: true });
  }
}

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

/** CPU seconds a process has used so far (user + system), from /proc. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The heap a measuring process may grow to: three quarters of the machine's memory (the largest sizes need it). */
const MEASURING_HEAP_MB = Math.floor((os.totalmem() / 2 ** 20) * 0.75);

/**
 * Runs a script of the bench (`search` for bench/search.ts) that measures something in a process of
 * its own (so that its heap and its core are its own) and prints one line `<marker> <json>`; resolves
 * to that JSON. `watch` is called with the child's PID every 100 ms while it runs (memory sampling).
 */
export function measureInProcess<T>(
  script: string,
  marker: string,
  env: Readonly<Record<string, string>>,
  watch?: (pid: number) => Promise<void>,
): Promise<T> {
  const child = spawnNode(['--expose-gc', `--max-old-space-size=${MEASURING_HEAP_MB}`, ...benchScript(script)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', STORE_CACHE: BENCH_CACHE, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const sampler = watch && setInterval(() => void watch(child.pid ?? 0), 100);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', () => {
      if (sampler) clearInterval(sampler);
      const line = output.match(new RegExp(`^${marker} (\\{.+)$`, 'm'))?.[1];
      if (!line) return reject(new Error(`${script} failed: ${output}`));
      resolve(JSON.parse(line) as T);
    });
  });
}

export function startServer(
  variant: string,
  dataDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<Running> {
  const child = spawnNode(benchScript('server'), {
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

/** Kills a server (its process group) and waits for it to exit. */
export async function stop({ child }: Running): Promise<void> {
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running && new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGKILL');
  await exited;
}

export interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly mean: number;
  readonly failed: number;
  /**
   * The server's CPU time per answered request, in microseconds (NaN when its PID was not given):
   * it depends far less than req/s on what else the machine runs, so app and bare compare on it there.
   */
  readonly cpuMicros: number;
}

export const posts = (bodies: readonly string[]): autocannon.Request[] =>
  bodies.map((text) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: text }));

export async function load(
  port: number,
  requests: readonly string[] | readonly autocannon.Request[],
  connections: number,
  seconds: number,
  serverPid?: number,
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
  const cpuBefore = serverPid === undefined ? Number.NaN : await cpuSeconds(serverPid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const running = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    running.on('response', (_client, _status, _bytes, milliseconds) => latencies.push(milliseconds));
  });
  const cpuUsed = serverPid === undefined ? Number.NaN : (await cpuSeconds(serverPid)) - cpuBefore;
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
    mean: result.latency.mean,
    failed: result.errors + result.timeouts + result.non2xx,
    cpuMicros: (cpuUsed * 1e6) / latencies.length,
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

/** A hash of what generated data is made from: the seed data (every file under data/) and the generator. */
async function seedHash(): Promise<string> {
  const hash = createHash('sha256');
  const seed = path.join(ROOT, 'data');
  const files = (await readdir(seed, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, path.join(ROOT, 'src', 'cli', 'generate.ts')]) {
    hash.update(`${path.relative(ROOT, file)}\0`).update(await readFile(file));
  }
  return hash.digest('hex');
}

/** The file in a generated directory that names the seed it was generated from. */
const SEED_STAMP = '.seed-hash';

/**
 * The data directory of a size: the seed data itself at 1×, else a directory generated from it,
 * generated again when the seed data or the generator changed since (the stamp it holds differs).
 */
export async function dataFor(scale: number): Promise<string> {
  if (scale === 1) return path.join(ROOT, 'data');
  const dir = path.join(os.tmpdir(), 'paralympics-bench', `scale-${scale}`);
  const seed = await seedHash();
  const stamp = await readFile(path.join(dir, SEED_STAMP), 'utf8').catch(() => '');
  if (stamp !== seed) {
    if (stamp !== '' || (await readdir(dir).catch(() => [])).length > 0) {
      console.error(`The generated data at ${scale}× is not of the current seed data: generating it again.`);
    }
    // Generated beside it and renamed into place: a run that stops half-way, or another bench
    // generating the same size at once, never leaves half a directory under the stamped name.
    const partial = `${dir}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    const done = undoneOnInterrupt(() => rm(partial, { recursive: true, force: true }));
    await new Promise<void>((resolve, reject) => {
      const child = spawnNode([...CLI, 'generate', '--scale', String(scale), '--out', partial], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generate exited with ${code}`))));
    });
    await writeFile(path.join(partial, SEED_STAMP), seed);
    await rm(dir, { recursive: true, force: true });
    await rename(partial, dir);
    done();
  }
  return dir;
}

/** A set of requests to load servers with, and which of the servers it is run on (all when not said). */
export interface RequestSet {
  readonly requests: readonly string[] | readonly autocannon.Request[];
  readonly servers?: readonly string[];
}

/** The loads of each request set on each server, rounds apart, and their medians. */
export class SideBySide {
  constructor(private readonly runs: ReadonlyMap<string, readonly Load[]>) {}

  #of(set: string, server: string): readonly Load[] {
    return this.runs.get(`${set}\n${server}`) ?? [];
  }

  rps = (set: string, server: string): number => median(this.#of(set, server).map((run) => run.rps));
  p99 = (set: string, server: string): number => median(this.#of(set, server).map((run) => run.p99));
  cpuMicros = (set: string, server: string): number => median(this.#of(set, server).map((run) => run.cpuMicros));
  failed = (set: string, server: string): number => this.#of(set, server).reduce((sum, run) => sum + run.failed, 0);
}

/**
 * Starts every server, gives `prepare` the running servers (registrations, checks), warms each up
 * with each of its request sets, then loads each with each in interleaved rounds (every set on every
 * server once a round, so that drift in the machine's speed touches them all alike), and stops them.
 */
export async function sideBySide(
  servers: Readonly<Record<string, () => Promise<Running>>>,
  sets: Readonly<Record<string, RequestSet>>,
  rounds: number,
  seconds: number,
  prepare?: (running: ReadonlyMap<string, Running>) => Promise<void>,
): Promise<SideBySide> {
  const connections = 10;
  const running = new Map<string, Running>();
  const runs = new Map<string, Load[]>();
  try {
    for (const [name, start] of Object.entries(servers)) running.set(name, await start());
    await prepare?.(running);
    const pairs = Object.entries(sets).flatMap(([set, { requests, servers: only }]) =>
      [...running]
        .filter(([name]) => !only || only.includes(name))
        .map(([name, server]) => ({ set, name, server, requests })),
    );
    for (const { server, requests } of pairs) await load(server.port, requests, connections, 1);
    for (let round = 0; round < rounds; round++) {
      for (const { set, name, server, requests } of pairs) {
        const key = `${set}\n${name}`;
        runs.set(key, [
          ...(runs.get(key) ?? []),
          await load(server.port, requests, connections, seconds, server.child.pid),
        ]);
      }
    }
  } finally {
    for (const server of running.values()) await stop(server);
  }
  return new SideBySide(runs);
}

/** A measured ratio against its target, `≥ 0.5×` or `≤ 3×`: whether it is met. */
export function met(measured: number, target: string): string {
  const bound = Number(target.match(/[\d.]+/)?.[0]);
  if (Number.isNaN(measured) || Number.isNaN(bound)) return '—';
  return (target.startsWith('≥') ? measured >= bound : measured <= bound) ? 'met' : 'not met';
}
