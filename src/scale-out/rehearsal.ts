import { createHash } from 'node:crypto';
import { ensureSnapshot } from '../graph/open.js';
import type { Exit } from './child.js';
import { type Haproxy, type ServerStats, startHaproxy } from './haproxy.js';
import { type Instance, startInstance } from './instances.js';

/** The store the instances read, as the server's settings name it. */
export interface RehearsalStore {
  readonly store: 'snapshot' | 'postgres';
  readonly dataDir: string;
  readonly storeCache: string;
  /** With `store: 'postgres'`, the database every instance reads. */
  readonly databaseUrl: string | undefined;
}

export interface RehearsalOptions {
  readonly instances: number;
  readonly requests: number;
  /** Over how long the requests are spread: long enough for the stopped instance to drain and exit before it ends. */
  readonly durationMs: number;
  readonly settings: RehearsalStore;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

/** One instance at the end: what HAProxy counted for it, and how its process ended. */
export interface InstanceReport extends ServerStats {
  readonly exit: Exit;
}

export interface RehearsalReport {
  readonly requests: number;
  /** Every request a client would have seen fail: an error, a status other than 200, other bytes. */
  readonly failures: readonly string[];
  readonly elapsedMs: number;
  readonly latencyMs: { readonly median: number; readonly p99: number; readonly max: number };
  /** For each request of the mix, how many different answers the instances (asked directly) gave: 1 when alike. */
  readonly distinctAnswers: Readonly<Record<string, number>>;
  readonly instances: readonly InstanceReport[];
  /** The instance sent SIGTERM half-way: when HAProxy marked it down and when it exited, after the signal. */
  readonly stopped: {
    readonly name: string;
    readonly markedDownAfterMs: number | null;
    readonly exitedAfterMs: number;
    /** Requests sent after it had exited, which HAProxy had to route around it. */
    readonly requestsAfterExit: number;
  };
  /** Processes the rehearsal started (HAProxy, instances) still alive at its end: none. */
  readonly leftoverProcesses: readonly number[];
}

/** A request a frontend, a harvester or a crawler sends. */
interface MixRequest {
  readonly path: string;
  readonly init?: RequestInit;
}

/** The requests of the rehearsal, by name: GraphQL and linked data, small and whole-dataset. */
export const MIX: Readonly<Record<string, MixRequest>> = {
  'GraphQL POST': {
    path: '/graphql',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query: '{ athlete(slug: "rim-ju-song") { id iri name results { nodes { rank time } } } }',
      }),
    },
  },
  'GraphQL GET': {
    path: `/graphql?query=${encodeURIComponent('{ country(code: "PRK") { iri name medalTotals { total } } }')}`,
  },
  'entity as Turtle': { path: '/id/athlete/rim-ju-song', init: { headers: { accept: 'text/turtle' } } },
  'entity as JSON-LD': {
    path: '/id/games/2012-summer-paralympics',
    init: { headers: { accept: 'application/ld+json' } },
  },
  'entity page': { path: '/id/athlete/rim-ju-song', init: { headers: { accept: 'text/html' } } },
  'N-Quads dump': { path: '/dataset.nq' },
};

/** What identifies an answer for a client and a cache: status, type, validator and bytes. */
export async function fingerprint(response: Response): Promise<string> {
  const body = Buffer.from(await response.arrayBuffer());
  return createHash('sha256')
    .update(`${response.status}\n${response.headers.get('content-type')}\n${response.headers.get('etag')}\n`)
    .update(body)
    .digest('hex');
}

const percentile = (sorted: readonly number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Rehearses several instances behind HAProxy, as deploy/haproxy.cfg runs them: starts `instances`
 * servers on the same store (the snapshot compiled once, before; or one PostgreSQL database),
 * HAProxy in front, and sends the mix
 * through it; half-way it stops the first instance as an orchestrator does (SIGTERM), which drains and
 * exits while the traffic goes on. Each answer is compared with what every instance answers directly
 * (with the X-Forwarded-* HAProxy sets), so the same request must give the same bytes whichever
 * instance answers. At the end HAProxy and every instance are stopped, and none is left running.
 */
export async function rehearseScaleOut(options: RehearsalOptions): Promise<RehearsalReport> {
  const { settings, requests, durationMs, concurrency = 8, log = () => {} } = options;
  if (settings.store === 'snapshot')
    await ensureSnapshot({ dataDir: settings.dataDir, cacheDir: settings.storeCache, log });
  const environment = {
    DATA_DIR: settings.dataDir,
    STORE: settings.store,
    STORE_CACHE: settings.storeCache,
    DATABASE_URL: settings.databaseUrl,
    // IRIs follow what HAProxy forwards, so that every instance mints the same ones.
    TRUST_PROXY: 'true',
    PUBLIC_BASE_URL: undefined,
  };
  const started: Instance[] = [];
  let haproxy: Haproxy | undefined;
  try {
    log(`Starting ${options.instances} instances…`);
    started.push(
      ...(await Promise.all(
        Array.from({ length: options.instances }, (_, index) => startInstance(`instance${index + 1}`, environment)),
      )),
    );
    haproxy = await startHaproxy(started.map((instance) => instance.address));
    const through = haproxy;
    log(`HAProxy at ${through.url} in front of ${started.map((instance) => instance.address).join(', ')}.`);

    const names = Object.keys(MIX);
    const expected = new Map<string, string>();
    const distinctAnswers: Record<string, number> = {};
    const forwarded = { 'x-forwarded-proto': 'http', 'x-forwarded-host': new URL(through.url).host };
    for (const name of names) {
      const { path, init } = MIX[name] as MixRequest;
      const answers = new Set<string>();
      for (const instance of started) {
        const headers = { ...(init?.headers as Record<string, string> | undefined), ...forwarded };
        answers.add(await fingerprint(await fetch(`${instance.url}${path}`, { ...init, headers })));
      }
      distinctAnswers[name] = answers.size;
      expected.set(name, [...answers][0] ?? '');
    }

    const [stopping] = started as [Instance];
    const failures: string[] = [];
    const latencies: number[] = [];
    const startedAt = performance.now();
    let signalledAt: number | undefined;
    let markedDownAt: number | undefined;
    let exitedAt: number | undefined;
    let requestsAfterExit = 0;
    void stopping.process.exited.then(() => {
      exitedAt = performance.now();
    });
    const watching = setInterval(() => {
      if (signalledAt === undefined || markedDownAt !== undefined) return;
      void through.servers().then((servers) => {
        if (servers[0]?.status.startsWith('DOWN')) markedDownAt ??= performance.now();
      });
    }, 100);

    const pauseMs = (durationMs * concurrency) / requests;
    let sent = 0;
    const client = async () => {
      while (sent < requests) {
        const index = sent++;
        if (index === Math.floor(requests / 2)) {
          log(`Request ${index}: SIGTERM to ${stopping.name}.`);
          signalledAt = performance.now();
          process.kill(stopping.process.pid, 'SIGTERM');
        }
        if (exitedAt !== undefined) requestsAfterExit += 1;
        const name = names[index % names.length] as string;
        const { path, init } = MIX[name] as MixRequest;
        const begun = performance.now();
        try {
          const response = await fetch(`${through.url}${path}`, init);
          const status = response.status;
          const answer = await fingerprint(response);
          if (status !== 200) failures.push(`#${index} ${name}: HTTP ${status}`);
          else if (answer !== expected.get(name)) failures.push(`#${index} ${name}: bytes unlike the instances'`);
        } catch (error) {
          failures.push(`#${index} ${name}: ${(error as Error).cause ?? (error as Error).message}`);
        }
        latencies.push(performance.now() - begun);
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const elapsedMs = performance.now() - startedAt;
    clearInterval(watching);
    const stoppedExit = await stopping.process.exited;
    const signalled = signalledAt ?? startedAt;

    const servers = await through.servers();
    log('Stopping HAProxy and the instances…');
    await through.close();
    const exits = await Promise.all(started.map((instance) => instance.process.stop('SIGINT', 10_000)));
    const sorted = latencies.sort((a, b) => a - b);
    return {
      requests,
      failures,
      elapsedMs,
      latencyMs: { median: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? 0 },
      distinctAnswers,
      instances: servers.map((server, index) => ({ ...server, exit: exits[index] ?? stoppedExit })),
      stopped: {
        name: stopping.name,
        markedDownAfterMs: markedDownAt === undefined ? null : markedDownAt - signalled,
        exitedAfterMs: (exitedAt ?? performance.now()) - signalled,
        requestsAfterExit,
      },
      leftoverProcesses: [through.process.pid, ...started.map((instance) => instance.process.pid)].filter(alive),
    };
  } finally {
    await haproxy?.close();
    await Promise.all(started.map((instance) => instance.process.stop('SIGKILL', 0)));
  }
}
