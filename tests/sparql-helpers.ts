import type * as RDF from '@rdfjs/types';
import { SparqlEndpointFetcher } from 'fetch-sparql-endpoint';
import type { SparqlSettings } from '../src/sparql/service.js';
import { type App, createApp } from '../src/yoga.js';
import { BASE_URL, realApp } from './helpers.js';

export const ENDPOINT = `${BASE_URL}/sparql`;

/** A real SPARQL client (Comunica's) talking to an app in-process. */
export function sparqlClient(
  app: App,
  options: { method?: 'GET' | 'POST'; directPost?: boolean } = {},
): SparqlEndpointFetcher {
  return new SparqlEndpointFetcher({
    ...options,
    fetch: async (input, init) => (typeof input === 'string' ? app.fetch(input, init ?? {}) : app.fetch(input)),
  });
}

/** Every solution of a SELECT, each variable's term as a plain comparable value. */
export async function solutions(
  client: SparqlEndpointFetcher,
  query: string,
  endpoint = ENDPOINT,
): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  const stream = await client.fetchBindings(endpoint, query);
  for await (const bindings of stream as AsyncIterable<Record<string, RDF.Term>>) {
    rows.push(Object.fromEntries(Object.entries(bindings).map(([name, term]) => [name, term.value])));
  }
  return rows;
}

/** The shared app of the test file, or one with its own SPARQL settings (closed by the caller). */
export async function appWith(sparql?: SparqlSettings): Promise<App> {
  const { store, app } = await realApp();
  return sparql ? createApp({ store, sparql }) : app;
}

/** Sends a request to the endpoint in-process. */
export async function request(app: App, pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  return app.fetch(`${BASE_URL}${pathAndQuery}`, init);
}

export const get = (app: App, query: string, accept = '*/*', headers: Record<string, string> = {}) =>
  request(app, `/sparql?query=${encodeURIComponent(query)}`, { headers: { accept, ...headers } });

/** A refusal's body: a short message and its stable code, never a stack, a path or a parser's words. */
export async function refusalOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const text = await response.text();
  const code = text.match(/\[([A-Z_]+)\]\n$/)?.[1] ?? '';
  return { status: response.status, code, message: text };
}
