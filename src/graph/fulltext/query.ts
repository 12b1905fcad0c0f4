import { LIMITS } from '../../security/limits.js';
import { GenerationalCache } from '../cache.js';
import { foldForSearch } from '../search.js';

/** The most characters a search text may have. */
export const MAX_QUERY_LENGTH = LIMITS.maxSearchLength;
/** The most words (inside and outside quotes) a search text may have: each is a lookup with typos. */
export const MAX_QUERY_WORDS = 12;

/**
 * The most words of the index a query word matches as their start: as many as a page can show
 * entities. A word starting more (a letter or two: "g" starts every synthetic copy's tag) matches
 * those held by the most texts, so that what a search reads does not grow with the vocabulary.
 */
export const MAX_PREFIX_WORDS = LIMITS.maxPageSize;

/** Why a search text is refused: a stable code beside the message. */
export type QueryProblem = 'STRING_TOO_LONG' | 'SEARCH_TOO_MANY_WORDS' | 'SEARCH_WITHOUT_WORDS';

export class QueryError extends Error {
  constructor(
    message: string,
    readonly code: QueryProblem,
    readonly details: Readonly<Record<string, number>> = {},
  ) {
    super(message);
  }
}

/**
 * A search text taken apart: folded words to find anywhere (as words, word prefixes or with a typo),
 * and phrases, the words given in double quotes, to find exactly and next to each other.
 */
export interface ParsedQuery {
  /** Folded words outside quotes. */
  readonly words: readonly string[];
  /** Each phrase as folded words, in order. */
  readonly phrases: readonly (readonly string[])[];
  /** Every word, folded and joined: what a name equal to the whole query folds to. */
  readonly folded: string;
  /** The words and phrases as one string: equal for texts that search alike ("Rim  Ju", "rim ju"). */
  readonly key: string;
}

/** Straight and typographic double quotes open and close a phrase; an unclosed one runs to the end. */
const QUOTES = /["“”„«»]/;

/** How many search texts are kept parsed: a server is asked the same few again and again. */
const PARSED_KEPT = 512;
const parsedTexts = new GenerationalCache<string, ParsedQuery | null>(PARSED_KEPT);

/**
 * Parses a search text; null for one with nothing in it but spaces (a listing of everything). Refuses
 * a text too long, one of too many words, and one with characters but no letters or digits. The last
 * texts parsed are kept (the parse is a function of the text alone), so a repeated search is not folded again.
 */
export function parseQuery(text: string): ParsedQuery | null {
  const kept = parsedTexts.get(text);
  if (kept !== undefined) return kept;
  const parsed = parse(text);
  parsedTexts.set(text, parsed);
  return parsed;
}

function parse(text: string): ParsedQuery | null {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QueryError(
      `Search text is ${text.length} characters; the limit is ${MAX_QUERY_LENGTH}.`,
      'STRING_TOO_LONG',
      { maxSearchLength: MAX_QUERY_LENGTH },
    );
  }
  if (text.trim() === '') return null;
  const words: string[] = [];
  const phrases: string[][] = [];
  text.split(QUOTES).forEach((part, index) => {
    const folded = foldForSearch(part);
    if (folded === '') return;
    const partWords = folded.split(' ');
    // Odd parts lie between quotes; a phrase of one word is that word, found exactly.
    if (index % 2 === 1) phrases.push(partWords);
    else words.push(...partWords);
  });
  const count = words.length + phrases.reduce((sum, phrase) => sum + phrase.length, 0);
  if (count === 0) {
    throw new QueryError('The search text has no letters or digits to look for.', 'SEARCH_WITHOUT_WORDS');
  }
  if (count > MAX_QUERY_WORDS) {
    throw new QueryError(
      `The search text has ${count} words; the limit is ${MAX_QUERY_WORDS}.`,
      'SEARCH_TOO_MANY_WORDS',
      { maxSearchWords: MAX_QUERY_WORDS },
    );
  }
  return { words, phrases, folded: foldForSearch(text), key: JSON.stringify([words, phrases]) };
}
