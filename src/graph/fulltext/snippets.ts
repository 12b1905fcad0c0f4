import type { NamedEntity } from '../model.js';
import { foldForSearch } from '../search.js';
import type { Store } from '../store.js';
import type { FullTextMatches } from './matches.js';
import { type EntityText, textsOf } from './texts.js';

/** A stretch of a text, in UTF-16 code units from its start (as JavaScript strings count). */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A text of a hit that matched the query: where it sits, what it supports, and the words that matched. */
export interface Snippet extends EntityText {
  readonly score: number;
  readonly matches: readonly TextRange[];
}

/** Letters (with their marks) and digits: the words search folds and matches. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Where in `text` the words that fold to one of `terms` stand. */
export function matchRanges(text: string, terms: ReadonlySet<string>): TextRange[] {
  const ranges: TextRange[] = [];
  for (const found of text.matchAll(WORD)) {
    if (terms.has(foldForSearch(found[0]))) ranges.push({ start: found.index, end: found.index + found[0].length });
  }
  return ranges;
}

/** The texts of `entity` among the matches, best first, at most `limit`, with the words that matched. */
export function snippetsOf(store: Store, matches: FullTextMatches, entity: NamedEntity, limit: number): Snippet[] {
  const snippets: Snippet[] = [];
  if (matches.terms.size === 0) return snippets;
  const seen = new Set<number>();
  for (const text of textsOf(store, entity)) {
    const id = matches.index.textId(text.field, text.text);
    // A sentence quoted for the entity and for one of its results is shown once, where it comes first.
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const score = matches.scoreOf(id);
    if (score === 0) continue;
    snippets.push({ ...text, score, matches: matchRanges(text.text, matches.terms) });
  }
  // A stable sort: texts of equal score stay in the entity's own order (names, then its records' texts).
  return snippets.sort((a, b) => b.score - a.score).slice(0, limit);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char] as string);

/** The text as HTML, escaped, with each matched stretch in `<mark>`. */
export function highlightedHtml(text: string, ranges: readonly TextRange[]): string {
  let html = '';
  let at = 0;
  for (const { start, end } of ranges) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}
