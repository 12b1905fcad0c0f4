import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGraph } from '../src/graph/loader.js';
import type { EntityRecord } from '../src/graph/model.js';
import { DATA_DIR, freePort, PROJECT_ROOT } from './helpers.js';
import { type ServerProcess, spawnServer } from './server-process.js';

const started: ServerProcess[] = [];

/** Starts a command in a process group of its own, so that everything it spawns can be found and ended. */
function start(command: string, args: readonly string[], env: Record<string, string>): ServerProcess {
  const server = spawnServer([command, ...args], { env, detached: true });
  started.push(server);
  return server;
}

/** Whether any process of the group `pgid` is still alive after `withinMs` (a child's helpers, such as tsx's esbuild, end just after it). */
async function groupOutlives(pgid: number, withinMs: number): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until; ) {
    if (!groupAlive(pgid)) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return groupAlive(pgid);
}

/** Whether any process of the group `pgid` is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  // Whatever a test leaves, the whole group goes.
  for (const { child } of started.splice(0)) {
    if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  }
});

interface Tally {
  answered: number;
  /** Clients told by an answer (`Connection: close`) that the server is draining. */
  toldToGo: number;
  failures: string[];
}

/** One GET on `agent`: its status, whether the answer closes the connection, or what went wrong. */
function ask(url: string, agent: http.Agent): Promise<{ status: number; closes: boolean } | string> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, closes: response.headers.connection === 'close' }),
      );
      response.on('error', (error) => resolve(error.message));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(`${error.code} ${error.message}`));
  });
}

/**
 * A client on a keep-alive connection asking again and again, until an answer says that the server
 * is draining (`Connection: close`): then it goes elsewhere, as a balancer that reads /readyz sends it.
 * Anything else (a reset, a cut answer, an error status) is a failure.
 */
async function keepAsking(url: string, tally: Tally): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (;;) {
      const outcome = await ask(`${url}/graphql?query=%7B__typename%7D`, agent);
      if (typeof outcome === 'string' || outcome.status !== 200) {
        tally.failures.push(typeof outcome === 'string' ? outcome : `status ${outcome.status}`);
        return;
      }
      tally.answered += 1;
      if (outcome.closes) {
        tally.toldToGo += 1;
        return;
      }
    }
  } finally {
    agent.destroy();
  }
}

describe('npm start', () => {
  it('runs compiled JavaScript on node itself: SIGTERM drains 20 keep-alive clients without a reset, then exits, leaving no process', async () => {
    const npm = start('npm', ['start'], {});
    const url = await npm.ready();
    const pgid = npm.child.pid as number;
    const processes = execFileSync('ps', ['-e', '-o', 'pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim().split(/\s+/)[0] === String(pgid))
      .join('\n');
    // npm, and node on dist/server.js in place of the shell (exec): no tsx, no shell between them.
    expect(processes).toMatch(/node dist\/server\.js/);
    expect(processes).not.toMatch(/tsx|sh -c/);

    const tally: Tally = { answered: 0, toldToGo: 0, failures: [] };
    const clients = Array.from({ length: 20 }, () => keepAsking(url, tally));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exited = once(npm.child, 'exit');
    const signalled = Date.now();
    process.kill(pgid, 'SIGTERM');

    // While draining, the server still answers new connections, and says it is not ready.
    const fresh = new http.Agent({ keepAlive: false });
    const whileDraining: string[] = [];
    for (let probe = 0; Date.now() - signalled < 2_500; probe++) {
      const outcome = await ask(`${url}/${probe % 2 ? 'readyz' : 'graphql?query=%7B__typename%7D'}`, fresh);
      whileDraining.push(typeof outcome === 'string' ? outcome : String(outcome.status));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [code] = await exited;
    const exitedAfter = Date.now() - signalled;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(npm.output()).toContain('SIGTERM received: draining for 5000 ms');
    expect(tally.failures, npm.output()).toEqual([]);
    expect(tally.toldToGo).toBe(20);
    expect(tally.answered).toBeGreaterThan(20);
    expect(new Set(whileDraining.slice(1))).toEqual(new Set(['200', '503']));
    // Not before the drain delay (DRAIN_DELAY_MS, 5 s by default).
    expect(exitedAfter).toBeGreaterThanOrEqual(5_000);
    expect(groupAlive(pgid)).toBe(false);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 240_000);

  it('is ready on node and dist/ with its first GraphQL, Turtle, RDF/XML, expanded JSON-LD and SPARQL answers right (libraries loaded after ready or on first use)', async () => {
    const store = await loadGraph(DATA_DIR);
    const athlete = [...store.all('athlete')][0] as EntityRecord<'athlete'>;
    const npm = start('npm', ['start'], {});
    const url = await npm.ready();
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // No pause: each kind of request comes as soon as the server says it is ready.
    const iri = `${url}/id/athlete/${athlete.slug}`;
    const document = `{ athlete(slug: ${JSON.stringify(athlete.slug)}) { name } }`;
    const [graphql, turtle, rdfXml, expanded, sparql] = await Promise.all([
      fetch(`${url}/graphql?query=${encodeURIComponent(document)}`),
      fetch(iri, { headers: { accept: 'text/turtle' } }),
      fetch(iri, { headers: { accept: 'application/rdf+xml' } }),
      fetch(iri, { headers: { accept: 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"' } }),
      fetch(
        `${url}/sparql?query=${encodeURIComponent(`SELECT ?name WHERE { <${iri}> <https://schema.org/name> ?name }`)}`,
        { headers: { accept: 'application/sparql-results+json' } },
      ),
    ]);
    expect(await graphql.json()).toEqual({ data: { athlete: { name: athlete.facts.name } } });
    expect([turtle.status, rdfXml.status, expanded.status, sparql.status], npm.output()).toEqual([200, 200, 200, 200]);
    expect(await turtle.text()).toContain(`schema:name "${athlete.facts.name}"`);
    expect(await rdfXml.text()).toMatch(new RegExp(`<rdf:RDF[^]*${athlete.facts.name}`));
    const nodes = (await expanded.json()) as { '@id'?: string; 'https://schema.org/name'?: { '@value': string }[] }[];
    const node = nodes.find((candidate) => candidate['@id'] === iri);
    expect(node?.['https://schema.org/name']?.map((name) => name['@value'])).toContain(athlete.facts.name);
    const results = (await sparql.json()) as { results: { bindings: { name: { value: string } }[] } };
    expect(results.results.bindings.map((binding) => binding.name.value)).toContain(athlete.facts.name);
  }, 240_000);
});

describe('several workers (WORKERS)', () => {
  it('replace a worker that exits with code 1, waiting longer after each failure, and keep serving', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-crash-'));
    // Preloaded into every process: the first worker to listen exits with code 1 a moment later.
    const crash = path.join(dir, 'crash-once.cjs');
    await writeFile(
      crash,
      `const cluster = require('node:cluster'); const fs = require('node:fs');
       if (cluster.isWorker) {
         const write = process.stdout.write.bind(process.stdout);
         process.stdout.write = (chunk, ...rest) => {
           if (String(chunk).includes('GraphiQL at')) {
             try { fs.writeFileSync(${JSON.stringify(path.join(dir, 'crashed'))}, '', { flag: 'wx' }); setTimeout(() => process.exit(1), 300); } catch {}
           }
           return write(chunk, ...rest);
         };
       }`,
    );
    try {
      // A port known in advance: with PORT=0, a worker listening after every other has exited would
      // get a port of its own.
      const cluster = start(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        PORT: String(await freePort()),
        WORKERS: '2',
        DRAIN_DELAY_MS: '100',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${crash}`,
      });
      const url = await cluster.ready({ count: 2 });
      for (let attempt = 0; attempt < 1_200 && !/exited \(1\); starting another/.test(cluster.output()); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(cluster.output()).toMatch(/Worker \d+ exited \(1\); starting another in 1000 ms\./);
      // The replacement starts, and the cluster answers throughout.
      await cluster.ready({ count: 3 });
      for (let request = 0; request < 10; request++) {
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      }
      const exited = once(cluster.child, 'exit');
      cluster.child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(await groupOutlives(cluster.child.pid as number, 5_000)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('deploy/paralympics-graph.service', () => {
  it('runs node on dist/server.js, stops it with SIGTERM, gives it time to drain, and does not restart a refusal', async () => {
    const unit = await readFile(path.join(PROJECT_ROOT, 'deploy', 'paralympics-graph.service'), 'utf8');
    const setting = (name: string) => unit.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];
    expect(setting('ExecStart')).toMatch(/\/node_modules\/\.bin\/node \S*dist\/server\.js$/);
    expect(setting('KillSignal')).toBe('SIGTERM');
    expect(setting('RestartPreventExitStatus')).toBe('78');
    const stopSeconds = Number(setting('TimeoutStopSec'));
    // The default drain delay and the shutdown deadline of server.ts, with room to spare.
    expect(stopSeconds).toBeGreaterThan(5 + 10);
    // systemd reads it without a complaint, with the paths of this checkout.
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-unit-'));
    try {
      const local = path.join(dir, 'paralympics-graph.service');
      await writeFile(
        local,
        unit
          .replaceAll('/srv/paralympics-graph', PROJECT_ROOT)
          .replace(/^User=.*$/m, `User=${userInfo().username}`)
          .replace(/^Group=.*$/m, `Group=${userInfo().username}`),
      );
      expect(execFileSync('systemd-analyze', ['verify', local], { encoding: 'utf8', stdio: 'pipe' })).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
