/**
 * The server in a process of its own, as an operator starts it, and the wait until it is ready: it has
 * printed its address, and its /readyz answers 200. For the tests that run it that way and for the
 * benchmark (no vitest here, so that `npm run bench` can use it too).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { findPackageJSON } from 'node:module';
import path from 'node:path';

/** The project's directory: where its package.json is, from tests/ or compiled for the bench into dist-bench/tests/. */
const PROJECT_ROOT = path.dirname(findPackageJSON(import.meta.url) ?? '.');

/** `src/server.ts` on node itself with tsx's loader (not tsx's wrapper), so that ending the child ends the server. */
export const SERVER_TS: readonly [string, ...string[]] = [process.execPath, '--import', 'tsx', 'src/server.ts'];

export interface ServerOptions {
  /** Added to this process's environment, after HOST=127.0.0.1 and PORT=0. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** In a process group of its own, so that `stop` ends everything it spawned (npm and the node it starts). */
  readonly detached?: boolean;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything it has printed so far, stdout and stderr. */
  output(): string;
  /**
   * Its base URL, once it has printed it `count` times (one per worker) and its /readyz answers 200;
   * rejects with its output when it exits first or is not ready within `timeoutMs`.
   */
  ready(options?: { count?: number; timeoutMs?: number; intervalMs?: number }): Promise<string>;
  /** Sends `signal` (to its whole group when detached) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const ADDRESS = /GraphiQL at (http:\/\/[\d.]+:\d+)\/graphql/g;

/** Starts `command` in the project's directory on a free loopback port (PORT=0), without waiting. */
export function spawnServer(
  [command, ...args]: readonly [string, ...string[]],
  { env = {}, detached = false }: ServerOptions = {},
): ServerProcess {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => output,
    async ready({ count = 1, timeoutMs = 120_000, intervalMs = 50 } = {}) {
      for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
        if (exited()) throw new Error(`the server exited: ${output}`);
        const addresses = [...output.matchAll(ADDRESS)];
        const url = addresses[0]?.[1];
        if (url && addresses.length >= count) {
          const ready = await fetch(`${url}/readyz`).then(
            (response) => response.status === 200,
            () => false,
          );
          if (ready) return url;
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
      throw new Error(`the server was not ready within ${timeoutMs} ms: ${output}`);
    },
    async stop(signal = 'SIGKILL') {
      if (exited()) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      if (detached && child.pid !== undefined) process.kill(-child.pid, signal);
      else child.kill(signal);
      await gone;
    },
  };
}

/** Starts the server and waits until it is ready (see {@link ServerProcess.ready}); stops it if it never is. */
export async function startServer(
  command: readonly [string, ...string[]] = SERVER_TS,
  options: ServerOptions = {},
): Promise<ServerProcess & { readonly url: string }> {
  const server = spawnServer(command, options);
  try {
    return { ...server, url: await server.ready() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
