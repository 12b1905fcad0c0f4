import type { ChildProcess } from 'node:child_process';

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A process started by the rehearsal, watched until it ends. */
export interface Child {
  readonly pid: number;
  /** Settles when the process has ended. */
  readonly exited: Promise<Exit>;
  readonly running: boolean;
  /** The end of what it wrote to standard output and error, for reports of what went wrong. */
  output(): string;
  /** Sends `signal`, and SIGKILL if it has not ended `graceMs` later; settles once it has ended. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<Exit>;
}

/** The output kept of each process: enough for its last messages. */
const OUTPUT_BYTES = 16 * 1024;

/** Watches a process spawned with piped standard output and error. */
export function watchChild(process: ChildProcess, name: string): Child {
  if (process.pid === undefined) throw new Error(`${name} did not start.`);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_BYTES);
  };
  process.stdout?.on('data', keep);
  process.stderr?.on('data', keep);
  let running = true;
  const exited = new Promise<Exit>((resolve) => {
    process.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  return {
    pid: process.pid,
    exited,
    get running() {
      return running;
    },
    output: () => output,
    async stop(signal, graceMs) {
      if (running) {
        process.kill(signal);
        const killer = setTimeout(() => process.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(killer);
      }
      return exited;
    },
  };
}
