import SearchableMap from 'minisearch/SearchableMap';
import { KINDS, type Kind } from '../kinds.js';
import type { NamedKind } from '../model.js';
import { foldForSearch } from '../search.js';
import type { Store } from '../store.js';
import {
  entityKey,
  gatherFromColumns,
  gatherFromStore,
  type IndexBase,
  type IndexColumns,
  snapshotColumns,
  textKey,
} from './build.js';
import { decodeSections, encodeSections, FullTextFormatError, type Section } from './file.js';
import { impactRuns } from './join.js';
import { type FullTextHit, FullTextMatches } from './matches.js';
import { MAX_PREFIX_WORDS, MAX_QUERY_WORDS, type ParsedQuery } from './query.js';
import { RangeMost } from './range-most.js';
import { hashWordIds, type Lists, listOf, type RankingData, TextRanking } from './ranking.js';
import { hashTable, lookUp, StringTable } from './string-table.js';
import { FIELD_BOOSTS, TEXT_FIELDS, type TextField } from './texts.js';

/** Bumped whenever what the index holds or how it is serialised changes, so an older file is rebuilt. */
export const FULLTEXT_FORMAT = 4;

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

/** The names of the saved sections, each an array of {@link IndexParts}. */
const SECTIONS = [
  'kinds',
  'slugOffsets',
  'slugBytes',
  'textOffsets',
  'textBytes',
  'fields',
  'postingsStart',
  'postings',
  'countriesStart',
  'countries',
  'gamesStart',
  'games',
  'occurrencesStart',
  'lengths',
  'impactTexts',
  'impactFrequencies',
  'textWordsStart',
  'textWords',
  'textFrequencies',
  'wholeTexts',
  'entityTable',
  'textTable',
] as const;

export { FullTextFormatError } from './file.js';

/** The parts an index is made of, whether built or read back: what the build gathers, and ranking's arrays. */
interface IndexParts extends IndexBase {
  /** For each word, its texts again (same offsets as `occurrences`), best first for it, with their frequencies. */
  readonly impactTexts: Uint32Array;
  readonly impactFrequencies: Uint16Array;
  /** For each text, its distinct words (ascending), and how often it holds each. */
  readonly textWords: Lists;
  readonly textFrequencies: Uint16Array;
  /** Texts of at most MAX_QUERY_WORDS words, all different, by their word ids: the texts a query can be whole. */
  readonly wholeTexts: Uint32Array;
}

/** BM25+'s length normalisation of a text of `length` words. */
const normalisation = (length: number, averageLength: number) => 1 - BM25.b + (BM25.b * length) / averageLength;
/** BM25+'s inverse document frequency of a word held by `count` of `total` texts. */
const inverseFrequency = (count: number, total: number) => Math.log(1 + (total - count + 0.5) / (count + 0.5));
/** BM25+'s term-frequency part. */
const saturation = (frequency: number, normalised: number) =>
  BM25.d + (frequency * (BM25.k + 1)) / (frequency + BM25.k * normalised);

/** What a word held `frequency` times adds to a text's score but for its inverse frequency: what orders a word's texts. */
const textImpact = (frequency: number, length: number, field: number, averageLength: number) =>
  saturation(frequency, normalisation(length, averageLength)) * (FIELD_WEIGHTS[field] as number);

/**
 * The full-text index of a graph. Every distinct text (names, alternate names, descriptions and quoted
 * sentences) is indexed once however many records share it, each text listing the entities it belongs
 * to; entities are numbered in label order (name, then kind, then slug), so every list of them is in
 * label order too. Words are kept in MiniSearch's radix tree (SearchableMap), which finds the words a
 * query word starts and those a typo or two away; each word lists its texts in typed arrays, once in
 * text order (to find and count every match) and once best first (BM25+ as MiniSearch computes it,
 * weighted by field), so that the texts of a first page are found without scoring every match (see
 * ranking.ts). The texts are then taken best first and their entities in label order, so a page of
 * entities is found without ranking every matching entity: an entity ranks by its best text. Saved,
 * the index is typed arrays read back as views over one file's bytes; strings are decoded when asked for.
 */
export class FullTextIndex {
  readonly #parts: IndexParts;
  /** The words in MiniSearch's radix tree, for typos: built on the first search that allows one, or by {@link warm}. */
  #vocabulary: SearchableMap<number> | undefined;
  #textCounts: RangeMost | undefined;
  readonly #averageLength: number;
  readonly #inverseFrequencies: Float64Array;
  readonly #recent = new Map<string, FullTextMatches>();
  /** A per-text working array of the exhaustive pass (counting), allocated once. */
  #matched: Uint8Array | undefined;
  /** The data the index was built from (Store.version). */
  readonly dataVersion: string;

  private constructor(parts: IndexParts) {
    this.#parts = parts;
    this.dataVersion = parts.dataVersion;
    this.#averageLength = averageOf(parts.lengths);
    this.#inverseFrequencies = inverseFrequencies(parts.occurrences, parts.texts.length);
  }

  /**
   * Reads every named entity of the store and indexes its texts (see build.ts), in memory that follows
   * the texts and not the records: the entities are read one at a time in label order, through the
   * store's bounded record cache; a snapshot's index is read from its columns ({@link fromColumns}).
   */
  static build(store: Store): FullTextIndex {
    const snapshot = store.snapshot?.();
    return FullTextIndex.#ranked(snapshot ? gatherFromColumns(snapshotColumns(snapshot)) : gatherFromStore(store));
  }

  /** The same index as {@link build}, read from a compiled graph's columns without building a record. */
  static fromColumns(columns: IndexColumns): FullTextIndex {
    return FullTextIndex.#ranked(gatherFromColumns(columns));
  }

  static #ranked(base: IndexBase): FullTextIndex {
    const ranking = rankingArrays(base.occurrences, base.frequencies, base.lengths, base.fields);
    return new FullTextIndex({
      ...base,
      occurrences: { start: base.occurrences.start, values: ranking.impactTexts },
      frequencies: ranking.impactFrequencies,
      ...ranking,
    });
  }

  /** The index as the chunks of its file, to be read again with {@link fromBytes}. */
  toChunks(): Uint8Array[] {
    const parts = this.#parts;
    const sections: Record<(typeof SECTIONS)[number], Section> = {
      kinds: parts.kinds,
      slugOffsets: parts.slugs.offsets,
      slugBytes: parts.slugs.bytes,
      textOffsets: parts.texts.offsets,
      textBytes: parts.texts.bytes,
      fields: parts.fields,
      postingsStart: parts.postings.start,
      postings: parts.postings.values,
      countriesStart: parts.countries.start,
      countries: parts.countries.values,
      gamesStart: parts.games.start,
      games: parts.games.values,
      occurrencesStart: parts.occurrences.start,
      lengths: parts.lengths,
      impactTexts: parts.impactTexts,
      impactFrequencies: parts.impactFrequencies,
      textWordsStart: parts.textWords.start,
      textWords: parts.textWords.values,
      textFrequencies: parts.textFrequencies,
      wholeTexts: parts.wholeTexts,
      entityTable: parts.entityTable,
      textTable: parts.textTable,
    };
    return encodeSections(FULLTEXT_FORMAT, { dataVersion: parts.dataVersion, words: parts.words }, sections);
  }

  /** The index as one buffer (see {@link toChunks}). */
  toBytes(): Buffer {
    return Buffer.concat(this.toChunks());
  }

  /** Reads an index {@link toChunks} wrote, in place; refuses one of another format or of other data, or damaged. */
  static fromBytes(bytes: Uint8Array, dataVersion: string): FullTextIndex {
    return FullTextIndex.fromSections(decodeSections(bytes, FULLTEXT_FORMAT), dataVersion);
  }

  /** Reads an index from its file's sections (see file.ts), each read and checked now. */
  static fromSections(
    sections: { readonly header: Readonly<Record<string, unknown>>; section(name: string): Section | undefined },
    dataVersion: string,
  ): FullTextIndex {
    const { header } = sections;
    if (header.dataVersion !== dataVersion) throw new FullTextFormatError('was built from other data');
    const words = header.words;
    if (!Array.isArray(words) || !words.every((word) => typeof word === 'string')) {
      throw new FullTextFormatError('has a damaged header');
    }
    const section = <T extends Section>(name: (typeof SECTIONS)[number], type: new (length: number) => T): T => {
      const found = sections.section(name);
      if (!(found instanceof type)) throw new FullTextFormatError(`lacks its section ${name}`);
      return found;
    };
    const u8 = (name: (typeof SECTIONS)[number]) => section(name, Uint8Array);
    const u16 = (name: (typeof SECTIONS)[number]) => section(name, Uint16Array);
    const u32 = (name: (typeof SECTIONS)[number]) => section(name, Uint32Array);
    const lists = (name: 'postings' | 'countries' | 'games' | 'textWords'): Lists => ({
      start: u32(`${name}Start`),
      values: u32(name),
    });
    return new FullTextIndex({
      dataVersion,
      kinds: u8('kinds'),
      slugs: new StringTable(u32('slugOffsets'), u8('slugBytes')),
      texts: new StringTable(u32('textOffsets'), u8('textBytes')),
      fields: u8('fields'),
      postings: lists('postings'),
      countries: lists('countries'),
      games: lists('games'),
      words: words as string[],
      // A word's texts in text order are needed only to build the index: saved, they are kept best first.
      occurrences: { start: u32('occurrencesStart'), values: u32('impactTexts') },
      frequencies: u16('impactFrequencies'),
      lengths: u16('lengths'),
      impactTexts: u32('impactTexts'),
      impactFrequencies: u16('impactFrequencies'),
      textWords: lists('textWords'),
      textFrequencies: u16('textFrequencies'),
      wholeTexts: u32('wholeTexts'),
      entityTable: u32('entityTable'),
      textTable: u32('textTable'),
    });
  }

  /** How many entities and distinct texts the index holds, and how many distinct words. */
  get size(): { entities: number; texts: number; terms: number } {
    return { entities: this.#parts.kinds.length, texts: this.#parts.texts.length, terms: this.#parts.words.length };
  }

  /**
   * The matches of a parsed query (null: every entity, in label order), restricted to some kinds.
   * Every word must match in one text: outside quotes as a word, a word's start or with a typo or
   * two; inside quotes exactly, next to each other in the order given.
   */
  search(query: ParsedQuery | null, kinds: readonly Kind[] | null, scope: SearchScope = {}): FullTextMatches {
    const kindsKey = kinds === null || kinds.length === 0 ? '' : [...new Set(kinds)].sort().join(' ');
    const scoped = (slug: string | null | undefined) => (slug == null ? '' : `=${slug}`);
    const key = `${query?.key ?? ''}\u0000${kindsKey}\u0000${scoped(scope.games)}\u0000${scoped(scope.country)}`;
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
    const positions = [
      ...query.words.map((word) => this.#expand(word, true)),
      ...query.phrases.flat().map((word) => this.#expand(word, false)),
    ];
    const terms = new Set<string>();
    for (const expansions of positions)
      for (const term of expansions.keys()) terms.add(this.#parts.words[term] as string);
    const phrases = query.phrases.filter((phrase) => phrase.length > 1).map((phrase) => ` ${phrase.join(' ')} `);
    const ranking = new TextRanking(this.#rankingData(), { positions, phrases });
    let candidates: Uint32Array | undefined;
    let countingWork = 0;
    const scores = new Map<number, number>();
    return new FullTextMatches(
      this,
      {
        terms,
        next: () => ranking.next(),
        rankingScoreOf: (text) => ranking.rawScore(text),
        scoreOf: (text) => {
          let score = scores.get(text);
          if (score === undefined) {
            const raw = ranking.rawScore(text);
            score = raw < 0 ? 0 : Math.round(raw * 1000) / 1000;
            scores.set(text, score);
          }
          return score;
        },
        candidates: () => {
          if (!candidates) {
            const holdsPhrases = (text: number) => {
              const folded = ` ${foldForSearch(this.#parts.texts.at(text))} `;
              return phrases.every((phrase) => folded.includes(phrase));
            };
            const counted = this.#everyMatch(positions, phrases.length === 0 ? () => true : holdsPhrases);
            candidates = counted.texts;
            countingWork = counted.work;
          }
          return candidates;
        },
        get work() {
          return ranking.work + countingWork;
        },
      },
      accept,
    );
  }

  /**
   * The work of splitting the list of every word of the index a query matches into its runs (see
   * ranking.ts): the most a search of it spends setting up the joins that skip texts lacking its other
   * words. It grows with the kinds of texts holding those words (field, length, frequency), not with their number.
   */
  joinSetUpWork(query: ParsedQuery): number {
    const data = this.#rankingData();
    const counter = { work: 0 };
    const terms = new Set<number>();
    for (const word of query.words) for (const term of this.#expand(word, true).keys()) terms.add(term);
    for (const word of query.phrases.flat()) for (const term of this.#expand(word, false).keys()) terms.add(term);
    for (const term of terms) impactRuns(data, term, counter);
    return counter.work;
  }

  #rankingData(): RankingData {
    const parts = this.#parts;
    const inverse = this.#inverseFrequencies;
    const average = this.#averageLength;
    const { lengths, fields, texts } = parts;
    return {
      ...parts,
      impact: (term, frequency, text) =>
        (inverse[term] as number) *
        saturation(frequency, normalisation(lengths[text] as number, average)) *
        (FIELD_WEIGHTS[fields[text] as number] as number),
      textImpact: (frequency, text) => textImpact(frequency, lengths[text] as number, fields[text] as number, average),
      textAt: (text) => texts.at(text),
    };
  }

  /**
   * Every text holding, for each query word, a word it matches (and passing `keep`, the phrase check),
   * in one pass over each word's texts: what counting and facets need, and nothing a first page does.
   */
  #everyMatch(
    positions: readonly ReadonlyMap<number, number>[],
    keep: (text: number) => boolean,
  ): { texts: Uint32Array; work: number } {
    const { occurrences, texts } = this.#parts;
    this.#matched ??= new Uint8Array(texts.length);
    // Searches run one at a time (synchronously), so they share this, left zeroed by each.
    const matched = this.#matched;
    let work = 0;
    let reached: number[] = [];
    let firstReached: number[] = [];
    for (const [position, expansions] of positions.entries()) {
      reached = [];
      for (const term of expansions.keys()) {
        const from = occurrences.start[term] as number;
        const to = occurrences.start[term + 1] as number;
        work += to - from;
        for (let at = from; at < to; at++) {
          const text = occurrences.values[at] as number;
          // Only texts holding every earlier word can still match; each is reached once per word.
          if (matched[text] !== position) continue;
          matched[text] = position + 1;
          reached.push(text);
        }
      }
      if (position === 0) firstReached = reached;
      if (reached.length === 0) break;
    }
    const found = reached.filter(keep);
    // Every text written to held the first word.
    for (const text of firstReached) matched[text] = 0;
    return { texts: Uint32Array.from(found), work };
  }

  /** The words of the index a query word matches, each with its weight: itself 1, words it starts less, typos less still. */
  #expand(word: string, loose: boolean): Map<number, number> {
    const expansions = new Map<number, number>();
    const { words } = this.#parts;
    const from = lowerBound(words, word);
    if (words[from] === word) expansions.set(from, 1);
    if (!loose) return expansions;
    // Words are in code-unit order, so the words a word starts follow it; folded words hold no U+FFFF.
    const to = lowerBound(words, `${word}\uffff`);
    const started = to - from <= MAX_PREFIX_WORDS ? range(from, to) : this.#widest().top(from, to, MAX_PREFIX_WORDS);
    for (const term of started) if (!expansions.has(term)) expansions.set(term, PREFIX_WEIGHT);
    const typos = typosAllowed(word);
    if (typos > 0) {
      for (const [term, distance] of this.#typoTree().fuzzyGet(word, typos).values()) {
        if (distance === 0) continue;
        const weight = (TYPO_WEIGHT * word.length) / (word.length + distance);
        if (weight > (expansions.get(term) ?? 0)) expansions.set(term, weight);
      }
    }
    return expansions;
  }

  /** The words by how many texts hold each, for the words a short prefix starts: built on the first search needing it, or by {@link warm}. */
  #widest(): RangeMost {
    if (!this.#textCounts) {
      const { start } = this.#parts.occurrences;
      const counts = new Uint32Array(start.length - 1);
      for (let term = 0; term < counts.length; term++)
        counts[term] = (start[term + 1] as number) - (start[term] as number);
      this.#textCounts = new RangeMost(counts);
    }
    return this.#textCounts;
  }

  #typoTree(): SearchableMap<number> {
    this.#vocabulary ??= SearchableMap.from(this.#parts.words.map((word, id): [string, number] => [word, id]));
    return this.#vocabulary;
  }

  /** Builds now what the first search with a typo or a short prefix would otherwise build (the server calls it once ready). */
  warm(): void {
    this.#typoTree();
    this.#widest();
  }

  /** The id of a text of an entity, if the index holds it. */
  textId(field: TextField, text: string): number | undefined {
    const { textTable, fields, texts } = this.#parts;
    const fieldIndex = TEXT_FIELDS.indexOf(field);
    return lookUp(textTable, textKey(fieldIndex, text), (id) => fields[id] === fieldIndex && texts.at(id) === text);
  }

  get entityCount(): number {
    return this.#parts.kinds.length;
  }

  kindOf(ordinal: number): number {
    return this.#parts.kinds[ordinal] as number;
  }

  hitOf(ordinal: number, score: number): FullTextHit {
    return { kind: KINDS[this.#parts.kinds[ordinal] as number] as NamedKind, slug: this.slugOf(ordinal), score };
  }

  ordinalOf(kind: Kind, slug: string): number | undefined {
    const { entityTable, kinds, slugs } = this.#parts;
    const kindIndex = KINDS.indexOf(kind);
    return lookUp(
      entityTable,
      entityKey(kindIndex, slug),
      (ordinal) => kinds[ordinal] === kindIndex && slugs.at(ordinal) === slug,
    );
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
    return this.#parts.slugs.at(ordinal);
  }
}

/** The field weights by index in TEXT_FIELDS. */
const FIELD_WEIGHTS = TEXT_FIELDS.map((field) => FIELD_BOOSTS[field]);

function averageOf(lengths: Uint16Array): number {
  let total = 0;
  for (const length of lengths) total += length;
  return lengths.length === 0 ? 1 : total / lengths.length;
}

function inverseFrequencies(occurrences: Lists, texts: number): Float64Array {
  const inverse = new Float64Array(occurrences.start.length - 1);
  for (let term = 0; term < inverse.length; term++) {
    inverse[term] = inverseFrequency(
      (occurrences.start[term + 1] as number) - (occurrences.start[term] as number),
      texts,
    );
  }
  return inverse;
}

/**
 * What ranking needs beyond the word lists: each word's texts best first (by what the word adds to
 * each text's score; equal ones in text order), each text's distinct words, and the table of texts a
 * whole query can be.
 */
function rankingArrays(
  occurrences: Lists,
  frequencies: Uint16Array,
  lengths: Uint16Array,
  fields: Uint8Array,
): Pick<IndexParts, 'impactTexts' | 'impactFrequencies' | 'textWords' | 'textFrequencies' | 'wholeTexts'> {
  const average = averageOf(lengths);
  const impactTexts = new Uint32Array(occurrences.values.length);
  const impactFrequencies = new Uint16Array(occurrences.values.length);
  const textCounts = new Uint32Array(lengths.length + 1);
  // What each occurrence adds to its text's score, but for the word's inverse frequency (the same for all its texts).
  const impacts = new Float64Array(occurrences.values.length);
  for (let at = 0; at < impacts.length; at++) {
    const text = occurrences.values[at] as number;
    impacts[at] = textImpact(frequencies[at] as number, lengths[text] as number, fields[text] as number, average);
    textCounts[text + 1] = (textCounts[text + 1] as number) + 1;
  }
  for (let term = 0; term < occurrences.start.length - 1; term++) {
    const from = occurrences.start[term] as number;
    const to = occurrences.start[term + 1] as number;
    const order = new Uint32Array(to - from);
    for (let at = from; at < to; at++) order[at - from] = at;
    order.sort((a, b) => (impacts[b] as number) - (impacts[a] as number) || a - b);
    order.forEach((at, index) => {
      impactTexts[from + index] = occurrences.values[at] as number;
      impactFrequencies[from + index] = frequencies[at] as number;
    });
  }
  for (let text = 0; text < lengths.length; text++)
    textCounts[text + 1] = (textCounts[text + 1] as number) + (textCounts[text] as number);
  const textWords: Lists = { start: textCounts.slice(), values: new Uint32Array(occurrences.values.length) };
  const textFrequencies = new Uint16Array(occurrences.values.length);
  const fill = textCounts.slice(0, lengths.length);
  // Words in ascending order, so each text's words come out ascending too.
  for (let term = 0; term < occurrences.start.length - 1; term++) {
    for (let at = occurrences.start[term] as number; at < (occurrences.start[term + 1] as number); at++) {
      const text = occurrences.values[at] as number;
      const slot = fill[text] as number;
      textWords.values[slot] = term;
      textFrequencies[slot] = frequencies[at] as number;
      fill[text] = slot + 1;
    }
  }
  const whole: number[] = [];
  for (let text = 0; text < lengths.length; text++) {
    const distinct = (textWords.start[text + 1] as number) - (textWords.start[text] as number);
    if (distinct > 0 && distinct === lengths[text] && distinct <= MAX_QUERY_WORDS) whole.push(text);
  }
  const wholeTexts = hashTable(whole.length, (index) => {
    const text = whole[index] as number;
    return hashWordIds(textWords.values, textWords.start[text] as number, textWords.start[text + 1] as number);
  }).map((slot) => (slot === 0 ? 0 : (whole[slot - 1] as number) + 1));
  return { impactTexts, impactFrequencies, textWords, textFrequencies, wholeTexts };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, at) => from + at);
}

/** Where `word` is, or would be, in the ascending `words`. */
function lowerBound(words: readonly string[], word: string): number {
  let from = 0;
  let to = words.length;
  while (from < to) {
    const middle = (from + to) >>> 1;
    if ((words[middle] as string) < word) from = middle + 1;
    else to = middle;
  }
  return from;
}
