import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import { DATA_DIR, PROJECT_ROOT } from './helpers.js';

const exec = promisify(execFile);

/**
 * The test files whose assertions read the data. Each must hold for any valid data, so they run
 * again on a copy of `data/` with the contributions CONTRIBUTING.md walks through.
 */
const DATA_DEPENDENT_TESTS = [
  'tests/connections.test.ts',
  'tests/entities.test.ts',
  'tests/federation.test.ts',
  'tests/graphql-jsonld.test.ts',
  'tests/linked-data-conneg.test.ts',
  'tests/linked-data-graph.test.ts',
  'tests/linked-data-http.test.ts',
  'tests/linked-data-modified.test.ts',
  'tests/linked-data.test.ts',
  'tests/loader.test.ts',
  'tests/qualifiers.test.ts',
  'tests/quotes.test.ts',
  'tests/readme.test.ts',
  'tests/search.test.ts',
  'tests/site.test.ts',
  'tests/snapshot.test.ts',
  'tests/source-texts.test.ts',
  'tests/sources.test.ts',
  'tests/sparql-graphql.test.ts',
  'tests/sparql-protocol.test.ts',
  'tests/store-equivalence.test.ts',
  'tests/typed-values.test.ts',
];

/** The ```diff blocks of CONTRIBUTING.md, in order. */
async function contributionDiffs(): Promise<string[]> {
  const guide = await readFile(path.join(PROJECT_ROOT, 'CONTRIBUTING.md'), 'utf8');
  return [...guide.matchAll(/```diff\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'paralympics-contribution-'));
  dataDir = path.join(root, 'data');
  await cp(DATA_DIR, dataDir, { recursive: true });
  for (const [index, diff] of (await contributionDiffs()).entries()) {
    const file = path.join(root, `contribution-${index}.diff`);
    await writeFile(file, diff);
    await exec('git', ['apply', '--recount', '--whitespace=error-all', file], { cwd: root });
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a contribution made as CONTRIBUTING.md shows', () => {
  it('is three diffs, which apply to data/ and leave it valid, with every record added', async () => {
    expect(await contributionDiffs()).toHaveLength(3);
    const [before, after] = [await loadGraph(DATA_DIR), await loadGraph(dataDir)];
    expect(after.count('games')).toBe(before.count('games') + 1);
    expect(after.count('athlete')).toBe(before.count('athlete') + 1);
    expect(after.count('result')).toBe(before.count('result') + 1);
    expect(after.count('report')).toBe(before.count('report') + 2);
    for (const kind of KINDS) {
      for (const record of before.all(kind)) expect(after.get(kind, record.slug), record.slug).toBeDefined();
    }
    const times = after
      .get('result', 'example-athlete-2008-women-100m-t12')
      ?.claims.filter((c) => c.property === 'time');
    expect(times?.map(({ value, preferred }) => ({ value, preferred }))).toEqual([
      { value: 12.85, preferred: true },
      { value: 12.86, preferred: false },
    ]);
  });

  it('passes every test that reads the data', { timeout: 900_000 }, async () => {
    const vitest = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'vitest');
    const run = await exec(vitest, ['run', '--reporter=dot', ...DATA_DEPENDENT_TESTS], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TEST_DATA_DIR: dataDir, DATA_DIR: dataDir },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in run ? `${run.stdout}\n${run.stderr}` : '').toBe('');
  });
});
