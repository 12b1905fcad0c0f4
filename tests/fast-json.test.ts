import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { type ExecutionResult, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_QUERY, TRUSTED_DOCUMENTS } from '../src/examples.js';
import { KINDS } from '../src/graph/kinds.js';
import '../src/http/fast-json.js';
import { schema } from '../src/schema/index.js';
import { graphContexts } from '../src/yoga.js';
import { PROJECT_ROOT, realApp } from './helpers.js';
import { globalIdsOf, type QueryVocabulary, queryArbitrary } from './query-arbitrary.js';

/**
 * Values whose serialisation has corners: escapes, lone surrogates, two-byte and long strings, strings
 * made by concatenation and by slicing, numbers at the edges, holes and undefined, integer-like keys,
 * and everything the fast path must leave to the full algorithm (toJSON, getters, symbols, boxed
 * primitives, class instances). Source text, so that both processes build the very same values.
 */
const AWKWARD = `(() => {
  const long = 'x'.repeat(70000);
  const codes = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
  return [
    codes, codes.join(''), '\\u2028\\u2029', '\\ud800', '\\udfff', 'a\\ud800b', '\\ud83d\\ude00', 'Río «Ju» — “quoted”',
    long, long + '"\\\\\\n', 'Rim Ju'.repeat(3) + '-' + 'song'.repeat(2), long.slice(7, 5000), ('é' + long).slice(1, 3000),
    [0, -0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.1 + 0.2, 2 ** 53, -1.5, 47.87],
    { a: undefined, b: 1, c: () => 1, d: null }, { 1: 'one', a: 'a', '01': 'zero-one', 2: 'two' },
    { [Symbol('s')]: 1, a: 2 }, [undefined, () => 1, Symbol('t'), null], [, 1, , 2],
    { date: new Date(0) }, { toJSON: () => ({ replaced: true }) }, Object.defineProperty({ a: 1 }, 'b', { enumerable: true, get: () => 'got' }),
    Object.assign(Object.create(null), { a: 1 }), new Map([[1, 2]]), [new String('s'), new Number(3), new Boolean(false)],
    new (class Shape { constructor() { this.x = 1; this.y = [2]; } })(), { nested: { deeper: [{ deepest: [[[]]] }, {}] } },
    Object.freeze({ frozen: ['a'] }), [[], {}, '', 0, false, true],
  ];
})()`;

/** The reference: JSON.stringify in a process of its own, without the fast path. */
const REFERENCE = `
import { readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
const [input, awkward, output] = process.argv.slice(2);
const values = [...deserialize(readFileSync(input)), ...new Function('return ' + readFileSync(awkward, 'utf8'))()];
let deep = [];
for (let level = 0; level < 100000; level++) deep = [deep];
const texts = [...values, deep].map((value) => {
  try {
    return JSON.stringify(value);
  } catch (error) {
    return 'threw ' + error.name;
  }
});
writeFileSync(output, serialize(texts));
`;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'paralympics-fast-json-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** What the reference process makes of `values` (structured clones of them), then of AWKWARD, then of a deep nest. */
async function referenceTexts(values: readonly unknown[]): Promise<string[]> {
  const [script, input, awkward, output] = ['reference.mjs', 'values.bin', 'awkward.js', 'texts.bin'].map((name) =>
    path.join(directory, name),
  ) as [string, string, string, string];
  await writeFile(script, REFERENCE);
  await writeFile(input, serialize(values));
  await writeFile(awkward, AWKWARD);
  const run = spawnSync(process.execPath, [script, input, awkward, output], {
    env: { ...process.env, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return deserialize(await readFile(output)) as string[];
}

/** GraphQL answers as the fast lane makes them: graphql-jit's result objects, not parsed copies. */
async function answers(): Promise<unknown[]> {
  const { store } = await realApp();
  const contextFor = graphContexts(store, 'http://127.0.0.1');
  const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const vocabulary: QueryVocabulary = {
    slugs: KINDS.flatMap((kind) =>
      store
        .all(kind)
        .slice(0, 6)
        .map((record) => record.slug),
    ),
    ids: globalIdsOf(store),
    codes: store.all('country').map((country) => country.facts.code),
    words: ['rim', 'ju', 'korea', 'paralympics', 'Río', 'swimming', '2012', ''],
    properties: ['name', 'rank', 'publisher', 'datePublished', 'time', 'participated'],
  };
  const documents: { query: string; variables?: Record<string, unknown> }[] = [
    ...[...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => ({ query: match[1] ?? '' })),
    ...Object.values(TRUSTED_DOCUMENTS).map((query) => ({ query })),
    { query: SEARCH_QUERY, variables: { query: 'rim ju', first: 5 } },
    ...fc.sample(queryArbitrary(schema, vocabulary), { numRuns: 150, seed: 15 }).map((query) => ({ query })),
  ];
  const results: unknown[] = [];
  for (const { query, variables } of documents) {
    const compiled = compileQuery(schema, parse(query));
    if (!isCompiledQuery(compiled)) continue;
    const result = compiled.query(undefined, contextFor('http://127.0.0.1'), variables ?? {}) as ExecutionResult;
    // Errors are class instances (their toJSON is theirs to run): the data is what the lane serialises.
    if (typeof (result as { then?: unknown }).then !== 'function') results.push({ data: result.data });
  }
  const linkedData = contextFor('http://127.0.0.1').linkedData;
  for (const kind of KINDS)
    for (const record of store.all(kind).slice(0, 2)) results.push(linkedData.document([record]));
  return results;
}

describe("V8's fast JSON.stringify", () => {
  it('writes the bytes the full algorithm writes, for answers, linked data, generated JSON and awkward values', async () => {
    const generated = fc.sample(
      fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.string({ unit: 'binary', maxLength: 80 }))),
      { numRuns: 400, seed: 15 },
    );
    const values = [...(await answers()), ...generated];
    const awkward = new Function(`return ${AWKWARD}`)() as unknown[];
    const expected = await referenceTexts(values);
    let deep: unknown[] = [];
    for (let level = 0; level < 100_000; level++) deep = [deep];
    const texts = [...values, ...awkward, deep].map((value) => {
      try {
        return JSON.stringify(value);
      } catch (error) {
        return `threw ${(error as Error).name}`;
      }
    });
    expect(texts.length).toBe(expected.length);
    expect(texts.slice(0, -1)).toEqual(expected.slice(0, -1));
    // The one difference, which shows that this process has the fast path and the reference has not:
    // nesting deeper than the stack is serialised without recursion.
    expect(expected.at(-1)).toBe('threw RangeError');
    expect(texts.at(-1)).toMatch(/^\[\[\[/);
  }, 60_000);
});
