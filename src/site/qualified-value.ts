import type { Claim } from '../graph/model.js';
import { escapeHtml } from './escape-html.js';

/** What a claim says about how its source gives the value: the claim's qualifiers and language. */
export type ValueQualifiers = Pick<Claim, 'bound' | 'approximate' | 'hedge' | 'lang'>;

const EXACT: ValueQualifiers = { bound: null, approximate: false, hedge: null, lang: null };

/** What a page shows for a claim that the sources give no value (its note says why). */
export const NO_VALUE_HTML = '<em>not given by the sources</em>';

/**
 * A value as its source gives it, for people: "c. 500" for an approximate quantity, "by 2008" for a
 * date known only to be on or before 2008, "2001 or later" for one on or after, "(reportedly)" after a
 * hedged statement. `html` is the value already rendered (escaped text or a link).
 */
export function qualifiedValueHtml(html: string, qualifiers: Partial<ValueQualifiers>, pageLang = 'en'): string {
  const { bound, approximate, hedge, lang } = { ...EXACT, ...qualifiers };
  let shown = lang !== null && lang !== pageLang ? `<span lang="${escapeHtml(lang)}">${html}</span>` : html;
  if (approximate) shown = `<abbr title="circa: the source gives it as approximate">c.</abbr> ${shown}`;
  if (bound === 'onOrBefore') shown = `by ${shown}`;
  if (bound === 'onOrAfter') shown = `${shown} or later`;
  if (hedge !== null) shown = `${shown} <em>(${escapeHtml(hedge)})</em>`;
  return shown;
}

/** {@link qualifiedValueHtml} as plain text: "c. 500", "by 2008", "2001 or later", "… (reportedly)". */
export function qualifiedValueText(text: string, qualifiers: Partial<ValueQualifiers>): string {
  const { bound, approximate, hedge } = { ...EXACT, ...qualifiers };
  let shown = approximate ? `c. ${text}` : text;
  if (bound === 'onOrBefore') shown = `by ${shown}`;
  if (bound === 'onOrAfter') shown = `${shown} or later`;
  return hedge === null ? shown : `${shown} (${hedge})`;
}

/** The qualifiers of a claim node of our JSON-LD (`pg:latestDate`, `pg:approximate`…), for pages built from it. */
export function qualifiersOfClaimNode(node: Readonly<Record<string, unknown>>): ValueQualifiers {
  const hedge = node['pg:hedge'];
  return {
    bound:
      node['pg:latestDate'] !== undefined ? 'onOrBefore' : node['pg:earliestDate'] !== undefined ? 'onOrAfter' : null,
    approximate: node['pg:approximate'] === true,
    // A hedge is the source's word, a literal tagged with its language.
    hedge:
      typeof hedge === 'string'
        ? hedge
        : typeof hedge === 'object' && hedge !== null && '@value' in hedge
          ? String(hedge['@value'])
          : null,
    lang: null,
  };
}
