import SearchableMap from 'minisearch/SearchableMap';
import { compareText } from '../compare.js';
import { KINDS, type Kind } from '../kinds.js';
import type { EntityRecord, NamedEntity, NamedKind } from '../model.js';
import { foldForSearch } from '../search.js';
import { NAMED_KINDS, type Store } from '../store.js';
import { type FullTextHit, FullTextMatches } from './matches.js';
import type { ParsedQuery } from './query.js';
import { FIELD_BOOSTS, TEXT_FIELDS, type TextField, textsOf } from './texts.js';

/** Bumped whenever what the index holds or how it is serialised changes, so an older file is rebuilt. */
export const FULLTEXT_FORMAT = 2;

/** How much more a text weighs when it is, folded, the whole query: "Rim Ju-song" for "rim ju song". */
const WHOLE_TEXT_BOOST = 2;
/** How many searches' matches are kept, most recent last. */
const RECENT_SEARCHES = 16;
/** BM25+ as MiniSearch computes it: term saturation, length normalisation, and the floor for a match. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
/** What a word counts for when it matches a longer word it starts, or a word a typo or two away (MiniSearch's weights). */
const PREFIX_WEIGHT = 0.375;
const TYPO_WEIGHT = 0.45;

/** The edits a word may have from a word of the text: one from four letters, two from eight. */
const typosAllowed = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

/** Narrows a search to the entities that belong to one Games or one country (by slug), as the facets count them. */
export interface SearchScope {
  readonly games?: string | null;
  readonly country?: string | null;
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

/** The index serialised as plain arrays. */
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
  readonly words: string[];
  readonly occurrences: [number[], number[]];
  readonly frequencies: number[];
  readonly lengths: number[];
}

/** Why a saved index cannot be read: another format or data version, or not an index at all. */
export class FullTextFormatError extends Error {}

/** The words of a text, folded, in order. */
const wordsOf = (text: string): string[] => {
  const folded = foldForSearch(text);
  return folded === '' ? [] : folded.split(' ');
};

/** The parts an index is made of, whether built or read back. */
interface IndexParts {
  readonly dataVersion: string;
  readonly kinds: Uint8Array;
  readonly slugs: readonly string[];
  readonly texts: readonly string[];
  readonly fields: Uint8Array;
  readonly postings: Lists;
  readonly countries: Lists;
  readonly games: Lists;
  /** Every folded word of the texts, in code-unit order: a word's id is its place here. */
  readonly words: readonly string[];
  /** For each word, the texts holding it (ascending)… */
  readonly occurrences: Lists;
  /** …and how often each holds it. */
  readonly frequencies: Uint16Array;
  /** How many words each text has. */
  readonly lengths: Uint16Array;
}

/**
 * The full-text index of a graph. Every distinct text (names, alternate names, descriptions and quoted
 * sentences) is indexed once however many records share it, each text listing the entities it belongs
 * to; entities are numbered in label order (name, then kind, then slug), so every list of them is in
 * label order too. Words are kept in MiniSearch's radix tree (SearchableMap), which finds the words a
 * query word starts and those a typo or two away; each word lists its texts in typed arrays, and a
 * search scores the texts holding every query word with BM25+ as MiniSearch does (weighted by field,
 * prefixes and typos counting less), in one pass over those lists. (MiniSearch's own search builds a
 * map entry per matching text and word: at 10,000 times the data a name shared by every copy took a
 * third of a second; these arrays take milliseconds.) The texts are then taken best first and their
 * entities in label order, so a page of entities is found without ranking every matching entity: an
 * entity ranks by its best text.
 */
export class FullTextIndex {
  readonly #parts: IndexParts;
  readonly #ordinals = new Map<string, number>();
  readonly #textIds = new Map<string, number>();
  readonly #vocabulary: SearchableMap<number>;
  readonly #averageLength: number;
  readonly #recent = new Map<string, FullTextMatches>();
  /** Per-text working arrays of a search, allocated once. */
  #scratch:
    | { scores: Float64Array; best: Float64Array; matched: Uint8Array; exact: Uint8Array; exactWords: Uint8Array }
    | undefined;
  /** The data the index was built from (Store.version). */
  readonly dataVersion: string;

  private constructor(parts: IndexParts) {
    this.#parts = parts;
    this.dataVersion = parts.dataVersion;
    parts.slugs.forEach((slug, ordinal) => {
      this.#ordinals.set(`${KINDS[parts.kinds[ordinal] as number]}/${slug}`, ordinal);
    });
    parts.texts.forEach((text, id) => {
      this.#textIds.set(textKey(TEXT_FIELDS[parts.fields[id] as number] as TextField, text), id);
    });
    this.#vocabulary = SearchableMap.from(parts.words.map((word, id): [string, number] => [word, id]));
    let total = 0;
    for (const length of parts.lengths) total += length;
    this.#averageLength = parts.lengths.length === 0 ? 1 : total / parts.lengths.length;
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

    // The words of every text: each word's texts in ascending order, with how often each holds it.
    const lengths = new Uint16Array(texts.length);
    const byWord = new Map<string, { texts: number[]; counts: number[] }>();
    texts.forEach((text, id) => {
      const words = wordsOf(text);
      lengths[id] = Math.min(words.length, 0xffff);
      for (const word of words) {
        let entry = byWord.get(word);
        if (!entry) {
          entry = { texts: [], counts: [] };
          byWord.set(word, entry);
        }
        if (entry.texts.at(-1) === id) entry.counts[entry.counts.length - 1] = (entry.counts.at(-1) as number) + 1;
        else {
          entry.texts.push(id);
          entry.counts.push(1);
        }
      }
    });
    const words = [...byWord.keys()].sort();
    const wordEntries = words.map((word) => byWord.get(word) as { texts: number[]; counts: number[] });
    return new FullTextIndex({
      dataVersion: store.version,
      kinds: new Uint8Array(entities.map((entity) => KINDS.indexOf(entity.kind))),
      slugs: entities.map((entity) => entity.slug),
      texts,
      fields: new Uint8Array(fields),
      postings: packLists(postings),
      countries: packLists(countries),
      games: packLists(games),
      words,
      occurrences: packLists(wordEntries.map((entry) => entry.texts)),
      frequencies: new Uint16Array(
        wordEntries.flatMap((entry) => entry.counts.map((count) => Math.min(count, 0xffff))),
      ),
      lengths,
    });
  }

  /** The index as JSON text, to be read again with {@link fromJSON}. */
  toJSON(): string {
    const parts = this.#parts;
    const plain = (lists: Lists): [number[], number[]] => [Array.from(lists.start), Array.from(lists.values)];
    const serialized: SerializedIndex = {
      format: FULLTEXT_FORMAT,
      dataVersion: parts.dataVersion,
      kinds: Array.from(parts.kinds),
      slugs: [...parts.slugs],
      texts: [...parts.texts],
      fields: Array.from(parts.fields),
      postings: plain(parts.postings),
      countries: plain(parts.countries),
      games: plain(parts.games),
      words: [...parts.words],
      occurrences: plain(parts.occurrences),
      frequencies: Array.from(parts.frequencies),
      lengths: Array.from(parts.lengths),
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
      words: serialized.words,
      occurrences: lists(serialized.occurrences),
      frequencies: Uint16Array.from(serialized.frequencies),
      lengths: Uint16Array.from(serialized.lengths),
    });
  }

  /** How many entities and distinct texts the index holds, and how many distinct words. */
  get size(): { entities: number; texts: number; terms: number } {
    return { entities: this.#parts.slugs.length, texts: this.#parts.texts.length, terms: this.#parts.words.length };
  }

  /**
   * The matches of a parsed query (null: every entity, in label order), restricted to some kinds.
   * Every word must match in one text: outside quotes as a word, a word's start or with a typo or
   * two; inside quotes exactly, next to each other in the order given.
   */
  search(query: ParsedQuery | null, kinds: readonly Kind[] | null, scope: SearchScope = {}): FullTextMatches {
    const key = JSON.stringify([
      query?.words,
      query?.phrases,
      [...new Set(kinds ?? [])].sort(),
      scope.games ?? null,
      scope.country ?? null,
    ]);
    let matches = this.#recent.get(key);
    if (matches) {
      this.#recent.delete(key);
    } else {
      matches = this.#search(query, kinds, this.#scopeOf(scope));
      if (this.#recent.size >= RECENT_SEARCHES) this.#recent.delete(this.#recent.keys().next().value as string);
    }
    // The last few searches are kept, so that paging through one does not score its texts again.
    this.#recent.set(key, matches);
    return matches;
  }

  /** Lets go of the searches kept, so the next search of each is scored again (for measuring). */
  forgetRecent(): void {
    this.#recent.clear();
  }

  /** The entity ordinals of the Games and country a search is narrowed to (-1: an unknown one, which matches nothing). */
  #scopeOf({ games, country }: SearchScope): { games: number | null; country: number | null } {
    const ordinal = (kind: Kind, slug: string | null | undefined) =>
      slug == null ? null : (this.ordinalOf(kind, slug) ?? -1);
    return { games: ordinal('games', games), country: ordinal('country', country) };
  }

  #search(
    query: ParsedQuery | null,
    kinds: readonly Kind[] | null,
    scope: { games: number | null; country: number | null },
  ): FullTextMatches {
    const kindSet = kinds && kinds.length > 0 ? new Set(kinds.map((kind) => KINDS.indexOf(kind))) : null;
    const accept = { kinds: kindSet, ...scope };
    if (query === null) return new FullTextMatches(this, null, accept);
    const queryWords = [
      ...query.words.map((word) => ({ word, loose: true })),
      ...query.phrases.flat().map((word) => ({ word, loose: false })),
    ];
    const { texts, fields, lengths, occurrences, frequencies } = this.#parts;
    this.#scratch ??= {
      scores: new Float64Array(texts.length),
      best: new Float64Array(texts.length),
      matched: new Uint8Array(texts.length),
      exact: new Uint8Array(texts.length),
      exactWords: new Uint8Array(texts.length),
    };
    // Searches run one at a time (synchronously), so they share these, left zeroed by each.
    const { scores, best, matched, exact, exactWords } = this.#scratch;
    let firstReached: number[] = [];
    const terms = new Set<string>();
    let touched: number[] = [];
    let work = 0;
    for (const [position, { word, loose }] of queryWords.entries()) {
      const expansions = this.#expand(word, loose);
      for (const term of expansions.keys()) terms.add(this.#parts.words[term] as string);
      const reached: number[] = [];
      for (const [term, weight] of expansions) {
        const from = occurrences.start[term] as number;
        const to = occurrences.start[term + 1] as number;
        const idf = Math.log(1 + (texts.length - (to - from) + 0.5) / (to - from + 0.5));
        work += to - from;
        for (let at = from; at < to; at++) {
          const text = occurrences.values[at] as number;
          // Only texts holding every earlier word can still match.
          if (matched[text] !== position) continue;
          const frequency = frequencies[at] as number;
          const normalised = 1 - BM25.b + (BM25.b * (lengths[text] as number)) / this.#averageLength;
          const score = weight * idf * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + BM25.k * normalised));
          if (best[text] === 0) reached.push(text);
          if (score > (best[text] as number)) best[text] = score;
          if (weight === 1) exact[text] = position + 1;
        }
      }
      for (const text of reached) {
        matched[text] = position + 1;
        scores[text] = (scores[text] as number) + (best[text] as number);
        best[text] = 0;
        if (exact[text] === position + 1) exactWords[text] = (exactWords[text] as number) + 1;
      }
      touched = reached;
      if (position === 0) firstReached = reached;
      if (reached.length === 0) break;
    }
    const phrases = query.phrases.filter((phrase) => phrase.length > 1).map((phrase) => ` ${phrase.join(' ')} `);
    // Only the texts holding every word get a final score; the others keep 0 there.
    const final = new Float64Array(texts.length);
    const candidates: number[] = [];
    for (const text of touched) {
      if (phrases.length > 0) {
        const folded = ` ${foldForSearch(texts[text] as string)} `;
        if (!phrases.every((phrase) => folded.includes(phrase))) continue;
      }
      const wholeText = lengths[text] === queryWords.length && exactWords[text] === queryWords.length;
      const boost = FIELD_BOOSTS[TEXT_FIELDS[fields[text] as number] as TextField] * (wholeText ? WHOLE_TEXT_BOOST : 1);
      final[text] = Math.round((scores[text] as number) * boost * 1000) / 1000;
      candidates.push(text);
    }
    // Every text written to held the first word.
    for (const text of firstReached) {
      scores[text] = 0;
      matched[text] = 0;
      exact[text] = 0;
      exactWords[text] = 0;
    }
    return new FullTextMatches(this, { scores: final, terms, candidates: Uint32Array.from(candidates), work }, accept);
  }

  /** The words of the index a query word matches, each with its weight: itself 1, words it starts less, typos less still. */
  #expand(word: string, loose: boolean): Map<number, number> {
    const expansions = new Map<number, number>();
    const own = this.#vocabulary.get(word);
    if (own !== undefined) expansions.set(own, 1);
    if (!loose) return expansions;
    for (const [, term] of this.#vocabulary.atPrefix(word)) {
      if (!expansions.has(term)) expansions.set(term, PREFIX_WEIGHT);
    }
    const typos = typosAllowed(word);
    if (typos > 0) {
      for (const [term, distance] of this.#vocabulary.fuzzyGet(word, typos).values()) {
        if (distance === 0) continue;
        const weight = (TYPO_WEIGHT * word.length) / (word.length + distance);
        if (weight > (expansions.get(term) ?? 0)) expansions.set(term, weight);
      }
    }
    return expansions;
  }

  /** The id of a text of an entity, if the index holds it. */
  textId(field: TextField, text: string): number | undefined {
    return this.#textIds.get(textKey(field, text));
  }

  get entityCount(): number {
    return this.#parts.slugs.length;
  }

  kindOf(ordinal: number): number {
    return this.#parts.kinds[ordinal] as number;
  }

  hitOf(ordinal: number, score: number): FullTextHit {
    const { kinds, slugs } = this.#parts;
    return { kind: KINDS[kinds[ordinal] as number] as NamedKind, slug: slugs[ordinal] as string, score };
  }

  ordinalOf(kind: Kind, slug: string): number | undefined {
    return this.#ordinals.get(`${kind}/${slug}`);
  }

  entitiesOf(text: number): Uint32Array {
    return listOf(this.#parts.postings, text);
  }

  countriesOf(ordinal: number): Uint32Array {
    return listOf(this.#parts.countries, ordinal);
  }

  gamesOf(ordinal: number): Uint32Array {
    return listOf(this.#parts.games, ordinal);
  }

  slugOf(ordinal: number): string {
    return this.#parts.slugs[ordinal] as string;
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
