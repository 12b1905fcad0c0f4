import { KINDS, type Kind } from '../graph/kinds.js';
import type { Country, EntityRecord, Games, SportsEvent } from '../graph/model.js';
import { JSONLD_CONTEXT } from '../linked-data/context.js';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { datasetDescription } from '../linked-data/description.js';
import { entityIri } from '../linked-data/iris.js';
import type { LdValue } from '../linked-data/mapping.js';
import { expandIri } from '../linked-data/namespaces.js';
import type { RdfNode } from '../linked-data/rdf.js';
import { escapeHtml } from './escape-html.js';
import { gamesTimeline, resultsTable } from './pictures.js';
import { NO_VALUE_HTML, qualifiedValueHtml, qualifiersOfClaimNode } from './qualified-value.js';

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and the JavaScript line
 * separators are written as escapes, so no string in the data can close the script element.
 */
export const scriptSafeJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** Names for the entity IRIs a page links to, looked up by IRI rather than by listing every entity. */
function labelsOf(dataset: LinkedDataset, nodes: readonly RdfNode[]): Map<string, string> {
  const labels = new Map<string, string>();
  const prefix = `${dataset.base}/id/`;
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null || !('@id' in value)) return;
    const iri = String(value['@id']);
    if (!iri.startsWith(prefix) || labels.has(iri)) return;
    const [kind, slug] = iri.slice(prefix.length).split('/');
    const record =
      kind && slug && (KINDS as readonly string[]).includes(kind)
        ? dataset.store.get(kind as Kind, decodeURIComponent(slug))
        : undefined;
    if (record && 'name' in record.facts) labels.set(iri, String(record.facts.name));
  };
  for (const node of nodes) Object.values(node).forEach(visit);
  return labels;
}

/** The language pages are written in; text in any other is marked with its own. */
const PAGE_LANGUAGE = 'en';

/** The text of a plain or language-tagged literal. */
const plainText = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'object' && value !== null && '@value' in value
      ? String(value['@value'])
      : undefined;

/** A path on this server for IRIs under its base, so links work wherever the page is opened. */
function href(iri: string, base: string): string {
  return iri.startsWith(`${base}/`) ? iri.slice(base.length) : iri;
}

function renderValue(value: LdValue, dataset: LinkedDataset, labels: ReadonlyMap<string, string>): string {
  if (typeof value !== 'object') return escapeHtml(String(value));
  if ('@language' in value && value['@language'] !== PAGE_LANGUAGE)
    return `<span lang="${escapeHtml(value['@language'])}">${escapeHtml(value['@value'])}</span>`;
  if ('@value' in value) return escapeHtml(value['@value']);
  const iri = expandIri(value['@id']);
  const label = labels.get(iri) ?? value['@id'].replace(/^pg:|^schema:/, '');
  return `<a href="${escapeHtml(href(iri, dataset.base))}">${escapeHtml(label)}</a>`;
}

const renderValues = (raw: unknown, dataset: LinkedDataset, labels: ReadonlyMap<string, string>): string =>
  (Array.isArray(raw) ? raw : [raw]).map((value: LdValue) => renderValue(value, dataset, labels)).join(', ');

/**
 * A small page for people: the entity's facts (linking related entities), every claim with its rank,
 * reason and sources, and the same JSON-LD a harvester gets, embedded.
 */
export function renderEntityPage(dataset: LinkedDataset, record: EntityRecord): string {
  const document = dataset.document([record]);
  const [main, ...others]: RdfNode[] = document['@graph'];
  if (!main) throw new Error(`No node for ${record.kind} ${record.slug}`);
  const labels = labelsOf(dataset, [main, ...others]);
  const pageOf = (kind: Kind, slug: string) => href(entityIri(dataset.base, kind, slug), dataset.base);
  const picture =
    record.kind === 'country'
      ? `<h2>At the Games</h2>\n${gamesTimeline(dataset.store, record as Country, pageOf)}`
      : record.kind === 'event'
        ? `<h2>Results</h2>\n${resultsTable(dataset.store, record as SportsEvent, pageOf)}`
        : record.kind === 'games'
          ? dataset.store
              .eventsAt(record as Games)
              .map(
                (event) =>
                  `<h2><a href="${escapeHtml(pageOf('event', event.slug))}">${escapeHtml(event.facts.name)}</a></h2>\n${resultsTable(dataset.store, event, pageOf)}`,
              )
              .join('\n')
          : '';
  const title =
    'name' in record.facts ? String(record.facts.name) : (plainText(main.name) ?? `${record.kind} ${record.slug}`);
  const facts = Object.entries(main)
    .filter(([key]) => !key.startsWith('@') && key !== 'subjectOf')
    .map(([key, raw]) => `<tr><th>${escapeHtml(key)}</th><td>${renderValues(raw, dataset, labels)}</td></tr>`)
    .join('\n');
  const quotations = new Map(others.filter((node) => node['@type'] === 'Quotation').map((node) => [node['@id'], node]));
  const claims = others
    .filter((node) => Array.isArray(node['@type']) && node['@type'].includes('Claim'))
    .map((claim) => {
      const quotes = (Array.isArray(claim.citation) ? claim.citation : [])
        .map((citation: LdValue) =>
          typeof citation === 'object' && '@id' in citation ? quotations.get(citation['@id']) : undefined,
        )
        .filter((quote): quote is RdfNode => quote !== undefined)
        .map(
          (quote) =>
            `<blockquote>${escapeHtml(String(quote.text))} — ${renderValues(quote.isPartOf, dataset, labels)}</blockquote>`,
        )
        .join('');
      const rank = renderValues(claim['pg:statementRank'], dataset, labels);
      return `<tr><td>${escapeHtml(String(claim['pg:property']))}</td><td>${claim['pg:value'] === undefined ? NO_VALUE_HTML : qualifiedValueHtml(renderValues(claim['pg:value'], dataset, labels), qualifiersOfClaimNode(claim))}</td><td>${rank}${claim['pg:derived'] === true ? ' (derived)' : ''}</td><td>${escapeHtml(String(claim['pg:rankReason'] ?? claim['pg:note'] ?? ''))}</td><td>${renderValues(claim.appearance, dataset, labels)}${quotes}</td></tr>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — paralympics-graph</title>
<link rel="alternate" type="application/ld+json" href="${escapeHtml(href(dataset.iriOf(record), dataset.base))}">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}th{text-align:left;vertical-align:top;padding-right:1rem}td{vertical-align:top}table{border-collapse:collapse;margin-bottom:2rem}tr{border-bottom:1px solid #ddd}blockquote{margin:.25rem 0 .25rem 1rem;color:#444;font-style:italic}</style>
<script type="application/ld+json">
${scriptSafeJson(document)}
</script>
</head>
<body>
<p><a href="/">paralympics-graph</a> · ${escapeHtml(record.kind)}</p>
<h1>${escapeHtml(title)}</h1>
<p><code>${escapeHtml(dataset.iriOf(record))}</code></p>
<h2>Facts</h2>
<table>
${facts}
</table>
${picture}
<h2>Claims and their sources</h2>
<table>
<tr><th>property</th><th>value</th><th>rank</th><th>reason or note</th><th>sources</th></tr>
${claims}
</table>
</body>
</html>
`;
}

/** The home page: what the dataset holds, by kind, and where to get it whole. */
export function renderHomePage(dataset: LinkedDataset): string {
  const stats = dataset.statistics();
  const kinds = KINDS.map((kind) => {
    const records = dataset.store.all(kind);
    const examples = records
      .slice(0, 5)
      .map(
        (record) =>
          `<a href="${escapeHtml(href(dataset.iriOf(record), dataset.base))}">${escapeHtml('name' in record.facts ? String(record.facts.name) : record.slug)}</a>`,
      )
      .join(', ');
    return `<tr><th>${escapeHtml(kind)}</th><td>${records.length}</td><td>${examples}${records.length > 5 ? ', …' : ''}</td></tr>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paralympics-graph</title>
<script type="application/ld+json">
${scriptSafeJson({ '@context': JSONLD_CONTEXT, '@graph': datasetDescription(dataset) })}
</script>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}th{text-align:left;padding-right:1rem;vertical-align:top}td{vertical-align:top}</style>
</head>
<body>
<h1>paralympics-graph</h1>
<p>A sourced knowledge graph of a nation's history at the Paralympic Games: every fact cites the document it comes from.
Explore it with <a href="/graphql">GraphiQL</a>, or take it whole.</p>
<h2>Entities</h2>
<table>
<tr><th>kind</th><th>count</th><th>for example</th></tr>
${kinds}
</table>
<h2>Downloads</h2>
<ul>
<li><a href="/dataset.jsonld">dataset.jsonld</a> (JSON-LD), <a href="/dataset.ttl">dataset.ttl</a> (Turtle), <a href="/dataset.nt">dataset.nt</a> (N-Triples): ${stats.triples} triples each</li>
<li><a href="/dataset.nq">dataset.nq</a> (N-Quads), <a href="/dataset.trig">dataset.trig</a> (TriG): ${stats.quads} quads, a named graph per source document beside the graph of preferred values</li>
<li><a href="/.well-known/void">VoID description</a> · <a href="/sitemap.xml">sitemap</a> · <a href="/context.jsonld">JSON-LD context</a> · <a href="/vocab.ttl">vocabulary</a></li>
</ul>
</body>
</html>
`;
}

/** The page of a Games series: its name and every Games of it the data holds, newest last. */
export function renderSeriesPage(dataset: LinkedDataset, series: string): string {
  const document = dataset.seriesDocument(series);
  const [main] = document['@graph'];
  const title = plainText((main as RdfNode | undefined)?.name) ?? series;
  const games = dataset.store
    .all('games')
    .filter((edition) => edition.facts.series === series)
    .map(
      (edition) =>
        `<li><a href="${escapeHtml(href(dataset.iriOf(edition), dataset.base))}">${escapeHtml(edition.facts.name)}</a></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${PAGE_LANGUAGE}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — paralympics-graph</title>
<script type="application/ld+json">
${scriptSafeJson(document)}
</script>
</head>
<body>
<p><a href="/">paralympics-graph</a> · series</p>
<h1>${escapeHtml(title)}</h1>
<p><code>${escapeHtml(main?.['@id'] ?? '')}</code></p>
<h2>Games</h2>
<ul>
${games}
</ul>
</body>
</html>
`;
}
