import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFullTextInThread, FullTextThreadError } from '../src/graph/fulltext/build-thread.js';
import { FullTextIndex } from '../src/graph/fulltext/index.js';
import { fullTextFileFor } from '../src/graph/fulltext/registry.js';
import { compileGraph, loadMemoryGraph } from '../src/graph/loader.js';
import { compileSnapshotFile } from '../src/graph/open.js';
import type { CompiledColumns } from '../src/graph/snapshot/write.js';
import { NAMED_KINDS } from '../src/graph/store.js';
import { DATA_DIR, generatedDataDir } from './helpers.js';

let workDir: string;
let dataDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'paralympics-compile-thread-'));
  dataDir = await generatedDataDir(10);
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

/** The columns a compile hands over, as the index thread gets them. */
async function columnsOf(directory: string): Promise<CompiledColumns> {
  let handed: CompiledColumns | undefined;
  await compileGraph(directory, {
    onColumns: (columns) => {
      handed = columns;
    },
  });
  if (!handed) throw new Error('no columns were handed over');
  return handed;
}

describe('the search index built in a thread of its own while the snapshot is compiled', () => {
  it('is the very file a build in one thread over the records writes', async () => {
    const file = path.join(workDir, 'graph.snapshot');
    const compiled = await compileSnapshotFile(dataDir, file, undefined, undefined, workDir);
    expect(compiled.fullTextError).toBeUndefined();
    const records = await loadMemoryGraph(dataDir);
    const expected = FullTextIndex.build(records);
    expect(compiled.fullText?.file).toBe(fullTextFileFor(records, workDir));
    expect(compiled.fullText?.entities).toBe(NAMED_KINDS.reduce((sum, kind) => sum + records.all(kind).length, 0));
    expect(compiled.fullText?.texts).toBe(expected.size.texts);
    const written = await readFile(compiled.fullText?.file ?? '');
    expect(written.equals(expected.toBytes())).toBe(true);
  });

  it('reports a thread that cannot save the index with a code, and the snapshot is written all the same', async () => {
    // A file where the index's directory should be: the thread builds the index, then fails to save it.
    const blocked = path.join(workDir, 'not-a-directory');
    await writeFile(blocked, 'a file');
    const file = path.join(workDir, 'blocked.snapshot');
    const compiled = await compileSnapshotFile(DATA_DIR, file, undefined, undefined, blocked);
    expect(compiled.fullText).toBeUndefined();
    expect(compiled.fullTextError).toBeInstanceOf(FullTextThreadError);
    expect(compiled.fullTextError?.code).toBe('FULLTEXT_THREAD_FAILED');
    expect(compiled.bytes).toBe((await readFile(file)).length);
  });

  it('reports a thread that dies (out of memory) with a code instead of waiting for it', async () => {
    const columns = await columnsOf(DATA_DIR);
    const failed = await buildFullTextInThread(columns, path.join(workDir, 'never.index'), {
      resourceLimits: { maxOldGenerationSizeMb: 12 },
    }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(FullTextThreadError);
    expect((failed as FullTextThreadError).code).toBe('FULLTEXT_THREAD_FAILED');
    expect((failed as FullTextThreadError).message).toMatch(/memory limit/);
    await expect(readFile(path.join(workDir, 'never.index'))).rejects.toThrow();
  });
});
