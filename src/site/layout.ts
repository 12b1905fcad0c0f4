import { DUMPS } from '../linked-data/dataset.js';
import { kindPath, linkTo, SITE_NAME, type Site } from './context.js';
import { escapeHtml } from './escape-html.js';
import { HEADER_MARK } from './favicon.js';

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

/** Another representation of the page, for `<link rel="alternate">`. */
export interface Alternate {
  readonly type: string;
  readonly href: string;
  readonly title: string;
}

export interface Page {
  /** The page's own title, without the site's name. */
  readonly title: string;
  /** One or two sentences for search engines and link previews. */
  readonly description: string;
  /** The page's absolute URL. */
  readonly canonical: string;
  readonly breadcrumbs: readonly Crumb[];
  /** The main content (HTML), starting with its `<h1>`. */
  readonly main: string;
  /** Side content (HTML): outside `<main>`, beside it on wide screens and after it on narrow ones. */
  readonly aside?: string;
  readonly alternates?: readonly Alternate[];
  /** JSON-LD, already safe to put in a script element. */
  readonly jsonLd?: string;
  readonly openGraphType?: 'website' | 'article' | 'profile';
  /** The search box's current text. */
  readonly query?: string;
  /** Tells robots not to index the page (search results, errors). */
  readonly noindex?: boolean;
}

function header(site: Site, query: string): string {
  const { kinds } = site.labels;
  return `<header class="site-header">
<div class="wrap">
<a class="brand" href="/">${HEADER_MARK}<span>${SITE_NAME}<small>A sourced knowledge graph</small></span></a>
<nav class="site-nav" aria-label="Site">
<a href="${kindPath('country')}">${kinds.country.many}</a>
<a href="${kindPath('games')}">${kinds.games.many}</a>
<a href="${kindPath('athlete')}">${kinds.athlete.many}</a>
<a href="${kindPath('report')}">${kinds.report.many}</a>
<a href="/graphql">GraphQL</a>
<a href="/sparql">SPARQL</a>
</nav>
<form class="search" role="search" action="/search" method="get">
<label class="visually-hidden" for="site-search">Search the graph</label>
<input id="site-search" name="q" type="search" value="${escapeHtml(query)}" placeholder="Search the graph…" autocomplete="off">
<button type="submit">Search</button>
</form>
</div>
</header>`;
}

function breadcrumbs(crumbs: readonly Crumb[]): string {
  if (crumbs.length === 0) return '';
  const items = crumbs.map((crumb, index) =>
    index === crumbs.length - 1 || crumb.href === undefined
      ? `<li><span${index === crumbs.length - 1 ? ' aria-current="page"' : ''}>${escapeHtml(crumb.label)}</span></li>`
      : `<li><a href="${escapeHtml(crumb.href)}">${escapeHtml(crumb.label)}</a></li>`,
  );
  return `<nav class="breadcrumbs wrap" aria-label="Breadcrumb"><ol>${items.join('')}</ol></nav>`;
}

/** The documents the data is drawn from: the reports whose text the data holds. */
function attribution(site: Site): string {
  const seeds = site.store.all('report').filter((report) => site.store.textOf(report) !== null);
  return seeds
    .map((report) => {
      const publisher = report.facts.publisher ? site.store.get('organisation', report.facts.publisher) : undefined;
      return `${linkTo(site, report, `<cite>${escapeHtml(report.facts.name)}</cite>`)}${publisher ? ` (${escapeHtml(publisher.facts.name)})` : ''}`;
    })
    .join(', ');
}

function footer(site: Site): string {
  const dumps = Object.values(DUMPS)
    .map((dump) => `<li><a href="${dump.path}">${dump.path.slice(1)}</a></li>`)
    .join('');
  return `<footer class="site-footer">
<div class="wrap">
<nav aria-label="Data and tools"><ul>
<li><a href="/graphql">GraphiQL</a></li>
<li><a href="/sparql">SPARQL</a></li>${dumps}
<li><a href="/.well-known/void">VoID</a></li>
<li><a href="/sitemap.xml">Sitemap</a></li>
<li><a href="/vocab.ttl">Vocabulary</a></li>
</ul></nav>
<p>Data under <a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>, drawn from ${attribution(site)} and the reports they cite. Every fact names its source.</p>
</div>
</footer>`;
}

/** A whole HTML page: head (canonical, alternates, OpenGraph), header with search, breadcrumbs, main, footer. */
export function renderPage(site: Site, page: Page): string {
  const title = `${page.title} — ${SITE_NAME}`;
  const alternates = (page.alternates ?? [])
    .map(
      (alternate) =>
        `<link rel="alternate" type="${escapeHtml(alternate.type)}" href="${escapeHtml(alternate.href)}" title="${escapeHtml(alternate.title)}">`,
    )
    .join('\n');
  const aside = page.aside ? `\n<aside aria-label="About this page">\n${page.aside}\n</aside>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(page.description)}">
${page.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="canonical" href="${escapeHtml(page.canonical)}">
${alternates}
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:type" content="${page.openGraphType ?? 'website'}">
<meta property="og:title" content="${escapeHtml(page.title)}">
<meta property="og:description" content="${escapeHtml(page.description)}">
<meta property="og:url" content="${escapeHtml(page.canonical)}">
<meta name="twitter:card" content="summary">
<meta name="theme-color" content="#f5f7f9" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#161b22" media="(prefers-color-scheme: dark)">
<link rel="icon" href="${escapeHtml(site.assets.icon)}" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(site.assets.stylesheet)}">
${page.jsonLd ? `<script type="application/ld+json">\n${page.jsonLd}\n</script>\n` : ''}</head>
<body>
<a class="skip" href="#content">Skip to content</a>
${header(site, page.query ?? '')}
${breadcrumbs(page.breadcrumbs)}
<div class="wrap layout${page.aside ? ' with-aside' : ''}">
<main id="content" tabindex="-1">
${page.main}
</main>${aside}
</div>
${footer(site)}
</body>
</html>
`;
}
