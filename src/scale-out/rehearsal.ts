import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Balancer, startBalancer } from './balancer.js';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server.ts');
/** All instances mint the same IRIs, whichever one answers. */
const PUBLIC_BASE_URL = 'https://data.example.org';
/** Longer than the balancer's readiness interval, so a stopping instance is dropped before it closes. */
const DRAIN_DELAY_MS = 1_000;

export interface RehearsalOptions {
  readonly instances: number;
  readonly requests: number;
  /** Over how long the requests are spread: longer than the drain, so traffic outlives the stopped instance. */
  readonly durationMs: number;
  readonly dataDir: string;
}

export interface RehearsalReport {
  readonly requests: number;
  /** Answers other than 200 (or 304), which a client would have seen fail. */
  readonly failed: number;
  /** Requests each instance answered, in the order they were started. */
  readonly servedBy: readonly number[];
  /** For each request of the mix, how many different answers (bytes) the instances gave: 1 when stateless. */
  readonly distinctAnswers: Readonly<Record<string, number>>;
  /** The exit code of the instance stopped half-way (0: drained and exited cleanly). */
  readonly stoppedExitCode: number | null;
}

/** The requests a frontend, a harvester and a CDN send, by name. */
const MIX: Readonly<Record<string, { readonly path: string; readonly init?: RequestInit }>> = {
  'GraphQL POST': {
    path: '/graphql',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ athlete(slug: "rim-ju-song") { id iri name results { rank time } } }' }),
    },
  },
  'GraphQL GET': {
    path: `/graphql?query=${encodeURIComponent('{ country(code: "PRK") { name medalTotals { total } } }')}`,
  },
  'entity as Turtle': { path: '/id/athlete/rim-ju-song', init: { headers: { accept: 'text/turtle' } } },
  'entity as JSON-LD': {
    path: '/id/games/2012-summer-paralympics',
    init: { headers: { accept: 'application/ld+json' } },
  },
};

interface Instance {
  readonly child: ChildProcess;
  readonly url: Promise<string>;
}

function startInstance(dataDir: string): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      PUBLIC_BASE_URL,
      DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
      WORKERS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/GraphiQL at (http:\/\/[\d.]+:\d+)\/graphql/);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`An instance exited (${code}) before listening:\n${output}`)));
  });
  return { child, url };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

/**
 * Rehearses running several instances behind a load balancer: starts `instances` servers on the same
 * data, a round-robin balancer in front, sends the mix through it, and half-way stops one instance
 * the way an orchestrator does (SIGTERM). Stateless instances give the same bytes for the same
 * request, and a drained instance loses no request.
 */
export async function rehearseScaleOut({
  instances,
  requests,
  durationMs,
  dataDir,
}: RehearsalOptions): Promise<RehearsalReport> {
  const started = Array.from({ length: instances }, () => startInstance(dataDir));
  let balancer: Balancer | undefined;
  try {
    balancer = await startBalancer(await Promise.all(started.map((instance) => instance.url)));
    const answers = new Map<string, Set<string>>(Object.keys(MIX).map((name) => [name, new Set()]));
    const names = Object.keys(MIX);
    let failed = 0;
    let stopped: Promise<number | null> | undefined;
    const concurrency = 8;
    const pauseMs = (durationMs * concurrency) / requests;
    let sent = 0;
    const worker = async (through: Balancer) => {
      while (sent < requests) {
        const index = sent++;
        if (index === Math.floor(requests / 2) && started[0]) {
          started[0].child.kill('SIGTERM');
          stopped = exited(started[0].child);
        }
        const name = names[index % names.length] as string;
        const { path: target, init } = MIX[name] as (typeof MIX)[string];
        try {
          const response = await fetch(`${through.url}${target}`, init);
          const body = Buffer.from(await response.arrayBuffer());
          if (response.status !== 200) failed += 1;
          else answers.get(name)?.add(createHash('sha256').update(body).digest('hex'));
        } catch {
          failed += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, () => worker(balancer as Balancer)));
    return {
      requests,
      failed,
      servedBy: balancer.upstreams.map((upstream) => upstream.served),
      distinctAnswers: Object.fromEntries([...answers].map(([name, bodies]) => [name, bodies.size])),
      stoppedExitCode: stopped ? await stopped : null,
    };
  } finally {
    await balancer?.close();
    for (const { child } of started) if (child.exitCode === null) child.kill('SIGKILL');
  }
}
