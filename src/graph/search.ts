import { compareText } from './compare.js';
/**
 * Folds a name for matching: accents, case, hyphens and punctuation do not count, so "Rim Ju-song",
 * "rim ju song" and "RIM JU SONG" are the same, and so are "Rio" and "Río".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Entry<T> {
  readonly item: T;
  readonly label: string;
  /** Folded names, the primary name first. */
  readonly names: readonly string[];
}

/**
 * How well one folded name answers a folded query, 0 where it does not: the whole name, then the
 * query as whole words at the start or inside it, then as the start of the name, then word prefixes.
 */
function scoreName(name: string, query: string, queryTokens: readonly string[]): number {
  if (name === query) return 100;
  if (name.startsWith(`${query} `)) return 90;
  if (` ${name} `.includes(` ${query} `)) return 70;
  if (name.startsWith(query)) return 60;
  const tokens = name.split(' ');
  return queryTokens.every((token) => tokens.some((candidate) => candidate.startsWith(token))) ? 40 : 0;
}

/**
 * A name index answering prefix queries without scanning every entry: each word of each name maps
 * to the entries holding it, and the sorted word list finds all words that start with a query word.
 */
export class SearchIndex<T> {
  readonly #entries: Entry<T>[] = [];
  readonly #postings = new Map<string, number[]>();
  readonly #words: string[];
  /** Every entry in label order: the answer to an empty query, sorted once. */
  readonly #inLabelOrder: Entry<T>[];

  constructor(items: Iterable<{ item: T; label: string; names: readonly string[] }>) {
    for (const { item, label, names } of items) {
      const folded = [...new Set(names.map(foldForSearch).filter((name) => name !== ''))];
      const position = this.#entries.push({ item, label, names: folded }) - 1;
      for (const word of new Set(folded.flatMap((name) => name.split(' ')))) {
        const list = this.#postings.get(word);
        if (list) list.push(position);
        else this.#postings.set(word, [position]);
      }
    }
    this.#words = [...this.#postings.keys()].sort();
    this.#inLabelOrder = [...this.#entries].sort((a, b) => compareText(a.label, b.label));
  }

  /** Every entry whose names match all words of the query as prefixes, best match first. */
  search(query: string, accept: (item: T) => boolean = () => true): T[] {
    const folded = foldForSearch(query);
    if (folded === '') {
      return this.#inLabelOrder.filter((entry) => accept(entry.item)).map((entry) => entry.item);
    }
    const queryTokens = folded.split(' ');
    const [first, ...rest] = queryTokens.map((token) => this.#entriesWithWordPrefix(token));
    const candidates = [...(first ?? [])].filter((index) => rest.every((matches) => matches.has(index)));

    const scored: { entry: Entry<T>; score: number }[] = [];
    for (const index of candidates) {
      const entry = this.#entries[index];
      if (entry === undefined || !accept(entry.item)) continue;
      const score = Math.max(
        ...entry.names.map((name, position) => {
          const base = scoreName(name, folded, queryTokens);
          return base === 0 ? 0 : base + (position === 0 ? 5 : 0);
        }),
      );
      if (score > 0) scored.push({ entry, score });
    }
    return scored
      .sort((a, b) => b.score - a.score || compareText(a.entry.label, b.entry.label))
      .map(({ entry }) => entry.item);
  }

  #entriesWithWordPrefix(prefix: string): Set<number> {
    const found = new Set<number>();
    let low = 0;
    let high = this.#words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#words[middle] ?? '') < prefix) low = middle + 1;
      else high = middle;
    }
    for (let at = low; at < this.#words.length; at++) {
      const word = this.#words[at] ?? '';
      if (!word.startsWith(prefix)) break;
      for (const index of this.#postings.get(word) ?? []) found.add(index);
    }
    return found;
  }
}
