import { createHash } from 'node:crypto';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { ATHLETE_PAGE_QUERY, DISPUTED_FACT_QUERY, EXAMPLE_QUERY, GAMES_RESULTS_QUERY } from '../examples.js';

/** GraphiQL as served: its scripts and styles inlined in the page, so nothing is fetched from a CDN. */
export const GRAPHIQL_OPTIONS: GraphiQLOptions = {
  title: 'paralympics-graph',
  defaultQuery: EXAMPLE_QUERY,
  // Saved example tabs: a country's history, an athlete page, a Games' results, the sources of a disputed fact.
  defaultTabs: [EXAMPLE_QUERY, ATHLETE_PAGE_QUERY, GAMES_RESULTS_QUERY, DISPUTED_FACT_QUERY].map((query) => ({
    query,
  })),
};

export { renderGraphiQL };

/**
 * A Content-Security-Policy for the GraphiQL page that lets only its own inline script run (by hash),
 * and lets it talk only to this server.
 */
export function graphiqlContentSecurityPolicy(page: string = renderGraphiQL(GRAPHIQL_OPTIONS)): string {
  const hashes = [...page.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src ${hashes.join(' ')}`,
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
  let policy: string | undefined;
  return {
    onResponse({ request, response }) {
      if (new URL(request.url).pathname !== graphqlEndpoint) return;
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      policy ??= graphiqlContentSecurityPolicy();
      response.headers.set('content-security-policy', policy);
      response.headers.set('x-content-type-options', 'nosniff');
    },
  };
}
