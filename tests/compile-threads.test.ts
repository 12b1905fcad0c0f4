import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataProblem, DataValidationError } from '../src/graph/errors.js';
import { DATA_FILES, KINDS, type Kind } from '../src/graph/kinds.js';
import { type CompileOptions, compileGraph, shareSplit } from '../src/graph/loader.js';
import { type CompiledSnapshot, snapshotBuffer } from '../src/graph/snapshot/write.js';
import { validateData } from '../src/graph/validate/index.js';
import { generatedDataDir } from './helpers.js';

let dataDir: string;
let brokenDir: string;

beforeAll(async () => {
  dataDir = await generatedDataDir(10);
  brokenDir = await mkdtemp(path.join(tmpdir(), 'paralympics-broken-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(brokenDir, { recursive: true, force: true });
});

/** The snapshot's bytes, its compile time set aside (the only thing that differs between two compiles). */
const bytesOf = (compiled: CompiledSnapshot) =>
  snapshotBuffer({ ...compiled, header: { ...compiled.header, compiledAt: '2026-01-01T00:00:00.000Z' } });

type Line = { slug: string; citations: { report: string; quote?: string }[]; facts: Record<string, unknown> };

/** Rewrites records of one JSON Lines file of the broken copy: `change` gets each record with its line index. */
async function edit(kind: Kind, change: (record: Line, index: number) => void): Promise<void> {
  const file = path.join(brokenDir, `${DATA_FILES[kind]}l`);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const edited = lines.map((line, index) => {
    if (line.trim() === '') return line;
    const record = JSON.parse(line) as Line;
    change(record, index);
    return JSON.stringify(record);
  });
  await writeFile(file, edited.join('\n'));
}

async function problemsOn(dir: string, options: CompileOptions): Promise<DataProblem[]> {
  try {
    await compileGraph(dir, options);
  } catch (error) {
    if (error instanceof DataValidationError) return [...error.problems];
    throw error;
  }
  throw new Error('the data compiled, but was expected to be refused');
}

describe('compiling on two threads', () => {
  it('writes the very snapshot one thread writes, stamped with the version validation gives the data', async () => {
    const one = bytesOf(await compileGraph(dataDir, { threads: 1 }));
    const validated = await validateData(dataDir);
    // Whatever the kinds of each share: the second's first, its largest, or only its last.
    for (const secondShareFrom of ['event', 'organisation', 'person'] as const) {
      let records = 0;
      const two = await compileGraph(dataDir, {
        threads: 2,
        secondShareFrom,
        onValidated: (count) => {
          records = count;
        },
      });
      expect(bytesOf(two).equals(one), secondShareFrom).toBe(true);
      expect(two.header.version).toBe(validated.version);
      expect(records).toBe(KINDS.reduce((sum, kind) => sum + two.header.kinds[kind].count, 0));
    }
  });

  // Each on its own, so that a share that missed one would compile the data instead of refusing it.
  const problemCases: readonly {
    code: string;
    kind: Kind;
    change: (record: Line, index: number) => void;
    secondShareFrom?: Kind;
  }[] = [
    {
      // A citation of a report that does not exist: a reference from the first share into the second's kinds.
      code: 'UNRESOLVED_REFERENCE',
      kind: 'athlete',
      change: (record, index) => {
        if (index === 3) record.citations = [{ report: 'no-such-report' }];
      },
    },
    {
      // An athlete that does not exist: a reference from the second share into the first's kinds.
      code: 'UNRESOLVED_REFERENCE',
      kind: 'result',
      change: (record, index) => {
        if (index === 5) record.facts.athlete = { value: 'no-such-athlete', citations: record.citations };
      },
    },
    {
      // An athlete that does not exist, named by a result of the same share.
      code: 'UNRESOLVED_REFERENCE',
      kind: 'result',
      change: (record, index) => {
        if (index === 5) record.facts.guide = { value: 'no-such-guide', citations: record.citations };
      },
      secondShareFrom: 'organisation',
    },
    {
      code: 'UNKNOWN_PROPERTY',
      kind: 'athlete',
      change: (record, index) => {
        if (index === 4) record.facts.unknownProperty = { value: 1, citations: record.citations };
      },
    },
    {
      code: 'INVALID_VALUE',
      kind: 'result',
      change: (record, index) => {
        if (index === 6) record.facts.rank = { value: 'first', citations: record.citations };
      },
    },
    {
      // A quote of the second share that is not in the text of the report it cites.
      code: 'QUOTE_NOT_FOUND',
      kind: 'result',
      change: (record, index) => {
        if (index === 7)
          record.citations = [{ report: 'north-korea-at-the-paralympics', quote: 'words no source has' }];
      },
    },
    {
      code: 'DUPLICATE_SLUG',
      kind: 'result',
      change: (record, index) => {
        if (index === 9) record.slug = 'rim-ju-song-2012-men-50m-freestyle-s6';
      },
    },
  ];

  it.each(problemCases)(
    'names the same problems, in file order, for bad data in either share ($code in $kind)',
    async ({ code, kind, change, secondShareFrom = 'event' }) => {
      await rm(brokenDir, { recursive: true, force: true });
      await cp(dataDir, brokenDir, { recursive: true });
      await edit(kind, change);
      const one = await problemsOn(brokenDir, { threads: 1 });
      expect(one.map((problem) => problem.code)).toContain(code);
      // By default the athletes in the first share, the results in the second (as at 200,000x).
      expect(await problemsOn(brokenDir, { threads: 2, secondShareFrom })).toEqual(one);
    },
  );

  it('splits the kinds where the larger share is smallest, and reads small data on one thread', () => {
    // The sizes of the data files at 200,000x (a million results): athletes, events and results dwarf the rest.
    const sizes: Partial<Record<Kind, number>> = { athlete: 2_956e6, event: 1_753e6, result: 2_267e6, report: 1.3e6 };
    const stamps = KINDS.map((kind) => ({ path: `${DATA_FILES[kind]}l`, size: sizes[kind] ?? 5e5, mtimeMs: 0 }));
    expect(KINDS[shareSplit(stamps, undefined)]).toBe('event');
    const small = stamps.map((stamp) => ({ ...stamp, size: stamp.size / 1000 }));
    expect(shareSplit(small, undefined)).toBe(0);
    expect(shareSplit(small, 2)).toBeGreaterThan(0);
    expect(shareSplit(stamps, 1)).toBe(0);
  });
});
