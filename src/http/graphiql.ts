import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { ATHLETE_PAGE_QUERY, DISPUTED_FACT_QUERY, EXAMPLE_QUERY, GAMES_RESULTS_QUERY } from '../examples.js';
import { escapeHtml } from '../site/escape-html.js';
import { GRAPHIQL_OPTIONS_ID } from './graphiql-bundle.js';
import { graphiqlAssets, servedAssets } from './site-assets.js';

/** GraphiQL as served: a small page whose script and styles are files from this server, no CDN. */
export const GRAPHIQL_OPTIONS: GraphiQLOptions = {
  title: 'paralympics-graph',
  defaultQuery: EXAMPLE_QUERY,
  // Saved example tabs: a country's history, an athlete page, a Games' results, the sources of a disputed fact.
  defaultTabs: [EXAMPLE_QUERY, ATHLETE_PAGE_QUERY, GAMES_RESULTS_QUERY, DISPUTED_FACT_QUERY].map((query) => ({
    query,
  })),
};

/** JSON that cannot close the script element it sits in. */
const inertJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The GraphiQL page: under a kilobyte, referencing its script and styles by hashed names (kept by
 * browsers for good), with its options as inert JSON that the script reads.
 */
export function renderGraphiQL(options?: GraphiQLOptions): string {
  const { site } = servedAssets();
  const graphiql = graphiqlAssets();
  const title = options?.title ?? 'GraphiQL';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${escapeHtml(site.icon)}" type="image/svg+xml">
<link rel="stylesheet" href="${escapeHtml(graphiql.css.path)}" integrity="${graphiql.css.integrity}">
<script type="application/json" id="${GRAPHIQL_OPTIONS_ID}">${inertJson(options ?? {})}</script>
<script src="${escapeHtml(graphiql.js.path)}" integrity="${graphiql.js.integrity}" defer></script>
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript. Without it, send queries to this address with any HTTP client, or read the entity pages from <a href="/">the home page</a>.</noscript>
<div id="root"></div>
</body>
</html>
`;
}

/**
 * A Content-Security-Policy for the GraphiQL page: scripts only from this server (the page has no
 * inline script), connections only to it.
 */
export function graphiqlContentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // GraphiQL's editors set style attributes as they run; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Adds the policy to every HTML answer of the GraphQL endpoint (the GraphiQL page). */
export function useGraphiqlContentSecurityPolicy(graphqlEndpoint: string): Plugin {
  const policy = graphiqlContentSecurityPolicy();
  return {
    onResponse({ request, response }) {
      if (new URL(request.url).pathname !== graphqlEndpoint) return;
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      response.headers.set('content-security-policy', policy);
      response.headers.set('x-content-type-options', 'nosniff');
    },
  };
}
