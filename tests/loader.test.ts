import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DataProblem, DataValidationError } from '../src/graph/errors.js';
import { DATA_FILES, KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import type { EntityRecord } from '../src/graph/model.js';
import type { View } from '../src/graph/store.js';
import { DATA_DIR } from './helpers.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paralympics-data-'));
  await cp(DATA_DIR, dir, { recursive: true });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

type JsonRecord = { slug: string; citations: unknown[]; facts: Record<string, unknown>; [key: string]: unknown };

/** Rewrites one data file of the temporary copy. */
async function edit(file: string, change: (records: JsonRecord[]) => void): Promise<void> {
  const target = path.join(dir, file);
  const records = JSON.parse(await readFile(target, 'utf8')) as JsonRecord[];
  change(records);
  await writeFile(target, JSON.stringify(records));
}

const find = (records: JsonRecord[], slug: string): JsonRecord => {
  const record = records.find((candidate) => candidate.slug === slug);
  if (!record) throw new Error(`no ${slug} in fixture`);
  return record;
};

async function problemsOn(threads: 1 | 2): Promise<DataProblem[]> {
  try {
    await loadGraph(dir, { threads });
  } catch (error) {
    if (error instanceof DataValidationError) return [...error.problems];
    throw error;
  }
  throw new Error('the data loaded, but was expected to be refused');
}

/** The problems of the data, the same whether it is read on one thread or on two (the kinds split between them). */
async function problems(): Promise<DataProblem[]> {
  const one = await problemsOn(1);
  expect(await problemsOn(2)).toEqual(one);
  return one;
}

const citeSeed = [{ report: 'north-korea-at-the-paralympics' }];

describe('loading the real data', () => {
  it('loads every record of every kind', async () => {
    const store = await loadGraph(DATA_DIR);
    for (const kind of KINDS) {
      const records = JSON.parse(await readFile(path.join(DATA_DIR, DATA_FILES[kind]), 'utf8')) as { slug: string }[];
      expect([...store.all(kind)].map((record) => record.slug).sort(), kind).toEqual(
        records.map((record) => record.slug).sort(),
      );
    }
  });
});

describe('JSON Lines data files', () => {
  /** Rewrites one kind's JSON array file of the temporary copy as JSON Lines, one record per line. */
  async function toJsonLines(
    file: string,
    lines = (records: unknown[]) => records.map((record) => JSON.stringify(record)),
  ) {
    const records = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as unknown[];
    await rm(path.join(dir, file));
    await writeFile(path.join(dir, `${file}l`), `${lines(records).join('\n')}\n`);
  }

  it('load the same graph as JSON arrays, streamed a record at a time', async () => {
    for (const kind of KINDS) await toJsonLines(DATA_FILES[kind]);
    const [lines, arrays] = [await loadGraph(dir), await loadGraph(DATA_DIR)];
    for (const kind of KINDS) {
      const strip = (records: View<EntityRecord>) => records.map(({ file: _file, ...rest }) => rest);
      expect(strip(lines.all(kind))).toEqual(strip(arrays.all(kind)));
    }
    expect(lines.get('result', 'rim-ju-song-2012-men-50m-freestyle-s6')?.file).toBe('results.jsonl');
  });

  it('name the line of a record that is not JSON, and refuse a kind kept in both forms', async () => {
    let brokenLine = 0;
    await toJsonLines('results.json', (records) => {
      const lines = [...records.map((record) => JSON.stringify(record)), '', '{"slug": "broken",'];
      brokenLine = lines.length;
      return lines;
    });
    await cp(path.join(DATA_DIR, 'athletes.json'), path.join(dir, 'athletes.jsonl'));
    const found = await problems();
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'INVALID_JSON',
        file: 'results.jsonl',
        record: `line ${brokenLine}`,
        field: null,
        message: expect.stringMatching(/^is not valid JSON at column 19: /),
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'FILE_UNREADABLE',
        file: 'athletes.json',
        message: expect.stringContaining('athletes.jsonl'),
      }),
    );
  });
});

describe('refusing broken data, naming file, record and field', () => {
  it('a file that is not JSON, naming the line and column where it goes wrong', async () => {
    await writeFile(path.join(dir, 'games.json'), '[{"slug": ');
    await writeFile(path.join(dir, 'events.json'), '[\n  {"slug": "x",\n  }\n]');
    expect(await problems()).toEqual([
      expect.objectContaining({ code: 'INVALID_JSON', file: 'games.json', record: null, field: null }),
      expect.objectContaining({
        code: 'INVALID_JSON',
        file: 'events.json',
        message: 'is not valid JSON at line 3, column 3: Expected double-quoted property name',
      }),
    ]);
    expect((await problems())[0]?.message).toMatch(/^is not valid JSON at line 1, column 11: /);
  });

  it('a file that is missing', async () => {
    await rm(path.join(dir, 'people.json'));
    const found = await problems();
    expect(found).toContainEqual(expect.objectContaining({ code: 'FILE_UNREADABLE', file: 'people.json' }));
  });

  it('a file that is not a list of records', async () => {
    await writeFile(path.join(dir, 'events.json'), '{"slug": "x"}');
    expect(await problems()).toContainEqual(
      expect.objectContaining({ code: 'INVALID_RECORD', file: 'events.json', record: null }),
    );
  });

  it('a record without citations, named by its position when its slug is bad', async () => {
    await edit('athletes.json', (records) => {
      find(records, 'rim-ju-song').citations = [];
      records.push({ slug: 'Not A Slug', citations: citeSeed, facts: {} });
    });
    const found = await problems();
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'INVALID_RECORD',
        file: 'athletes.json',
        record: 'rim-ju-song',
        field: 'citations',
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({ code: 'INVALID_RECORD', file: 'athletes.json', record: 'Not A Slug', field: 'slug' }),
    );
  });

  it('a property the kind does not have', async () => {
    await edit('athletes.json', (records) => {
      find(records, 'kim-chol-ung').facts.gendr = { value: 'MALE', citations: citeSeed };
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_PROPERTY',
        file: 'athletes.json',
        record: 'kim-chol-ung',
        field: 'facts.gendr',
      }),
    ]);
  });

  it('a value of the wrong type or outside its enum', async () => {
    await edit('results.json', (records) => {
      find(records, 'song-kum-jong-2016-women-discus-f56-57').facts.status = { value: 'WON', citations: citeSeed };
      find(records, 'rim-ju-song-2012-men-50m-freestyle-s6').facts.heat = { value: 'two', citations: citeSeed };
    });
    const found = await problems();
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'INVALID_VALUE',
        file: 'results.json',
        record: 'song-kum-jong-2016-women-discus-f56-57',
        field: 'facts.status[0].value',
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'INVALID_VALUE',
        record: 'rim-ju-song-2012-men-50m-freestyle-s6',
        field: 'facts.heat[0].value',
      }),
    );
  });

  it('a date that is not a calendar date, or more precise than ISO allows', async () => {
    await edit('games.json', (records) => {
      find(records, '2012-summer-paralympics').facts.startDate = { value: '2012-02-30', citations: citeSeed };
      find(records, '2012-summer-paralympics').facts.endDate = { value: '9 September 2012', citations: citeSeed };
    });
    const fields = (await problems()).map((problem) => [problem.code, problem.field]);
    expect(fields).toEqual([
      ['INVALID_VALUE', 'facts.startDate[0].value'],
      ['INVALID_VALUE', 'facts.endDate[0].value'],
    ]);
  });

  it('a required property left out', async () => {
    await edit('events.json', (records) => {
      delete find(records, '2016-men-1500m-t11').facts.sport;
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'MISSING_VALUE',
        file: 'events.json',
        record: '2016-men-1500m-t11',
        field: 'facts.sport',
      }),
    ]);
  });

  it('the same value claimed twice instead of citing both sources once', async () => {
    await edit('results.json', (records) => {
      const facts = find(records, 'song-kum-jong-2016-women-discus-f56-57').facts;
      facts.rank = [
        { value: 12, citations: citeSeed },
        { value: 12, citations: citeSeed },
      ];
    });
    expect(await problems()).toContainEqual(
      expect.objectContaining({ code: 'DUPLICATE_VALUE', field: 'facts.rank[1].value' }),
    );
  });

  it('conflicting values with none, or two, marked preferred', async () => {
    await edit('results.json', (records) => {
      const rank = find(records, 'rim-ju-song-2012-men-50m-freestyle-s6').facts.rank as { rank?: string }[];
      for (const claim of rank) delete claim.rank;
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'AMBIGUOUS_PREFERENCE',
        file: 'results.json',
        record: 'rim-ju-song-2012-men-50m-freestyle-s6',
        field: 'facts.rank',
      }),
    ]);
  });

  it('a preferred value among others without a reason', async () => {
    await edit('results.json', (records) => {
      const rank = find(records, 'rim-ju-song-2012-men-50m-freestyle-s6').facts.rank as { reason?: string }[];
      delete rank[0]?.reason;
    });
    expect(await problems()).toEqual([
      expect.objectContaining({ code: 'MISSING_REASON', field: 'facts.rank[0].reason' }),
    ]);
  });

  it('two records with one slug', async () => {
    await edit('people.json', (records) => {
      records.push({ ...find(records, 'ben-kew') });
    });
    expect(await problems()).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_SLUG', file: 'people.json', record: 'ben-kew', field: 'slug' }),
    ]);
  });

  it('two records with one natural key', async () => {
    await edit('countries.json', (records) => {
      const copy = structuredClone(find(records, 'cuba'));
      copy.slug = 'cuba-again';
      records.push(copy);
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_KEY',
        file: 'countries.json',
        record: 'cuba-again',
        field: 'facts.code',
      }),
    ]);
  });

  it('a reference to an entity that does not exist', async () => {
    await edit('results.json', (records) => {
      find(records, 'kim-chol-ung-2016-men-1500m-t11').facts.guide = { value: 'nobody', citations: citeSeed };
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'UNRESOLVED_REFERENCE',
        file: 'results.json',
        record: 'kim-chol-ung-2016-men-1500m-t11',
        field: 'facts.guide[0].value',
        message: 'names athlete "nobody", which does not exist',
      }),
    ]);
  });

  it('a reference that may name several kinds without saying which', async () => {
    await edit('reports.json', (records) => {
      find(records, 'north-korea-wants-role-in-paralympics').facts.author = { value: 'ben-kew', citations: citeSeed };
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'INVALID_VALUE',
        record: 'north-korea-wants-role-in-paralympics',
        field: 'facts.author[0].value',
      }),
    ]);
  });

  it('a citation of a report that does not exist', async () => {
    await edit('organisations.json', (records) => {
      find(records, 'yahoo-news').citations = [{ report: 'yahoo-2012' }];
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'UNRESOLVED_REFERENCE',
        file: 'organisations.json',
        record: 'yahoo-news',
        field: 'citations[0].report',
      }),
    ]);
  });

  it('a quote that is not in the text of the report it cites', async () => {
    await edit('athletes.json', (records) => {
      find(records, 'song-kum-jong').citations = [
        { report: 'north-korea-at-the-paralympics', quote: 'Song Kum Jong won gold.' },
      ];
    });
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'QUOTE_NOT_FOUND',
        file: 'athletes.json',
        record: 'song-kum-jong',
        field: 'citations[0].quote',
      }),
    ]);
  });

  it('a report whose text file is missing', async () => {
    await rm(path.join(dir, 'sources', '003_50031ac44f0c6e28.txt'));
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'FILE_UNREADABLE',
        file: 'reports.json',
        record: 'handicap-international-north-korea',
        field: 'textFile',
      }),
    ]);
  });

  it('lists every problem in one message', async () => {
    await edit('athletes.json', (records) => {
      find(records, 'kim-chol-ung').facts.gendr = { value: 'MALE', citations: citeSeed };
      find(records, 'ri-kum-song').facts.country = { value: 'atlantis', citations: citeSeed };
    });
    await expect(loadGraph(dir)).rejects.toThrow(
      /2 problems[\s\S]*athletes\.json › kim-chol-ung › facts\.gendr[\s\S]*athletes\.json › ri-kum-song › facts\.country\[0\]\.value: names country "atlantis"/,
    );
  });
});

describe('claim qualifiers and languages', () => {
  it('load with their defaults: exact values, English text, no language on other values', async () => {
    const store = await loadGraph(DATA_DIR);
    for (const kind of KINDS) {
      for (const record of store.all(kind)) {
        for (const claim of record.claims) {
          if (claim.bound !== null) expect(claim.value).toMatch(/^\d{4}/);
          if (claim.approximate) expect(typeof claim.value).toBe('number');
          if (claim.target !== null || typeof claim.value !== 'string') expect(claim.lang).toBeNull();
        }
      }
    }
    const name = store.get('athlete', 'song-kum-jong')?.claims.find((claim) => claim.property === 'name');
    expect(name).toMatchObject({ lang: 'en', bound: null, approximate: false, hedge: null });
  });

  it('keep what the data says: a bound, an approximate quantity, a hedge, a language', async () => {
    await edit('reports.json', (records) => {
      const facts = find(records, 'north-korea-wants-role-in-paralympics').facts;
      facts.datePublished = { value: '2018', bound: 'onOrAfter', citations: citeSeed };
      facts.alternateName = { value: '북한', lang: 'ko', hedge: 'reportedly', citations: citeSeed };
    });
    await edit('results.json', (records) => {
      find(records, 'song-kum-jong-2016-women-discus-f56-57').facts.mark = {
        value: 12.08,
        approximate: true,
        citations: citeSeed,
      };
    });
    const store = await loadGraph(dir);
    const claim = (kind: 'report' | 'result', slug: string, property: string) =>
      store.get(kind, slug)?.claims.find((candidate) => candidate.property === property);
    expect(claim('report', 'north-korea-wants-role-in-paralympics', 'datePublished')).toMatchObject({
      value: '2018',
      bound: 'onOrAfter',
      lang: null,
    });
    expect(claim('report', 'north-korea-wants-role-in-paralympics', 'alternateName')).toMatchObject({
      value: '북한',
      lang: 'ko',
      hedge: 'reportedly',
    });
    expect(claim('result', 'song-kum-jong-2016-women-discus-f56-57', 'mark')).toMatchObject({
      value: 12.08,
      approximate: true,
    });
  });

  it('refuse a qualifier on a value it cannot qualify, and a language tag that is not BCP 47', async () => {
    await edit('results.json', (records) => {
      const facts = find(records, 'song-kum-jong-2016-women-discus-f56-57').facts;
      facts.mark = { value: 12.08, bound: 'onOrBefore', citations: citeSeed };
      facts.status = { value: 'FINISHED', approximate: true, lang: 'en', citations: citeSeed };
    });
    await edit('athletes.json', (records) => {
      const facts = find(records, 'song-kum-jong').facts;
      facts.alternateName = [
        { value: 'Song', lang: 'not a tag', citations: citeSeed },
        { value: 'Kum Jong', lang: 'KO', citations: citeSeed },
      ];
      facts.country = { value: 'north-korea', approximate: true, citations: citeSeed };
    });
    await edit('games.json', (records) => {
      find(records, '2012-summer-paralympics').facts.startDate = {
        value: '2012-08-29',
        bound: 'sometime',
        citations: citeSeed,
      };
    });
    const found = (await problems()).map(({ code, record, field }) => ({ code, record, field }));
    expect(found).toEqual(
      expect.arrayContaining([
        { code: 'INVALID_QUALIFIER', record: 'song-kum-jong-2016-women-discus-f56-57', field: 'facts.mark[0].bound' },
        {
          code: 'INVALID_QUALIFIER',
          record: 'song-kum-jong-2016-women-discus-f56-57',
          field: 'facts.status[0].approximate',
        },
        { code: 'INVALID_QUALIFIER', record: 'song-kum-jong-2016-women-discus-f56-57', field: 'facts.status[0].lang' },
        { code: 'INVALID_RECORD', record: 'song-kum-jong', field: 'facts.alternateName[0].lang' },
        { code: 'INVALID_RECORD', record: 'song-kum-jong', field: 'facts.alternateName[1].lang' },
        { code: 'INVALID_RECORD', record: '2012-summer-paralympics', field: 'facts.startDate[0].bound' },
      ]),
    );
    expect(found).toHaveLength(6);
  });
});

describe('a claim that the sources give no value', () => {
  it('loads with its note, leaving the plain value empty', async () => {
    await edit('reports.json', (records) => {
      find(records, 'north-korea-wants-role-in-paralympics').facts.url = {
        value: null,
        note: 'The seed gives no address for it.',
        citations: citeSeed,
      };
    });
    const report = (await loadGraph(dir)).get('report', 'north-korea-wants-role-in-paralympics');
    expect(report?.facts.url).toBeNull();
    expect(report?.claims.find((claim) => claim.property === 'url')).toMatchObject({
      value: null,
      note: 'The seed gives no address for it.',
      lang: null,
    });
  });

  it('is refused without a note, beside a value, or for a property every record must have', async () => {
    await edit('reports.json', (records) => {
      const facts = find(records, 'north-korea-wants-role-in-paralympics').facts;
      facts.url = { value: null, citations: citeSeed };
      facts.reportKind = { value: null, note: 'Unknown.', citations: citeSeed };
      facts.alternateName = [
        { value: 'An article', citations: citeSeed },
        { value: null, note: 'No other name.', citations: citeSeed },
      ];
    });
    const found = (await problems()).map(({ code, field }) => [code, field]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['INVALID_VALUE', 'facts.url[0].value'],
        ['INVALID_VALUE', 'facts.reportKind[0].value'],
        ['INVALID_VALUE', 'facts.alternateName[1].value'],
      ]),
    );
  });
});
