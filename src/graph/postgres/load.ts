import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type postgres from 'postgres';
import type { FactSpecs } from '../facts.js';
import { FullTextIndex } from '../fulltext/index.js';
import { GraphStore } from '../graph-store.js';
import { FACTS, KINDS, type Kind } from '../kinds.js';
import type { ProgressFactory } from '../open.js';
import { modifiedOf } from '../snapshot/format.js';
import type { SnapshotSource } from '../snapshot/read.js';
import { KEYED_INDEXES, RELATIONS } from '../source.js';
import { orderColumn, orderFields, orderIndexes, orderRows, orderTables } from './orders.js';
import { INDEXES, SCHEMA, TABLES } from './schema.js';

/** The version of this table layout: a server refuses a database loaded in another. */
export const POSTGRES_FORMAT = 5;

/** How many bytes of the full-text index's file each row of `fulltext` holds. */
const FULLTEXT_PART = 8 << 20;

/** The chunks of a file as numbered rows of at most `size` bytes each, in bytea's hex input form. */
function* partsOf(chunks: readonly Uint8Array[], size: number): Generator<readonly [number, string]> {
  let part = 0;
  for (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += size) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset + at, Math.min(size, chunk.length - at));
      yield [part++, `\\x${bytes.toString('hex')}`];
    }
  }
}

/** A value in COPY's text format: tabs, newlines and backslashes escaped; null as \N. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) =>
    char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r',
  );
}

const intArray = (ids: ArrayLike<number>) => `{${Array.prototype.join.call(ids, ',')}}`;

/**
 * Copies rows into a table with COPY … FROM STDIN, in writes of a megabyte, waiting for the stream to
 * drain before the next: the rows are made as they are sent, and only a megabyte of them is held.
 */
async function copy(
  sql: postgres.Sql,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly (string | number | boolean | null)[]>,
  onRow: () => void = () => {},
): Promise<void> {
  const stream: Writable = await sql
    .unsafe(`COPY ${SCHEMA}_next.${table} (${columns.join(', ')}) FROM STDIN`)
    .writable();
  let buffer = '';
  for (const row of rows) {
    buffer += `${row.map(field).join('\t')}\n`;
    onRow();
    if (buffer.length >= 1 << 20) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
  }
  stream.end(buffer);
  await once(stream, 'finish');
}

/**
 * Loads a compiled graph into PostgreSQL with COPY, in the schema `paralympics`: tables are filled in
 * a schema of their own, indexed, then swapped in for the old ones in one short transaction, so that
 * servers reading the database never see half a graph. The graph is read from a snapshot (validated
 * when it was compiled: nothing is checked again); `progress` draws a bar over its records. The
 * full-text index is saved with it: `fullText` when given (one read from a cache), else built here;
 * with `fullText: null` none is saved, and each server builds its own from the database.
 */
export async function loadIntoPostgres(
  sql: postgres.Sql,
  source: SnapshotSource,
  { progress, fullText }: { progress?: ProgressFactory; fullText?: FullTextIndex | null } = {},
): Promise<{ rows: number }> {
  const { header, columns, string, section } = source.contents;
  const next = `${SCHEMA}_next`;
  let rows = 0;
  const counted = () => {
    rows += 1;
  };
  const total = columns.arrays.recordSlug.length;
  // Records, then their claims, are most of the rows: the bar follows both, one step per record each.
  const bar = progress?.('Loading the graph into PostgreSQL', 2 * total);
  const STEP = 4096;
  const stepped = (row: number) => {
    if (row % STEP === STEP - 1) bar?.advance(STEP);
  };
  await sql.unsafe(`DROP SCHEMA IF EXISTS ${next} CASCADE`);
  await sql.unsafe(`CREATE SCHEMA ${next}`);
  await sql.unsafe(`${TABLES}\n${orderTables()}`.replaceAll('{schema}', next));

  const kindOf = new Map<number, Kind>();
  await copy(
    sql,
    'meta',
    ['key', 'value'],
    [
      ['format', JSON.stringify(POSTGRES_FORMAT)],
      ['version', JSON.stringify(header.version)],
      ['compiledAt', JSON.stringify(header.compiledAt)],
      ['modified', JSON.stringify(modifiedOf(header))],
      ['kinds', JSON.stringify(header.kinds)],
      ['annotations', JSON.stringify(header.annotations ?? {})],
    ],
    counted,
  );

  const texts = {
    record: section<Uint32Array>('texts.record'),
    file: section<Uint32Array>('texts.file'),
    text: section<Uint32Array>('texts.text'),
  };
  const textFiles = new Map<number, string>();
  for (let at = 0; at < texts.record.length; at++)
    textFiles.set(texts.record[at] as number, string(texts.file[at] as number));

  function* records() {
    for (const kind of KINDS) {
      const { first, count, file } = header.kinds[kind];
      for (let id = first; id < first + count; id++) {
        kindOf.set(id, kind);
        stepped(id);
        yield [
          id,
          kind,
          columns.slug(id),
          file,
          textFiles.get(id) ?? null,
          columns.arrays.recordCitations[id] as number,
        ] as const;
      }
    }
  }
  await copy(sql, 'records', ['id', 'kind', 'slug', 'file', 'text_file', 'citations'], records(), counted);

  function* claims() {
    for (let id = 0; id < total; id++) {
      stepped(id);
      let position = 0;
      for (const claim of columns.rawClaims(id)) {
        yield [
          id,
          position++,
          claim.property,
          claim.index,
          JSON.stringify(claim.value),
          claim.rank,
          claim.preferred,
          claim.shown,
          claim.citations,
          claim.extra,
        ] as const;
      }
    }
  }
  await copy(
    sql,
    'claims',
    ['record', 'position', 'property', 'index', 'value', 'rank', 'preferred', 'shown', 'citations', 'extra'],
    claims(),
    counted,
  );

  const { citationReport, listOffsets, listItems } = columns.arrays;
  function* citations() {
    for (let id = 0; id < citationReport.length; id++) {
      const citation = columns.citation(id);
      yield [id, citation.report, citation.quote] as const;
    }
  }
  await copy(sql, 'citations', ['id', 'report', 'quote'], citations(), counted);
  function* lists() {
    for (let list = 0; list + 1 < listOffsets.length; list++) {
      for (let at = listOffsets[list] as number; at < (listOffsets[list + 1] as number); at++)
        yield [list, at - (listOffsets[list] as number), listItems[at] as number] as const;
    }
  }
  await copy(sql, 'citation_lists', ['list', 'position', 'citation'], lists(), counted);

  function* relations() {
    for (const relation of RELATIONS) {
      const { first, count } = header.relations[relation];
      const offsets = section<Uint32Array>(`relations.${relation}.offsets`);
      const items = section<Uint32Array>(`relations.${relation}.items`);
      for (let key = 0; key < count; key++) {
        const start = offsets[key] as number;
        const end = offsets[key + 1] as number;
        if (end > start) yield [relation, first + key, end - start, intArray(items.subarray(start, end))] as const;
      }
    }
  }
  await copy(sql, 'relations', ['relation', 'key', 'size', 'items'], relations(), counted);

  const keyedItems = section<Uint32Array>('keyed');
  function* keyed() {
    for (const index of KEYED_INDEXES) {
      for (const [key, [start, length]] of Object.entries(header.keyed[index])) {
        yield [index, key, intArray(keyedItems.subarray(start, start + length))] as const;
      }
    }
  }
  await copy(sql, 'keyed', ['index', 'key', 'items'], keyed(), counted);

  function* references() {
    for (const kind of KINDS) {
      for (const [property, spec] of Object.entries(FACTS[kind] as FactSpecs)) {
        if (!spec.refersTo) continue;
        yield [kind, property, spec.refersTo.length === 1 ? (spec.refersTo[0] as string) : null] as const;
      }
    }
  }
  await copy(sql, 'refs', ['kind', 'property', 'target'], references(), counted);

  function* codes() {
    for (const kind of ['country', 'npc'] as const)
      for (const [code, record] of Object.entries(header.codes[kind])) yield [kind, code, record] as const;
  }
  await copy(sql, 'codes', ['kind', 'code', 'record'], codes(), counted);

  const medals = section<Uint32Array>('medals');
  function* medalRows() {
    const { first, count } = header.kinds.country;
    for (let at = 0; at < count; at++) {
      const [gold, silver, bronze, total] = [0, 1, 2, 3].map((offset) => medals[at * 4 + offset] as number);
      yield [first + at, gold ?? 0, silver ?? 0, bronze ?? 0, total ?? 0] as const;
    }
  }
  await copy(sql, 'medals', ['country', 'gold', 'silver', 'bronze', 'total'], medalRows(), counted);

  function* textRows() {
    for (let at = 0; at < texts.record.length; at++) {
      const text = texts.text[at] as number;
      if (text !== 0xffff_ffff) yield [texts.record[at] as number, string(text)] as const;
    }
  }
  await copy(sql, 'texts', ['record', 'text'], textRows(), counted);

  bar?.advance(2 * total);
  bar?.finish();

  const store = new GraphStore(source);
  for (const kind of KINDS) {
    const fields = orderFields(kind).map(orderColumn);
    await copy(
      sql,
      `order_${kind}`,
      ['id', 'slug', ...fields],
      orderRows(store, kind, header.kinds[kind].first),
      counted,
    );
  }

  const index = fullText === undefined ? FullTextIndex.build(store) : fullText;
  if (index && index.dataVersion !== header.version)
    throw new Error('The full-text index given was built from other data.');
  if (index) await copy(sql, 'fulltext', ['part', 'body'], partsOf(index.toChunks(), FULLTEXT_PART), counted);
  await sql.begin(async (transaction) => {
    // The claims' index sorts every shown claim: with the default 64 MB it sorts on disk at scale.
    await transaction.unsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
    await transaction.unsafe(`${INDEXES}\n${orderIndexes()}`.replaceAll('{schema}', next));
  });
  // The orders are walked by index-only scans, which need the visibility map that VACUUM writes.
  for (const kind of KINDS) await sql.unsafe(`VACUUM ${next}.order_${kind}`);
  await sql.unsafe(`ANALYZE`);
  await sql.begin(async (transaction) => {
    await transaction.unsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await transaction.unsafe(`ALTER SCHEMA ${next} RENAME TO ${SCHEMA}`);
  });
  return { rows };
}
