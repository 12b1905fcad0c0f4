/**
 * The bench's child processes, and what it leaves behind if it is interrupted. Each child is spawned in
 * a process group of its own, so that ending the group ends everything the child spawned (npm and the
 * node it starts, a Virtuoso, a compile's threads); on Ctrl-C (SIGINT) or SIGTERM the bench ends every
 * group it has, undoes what it registered (a PostgreSQL cluster, half-written files), and exits.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const children = new Set<ChildProcess>();
const undoings = new Set<() => Promise<unknown>>();
/** Set once the bench is interrupted: from then on nothing new is started. */
let ending = false;

/** How long a child's group has to end on SIGINT (bench/server.ts exits at once) before it is killed. */
const GRACE_MS = 5_000;

/** Sends `signal` (0: none, a probe) to the process group `child` leads; false when nothing of it is left. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends `child`'s process group, with all it spawned, if the bench is interrupted; `child` must lead one
 * (spawned detached). One started while the bench is ending is ended at once.
 */
export function endedOnInterrupt(child: ChildProcess): ChildProcess {
  if (ending) signalGroup(child, 'SIGKILL');
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Spawns node with `args` as a child of the bench, in a process group of its own (see endedOnInterrupt). */
export function spawnNode(args: readonly string[], options: SpawnOptions): ChildProcess {
  if (ending) throw new Error('the bench is interrupted: nothing more is started');
  return endedOnInterrupt(spawn(process.execPath, args, { ...options, detached: true }));
}

/**
 * Runs `undo` if the bench is interrupted before the function returned is called: call it once the
 * thing is undone, not before (an interruption meanwhile would not wait for it).
 */
export function undoneOnInterrupt(undo: () => Promise<unknown>): () => void {
  undoings.add(undo);
  return () => undoings.delete(undo);
}

/**
 * On SIGINT or SIGTERM: asks each child's group to stop (SIGINT), kills what is left of them after
 * GRACE_MS, then undoes what was registered, and exits as the signal would have. A signal that comes
 * again meanwhile (npm passes Ctrl-C on to its script, which had it from the terminal already) does not
 * cut this short.
 */
export function endChildrenOnInterrupt(): void {
  const end = async (signal: NodeJS.Signals) => {
    if (ending) return;
    ending = true;
    console.error(`\n${signal}: ending the bench's processes…`);
    // What the bench was measuring fails as its processes go: that must not end it before they are gone.
    process.on('uncaughtException', () => {});
    const groups = new Set(children);
    for (const child of groups) signalGroup(child, 'SIGINT');
    for (
      const until = Date.now() + GRACE_MS;
      Date.now() < until && [...groups].some((child) => signalGroup(child, 0));
    )
      await sleep(50);
    for (const child of new Set([...groups, ...children])) signalGroup(child, 'SIGKILL');
    while (undoings.size > 0) {
      const batch = [...undoings];
      undoings.clear();
      for (const undone of await Promise.allSettled(batch.map((undo) => undo())))
        if (undone.status === 'rejected') console.error(`Could not undo: ${undone.reason}`);
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
}
