import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { scriptSafeJson } from '../site/entity-page.js';
import { escapeHtml } from '../site/escape-html.js';
import { SPARQL_EXAMPLES } from '../sparql/examples.js';
import type { SparqlLimits } from '../sparql/limits.js';

/** A static file of the query page, served under a name carrying a hash of its bytes. */
export interface PageAsset {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * The page's own script: Yasgui (from @zazuko/yasgui, served by this server) on this endpoint, the
 * example queries as buttons that open a tab each. Yasgui's completers that call other sites (prefix
 * and vocabulary look-ups) are left out: the page talks to this server only.
 */
const PAGE_SCRIPT = `'use strict';
(function () {
  var examples = JSON.parse(document.getElementById('sparql-examples').textContent);
  var endpoint = new URL('/sparql', window.location.href).href;
  Yasgui.Yasqe.defaults.autocompleters = ['variables', 'prefixes'];
  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: 'paralympics-graph-sparql',
    yasqe: { value: examples[0].query },
  });
  document.querySelectorAll('[data-example]').forEach(function (button) {
    button.addEventListener('click', function () {
      var example = examples[Number(button.getAttribute('data-example'))];
      yasgui.addTab(true, { name: example.name, yasqe: { value: example.query }, requestConfig: { endpoint: endpoint } });
    });
  });
})();
`;

const PAGE_STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0}
header,main{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
.examples{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.examples button{font:inherit;padding:.25rem .75rem;cursor:pointer}
`;

function asset(name: string, extension: string, contentType: string, body: Buffer): PageAsset {
  return {
    path: `/sparql/assets/${name}.${hash('sha256', body, 'base64url').slice(0, 12)}.${extension}`,
    contentType,
    body,
  };
}

let assets: { script: PageAsset; style: PageAsset; yasguiScript: PageAsset; yasguiStyle: PageAsset } | undefined;

/** The page's files, read (Yasgui's from node_modules) once, on first use. */
export function sparqlPageAssets(): NonNullable<typeof assets> {
  if (assets) return assets;
  const resolve = createRequire(import.meta.url).resolve;
  const yasgui = resolve('@zazuko/yasgui');
  assets = {
    yasguiScript: asset('yasgui', 'js', 'text/javascript; charset=utf-8', readFileSync(yasgui)),
    yasguiStyle: asset(
      'yasgui',
      'css',
      'text/css; charset=utf-8',
      readFileSync(yasgui.replace(/yasgui\.min\.js$/, 'yasgui.min.css')),
    ),
    script: asset('query-page', 'js', 'text/javascript; charset=utf-8', Buffer.from(PAGE_SCRIPT)),
    style: asset('query-page', 'css', 'text/css; charset=utf-8', Buffer.from(PAGE_STYLE)),
  };
  return assets;
}

/**
 * The query page's Content-Security-Policy: scripts and styles from this server only (Yasgui sets style
 * attributes as it runs, which cannot run code), requests to this server only.
 */
export const SPARQL_PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The SPARQL query page: an editor with the example queries, results as a table or in any format. */
export function renderSparqlPage(limits: SparqlLimits): string {
  const files = sparqlPageAssets();
  const buttons = SPARQL_EXAMPLES.map(
    (example, index) => `<li><button type="button" data-example="${index}">${escapeHtml(example.name)}</button></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL — paralympics-graph</title>
<link rel="stylesheet" href="${files.yasguiStyle.path}">
<link rel="stylesheet" href="${files.style.path}">
</head>
<body>
<header><a href="/">paralympics-graph</a> · <a href="/graphql">GraphQL</a> · SPARQL</header>
<main>
<h1>Ask the graph in SPARQL</h1>
<p>A SPARQL 1.1 endpoint at <code>/sparql</code> over the same triples as the <a href="/dataset.nq">dumps</a>
(schema.org, <a href="/vocab.ttl">our vocabulary</a>, PROV). Results as SPARQL JSON, XML, CSV or TSV;
CONSTRUCT and DESCRIBE as Turtle, JSON-LD, N-Triples or N-Quads. At most ${limits.maxResults.toLocaleString('en')}
results and ${limits.executionTimeoutMs / 1000} s per query.</p>
<h2>Examples</h2>
<ul class="examples">
${buttons}
</ul>
<div id="yasgui"></div>
</main>
<script type="application/json" id="sparql-examples">${scriptSafeJson(SPARQL_EXAMPLES)}</script>
<script src="${files.yasguiScript.path}"></script>
<script src="${files.script.path}"></script>
</body>
</html>
`;
}
