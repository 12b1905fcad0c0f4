import { spawnNode } from './children.js';
import { BENCH_CACHE, benchScript, ROOT, table } from './harness.js';

/** One request of a fresh server (bench/linked-data-first.ts prints them). */
export interface Measured {
  readonly path: string;
  readonly status: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly bytes: number;
  readonly rssMb: number;
}

/** One run of bench/linked-data-first.ts on `dataDir`: a fresh server's first requests, `first` first. */
function firstRequests(
  dataDir: string,
  first: 'entities' | 'void',
): Promise<{ rssBefore: number; measured: Measured[] }> {
  const child = spawnNode(benchScript('linked-data-first'), {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, STORE_CACHE: BENCH_CACHE, NODE_ENV: 'production', FIRST: first },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('exit', () => {
      const line = output.match(/first-requests (.+)/)?.[1];
      if (!line) return reject(new Error(`first-requests run failed: ${output}`));
      resolve(JSON.parse(line) as { rssBefore: number; measured: Measured[] });
    });
  });
}

const size = (bytes: number) =>
  bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;

/**
 * The first linked-data requests of a server opened a moment ago, at `label`: an athlete's, the most
 * linked Games' and the most cited report's documents (Turtle), then VoID; and VoID first in another
 * fresh server. CPU time, so that a loaded machine does not inflate it.
 */
export async function firstLinkedData(dataDir: string, label: string): Promise<string> {
  const entities = await firstRequests(dataDir, 'entities');
  const voidFirst = await firstRequests(dataDir, 'void');
  const rows = [
    ...entities.measured.map((row, index) => [
      index === 0 ? 'first' : 'then',
      row.path,
      row.status,
      `${row.cpuMs.toLocaleString('en')} ms`,
      size(row.bytes),
      `${row.rssMb.toLocaleString('en')} MB`,
    ]),
    ...voidFirst.measured
      .slice(0, 1)
      .map((row) => [
        'first (another server)',
        row.path,
        row.status,
        `${row.cpuMs.toLocaleString('en')} ms`,
        size(row.bytes),
        `${row.rssMb.toLocaleString('en')} MB`,
      ]),
  ];
  return [
    `### Linked data: a fresh server's first requests at ${label} (Turtle; RSS ${entities.rssBefore.toLocaleString('en')} MB once opened)`,
    table(['request', 'path', 'status', 'CPU', 'size', 'RSS after'], rows),
    '',
    'What points to an entity comes from the store’s index of references both ways, a page of it at a time; VoID’s counts were counted when the graph was compiled. The sitemap index finds where each file starts with one pass over the slugs; each file (50,000 URLs at most) is streamed. The SPARQL query is answered 503 at once where the dataset is over SPARQL_MAX_QUADS (the size read from the compiled statistics).',
  ].join('\n');
}
