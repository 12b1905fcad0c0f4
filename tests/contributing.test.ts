import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import { DATA_DIR, PROJECT_ROOT } from './helpers.js';

const exec = promisify(execFile);

/**
 * Test files that do not run again on the contributed data, each with the reason. Every other test
 * file does: a test that reads the data must hold for any valid data, and a new test file is in unless
 * it is listed here.
 */
const NOT_DATA_DEPENDENT: Readonly<Record<string, string>> = {
  'contributing.test.ts': 'this file',
  'data-files.test.ts': 'reads only the broken files it writes',
  'schema-sdl.test.ts': 'compares the schema, which the data does not change',
  'container-image.test.ts': 'checks the container file',
  'lifecycle.test.ts': 'process start and shutdown, on any data',
  'slow-clients.test.ts': 'socket timing, on any data',
  'load.test.ts': 'a load test: the data is read by the tests above',
  'fuzz.test.ts': 'raw HTTP fuzz of the edge, no answer read',
  'proxy-cache.test.ts': 'nginx in front; the answers behind it are the same tests above',
  'scale-out.test.ts': 'HAProxy in front; the answers behind it are the same tests above',
  'postgres.test.ts': 'a PostgreSQL cluster per run; store-equivalence.test.ts compares the stores on this data',
  'sparql-virtuoso.test.ts': 'a Virtuoso server per run; sparql-graphql.test.ts reads the data',
};

/** Every test file under tests/ but those above. */
async function dataDependentTests(): Promise<string[]> {
  const files = (await readdir(path.join(PROJECT_ROOT, 'tests'))).filter((name) => name.endsWith('.test.ts'));
  return files.filter((name) => !(name in NOT_DATA_DEPENDENT)).map((name) => `tests/${name}`);
}

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

  it('leaves out only test files that exist', async () => {
    const files = await readdir(path.join(PROJECT_ROOT, 'tests'));
    for (const name of Object.keys(NOT_DATA_DEPENDENT)) expect(files, name).toContain(name);
  });

  it('passes every test that reads the data', { timeout: 1_500_000 }, async () => {
    const vitest = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'vitest');
    const run = await exec(vitest, ['run', '--reporter=dot', ...(await dataDependentTests())], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, TEST_DATA_DIR: dataDir, DATA_DIR: dataDir },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in run ? `${run.stdout}\n${run.stderr}` : '').toBe('');
  });
});
