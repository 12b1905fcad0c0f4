import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's virtuoso-opensource-7-bin; `.ci/run` installs it. */
export const VIRTUOSO = process.env.VIRTUOSO_PATH ?? 'virtuoso-t';
const ISQL = process.env.ISQL_PATH ?? 'isql-vt';

/** A port that was free a moment ago, on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningVirtuoso {
  /** Its SPARQL endpoint, `http://127.0.0.1:{port}/sparql`. */
  readonly endpoint: string;
  readonly pid: number;
  /** Bulk-loads an RDF file (N-Quads, Turtle…, by its extension); its default-graph triples go into `graph`. */
  load(file: string, graph: string): Promise<void>;
  /** Stops the server and removes its files; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a Virtuoso of its own in a temporary directory, on free loopback ports: a fresh database,
 * SQL and HTTP on 127.0.0.1 only, files readable only from that directory, and its own time limit
 * for queries (it stops a query past `queryTimeoutSeconds` even when the client has gone); `buffers`
 * pages of 8 kB are its cache.
 */
export async function startVirtuoso({ queryTimeoutSeconds = 10, buffers = 20_000 } = {}): Promise<RunningVirtuoso> {
  const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-virtuoso-'));
  const [sqlPort, httpPort] = [await freePort(), await freePort()];
  const ini = `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
MaxClientConnections = 8
CheckpointInterval = 0
NumberOfBuffers = ${buffers}
MaxDirtyBuffers = ${Math.floor(buffers * 0.75)}
DirsAllowed = ${dir}
; /sparql sorts up to one more than its result limit (10,000) to tell a whole answer from a cut one.
MaxSortedTopRows = 100000

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
MaxClientConnections = 8
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = ${queryTimeoutSeconds}
MaxQueryCostEstimationTime = 0
`;
  await writeFile(path.join(dir, 'virtuoso.ini'), ini);
  const child: ChildProcess = spawn(VIRTUOSO, ['+foreground', '+configfile', path.join(dir, 'virtuoso.ini')], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) {
      child.kill('SIGKILL');
      await exit;
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Virtuoso did not start in 120 s:\n${output}`)), 120_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Server online at/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Virtuoso exited (${code}) before it was online:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  child.stdout?.resume();
  child.stderr?.resume();

  const isql = async (sql: string) => {
    const { stdout } = await run(ISQL, [`127.0.0.1:${sqlPort}`, 'dba', 'dba', `exec=${sql}`], { timeout: 600_000 });
    return stdout;
  };

  return {
    endpoint: `http://127.0.0.1:${httpPort}/sparql`,
    pid: child.pid ?? 0,
    async load(file, graph) {
      const target = path.join(dir, path.basename(file));
      if (path.dirname(file) !== dir) await writeFile(target, await readFile(file));
      await isql(`ld_dir('${dir}', '${path.basename(file)}', '${graph}'); rdf_loader_run(); checkpoint;`);
      const state = await isql(
        `SELECT ll_state, ll_error FROM DB.DBA.load_list WHERE ll_file = '${target}' AND ll_error IS NOT NULL;`,
      );
      if (!/\b0 Rows\b/.test(state)) throw new Error(`Virtuoso could not load ${file}:\n${state}`);
    },
    stop,
  };
}
