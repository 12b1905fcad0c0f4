import { type FactSpec, metres, partialDate, seconds, url } from '../graph/facts.js';
import { FACTS, type Kind } from '../graph/kinds.js';
import type { Citation, Claim, ClaimValue, EntityRecord, Report } from '../graph/model.js';
import { linkTo, type Site, textIn } from './context.js';
import { escapeHtml } from './escape-html.js';
import { counted, formatMark, formatNumber, formatPartialDate, formatTime, ordinal } from './format.js';
import { propertyLabel, valueLabel } from './labels.js';
import { NO_VALUE_HTML, qualifiedValueHtml, qualifiedValueText } from './qualified-value.js';
import { renderQuote } from './quotes.js';

const specOf = (kind: Kind, property: string): FactSpec | undefined =>
  (FACTS[kind] as Readonly<Record<string, FactSpec>>)[property];

/** The value of one claim as HTML, with its qualifiers ("c. 500", "by 2008", a hedge) where it has a claim. */
export function renderValue(site: Site, kind: Kind, property: string, value: ClaimValue | null, claim?: Claim): string {
  if (value === null) return NO_VALUE_HTML;
  const html = plainValue(site, kind, property, value, claim);
  if (!claim) return html;
  const schema: unknown = specOf(kind, property)?.schema;
  if (schema === partialDate && typeof value === 'string') {
    // The bound reads inside the date: <time datetime="2008">by 2008</time>.
    const text = qualifiedValueText(formatPartialDate(value), { bound: claim.bound, approximate: claim.approximate });
    const hedge = claim.hedge === null ? '' : ` <em>(${escapeHtml(claim.hedge)})</em>`;
    return `<time datetime="${escapeHtml(value)}">${escapeHtml(text)}</time>${hedge}`;
  }
  // The language is marked by plainValue already.
  return qualifiedValueHtml(html, { ...claim, lang: null });
}

function plainValue(site: Site, kind: Kind, property: string, value: ClaimValue, claim?: Claim): string {
  const target = claim?.target ? site.store.resolve(claim.target) : undefined;
  if (target) return linkTo(site, target);
  const schema: unknown = specOf(kind, property)?.schema;
  if (typeof value === 'boolean') {
    return escapeHtml(valueLabel(site.labels, kind, property, String(value)) ?? (value ? 'yes' : 'no'));
  }
  if (typeof value === 'number') {
    if (schema === seconds) return escapeHtml(formatTime(value));
    if (schema === metres) return escapeHtml(formatMark(value));
    if (property === 'rank' || property === 'heatRank') return escapeHtml(ordinal(value));
    if (property === 'year') return String(value);
    return escapeHtml(formatNumber(value));
  }
  if (schema === partialDate)
    return `<time datetime="${escapeHtml(value)}">${escapeHtml(formatPartialDate(value))}</time>`;
  if (schema === url) return `<a href="${escapeHtml(value)}" rel="external noopener">${escapeHtml(value)}</a>`;
  const label = valueLabel(site.labels, kind, property, value);
  if (label !== undefined) return escapeHtml(label);
  return textIn(value, claim?.lang);
}

/** Citations grouped by report, in the order first cited: each report once, with every quote from it. */
function byReport(citations: readonly Citation[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const citation of citations) {
    const quotes = grouped.get(citation.report) ?? [];
    if (citation.quote !== null && !quotes.includes(citation.quote)) quotes.push(citation.quote);
    grouped.set(citation.report, quotes);
  }
  return grouped;
}

/**
 * A report as a citation: its title (as a `<cite>`, so a page titled "North Korea" does not read as
 * the country), then who published it, its kind and date.
 */
export function describeReport(site: Site, report: Report): string {
  const publisher = report.facts.publisher ? site.store.get('organisation', report.facts.publisher) : undefined;
  const details = [
    publisher?.facts.name,
    site.labels.values.reportKind[report.facts.reportKind].toLowerCase(),
    report.facts.datePublished ? formatPartialDate(report.facts.datePublished) : undefined,
  ].filter((part): part is string => part !== undefined);
  return `${linkTo(site, report, `<cite>${escapeHtml(report.facts.name)}</cite>`)} <small>${escapeHtml(details.join(', '))}</small>`;
}

/** The reports behind some citations, collapsed under "2 sources", each with the quotes that state it. */
export function renderSources(site: Site, citations: readonly Citation[], open = false): string {
  const grouped = byReport(citations);
  if (grouped.size === 0) return '';
  const items = [...grouped].map(([slug, quotes]) => {
    const report = site.store.get('report', slug);
    if (!report) return `<li>${escapeHtml(slug)}</li>`;
    const text = site.store.textOf(report);
    return `<li>${describeReport(site, report)}${quotes.map((quote) => renderQuote(quote, text)).join('')}</li>`;
  });
  return `<details class="sources"${open ? ' open' : ''}><summary>${counted(grouped.size, 'source')}</summary><ul>${items.join('')}</ul></details>`;
}

const RANK_ORDER = { preferred: 0, normal: 1, deprecated: 2 } as const;

/** Whether a single-valued property has more than one value that is not deprecated: the sources differ. */
export function isDisputed(kind: Kind, property: string, claims: readonly Claim[]): boolean {
  return (
    specOf(kind, property)?.cardinality !== 'many' && claims.filter((claim) => claim.rank !== 'deprecated').length > 1
  );
}

function badges(claim: Claim, disputed: boolean): string {
  const marks: string[] = [];
  if (disputed && claim.preferred) marks.push('<span class="badge disputed">sources differ</span>');
  if (disputed && !claim.preferred && claim.rank === 'normal')
    marks.push('<span class="badge normal">also stated</span>');
  if (claim.rank === 'deprecated') marks.push('<span class="badge deprecated">deprecated</span>');
  if (claim.derived) marks.push('<span class="badge derived">derived</span>');
  return marks.join('');
}

function explanation(claim: Claim, disputed: boolean): string {
  const parts: string[] = [];
  if (claim.reason !== null) {
    const lead = claim.rank === 'deprecated' ? 'Deprecated' : claim.preferred && disputed ? 'Why preferred' : 'Rank';
    parts.push(`<strong>${lead}:</strong> ${escapeHtml(claim.reason)}`);
  }
  if (claim.note !== null)
    parts.push(`<strong>${claim.derived ? 'How derived' : 'Note'}:</strong> ${escapeHtml(claim.note)}`);
  return parts.map((part) => `<p class="why">${part}</p>`).join('');
}

/** Every claim of one property: the preferred value first, alternatives beside it with their reasons and sources. */
export function renderClaims(site: Site, record: EntityRecord, property: string, claims: readonly Claim[]): string {
  const disputed = isDisputed(record.kind, property, claims);
  return [...claims]
    .sort((a, b) => RANK_ORDER[a.rank] - RANK_ORDER[b.rank] || a.index - b.index)
    .map(
      (claim) =>
        `<div class="claim ${claim.rank}"><span class="value">${renderValue(site, record.kind, property, claim.value, claim)}</span>${badges(claim, disputed)}${explanation(claim, disputed)}${renderSources(site, claim.citations)}</div>`,
    )
    .join('\n');
}

/**
 * An entity's statements, Wikidata's way: one row per property in the order its kind declares them,
 * each with every claimed value, its rank and reason, and its sources.
 */
export function renderStatements(site: Site, record: EntityRecord, skip: ReadonlySet<string> = new Set()): string {
  const rows = Object.keys(FACTS[record.kind])
    .filter((property) => !skip.has(property))
    .map((property) => {
      const claims = site.store.claimsOf(record, property);
      if (claims.length === 0) return '';
      const id = `p-${property}`;
      return `<div class="statement" id="${id}"><dt>${escapeHtml(propertyLabel(site.labels, record.kind, property))}</dt><dd>${renderClaims(site, record, property, claims)}</dd></div>`;
    })
    .filter((row) => row !== '');
  if (rows.length === 0) return '';
  return `<section aria-labelledby="statements"><h2 id="statements">Statements</h2>
<p class="muted">Each value with the sources that state it. Where sources differ, every value is kept: the preferred one first, the others after it with the reason.</p>
<dl class="statements">
${rows.join('\n')}
</dl></section>`;
}

/** The value shown for a single-valued property (with its badges), and the others sources state. */
export interface ShownValue {
  readonly value: string;
  /** "also stated: 17th · why", or empty where the sources agree. */
  readonly alternatives: string;
}

export function shownValue(site: Site, record: EntityRecord, property: string): ShownValue | undefined {
  const claims = site.store.claimsOf(record, property);
  const preferred = claims.find((claim) => claim.preferred);
  if (!preferred) return undefined;
  const disputed = isDisputed(record.kind, property, claims);
  const others = claims.filter((claim) => !claim.preferred && claim.rank !== 'deprecated');
  const alternatives = disputed
    ? `also stated: ${others.map((claim) => renderValue(site, record.kind, property, claim.value, claim)).join(', ')} · <a href="#p-${escapeHtml(property)}">why</a>`
    : '';
  return {
    value: `${renderValue(site, record.kind, property, preferred.value, preferred)}${badges(preferred, disputed)}`,
    alternatives,
  };
}

/** The shown value and its alternatives in one line. */
export function preferredWithBadges(site: Site, record: EntityRecord, property: string): string | undefined {
  const shown = shownValue(site, record, property);
  if (!shown) return undefined;
  return shown.alternatives ? `${shown.value} <small>${shown.alternatives}</small>` : shown.value;
}
