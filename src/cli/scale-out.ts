import { loadConfig } from '../config.js';
import { rehearseScaleOut } from '../scale-out/rehearsal.js';
import { commandOptions } from './options.js';

export const SCALE_OUT_USAGE = `Usage: npm run scale-out -- [--instances N] [--requests N] [--seconds S]

Rehearses several instances behind HAProxy (Debian's haproxy): starts N servers (default 3) on the
store the settings name (STORE, DATA_DIR, STORE_CACHE, DATABASE_URL; the snapshot compiled once,
before), HAProxy in front of them on deploy/haproxy.cfg rendered for loopback (free ports, a
temporary directory), and sends a mix of GraphQL and linked-data requests through it over S seconds
(default 15). Half-way it stops one instance with SIGTERM: it drains (DRAIN_DELAY_MS) and exits while
the traffic goes on. Prints what each instance answered, HAProxy's retries, and when the stopped
instance was marked down and exited; exits 1 if a request failed, if an answer differed from what
every instance answers directly, if the stopped instance did not exit cleanly before the traffic
ended, or if a process was left running.`;

function positive(value: string | undefined, fallback: number): number {
  const number = value === undefined ? fallback : Number(value);
  return Number.isFinite(number) && number > 0 ? number : Number.NaN;
}

const ms = (value: number | null) => (value === null ? 'never' : `${(value / 1000).toFixed(1)} s`);

/** `scale-out`: the rehearsal, as a command; returns the process exit code. */
export async function runScaleOut(args: readonly string[]): Promise<number> {
  const values = commandOptions(args, ['instances', 'requests', 'seconds'], SCALE_OUT_USAGE);
  if (typeof values === 'number') return values;
  const instances = positive(values.instances, 3);
  const requests = positive(values.requests, 600);
  const seconds = positive(values.seconds, 15);
  if (!Number.isInteger(instances) || instances < 2 || !Number.isInteger(requests) || Number.isNaN(seconds)) {
    console.error(
      `--instances must be a whole number of at least 2, --requests a whole number, --seconds positive.\n\n${SCALE_OUT_USAGE}`,
    );
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const report = await rehearseScaleOut({
    instances,
    requests,
    durationMs: seconds * 1000,
    settings: config,
    log: (line) => console.error(line),
  });
  const { stopped } = report;
  console.log(
    `${report.requests} requests through HAProxy to ${instances} instances in ${ms(report.elapsedMs)} ` +
      `(latency median ${report.latencyMs.median.toFixed(1)} ms, p99 ${report.latencyMs.p99.toFixed(1)} ms, ` +
      `max ${report.latencyMs.max.toFixed(1)} ms):`,
  );
  for (const instance of report.instances) {
    const exit = instance.exit.signal ?? instance.exit.code;
    console.log(
      `  ${instance.name}: ${instance.answered} answered, ${instance.connectionErrors} failed connections, ` +
        `${instance.retries} retried, ${instance.redispatches} sent elsewhere; exited ${exit}` +
        (instance.name === stopped.name ? ' (stopped half-way)' : ''),
    );
  }
  console.log(
    `  ${stopped.name} after SIGTERM: marked down by HAProxy at ${ms(stopped.markedDownAfterMs)}, ` +
      `exited at ${ms(stopped.exitedAfterMs)}; ${stopped.requestsAfterExit} requests sent after it exited`,
  );
  console.log(`  failed: ${report.failures.length}`);
  for (const failure of report.failures.slice(0, 20)) console.log(`    ${failure}`);
  for (const [name, distinct] of Object.entries(report.distinctAnswers)) {
    console.log(`  ${name}: ${distinct} distinct answer${distinct === 1 ? '' : 's'} across instances`);
  }
  console.log(`  processes left running: ${report.leftoverProcesses.length}`);
  const stoppedCleanly = report.instances.find((instance) => instance.name === stopped.name)?.exit.code === 0;
  if (stopped.requestsAfterExit === 0)
    console.log('  (the stopped instance outlived the traffic: give more --seconds)');
  const alike = Object.values(report.distinctAnswers).every((distinct) => distinct === 1);
  return report.failures.length === 0 &&
    alike &&
    stoppedCleanly &&
    stopped.requestsAfterExit > 0 &&
    report.leftoverProcesses.length === 0
    ? 0
    : 1;
}
