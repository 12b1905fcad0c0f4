import { AsyncLocalStorage } from 'node:async_hooks';
import postgres from 'postgres';
import { GenerationalCache } from '../cache.js';
import { entityRecord } from '../entity-record.js';
import type { FactSpecs } from '../facts.js';
import { FACTS, KINDS, type Kind } from '../kinds.js';
import type { Citation, Claim, ClaimRank, ClaimValue, EntityRecord } from '../model.js';
import { parseRef } from '../refs.js';
import { modifiedOf, type SnapshotHeader } from '../snapshot/format.js';
import {
  ArrayIdList,
  type ClaimCell,
  EMPTY_IDS,
  type FactTest,
  type GraphSource,
  type IdList,
  intersect,
  type KeptOrder,
  type KeyedIndex,
  type OrderBound,
  type OrderByTerm,
  RangeIdList,
  RELATIONS,
  type Relation,
  type RelationLists,
} from '../source.js';
import type { Medals } from '../store.js';
import { POSTGRES_FORMAT } from './load.js';
import { type OrderTerm, orderedIdsQuery, orderTerms } from './orders.js';
import { SCHEMA } from './schema.js';

/** The PostgreSQL data changed under a running server: its caches would mix two versions. */
export class StoreChangedError extends Error {
  constructor(opened: string, now: string) {
    super(`The graph in PostgreSQL changed (version ${opened} → ${now}) while this server ran: restart it.`);
    this.name = 'StoreChangedError';
  }
}

/** One piece of data a pass lacked. */
type Need =
  | { readonly type: 'record'; readonly id: number }
  | { readonly type: 'find'; readonly kind: Kind; readonly slug: string }
  | { readonly type: 'list'; readonly table: 'relations' | 'keyed'; readonly name: string; readonly key: string }
  | { readonly type: 'facts'; readonly kind: Kind; readonly property: string; readonly value: string }
  | { readonly type: 'text'; readonly id: number }
  /** A fact of every record of a kind: its shown values, or (`every`) each claim with its rank. */
  | { readonly type: 'column'; readonly kind: Kind; readonly property: string; readonly every?: boolean }
  | { readonly type: 'relation'; readonly relation: Relation }
  | { readonly type: 'fulltext' }
  | {
      readonly type: 'order';
      readonly kind: Kind;
      readonly terms: readonly OrderTerm[];
      readonly lower: OrderBound | null;
      readonly upper: OrderBound | null;
      readonly backward: boolean;
      readonly limit: number;
    };

/** How one pass of work ended. */
type Outcome<T> = { readonly value: T } | { readonly error: unknown };

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** An outcome once its promise, if it holds one, has settled. */
async function completed<T>(outcome: Outcome<T>): Promise<Outcome<unknown>> {
  if (!('value' in outcome) || !isThenable(outcome.value)) return outcome;
  try {
    return { value: await outcome.value };
  } catch (error) {
    return { error };
  }
}

/** One run of a piece of work: what its passes lacked, and what was fetched for it (kept until it ends). */
interface Run {
  readonly needs: Map<string, Need>;
  readonly held: Map<string, unknown>;
  /** Its answer is given: work still running after it (a deferred part) may no longer use stand-ins. */
  closed: boolean;
}

/** How many passes one piece of work may take before it is refused: a page needs three or four. */
const MAX_PASSES = 24;
/** Records, lists and pages kept between requests (twice these at most). */
const CACHED_RECORDS = 20_000;
const CACHED_LISTS = 5_000;
/** Every query is prepared once per connection: the same few shapes run again and again. */
const PREPARED = { prepare: true } as const;
/**
 * How many members of a list asked for are fetched with it, with what they name; and how many records
 * a relation of a record looked up by slug may hold to be fetched whole with it.
 */
const LIST_PREFETCH = 100;
/** Whole columns and relations kept for filters (twice this at most). */
const CACHED_COLUMNS = 8;
/** Parts of orders walked, kept for the next request (twice this at most), each of at most CACHED_PART_IDS ids. */
const CACHED_ORDER_PARTS = 256;
const CACHED_PART_IDS = 4_096;

interface RecordRow {
  readonly id: number;
  readonly kind: Kind;
  readonly slug: string;
  readonly file: string;
  readonly text_file: string | null;
  readonly citations: number;
}

interface ClaimRow {
  readonly record: number;
  readonly property: string;
  readonly index: number;
  readonly value: ClaimValue | null;
  readonly rank: ClaimRank;
  readonly preferred: boolean;
  readonly shown: boolean;
  readonly citations: number;
  readonly extra: Record<string, unknown>;
}

/**
 * The graph read from PostgreSQL (`STORE=postgres`), by any number of servers sharing one database.
 *
 * Readers of the store are synchronous code (resolvers, the linked-data mapping, pages); this source
 * answers them from what it holds and, for anything it lacks, notes the need and throws. `read` runs
 * the work, fetches everything one pass lacked in one round trip (the queries are sent together), and
 * runs it again: a page takes as many passes as the chain of records it follows is long, and each
 * fetch brings ahead what pages read next (see #fetchRecords), so that an entity page takes one and
 * most others two or three. What was fetched stays in bounded caches, shared by later requests:
 * the data is immutable for the life of the server (its version is checked on every fetch).
 */
export class PostgresSource implements GraphSource {
  readonly #sql: postgres.Sql;
  readonly #kinds: SnapshotHeader['kinds'];
  readonly #firsts: Int32Array;
  readonly #codes: Map<string, number>;
  readonly #medals: Map<number, Medals>;
  readonly #annotations: Readonly<Record<string, unknown>>;
  readonly #records = new GenerationalCache<number, EntityRecord>(CACHED_RECORDS);
  readonly #lists = new GenerationalCache<string, unknown>(CACHED_LISTS);
  readonly #citationLists = new GenerationalCache<number, readonly Citation[]>(CACHED_LISTS);
  /** Whole columns and relations, fetched for answering filters over ids (query/ids.ts). */
  readonly #columns = new GenerationalCache<string, FactColumn | ClaimColumn | RelationLists>(CACHED_COLUMNS);
  /** Parts of orders other than the display order, as walked in the database (see inOrder). */
  readonly #orderParts = new GenerationalCache<string, Uint32Array>(CACHED_ORDER_PARTS);
  readonly #ids = new WeakMap<EntityRecord, number>();
  #current: Run | undefined;
  /** What is being fetched now, by need, for requests that lack the same. */
  readonly #inflight = new Map<string, Promise<ReadonlyMap<string, unknown>>>();
  /** The run of work that continues after an await (an asynchronous resolver), where #current is gone. */
  readonly #runs = new AsyncLocalStorage<Run>();
  /** Pieces of work run, and the round trips they took: for the benchmark and the curious. */
  readonly counts = {
    reads: 0,
    roundTrips: 0,
    /** Records built from fetched rows, by kind. */
    records: Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>,
  };

  private constructor(
    sql: postgres.Sql,
    readonly version: string,
    readonly modified: string,
    kinds: SnapshotHeader['kinds'],
    codes: Map<string, number>,
    medals: Map<number, Medals>,
    annotations: Readonly<Record<string, unknown>>,
  ) {
    this.#annotations = annotations;
    this.#sql = sql;
    this.#kinds = kinds;
    this.#firsts = new Int32Array(KINDS.map((kind) => kinds[kind].first));
    this.#codes = codes;
    this.#medals = medals;
  }

  /** Connects, and reads what every request needs: the version, the kinds' ranges, codes and medals. */
  static async open(url: string, { max = 10 }: { max?: number } = {}): Promise<PostgresSource> {
    const sql = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'paralympics-graph' } });
    try {
      const meta = await sql
        .unsafe<{ key: string; value: unknown }[]>(`SELECT key, value FROM ${SCHEMA}.meta`)
        .catch((error: Error) => {
          throw new Error(
            `No graph in this database (${error.message}): load it with npm run compile -- --to postgres`,
          );
        });
      const values = new Map(meta.map((row) => [row.key, row.value]));
      if (values.get('format') !== POSTGRES_FORMAT) {
        throw new Error(
          `The graph in this database is in format ${String(values.get('format'))}; this server reads ${POSTGRES_FORMAT}: load it again with npm run compile -- --to postgres`,
        );
      }
      const codes = await sql.unsafe<{ kind: string; code: string; record: number }[]>(
        `SELECT kind, code, record FROM ${SCHEMA}.codes`,
      );
      const medals = await sql.unsafe<({ country: number } & Medals)[]>(
        `SELECT country, gold, silver, bronze, total FROM ${SCHEMA}.medals`,
      );
      return new PostgresSource(
        sql,
        String(values.get('version')),
        // Loaded before `modified` was recorded: the time it was compiled.
        typeof values.get('modified') === 'string'
          ? String(values.get('modified'))
          : modifiedOf({ inputs: [], compiledAt: String(values.get('compiledAt')) }),
        values.get('kinds') as SnapshotHeader['kinds'],
        new Map(codes.map((row) => [`${row.kind}/${row.code}`, row.record])),
        new Map(medals.map(({ country, gold, silver, bronze, total }) => [country, { gold, silver, bronze, total }])),
        annotationsOf(values.get('annotations')),
      );
    } catch (error) {
      await sql.end();
      throw error;
    }
  }

  annotation(name: string): unknown {
    return Object.hasOwn(this.#annotations, name) ? this.#annotations[name] : undefined;
  }

  #kindOf(id: number): Kind {
    const firsts = this.#firsts;
    for (let kind = firsts.length - 1; kind > 0; kind--) if (id >= (firsts[kind] as number)) return KINDS[kind] as Kind;
    return KINDS[0] as Kind;
  }

  /**
   * What a pass holds under `key`, where the caches lack it; else a note that it lacks it, and
   * `absent()` in its place (nothing found, an empty list), so that the pass goes on and finds
   * everything else it lacks. A pass that lacked anything is discarded, whatever it made of the
   * stand-ins. (Callers look in their cache first: a hit builds no key, need or stand-in.)
   */
  #lacked<T>(key: string, need: () => Need, absent: () => T): T {
    const run = this.#current ?? this.#runs.getStore();
    const held = run?.held.get(key);
    if (held !== undefined) return held as T;
    if (!run) throw new Error('The PostgreSQL store was read outside Store.read: wrap the work in store.read().');
    if (run.closed) throw new Error('The PostgreSQL store was read after its answer was given, and lacked the data.');
    run.needs.set(key, need());
    return absent();
  }

  count(kind: Kind): number {
    return this.#kinds[kind].count;
  }

  find(kind: Kind, slug: string): number {
    const key = `find:${kind}/${slug}`;
    return (
      (this.#lists.get(key) as number | undefined) ??
      this.#lacked(
        key,
        () => ({ type: 'find', kind, slug }),
        () => -1,
      )
    );
  }

  findByCode(kind: 'country' | 'npc', code: string): number {
    return this.#codes.get(`${kind}/${code}`) ?? -1;
  }

  idOf(record: EntityRecord): number {
    return this.#ids.get(record) ?? this.find(record.kind, record.slug);
  }

  record(id: number): EntityRecord {
    return (
      this.#records.get(id) ??
      this.#lacked(
        `record:${id}`,
        () => ({ type: 'record', id }),
        () => this.#standIn(id),
      )
    );
  }

  /** What a pass reads in place of a record it lacks: a record with no facts. */
  #standIn(id: number): EntityRecord {
    const kind = this.#kindOf(id);
    const facts = Object.fromEntries(
      Object.entries(FACTS[kind] as FactSpecs).map(([name, spec]) => [name, spec.cardinality === 'many' ? [] : null]),
    );
    return entityRecord({ kind, slug: '', file: '', citations: [], claims: [], facts, textFile: null });
  }

  all(kind: Kind): IdList {
    const { first, count } = this.#kinds[kind];
    return new RangeIdList(first, count);
  }

  #list(table: 'relations' | 'keyed', name: string, key: string): IdList {
    const cacheKey = `${table}:${name}:${key}`;
    return new LazyIdList(
      () =>
        (this.#lists.get(cacheKey) as Uint32Array | undefined) ??
        this.#lacked(
          cacheKey,
          () => ({ type: 'list', table, name, key }),
          () => NO_IDS,
        ),
    );
  }

  /** A fact of every record of a kind, as its records' `facts` hold it: fetched whole, once. */
  #column(kind: Kind, property: string): FactColumn {
    const key = `column:${kind}.${property}`;
    return (
      (this.#columns.get(key) as FactColumn | undefined) ??
      this.#lacked(
        key,
        () => ({ type: 'column', kind, property }),
        () => NO_COLUMN,
      )
    );
  }

  #values(id: number, property: string): { column: FactColumn; start: number; end: number } {
    const kind = this.#kindOf(id);
    const column = this.#column(kind, property);
    const position = id - this.#kinds[kind].first;
    return { column, start: column.offsets[position] ?? 0, end: column.offsets[position + 1] ?? 0 };
  }

  fact(id: number, property: string): ClaimValue | null {
    const { column, start, end } = this.#values(id, property);
    for (let at = start; at < end; at++) {
      const value = column.values[at] ?? null;
      if (value !== null) return value;
    }
    return null;
  }

  factList(id: number, property: string): readonly (ClaimValue | null)[] {
    const { column, start, end } = this.#values(id, property);
    return column.values.slice(start, end);
  }

  slug(id: number): string {
    return this.record(id).slug;
  }

  claims(id: number, property: string): readonly ClaimCell[] {
    const kind = this.#kindOf(id);
    const key = `claims:${kind}.${property}`;
    const column =
      (this.#columns.get(key) as ClaimColumn | undefined) ??
      this.#lacked(
        key,
        () => ({ type: 'column', kind, property, every: true }),
        () => NO_CLAIMS,
      );
    const position = id - this.#kinds[kind].first;
    return column.cells.slice(column.offsets[position] ?? 0, column.offsets[position + 1] ?? 0);
  }

  relationLists(relation: Relation): RelationLists {
    const key = `relation:${relation}`;
    return (
      (this.#columns.get(key) as RelationLists | undefined) ??
      this.#lacked(
        key,
        () => ({ type: 'relation', relation }),
        () => NO_RELATION,
      )
    );
  }

  related(relation: Relation, id: number): IdList {
    return id < 0 ? EMPTY_IDS : this.#list('relations', relation, String(id));
  }

  keyed(index: KeyedIndex, key: string | number): IdList {
    return this.#list('keyed', index, String(key));
  }

  select(kind: Kind, lists: readonly IdList[], tests: readonly FactTest[]): IdList {
    const { first, count } = this.#kinds[kind];
    const filters = tests.map((test) => {
      const value = JSON.stringify(test.equals);
      const key = `facts:${kind}:${test.property}=${value}`;
      return new LazyIdList(
        () =>
          (this.#lists.get(key) as Uint32Array | undefined) ??
          this.#lacked(
            key,
            () => ({ type: 'facts', kind, property: test.property, value }),
            () => NO_IDS,
          ),
      );
    });
    const all = [...lists, ...filters];
    if (all.length === 0) return new RangeIdList(first, count);
    const ids = intersect(all);
    const kept = ids.filter((id) => id >= first && id < first + count);
    return new ArrayIdList(kept);
  }

  inOrder(kind: Kind, orderBy: readonly OrderByTerm[]): KeptOrder | null {
    const terms = orderTerms(kind, orderBy);
    if (terms === null) return null;
    return {
      ids: (lower, upper, backward, limit) => {
        const key = orderPartKey({ kind, terms, lower, upper, backward, limit });
        return (
          this.#orderParts.get(key) ??
          this.#lacked(
            key,
            () => ({ type: 'order', kind, terms, lower, upper, backward, limit }),
            () => NO_IDS,
          )
        );
      },
    };
  }

  medals(country: number): Medals {
    return this.#medals.get(country) ?? { gold: 0, silver: 0, bronze: 0, total: 0 };
  }

  text(report: number): string | null {
    const key = `text:${report}`;
    const text =
      (this.#lists.get(key) as string | { none: true } | undefined) ??
      this.#lacked<string | { none: true }>(
        key,
        () => ({ type: 'text', id: report }),
        () => ({ none: true }),
      );
    return typeof text === 'string' ? text : null;
  }

  savedFullText(): Uint8Array | null {
    // Not kept here: the registry keeps the index read from it (fulltext/registry.ts).
    return this.#lacked<Uint8Array | null>(
      'fulltext',
      () => ({ type: 'fulltext' }),
      () => NO_BYTES,
    );
  }

  readonly remote = true;

  get lacking(): boolean {
    return ((this.#current ?? this.#runs.getStore())?.needs.size ?? 0) > 0;
  }

  read<T>(work: () => T): T | Promise<T> {
    const run: Run = { needs: new Map(), held: new Map(), closed: false };
    this.counts.reads += 1;
    const outcome = this.#pass(run, work);
    if (run.needs.size === 0 && !('value' in outcome && isThenable(outcome.value))) {
      run.closed = true;
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    }
    return this.#settle(run, work, outcome).finally(() => {
      run.closed = true;
    });
  }

  /** Runs the work once, synchronously, with `run` as the pass (also across its awaits). */
  #pass<T>(run: Run, work: () => T): Outcome<T> {
    const previous = this.#current;
    this.#current = run;
    try {
      return { value: this.#runs.run(run, work) };
    } catch (error) {
      return { error };
    } finally {
      this.#current = previous;
    }
  }

  async #settle<T>(run: Run, work: () => T, first: Outcome<T>): Promise<T> {
    let outcome = first;
    for (let pass = 1; ; pass++) {
      // Work that went asynchronous may lack more once it ends: it is awaited before its needs are read.
      const settled = await completed(outcome);
      if (run.needs.size === 0) {
        if ('error' in settled) throw settled.error;
        return settled.value as T;
      }
      if (pass >= MAX_PASSES) throw new Error(`Reading the graph from PostgreSQL took more than ${MAX_PASSES} passes.`);
      const needs = new Map(run.needs);
      run.needs.clear();
      this.counts.roundTrips += 1;
      await this.#fetch(needs, run);
      outcome = this.#pass(run, work);
    }
  }

  /**
   * Fetches what a pass lacked, and keeps it for the run. What another request is fetching already
   * is awaited rather than asked for again, so that many requests arriving together for one page
   * (a cold cache) fetch it once.
   */
  async #fetch(needs: ReadonlyMap<string, Need>, run: Run): Promise<void> {
    const mine: Need[] = [];
    const keys: string[] = [];
    const others = new Set<Promise<ReadonlyMap<string, unknown>>>();
    for (const [key, need] of needs) {
      const flight = this.#inflight.get(key);
      if (flight) others.add(flight);
      else {
        mine.push(need);
        keys.push(key);
      }
    }
    const flights = [...others];
    if (mine.length > 0) {
      const own = this.#fetchNeeds(mine);
      for (const key of keys) this.#inflight.set(key, own);
      const landed = () => {
        for (const key of keys) if (this.#inflight.get(key) === own) this.#inflight.delete(key);
      };
      own.then(landed, landed);
      flights.push(own);
    }
    for (const fetched of await Promise.all(flights)) for (const [key, value] of fetched) run.held.set(key, value);
  }

  /** Fetches the needs given, with every query sent at once: one round trip. */
  async #fetchNeeds(needs: readonly Need[]): Promise<ReadonlyMap<string, unknown>> {
    const fetched = new Map<string, unknown>();
    const hold = (key: string, value: unknown) => fetched.set(key, value);
    const ids: number[] = [];
    const finds: { kind: Kind; slug: string }[] = [];
    const lists: { table: 'relations' | 'keyed'; name: string; key: string }[] = [];
    const work: Promise<void>[] = [];
    for (const need of needs) {
      if (need.type === 'record') ids.push(need.id);
      else if (need.type === 'find') finds.push(need);
      else if (need.type === 'list') lists.push(need);
      else work.push(this.#fetchOther(need, hold));
    }
    work.push(this.#checkVersion());
    if (ids.length > 0 || finds.length > 0 || lists.length > 0) work.push(this.#fetchRecords(ids, finds, lists, hold));
    await Promise.all(work);
    return fetched;
  }

  async #checkVersion(): Promise<void> {
    const [row] = await this.#sql.unsafe<{ value: unknown }[]>(
      `SELECT value FROM ${SCHEMA}.meta WHERE key = 'version'`,
      [],
      PREPARED,
    );
    if (String(row?.value) !== this.version) throw new StoreChangedError(this.version, String(row?.value));
  }

  /**
   * Records by id and by kind and slug, the lists asked for with their first members, and what a page
   * of those reads next, so that most pages take one round trip: the lists of a record found by slug
   * (the record a page starts from) that are small enough to fetch whole, the records every record
   * fetched names and the records those name (two hops: a result's event and its Games), and the
   * reports their citations quote; each with its claims and citations. Four queries over one set of
   * ids, sent together.
   */
  async #fetchRecords(
    ids: readonly number[],
    finds: readonly { kind: Kind; slug: string }[],
    lists: readonly { table: 'relations' | 'keyed'; name: string; key: string }[],
    hold: (key: string, value: unknown) => void,
  ): Promise<void> {
    const relations = lists.filter((list) => list.table === 'relations');
    const keyed = lists.filter((list) => list.table === 'keyed');
    const parameters = [
      ids,
      finds.map((find) => find.kind),
      finds.map((find) => find.slug),
      relations.map((list) => list.name),
      relations.map((list) => Number(list.key)),
      keyed.map((list) => list.name),
      keyed.map((list) => list.key),
      LIST_PREFETCH,
      RELATIONS,
    ];
    const hop = (from: string) => `
        SELECT t.id FROM ${from} s
          JOIN ${SCHEMA}.claims c ON c.record = s.id
          JOIN ${SCHEMA}.records r ON r.id = c.record
          JOIN ${SCHEMA}.refs p ON p.kind = r.kind AND p.property = c.property
          JOIN ${SCHEMA}.records t
            ON t.kind = coalesce(p.target, split_part(c.value #>> '{}', '/', 1))
           AND t.slug = CASE WHEN p.target IS NULL THEN split_part(c.value #>> '{}', '/', 2) ELSE c.value #>> '{}' END
         WHERE c.preferred AND jsonb_typeof(c.value) = 'string'`;
    const whole = `
      WITH roots AS (
        SELECT r.id FROM ${SCHEMA}.records r
          JOIN unnest($2::text[], $3::text[]) AS f(kind, slug) ON r.kind = f.kind AND r.slug = f.slug
      ), whole AS (
        -- Every relation of each root: its items when it has few, none when it has none, null when many.
        SELECT q.relation, roots.id AS key,
               CASE WHEN x.key IS NULL THEN '{}'::int[] WHEN x.size <= $8 THEN x.items END AS items
          FROM roots CROSS JOIN unnest($9::text[]) AS q(relation)
          LEFT JOIN ${SCHEMA}.relations x ON x.relation = q.relation AND x.key = roots.id
      )`;
    const wanted = `${whole}, seed AS (
        SELECT unnest($1::int[]) AS id
        UNION SELECT id FROM roots
        UNION SELECT unnest(items) FROM whole
        UNION SELECT unnest(x.items[1:$8]) FROM ${SCHEMA}.relations x
          JOIN unnest($4::text[], $5::int[]) AS q(relation, key) ON x.relation = q.relation AND x.key = q.key
        UNION SELECT unnest(x.items[1:$8]) FROM ${SCHEMA}.keyed x
          JOIN unnest($6::text[], $7::text[]) AS q(index, key) ON x.index = q.index AND x.key = q.key
      ), hop AS (${hop('seed')}
      ), hop2 AS (${hop('hop')}
      ), named AS (SELECT id FROM seed UNION SELECT id FROM hop UNION SELECT id FROM hop2
      ), cited AS (
        SELECT r.id FROM (
          SELECT citations AS list FROM ${SCHEMA}.records WHERE id IN (SELECT id FROM named)
          UNION SELECT citations FROM ${SCHEMA}.claims WHERE record IN (SELECT id FROM named)
        ) l
          JOIN ${SCHEMA}.citation_lists cl ON cl.list = l.list
          JOIN ${SCHEMA}.citations ct ON ct.id = cl.citation
          JOIN ${SCHEMA}.records r ON r.kind = 'report' AND r.slug = ct.report
      ), wanted AS (SELECT id FROM named UNION SELECT id FROM cited)`;
    const [records, claims, citations, found] = await Promise.all([
      this.#sql.unsafe<RecordRow[]>(
        `${wanted} SELECT id, kind, slug, file, text_file, citations FROM ${SCHEMA}.records WHERE id IN (SELECT id FROM wanted)`,
        parameters as never[],
        PREPARED,
      ),
      this.#sql.unsafe<ClaimRow[]>(
        `${wanted} SELECT record, property, index, value, rank, preferred, shown, citations, extra
           FROM ${SCHEMA}.claims WHERE record IN (SELECT id FROM wanted) ORDER BY record, position`,
        parameters as never[],
        PREPARED,
      ),
      this.#sql.unsafe<{ list: number; report: string; quote: string | null }[]>(
        `${wanted}, lists AS (
           SELECT citations AS list FROM ${SCHEMA}.records WHERE id IN (SELECT id FROM wanted)
           UNION SELECT citations FROM ${SCHEMA}.claims WHERE record IN (SELECT id FROM wanted)
         )
         SELECT l.list, c.report, c.quote FROM ${SCHEMA}.citation_lists l
           JOIN ${SCHEMA}.citations c ON c.id = l.citation
          WHERE l.list IN (SELECT list FROM lists) ORDER BY l.list, l.position`,
        parameters as never[],
        PREPARED,
      ),
      lists.length === 0 && finds.length === 0
        ? Promise.resolve([])
        : this.#sql.unsafe<{ table: string; name: string; key: string; items: number[] }[]>(
            `${whole}
             SELECT 'relations' AS table, x.relation AS name, x.key::text AS key, x.items FROM ${SCHEMA}.relations x
               JOIN unnest($4::text[], $5::int[]) AS q(relation, key) ON x.relation = q.relation AND x.key = q.key
             UNION
             -- ($1, the ids, is not read here, but every parameter needs a type.)
             SELECT 'relations', relation, key::text, items FROM whole WHERE items IS NOT NULL AND $1::int[] IS NOT NULL
             UNION ALL
             SELECT 'keyed', x.index, x.key, x.items FROM ${SCHEMA}.keyed x
               JOIN unnest($6::text[], $7::text[]) AS q(index, key) ON x.index = q.index AND x.key = q.key`,
            parameters as never[],
            PREPARED,
          ),
    ]);

    const citationLists = new Map<number, Citation[]>();
    for (const row of citations) {
      let list = citationLists.get(row.list);
      if (!list) {
        list = [];
        citationLists.set(row.list, list);
      }
      list.push(Object.freeze({ report: row.report, quote: row.quote }));
    }
    for (const [id, list] of citationLists) {
      if (this.#citationLists.get(id) === undefined) this.#citationLists.set(id, Object.freeze(list));
    }
    const listOf = (id: number) => this.#citationLists.get(id) ?? citationLists.get(id) ?? [];

    const claimsOf = new Map<number, ClaimRow[]>();
    for (const row of claims) {
      let list = claimsOf.get(row.record);
      if (!list) {
        list = [];
        claimsOf.set(row.record, list);
      }
      list.push(row);
    }
    const bySlug = new Map<string, number>();
    for (const row of records) {
      const record = this.#materialise(row, claimsOf.get(row.id) ?? [], listOf);
      this.counts.records[row.kind] += 1;
      this.#records.set(row.id, record);
      this.#ids.set(record, row.id);
      hold(`record:${row.id}`, record);
      bySlug.set(`${row.kind}/${row.slug}`, row.id);
    }
    for (const { kind, slug } of finds) {
      const key = `find:${kind}/${slug}`;
      const id = bySlug.get(`${kind}/${slug}`) ?? -1;
      this.#lists.set(key, id);
      hold(key, id);
    }
    for (const [key, id] of bySlug) this.#lists.set(`find:${key}`, id);
    for (const row of found) {
      const cacheKey = `${row.table}:${row.name}:${row.key}`;
      const items = Uint32Array.from(row.items);
      this.#lists.set(cacheKey, items);
      hold(cacheKey, items);
    }
    // A list asked for that the database does not hold is empty; a list not held at all is fetched
    // again when asked for (one of a root's lists is fetched whole only when it exists and is small).
    for (const { table, name, key } of lists) {
      const cacheKey = `${table}:${name}:${key}`;
      if (found.some((row) => `${row.table}:${row.name}:${row.key}` === cacheKey)) continue;
      this.#lists.set(cacheKey, NO_IDS);
      hold(cacheKey, NO_IDS);
    }
  }

  /** A record as validation made it, from its row, its claims' rows and its citation lists. */
  #materialise(row: RecordRow, claimRows: readonly ClaimRow[], listOf: (id: number) => readonly Citation[]) {
    const specs: FactSpecs = FACTS[row.kind];
    const facts: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(specs)) facts[name] = spec.cardinality === 'many' ? [] : null;
    const claims: Claim[] = claimRows.map((claim) => {
      const refersTo = specs[claim.property]?.refersTo;
      const { value } = claim;
      if (claim.shown) {
        const current = facts[claim.property];
        if (Array.isArray(current)) current.push(value);
        else if (current === null) facts[claim.property] = value;
      }
      return {
        subject: row.slug,
        property: claim.property,
        index: claim.index,
        value,
        rank: claim.rank,
        preferred: claim.preferred,
        ...claim.extra,
        target: refersTo && typeof value === 'string' ? parseRef(refersTo, value) : null,
        citations: listOf(claim.citations),
      } as Claim;
    });
    return entityRecord({
      kind: row.kind,
      slug: row.slug,
      file: row.file,
      citations: listOf(row.citations),
      claims,
      facts,
      textFile: row.text_file,
    });
  }

  async #fetchOther(need: Need, hold: (key: string, value: unknown) => void): Promise<void> {
    const set = (key: string, value: unknown) => {
      this.#lists.set(key, value);
      hold(key, value);
    };
    switch (need.type) {
      case 'facts': {
        const { first, count } = this.#kinds[need.kind];
        const [row] = await this.#sql.unsafe<{ ids: number[] | null }[]>(
          `SELECT array_agg(record ORDER BY record) AS ids FROM ${SCHEMA}.claims
            WHERE property = $1 AND shown AND value = $2::text::jsonb AND record >= $3 AND record < $4`,
          [need.property, need.value, first, first + count] as never[],
          PREPARED,
        );
        set(`facts:${need.kind}:${need.property}=${need.value}`, Uint32Array.from(row?.ids ?? []));
        return;
      }
      case 'column': {
        const { first, count } = this.#kinds[need.kind];
        // Found through the index on (property, value, record); ordered here rather than by a sort
        // that spills to disk in PostgreSQL.
        const rows = await this.#sql.unsafe<
          { record: number; position: number; value: ClaimValue | null; preferred: boolean; rank: string }[]
        >(
          // Every claim (`every`): read by the primary key's range; the shown ones by the index on them.
          `SELECT record, position, value, preferred, rank FROM ${SCHEMA}.claims
            WHERE property = $1 AND ${need.every ? 'true' : 'shown'} AND record >= $2 AND record < $3`,
          [need.property, first, first + count] as never[],
          PREPARED,
        );
        rows.sort((a, b) => a.record - b.record || a.position - b.position);
        const offsets = new Uint32Array(count + 1);
        for (const row of rows) offsets[row.record - first + 1] = (offsets[row.record - first + 1] as number) + 1;
        for (let position = 0; position < count; position++) {
          offsets[position + 1] = (offsets[position + 1] as number) + (offsets[position] as number);
        }
        const key = `${need.every ? 'claims' : 'column'}:${need.kind}.${need.property}`;
        const column: FactColumn | ClaimColumn = need.every
          ? { offsets, cells: rows.map(({ value, preferred, rank }) => ({ value, preferred, rank })) }
          : { offsets, values: rows.map((row) => row.value) };
        this.#columns.set(key, column);
        hold(key, column);
        return;
      }
      case 'relation': {
        const rows = await this.#sql.unsafe<{ key: number; items: number[] }[]>(
          `SELECT key, items FROM ${SCHEMA}.relations WHERE relation = $1 ORDER BY key`,
          [need.relation] as never[],
          PREPARED,
        );
        const first = rows[0]?.key ?? 0;
        const count = rows.length === 0 ? 0 : (rows.at(-1)?.key ?? 0) - first + 1;
        const offsets = new Uint32Array(count + 1);
        const items = new Uint32Array(rows.reduce((total, row) => total + row.items.length, 0));
        let at = 0;
        let next = 0;
        for (const row of rows) {
          for (; next <= row.key - first; next++) offsets[next] = at;
          items.set(row.items, at);
          at += row.items.length;
        }
        for (; next <= count; next++) offsets[next] = at;
        const key = `relation:${need.relation}`;
        const lists: RelationLists = { first, count, offsets, items };
        this.#columns.set(key, lists);
        hold(key, lists);
        return;
      }
      case 'order': {
        const { kind, terms, lower, upper, backward, limit } = need;
        const query = orderedIdsQuery(SCHEMA, kind, terms, backward, lower, upper, limit);
        const rows = await this.#sql.unsafe<{ id: number }[]>(query.text, query.parameters as never[], PREPARED);
        const key = orderPartKey(need);
        const ids = Uint32Array.from(rows, (row) => row.id);
        // A larger part (a sparse filter's walk) is held for its request only.
        if (ids.length <= CACHED_PART_IDS) this.#orderParts.set(key, ids);
        hold(key, ids);
        return;
      }
      case 'text': {
        const [row] = await this.#sql.unsafe<{ text: string }[]>(
          `SELECT text FROM ${SCHEMA}.texts WHERE record = $1`,
          [need.id] as never[],
          PREPARED,
        );
        set(`text:${need.id}`, row?.text ?? { none: true });
        return;
      }
      case 'fulltext': {
        const rows = await this.#sql.unsafe<{ body: Buffer }[]>(
          `SELECT body FROM ${SCHEMA}.fulltext ORDER BY part`,
          [],
          PREPARED,
        );
        hold('fulltext', rows.length === 0 ? null : Buffer.concat(rows.map((row) => row.body)));
        return;
      }
      default:
        return;
    }
  }

  /** Lets go of every record and list fetched: for measuring a cold page. */
  forget(): void {
    this.#records.clear();
    this.#lists.clear();
    this.#citationLists.clear();
    this.#orderParts.clear();
  }

  async close(): Promise<void> {
    await this.#sql.end({ timeout: 5 });
  }
}

/** Names a part of an order walked in the database, in the cache and among a pass's needs. */
function orderPartKey({ kind, terms, lower, upper, backward, limit }: Omit<Need & { type: 'order' }, 'type'>): string {
  const signature = terms.map((term) => `${term.column}${term.descending ? '-' : '+'}`).join(',');
  const bound = (given: OrderBound | null) => (given ? `${given.id}${given.inclusive ? '=' : ''}` : '');
  return `order:${kind}:${signature}:${bound(lower)}:${bound(upper)}:${backward}:${limit}`;
}

const NO_IDS = new Uint32Array(0);
const NO_BYTES = new Uint8Array(0);

/** A fact of every record of a kind: the values of record `first + p` are `values[offsets[p]]` up to `values[offsets[p + 1]]`. */
interface FactColumn {
  readonly offsets: Uint32Array;
  readonly values: readonly (ClaimValue | null)[];
}
/** Every claim of a property of every record of a kind, as {@link FactColumn} keeps values. */
interface ClaimColumn {
  readonly offsets: Uint32Array;
  readonly cells: readonly ClaimCell[];
}
/** What a pass reads in place of a column or relation it lacks: nothing. */
const NO_COLUMN: FactColumn = { offsets: new Uint32Array(0), values: [] };
const NO_CLAIMS: ClaimColumn = { offsets: new Uint32Array(0), cells: [] };
const NO_RELATION: RelationLists = { first: 0, count: 0, offsets: new Uint32Array(1), items: new Uint32Array(0) };

/** An id list fetched only when read. */
class LazyIdList implements IdList {
  constructor(private readonly fetch: () => ArrayLike<number>) {}

  get length(): number {
    return this.fetch().length;
  }

  ids(start: number, end: number): ArrayLike<number> {
    const all = this.fetch();
    return all instanceof Uint32Array ? all.subarray(start, end) : Array.prototype.slice.call(all, start, end);
  }
}

/** The annotations a load kept in `meta` (an object by name), or none. */
function annotationsOf(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
