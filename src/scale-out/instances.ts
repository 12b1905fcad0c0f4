import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Child, watchChild } from './child.js';

const HERE = fileURLToPath(import.meta.url);
/** The server beside this module: compiled JavaScript under dist/, or TypeScript run through tsx. */
const SERVER = path.resolve(path.dirname(HERE), '..', `server${path.extname(HERE)}`);
const SERVER_ARGS = path.extname(HERE) === '.ts' ? ['--import', 'tsx', SERVER] : [SERVER];
/** How long an instance may take to answer /readyz with 200 (the snapshot is compiled before). */
const READY_WITHIN_MS = 120_000;

/** A TCP port on 127.0.0.1 that nothing listens on, as the kernel hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One server process on a loopback port. */
export interface Instance {
  readonly name: string;
  /** `127.0.0.1:port`, as HAProxy names it. */
  readonly address: string;
  readonly url: string;
  readonly process: Child;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the server (`node dist/server.js`, or `src/server.ts` through tsx) on a free loopback port
 * with `environment` on top of this process's (undefined: unset), one process (WORKERS=1); settles once its /readyz
 * answers 200, and rejects, with its output, if it ends or is not ready in time.
 */
export async function startInstance(
  name: string,
  environment: Readonly<Record<string, string | undefined>>,
): Promise<Instance> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...environment }))
    if (value !== undefined) env[key] = value;
  const child = watchChild(
    spawn(process.execPath, SERVER_ARGS, {
      env: { ...env, HOST: '127.0.0.1', PORT: String(port), WORKERS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    name,
  );
  const instance: Instance = { name, address: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}`, process: child };
  const deadline = Date.now() + READY_WITHIN_MS;
  while (child.running) {
    const status = await fetch(`${instance.url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return instance;
    if (Date.now() > deadline) {
      await child.stop('SIGKILL', 0);
      throw new Error(`${name} was not ready within ${READY_WITHIN_MS / 1000} s:\n${child.output()}`);
    }
    await pause(100);
  }
  const { code, signal } = await child.exited;
  throw new Error(`${name} exited (${signal ?? code}) before it was ready:\n${child.output()}`);
}
