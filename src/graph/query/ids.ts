import { LRUCache } from 'lru-cache';
import type { Kind } from '../kinds.js';
import { foldForSearch } from '../search.js';
import type { IdIndex, KeyedIndex, Relation, RelationLists } from '../source.js';
import { Bits } from './bits.js';
import { type Field, fieldsOf, type GroupField, type ScalarType, type ScalarValue } from './fields.js';
import { type ListFilter, type ScalarFilter, scalarTest, type Test, type Where } from './where.js';

/**
 * Filters answered over record ids, for a store that keeps its records in columns (the snapshot): each
 * field's predicate is a column read or a bitset of the kind's records, relations are semi-joins over
 * the relation indexes (`results: { some: … }` finds the results first, then their athletes), and
 * `AND`/`OR`/`NOT` combine bitsets word by word. No record is built to answer a filter: only the
 * records of the page are (see select.ts).
 */

/** How a field is read over ids: a fact in the columns, the slug, or a relation index. */
type IdField =
  | { readonly is: 'fact'; readonly property: string; readonly keyed?: Keyed }
  | { readonly is: 'facts'; readonly property: string; readonly keyed?: Keyed }
  | { readonly is: 'slug' }
  /** A reference to one record; `inverse` lists the records referring to a target. */
  | { readonly is: 'one'; readonly inverse: Relation }
  /** Records related to a record, as the relation lists them from it. */
  | { readonly is: 'many'; readonly relation: Relation }
  /** Records related to a record, found from the other side: `inverse` lists, for a related record, the records of any kind related to it. */
  | { readonly is: 'manyInverse'; readonly inverse: Relation }
  /**
   * A fact naming records of `target` by slug, one or many (a Games' host country, an organisation's
   * areas served): answered through its inverse, built once per store from the column.
   */
  | { readonly is: 'reference'; readonly property: string; readonly target: Kind; readonly many: boolean }
  /** Names other than the preferred one (stated alternate names and other spellings claimed). */
  | { readonly is: 'alternateNames' }
  /** A few values read together from the columns (a delegation's medals), as the record's field reads them. */
  | { readonly is: 'group'; readonly read: (index: IdIndex, id: number) => GroupValue | null };

type GroupValue = Readonly<Record<string, ScalarValue | null>>;

const number = (value: ScalarValue | null): number | null => (typeof value === 'number' ? value : null);

/** A delegation's medals from its columns, as medalsOfDelegation reads them from its facts. */
const MEDALS: IdField = {
  is: 'group',
  read: (index, id) => {
    const [gold, silver, bronze] = ['goldMedals', 'silverMedals', 'bronzeMedals'].map((property) =>
      number(index.fact(id, property)),
    );
    if (index.fact(id, 'participated') !== true || gold == null || silver == null || bronze == null) return null;
    return { gold, silver, bronze, total: number(index.fact(id, 'totalMedals')) ?? gold + silver + bronze };
  },
};

const IPC_MEMBERSHIP: IdField = {
  is: 'group',
  read: (index, id) => {
    const status = index.fact(id, 'ipcMembershipStatus');
    const since = index.fact(id, 'ipcMemberSince');
    return status === null && since === null ? null : { status, since };
  },
};

/** A keyed index that lists the records with a value (folded when it ignores case and accents). */
interface Keyed {
  readonly index: KeyedIndex;
  readonly folded: boolean;
}

const fact = (property: string, keyed?: Keyed): IdField => ({ is: 'fact', property, ...(keyed ? { keyed } : {}) });
const facts = (property: string, keyed?: Keyed): IdField => ({ is: 'facts', property, ...(keyed ? { keyed } : {}) });
const one = (inverse: Relation): IdField => ({ is: 'one', inverse });
const many = (relation: Relation): IdField => ({ is: 'many', relation });
const manyInverse = (inverse: Relation): IdField => ({ is: 'manyInverse', inverse });
const reference = (property: string, target: Kind, many = false): IdField => ({
  is: 'reference',
  property,
  target,
  many,
});

const COMMON = {
  slug: { is: 'slug' } as IdField,
  descriptions: facts('description'),
  sources: manyInverse('entitiesCiting'),
};
const NAMED = {
  ...COMMON,
  name: fact('name'),
  alternateNames: { is: 'alternateNames' } as IdField,
  mentionedIn: many('reportsAbout'),
};

/**
 * How each field of {@link fieldsOf} is answered over ids; a filter naming a field not listed here is
 * answered record by record instead (plan.ts). Every field is listed: the tests check it.
 */
const ID_FIELDS: { readonly [K in Kind]: Readonly<Record<string, IdField>> } = {
  country: {
    ...NAMED,
    code: fact('code'),
    capital: fact('capital'),
    athletes: many('athletesByCountry'),
    organisations: many('organisationsByCountry'),
    participations: many('delegationsByCountry'),
  },
  npc: {
    ...NAMED,
    code: fact('code'),
    country: one('npcsByCountry'),
    memberOf: reference('memberOf', 'organisation'),
    ipcMembership: IPC_MEMBERSHIP,
  },
  games: {
    ...NAMED,
    series: fact('series'),
    year: fact('year', { index: 'gamesByYear', folded: false }),
    season: fact('season', { index: 'gamesBySeason', folded: false }),
    edition: fact('edition'),
    city: fact('city'),
    hostCountry: reference('hostCountry', 'country'),
    startDate: fact('startDate'),
    endDate: fact('endDate'),
    venues: facts('venue'),
    events: many('eventsByGames'),
    participations: many('delegationsByGames'),
  },
  delegation: {
    ...COMMON,
    games: one('delegationsByGames'),
    country: one('delegationsByCountry'),
    participated: fact('participated'),
    competitors: fact('competitors'),
    sports: fact('sports'),
    officials: fact('officials'),
    delegationSize: fact('delegationSize'),
    npc: reference('npc', 'npc'),
    flagbearer: reference('flagbearer', 'athlete'),
    athletes: manyInverse('delegationsByAthlete'),
    medals: MEDALS,
  },
  athlete: {
    ...NAMED,
    gender: fact('gender'),
    country: one('athletesByCountry'),
    roles: facts('role'),
    sports: facts('sport', { index: 'athletesBySport', folded: true }),
    classifications: facts('classification'),
    results: many('resultsByAthlete'),
    guidedResults: many('resultsByGuide'),
    participations: many('delegationsByAthlete'),
  },
  event: {
    ...NAMED,
    sport: fact('sport', { index: 'eventsBySport', folded: true }),
    discipline: fact('discipline'),
    classification: fact('classification'),
    gender: fact('gender'),
    games: one('eventsByGames'),
    results: many('resultsByEvent'),
  },
  result: {
    ...COMMON,
    athlete: one('resultsByAthlete'),
    event: one('resultsByEvent'),
    games: one('resultsByGames'),
    guide: one('resultsByGuide'),
    round: fact('round'),
    heat: fact('heat'),
    heatRank: fact('heatRank'),
    time: fact('time'),
    mark: fact('mark'),
    status: fact('status'),
    rank: fact('rank'),
    fieldSize: fact('fieldSize'),
  },
  organisation: {
    ...NAMED,
    kind: fact('organisationKind'),
    country: one('organisationsByCountry'),
    location: fact('location'),
    parentOrganisation: reference('parentOrganisation', 'organisation'),
    areaServed: reference('areaServed', 'country', true),
    areaServedSince: fact('areaServedSince'),
    publications: many('reportsByPublisher'),
  },
  report: {
    ...NAMED,
    kind: fact('reportKind'),
    datePublished: fact('datePublished'),
    url: fact('url'),
    publisher: one('reportsByPublisher'),
    cites: many('reportsCitedBy'),
    citedBy: manyInverse('reportsCitedBy'),
  },
  person: {
    ...NAMED,
    jobTitles: facts('jobTitle'),
    affiliations: reference('affiliation', 'organisation', true),
    nationality: reference('nationality', 'country'),
    authored: many('reportsByAuthor'),
  },
};

/** Whether a field's filter is answered over ids (a store with columns), rather than record by record. */
export const answeredOverIds = (kind: Kind, name: string): boolean => Object.hasOwn(ID_FIELDS[kind], name);

/** Values a field may take and still be kept as one bitset per value (enums, booleans, small numbers). */
const LOW_CARDINALITY = 64;
/** A kind this small is read whole, column by column, whatever the filter. */
const SMALL_KIND = 2_000;

/**
 * A filter over the records of one kind, by id. `test` reads the record's columns (or a bitset);
 * `set` gives every record passing, as positions in the kind's display order. `narrow` splits it for
 * walking a page: a bitset holding every record passing, from indexes, and the test that the records
 * in it must still pass (null when the bitset is exact); null when only a pass over the kind finds them.
 */
export interface IdFilter {
  test(id: number): boolean;
  set(): Bits;
  narrow(): { readonly bits: Bits; readonly rest: Test<number> | null } | null;
}

/**
 * What a filter read, so that the reading can be charged for: records tested by their columns, and
 * ids read from indexes and bitsets (far cheaper). Building a store's bitsets by value and a relation's
 * owners, once per store, is not charged to the request that happens to build them.
 */
export interface IdWork {
  tests: number;
  ids: number;
}

/** A text fact folded, every record's values each after a separator, and where each record's start. */
interface TextColumn {
  readonly text: string;
  /** Where each record's values start in `text`, and (last) where the next would. */
  readonly starts: Uint32Array;
  /** The records with a value. */
  readonly present: Bits;
}
/** Between values in a text column: folding turns every such character into a space, so no needle holds it. */
const SEPARATOR = '\u0001';

/** What a store keeps between requests: columns, bitsets and inverse lists built from its columns. */
type KeptValue =
  | Bits
  | TextColumn
  | Float64Array
  | Int32Array
  | RelationLists
  | ReadonlyMap<ScalarValue | null, Bits>
  | null;

/** The bytes a kept structure takes (its arrays; a text as two bytes a character), at least one. */
function bytesOf(value: KeptValue): number {
  const OVERHEAD = 64;
  if (value === null) return OVERHEAD;
  if (value instanceof Bits) return OVERHEAD + value.words.byteLength;
  if (value instanceof Float64Array || value instanceof Int32Array) return OVERHEAD + value.byteLength;
  if (value instanceof Map) {
    let total = OVERHEAD;
    for (const bits of value.values()) total += OVERHEAD + (bits as Bits).words.byteLength;
    return total;
  }
  if ('text' in value)
    return OVERHEAD + 2 * value.text.length + value.starts.byteLength + value.present.words.byteLength;
  return OVERHEAD + (value as RelationLists).offsets.byteLength + (value as RelationLists).items.byteLength;
}

/**
 * The bytes of columns, bitsets and inverse lists a store keeps for its filters when its
 * IdIndex names no other bound (`FILTER_CACHE_BYTES`): the least recently used go first.
 */
export const DEFAULT_FILTER_CACHE_BYTES = 128 * 1024 * 1024;

/** What is kept per store, least recently used first out, bounded in bytes. */
type Kept = LRUCache<string, { readonly value: KeptValue }>;
const keptOf = new WeakMap<IdIndex, Kept>();

/** What a store keeps for its filters now: for tests and the curious. */
export function keptFor(index: IdIndex): { readonly bytes: number; readonly entries: number; readonly max: number } {
  const kept = keptOf.get(index);
  return {
    bytes: kept?.calculatedSize ?? 0,
    entries: kept?.size ?? 0,
    max: kept?.maxSize ?? index.filterCacheBytes ?? DEFAULT_FILTER_CACHE_BYTES,
  };
}

class Planner {
  readonly #kept: Kept;

  constructor(
    private readonly index: IdIndex,
    private readonly work: IdWork,
  ) {
    let kept = keptOf.get(index);
    if (!kept) {
      const maxSize = Math.max(1, index.filterCacheBytes ?? DEFAULT_FILTER_CACHE_BYTES);
      kept = new LRUCache({ maxSize, sizeCalculation: (entry) => bytesOf(entry.value) });
      keptOf.set(index, kept);
    }
    this.#kept = kept;
  }

  /**
   * What is kept under `key`, else computed and kept for the next request (unless the pass lacked data,
   * or it is larger than the whole bound: then it serves this request alone).
   */
  #keep<T extends KeptValue>(key: string, compute: () => T): T {
    const found = this.#kept.get(key);
    if (found) return found.value as T;
    const value = compute();
    if (!this.index.lacking) this.#kept.set(key, { value });
    return value;
  }

  /**
   * A whole filter's set, kept from an earlier request (the next page of the same filter asks for it
   * again), as a filter; null when none is kept.
   */
  kept(kind: Kind, where: Where): IdFilter | null {
    const found = this.#kept.get(`where:${kind}:${JSON.stringify(where)}`)?.value;
    if (!(found instanceof Bits)) return null;
    const { first } = this.#range(kind);
    return { test: (id) => found.has(id - first), set: () => found, narrow: () => ({ bits: found, rest: null }) };
  }

  /** A whole filter whose set, once the indexes give it exactly, is kept for {@link kept}. */
  keeping(kind: Kind, where: Where, filter: IdFilter | null): IdFilter | null {
    if (filter === null) return null;
    const key = `where:${kind}:${JSON.stringify(where)}`;
    return {
      test: filter.test,
      set: filter.set,
      narrow: () => {
        const narrow = filter.narrow();
        if (narrow !== null && narrow.rest === null && !this.index.lacking) this.#kept.set(key, { value: narrow.bits });
        return narrow;
      },
    };
  }

  /** The filter of a `where` on `kind`, or null when a field it names is not answered over ids. */
  compile(kind: Kind, where: Where): IdFilter | null {
    const parts: IdFilter[] = [];
    for (const [name, filter] of Object.entries(where)) {
      if (filter == null) continue;
      let part: IdFilter | null;
      if (name === 'AND' || name === 'OR') {
        const inner = (filter as readonly Where[]).map((each) => this.compile(kind, each));
        if (inner.some((each) => each === null)) return null;
        part = name === 'AND' ? this.#and(kind, inner as IdFilter[]) : this.#or(kind, inner as IdFilter[]);
      } else if (name === 'NOT') {
        const inner = this.compile(kind, filter as Where);
        part = inner && this.#not(kind, inner);
      } else {
        part = this.#field(kind, name, filter);
      }
      if (part === null) return null;
      parts.push(part);
    }
    return parts.length === 1 ? (parts[0] as IdFilter) : this.#and(kind, parts);
  }

  readonly #ranges = new Map<Kind, { readonly first: number; readonly count: number }>();

  #range(kind: Kind): { readonly first: number; readonly count: number } {
    let range = this.#ranges.get(kind);
    if (!range) {
      range = this.index.range(kind);
      this.#ranges.set(kind, range);
    }
    return range;
  }

  /**
   * A filter from a test of each record and, where indexes give them cheaply, `candidates`: a bitset
   * holding every record passing, and only those when `exact`.
   */
  #filter(kind: Kind, test: Test<number>, candidates: (() => Bits) | null, exact = true): IdFilter {
    let found: Bits | undefined;
    let set: Bits | undefined;
    const narrowed = () => {
      found ??= (candidates as () => Bits)();
      return found;
    };
    return {
      test,
      set: () => {
        set ??=
          candidates === null ? this.#scan(kind, test) : exact ? narrowed() : this.#within(kind, narrowed(), test);
        return set;
      },
      narrow: () => (candidates === null ? null : { bits: narrowed(), rest: exact ? null : test }),
    };
  }

  /** The records of a bitset that pass a test. */
  #within(kind: Kind, bits: Bits, test: Test<number>): Bits {
    const { first, count } = this.#range(kind);
    const kept = new Bits(count);
    for (let at = bits.next(0); at >= 0; at = bits.next(at + 1)) {
      this.work.tests += 1;
      if (test(first + at)) kept.add(at);
    }
    return kept;
  }

  /** A filter that is its bitset: each record tested by its bit. */
  #fromSet(kind: Kind, compute: () => Bits): IdFilter {
    let set: Bits | undefined;
    const get = () => {
      set ??= compute();
      return set;
    };
    const { first } = this.#range(kind);
    return { test: (id) => get().has(id - first), set: get, narrow: () => ({ bits: get(), rest: null }) };
  }

  #and(kind: Kind, parts: readonly IdFilter[]): IdFilter {
    const test: Test<number> = (id) => parts.every((part) => part.test(id));
    const narrowed = () => {
      let bits: Bits | null = null;
      const rest: IdFilter[] = [];
      for (const part of parts) {
        const narrow = part.narrow();
        if (narrow === null) rest.push(part);
        else {
          bits = bits === null ? narrow.bits : bits.and(narrow.bits);
          if (narrow.rest) rest.push({ ...part, test: narrow.rest });
        }
      }
      return { bits, rest: rest.length === 0 ? null : (id: number) => rest.every((part) => part.test(id)) };
    };
    let split: ReturnType<typeof narrowed> | undefined;
    let set: Bits | undefined;
    return {
      test,
      narrow: () => {
        split ??= narrowed();
        return split.bits === null ? null : { bits: split.bits, rest: split.rest };
      },
      set: () => {
        if (set) return set;
        split ??= narrowed();
        if (split.bits === null) set = this.#scan(kind, test);
        else set = split.rest === null ? split.bits : this.#within(kind, split.bits, split.rest);
        return set;
      },
    };
  }

  /** Any of the parts: the union of their candidates, each record then tested unless every part is exact. */
  #or(kind: Kind, parts: readonly IdFilter[]): IdFilter {
    const test: Test<number> = (id) => parts.some((part) => part.test(id));
    if (parts.length === 0) return this.#filter(kind, test, () => new Bits(this.#range(kind).count));
    const narrowed = parts.map((part) => part.narrow());
    if (narrowed.some((narrow) => narrow === null)) return this.#filter(kind, test, null);
    const exact = narrowed.every((narrow) => narrow?.rest === null);
    const union = () => narrowed.map((narrow) => (narrow as { bits: Bits }).bits).reduce((all, bits) => all.or(bits));
    return this.#filter(kind, test, union, exact);
  }

  #not(kind: Kind, inner: IdFilter): IdFilter {
    const test: Test<number> = (id) => !inner.test(id);
    return this.#filter(kind, test, inner.narrow() === null ? null : () => inner.set().not());
  }

  #field(kind: Kind, name: string, filter: unknown): IdFilter | null {
    const spec = ID_FIELDS[kind][name];
    const field: Field | undefined = fieldsOf(kind)[name];
    if (!spec || !field) return null;
    switch (spec.is) {
      case 'slug':
        return this.#slug(kind, filter as ScalarFilter);
      case 'fact':
        return field.is === 'scalar'
          ? this.#fact(kind, spec.property, field.type, filter as ScalarFilter, spec.keyed)
          : null;
      case 'facts': {
        const { property } = spec;
        return field.is === 'scalarList'
          ? this.#facts(
              kind,
              property,
              (id) => this.index.factList(id, property),
              field.type,
              filter as ListFilter<ScalarFilter>,
              property,
              spec.keyed,
            )
          : null;
      }
      case 'alternateNames': {
        const names = this.index.alternateNames;
        if (!names || field.is !== 'scalarList') return null;
        return this.#facts(
          kind,
          name,
          (id) => names.call(this.index, id),
          field.type,
          filter as ListFilter<ScalarFilter>,
          null,
        );
      }
      case 'group':
        return field.is === 'group' ? this.#group(kind, (id) => spec.read(this.index, id), field.fields, filter) : null;
      case 'one':
        return field.is === 'one'
          ? this.#one(kind, name, field.target, () => this.index.lists(spec.inverse), filter as Where)
          : null;
      case 'reference': {
        const inverse = () => this.#inverseOf(kind, spec.property, spec.target, spec.many);
        if (field.is === 'one' && !spec.many) return this.#one(kind, name, field.target, inverse, filter as Where);
        if (field.is === 'many' && spec.many) {
          return this.#many(kind, name, field.target, { inverse }, filter as ListFilter<Where>);
        }
        return null;
      }
      case 'manyInverse': {
        const inverse = () => this.index.lists(spec.inverse);
        return field.is === 'many'
          ? this.#many(kind, name, field.target, { inverse }, filter as ListFilter<Where>)
          : null;
      }
      case 'many':
        return field.is === 'many'
          ? this.#many(kind, name, field.target, { relation: spec.relation }, filter as ListFilter<Where>)
          : null;
    }
  }

  #slug(kind: Kind, filter: ScalarFilter): IdFilter {
    const test = scalarTest('text', filter);
    const { first, count } = this.#range(kind);
    const wanted = filter.eq != null ? [filter.eq] : filter.in != null ? filter.in : null;
    const byTest: Test<number> = (id) => test(this.index.slug(id));
    if (wanted === null) return this.#filter(kind, byTest, this.#small(kind, byTest));
    return this.#filter(kind, byTest, () => {
      const bits = new Bits(count);
      for (const slug of wanted) {
        const id = this.index.find(kind, String(slug));
        if (id >= 0 && test(slug)) bits.add(id - first);
      }
      return bits;
    });
  }

  /** For a small kind, every record passing the test found by one pass; null for a large one. */
  #small(kind: Kind, test: Test<number>): (() => Bits) | null {
    return this.#range(kind).count <= SMALL_KIND ? () => this.#scan(kind, test) : null;
  }

  /** Every record of a kind passing a test, read column by column. */
  #scan(kind: Kind, test: Test<number>): Bits {
    const { first, count } = this.#range(kind);
    const bits = new Bits(count);
    for (let position = 0; position < count; position++) if (test(first + position)) bits.add(position);
    this.work.tests += count;
    return bits;
  }

  /**
   * The bitsets of a fact by value (for a list fact, the records holding each value), for a fact with
   * few values (an enum, a boolean, a sport, a rank): built once per store by one pass over the
   * column, which stops as soon as it has seen too many values; null for a fact with more.
   */
  #valueSets(kind: Kind, property: string, list: boolean): ReadonlyMap<ScalarValue | null, Bits> | null {
    return this.#keep(`values:${kind}.${property}${list ? '[]' : ''}`, () => {
      const { first, count } = this.#range(kind);
      const sets = new Map<ScalarValue | null, Bits>();
      for (let position = 0; position < count; position++) {
        const values = list
          ? this.index.factList(first + position, property)
          : [this.index.fact(first + position, property)];
        for (const value of values) {
          let bits = sets.get(value);
          if (!bits) {
            if (sets.size >= LOW_CARDINALITY) return null;
            bits = new Bits(count);
            sets.set(value, bits);
          }
          bits.add(position);
        }
      }
      return sets;
    });
  }

  /** The union of the bitsets of the values passing a test. */
  #union(kind: Kind, sets: ReadonlyMap<ScalarValue | null, Bits>, test: Test<ScalarValue | null>): Bits {
    let bits = new Bits(this.#range(kind).count);
    for (const [value, set] of sets) if (test(value)) bits = bits.or(set);
    return bits;
  }

  /**
   * A text fact folded as `contains` and `startsWith` compare it, every record's values in one string
   * in display order, each after a separator, so that a needle is found by `indexOf` over the whole
   * column at once: built once per store. `values` reads a record's values (null for none).
   */
  #textColumn(kind: Kind, name: string, values: (id: number) => readonly ScalarValue[] | null): TextColumn {
    return this.#keep(`text:${kind}.${name}`, () => {
      const { first, count } = this.#range(kind);
      const starts = new Uint32Array(count + 1);
      const present = new Bits(count);
      const parts: string[] = [];
      let length = 0;
      for (let position = 0; position < count; position++) {
        const read = values(first + position);
        starts[position] = length + 1;
        if (read === null || read.length === 0) {
          parts.push(SEPARATOR);
          length += 1;
          continue;
        }
        present.add(position);
        for (const value of read) {
          const folded = foldForSearch(String(value));
          parts.push(SEPARATOR, folded);
          length += folded.length + 1;
        }
      }
      starts[count] = length + 1;
      return { text: parts.join(''), starts, present };
    });
  }

  /** A single text fact's column (see #textColumn). */
  #factText(kind: Kind, property: string): TextColumn {
    return this.#textColumn(kind, property, (id) => {
      const value = this.index.fact(id, property);
      return value === null ? null : [value];
    });
  }

  /** The records whose folded text contains (or starts with) a needle, kept for the next page of the same filter. */
  #keptText(kind: Kind, name: string, column: () => TextColumn, needle: string, prefix: boolean): Bits {
    const operator = prefix ? 'startsWith' : 'contains';
    const filter = { [operator]: foldForSearch(needle) };
    return this.#keptSet(kind, `text:${name}`, filter, () => this.#textMatches(column(), needle, prefix))();
  }

  /**
   * The records whose text column holds the needles (`contains`, `startsWith`, both when given), each
   * record then tested by `test` unless the needles are the whole filter (`exact`).
   */
  #textFilter(
    kind: Kind,
    name: string,
    column: () => TextColumn,
    { contains, startsWith }: { readonly contains?: string | null; readonly startsWith?: string | null },
    test: Test<number>,
    exact: boolean,
  ): IdFilter {
    const found = () =>
      [
        ...(contains != null ? [this.#keptText(kind, name, column, contains, false)] : []),
        ...(startsWith != null ? [this.#keptText(kind, name, column, startsWith, true)] : []),
      ].reduce((all, bits) => all.and(bits));
    return this.#filter(kind, test, found, exact);
  }

  /** The records whose folded text contains (or starts with) a needle. */
  #textMatches(column: TextColumn, needle: string, prefix: boolean): Bits {
    const { text, starts, present } = column;
    const folded = foldForSearch(needle);
    if (folded === '') return present;
    const bits = new Bits(present.size);
    const sought = prefix ? SEPARATOR + folded : folded;
    this.work.ids += present.size;
    let record = 0;
    for (let at = text.indexOf(sought); at >= 0; ) {
      // The record whose value holds the match, the last one starting at or before it: matches come
      // in order, so it is searched for from the previous one, galloping, then halving.
      const match = prefix ? at + 1 : at;
      let step = 1;
      while (record + step < present.size && (starts[record + step] as number) <= match) step *= 2;
      let low = record + (step >> 1);
      let high = Math.min(record + step, present.size);
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((starts[middle + 1] as number) <= match) low = middle + 1;
        else high = middle;
      }
      record = low;
      bits.add(record);
      at = text.indexOf(sought, (starts[record + 1] as number) - 1);
    }
    return bits;
  }

  /** A number fact as a typed array (NaN for none), read once per store. */
  #numberColumn(kind: Kind, property: string): Float64Array {
    return this.#keep(`numbers:${kind}.${property}`, () => {
      const { first, count } = this.#range(kind);
      const column = new Float64Array(count);
      for (let position = 0; position < count; position++) {
        const value = this.index.fact(first + position, property);
        column[position] = typeof value === 'number' ? value : Number.NaN;
      }
      return column;
    });
  }

  #fact(kind: Kind, property: string, type: ScalarType, filter: ScalarFilter, keyed?: Keyed): IdFilter {
    const test = scalarTest(type, filter);
    const { first, count } = this.#range(kind);
    const byColumn: Test<number> = (id) => test(this.index.fact(id, property));
    const sets = this.#valueSets(kind, property, false);
    if (sets) return this.#filter(kind, byColumn, () => this.#union(kind, sets, test));
    if (type === 'int' || type === 'float') {
      const column = this.#numberColumn(kind, property);
      const byNumber: Test<number> = (id) => {
        const value = column[id - first] as number;
        return test(Number.isNaN(value) ? null : value);
      };
      return this.#filter(kind, byNumber, () => {
        this.work.ids += count;
        const bits = new Bits(count);
        for (let position = 0; position < count; position++) if (byNumber(first + position)) bits.add(position);
        return bits;
      });
    }
    const { contains, startsWith, ...others } = filter;
    if (type === 'text' && (contains != null || startsWith != null)) {
      const exact = Object.values(others).every((value) => value == null);
      const column = () => this.#factText(kind, property);
      return this.#textFilter(kind, property, column, { contains, startsWith }, byColumn, exact);
    }
    const wanted = filter.eq != null ? [filter.eq] : filter.in != null ? filter.in : null;
    if (keyed && wanted) return this.#filter(kind, byColumn, () => this.#keyed(kind, keyed, wanted), false);
    return this.#filter(kind, byColumn, this.#small(kind, byColumn));
  }

  /** The records a keyed index lists under any of the values: a superset, as the index may fold. */
  #keyed(kind: Kind, keyed: Keyed, values: readonly ScalarValue[]): Bits {
    const { first, count } = this.#range(kind);
    const bits = new Bits(count);
    for (const value of new Set(values)) {
      const key = keyed.folded ? foldForSearch(String(value)) : value;
      if (typeof key === 'boolean') continue;
      const ids = this.index.keyed(keyed.index, key);
      this.work.ids += ids.length;
      bits.addAll(ids, first);
    }
    return bits;
  }

  /**
   * A list of values: `name` names it among the kept columns, `values` reads a record's; `property`
   * is the fact it is read from, when it is one (its values then may have bitsets, or a keyed index).
   */
  #facts(
    kind: Kind,
    name: string,
    values: (id: number) => readonly (ScalarValue | null)[],
    type: ScalarType,
    filter: ListFilter<ScalarFilter>,
    property: string | null,
    keyed?: Keyed,
  ): IdFilter {
    const quantifiers: { readonly test: Test<ScalarValue | null>; readonly which: 'some' | 'none' | 'every' }[] = [];
    for (const which of ['some', 'none', 'every'] as const) {
      const inner = filter[which];
      if (inner != null) quantifiers.push({ test: scalarTest(type, inner), which });
    }
    const byColumn: Test<number> = (id) => {
      const read = values(id);
      return quantifiers.every(({ test, which }) =>
        which === 'some' ? read.some(test) : which === 'none' ? !read.some(test) : read.every(test),
      );
    };
    const sets = property === null ? null : this.#valueSets(kind, property, true);
    if (sets) {
      return this.#filter(kind, byColumn, () => {
        let bits = Bits.full(this.#range(kind).count);
        for (const { test, which } of quantifiers) {
          // every X: no value failing X; none X: no value passing it.
          const found = this.#union(kind, sets, which === 'every' ? (value) => !test(value) : test);
          bits = bits.and(which === 'some' ? found : found.not());
        }
        return bits;
      });
    }
    const some = filter.some;
    const { contains, startsWith, ...others } = some ?? {};
    if (type === 'text' && some != null && (contains != null || startsWith != null)) {
      // Some value contains (starts with) the needle: the text column holds every value of a record.
      const column = () => this.#textColumn(kind, name, values as (id: number) => readonly ScalarValue[]);
      const exact = quantifiers.length === 1 && Object.values(others).every((value) => value == null);
      return this.#textFilter(kind, name, column, { contains, startsWith }, byColumn, exact);
    }
    const wanted = some == null ? null : some.eq != null ? [some.eq] : some.in != null ? some.in : null;
    if (keyed && wanted) return this.#filter(kind, byColumn, () => this.#keyed(kind, keyed, wanted), false);
    return this.#filter(kind, byColumn, this.#small(kind, byColumn));
  }

  /** Values read together (a delegation's medals), tested as where.ts tests a group: read from the columns. */
  #group(kind: Kind, read: (id: number) => GroupValue | null, fields: GroupField['fields'], filter: unknown): IdFilter {
    const { isNull, ...parts } = filter as { isNull?: boolean | null } & Record<string, unknown>;
    const tests: Test<GroupValue | null>[] = [];
    if (isNull != null) tests.push((value) => (value === null) === isNull);
    for (const [name, part] of Object.entries(parts)) {
      const spec = fields[name];
      if (part == null || !spec) continue;
      const test = scalarTest(spec.type, part as ScalarFilter);
      tests.push((value) => value !== null && test(value[name] ?? null));
    }
    const byColumns: Test<number> = (id) => {
      const value = read(id);
      return tests.every((test) => test(value));
    };
    return this.#filter(kind, byColumns, this.#small(kind, byColumns));
  }

  /**
   * The inverse of a fact naming records of `target` by slug: for each of them, the records of `kind`
   * naming it, in display order, as the store's relation lists are kept. Built once per store by one
   * pass over the column, each slug found once.
   */
  #inverseOf(kind: Kind, property: string, target: Kind, many: boolean): RelationLists {
    return this.#keep(`inverse:${kind}.${property}`, () => {
      const { first, count } = this.#range(kind);
      const targets = this.#range(target);
      const found = new Map<string, number>();
      const pairs: number[] = [];
      const sizes = new Uint32Array(targets.count + 1);
      for (let position = 0; position < count; position++) {
        const slugs = many
          ? this.index.factList(first + position, property)
          : [this.index.fact(first + position, property)];
        for (const slug of slugs) {
          if (typeof slug !== 'string') continue;
          let id = found.get(slug);
          if (id === undefined) {
            id = this.index.find(target, slug);
            found.set(slug, id);
          }
          const key = id - targets.first;
          if (id < 0 || key >= targets.count) continue;
          pairs.push(key, first + position);
          sizes[key + 1] = (sizes[key + 1] as number) + 1;
        }
      }
      const offsets = new Uint32Array(targets.count + 1);
      for (let key = 0; key < targets.count; key++)
        offsets[key + 1] = (offsets[key] as number) + (sizes[key + 1] as number);
      const items = new Uint32Array(pairs.length / 2);
      const next = offsets.slice(0, targets.count);
      // Pairs come in display order of the records naming: each list stays in display order.
      for (let at = 0; at < pairs.length; at += 2) {
        const key = pairs[at] as number;
        items[next[key] as number] = pairs[at + 1] as number;
        next[key] = (next[key] as number) + 1;
      }
      return { first: targets.first, count: targets.count, offsets, items };
    });
  }

  /**
   * A relation's bitset, kept per store for the next request (the next page of the same filter asks
   * for it again): the filter's own JSON names it.
   */
  #keptSet(kind: Kind, name: string, filter: unknown, compute: () => Bits): () => Bits {
    const key = `set:${kind}.${name}:${JSON.stringify(filter)}`;
    return () => this.#keep(key, compute);
  }

  /** A reference: the targets passing first, then the records referring to them (the inverse index). */
  #one(kind: Kind, name: string, target: Kind, inverse: () => RelationLists, where: Where): IdFilter | null {
    const inner = this.compile(target, where);
    if (inner === null) return null;
    const { first, count } = this.#range(kind);
    const targets = this.#range(target);
    const compute = () => {
      const bits = new Bits(count);
      const set = inner.set();
      const lists = inverse();
      const { offsets, items } = lists;
      const shift = targets.first - lists.first;
      for (let at = set.next(0); at >= 0; at = set.next(at + 1)) {
        const key = at + shift;
        if (key < 0 || key >= lists.count) continue;
        const end = offsets[key + 1] as number;
        for (let item = offsets[key] as number; item < end; item++) bits.add((items[item] as number) - first);
        this.work.ids += end - (offsets[key] as number) + 1;
      }
      return bits;
    };
    return this.#fromSet(kind, this.#keptSet(kind, name, where, compute));
  }

  /**
   * The record each item of a relation's lists belongs to, when each belongs to one (a result to its
   * athlete): built once per store by one pass over the lists; null when an item has several owners.
   */
  #owners(kind: Kind, target: Kind, relation: Relation): Int32Array | null {
    return this.#keep(`owners:${kind}.${relation}`, () => {
      const { first, count } = this.#range(kind);
      const targets = this.#range(target);
      const { offsets, items, ...lists } = this.index.lists(relation);
      const owners = new Int32Array(targets.count).fill(-1);
      for (let position = 0; position < count; position++) {
        const key = first + position - lists.first;
        if (key < 0 || key >= lists.count) continue;
        const end = offsets[key + 1] as number;
        for (let at = offsets[key] as number; at < end; at++) {
          const item = (items[at] as number) - targets.first;
          if (owners[item] !== -1) return null;
          owners[item] = position;
        }
      }
      return owners;
    });
  }

  /** The records with at least one related record in `related` (a semi-join, from the related side where it can). */
  #withSome(kind: Kind, target: Kind, relation: Relation, related: Bits): Bits {
    const { first, count } = this.#range(kind);
    const targets = this.#range(target);
    const bits = new Bits(count);
    const owners = this.#owners(kind, target, relation);
    if (owners) {
      for (let at = related.next(0); at >= 0; at = related.next(at + 1)) {
        this.work.ids += 1;
        const owner = owners[at] as number;
        if (owner >= 0) bits.add(owner);
      }
      return bits;
    }
    const { offsets, items, ...lists } = this.index.lists(relation);
    for (let position = 0; position < count; position++) {
      const key = first + position - lists.first;
      if (key < 0 || key >= lists.count) continue;
      const end = offsets[key + 1] as number;
      this.work.ids += end - (offsets[key] as number) + 1;
      for (let at = offsets[key] as number; at < end; at++) {
        if (related.has((items[at] as number) - targets.first)) {
          bits.add(position);
          break;
        }
      }
    }
    return bits;
  }

  /** Related records: those passing each quantifier's filter first, then the records they belong to. */
  /** The records of `kind` that a list of `inverse` names for any of the related records in `related`. */
  #named(kind: Kind, target: Kind, inverse: RelationLists, related: Bits): Bits {
    const { first, count } = this.#range(kind);
    const targets = this.#range(target);
    const { offsets, items, ...lists } = inverse;
    const bits = new Bits(count);
    for (let at = related.next(0); at >= 0; at = related.next(at + 1)) {
      const key = targets.first + at - lists.first;
      if (key < 0 || key >= lists.count) continue;
      const end = offsets[key + 1] as number;
      this.work.ids += end - (offsets[key] as number) + 1;
      for (let item = offsets[key] as number; item < end; item++) {
        const position = (items[item] as number) - first;
        if (position >= 0 && position < count) bits.add(position);
      }
    }
    return bits;
  }

  #many(
    kind: Kind,
    name: string,
    target: Kind,
    via: { readonly relation: Relation } | { readonly inverse: () => RelationLists },
    filter: ListFilter<Where>,
  ): IdFilter | null {
    const quantifiers: { readonly inner: IdFilter; readonly which: 'some' | 'none' | 'every' }[] = [];
    for (const which of ['some', 'none', 'every'] as const) {
      const where = filter[which];
      if (where == null) continue;
      const inner = this.compile(target, where);
      if (inner === null) return null;
      quantifiers.push({ inner, which });
    }
    const compute = () => {
      let bits: Bits | null = null;
      for (const { inner, which } of quantifiers) {
        // every X: none of the related records fails X.
        const related = which === 'every' ? inner.set().not() : inner.set();
        const found =
          'relation' in via
            ? this.#withSome(kind, target, via.relation, related)
            : this.#named(kind, target, via.inverse(), related);
        const passing = which === 'some' ? found : found.not();
        bits = bits === null ? passing : bits.and(passing);
      }
      return bits ?? Bits.full(this.#range(kind).count);
    };
    return this.#fromSet(kind, this.#keptSet(kind, name, filter, compute));
  }
}

/**
 * The filter of a `where` on `kind` over the store's ids, or null when it names a field that is not
 * answered over ids. `work` counts what it reads.
 */
export function compileIds(index: IdIndex, kind: Kind, where: Where, work: IdWork): IdFilter | null {
  const planner = new Planner(index, work);
  return planner.kept(kind, where) ?? planner.keeping(kind, where, planner.compile(kind, where));
}
