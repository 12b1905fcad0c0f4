import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Child, watchChild } from './child.js';
import { HAPROXY_CONFIG_FILE, renderHaproxyConfig } from './haproxy-config.js';
import { freePort } from './instances.js';

/** How long HAProxy may take to start, and to have checked every instance once. */
const READY_WITHIN_MS = 30_000;

/** Debian's haproxy: HAPROXY if set, else on PATH or in the sbin directories a non-root PATH lacks. */
export function haproxyBinary(): string | undefined {
  if (process.env.HAPROXY) return existsSync(process.env.HAPROXY) ? process.env.HAPROXY : undefined;
  const directories = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  return directories.map((directory) => path.join(directory, 'haproxy')).find((file) => existsSync(file));
}

/** One instance as HAProxy's statistics describe it (`show stat`). */
export interface ServerStats {
  readonly name: string;
  /** UP, DOWN, MAINT, NOLB, or a transition such as "UP 1/2". */
  readonly status: string;
  /** Answers it gave, by class. */
  readonly answered: number;
  readonly answered2xx: number;
  readonly answered5xx: number;
  /** Connections to it that failed. */
  readonly connectionErrors: number;
  /** Requests sent to it again after a failure, and sent on to another instance. */
  readonly retries: number;
  readonly redispatches: number;
  /** The last health check's result (L7OK, L7STS, L4CON…). */
  readonly checkStatus: string;
}

/** HAProxy running deploy/haproxy.cfg on loopback in front of some instances. */
export interface Haproxy {
  readonly url: string;
  readonly metricsUrl: string;
  /** The configuration it runs, rendered from deploy/haproxy.cfg. */
  readonly configFile: string;
  readonly process: Child;
  /** One command of the runtime API (e.g. `disable health graph/instance1`), and its answer. */
  command(line: string): Promise<string>;
  /** The backend's instances, in the order they were given. */
  servers(): Promise<ServerStats[]>;
  /** Stops HAProxy and removes its directory. */
  close(): Promise<void>;
}

function runtimeCommand(socket: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const connection = createConnection(socket, () => connection.end(`${line}\n`));
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => {
      answer += chunk;
    });
    connection.once('error', reject);
    connection.once('close', () => resolve(answer));
  });
}

/** The backend's server rows of `show stat` (CSV with a `# pxname,svname,…` header). */
export function parseServerStats(csv: string, backend: string): ServerStats[] {
  const [header = '', ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^#\s*/, '').split(',');
  const column = (name: string) => columns.indexOf(name);
  const number = (cells: string[], name: string) => Number(cells[column(name)] || 0);
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[0] === backend && cells[1] !== 'BACKEND' && cells[1] !== 'FRONTEND')
    .map((cells) => ({
      name: cells[1] ?? '',
      status: cells[column('status')] ?? '',
      answered: ['hrsp_1xx', 'hrsp_2xx', 'hrsp_3xx', 'hrsp_4xx', 'hrsp_5xx', 'hrsp_other']
        .map((name) => number(cells, name))
        .reduce((sum, count) => sum + count, 0),
      answered2xx: number(cells, 'hrsp_2xx'),
      answered5xx: number(cells, 'hrsp_5xx'),
      connectionErrors: number(cells, 'econ'),
      retries: number(cells, 'wretr'),
      redispatches: number(cells, 'wredis'),
      checkStatus: (cells[column('check_status')] ?? '').replace(/^\* /, ''),
    }));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts HAProxy on deploy/haproxy.cfg rendered for loopback (free ports, a temporary directory for
 * its configuration and runtime socket) in front of `servers` (`address:port` each, named instance1…
 * in that order), in the foreground as this user; settles once every instance has passed a health
 * check, so that traffic sent then is balanced over all of them.
 */
export async function startHaproxy(servers: readonly string[]): Promise<Haproxy> {
  const binary = haproxyBinary();
  if (binary === undefined)
    throw new Error('HAProxy is not installed (Debian: apt-get install haproxy; or set HAPROXY).');
  const directory = await mkdtemp(path.join(tmpdir(), 'paralympics-haproxy-'));
  const [port, metricsPort] = [await freePort(), await freePort()];
  const adminSocket = path.join(directory, 'admin.sock');
  const configFile = path.join(directory, 'haproxy.cfg');
  await writeFile(
    configFile,
    renderHaproxyConfig(await readFile(HAPROXY_CONFIG_FILE, 'utf8'), {
      listen: `127.0.0.1:${port}`,
      publicHosts: [`127.0.0.1:${port}`],
      metricsListen: `127.0.0.1:${metricsPort}`,
      adminSocket,
      servers,
    }),
  );
  const child = watchChild(spawn(binary, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] }), 'HAProxy');
  const command = (line: string) => runtimeCommand(adminSocket, line);
  const serverStats = async () => parseServerStats(await command('show stat'), 'graph');
  const close = async () => {
    await child.stop('SIGTERM', 5_000);
    await rm(directory, { recursive: true, force: true });
  };
  const haproxy: Haproxy = {
    url: `http://127.0.0.1:${port}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    configFile,
    process: child,
    command,
    servers: serverStats,
    close,
  };

  const deadline = Date.now() + READY_WITHIN_MS;
  while (child.running && Date.now() < deadline) {
    const stats = await serverStats().catch(() => []);
    if (stats.length === servers.length && stats.every((server) => server.checkStatus === 'L7OK')) return haproxy;
    await pause(100);
  }
  const output = child.output();
  await close();
  throw new Error(`HAProxy did not start in front of ${servers.length} ready instances:\n${output}`);
}
