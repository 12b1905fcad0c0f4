import { compareText } from '../compare.js';
import type { FactSpecs } from '../facts.js';
import { FACTS, KINDS, type Kind } from '../kinds.js';
import type { EntityRecord, NamedEntity } from '../model.js';
import { parseRef } from '../refs.js';
import { foldForSearch } from '../search.js';
import {
  Columns,
  isPreferred,
  isShown,
  NONE,
  PropertyTable,
  propertyOf,
  rankOf,
  VALUE_STRING,
  valueType,
} from '../snapshot/columns.js';
import type { SnapshotHeader } from '../snapshot/format.js';
import { GrowableU32 } from '../snapshot/growable.js';
import type { SnapshotSource } from '../snapshot/read.js';
import type { CompiledColumns, IndexRelation } from '../snapshot/write.js';
import type { RelationLists } from '../source.js';
import { NAMED_KINDS, type Store } from '../store.js';
import type { Lists } from './ranking.js';
import { hashString, hashTable, StringTable } from './string-table.js';
import { TEXT_FIELDS, type TextField, textsOf } from './texts.js';

/**
 * Building the full-text index, up to what ranking adds (index.ts): the named entities in label order,
 * their distinct texts, which entities each text belongs to, each entity's countries and Games for the
 * facets, and the words of every text. Two front ends gather the same things in the same order: one
 * reads any store record by record (memory, PostgreSQL), the other reads a snapshot's columns without
 * building a record, keyed by the snapshot's string ids, so that what it holds is typed arrays and the
 * texts themselves only as the snapshot's bytes. Both end in {@link completeIndex}.
 */

export const entityKey = (kind: number, slug: string): number => hashString(`${kind}\u0000${slug}`);
export const textKey = (field: number, text: string): number => hashString(`${field}\u0000${text}`);

/** What an index holds before ranking's arrays are added. */
export interface IndexBase {
  readonly dataVersion: string;
  readonly kinds: Uint8Array;
  readonly slugs: StringTable;
  readonly texts: StringTable;
  readonly fields: Uint8Array;
  readonly postings: Lists;
  readonly countries: Lists;
  readonly games: Lists;
  /** Every folded word of the texts, in code-unit order: a word's id is its place here. */
  readonly words: readonly string[];
  /** For each word, the texts holding it (ascending), and how often each holds it. */
  readonly occurrences: Lists;
  readonly frequencies: Uint16Array;
  /** How many words each text has. */
  readonly lengths: Uint16Array;
  readonly entityTable: Uint32Array;
  readonly textTable: Uint32Array;
}

/** What a front end gathers: entities by ordinal (label order), texts by id (first met, walking the entities in order). */
interface Gathered {
  readonly kinds: Uint8Array;
  readonly slugAt: (ordinal: number) => string;
  readonly fields: Uint8Array;
  readonly textAt: (text: number) => string;
  /** Each text's entities, ascending. */
  readonly postings: Lists;
  readonly countries: Lists;
  readonly games: Lists;
}

/** An Int32Array that grows as it is written past its end; unwritten slots read `fill`. */
class GrowableI32 {
  #array: Int32Array;
  constructor(private readonly fill: number) {
    this.#array = new Int32Array(1024).fill(fill);
  }
  get(index: number): number {
    return index < this.#array.length ? (this.#array[index] as number) : this.fill;
  }
  set(index: number, value: number): void {
    if (index >= this.#array.length) {
      const grown = new Int32Array(Math.max(index + 1, this.#array.length * 2)).fill(this.fill);
      grown.set(this.#array);
      this.#array = grown;
    }
    this.#array[index] = value;
  }
}

/**
 * Numbers texts as the entities meet them and records which entities hold each (one pair per text
 * and entity), and each entity's facet targets: what both front ends share.
 */
class TextCollector {
  readonly fields: number[] = [];
  readonly #pairTexts = new GrowableU32();
  readonly #pairOrdinals = new GrowableU32();
  readonly #lastOrdinal = new GrowableI32(-1);
  readonly countries = { start: new GrowableU32(), values: new GrowableU32() };
  readonly games = { start: new GrowableU32(), values: new GrowableU32() };

  get count(): number {
    return this.fields.length;
  }

  /** A new text's id, for the front end to remember under its own key. */
  add(field: number): number {
    return this.fields.push(field) - 1;
  }

  /** The entity `ordinal` holds text `id` (each pair kept once). */
  hold(id: number, ordinal: number): void {
    if (this.#lastOrdinal.get(id) === ordinal) return;
    this.#lastOrdinal.set(id, ordinal);
    this.#pairTexts.push(id);
    this.#pairOrdinals.push(ordinal);
  }

  /** The facet targets of the next entity (ordinals, any order, repeats allowed). */
  facets(countries: readonly number[], games: readonly number[]): void {
    this.countries.start.push(this.countries.values.length);
    for (const target of uniqueSorted(countries)) this.countries.values.push(target);
    this.games.start.push(this.games.values.length);
    for (const target of uniqueSorted(games)) this.games.values.push(target);
  }

  done(kinds: Uint8Array, slugAt: (ordinal: number) => string, textAt: (text: number) => string): Gathered {
    this.countries.start.push(this.countries.values.length);
    this.games.start.push(this.games.values.length);
    return {
      kinds,
      slugAt,
      fields: new Uint8Array(this.fields),
      textAt,
      postings: groupPairs(this.#pairTexts.done(), this.#pairOrdinals.done(), this.fields.length),
      countries: { start: this.countries.start.done(), values: this.countries.values.done() },
      games: { start: this.games.start.done(), values: this.games.values.done() },
    };
  }
}

/** The entities in label order (name, then kind, then slug): at each ordinal, the entity's place in the input. */
function labelOrder(names: readonly string[], kinds: readonly number[], slugOf: (at: number) => string): Uint32Array {
  return Uint32Array.from(names.keys()).sort(
    (a, b) =>
      compareText(names[a] as string, names[b] as string) ||
      (kinds[a] as number) - (kinds[b] as number) ||
      compareText(slugOf(a), slugOf(b)),
  );
}

/** Gathers from any store, record by record (through its bounded record cache). */
export function gatherFromStore(store: Store): IndexBase {
  const names: string[] = [];
  const entityKinds: number[] = [];
  const entitySlugs: string[] = [];
  for (const kind of NAMED_KINDS) {
    for (const entity of store.all(kind) as Iterable<NamedEntity>) {
      names.push(entity.facts.name);
      entityKinds.push(KINDS.indexOf(kind));
      entitySlugs.push(entity.slug);
    }
  }
  const order = labelOrder(names, entityKinds, (at) => entitySlugs[at] as string);
  names.length = 0;
  const kinds = Uint8Array.from(order, (at) => entityKinds[at] as number);
  const slugs = Array.from(order, (at) => entitySlugs[at] as string);
  // Facets point at countries and Games only: their ordinals are all that need finding by slug.
  const facetOrdinals = new Map<string, number>();
  slugs.forEach((slug, ordinal) => {
    const kind = KINDS[kinds[ordinal] as number] as Kind;
    if (kind === 'country' || kind === 'games') facetOrdinals.set(`${kind}/${slug}`, ordinal);
  });
  const ordinalsOf = (records: readonly EntityRecord[]) =>
    records.map((record) => facetOrdinals.get(`${record.kind}/${record.slug}`) ?? -1);

  const collector = new TextCollector();
  const texts: string[] = [];
  const textIds = new Map<string, number>();
  for (let ordinal = 0; ordinal < slugs.length; ordinal++) {
    const entity = store.get(KINDS[kinds[ordinal] as number] as Kind, slugs[ordinal] as string) as NamedEntity;
    for (const { field, text } of textsOf(store, entity)) {
      const key = `${field}\u0000${text}`;
      let id = textIds.get(key);
      if (id === undefined) {
        id = collector.add(TEXT_FIELDS.indexOf(field));
        texts.push(text);
        textIds.set(key, id);
      }
      collector.hold(id, ordinal);
    }
    const [countries, games] = facetRecordsOf(store, entity);
    collector.facets(ordinalsOf(countries), ordinalsOf(games));
  }
  textIds.clear();
  return completeIndex(
    store.version,
    collector.done(
      kinds,
      (ordinal) => slugs[ordinal] as string,
      (text) => texts[text] as string,
    ),
  );
}

/** What the column-level front end reads of a compiled graph: a snapshot, or the compiler's columns. */
export interface IndexColumns {
  readonly version: string;
  readonly kinds: SnapshotHeader['kinds'];
  /** How many strings the table holds. */
  readonly strings: number;
  readonly columns: Columns;
  readonly string: (id: number) => string;
  relationLists(relation: IndexRelation): RelationLists;
}

/** A snapshot, as the column-level front end reads it. */
export function snapshotColumns(source: SnapshotSource): IndexColumns {
  const { header, columns, string } = source.contents;
  return {
    version: source.version,
    kinds: header.kinds,
    strings: header.strings,
    columns,
    string,
    relationLists: (relation) => source.relationLists(relation),
  };
}

/** The columns a compiler handed over (see CompiledColumns), as the column-level front end reads them. */
export function compiledColumns(compiled: CompiledColumns): IndexColumns {
  const { offsets, bytes } = compiled.strings;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const string = (id: number) => text.toString('utf8', offsets[id] as number, offsets[id + 1] as number);
  const columns = new Columns(compiled.arrays, new PropertyTable(compiled.properties), string);
  return {
    version: compiled.version,
    kinds: compiled.kinds,
    strings: offsets.length - 1,
    columns,
    string,
    relationLists: (relation) => compiled.relations[relation],
  };
}

/**
 * Gathers from a compiled graph's columns, never building a record: texts are keyed by their string
 * id (the table's strings are distinct, so equal ids are equal texts), relations are read as they are
 * kept, and each list of citations' quotes is resolved once however many records share it.
 */
export function gatherFromColumns(source: IndexColumns): IndexBase {
  const { columns, string } = source;
  const header = { kinds: source.kinds, strings: source.strings };
  const { arrays } = columns;
  const { recordShape, recordValues, recordCitations, recordSlug, shapeOffsets, shapeMeta, shapeCitations, values } =
    arrays;
  const property = (name: string) => columns.properties.id(name);
  const [NAME, ALTERNATE_NAME, DESCRIPTION, COUNTRY, GAMES, NATIONALITY, ABOUT] = [
    'name',
    'alternateName',
    'description',
    'country',
    'games',
    'nationality',
    'about',
  ].map(property) as [number, number, number, number, number, number, number];

  /** The string id of the first shown string value of a property, or NONE. */
  const shownString = (record: number, wanted: number): number => {
    const shape = recordShape[record] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    for (let at = start; at < end; at++) {
      const meta = shapeMeta[at] as number;
      if (propertyOf(meta) === wanted && isShown(meta))
        return valueType(meta) === VALUE_STRING
          ? (values[(recordValues[record] as number) + at - start] as number)
          : NONE;
    }
    return NONE;
  };

  // The named entities by record id (kinds in KINDS order, so ids ascend), then in label order.
  const names: string[] = [];
  const entityKinds: number[] = [];
  const entityIds: number[] = [];
  for (const kind of NAMED_KINDS) {
    const { first, count } = header.kinds[kind];
    const kindIndex = KINDS.indexOf(kind);
    for (let id = first; id < first + count; id++) {
      names.push(string(shownString(id, NAME)));
      entityKinds.push(kindIndex);
      entityIds.push(id);
    }
  }
  const order = labelOrder(names, entityKinds, (at) => string(recordSlug[entityIds[at] as number] as number));
  names.length = 0;
  const kinds = Uint8Array.from(order, (at) => entityKinds[at] as number);
  const records = Uint32Array.from(order, (at) => entityIds[at] as number);
  entityKinds.length = 0;
  entityIds.length = 0;

  // Facets point at countries and Games only: their ordinals by record id, and their record ids by slug.
  const facetOrdinals = new Map<number, number>();
  const bySlug = { country: new Map<number, number>(), games: new Map<number, number>() };
  for (let ordinal = 0; ordinal < records.length; ordinal++) {
    const kind = KINDS[kinds[ordinal] as number] as Kind;
    if (kind !== 'country' && kind !== 'games') continue;
    const id = records[ordinal] as number;
    facetOrdinals.set(id, ordinal);
    bySlug[kind].set(recordSlug[id] as number, id);
  }
  const facetBySlugText = { country: new Map<string, number>(), games: new Map<string, number>() };
  for (const kind of ['country', 'games'] as const)
    for (const [slug, id] of bySlug[kind]) facetBySlugText[kind].set(string(slug), facetOrdinals.get(id) ?? -1);
  /** The ordinal of the country or Games a reference names by its slug's string id, or -1. */
  const facetOrdinal = (kind: 'country' | 'games', slug: number) => {
    const id = slug === NONE ? undefined : bySlug[kind].get(slug);
    return id === undefined ? -1 : (facetOrdinals.get(id) ?? -1);
  };
  // The Games of each result, as the relation from Games to results holds it.
  const results = header.kinds.result;
  const gamesOfResult = new Int32Array(results.count).fill(-1);
  {
    const { first, count, offsets, items: resultIds } = source.relationLists('resultsByGames');
    for (let key = 0; key < count; key++) {
      const ordinal = facetOrdinals.get(first + key) ?? -1;
      for (let at = offsets[key] as number; at < (offsets[key + 1] as number); at++)
        gamesOfResult[(resultIds[at] as number) - results.first] = ordinal;
    }
  }
  const related = (relation: 'resultsByAthlete' | 'delegationsByCountry', id: number): Uint32Array => {
    const { first, count, offsets, items: ids } = source.relationLists(relation);
    const key = id - first;
    return key < 0 || key >= count ? new Uint32Array(0) : ids.subarray(offsets[key], offsets[key + 1]);
  };

  // Whether a string is blank, found once per string: 0 not yet known, 1 blank, 2 not.
  const blankness = new Uint8Array(header.strings);
  const blank = (id: number) => {
    let known = blankness[id] as number;
    if (known === 0) {
      known = string(id).trim() === '' ? 1 : 2;
      blankness[id] = known;
    }
    return known === 1;
  };
  // Each list of citations' quotes (string ids, blank ones left out), resolved once.
  const listQuotes = new Map<number, Uint32Array>();
  const quotesOfList = (list: number): Uint32Array => {
    let quotes = listQuotes.get(list);
    if (!quotes) {
      const found: number[] = [];
      for (let at = arrays.listOffsets[list] as number; at < (arrays.listOffsets[list + 1] as number); at++) {
        const quote = arrays.citationQuote[arrays.listItems[at] as number] as number;
        if (quote !== NONE && !blank(quote)) found.push(quote);
      }
      quotes = Uint32Array.from(found);
      listQuotes.set(list, quotes);
    }
    return quotes;
  };

  const collector = new TextCollector();
  const textString = new GrowableU32();
  // Each field's texts by string id (text id + 1; 0: not met yet). Names and alternate names are as
  // many as the entities: a typed array each, over the string ids; descriptions and quotes are few.
  const textIds = TEXT_FIELDS.map((field) =>
    field === 'name' || field === 'alternateName' ? new Uint32Array(header.strings) : new Map<number, number>(),
  );
  const hold = (field: number, text: number, ordinal: number) => {
    const byString = textIds[field] as Uint32Array | Map<number, number>;
    let id = (byString instanceof Map ? (byString.get(text) ?? 0) : (byString[text] as number)) - 1;
    if (id < 0) {
      id = collector.add(field);
      textString.push(text);
      if (byString instanceof Map) byString.set(text, id + 1);
      else byString[text] = id + 1;
    }
    collector.hold(id, ordinal);
  };
  const [nameField, alternateField, descriptionField, quoteField] = (
    ['name', 'alternateName', 'description', 'quote'] satisfies TextField[]
  ).map((field) => TEXT_FIELDS.indexOf(field)) as [number, number, number, number];
  const aboutTargets: readonly Kind[] = (FACTS.report as FactSpecs).about?.refersTo ?? [];
  const alternates: number[] = [];
  const quotes: number[] = [];
  const countries: number[] = [];
  const games: number[] = [];

  for (let ordinal = 0; ordinal < records.length; ordinal++) {
    const id = records[ordinal] as number;
    const kind = KINDS[kinds[ordinal] as number] as Kind;
    const shape = recordShape[id] as number;
    const start = shapeOffsets[shape] as number;
    const end = shapeOffsets[shape + 1] as number;
    const base = recordValues[id] as number;
    const name = shownString(id, NAME);
    if (!blank(name)) hold(nameField, name, ordinal);
    // Alternate names: those stated, then the other spellings claimed for the name, each once, but the name.
    alternates.length = 0;
    for (const wanted of [ALTERNATE_NAME, NAME]) {
      for (let at = start; at < end; at++) {
        const meta = shapeMeta[at] as number;
        if (propertyOf(meta) !== wanted || valueType(meta) !== VALUE_STRING) continue;
        if (wanted === NAME ? isPreferred(meta) || rankOf(meta) === 'deprecated' : !isShown(meta)) continue;
        const value = values[base + at - start] as number;
        if (value !== name && !alternates.includes(value)) alternates.push(value);
      }
    }
    for (const alternate of alternates) if (!blank(alternate)) hold(alternateField, alternate, ordinal);
    // Descriptions and quotes of the entity, then of the records it owns.
    const owned =
      kind === 'athlete'
        ? related('resultsByAthlete', id)
        : kind === 'country'
          ? related('delegationsByCountry', id)
          : undefined;
    for (let index = -1; index < (owned?.length ?? 0); index++) {
      const record = index < 0 ? id : (owned?.[index] as number);
      const recordShapeId = recordShape[record] as number;
      const from = shapeOffsets[recordShapeId] as number;
      const to = shapeOffsets[recordShapeId + 1] as number;
      const recordBase = recordValues[record] as number;
      for (let at = from; at < to; at++) {
        const meta = shapeMeta[at] as number;
        if (propertyOf(meta) !== DESCRIPTION || !isShown(meta) || valueType(meta) !== VALUE_STRING) continue;
        const description = values[recordBase + at - from] as number;
        if (!blank(description)) hold(descriptionField, description, ordinal);
      }
      quotes.length = 0;
      for (const quote of quotesOfList(recordCitations[record] as number))
        if (!quotes.includes(quote)) quotes.push(quote);
      for (let at = from; at < to; at++) {
        for (const quote of quotesOfList(shapeCitations[at] as number)) if (!quotes.includes(quote)) quotes.push(quote);
      }
      for (const quote of quotes) hold(quoteField, quote, ordinal);
    }

    countries.length = 0;
    games.length = 0;
    switch (kind) {
      case 'country':
        countries.push(ordinal);
        break;
      case 'games':
        games.push(ordinal);
        break;
      case 'npc':
      case 'athlete':
      case 'organisation':
        countries.push(facetOrdinal('country', shownString(id, COUNTRY)));
        if (kind === 'athlete')
          for (const result of related('resultsByAthlete', id))
            games.push(gamesOfResult[result - results.first] as number);
        break;
      case 'event':
        games.push(facetOrdinal('games', shownString(id, GAMES)));
        break;
      case 'person':
        countries.push(facetOrdinal('country', shownString(id, NATIONALITY)));
        break;
      case 'report':
        for (let at = start; at < end; at++) {
          const meta = shapeMeta[at] as number;
          if (propertyOf(meta) !== ABOUT || !isPreferred(meta) || valueType(meta) !== VALUE_STRING) continue;
          const target = parseRef(aboutTargets, string(values[base + at - start] as number));
          if (target?.kind !== 'country' && target?.kind !== 'games') continue;
          (target.kind === 'country' ? countries : games).push(facetBySlugText[target.kind].get(target.slug) ?? -1);
        }
        break;
    }
    collector.facets(countries, games);
  }
  textIds.length = 0;
  const strings = textString.done();
  return completeIndex(
    source.version,
    collector.done(
      kinds,
      (ordinal) => string(recordSlug[records[ordinal] as number] as number),
      (text) => string(strings[text] as number),
    ),
  );
}

/** The words of a text, folded, in order. */
const wordsOf = (text: string): string[] => {
  const folded = foldForSearch(text);
  return folded === '' ? [] : folded.split(' ');
};

/**
 * The words of every text and the lookup tables, from what a front end gathered. Each text is folded
 * once; its words become (word, text, count) in typed arrays, then sorted by word, the texts of each
 * word staying ascending.
 */
function completeIndex(dataVersion: string, gathered: Gathered): IndexBase {
  const { kinds, slugAt, fields, textAt } = gathered;
  const textCount = fields.length;
  const lengths = new Uint16Array(textCount);
  const wordIds = new Map<string, number>();
  const found: string[] = [];
  const pairWords = new GrowableU32();
  const pairTexts = new GrowableU32();
  const pairCounts = new GrowableU32();
  for (let text = 0; text < textCount; text++) {
    const words = wordsOf(textAt(text));
    lengths[text] = Math.min(words.length, 0xffff);
    const first = pairWords.length;
    for (const word of words) {
      let id = wordIds.get(word);
      if (id === undefined) {
        id = found.push(word) - 1;
        wordIds.set(word, id);
      }
      let at = first;
      while (at < pairWords.length && pairWords.get(at) !== id) at++;
      if (at < pairWords.length) pairCounts.set(at, pairCounts.get(at) + 1);
      else {
        pairWords.push(id);
        pairTexts.push(text);
        pairCounts.push(1);
      }
    }
  }
  wordIds.clear();
  // Words in code-unit order; a word's id becomes its place in that order.
  const byText = Uint32Array.from(found.keys()).sort((a, b) =>
    (found[a] as string) < (found[b] as string) ? -1 : (found[a] as string) > (found[b] as string) ? 1 : 0,
  );
  const rank = new Uint32Array(found.length);
  byText.forEach((word, place) => {
    rank[word] = place;
  });
  const words = Array.from(byText, (word) => found[word] as string);
  found.length = 0;
  const wordOf = pairWords.done();
  const textOf = pairTexts.done();
  const countOf = pairCounts.done();
  const start = new Uint32Array(words.length + 1);
  for (const word of wordOf) start[(rank[word] as number) + 1] = (start[(rank[word] as number) + 1] as number) + 1;
  for (let word = 0; word < words.length; word++)
    start[word + 1] = (start[word + 1] as number) + (start[word] as number);
  const fill = start.slice(0, words.length);
  const occurrences = new Uint32Array(wordOf.length);
  const frequencies = new Uint16Array(wordOf.length);
  for (let at = 0; at < wordOf.length; at++) {
    const word = rank[wordOf[at] as number] as number;
    const slot = fill[word] as number;
    occurrences[slot] = textOf[at] as number;
    frequencies[slot] = Math.min(countOf[at] as number, 0xffff);
    fill[word] = slot + 1;
  }
  return {
    dataVersion,
    kinds,
    slugs: StringTable.from(kinds.length, slugAt),
    texts: StringTable.from(textCount, textAt),
    fields,
    postings: gathered.postings,
    countries: gathered.countries,
    games: gathered.games,
    words,
    occurrences: { start, values: occurrences },
    frequencies,
    lengths,
    entityTable: hashTable(kinds.length, (ordinal) => entityKey(kinds[ordinal] as number, slugAt(ordinal))),
    textTable: hashTable(textCount, (text) => textKey(fields[text] as number, textAt(text))),
  };
}

/** Pairs (item, value), values ascending within each item, as each item's list of values. */
function groupPairs(items: Uint32Array, values: Uint32Array, count: number): Lists {
  const start = new Uint32Array(count + 1);
  for (const item of items) start[item + 1] = (start[item + 1] as number) + 1;
  for (let item = 0; item < count; item++) start[item + 1] = (start[item + 1] as number) + (start[item] as number);
  const fill = start.slice(0, count);
  const grouped = new Uint32Array(items.length);
  items.forEach((item, at) => {
    grouped[fill[item] as number] = values[at] as number;
    fill[item] = (fill[item] as number) + 1;
  });
  return { start, values: grouped };
}

/** The distinct non-negative values, ascending. */
function uniqueSorted(values: readonly number[]): number[] {
  return [...new Set(values.filter((value) => value >= 0))].sort((a, b) => a - b);
}

/** The countries and Games an entity belongs to or is about, for the facets. */
function facetRecordsOf(store: Store, entity: NamedEntity): [EntityRecord[], EntityRecord[]] {
  const country = (slug: string | null | undefined) => (slug ? [store.get('country', slug)] : []);
  const defined = (records: (EntityRecord | undefined)[]) => records.filter((record) => record !== undefined);
  switch (entity.kind) {
    case 'country':
    case 'games':
      return entity.kind === 'country' ? [[entity], []] : [[], [entity]];
    case 'npc':
    case 'athlete':
    case 'organisation': {
      const countries = defined(country((entity.facts as { country?: string | null }).country));
      if (entity.kind !== 'athlete') return [countries, []];
      const athlete = entity as EntityRecord<'athlete'>;
      return [countries, defined(store.resultsOfAthlete(athlete).map((result) => store.gamesOfResult(result)))];
    }
    case 'event':
      return [[], defined([store.get('games', (entity as EntityRecord<'event'>).facts.games)])];
    case 'person':
      return [defined(country((entity as EntityRecord<'person'>).facts.nationality)), []];
    case 'report': {
      const about = store.aboutOf(entity as EntityRecord<'report'>);
      return [about.filter((record) => record.kind === 'country'), about.filter((record) => record.kind === 'games')];
    }
  }
}
