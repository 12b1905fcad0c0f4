import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The unprivileged account a cluster runs as when this process is root (PostgreSQL refuses root). */
const CLUSTER_USER = 'postgres';

/** Where Debian puts the PostgreSQL server's programs: PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinaries(): string | undefined {
  const given = process.env.PG_BIN;
  if (given) return existsSync(path.join(given, 'initdb')) ? given : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
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

const isRoot = () => process.getuid?.() === 0;

/** The id of the unprivileged account, created (as a system account) where it is missing. */
async function clusterAccount(): Promise<{ uid: number; gid: number }> {
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', CLUSTER_USER]), run('id', ['-g', CLUSTER_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', CLUSTER_USER]);
    return lookup();
  }
}

/** A command run as the cluster's account when this process is root, by exec (no process in between). */
function asClusterUser(command: string, args: readonly string[]): [string, string[]] {
  return isRoot()
    ? ['setpriv', ['--reuid', CLUSTER_USER, '--regid', CLUSTER_USER, '--init-groups', '--', command, ...args]]
    : [command, [...args]];
}

/** A PostgreSQL server of its own, in a temporary directory, on a free loopback port. */
export interface Cluster {
  readonly url: string;
  readonly port: number;
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Creates and starts a throw-away PostgreSQL cluster: `initdb` in a temporary directory, the server
 * listening on 127.0.0.1 only (and a socket in that directory), as an unprivileged account when run as
 * root. For tests, benchmarks and the scale-out rehearsal; durability is traded for speed (no fsync).
 */
export async function startCluster(): Promise<Cluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin; set PG_BIN)');
  const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-postgres-'));
  let server: ChildProcess | undefined;
  const cleanup = async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGINT');
      const timer = setTimeout(() => server?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot()) {
      const { uid, gid } = await clusterAccount();
      await chown(dir, uid, gid);
    }
    const data = path.join(dir, 'data');
    const [initdb, initArgs] = asClusterUser(path.join(bin, 'initdb'), [
      '--pgdata',
      data,
      '--username',
      'postgres',
      '--auth',
      'trust',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      '--no-sync',
    ]);
    await run(initdb, initArgs);
    const port = await freePort();
    const [postgres, serverArgs] = asClusterUser(path.join(bin, 'postgres'), [
      '-D',
      data,
      '-k',
      dir,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_wal_size=4GB',
      '-c',
      'shared_buffers=256MB',
    ]);
    let output = '';
    server = spawn(postgres, serverArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    for (let attempt = 0; ; attempt++) {
      if (server.exitCode !== null) throw new Error(`PostgreSQL exited while starting:\n${output}`);
      if (output.includes('ready to accept connections')) break;
      if (attempt > 600) throw new Error(`PostgreSQL did not start within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { url, port, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
