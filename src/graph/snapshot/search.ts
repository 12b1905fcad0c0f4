import { compareText } from '../compare.js';
import { foldForSearch } from '../search.js';
import type { IdList } from '../source.js';
import { GrowableU32 } from './growable.js';

/**
 * The name search of a snapshot, answering exactly as search.ts's {@link SearchIndex} does (the same
 * matches, scores and order) but with a first page whose cost does not grow with the number of matches.
 *
 * Entries (named records) are numbered in label order (name, then kind), so that any list of them in
 * ascending order is in label order. Each entry's folded, distinct names are word-id sequences; each
 * word lists the names holding it (postings). A query's matches are the names holding, for each query
 * word, some word it starts: bitmaps over names, one per query word, intersected. Scores follow from
 * the word ids alone. Whole-name matches are found directly through a hash of word sequences; the
 * others are scored in label order, and the scan stops as soon as enough entries with the best score
 * any remaining entry could have are found: the first page of a name shared by 200,000 entries costs
 * what the first page of a rare one does, but for counting.
 */
export interface SearchArrays {
  /** The record id of each entry, in label order. */
  readonly entries: Uint32Array;
  /** The kind of each entry, as its index in KINDS. */
  readonly entryKinds: Uint8Array;
  /** Where each entry's names start in `nameWords` (one more than there are entries). */
  readonly nameStart: Uint32Array;
  /** The entry of each name. */
  readonly nameEntry: Uint32Array;
  /** Where each name's words start in `words`. */
  readonly nameWords: Uint32Array;
  readonly words: Uint32Array;
  /** Each word's string id, words in ascending (code unit) order. */
  readonly dictionary: Uint32Array;
  readonly postingOffsets: Uint32Array;
  /** The names holding each word, ascending. */
  readonly postings: Uint32Array;
  /** An open-addressing table of names by their word sequence (name + 1; 0 is empty). */
  readonly exact: Uint32Array;
}

/** One entry to index: the record, its label (name and kind) and its names, the primary one first. */
export interface SearchEntry {
  readonly id: number;
  readonly kind: number;
  readonly label: string;
  readonly names: readonly string[];
}

function hashWords(words: ArrayLike<number>, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at++) {
    hash = Math.imul(hash ^ (words[at] as number), 0x01000193);
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}

const tableSize = (count: number) => 2 ** Math.ceil(Math.log2(Math.max(2, count * 2)));

/** Builds the arrays of a search index; `stringId` puts a word in the snapshot's string table. */
export function buildSearch(given: readonly SearchEntry[], stringId: (text: string) => number): SearchArrays {
  const order = given.map((_, index) => index);
  order.sort((a, b) => compareText((given[a] as SearchEntry).label, (given[b] as SearchEntry).label));
  const foldedNames = order.map((index) => [
    ...new Set((given[index] as SearchEntry).names.map(foldForSearch).filter((name) => name !== '')),
  ]);

  const wordSet = new Set<string>();
  for (const names of foldedNames) for (const name of names) for (const word of name.split(' ')) wordSet.add(word);
  const sortedWords = [...wordSet].sort();
  const wordId = new Map(sortedWords.map((word, id) => [word, id]));

  const entries = new Uint32Array(order.map((index) => (given[index] as SearchEntry).id));
  const nameStart = new Uint32Array(order.length + 1);
  const nameEntry = new GrowableU32();
  const nameWords = new GrowableU32();
  const words = new GrowableU32();
  const postingCounts = new Uint32Array(sortedWords.length + 1);
  foldedNames.forEach((names, entry) => {
    nameStart[entry] = nameEntry.length;
    for (const name of names) {
      nameEntry.push(entry);
      nameWords.push(words.length);
      const ids = name.split(' ').map((word) => wordId.get(word) as number);
      for (const id of ids) words.push(id);
      for (const id of new Set(ids)) postingCounts[id + 1] = (postingCounts[id + 1] as number) + 1;
    }
  });
  nameStart[order.length] = nameEntry.length;
  nameWords.push(words.length);
  const nameCount = nameEntry.length;
  const wordsDone = words.done();
  const nameWordsDone = nameWords.done();

  const postingOffsets = new Uint32Array(sortedWords.length + 1);
  for (let id = 0; id < sortedWords.length; id++)
    postingOffsets[id + 1] = (postingOffsets[id] as number) + (postingCounts[id + 1] as number);
  const postings = new Uint32Array(postingOffsets[sortedWords.length] as number);
  const fill = postingOffsets.slice(0, sortedWords.length);
  const exact = new Uint32Array(tableSize(nameCount));
  for (let name = 0; name < nameCount; name++) {
    const start = nameWordsDone[name] as number;
    const end = nameWordsDone[name + 1] as number;
    const seen = new Set<number>();
    for (let at = start; at < end; at++) {
      const id = wordsDone[at] as number;
      if (seen.has(id)) continue;
      seen.add(id);
      postings[fill[id] as number] = name;
      fill[id] = (fill[id] as number) + 1;
    }
    let slot = hashWords(wordsDone, start, end) & (exact.length - 1);
    while (exact[slot] !== 0) slot = (slot + 1) & (exact.length - 1);
    exact[slot] = name + 1;
  }

  return {
    entries,
    entryKinds: new Uint8Array(order.map((index) => (given[index] as SearchEntry).kind)),
    nameStart,
    nameEntry: nameEntry.done(),
    nameWords: nameWordsDone,
    words: wordsDone,
    dictionary: new Uint32Array(sortedWords.map(stringId)),
    postingOffsets,
    postings,
    exact,
  };
}

/** A query's words: for each, the range of dictionary words it starts, and the one it equals (or -1). */
interface QueryWords {
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly exact: Int32Array;
  readonly allExact: boolean;
}

/** Answers searches over a snapshot's search arrays. */
export class SnapshotSearch {
  readonly #recent = new Map<string, SearchMatches>();
  /** Entries scored so far: the work a search did, for tests and the benchmark. */
  readonly counts = { scored: 0 };

  constructor(
    readonly arrays: SearchArrays,
    private readonly word: (id: number) => string,
  ) {}

  /** The matches of a query, best first, as record ids; `kinds` (indexes into KINDS) restricts them. */
  search(query: string, kinds: readonly number[] | null): IdList {
    const key = `${kinds?.join(',') ?? ''}\n${query}`;
    let matches = this.#recent.get(key);
    if (!matches) {
      const accept = kinds === null ? null : new Uint8Array(16);
      if (accept && kinds) for (const kind of kinds) accept[kind] = 1;
      matches = new SearchMatches(this, foldForSearch(query), accept, this.arrays.entryKinds);
      // The last few queries are kept, so that paging through one does not count its matches again.
      if (this.#recent.size >= 16) this.#recent.delete(this.#recent.keys().next().value as string);
      this.#recent.set(key, matches);
    }
    return matches;
  }

  queryWords(tokens: readonly string[]): QueryWords | null {
    const { dictionary } = this.arrays;
    const low = new Int32Array(tokens.length);
    const high = new Int32Array(tokens.length);
    const exact = new Int32Array(tokens.length);
    let allExact = true;
    const lowerBound = (text: string) => {
      let from = 0;
      let to = dictionary.length;
      while (from < to) {
        const middle = (from + to) >>> 1;
        if (this.word(middle) < text) from = middle + 1;
        else to = middle;
      }
      return from;
    };
    for (const [index, token] of tokens.entries()) {
      const from = lowerBound(token);
      // Folded words hold letters and digits only, so every word starting with the token sorts below this.
      const end = lowerBound(`${token}\uffff`);
      if (end === from) return null;
      low[index] = from;
      high[index] = end;
      exact[index] = this.word(from) === token ? from : -1;
      if (exact[index] === -1) allExact = false;
    }
    return { low, high, exact, allExact };
  }
}

const SCORES = [95, 90, 75, 70, 65, 60, 45, 40] as const;

/**
 * The best score an entry can have (after the whole-name matches) when one of its names starts as the
 * query does (`first`), and when none does (`other`). Only the first can hold the query at their start
 * (90, 95 as the primary name) or be its start (60, 65); whole words inside a name (70, 75) need every
 * query word to be a whole word, as 90 does; word prefixes (40, 45) are left to any.
 */
function ceilings(query: QueryWords): { readonly first: number; readonly other: number } {
  return query.allExact ? { first: 95, other: 75 } : { first: 65, other: 45 };
}

/** The matches of one query: counted once, ranked only as far as the pages asked for. */
class SearchMatches implements IdList {
  #count: number | undefined;
  #candidates: Uint32Array | undefined;
  #query: QueryWords | null | undefined;
  /** Entries ranked so far, best first, and whether the ranking is complete. */
  #ranked: number[] = [];
  #complete = false;

  constructor(
    private readonly search: SnapshotSearch,
    private readonly folded: string,
    private readonly accept: Uint8Array | null,
    private readonly entryKind: Uint8Array,
  ) {}

  #accepts(entry: number): boolean {
    return this.accept === null || this.accept[this.entryKind[entry] as number] === 1;
  }

  get length(): number {
    if (this.#count === undefined) this.#count = this.#countMatches();
    return this.#count;
  }

  ids(start: number, end: number): ArrayLike<number> {
    const to = Math.min(end, this.length);
    if (this.folded === '') return this.#inLabelOrder(start, to);
    this.#rank(to);
    const { entries } = this.search.arrays;
    const ids = new Uint32Array(Math.max(0, to - start));
    for (let index = 0; index < ids.length; index++)
      ids[index] = entries[this.#ranked[start + index] as number] as number;
    return ids;
  }

  /** Every entry accepted, in label order: the answer to an empty query. */
  #inLabelOrder(start: number, end: number): Uint32Array {
    const { entries } = this.search.arrays;
    if (this.accept === null) return entries.subarray(start, end);
    while (!this.#complete && this.#ranked.length < end) {
      const next = this.#ranked.length === 0 ? 0 : (this.#ranked.at(-1) as number) + 1;
      let entry = next;
      while (entry < entries.length && !this.#accepts(entry)) entry++;
      if (entry >= entries.length) this.#complete = true;
      else this.#ranked.push(entry);
    }
    return new Uint32Array(this.#ranked.slice(start, end).map((entry) => entries[entry] as number));
  }

  #countMatches(): number {
    if (this.folded === '') {
      let count = 0;
      for (let entry = 0; entry < this.entryKind.length; entry++) if (this.#accepts(entry)) count++;
      return count;
    }
    const candidates = this.#names();
    if (candidates === null) return 0;
    const { nameEntry } = this.search.arrays;
    const { accept, entryKind } = this;
    // Every matching name counted once per entry (an entry's names are consecutive): the one loop a
    // search makes over all its matches, so written out rather than through forEachBit.
    let count = 0;
    let last = -1;
    for (let word = 0; word < candidates.length; word++) {
      let bits = candidates[word] as number;
      while (bits !== 0) {
        const low = bits & -bits;
        const entry = nameEntry[(word << 5) | (31 - Math.clz32(low))] as number;
        if (entry !== last && (accept === null || accept[entryKind[entry] as number] === 1)) count++;
        last = entry;
        bits ^= low;
      }
    }
    return count;
  }

  /** A bitmap of the names that hold, for each query word, a word it starts; null when none can. */
  #names(): Uint32Array | null {
    if (this.#candidates) return this.#candidates;
    this.#query ??= this.search.queryWords(this.folded.split(' '));
    const query = this.#query;
    if (query === null) return null;
    const { nameEntry, postingOffsets, postings } = this.search.arrays;
    const size = (nameEntry.length + 31) >>> 5;
    // The first word's names as bits; each later word keeps only the names that hold it too.
    let result: Uint32Array | undefined;
    let next: Uint32Array = new Uint32Array(size);
    for (let token = 0; token < query.low.length; token++) {
      const from = postingOffsets[query.low[token] as number] as number;
      const to = postingOffsets[query.high[token] as number] as number;
      for (let at = from; at < to; at++) {
        const name = postings[at] as number;
        const bit = 1 << (name & 31);
        if (result === undefined || ((result[name >>> 5] as number) & bit) !== 0) {
          next[name >>> 5] = (next[name >>> 5] as number) | bit;
        }
      }
      const kept = next;
      next = result === undefined ? new Uint32Array(size) : result.fill(0);
      result = kept;
    }
    this.#candidates = result ?? new Uint32Array(size);
    return this.#candidates;
  }

  /**
   * Ranks entries until `need` are known (or all are), best score first, then label order. Only a
   * name whose first word answers the query's first word can hold the query at its start, so only
   * such names score above what any other name can (see {@link ceilings}). Those are scored first, in
   * label order, and the scan stops once `need` entries of the best score they can have are found;
   * then the others, whose scan stops once `need` entries of their best possible score or better
   * precede it. Either way a first page scores about `need` entries, whether 20 or 200,000 match.
   */
  #rank(need: number): void {
    if (this.#complete || this.#ranked.length >= need) return;
    const candidates = this.#names();
    const query = this.#query;
    if (candidates === null || !query) {
      this.#complete = true;
      return;
    }
    const { nameStart, nameEntry, nameWords, words } = this.search.arrays;
    const exact = this.#exactEntries(query).map(([entry]) => entry);
    const seen = new Set(exact);
    const [firstLow, firstHigh, firstExact] = [query.low[0] ?? 0, query.high[0] ?? 0, query.exact[0] ?? -1];
    const single = query.low.length === 1;
    const atStart = (name: number) => {
      const word = words[nameWords[name] as number] as number;
      return single ? word >= firstLow && word < firstHigh : word === firstExact;
    };
    /** The best score of an entry's names that match (its names are consecutive). */
    const scoreOf = (entry: number) => {
      this.search.counts.scored += 1;
      let best = 0;
      for (let name = nameStart[entry] as number; name < (nameStart[entry + 1] as number); name++) {
        if (((candidates[name >>> 5] as number) & (1 << (name & 31))) === 0) continue;
        const base = this.#score(name, query);
        if (base > 0) best = Math.max(best, base + (name === nameStart[entry] ? 5 : 0));
      }
      return best;
    };
    const firstPass = new Map<number, number[]>(SCORES.map((score) => [score, []]));
    const secondPass = new Map<number, number[]>(SCORES.map((score) => [score, []]));
    const bucket = (pass: Map<number, number[]>, score: number) => pass.get(score) as number[];
    const { first: firstCeiling, other: otherCeiling } = ceilings(query);

    // First, the entries with a name starting as the query does.
    let stopped = false;
    forEachBit(candidates, (name) => {
      if (!atStart(name)) return true;
      const entry = nameEntry[name] as number;
      if (seen.has(entry)) return true;
      seen.add(entry);
      if (!this.#accepts(entry)) return true;
      const score = scoreOf(entry);
      if (score > 0) bucket(firstPass, score).push(entry);
      stopped = exact.length + bucket(firstPass, firstCeiling).length >= need;
      return !stopped;
    });
    if (stopped) {
      this.#ranked = [...exact, ...bucket(firstPass, firstCeiling)];
      return;
    }
    const above = [
      ...exact,
      ...SCORES.filter((score) => score > otherCeiling).flatMap((score) => bucket(firstPass, score)),
    ];
    // Then the others, none scoring above their ceiling; entries of the ceiling from both passes rank together, by label.
    const earlier = bucket(firstPass, otherCeiling);
    let nextEarlier = 0;
    if (above.length < need) {
      forEachBit(candidates, (name) => {
        const entry = nameEntry[name] as number;
        if (seen.has(entry)) return true;
        seen.add(entry);
        while (nextEarlier < earlier.length && (earlier[nextEarlier] as number) < entry) nextEarlier++;
        if (above.length + nextEarlier + bucket(secondPass, otherCeiling).length >= need) {
          stopped = true;
          return false;
        }
        if (!this.#accepts(entry)) return true;
        const score = scoreOf(entry);
        if (score > 0) bucket(secondPass, score).push(entry);
        return true;
      });
    } else {
      stopped = true;
    }
    const merged = (score: number) => mergeAscending(bucket(firstPass, score), bucket(secondPass, score));
    // Stopped early, only the entries of the ceiling and above are ranked for sure.
    this.#ranked = stopped
      ? [...above, ...mergeAscending(earlier.slice(0, nextEarlier), bucket(secondPass, otherCeiling))]
      : [...exact, ...SCORES.flatMap(merged)];
    this.#complete = !stopped;
  }

  /** Entries with a name equal to the whole query, with their score (105 for the first name, else 100). */
  #exactEntries(query: QueryWords): [number, number][] {
    if (!query.allExact) return [];
    const { exact, nameWords, words, nameEntry, nameStart } = this.search.arrays;
    const wanted = query.exact;
    const found: [number, number][] = [];
    let slot = hashWords(wanted, 0, wanted.length) & (exact.length - 1);
    for (; exact[slot] !== 0; slot = (slot + 1) & (exact.length - 1)) {
      const name = (exact[slot] as number) - 1;
      const start = nameWords[name] as number;
      const end = nameWords[name + 1] as number;
      if (end - start !== wanted.length) continue;
      let same = true;
      for (let at = 0; at < wanted.length && same; at++) same = words[start + at] === wanted[at];
      const entry = nameEntry[name] as number;
      if (same && this.#accepts(entry)) found.push([entry, name === nameStart[entry] ? 105 : 100]);
    }
    return found.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  /**
   * How well one name answers the query (as search.ts's scoreName): the whole name, then the query as
   * whole words at the start or inside it, then as the start of the name, then word prefixes.
   */
  #score(name: number, query: QueryWords): number {
    const { nameWords, words } = this.search.arrays;
    const start = nameWords[name] as number;
    const length = (nameWords[name + 1] as number) - start;
    const { low, high, exact } = query;
    const count = low.length;
    const wholeWordsAt = (at: number) => {
      for (let index = 0; index < count; index++) if (words[start + at + index] !== exact[index]) return false;
      return true;
    };
    if (query.allExact && length >= count) {
      if (wholeWordsAt(0)) return length === count ? 100 : 90;
      for (let at = 1; at + count <= length; at++) if (wholeWordsAt(at)) return 70;
    }
    if (length >= count) {
      let prefix = true;
      for (let index = 0; index < count - 1 && prefix; index++) prefix = words[start + index] === exact[index];
      const last = words[start + count - 1] as number;
      if (prefix && last >= (low[count - 1] as number) && last < (high[count - 1] as number)) return 60;
    }
    for (let index = 0; index < count; index++) {
      let found = false;
      for (let at = 0; at < length && !found; at++) {
        const word = words[start + at] as number;
        found = word >= (low[index] as number) && word < (high[index] as number);
      }
      if (!found) return 0;
    }
    return 40;
  }
}

/** Two ascending lists as one. */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number))) merged.push(a[i++] as number);
    else merged.push(b[j++] as number);
  }
  return merged;
}

/** Calls `visit` with each set bit of a bitmap, in ascending order, until it returns false. */
function forEachBit(bits: Uint32Array, visit: (index: number) => boolean): void {
  for (let word = 0; word < bits.length; word++) {
    let value = bits[word] as number;
    while (value !== 0) {
      const low = value & -value;
      const bit = 31 - Math.clz32(low);
      if (!visit((word << 5) | bit)) return;
      value ^= low;
    }
  }
}
