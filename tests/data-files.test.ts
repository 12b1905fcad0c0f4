import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DATA_FILE_LIMITS,
  DataFileError,
  openDataFile,
  type RawItem,
  readDataText,
  readRecords,
} from '../src/graph/data-files.js';
import { type DataProblem, DataValidationError } from '../src/graph/errors.js';
import { loadGraph } from '../src/graph/loader.js';
import { memberCount, strictJsonProblems } from '../src/graph/strict-json.js';
import { DATA_DIR } from './helpers.js';

let dir: string;
let outside: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paralympics-files-'));
  outside = await mkdtemp(path.join(tmpdir(), 'paralympics-outside-'));
  await cp(DATA_DIR, dir, { recursive: true });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function problems(): Promise<DataProblem[]> {
  try {
    await loadGraph(dir);
  } catch (error) {
    if (error instanceof DataValidationError) return [...error.problems];
    throw error;
  }
  throw new Error('the data loaded, but was expected to be refused');
}

/** After each refusal, the untouched data still loads. */
async function expectRealDataLoads(): Promise<void> {
  const store = await loadGraph(DATA_DIR);
  expect(store.count('report')).toBeGreaterThan(0);
}

const SEED_TEXT = 'sources/000_c83323573b55c7f3.txt';
const SEED_REPORT = 'north-korea-at-the-paralympics';

/** Every record of one file as read, with the problems reported. */
async function readAll(file: string, limits = DATA_FILE_LIMITS) {
  const found: Omit<DataProblem, 'file'>[] = [];
  const items: RawItem[] = [];
  let bytes = 0;
  await readRecords(
    dir,
    file,
    (code, record, field, message) => found.push({ code, record, field, message }),
    (chunk) => {
      bytes += chunk.length;
    },
    (item) => items.push(item),
    limits,
  );
  return { problems: found, items, bytes };
}

describe('data files are regular files inside the data directory', () => {
  it('refuses a data file that is a symbolic link, to a secret or to a file outside', async () => {
    await rm(path.join(dir, 'people.json'));
    await symlink('/proc/self/environ', path.join(dir, 'people.json'));
    await writeFile(path.join(outside, 'results.json'), await readFile(path.join(DATA_DIR, 'results.json')));
    await rm(path.join(dir, 'results.json'));
    await symlink(path.join(outside, 'results.json'), path.join(dir, 'results.json'));
    const found = await problems();
    expect(found).toContainEqual(expect.objectContaining({ code: 'SYMBOLIC_LINK', file: 'people.json', record: null }));
    expect(found).toContainEqual(expect.objectContaining({ code: 'SYMBOLIC_LINK', file: 'results.json' }));
    await expectRealDataLoads();
  });

  it('refuses a source text that is a symbolic link, so Report.text cannot publish other files', async () => {
    await rm(path.join(dir, SEED_TEXT));
    await symlink('/proc/self/environ', path.join(dir, SEED_TEXT));
    expect(await problems()).toContainEqual(
      expect.objectContaining({ code: 'SYMBOLIC_LINK', file: 'reports.json', record: SEED_REPORT, field: 'textFile' }),
    );
    await expectRealDataLoads();
  });

  it('refuses a sources/ directory that is a symbolic link', async () => {
    await rename(path.join(dir, 'sources'), path.join(outside, 'sources'));
    await symlink(path.join(outside, 'sources'), path.join(dir, 'sources'));
    const found = await problems();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((problem) => problem.code === 'SYMBOLIC_LINK' && problem.field === 'textFile')).toBe(true);
    await expectRealDataLoads();
  });

  it('accepts a data directory that is itself reached through a symbolic link', async () => {
    const link = path.join(outside, 'data');
    await symlink(dir, link);
    expect((await loadGraph(link)).count('report')).toBeGreaterThan(0);
  });

  it('refuses a FIFO at once instead of waiting for a writer, and a directory', async () => {
    await rm(path.join(dir, 'people.json'));
    execFileSync('mkfifo', [path.join(dir, 'people.json')]);
    await rm(path.join(dir, 'events.json'));
    await mkdir(path.join(dir, 'events.json'));
    const found = await problems();
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'NOT_A_REGULAR_FILE',
        file: 'people.json',
        message: expect.stringContaining('FIFO'),
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'NOT_A_REGULAR_FILE',
        file: 'events.json',
        message: expect.stringContaining('directory'),
      }),
    );
    await expectRealDataLoads();
  });

  it('refuses devices such as /dev/zero, which would fill memory', async () => {
    await expect(openDataFile('/dev', 'zero', DATA_FILE_LIMITS.maxTextFileBytes)).rejects.toMatchObject({
      code: 'NOT_A_REGULAR_FILE',
      message: expect.stringContaining('character device'),
    });
    await expect(openDataFile('/dev', 'null', DATA_FILE_LIMITS.maxTextFileBytes)).rejects.toBeInstanceOf(DataFileError);
  });

  it('refuses paths that leave the data directory', async () => {
    for (const relative of ['../etc/passwd', '/etc/passwd', 'sources/../../x', 'sources//x.txt', './people.json']) {
      await expect(readDataText(dir, relative)).rejects.toMatchObject({ code: 'OUTSIDE_DATA_DIR' });
    }
    expect((await readDataText(dir, SEED_TEXT)).text.length).toBeGreaterThan(0);
  });
});

describe('sizes are bounded', () => {
  it('refuses a file over its limit, by its size and by what is actually read', async () => {
    const small = { ...DATA_FILE_LIMITS, maxArrayFileBytes: 1000, maxTextFileBytes: 1000 };
    expect((await readAll('reports.json', small)).problems).toEqual([
      expect.objectContaining({ code: 'FILE_TOO_LARGE', record: null }),
    ]);
    await expect(readDataText(dir, SEED_TEXT, small)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    // /proc files say they are empty, and may not be.
    await expect(readDataText('/proc/self', 'environ', { ...small, maxTextFileBytes: 1 })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });

  it('refuses a 128 MB JSON Lines line after reading little more than the line limit', async () => {
    const file = path.join(dir, 'people.jsonl');
    await rm(path.join(dir, 'people.json'));
    const records = (JSON.parse(await readFile(path.join(DATA_DIR, 'people.json'), 'utf8')) as unknown[]).map(
      (record) => JSON.stringify(record),
    );
    const long = `{"slug":"long","padding":"${'x'.repeat(128 * 1024 * 1024)}"}`;
    await writeFile(file, [records[0], long, ...records.slice(1)].join('\n'));
    const read = await readAll('people.jsonl');
    expect(read.problems).toEqual([
      expect.objectContaining({
        code: 'LINE_TOO_LONG',
        record: 'line 2',
        message: `is longer than the limit of ${DATA_FILE_LIMITS.maxLineBytes} bytes`,
      }),
    ]);
    expect(read.bytes).toBeLessThan(DATA_FILE_LIMITS.maxLineBytes + 2 * 1024 * 1024);
    expect(await problems()).toContainEqual(expect.objectContaining({ code: 'LINE_TOO_LONG', file: 'people.jsonl' }));
    await expectRealDataLoads();
  });

  it('reads a long line in time linear in its length (64 MB, the limit raised)', async () => {
    const file = path.join(dir, 'people.jsonl');
    const value = 'y'.repeat(64 * 1024 * 1024);
    await writeFile(file, `{"slug":"a"}\n{"slug":"long","padding":"${value}"}\n{"slug":"b"}\n`);
    const started = Date.now();
    const read = await readAll('people.jsonl', { ...DATA_FILE_LIMITS, maxLineBytes: 128 * 1024 * 1024 });
    // Joining the line's pieces on every chunk took 25 s here; once, well under one.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(read.problems).toEqual([]);
    expect(read.items.map((item) => (item.value as { slug: string }).slug)).toEqual(['a', 'long', 'b']);
    expect((read.items[1]?.value as { padding?: string } | undefined)?.padding?.length).toBe(value.length);
  }, 30_000);
});

describe('the text of data files', () => {
  it('refuses bytes that are not UTF-8, naming the line, in data files and in source texts', async () => {
    const people = await readFile(path.join(DATA_DIR, 'people.json'));
    const at = people.indexOf('Vitit');
    await writeFile(
      path.join(dir, 'people.json'),
      Buffer.concat([people.subarray(0, at), Buffer.from([0xff, 0xfe]), people.subarray(at)]),
    );
    const line = people.subarray(0, at).toString('utf8').split('\n').length;
    const text = await readFile(path.join(DATA_DIR, SEED_TEXT));
    await writeFile(path.join(dir, SEED_TEXT), Buffer.concat([text, Buffer.from([0xc3, 0x28])]));
    const found = await problems();
    expect(found).toContainEqual(
      expect.objectContaining({ code: 'INVALID_UTF8', file: 'people.json', record: `line ${line}` }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'INVALID_UTF8',
        file: 'reports.json',
        record: SEED_REPORT,
        field: 'textFile',
        message: expect.stringMatching(/^sources\/000_c83323573b55c7f3\.txt \(line \d+\) is not valid UTF-8$/),
      }),
    );
    await expectRealDataLoads();
  });

  it('refuses invalid UTF-8 in a JSON Lines record, naming its line', async () => {
    await rm(path.join(dir, 'people.json'));
    await writeFile(
      path.join(dir, 'people.jsonl'),
      Buffer.concat([Buffer.from('{"slug":"a"}\n{"slug":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}\n')]),
    );
    expect((await readAll('people.jsonl')).problems).toEqual([
      expect.objectContaining({ code: 'INVALID_UTF8', record: 'line 2' }),
    ]);
  });

  it('refuses a key given twice in one object, naming the record and the field', async () => {
    const text = await readFile(path.join(DATA_DIR, 'people.json'), 'utf8');
    await writeFile(
      path.join(dir, 'people.json'),
      text.replace('"slug": "ben-kew",', '"slug": "ben-kew", "slug": "ben-kew",'),
    );
    expect(await problems()).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_JSON_KEY', file: 'people.json', record: 'ben-kew', field: 'slug' }),
    ]);
    await rm(path.join(dir, 'people.json'));
    await writeFile(
      path.join(dir, 'people.jsonl'),
      `{"slug":"a","citations":[{"report":"x"}],"facts":{"name":{"value":"A","value":"B","citations":[{"report":"x","quote":"\\":\\"\\\\"}]}}}\n`,
    );
    expect(await problems()).toContainEqual(
      expect.objectContaining({
        code: 'DUPLICATE_JSON_KEY',
        file: 'people.jsonl',
        record: 'line 1',
        field: 'facts.name.value',
      }),
    );
    await expectRealDataLoads();
  });

  it('refuses prototype keys as fact keys: __proto__, constructor, toString', async () => {
    const people = JSON.parse(await readFile(path.join(DATA_DIR, 'people.json'), 'utf8')) as {
      slug: string;
      facts: Record<string, unknown>;
    }[];
    const [first] = people;
    if (!first) throw new Error('no person in the data');
    const claim = { value: 'x', citations: [{ report: SEED_REPORT }] };
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      first.facts = { ...first.facts, [key]: claim };
      await writeFile(path.join(dir, 'people.json'), JSON.stringify(people));
      expect(await problems(), key).toEqual([
        expect.objectContaining({
          code: 'UNKNOWN_PROPERTY',
          file: 'people.json',
          record: first.slug,
          field: `facts.${key}`,
        }),
      ]);
      delete first.facts[key];
    }
    const text = JSON.stringify(people).replace('"facts":{', `"facts":{"__proto__":${JSON.stringify(claim)},`);
    await writeFile(path.join(dir, 'people.json'), text);
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'RESERVED_KEY',
        file: 'people.json',
        record: first.slug,
        field: 'facts.__proto__',
      }),
    ]);
    await expectRealDataLoads();
  });

  it('refuses nesting deeper than any record needs, without overflowing the stack', async () => {
    await rm(path.join(dir, 'people.json'));
    await writeFile(
      path.join(dir, 'people.jsonl'),
      `{"slug":"deep","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}\n`,
    );
    expect((await readAll('people.jsonl')).problems).toEqual([
      expect.objectContaining({
        code: 'INVALID_RECORD',
        record: 'line 1',
        message: expect.stringContaining('nested deeper'),
      }),
    ]);
  });
});

describe('the duplicate-key check', () => {
  it('finds no duplicate where there is none, and every one there is (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value);
        if (text.includes('"__proto__"')) return;
        expect(strictJsonProblems(text, JSON.parse(text))).toEqual([]);
        const pretty = JSON.stringify(value, null, 2);
        expect(strictJsonProblems(pretty, JSON.parse(pretty))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }), (object) => {
        const [key] = Object.keys(object);
        if (key === undefined || key === '__proto__') return;
        const text = `{${JSON.stringify(key)}:0,${JSON.stringify(object).slice(1)}`;
        expect(strictJsonProblems(text, JSON.parse(text))).toContainEqual(
          expect.objectContaining({ code: 'DUPLICATE_JSON_KEY', path: [key] }),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('counts members outside strings only, escapes included', () => {
    expect(memberCount('{"a:b":"c:\\":d","e\\\\":{"f":[":"]}}')).toBe(3);
  });
});
