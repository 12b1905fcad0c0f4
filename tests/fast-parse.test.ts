import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FactSpecs } from '../src/graph/facts.js';
import { DATA_FILES, FACTS, KINDS, type Kind } from '../src/graph/kinds.js';
import { rawRecord } from '../src/graph/records.js';
import { fastParser, REJECTED } from '../src/graph/validate/fast-parse.js';
import { DATA_DIR, generatedDataDir, PROJECT_ROOT } from './helpers.js';

/** Every record of a data directory, as JSON.parse gives it, with the kind of its file. */
async function recordsOf(dataDir: string): Promise<{ kind: Kind; raw: Record<string, unknown> }[]> {
  const records: { kind: Kind; raw: Record<string, unknown> }[] = [];
  for (const file of (await readdir(dataDir)).sort()) {
    const kind = KINDS.find((name) => file === DATA_FILES[name] || file === `${DATA_FILES[name]}l`);
    if (kind === undefined) continue;
    const text = await readFile(path.join(dataDir, file), 'utf8');
    if (file.endsWith('.jsonl')) {
      for (const line of text.split('\n')) if (line.trim() !== '') records.push({ kind, raw: JSON.parse(line) });
    } else {
      for (const raw of JSON.parse(text) as Record<string, unknown>[]) records.push({ kind, raw });
    }
  }
  return records;
}

/** The fast path agrees with zod: what it accepts zod accepts, with the same output, keys in the same order. */
function expectAgreement<T>(schema: z.ZodType<T>, value: unknown): 'fast' | 'zod' {
  const fast = fastParser(schema);
  if (!fast) throw new Error('no fast path for the schema');
  const parsed = fast(structuredClone(value));
  const reference = schema.safeParse(structuredClone(value));
  if (parsed === REJECTED) return 'zod';
  expect(reference.success).toBe(true);
  expect(parsed).toStrictEqual(reference.data);
  expect(JSON.stringify(parsed)).toBe(JSON.stringify(reference.data));
  return 'fast';
}

const specSchemas = (): z.ZodType[] => [
  ...new Set(KINDS.flatMap((kind) => Object.values(FACTS[kind] as FactSpecs).map((spec) => spec.schema))),
];

let generated: string;
beforeAll(async () => {
  generated = await generatedDataDir(3);
});
afterAll(async () => {
  await rm(generated, { recursive: true, force: true });
});

describe("the fast path through the data's zod schemas", () => {
  it('takes every record of the seed data and of a generated graph, giving what zod gives', async () => {
    for (const dataDir of [DATA_DIR, generated]) {
      const records = await recordsOf(dataDir);
      expect(records.length).toBeGreaterThan(0);
      for (const { raw } of records) expect(expectAgreement(rawRecord, raw)).toBe('fast');
    }
  });

  it("takes every claim's value that its property's schema takes", async () => {
    let values = 0;
    for (const { kind, raw } of await recordsOf(DATA_DIR)) {
      const specs = FACTS[kind] as FactSpecs;
      for (const [property, claims] of Object.entries(rawRecord.parse(raw).facts)) {
        const spec = specs[property];
        for (const claim of spec ? claims : []) {
          if (claim.value === null || !spec?.schema.safeParse(claim.value).success) continue;
          expect(expectAgreement(spec.schema, claim.value)).toBe('fast');
          values += 1;
        }
      }
    }
    expect(values).toBeGreaterThan(0);
  });

  it('never takes a record zod refuses, nor gives a different output, however a record is changed', async () => {
    const seeds = (await recordsOf(DATA_DIR)).map(({ raw }) => raw);
    const tricky = fc.constantFrom(
      '',
      ' ',
      ' padded ',
      'UPPER',
      'a--b',
      '-a',
      'sources/x.txt',
      'sources/../x.txt',
      '2012-02-30',
      '2012-13',
      '2012',
      'en',
      'EN',
      'en-gb',
      'xx-',
      'preferred',
      'deprecated',
      'onOrBefore',
      -1,
      0,
      1.5,
      2012,
      true,
      null,
      [],
      {},
      [{ report: 'x' }],
      { report: 'x', quote: ' ' },
      { value: 1, citations: [{ report: 'x' }] },
    );
    const change = fc.record({
      record: fc.nat(),
      at: fc.nat(),
      how: fc.constantFrom('replace', 'delete', 'add'),
      value: fc.oneof(tricky, fc.jsonValue({ maxDepth: 2 })),
      key: fc.constantFrom('extra', 'constructor', 'toString', 'rank', 'value', 'quote', 'lang', 'bound'),
    });
    const outcomes = { fast: 0, zod: 0 };
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
        const record = structuredClone(seeds[(changes[0]?.record ?? 0) % seeds.length]) as unknown;
        for (const { at, how, value, key } of changes) applyChange(record, at, how, value, key);
        outcomes[expectAgreement(rawRecord, record)] += 1;
      }),
      { numRuns: 1500 },
    );
    // Both ways were taken: the changes made valid records as well as broken ones.
    expect(outcomes.fast).toBeGreaterThan(0);
    expect(outcomes.zod).toBeGreaterThan(0);
  });

  it("never takes a value a property's schema refuses", () => {
    const schemas = specSchemas();
    const value = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        ' x',
        'x ',
        '2012-02-29',
        '2011-02-29',
        '2012-00',
        'http://a.b',
        'ftp://a.b',
        'en-GB',
        'S6',
      ),
      fc.string(),
      fc.double(),
      fc.integer({ min: -3, max: 3 }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.nat(), value, (which, candidate) => {
        expectAgreement(schemas[which % schemas.length] as z.ZodType, candidate);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves it all to zod where code may not be generated', async () => {
    const script = [
      "const { fastParser } = await import('./src/graph/validate/fast-parse.ts');",
      "const { rawRecord } = await import('./src/graph/records.ts');",
      'console.log(fastParser(rawRecord) === undefined);',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: PROJECT_ROOT },
    );
    expect(stdout.trim()).toBe('true');
  });

  it('is not made for a schema with parts it does not know, leaving it all to zod', () => {
    expect(fastParser(z.object({ when: z.date() }))).toBeUndefined();
    expect(fastParser(z.looseObject({ a: z.string() }))).toBeUndefined();
    expect(fastParser(z.strictObject({ a: z.string().optional() }))).toBeDefined();
  });
});

/** Changes one place of a record: the `at`-th value met walking it (arrays and objects included). */
function applyChange(record: unknown, at: number, how: string, value: unknown, key: string): void {
  const places: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        places.push({ parent: node, key: index });
        walk(item);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [name, item] of Object.entries(node)) {
        places.push({ parent: node as Record<string, unknown>, key: name });
        walk(item);
      }
    }
  };
  walk(record);
  const place = places[at % Math.max(1, places.length)];
  if (!place) return;
  const { parent } = place;
  if (how === 'replace') (parent as Record<string | number, unknown>)[place.key] = structuredClone(value);
  else if (how === 'delete') {
    if (Array.isArray(parent)) parent.splice(place.key as number, 1);
    else delete parent[place.key as string];
  } else if (!Array.isArray(parent)) {
    Object.defineProperty(parent, key, {
      value: structuredClone(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}
