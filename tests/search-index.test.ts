import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotColumns } from '../src/graph/fulltext/build.js';
import { FullTextIndex } from '../src/graph/fulltext/index.js';
import { parseQuery } from '../src/graph/fulltext/query.js';
import { fullTextFileFor, prepareFullText } from '../src/graph/fulltext/registry.js';
import { loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import { NAMED_KINDS, type Store } from '../src/graph/store.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR, generatedDataDir } from './helpers.js';

/** Searches a researcher and a search box make, each with everything an edge and the connection carry. */
const SEARCHES: readonly Record<string, unknown>[] = [
  { q: 'Rim Ju Sung' },
  { q: 'camps', first: 3 },
  { q: '"rehabilitation centre"' },
  { q: 'korea', types: ['ORGANISATION', 'REPORT'], first: 5 },
  { q: 'north korea', last: 4 },
  { q: 'Río' },
  { q: '', first: 5 },
];
const DOCUMENT = `query($q: String!, $types: [EntityType!], $first: Int, $last: Int) {
  search(query: $q, types: $types, first: $first, last: $last) {
    totalCount
    facets { types { type count } games { games { slug } count } countries { country { code } count } }
    edges { cursor score node { __typename id name } snippets(limit: 10) { field text highlighted matches { start end } record { iri } claims { property valueText } sources { slug } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

let cacheDir: string;
let memory: Store;
let compiled: Store;

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), 'paralympics-search-'));
  [memory, compiled] = await Promise.all([loadMemoryGraph(DATA_DIR), loadGraph(DATA_DIR)]);
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function answers(store: Store): Promise<string[]> {
  const app = createApp({ store });
  const texts: string[] = [];
  for (const variables of SEARCHES) {
    const response = await app.fetch('http://yoga.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DOCUMENT, variables }),
    });
    texts.push(await response.text());
  }
  return texts;
}

describe('the full-text index', () => {
  it('is the same built from the in-memory graph and from the compiled snapshot, and answers alike', async () => {
    expect(FullTextIndex.build(memory).toBytes().equals(FullTextIndex.build(compiled).toBytes())).toBe(true);
    const [fromMemory, fromSnapshot] = await Promise.all([answers(memory), answers(compiled)]);
    expect(fromSnapshot).toEqual(fromMemory);
    for (const answer of fromMemory) expect(JSON.parse(answer).errors).toBeUndefined();
  });

  it('is the same read from a snapshot’s columns as built record by record, on a generated graph too', async () => {
    const dataDir = await generatedDataDir(10);
    try {
      const [records, columns] = await Promise.all([loadMemoryGraph(dataDir), loadGraph(dataDir)]);
      const snapshot = columns.snapshot?.();
      expect(snapshot).toBeDefined();
      if (!snapshot) return;
      const fromColumns = FullTextIndex.fromColumns(snapshotColumns(snapshot));
      expect(fromColumns.size.entities).toBe(NAMED_KINDS.reduce((sum, kind) => sum + records.all(kind).length, 0));
      expect(fromColumns.toBytes().equals(FullTextIndex.build(records).toBytes())).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('indexes each distinct text once, however many records quote it', () => {
    const index = FullTextIndex.build(compiled);
    const quotes = new Set<string>();
    let citations = 0;
    for (const kind of ['country', 'npc', 'games', 'delegation', 'athlete', 'event', 'result'] as const) {
      for (const record of compiled.all(kind)) {
        for (const claim of record.claims) {
          for (const citation of claim.citations) {
            if (citation.quote === null) continue;
            citations++;
            quotes.add(citation.quote);
          }
        }
      }
    }
    expect(citations).toBeGreaterThan(quotes.size);
    expect(index.size.texts).toBeLessThan(citations);
    for (const quote of quotes) expect(index.textId('quote', quote), quote).not.toBeUndefined();
  });

  it('parses a search text once: asked again, the same parse and the same matches, and a refusal each time', () => {
    const index = FullTextIndex.build(compiled);
    const first = parseQuery('Rim  Ju-Sung');
    expect(parseQuery('Rim  Ju-Sung')).toBe(first);
    expect(first?.words).toEqual(['rim', 'ju', 'sung']);
    // Texts that fold alike share one search's matches; other types or scopes do not.
    const matches = index.search(first, null);
    expect(index.search(parseQuery('rim ju sung'), null)).toBe(matches);
    expect(index.search(parseQuery('rim ju sung'), ['athlete'])).not.toBe(matches);
    expect(index.search(parseQuery('rim ju sung'), null, { games: '' })).not.toBe(matches);
    for (let attempt = 0; attempt < 2; attempt++) expect(() => parseQuery('?!')).toThrow(/no letters or digits/);
  });

  it('reads back what it saved, with the same answers', () => {
    const index = FullTextIndex.build(compiled);
    const read = FullTextIndex.fromBytes(index.toBytes(), compiled.version);
    expect(read.size).toEqual(index.size);
    const ask = (from: FullTextIndex) => {
      const matches = [from.search(parseQuery('rim ju sung'), null), from.search(parseQuery('"locked away"'), null)];
      return matches.map((found) => ({ hits: found.slice(0, 20), facets: found.facets() }));
    };
    expect(ask(read)).toEqual(ask(index));
    expect(() => FullTextIndex.fromBytes(index.toBytes(), 'other data')).toThrow(/other data/);
    const otherFormat = index.toBytes();
    otherFormat.writeUInt32LE(1, 8);
    expect(() => FullTextIndex.fromBytes(otherFormat, compiled.version)).toThrow(/another format/);
    expect(() => FullTextIndex.fromBytes(Buffer.from('not an index'), compiled.version)).toThrow(/not a search index/);
    const damaged = index.toBytes();
    damaged[damaged.length - 5] = (damaged[damaged.length - 5] as number) ^ 0xff;
    expect(() => FullTextIndex.fromBytes(damaged, compiled.version)).toThrow(/is damaged \(section \w+\)/);
  });

  it('is kept in STORE_CACHE: built once, read on the next start, built again when the file is damaged', async () => {
    const logged: string[] = [];
    const log = (message: string) => logged.push(message);
    const first = await loadGraph(DATA_DIR);
    await prepareFullText(first, { cacheDir, log });
    expect(logged).toEqual([expect.stringMatching(/^Built the search index of \d+ entities/)]);
    expect(await readdir(cacheDir)).toEqual([path.basename(fullTextFileFor(first, cacheDir))]);

    const second = await loadGraph(DATA_DIR);
    await prepareFullText(second, { cacheDir, log });
    expect(logged).toHaveLength(1);
    expect(await answers(second)).toEqual(await answers(compiled));

    await writeFile(fullTextFileFor(first, cacheDir), '{"format": 1, "dataVersion": ');
    const third = await loadGraph(DATA_DIR);
    await prepareFullText(third, { cacheDir, log });
    expect(logged.slice(1)).toEqual([
      expect.stringMatching(/is not a search index; building it again/),
      expect.stringMatching(/^Built the search index/),
    ]);
    expect(logged.join('\n')).not.toMatch(/at .*\.ts|Error:/);
  });
});
