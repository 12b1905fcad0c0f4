import { loadConfig } from '../config.js';
import { rehearseScaleOut } from '../scale-out/rehearsal.js';
import { commandOptions } from './options.js';

export const SCALE_OUT_USAGE = `Usage: npm run scale-out -- [--instances N] [--requests N] [--seconds S]

Rehearses running several instances behind a load balancer: starts N servers (default 3) on the
data in DATA_DIR, a round-robin balancer in front that routes to instances whose /readyz answers,
sends a mix of GraphQL and linked-data requests through it over S seconds (default 3), and half-way
stops one instance with SIGTERM. Prints what each instance served; exits 1 if a request failed, if
instances answered the same request differently, or if the stopped one did not exit cleanly.`;

function positive(value: string | undefined, fallback: number): number {
  const number = value === undefined ? fallback : Number(value);
  return Number.isFinite(number) && number > 0 ? number : Number.NaN;
}

/** `scale-out`: the rehearsal, as a command; returns the process exit code. */
export async function runScaleOut(args: readonly string[]): Promise<number> {
  const values = commandOptions(args, ['instances', 'requests', 'seconds'], SCALE_OUT_USAGE);
  if (typeof values === 'number') return values;
  const instances = positive(values.instances, 3);
  const requests = positive(values.requests, 600);
  const seconds = positive(values.seconds, 3);
  if (!Number.isInteger(instances) || instances < 2 || !Number.isInteger(requests) || Number.isNaN(seconds)) {
    console.error(
      `--instances must be a whole number of at least 2, --requests a whole number, --seconds positive.\n\n${SCALE_OUT_USAGE}`,
    );
    return 2;
  }
  const report = await rehearseScaleOut({
    instances,
    requests,
    durationMs: seconds * 1000,
    dataDir: loadConfig().dataDir,
  });
  console.log(`${report.requests} requests through a round-robin balancer to ${instances} instances:`);
  for (const [index, served] of report.servedBy.entries()) {
    console.log(`  instance ${index + 1}: ${served} answered${index === 0 ? ' (stopped half-way)' : ''}`);
  }
  console.log(`  failed: ${report.failed}`);
  for (const [name, distinct] of Object.entries(report.distinctAnswers)) {
    console.log(`  ${name}: ${distinct} distinct answer${distinct === 1 ? '' : 's'} across instances`);
  }
  console.log(`  stopped instance exited with ${report.stoppedExitCode}`);
  const identical = Object.values(report.distinctAnswers).every((distinct) => distinct === 1);
  return report.failed === 0 && identical && report.stoppedExitCode === 0 ? 0 : 1;
}
