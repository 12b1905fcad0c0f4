import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startCluster } from '../src/graph/postgres/cluster.js';
import { type Haproxy, haproxyBinary, startHaproxy } from '../src/scale-out/haproxy.js';
import { HAPROXY_CONFIG_FILE, type HaproxySettings, renderHaproxyConfig } from '../src/scale-out/haproxy-config.js';
import { type Instance, startInstance } from '../src/scale-out/instances.js';
import {
  fingerprint,
  MIX,
  type RehearsalReport,
  type RehearsalStore,
  rehearseScaleOut,
} from '../src/scale-out/rehearsal.js';
import { DATA_DIR, PROJECT_ROOT } from './helpers.js';
import { rawRequest } from './raw-http.js';

const run = promisify(execFile);
const HAPROXY = haproxyBinary() ?? 'haproxy';
const TEMPLATE = readFileSync(HAPROXY_CONFIG_FILE, 'utf8');
const SETTINGS: HaproxySettings = {
  listen: '127.0.0.1:18080',
  publicHosts: ['127.0.0.1:18080'],
  metricsListen: '127.0.0.1:18405',
  adminSocket: '/tmp/paralympics-haproxy-test/admin.sock',
  servers: ['127.0.0.1:14001', '127.0.0.1:14002'],
};
/** Where the instances find the graph: the checkout's data, compiled into the default STORE_CACHE. */
const SNAPSHOT: RehearsalStore = {
  store: 'snapshot',
  dataDir: DATA_DIR,
  storeCache: loadConfig().storeCache,
  databaseUrl: undefined,
};

/** Processes whose parent is this one and whose command line names `word`: what a test left running. */
function childrenNamed(word: string): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes(word)) children.push(Number(entry));
    } catch {
      // The process ended while it was being read.
    }
  }
  return children;
}

/** `haproxy -c` on a configuration: its exit code and what it said. */
async function haproxyCheck(text: string): Promise<{ code: number; output: string }> {
  const directory = await mkdtemp(path.join(tmpdir(), 'haproxy-check-'));
  const file = path.join(directory, 'haproxy.cfg');
  await writeFile(file, text);
  try {
    const { stdout, stderr } = await run(HAPROXY, ['-c', '-f', file]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('deploy/haproxy.cfg', () => {
  it('is a valid configuration as shipped and as rendered for loopback, without a warning', async () => {
    for (const text of [TEMPLATE, renderHaproxyConfig(TEMPLATE, SETTINGS)]) {
      const { code, output } = await haproxyCheck(text);
      expect(output).not.toMatch(/WARNING|ALERT/);
      expect(code).toBe(0);
    }
  });

  it('checks instances on /readyz, sets the forwarded headers itself, and retries elsewhere', () => {
    const directives = TEMPLATE.split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(directives).toEqual(
      expect.arrayContaining([
        'option httpchk',
        'http-check send meth GET uri /readyz ver HTTP/1.1 hdr host localhost',
        'http-check expect status 200',
        'option forwardfor',
        'http-request del-header x-forwarded-for',
        'http-request set-header x-forwarded-host %[req.hdr(host)]',
        'option redispatch 1',
        'timeout http-request 10s',
        'timeout http-keep-alive 60s',
      ]),
    );
    expect(directives.find((line) => line.startsWith('retry-on'))).toMatch(/conn-failure .*empty-response/);
  });

  it('is rendered for loopback by changing only the settings, the servers and what needs root', () => {
    const rendered = renderHaproxyConfig(TEMPLATE, SETTINGS).split('\n');
    const added = rendered.filter((line) => /^\s*(setenv|server) /.test(line));
    expect(added.map((line) => line.trim())).toEqual([
      'setenv GRAPH_LISTEN "127.0.0.1:18080"',
      'setenv GRAPH_PUBLIC_HOSTS "127.0.0.1:18080"',
      'setenv GRAPH_METRICS_LISTEN "127.0.0.1:18405"',
      'setenv GRAPH_ADMIN_SOCKET "/tmp/paralympics-haproxy-test/admin.sock"',
      'server instance1 127.0.0.1:14001',
      'server instance2 127.0.0.1:14002',
    ]);
    const kept = TEMPLATE.split('\n').filter((line) => !/^\s*(server|chroot|user|group) /.test(line));
    expect(rendered.filter((line) => !added.includes(line))).toEqual(kept);
  });

  it('refuses a template it cannot render, and values that are not one word', () => {
    expect(() => renderHaproxyConfig(TEMPLATE.replace(/^\s*server .*$/gm, ''), SETTINGS)).toThrow(/no backend/);
    expect(() => renderHaproxyConfig(TEMPLATE.replace('presetenv GRAPH_LISTEN', '#'), SETTINGS)).toThrow(
      /presetenv GRAPH_LISTEN/,
    );
    expect(() => renderHaproxyConfig(`${TEMPLATE}\nbackend other\n    server x 127.0.0.1:1\n`, SETTINGS)).toThrow(
      /more than one backend/,
    );
    expect(() => renderHaproxyConfig(TEMPLATE, { ...SETTINGS, servers: [] })).toThrow(/at least one/);
    for (const listen of ['127.0.0.1:1 ssl', '"x"', '127.0.0.1:1\nbind :80'])
      expect(() => renderHaproxyConfig(TEMPLATE, { ...SETTINGS, listen })).toThrow(/Cannot write/);
  });
});

/** What every rehearsal must show: no failure, the same bytes everywhere, a clean drain, nothing left. */
function expectClean(report: RehearsalReport, requests: number) {
  expect(report.failures).toEqual([]);
  expect(report.distinctAnswers).toEqual(Object.fromEntries(Object.keys(MIX).map((name) => [name, 1])));
  const [stopped, ...kept] = report.instances;
  // HAProxy saw it draining (503 from /readyz) and took it out before it stopped listening.
  expect(report.stopped.markedDownAfterMs).not.toBeNull();
  expect(report.stopped.markedDownAfterMs).toBeLessThan(report.stopped.exitedAfterMs);
  expect(report.stopped.requestsAfterExit).toBeGreaterThan(0);
  expect(stopped?.exit).toEqual({ code: 0, signal: null });
  expect(stopped?.answered).toBeGreaterThan(0);
  for (const instance of kept) expect(instance.answered).toBeGreaterThan(stopped?.answered ?? 0);
  expect(report.instances.reduce((sum, instance) => sum + instance.answered, 0)).toBe(requests);
  expect(report.leftoverProcesses).toEqual([]);
  expect([...childrenNamed('haproxy'), ...childrenNamed('server.')]).toEqual([]);
}

describe('several instances behind HAProxy', () => {
  it('answer every request with the same bytes while one of them drains and exits (snapshot)', async () => {
    const report = await rehearseScaleOut({ instances: 3, requests: 480, durationMs: 14_000, settings: SNAPSHOT });
    expectClean(report, 480);
  }, 180_000);

  it('do the same on one PostgreSQL database, loaded as the README says', async () => {
    const cluster = await startCluster();
    try {
      const loaded = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'compile', '--to', 'postgres'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATA_DIR, DATABASE_URL: cluster.url },
      });
      expect(loaded.stdout).toMatch(/Loaded [\d,]+ rows into PostgreSQL/);
      const settings = { ...SNAPSHOT, store: 'postgres' as const, databaseUrl: cluster.url };
      const report = await rehearseScaleOut({ instances: 3, requests: 360, durationMs: 14_000, settings });
      expectClean(report, 360);
    } finally {
      await cluster.stop();
    }
  }, 240_000);
});

describe('HAProxy in front of instances', () => {
  let instances: Instance[] = [];
  let haproxy: Haproxy;
  const ask = (init: RequestInit = {}) =>
    fetch(`${haproxy.url}/graphql`, {
      method: 'POST',
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
      body: JSON.stringify({ query: '{ country(code: "PRK") { iri name } }' }),
    });

  beforeAll(async () => {
    const environment = { DATA_DIR, STORE_CACHE: SNAPSHOT.storeCache, TRUST_PROXY: 'true', PUBLIC_BASE_URL: undefined };
    instances = await Promise.all(['instance1', 'instance2'].map((name) => startInstance(name, environment)));
    haproxy = await startHaproxy(instances.map((instance) => instance.address));
  }, 180_000);

  afterAll(async () => {
    await haproxy?.close();
    await Promise.all(instances.map((instance) => instance.process.stop('SIGINT', 10_000)));
    expect([...childrenNamed('haproxy'), ...childrenNamed('server.')]).toEqual([]);
  }, 30_000);

  it('mints IRIs under its own address, whatever X-Forwarded-* a client sends', async () => {
    const spoofed: Record<string, string>[] = [
      {},
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    ];
    for (const headers of spoofed) {
      const answer = (await (await ask({ headers })).json()) as { data: { country: { iri: string } } };
      expect(answer.data.country.iri).toBe(`${haproxy.url}/id/country/north-korea`);
    }
  });

  it('refuses a Host it does not serve, before any instance sees the request', async () => {
    const before = await haproxy.servers();
    for (const host of ['evil.example', '127.0.0.1', `127.0.0.1:${Number(new URL(haproxy.url).port) + 1}`]) {
      const answer = await rawRequest(haproxy.url, 'GET /graphql?query=%7B__typename%7D HTTP/1.1', { host });
      expect([answer.status, answer.headers['content-type'], answer.headers['cache-control']]).toEqual([
        421,
        'text/plain; charset=utf-8',
        'no-store',
      ]);
    }
    expect((await haproxy.servers()).map((server) => server.answered)).toEqual(before.map((server) => server.answered));
  });

  it('shows the operator every instance in its Prometheus metrics', async () => {
    const metrics = await (await fetch(`${haproxy.metricsUrl}/metrics`)).text();
    for (const instance of instances)
      expect(metrics).toContain(`haproxy_server_status{proxy="graph",server="${instance.name}",state="UP"} 1`);
  });

  it('sends a request again, to another instance, when one vanished between two health checks', async () => {
    const expected = await fingerprint(await ask());
    const [vanishing] = instances as [Instance];
    // Health checks stopped: HAProxy still counts on the instance when it disappears.
    expect(await haproxy.command(`disable health graph/${vanishing.name}`)).toBe('\n');
    expect(await vanishing.process.stop('SIGKILL', 0)).toEqual({ code: null, signal: 'SIGKILL' });
    const [before] = await haproxy.servers();
    const answers = [];
    for (let request = 0; request < 20; request++) answers.push(await fingerprint(await ask()));
    expect(answers).toEqual(Array(20).fill(expected));
    const [gone, kept] = await haproxy.servers();
    expect(gone?.answered).toBe(before?.answered);
    expect(gone?.redispatches).toBeGreaterThan(0);
    // Three failed connections in a row mark it down without waiting for a check (observe layer4).
    expect(gone?.status).toBe('DOWN');
    expect(kept?.answered2xx).toBeGreaterThanOrEqual(20);
  });
});
