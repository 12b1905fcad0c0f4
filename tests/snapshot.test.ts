import { cp, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCompile } from '../src/cli/compile.js';
import { FullTextIndex } from '../src/graph/fulltext/index.js';
import { prepareFullText } from '../src/graph/fulltext/registry.js';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import { ensureSnapshot, openSnapshotStore, snapshotFileFor } from '../src/graph/open.js';
import { FORMAT_VERSION } from '../src/graph/snapshot/format.js';
import { openSnapshot, readHeader, readSnapshotFile, SnapshotError } from '../src/graph/snapshot/read.js';
import { DATA_DIR } from './helpers.js';
import { SERVER_TS, spawnServer } from './server-process.js';

let dataDir: string;
let cacheDir: string;
let logged: string[];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'paralympics-snapshot-data-'));
  cacheDir = await mkdtemp(path.join(tmpdir(), 'paralympics-snapshot-cache-'));
  await cp(DATA_DIR, dataDir, { recursive: true });
  logged = [];
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

const options = () => ({ dataDir, cacheDir, log: (message: string) => logged.push(message) });

async function refusal(buffer: Buffer): Promise<SnapshotError> {
  try {
    openSnapshot(buffer);
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('the snapshot was opened');
}

/** Flips one byte of the snapshot file, `at` bytes from its end. */
async function damage(file: string, at: number): Promise<void> {
  const bytes = await readFile(file);
  const position = bytes.length - at;
  bytes[position] = (bytes[position] as number) ^ 0xff;
  await writeFile(file, bytes);
}

describe('the snapshot of a data directory', () => {
  it('is compiled when missing, then opened as it is on every later start', async () => {
    const file = await ensureSnapshot(options());
    const reference = await loadGraph(dataDir);
    const records = KINDS.reduce((sum, kind) => sum + reference.count(kind), 0);
    expect(logged).toEqual([
      expect.stringMatching(/^Compiling the graph of .* there is none yet\.$/),
      expect.stringMatching(new RegExp(`^Compiled ${records} records in [\\d.]+ s`)),
    ]);
    const compiled = (await stat(file)).mtimeMs;
    logged = [];
    const store = await openSnapshotStore(options());
    expect(logged).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(compiled);
    expect(store.get('athlete', 'rim-ju-song')?.facts.name).toBe('Rim Ju-song');
    expect(store.version).toBe((await loadGraph(dataDir)).version);
  });

  it('is compiled again when a data file or source text changes, or a file appears', async () => {
    await ensureSnapshot(options());
    const athletes = path.join(dataDir, 'athletes.json');
    const records = JSON.parse(await readFile(athletes, 'utf8')) as { slug: string; facts: { name: unknown } }[];
    const rim = records.find((record) => record.slug === 'rim-ju-song');
    if (!rim) throw new Error('no rim-ju-song');
    rim.facts.name = { value: 'Rim Ju Song', citations: [{ report: 'north-korea-at-the-paralympics' }] };
    await writeFile(athletes, JSON.stringify(records));
    logged = [];
    const store = await openSnapshotStore(options());
    expect(logged[0]).toMatch(/athletes\.json changed since/);
    expect(store.get('athlete', 'rim-ju-song')?.facts.name).toBe('Rim Ju Song');

    const text = path.join(dataDir, 'sources', '003_50031ac44f0c6e28.txt');
    await utimes(text, new Date(), new Date(Date.now() + 5_000));
    logged = [];
    await ensureSnapshot(options());
    expect(logged[0]).toMatch(/sources\/003_50031ac44f0c6e28\.txt changed since/);

    await writeFile(path.join(dataDir, 'people.jsonl'), '');
    logged = [];
    await expect(ensureSnapshot(options())).rejects.toThrow(/people\.jsonl both exist/);
    expect(logged[0]).toMatch(/people\.jsonl appeared since/);
  });

  it('is refused, never read, when damaged anywhere, and compiled again by the server', async () => {
    const file = await ensureSnapshot(options());
    const intact = await readSnapshotFile(file);
    const { header } = readHeader(intact);
    for (const name of ['strings.bytes', 'columns.values', 'slugs', 'relations.resultsByAthlete.items']) {
      const section = header.sections[name];
      if (!section || section.length === 0) throw new Error(`no section ${name}`);
      const copy = Buffer.from(intact);
      copy[section.offset] = (copy[section.offset] as number) ^ 0x01;
      const error = await refusal(copy);
      expect(error.code).toBe('SNAPSHOT_CORRUPT');
      expect(error.message).toBe(`is damaged (section ${name})`);
    }
    expect((await refusal(intact.subarray(0, intact.length - 100))).code).toBe('SNAPSHOT_CORRUPT');
    const header20 = Buffer.from(intact);
    header20[30] = (header20[30] as number) ^ 0x20;
    expect((await refusal(header20)).message).toBe('has a damaged header');

    await damage(file, 50);
    logged = [];
    const store = await openSnapshotStore(options());
    expect(logged[0]).toMatch(/^The snapshot .* is damaged \(section .*\); compiling it again\.$/);
    expect(store.count('result')).toBe((await loadGraph(dataDir)).count('result'));
    expect((await readSnapshotFile(file)).equals(intact)).toBe(false);
    openSnapshot(await readSnapshotFile(file));
  });

  it('of another format version or not a snapshot at all is compiled again, never read', async () => {
    const file = await ensureSnapshot(options());
    const bytes = await readFile(file);
    bytes.writeUInt32LE(FORMAT_VERSION + 1, 8);
    await writeFile(file, bytes);
    expect((await refusal(bytes)).message).toBe(
      `is in snapshot format ${FORMAT_VERSION + 1}; this server reads ${FORMAT_VERSION}`,
    );
    logged = [];
    await ensureSnapshot(options());
    expect(logged[0]).toMatch(/the one there is in snapshot format/);

    await writeFile(file, 'not a snapshot');
    expect((await refusal(Buffer.from('not a snapshot'))).message).toBe('is not a paralympics-graph snapshot');
    logged = [];
    await ensureSnapshot(options());
    expect(logged[0]).toMatch(/the one there is not a paralympics-graph snapshot/);
  });

  it('is one file per data directory, named by its path', async () => {
    const other = await snapshotFileFor(DATA_DIR, cacheDir);
    expect(await snapshotFileFor(dataDir, cacheDir)).not.toBe(other);
    expect(path.dirname(other)).toBe(cacheDir);
  });
});

describe('npm run compile', () => {
  it('writes the snapshot and the search index beside it, and refuses bad data naming file, record and field', async () => {
    const out = path.join(cacheDir, 'compiled.snapshot');
    expect(await runCompile(['--dir', dataDir, '--out', out])).toBe(0);
    const loaded = await loadGraph(dataDir);
    expect(openSnapshot(await readSnapshotFile(out)).count('athlete')).toBe(loaded.count('athlete'));
    // The server started on this cache reads the index instead of building it.
    const logged: string[] = [];
    const index = await prepareFullText(loaded, { cacheDir, log: (message) => logged.push(message) });
    expect(logged).toEqual([]);
    expect(index?.size.entities).toBe(FullTextIndex.build(loaded).size.entities);

    const events = path.join(dataDir, 'events.json');
    const records = JSON.parse(await readFile(events, 'utf8')) as { facts: Record<string, unknown> }[];
    delete records[0]?.facts.sport;
    await writeFile(events, JSON.stringify(records));
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      expect(await runCompile(['--dir', dataDir, '--out', out])).toBe(1);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/events\.json › .* › facts\.sport: is required \[MISSING_VALUE\]/);
  });
});

describe('npm start', () => {
  it('compiles the snapshot when it is missing, with progress, then serves; a second start only opens it', async () => {
    const start = async () => {
      const server = spawnServer(SERVER_TS, { env: { DATA_DIR: dataDir, STORE_CACHE: cacheDir } });
      try {
        const url = await server.ready();
        const answer = await fetch(
          `${url}/graphql?query=${encodeURIComponent('{ athlete(slug: "rim-ju-song") { name } }')}`,
        );
        return { output: server.output(), body: await answer.text() };
      } finally {
        await server.stop();
      }
    };
    const first = await start();
    expect(first.output).toMatch(/Compiling the graph of .*: there is none yet\./);
    expect(first.output).toMatch(/Validating and compiling the data: 100%/);
    expect(first.body).toBe('{"data":{"athlete":{"name":"Rim Ju-song"}}}');
    expect(first.output).toMatch(/Built the search index/);
    const second = await start();
    expect(second.output).not.toMatch(/Compiling|Built the search index/);
    expect(second.body).toBe(first.body);
  }, 60_000);
});
