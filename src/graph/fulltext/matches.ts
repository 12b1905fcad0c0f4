import { KINDS } from '../kinds.js';
import type { NamedKind } from '../model.js';
import { NAMED_KINDS } from '../store.js';
import type { FullTextIndex } from './index.js';

/** The texts a query matches: ranked on demand, scored one by one, found all only when counted. */
export interface TextMatches {
  /** The next text best first (score, then text id); -1 after the last. */
  next(): number;
  /** A text's score as shown, to three decimals (0 for a text that does not match). */
  scoreOf(text: number): number;
  /** The score texts are ranked by, unrounded (-1 for a text that does not match). */
  rankingScoreOf(text: number): number;
  /** The folded words of the index that matched a word of the query (as itself, its start, or with a typo). */
  readonly terms: ReadonlySet<string>;
  /** Every text that matches, in no particular order (found on the first call: what counting needs). */
  candidates(): Uint32Array;
  /** How many word occurrences the search has read so far: its work, for the query's budget. */
  readonly work: number;
}

/** What a search keeps: kinds (by index in KINDS; null for all), and the Games and country ordinals it is narrowed to. */
export interface Acceptance {
  readonly kinds: ReadonlySet<number> | null;
  readonly games: number | null;
  readonly country: number | null;
}

/** One entity found: its kind and slug, and the score of its best text. */
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

/**
 * The entities a query matches, best first: the texts are taken best first (score, then text id), each
 * text's entities in label order, only as far as the pages asked for; counted and faceted only when asked.
 */
export class FullTextMatches {
  /** Entities ranked so far, with their scores, and where the walk over the texts stands. */
  readonly #ranked: number[] = [];
  readonly #scores: number[] = [];
  /** The hits of the ranked entities, made when first sliced (a kept search is asked for again). */
  readonly #hits: FullTextHit[] = [];
  /** Entities met while ranking (few for a first page, so a set rather than an array over every entity). */
  readonly #seen = new Set<number>();
  #text = -1;
  #postingAt = 0;
  #count: number | undefined;

  constructor(
    readonly index: FullTextIndex,
    /** The texts that matched; null for a listing of every entity in label order. */
    private readonly texts: TextMatches | null,
    private readonly accept: Acceptance,
  ) {}

  /** How much work the search did (word occurrences read), for the query's budget. */
  get work(): number {
    return this.texts?.work ?? 0;
  }

  /** The score of a text for this search; 0 where it did not match. */
  scoreOf(text: number): number {
    return this.texts?.scoreOf(text) ?? 0;
  }

  /** The score a text is ranked by, unrounded; -1 where it did not match. */
  rankingScoreOf(text: number): number {
    return this.texts?.rankingScoreOf(text) ?? -1;
  }

  /** Every text matched, in no particular order. */
  matchingTexts(): Uint32Array {
    return this.texts?.candidates() ?? new Uint32Array(0);
  }

  /** The folded words that matched, for marking them in snippets. */
  get terms(): ReadonlySet<string> {
    return this.texts?.terms ?? new Set();
  }

  /** Whether an entity lies in the Games and country the search is narrowed to (the type facet counts these). */
  #inScope(ordinal: number): boolean {
    const { games, country } = this.accept;
    return (
      (games === null || this.index.gamesOf(ordinal).includes(games)) &&
      (country === null || this.index.countriesOf(ordinal).includes(country))
    );
  }

  #accepts(ordinal: number): boolean {
    const { kinds } = this.accept;
    return (kinds === null || kinds.has(this.index.kindOf(ordinal))) && this.#inScope(ordinal);
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
    for (const text of this.texts.candidates()) {
      for (const ordinal of this.index.entitiesOf(text)) {
        if (seen[ordinal] === 1) continue;
        seen[ordinal] = 1;
        visit(ordinal);
      }
    }
  }

  /** The hits from `start` to `end` (exclusive), best first. */
  slice(start: number, end: number): FullTextHit[] {
    if (this.texts === null) return this.#listing(start, Math.min(end, this.length));
    this.#rank(end);
    const hits: FullTextHit[] = [];
    for (let at = Math.max(0, start); at < Math.min(end, this.#ranked.length); at++) {
      let hit = this.#hits[at];
      if (hit === undefined) {
        hit = this.index.hitOf(this.#ranked[at] as number, this.#scores[at] as number);
        this.#hits[at] = hit;
      }
      hits.push(hit);
    }
    return hits;
  }

  #listing(start: number, end: number): FullTextHit[] {
    const { kinds, games, country } = this.accept;
    if (kinds === null && games === null && country === null) {
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

  /** Takes the texts best first, and each text's entities in label order, until `need` are ranked. */
  #rank(need: number): void {
    while (this.#ranked.length < need) {
      if (this.#text === -1) {
        this.#text = this.texts?.next() ?? -1;
        this.#postingAt = 0;
        if (this.#text === -1) return;
      }
      const entities = this.index.entitiesOf(this.#text);
      const score = this.scoreOf(this.#text);
      while (this.#postingAt < entities.length && this.#ranked.length < need) {
        const ordinal = entities[this.#postingAt++] as number;
        if (this.#seen.has(ordinal)) continue;
        this.#seen.add(ordinal);
        if (!this.#accepts(ordinal)) continue;
        this.#ranked.push(ordinal);
        this.#scores.push(score);
      }
      if (this.#postingAt >= entities.length) this.#text = -1;
    }
  }

  /**
   * Counts of every match in the Games and country asked for per type (whatever types were asked
   * for, so that a client can offer the others), and of the matches asked for per Games and per
   * country, most first.
   */
  facets(): FullTextFacets {
    const types = new Map<NamedKind, number>();
    const games = new Map<number, number>();
    const countries = new Map<number, number>();
    this.#forEachEntity((ordinal) => {
      if (!this.#inScope(ordinal)) return;
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
