import { highlightedHtml, type Snippet } from '../graph/fulltext/snippets.js';
import { GAMES_SERIES, KINDS, type Kind } from '../graph/kinds.js';
import type { Country, EntityRecord } from '../graph/model.js';
import { JSONLD_CONTEXT } from '../linked-data/context.js';
import { DUMPS } from '../linked-data/dataset.js';
import { datasetDescription } from '../linked-data/description.js';
import { seriesIri } from '../linked-data/iris.js';
import { kindPath, linkTo, localHref, SITE_NAME, type Site, titleOf } from './context.js';
import { ENTITY_FORMATS, scriptSafeJson } from './entity-page.js';
import { escapeHtml } from './escape-html.js';
import { counted, formatNumber } from './format.js';
import { renderPage } from './layout.js';
import { type SearchAnswer, siteSearch } from './search.js';
import { summaryOf } from './summaries.js';

const DUMP_NAMES: Readonly<Record<keyof typeof DUMPS, string>> = {
  jsonld: 'JSON-LD',
  turtle: 'Turtle',
  ntriples: 'N-Triples',
  nquads: 'N-Quads, a named graph per source',
  trig: 'TriG, a named graph per source',
};

/** How many entities an index or search page lists at once. */
export const PAGE_SIZE = 50;
/** How many Games and countries a search page offers to narrow to. */
const FACET_LINKS = 12;

const home = { label: 'Home', href: '/' } as const;

/** Paging links: previous, every page (a handful at most here), next. */
function pager(total: number, page: number, hrefOf: (page: number) => string): string {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return '';
  const numbers: string[] = [];
  for (let at = 1; at <= pages; at++) {
    if (pages > 9 && at !== 1 && at !== pages && Math.abs(at - page) > 2) {
      if (numbers.at(-1) !== '<span>…</span>') numbers.push('<span>…</span>');
      continue;
    }
    numbers.push(
      at === page
        ? `<span aria-current="page">${at}</span>`
        : `<a href="${escapeHtml(hrefOf(at))}" aria-label="Page ${at}">${at}</a>`,
    );
  }
  const previous = page > 1 ? `<a href="${escapeHtml(hrefOf(page - 1))}" rel="prev">← Previous</a>` : '';
  const next = page < pages ? `<a href="${escapeHtml(hrefOf(page + 1))}" rel="next">Next →</a>` : '';
  return `<nav class="pager" aria-label="Pages">${previous}${numbers.join('')}${next}</nav>`;
}

const entityList = (site: Site, records: readonly EntityRecord[]): string =>
  `<ul class="results-list">${records
    .map(
      (record) =>
        `<li><span class="hit">${linkTo(site, record)}</span><p>${escapeHtml(summaryOf(site, record))}</p></li>`,
    )
    .join('\n')}</ul>`;

/** The page number asked for, from 1; out of range or malformed gives undefined. */
export function pageNumber(raw: string | null, total: number): number | undefined {
  if (raw === null) return 1;
  if (!/^[1-9]\d{0,6}$/.test(raw)) return undefined;
  const page = Number(raw);
  return page <= Math.max(1, Math.ceil(total / PAGE_SIZE)) ? page : undefined;
}

/** Every entity of one kind, a page at a time. */
export function renderKindIndex(site: Site, kind: Kind, page: number): string {
  const { labels, store } = site;
  const records = store.all(kind);
  const shown = records.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const name = labels.kinds[kind].many;
  const range =
    records.length > PAGE_SIZE
      ? ` Showing ${formatNumber((page - 1) * PAGE_SIZE + 1)}–${formatNumber((page - 1) * PAGE_SIZE + shown.length)}.`
      : '';
  const main = `<header class="page-head"><p class="eyebrow">Index</p><h1>${escapeHtml(name)}</h1>
<p class="lede">${escapeHtml(labels.kinds[kind].about)} ${escapeHtml(counted(records.length, labels.kinds[kind].one.toLowerCase(), name.toLowerCase()))} in the graph.${range}</p></header>
${records.length === 0 ? '<p>None yet.</p>' : entityList(site, shown)}
${pager(records.length, page, (at) => (at === 1 ? kindPath(kind) : `${kindPath(kind)}?page=${at}`))}`;
  return renderPage(site, {
    title: page > 1 ? `${name}, page ${page}` : name,
    description: `${labels.kinds[kind].about} ${counted(records.length, 'entry', 'entries')}, each with its sources.`,
    canonical: `${site.dataset.base}${kindPath(kind)}${page > 1 ? `?page=${page}` : ''}`,
    breadcrumbs: [home, { label: name }],
    main,
  });
}

/** A Games series (the Paralympic Games, the Olympic Games): every edition the sources name. */
export function renderSeriesPage(site: Site, series: string): string {
  const { store, labels } = site;
  const editions = store.gamesWhere({ series });
  const name = (labels.values.series as Readonly<Record<string, string>>)[series] ?? series;
  const seasons = (['SUMMER', 'WINTER'] as const)
    .map((season) => {
      const games = editions.filter((edition) => edition.facts.season === season);
      return games.length === 0
        ? ''
        : `<section aria-labelledby="${season.toLowerCase()}"><h2 id="${season.toLowerCase()}">${labels.values.season[season]}</h2>${entityList(site, games)}</section>`;
    })
    .join('\n');
  const main = `<header class="page-head"><p class="eyebrow">Series of Games</p><h1>${escapeHtml(name)}</h1>
<p class="lede">The ${escapeHtml(counted(editions.length, 'edition'))} of the ${escapeHtml(name)} that the sources name, with every country's delegation to each.</p></header>
${seasons}`;
  const iri = seriesIri(site.dataset.base, series);
  return renderPage(site, {
    title: name,
    description: `Editions of the ${name} in the graph, with each country's delegation and results.`,
    canonical: iri,
    breadcrumbs: [home, { label: labels.kinds.games.many, href: kindPath('games') }, { label: name }],
    main,
    alternates: ENTITY_FORMATS.map(({ type, title, extension }) => ({
      type,
      title,
      href: `${localHref(site, iri)}.${extension}`,
    })),
    jsonLd: scriptSafeJson(site.dataset.seriesDocument(series)),
  });
}

/** The series pages that exist (those with at least one edition), for links and the crawl. */
export function seriesLinks(site: Site): string {
  return GAMES_SERIES.filter((series) => site.store.gamesWhere({ series }).length > 0)
    .map(
      (series) =>
        `<a href="${escapeHtml(localHref(site, seriesIri(site.dataset.base, series)))}">${escapeHtml(site.labels.values.series[series])}</a>`,
    )
    .join(' · ');
}

/** The country the graph is mostly about: the one with the most Games listed. */
function focusCountry(site: Site): Country | undefined {
  let best: Country | undefined;
  let most = 0;
  for (const country of site.store.all('country')) {
    const count = site.store.participationsOf(country).length;
    if (count > most) {
      best = country;
      most = count;
    }
  }
  return best;
}

/** The home page: what the graph holds, where to start, every kind, and where to get it whole. */
export function renderHomePage(site: Site): string {
  const { store, labels } = site;
  const stats = site.dataset.statistics();
  const focus = focusCountry(site);
  const kinds = KINDS.map(
    (kind) =>
      `<li><a class="kind" href="${kindPath(kind)}">${escapeHtml(labels.kinds[kind].many)}</a><span class="count">${formatNumber(store.count(kind))}</span><p>${escapeHtml(labels.kinds[kind].about)}</p></li>`,
  ).join('\n');
  const start = focus
    ? `<section aria-labelledby="start"><h2 id="start">Start here</h2>
<ul class="link-list"><li>${linkTo(site, focus)} <small>${escapeHtml(summaryOf(site, focus))}</small></li>${store
        .participationsOf(focus)
        .filter((delegation) => delegation.facts.participated)
        .map(
          (delegation) =>
            `<li>${linkTo(site, delegation)} <small>${escapeHtml(summaryOf(site, delegation))}</small></li>`,
        )
        .join('')}</ul>
<p>Series: ${seriesLinks(site)}</p></section>`
    : '';
  const dumps = (Object.keys(DUMPS) as (keyof typeof DUMPS)[])
    .map(
      (format) =>
        `<li><a href="${DUMPS[format].path}">${DUMPS[format].path.slice(1)}</a> <small>${escapeHtml(DUMP_NAMES[format])}</small></li>`,
    )
    .join('');
  const main = `<div class="hero">
<h1>${focus ? `${escapeHtml(titleOf(store, focus))} at the Paralympic Games` : SITE_NAME}</h1>
<p>A knowledge graph in which every fact names its source and quotes it. Where sources disagree, each value is kept with its sources, and the preferred one says why.</p>
</div>
${start}
<section aria-labelledby="browse"><h2 id="browse">Browse</h2>
<ul class="kinds">
${kinds}
</ul></section>
<section aria-labelledby="data"><h2 id="data">Take the data</h2>
<p>${formatNumber(stats.triples)} triples about ${formatNumber(stats.entities)} entities, in schema.org terms. Every entity's IRI answers in JSON-LD, Turtle, N-Triples and HTML.</p>
<ul class="link-list">${dumps}
<li><a href="/graphql">GraphiQL</a> <small>query it with GraphQL</small></li>
<li><a href="/sparql">SPARQL</a> <small>ask it in SPARQL, over the same triples</small></li>
<li><a href="/.well-known/void">VoID description</a> <small>what the dataset holds</small></li>
<li><a href="/sitemap.xml">Sitemap</a> <small>every entity page</small></li>
<li><a href="/context.jsonld">JSON-LD context</a> · <a href="/vocab.ttl">vocabulary</a></li>
</ul></section>`;
  return renderPage(site, {
    title: focus ? `${titleOf(store, focus)} at the Paralympic Games` : SITE_NAME,
    description:
      'A sourced knowledge graph of a nation at the Paralympic Games: athletes, results, Games and the documents behind every fact.',
    canonical: `${site.dataset.base}/`,
    breadcrumbs: [],
    main,
    jsonLd: scriptSafeJson({ '@context': JSONLD_CONTEXT, '@graph': datasetDescription(site.dataset) }),
  });
}

/** What a matched text is, in a results list. */
const SNIPPET_LABELS = {
  name: 'Name',
  alternateName: 'Also known as',
  description: 'Described as',
  quote: 'Quoted',
} as const;

/** One matched text: the words that matched marked, and for a quote the reports it is quoted from. */
function renderSnippet(site: Site, snippet: Snippet): string {
  const sources = site.store.followAll('report', snippet.reports);
  const from =
    sources.length > 0 ? ` <small>— ${sources.map((report) => linkTo(site, report)).join(', ')}</small>` : '';
  const text = highlightedHtml(snippet.text, snippet.matches);
  return `<li><span class="muted">${SNIPPET_LABELS[snippet.field]}:</span> ${snippet.field === 'quote' ? `“${text}”` : text}${from}</li>`;
}

function renderHits(site: Site, answer: SearchAnswer): string {
  return `<ul class="results-list">${answer.hits
    .map(({ entity, score, snippets }) => {
      const shown = snippets.filter((snippet) => snippet.field !== 'name');
      return `<li><span class="hit">${linkTo(site, entity)}</span> <span class="badge absent">${escapeHtml(site.labels.kinds[entity.kind].one)}</span> <small class="muted" title="Relevance">${escapeHtml(formatNumber(score))}</small><p>${escapeHtml(summaryOf(site, entity))}</p>${shown.length > 0 ? `<ul class="snippets">${shown.map((snippet) => renderSnippet(site, snippet)).join('')}</ul>` : ''}</li>`;
    })
    .join('\n')}</ul>`;
}

/** The search results page: hits with their kind, relevance and the texts that matched, facets by kind, paging. */
export function renderSearchPage(
  site: Site,
  query: string,
  kind: Kind | undefined,
  page: number,
  answer: SearchAnswer = siteSearch(site.store, query, kind, page, PAGE_SIZE),
  scope: { readonly games?: string; readonly country?: string } = {},
): string {
  const total = [...answer.byKind.values()].reduce((sum, count) => sum + count, 0);
  const hrefOf = (at: number, only: Kind | undefined = kind, within = scope) => {
    const params = new URLSearchParams({ q: query });
    if (only) params.set('kind', only);
    if (within.games) params.set('games', within.games);
    if (within.country) params.set('country', within.country);
    if (at > 1) params.set('page', String(at));
    return `/search?${params}`;
  };
  const facets =
    answer.byKind.size > 1 || kind
      ? `<ul class="facets" aria-label="Filter by kind"><li>${kind ? `<a href="${escapeHtml(hrefOf(1, undefined))}">All (${total})</a>` : `<span aria-current="true">All (${total})</span>`}</li>${[
          ...answer.byKind,
        ]
          .map(([found, count]) => {
            const label = `${site.labels.kinds[found].many} (${count})`;
            return `<li>${found === kind ? `<span aria-current="true">${escapeHtml(label)}</span>` : `<a href="${escapeHtml(hrefOf(1, found))}">${escapeHtml(label)}</a>`}</li>`;
          })
          .join('')}</ul>`
      : '';
  /** A row of links narrowing the search to one Games or one country, the one chosen marked. */
  const narrowing = (key: 'games' | 'country', label: string, counts: SearchAnswer['byGames']) => {
    const chosen = scope[key];
    if (counts.length === 0 || (counts.length === 1 && !chosen)) return '';
    const kindOf = key === 'games' ? 'games' : 'country';
    const items = counts.slice(0, FACET_LINKS).map(({ slug, count }) => {
      const record = site.store.get(kindOf, slug);
      const text = `${record ? titleOf(site.store, record) : slug} (${count})`;
      return `<li>${slug === chosen ? `<span aria-current="true">${escapeHtml(text)}</span>` : `<a href="${escapeHtml(hrefOf(1, kind, { ...scope, [key]: slug }))}">${escapeHtml(text)}</a>`}</li>`;
    });
    const all = chosen
      ? `<li><a href="${escapeHtml(hrefOf(1, kind, { ...scope, [key]: undefined }))}">Any</a></li>`
      : '';
    return `<ul class="facets" aria-label="${escapeHtml(label)}">${all}${items.join('')}</ul>`;
  };
  const narrowings = `${narrowing('games', 'Narrow to one Games', answer.byGames)}${narrowing('country', 'Narrow to one country', answer.byCountry)}`;
  const heading = query.trim() === '' ? 'Search' : `Results for “${query}”`;
  const body =
    query.trim() === ''
      ? '<p>Type a few words above: a name (typos forgiven), or words of a description or of a sentence a source states, “in quotes” for an exact phrase.</p>'
      : answer.refusal
        ? `<p role="alert" data-code="${escapeHtml(answer.refusal.code)}">${escapeHtml(answer.refusal.message)}</p>`
        : answer.total === 0
          ? `<p>Nothing in the graph mentions “${escapeHtml(query)}”. Try fewer words, or browse the <a href="${kindPath('athlete')}">athletes</a>, <a href="${kindPath('games')}">Games</a> or <a href="${kindPath('report')}">sources</a>.</p>`
          : `<p class="muted">${escapeHtml(counted(answer.total, 'match', 'matches'))}, best first</p>${facets}${narrowings}${renderHits(site, answer)}${pager(answer.total, page, hrefOf)}`;
  return renderPage(site, {
    title: heading,
    description: `Search ${SITE_NAME}.`,
    canonical: `${site.dataset.base}${hrefOf(page)}`,
    breadcrumbs: [home, { label: 'Search' }],
    main: `<header class="page-head"><h1>${escapeHtml(heading)}</h1></header>\n${body}`,
    query,
    noindex: true,
  });
}

/** The page for an address that names nothing: where to go instead, and the search box. */
export function renderNotFoundPage(site: Site, path: string): string {
  const words = decodeURIComponentSafe(path.split('/').filter(Boolean).at(-1) ?? '').replace(/[-_]+/g, ' ');
  const suggestions = words.trim() === '' ? [] : siteSearch(site.store, words, undefined, 1, 5).hits;
  const main = `<header class="page-head"><p class="eyebrow">Error 404</p><h1>No page at this address</h1>
<p class="lede">Nothing in the graph lives at <code>${escapeHtml(path)}</code>. It may have been mistyped, or the entity may have another name.</p></header>
${suggestions.length > 0 ? `<section aria-labelledby="maybe"><h2 id="maybe">Did you mean</h2><ul class="link-list">${suggestions.map(({ entity }) => `<li>${linkTo(site, entity)} <small>${escapeHtml(summaryOf(site, entity))}</small></li>`).join('')}</ul></section>` : ''}
<p>Search with the box above, go to the <a href="/">home page</a>, or browse the <a href="${kindPath('athlete')}">athletes</a>, <a href="${kindPath('games')}">Games</a> and <a href="${kindPath('report')}">sources</a>.</p>`;
  return renderPage(site, {
    title: 'Page not found',
    description: 'No page at this address.',
    canonical: `${site.dataset.base}${path}`,
    breadcrumbs: [home, { label: 'Not found' }],
    main,
    noindex: true,
    query: words,
  });
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
