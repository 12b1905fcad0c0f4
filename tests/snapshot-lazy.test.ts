import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/graph/fulltext/query.js';
import { fullTextFileFor, fullTextOf, prepareFullText } from '../src/graph/fulltext/registry.js';
import { GraphStore } from '../src/graph/graph-store.js';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import { ensureSnapshot, openSnapshotStore } from '../src/graph/open.js';
import { openSnapshotAt, readHeader, SnapshotError } from '../src/graph/snapshot/read.js';
import type { Store } from '../src/graph/store.js';
import { createApp } from '../src/yoga.js';
import { BASE_URL, DATA_DIR } from './helpers.js';

// Snapshots and search indexes opened where they lie (see src/graph/section-file.ts): each test on
// its own copy of the data and its own cache.
let dataDir: string;
let cacheDir: string;
let logged: string[];

beforeEach(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'paralympics-lazy-'));
  [dataDir, cacheDir, logged] = [path.join(root, 'data'), path.join(root, 'cache'), []];
  await cp(DATA_DIR, dataDir, { recursive: true });
  return () => rm(root, { recursive: true, force: true });
});

const options = () => ({ dataDir, cacheDir, log: (message: string) => logged.push(message) });

/** Flips the first byte of a section of the snapshot file. */
async function damageSection(file: string, name: string): Promise<void> {
  const bytes = await readFile(file);
  const entry = readHeader(bytes).header.sections[name];
  if (!entry || entry.length === 0) throw new Error(`no section ${name}`);
  bytes[entry.offset] = (bytes[entry.offset] as number) ^ 0x01;
  await writeFile(file, bytes);
}

/**
 * Damage that leaves a file's identity as it was verified (bit rot: no write through the file
 * system), made here by writing the file, then recording its new identity as verified.
 */
async function markVerified(file: string): Promise<void> {
  const marker = `${file}.verified`;
  const kept = JSON.parse(await readFile(marker, 'utf8')) as Record<string, number>;
  const stats = await stat(file);
  await writeFile(
    marker,
    JSON.stringify({
      ...kept,
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
    }),
  );
}

async function ask(store: Store, query: string) {
  const response = await createApp({ store }).fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('a snapshot opened where it lies', () => {
  it('is verified whole on its first open only, then read section by section as used', async () => {
    const file = await ensureSnapshot(options());
    await openSnapshotStore(options());
    const marker = JSON.parse(await readFile(`${file}.verified`, 'utf8')) as { ino: number; size: number };
    const stats = await stat(file);
    expect(marker).toMatchObject({ ino: stats.ino, size: stats.size });

    // Opened again: the header alone is read; a damaged section that was verified is found when used.
    const reference = await loadGraph(dataDir);
    await damageSection(file, 'columns.values');
    await markVerified(file);
    const source = openSnapshotAt(file);
    for (const kind of KINDS) expect(source.count(kind)).toBe(reference.count(kind));
    const store = new GraphStore(source);
    expect(() => store.get('athlete', 'rim-ju-song')?.facts.name).toThrow(SnapshotError);
    // Refused every time, never read.
    let refusal: unknown;
    try {
      store.get('athlete', 'rim-ju-song')?.facts.name;
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'SNAPSHOT_CORRUPT', message: 'is damaged (section columns.values)' });
    // The answer says so with its code, and carries nothing of the graph nor any path.
    const answer = await ask(store, '{ athlete(slug: "rim-ju-song") { name } }');
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['SNAPSHOT_CORRUPT']);
    expect(JSON.stringify(answer)).not.toMatch(/Rim Ju|\/tmp|\.snapshot|at .*\.ts/);
  });

  it('is verified whole again, and compiled again when damaged, once it was written since its last verification', async () => {
    const file = await ensureSnapshot(options());
    await openSnapshotStore(options());
    await damageSection(file, 'relations.resultsByAthlete.items');
    logged = [];
    const store = await openSnapshotStore(options());
    expect(logged[0]).toMatch(/is damaged \(section relations\.resultsByAthlete\.items\); compiling it again\.$/);
    const reference = await loadGraph(dataDir);
    expect(store.get('athlete', 'rim-ju-song')?.facts.name).toBe(reference.get('athlete', 'rim-ju-song')?.facts.name);
  });
});

describe('a saved search index opened where it lies', () => {
  it('is read on the first search, and built again from the graph when a section turns out damaged', async () => {
    const store = await openSnapshotStore(options());
    await prepareFullText(store, { cacheDir, log: (message) => logged.push(message) });
    const file = fullTextFileFor(store, cacheDir);
    const page = (of: Store) =>
      fullTextOf(of)
        .search(parseQuery('rim ju'), null)
        .slice(0, 10)
        .map((hit) => `${hit.kind}/${hit.slug}`);
    const expected = page(store);
    expect(expected.length).toBeGreaterThan(0);

    // Opened only: nothing of it is read until the first search.
    const second = await openSnapshotStore(options());
    expect(await prepareFullText(second, { cacheDir, onFirstUse: true })).toBeNull();
    expect(page(second)).toEqual(expected);

    const bytes = await readFile(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0xff;
    await writeFile(file, bytes);
    await markVerified(file);
    const third = await openSnapshotStore(options());
    logged = [];
    expect(
      await prepareFullText(third, { cacheDir, onFirstUse: true, log: (message) => logged.push(message) }),
    ).toBeNull();
    expect(page(third)).toEqual(expected);
    expect(logged).toEqual([
      expect.stringMatching(/^The saved search index is damaged \(section \w+\); building it again\.$/),
    ]);
  });
});
