import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import { compareText } from '../compare.js';
import { KINDS, type Kind } from '../kinds.js';
import type { EntityRecord, NamedEntity, NamedKind } from '../model.js';
import { foldForSearch } from '../search.js';
import { NAMED_KINDS, type Store } from '../store.js';
import type { ParsedQuery } from './query.js';
import { FIELD_BOOSTS, TEXT_FIELDS, type TextField, textsOf } from './texts.js';

/** Bumped whenever what the index holds or how it is serialised changes, so an older file is rebuilt. */
export const FULLTEXT_FORMAT = 1;

/** How much more a text weighs when it is, folded, the whole query: "Rim Ju-song" for "rim ju song". */
const WHOLE_TEXT_BOOST = 2;

/** One distinct text as MiniSearch indexes it. */
interface TextDocument {
  readonly id: number;
  readonly text: string;
}

const tokenize = (text: string): string[] => foldForSearch(text).split(' ');

const MINISEARCH_OPTIONS: Options<TextDocument> = {
  fields: ['text'],
  tokenize,
  processTerm: (term: string) => (term === '' ? null : term),
};

/** The edits a word may have from a word of the text: one from four letters, two from eight. */
const typosAllowed = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** A text that matched, with its score and the words of it that matched (folded). */
export interface TextMatch {
  readonly text: number;
  readonly score: number;
  readonly terms: readonly string[];
}

/** One entity found: its place in the index, the score of its best text, and every text of it that matched. */
export interface FullTextHit {
  readonly kind: NamedKind;
  readonly slug: string;
  readonly score: number;
}

/** Counts of the matches per type, per Games and per country (Games and countries as kind/slug). */
export interface FullTextFacets {
  readonly types: ReadonlyMap<NamedKind, number>;
  readonly games: readonly { readonly slug: string; readonly count: number }[];
  readonly countries: readonly { readonly slug: string; readonly count: number }[];
}

/** A list of ascending integers per item, in two arrays (offsets, then the values). */
interface Lists {
  readonly start: Uint32Array;
  readonly values: Uint32Array;
}

function packLists(lists: readonly (readonly number[])[]): Lists {
  const start = new Uint32Array(lists.length + 1);
  for (let index = 0; index < lists.length; index++)
    start[index + 1] = (start[index] as number) + (lists[index] as number[]).length;
  const values = new Uint32Array(start[lists.length] as number);
  lists.forEach((list, index) => {
    values.set(list, start[index] as number);
  });
  return { start, values };
}

const listOf = (lists: Lists, index: number): Uint32Array =>
  lists.values.subarray(lists.start[index] as number, lists.start[index + 1] as number);

/** The index serialised: plain arrays and MiniSearch's own JSON form. */
interface SerializedIndex {
  readonly format: number;
  readonly dataVersion: string;
  readonly kinds: number[];
  readonly slugs: string[];
  readonly texts: string[];
  readonly fields: number[];
  readonly postings: [number[], number[]];
  readonly countries: [number[], number[]];
  readonly games: [number[], number[]];
  readonly minisearch: ReturnType<MiniSearch<TextDocument>['toJSON']>;
}

/** Why a saved index cannot be read: another format or data version, or not an index at all. */
export class FullTextFormatError extends Error {}

/**
 * The full-text index of a graph: every distinct text (names, alternate names, descriptions and quoted
 * sentences) indexed once by MiniSearch however many records share it, each text listing the entities
 * it belongs to. Entities are numbered in label order (name, then kind, then slug), so every list of
 * them is in label order too. A search scores the distinct texts (BM25 with prefix and typo matches,
 * weighted by field), then walks them best first and their entities in label order, so a page of
 * entities is found without ranking every matching entity: an entity ranks by its best text.
 */
export class FullTextIndex {
  readonly #kinds: Uint8Array;
  readonly #slugs: readonly string[];
  readonly #ordinals = new Map<string, number>();
  readonly #texts: readonly string[];
  readonly #fields: Uint8Array;
  readonly #textIds = new Map<string, number>();
  readonly #postings: Lists;
  readonly #countries: Lists;
  readonly #games: Lists;
  readonly #minisearch: MiniSearch<TextDocument>;
  /** The data the index was built from (Store.version). */
  readonly dataVersion: string;

  private constructor(parts: {
    dataVersion: string;
    kinds: Uint8Array;
    slugs: readonly string[];
    texts: readonly string[];
    fields: Uint8Array;
    postings: Lists;
    countries: Lists;
    games: Lists;
    minisearch: MiniSearch<TextDocument>;
  }) {
    this.dataVersion = parts.dataVersion;
    this.#kinds = parts.kinds;
    this.#slugs = parts.slugs;
    this.#texts = parts.texts;
    this.#fields = parts.fields;
    this.#postings = parts.postings;
    this.#countries = parts.countries;
    this.#games = parts.games;
    this.#minisearch = parts.minisearch;
    parts.slugs.forEach((slug, ordinal) => {
      this.#ordinals.set(`${KINDS[parts.kinds[ordinal] as number]}/${slug}`, ordinal);
    });
    parts.texts.forEach((text, id) => {
      this.#textIds.set(textKey(TEXT_FIELDS[parts.fields[id] as number] as TextField, text), id);
    });
  }

  /** Reads every named entity of the store and indexes its texts. */
  static build(store: Store): FullTextIndex {
    const entities = NAMED_KINDS.flatMap((kind) => store.all(kind).slice() as NamedEntity[]);
    entities.sort(
      (a, b) =>
        compareText(a.facts.name, b.facts.name) ||
        KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
        compareText(a.slug, b.slug),
    );
    const ordinals = new Map(entities.map((entity, ordinal) => [`${entity.kind}/${entity.slug}`, ordinal]));
    const ordinalOf = (record: EntityRecord | null | undefined) =>
      record ? ordinals.get(`${record.kind}/${record.slug}`) : undefined;

    const texts: string[] = [];
    const fields: number[] = [];
    const textIds = new Map<string, number>();
    const postings: number[][] = [];
    const countries: number[][] = [];
    const games: number[][] = [];
    entities.forEach((entity, ordinal) => {
      for (const { field, text } of textsOf(store, entity)) {
        const key = textKey(field, text);
        let id = textIds.get(key);
        if (id === undefined) {
          id = texts.push(text) - 1;
          fields.push(TEXT_FIELDS.indexOf(field));
          textIds.set(key, id);
          postings.push([]);
        }
        const list = postings[id] as number[];
        if (list.at(-1) !== ordinal) list.push(ordinal);
      }
      const [countryRecords, gamesRecords] = facetRecordsOf(store, entity);
      countries.push(uniqueSorted(countryRecords.map(ordinalOf)));
      games.push(uniqueSorted(gamesRecords.map(ordinalOf)));
    });

    const minisearch = new MiniSearch<TextDocument>(MINISEARCH_OPTIONS);
    minisearch.addAll(texts.map((text, id) => ({ id, text })));
    return new FullTextIndex({
      dataVersion: store.version,
      kinds: new Uint8Array(entities.map((entity) => KINDS.indexOf(entity.kind))),
      slugs: entities.map((entity) => entity.slug),
      texts,
      fields: new Uint8Array(fields),
      postings: packLists(postings),
      countries: packLists(countries),
      games: packLists(games),
      minisearch,
    });
  }

  /** The index as JSON text, to be read again with {@link fromJSON}. */
  toJSON(): string {
    const plain = (lists: Lists): [number[], number[]] => [Array.from(lists.start), Array.from(lists.values)];
    const serialized: SerializedIndex = {
      format: FULLTEXT_FORMAT,
      dataVersion: this.dataVersion,
      kinds: Array.from(this.#kinds),
      slugs: [...this.#slugs],
      texts: [...this.#texts],
      fields: Array.from(this.#fields),
      postings: plain(this.#postings),
      countries: plain(this.#countries),
      games: plain(this.#games),
      minisearch: this.#minisearch.toJSON(),
    };
    return JSON.stringify(serialized);
  }

  /** Reads an index {@link toJSON} wrote; refuses one of another format or of other data. */
  static fromJSON(json: string, dataVersion: string): FullTextIndex {
    let serialized: SerializedIndex;
    try {
      serialized = JSON.parse(json) as SerializedIndex;
    } catch {
      throw new FullTextFormatError('is not JSON');
    }
    if (serialized?.format !== FULLTEXT_FORMAT) throw new FullTextFormatError('is of another format');
    if (serialized.dataVersion !== dataVersion) throw new FullTextFormatError('was built from other data');
    const lists = ([start, values]: [number[], number[]]): Lists => ({
      start: Uint32Array.from(start),
      values: Uint32Array.from(values),
    });
    return new FullTextIndex({
      dataVersion: serialized.dataVersion,
      kinds: Uint8Array.from(serialized.kinds),
      slugs: serialized.slugs,
      texts: serialized.texts,
      fields: Uint8Array.from(serialized.fields),
      postings: lists(serialized.postings),
      countries: lists(serialized.countries),
      games: lists(serialized.games),
      minisearch: MiniSearch.loadJSON<TextDocument>(JSON.stringify(serialized.minisearch), MINISEARCH_OPTIONS),
    });
  }

  /** How many entities and distinct texts the index holds, and how many words MiniSearch knows. */
  get size(): { entities: number; texts: number; terms: number } {
    return { entities: this.#slugs.length, texts: this.#texts.length, terms: this.#minisearch.termCount };
  }

  /**
   * The matches of a parsed query (null: every entity, in label order), restricted to some kinds.
   * Every word must match in one text: outside quotes as a word, a word's start or with a typo or
   * two; inside quotes exactly, next to each other in the order given.
   */
  search(query: ParsedQuery | null, kinds: readonly Kind[] | null): FullTextMatches {
    const accept = kinds && kinds.length > 0 ? new Set(kinds.map((kind) => KINDS.indexOf(kind))) : null;
    if (query === null) return new FullTextMatches(this, null, accept);
    const queries: Query[] = [
      ...query.words.map((word) => ({ queries: [word], prefix: true, fuzzy: typosAllowed(word) })),
      ...query.phrases.flat().map((word) => ({ queries: [word], prefix: false, fuzzy: false })),
    ];
    const phrases = query.phrases.filter((phrase) => phrase.length > 1).map((phrase) => ` ${phrase.join(' ')} `);
    const results: SearchResult[] = this.#minisearch.search(
      { combineWith: 'AND', queries },
      { boostDocument: (id: number) => FIELD_BOOSTS[TEXT_FIELDS[this.#fields[id] as number] as TextField] },
    );
    const matches: TextMatch[] = [];
    for (const result of results) {
      const id = result.id as number;
      const folded = foldForSearch(this.#texts[id] as string);
      if (phrases.length > 0 && !phrases.every((phrase) => ` ${folded} `.includes(phrase))) continue;
      const score = result.score * (folded === query.folded ? WHOLE_TEXT_BOOST : 1);
      matches.push({ text: id, score: Math.round(score * 1000) / 1000, terms: result.terms });
    }
    matches.sort((a, b) => b.score - a.score || a.text - b.text);
    return new FullTextMatches(this, matches, accept);
  }

  /** The id of a text of an entity, if the index holds it. */
  textId(field: TextField, text: string): number | undefined {
    return this.#textIds.get(textKey(field, text));
  }

  get entityCount(): number {
    return this.#slugs.length;
  }

  kindOf(ordinal: number): number {
    return this.#kinds[ordinal] as number;
  }

  hitOf(ordinal: number, score: number): FullTextHit {
    return { kind: KINDS[this.#kinds[ordinal] as number] as NamedKind, slug: this.#slugs[ordinal] as string, score };
  }

  ordinalOf(kind: Kind, slug: string): number | undefined {
    return this.#ordinals.get(`${kind}/${slug}`);
  }

  entitiesOf(text: number): Uint32Array {
    return listOf(this.#postings, text);
  }

  countriesOf(ordinal: number): Uint32Array {
    return listOf(this.#countries, ordinal);
  }

  gamesOf(ordinal: number): Uint32Array {
    return listOf(this.#games, ordinal);
  }

  slugOf(ordinal: number): string {
    return this.#slugs[ordinal] as string;
  }
}

const textKey = (field: TextField, text: string) => `${field}\u0000${text}`;

function uniqueSorted(values: readonly (number | undefined)[]): number[] {
  return [...new Set(values.filter((value): value is number => value !== undefined))].sort((a, b) => a - b);
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

/**
 * The entities a query matches, best first: ranked only as far as the pages asked for, counted and
 * faceted only when asked.
 */
export class FullTextMatches {
  /** Entities ranked so far, with their scores, and where the walk over the texts stands. */
  readonly #ranked: number[] = [];
  readonly #scores: number[] = [];
  readonly #seen: Uint8Array;
  #textAt = 0;
  #postingAt = 0;
  #count: number | undefined;
  readonly #matchedTexts: ReadonlyMap<number, TextMatch>;

  constructor(
    readonly index: FullTextIndex,
    /** The matching texts best first; null for a listing of every entity in label order. */
    private readonly texts: readonly TextMatch[] | null,
    private readonly accept: ReadonlySet<number> | null,
  ) {
    this.#seen = new Uint8Array(texts === null ? 0 : index.entityCount);
    this.#matchedTexts = new Map((texts ?? []).map((match) => [match.text, match]));
  }

  /** How many distinct texts matched (the work a search did, for the query's budget). */
  get textCount(): number {
    return this.texts?.length ?? 0;
  }

  /** The text matches by text id, for snippets. */
  get matchedTexts(): ReadonlyMap<number, TextMatch> {
    return this.#matchedTexts;
  }

  #accepts(ordinal: number): boolean {
    return this.accept === null || this.accept.has(this.index.kindOf(ordinal));
  }

  get length(): number {
    this.#count ??= this.#countAccepted();
    return this.#count;
  }

  #countAccepted(): number {
    let count = 0;
    this.#forEachEntity((ordinal) => {
      if (this.#accepts(ordinal)) count++;
    });
    return count;
  }

  /** Calls `visit` once with every entity matched, of any kind. */
  #forEachEntity(visit: (ordinal: number) => void): void {
    if (this.texts === null) {
      for (let ordinal = 0; ordinal < this.index.entityCount; ordinal++) visit(ordinal);
      return;
    }
    const seen = new Uint8Array(this.index.entityCount);
    for (const { text } of this.texts) {
      for (const ordinal of this.index.entitiesOf(text)) {
        if (seen[ordinal] === 1) continue;
        seen[ordinal] = 1;
        visit(ordinal);
      }
    }
  }

  /** The hits from `start` to `end` (exclusive), best first. */
  slice(start: number, end: number): FullTextHit[] {
    const to = Math.min(end, this.length);
    if (this.texts === null) return this.#listing(start, to);
    this.#rank(to);
    const hits: FullTextHit[] = [];
    for (let at = Math.max(0, start); at < to; at++)
      hits.push(this.index.hitOf(this.#ranked[at] as number, this.#scores[at] as number));
    return hits;
  }

  #listing(start: number, end: number): FullTextHit[] {
    if (this.accept === null) {
      const hits: FullTextHit[] = [];
      for (let ordinal = Math.max(0, start); ordinal < end; ordinal++) hits.push(this.index.hitOf(ordinal, 0));
      return hits;
    }
    while (this.#ranked.length < end) {
      let ordinal = this.#ranked.length === 0 ? 0 : (this.#ranked.at(-1) as number) + 1;
      while (ordinal < this.index.entityCount && !this.#accepts(ordinal)) ordinal++;
      if (ordinal >= this.index.entityCount) break;
      this.#ranked.push(ordinal);
    }
    return this.#ranked.slice(Math.max(0, start), end).map((ordinal) => this.index.hitOf(ordinal, 0));
  }

  /** Walks the texts best first, and each text's entities in label order, until `need` are ranked. */
  #rank(need: number): void {
    const texts = this.texts ?? [];
    while (this.#ranked.length < need && this.#textAt < texts.length) {
      const match = texts[this.#textAt] as TextMatch;
      const entities = this.index.entitiesOf(match.text);
      while (this.#postingAt < entities.length && this.#ranked.length < need) {
        const ordinal = entities[this.#postingAt++] as number;
        if (this.#seen[ordinal] === 1) continue;
        this.#seen[ordinal] = 1;
        if (!this.#accepts(ordinal)) continue;
        this.#ranked.push(ordinal);
        this.#scores.push(match.score);
      }
      if (this.#postingAt >= entities.length) {
        this.#textAt++;
        this.#postingAt = 0;
      }
    }
  }

  /**
   * Counts of every match per type (whatever types were asked for, so that a client can offer the
   * others), and of the matches of the types asked for per Games and per country, most first.
   */
  facets(): FullTextFacets {
    const types = new Map<NamedKind, number>();
    const games = new Map<number, number>();
    const countries = new Map<number, number>();
    this.#forEachEntity((ordinal) => {
      const kind = KINDS[this.index.kindOf(ordinal)] as NamedKind;
      types.set(kind, (types.get(kind) ?? 0) + 1);
      if (!this.#accepts(ordinal)) return;
      for (const target of this.index.gamesOf(ordinal)) games.set(target, (games.get(target) ?? 0) + 1);
      for (const target of this.index.countriesOf(ordinal)) countries.set(target, (countries.get(target) ?? 0) + 1);
    });
    const ordered = (counts: Map<number, number>) =>
      [...counts]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([ordinal, count]) => ({ slug: this.index.slugOf(ordinal), count }));
    return {
      types: new Map(NAMED_KINDS.filter((kind) => types.has(kind)).map((kind) => [kind, types.get(kind) as number])),
      games: ordered(games),
      countries: ordered(countries),
    };
  }
}
