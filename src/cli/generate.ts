import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { dataFileOf, jsonLinesFile, readRecords } from '../graph/data-files.js';
import { FACTS, KINDS, type Kind } from '../graph/kinds.js';
import { parseRef } from '../graph/refs.js';
import { commandOptions } from './options.js';
import { Progress } from './progress.js';

export const GENERATE_USAGE = `Usage: npm run generate -- --scale N --out DIR

Writes a synthetic data directory N times the size of the seed data (DATA_DIR, default ./data), for
benchmarks, as JSON Lines files (results.jsonl and so on, one record per line, streamed when loaded):
the athletes, events and results are copied N times with new names and slugs, every reference
pointing into the same copy, every claim keeping its citations of the real source documents.
Countries (at most 200), their NPCs and delegations, and the reports, organisations and people that
are the sources, grow with N up to 20 copies: a results database of every nation at every Games has
far more results than sources. The Games stay as they are, as in the real world.`;

/** Kinds copied once per copy of the seed. */
const SCALED: readonly Kind[] = ['athlete', 'event', 'result'];
/** Kinds copied for the first copies only: there are only so many countries, and sources. */
const BOUNDED: readonly Kind[] = ['country', 'npc', 'delegation', 'organisation', 'report', 'person'];
const MAX_BOUNDED_COPIES = 20;
/** Room for every code a seed's countries claim, per copy. */
const CODES_PER_COPY = 16;

type RawClaim = { value: unknown; citations: unknown[]; [key: string]: unknown };
type RawRecord = {
  slug: string;
  citations: unknown[];
  facts: Record<string, RawClaim | RawClaim[]>;
  textFile?: string;
};

/** A short distinct word for copy `n`, so that every copy has its own names for search to tell apart. */
const tag = (n: number): string => `g${n.toString(36)}`;

/** A distinct upper-case three-letter code for copy `n` of a country (n ≥ 1), avoiding real codes' shape clash. */
function countryCode(n: number): string {
  let rest = n;
  let code = '';
  for (let place = 0; place < 3; place++) {
    code = String.fromCharCode(65 + (rest % 26)) + code;
    rest = Math.floor(rest / 26);
  }
  return `${code}`;
}

/** Which copy a reference into `kind` lands in, from copy `copy`. */
function targetCopy(kind: Kind, copy: number): number {
  if (SCALED.includes(kind)) return copy;
  if (BOUNDED.includes(kind)) return copy % MAX_BOUNDED_COPIES;
  return 0;
}

const slugIn = (slug: string, copy: number): string => (copy === 0 ? slug : `${slug}-${tag(copy)}`);

function remapValue(kind: Kind, property: string, value: unknown, copy: number): unknown {
  const targets = (FACTS[kind] as Record<string, { refersTo?: readonly Kind[] }>)[property]?.refersTo;
  if (!targets || typeof value !== 'string') return value;
  const ref = parseRef(targets, value);
  if (!ref) return value;
  const slug = slugIn(ref.slug, targetCopy(ref.kind, copy));
  return targets.length === 1 ? slug : `${ref.kind}/${slug}`;
}

function copyRecord(kind: Kind, record: RawRecord, copy: number, countryIndex: Map<string, number>): RawRecord {
  const facts: Record<string, RawClaim[]> = {};
  for (const [property, given] of Object.entries(record.facts)) {
    const claims = Array.isArray(given) ? given : [given];
    facts[property] = claims.map((claim) => {
      let value = remapValue(kind, property, claim.value, copy);
      if ((property === 'name' || property === 'alternateName') && value !== null)
        value = `${String(value)} ${tag(copy)}`;
      if (property === 'code' && (kind === 'country' || kind === 'npc')) {
        value = countryCode((countryIndex.get(String(claim.value)) ?? 0) + copy * CODES_PER_COPY + 26 * 26);
      }
      return { ...claim, value };
    });
  }
  const { textFile: _text, ...rest } = record;
  return { ...rest, slug: slugIn(record.slug, copy), facts };
}

/** Writes records as JSON Lines, which the loader streams: no file is ever one giant string. */
async function writeRecords(file: string, records: Iterable<RawRecord>, onRecord: () => void): Promise<number> {
  const output = createWriteStream(file);
  let count = 0;
  for (const record of records) {
    if (!output.write(`${JSON.stringify(record)}\n`)) await once(output, 'drain');
    count += 1;
    onRecord();
  }
  output.end();
  await once(output, 'finish');
  return count;
}

/** The records of the data the copies are made from, or undefined (after saying why) when unreadable. */
async function readSeed(dataDir: string, kind: Kind): Promise<RawRecord[] | undefined> {
  const problems: string[] = [];
  const report = (_code: string, record: string | null, _field: string | null, message: string) =>
    problems.push(`${record ?? ''} ${message}`.trim());
  const file = await dataFileOf(dataDir, kind, report);
  const records: RawRecord[] = [];
  await readRecords(
    dataDir,
    file,
    report,
    () => {},
    ({ value, refused }) => {
      if (!refused) records.push(value as RawRecord);
    },
  );
  if (problems.length === 0) return records;
  console.error(`Cannot read ${path.join(dataDir, file)}: ${problems.join('; ')}`);
  return undefined;
}

/** `generate`: writes a synthetic data directory; returns the process exit code. */
export async function runGenerate(args: readonly string[]): Promise<number> {
  const values = commandOptions(args, ['scale', 'out'], GENERATE_USAGE);
  if (typeof values === 'number') return values;
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || values.out === undefined) {
    console.error(`--scale must be a whole number of at least 1, and --out a directory.\n\n${GENERATE_USAGE}`);
    return 2;
  }
  const { dataDir } = loadConfig();
  const out = path.resolve(values.out);
  await mkdir(path.join(out, 'sources'), { recursive: true });

  for (const kind of KINDS) {
    const read = await readSeed(dataDir, kind);
    if (read === undefined) return 1;
    const seed: readonly RawRecord[] = read;
    const file = jsonLinesFile(kind);
    // Every code a seed claims (a misspelt one too) gets its own index, so copies keep them distinct.
    const codes = seed.flatMap((record) => [record.facts.code ?? []].flat().map((claim) => String(claim.value)));
    const countryIndex = new Map([...new Set(codes)].map((code, index) => [code, index] as const));
    const copies = SCALED.includes(kind) ? scale : BOUNDED.includes(kind) ? Math.min(scale, MAX_BOUNDED_COPIES) : 1;
    function* records(): Generator<RawRecord> {
      yield* seed;
      for (let copy = 1; copy < copies; copy++)
        for (const record of seed) yield copyRecord(kind, record, copy, countryIndex);
    }
    const progress = new Progress(file, seed.length * copies);
    const count = await writeRecords(path.join(out, file), records(), () => progress.advance());
    progress.finish();
    if (kind === 'report') {
      for (const record of seed) {
        if (record.textFile) await copyFile(path.join(dataDir, record.textFile), path.join(out, record.textFile));
      }
    }
    console.error(`${file}: ${count} records`);
  }
  return 0;
}
