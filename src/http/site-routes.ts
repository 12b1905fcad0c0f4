import type { Plugin } from 'graphql-yoga';
import { KINDS, type Kind } from '../graph/kinds.js';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { type Site, siteFor } from '../site/context.js';
import { PAGE_SIZE, pageNumber, renderKindIndex, renderNotFoundPage, renderSearchPage } from '../site/pages.js';
import { siteSearch } from '../site/search.js';
import { CACHE_CONTROL, entityTag, matchesEntityTag } from './conditional.js';
import type { LinkedDataRoute } from './linked-data-routes.js';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAssets, servedAssets } from './site-assets.js';

const HTML = 'text/html; charset=utf-8';

const isKind = (value: string | null | undefined): value is Kind =>
  value != null && (KINDS as readonly string[]).includes(value);

/** Whether a client asked for HTML by name, as browsers do (a bare `*\/*` is not asking for a page). */
const asksForHtml = (request: Request): boolean => (request.headers.get('accept') ?? '').includes('text/html');

/** An HTML answer with an ETag of its bytes, answering a matching If-None-Match with 304. */
function page(request: Request, dataset: LinkedDataset, body: string, status = 200): Response {
  const headers = new Headers({ 'content-type': HTML });
  if (status !== 200) return new Response(request.method === 'HEAD' ? null : body, { status, headers });
  const etag = entityTag(body, dataset.store.version);
  headers.set('etag', etag);
  headers.set('cache-control', CACHE_CONTROL);
  if (matchesEntityTag(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : body, { status, headers });
}

/**
 * The human site's own addresses: an index per kind (`/id/{kind}/`), search, and the static files
 * (stylesheet, icon, GraphiQL's files). The home page and every IRI's page are the linked-data routes'
 * HTML variants.
 */
export async function siteRoute(request: Request, dataset: LinkedDataset, path: string): Promise<Response | undefined> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  if (path.startsWith(GRAPHIQL_ASSET_PREFIX)) graphiqlAssets();
  const asset = await servedAssets().shelf.respond(request, path);
  if (asset) return asset;
  const site = (): Site => siteFor(dataset, servedAssets().site);
  const url = new URL(request.url);
  if (path === '/search') {
    const query = (url.searchParams.get('q') ?? '').slice(0, 200);
    const kind = url.searchParams.get('kind');
    const only = isKind(kind) ? kind : undefined;
    const games = url.searchParams.get('games') ?? undefined;
    const country = url.searchParams.get('country') ?? undefined;
    const scope = { ...(games ? { games } : {}), ...(country ? { country } : {}) };
    const asked = pageNumber(url.searchParams.get('page'), Number.POSITIVE_INFINITY) ?? 1;
    const answer = siteSearch(dataset.store, query, only, asked, PAGE_SIZE, scope);
    const at = pageNumber(url.searchParams.get('page'), answer.total);
    const unknown =
      (kind !== null && !isKind(kind)) ||
      (games !== undefined && !dataset.store.get('games', games)) ||
      (country !== undefined && !dataset.store.get('country', country));
    if (at === undefined || unknown) {
      return page(request, dataset, renderNotFoundPage(site(), `${path}${url.search}`), 404);
    }
    return page(request, dataset, renderSearchPage(site(), query, only, at, answer, scope), answer.refusal ? 400 : 200);
  }
  const index = path.match(/^\/id\/([a-z]+)\/$/);
  if (index) {
    const kind = index[1];
    const at = isKind(kind) ? pageNumber(url.searchParams.get('page'), dataset.store.count(kind)) : undefined;
    if (!isKind(kind) || at === undefined) return page(request, dataset, renderNotFoundPage(site(), path), 404);
    return page(request, dataset, renderKindIndex(site(), kind, at));
  }
  return undefined;
}

/** The site's page for an address nothing answers, when a browser asks for one (others get plain text). */
export function notFoundPage(request: Request, dataset: LinkedDataset, path: string): Response | undefined {
  if (!asksForHtml(request) || (request.method !== 'GET' && request.method !== 'HEAD')) return undefined;
  return page(request, dataset, renderNotFoundPage(siteFor(dataset, servedAssets().site), path), 404);
}

/**
 * The linked-data routes with the site's before them, and its 404 page after them; the site's pages
 * are made inside `store.read`, so that a store fetching from elsewhere completes them first.
 */
export function withSiteRoutes(linkedData: LinkedDataRoute): LinkedDataRoute {
  return async (request, dataset, path) =>
    (await dataset.store.read(() => siteRoute(request, dataset, path))) ??
    (await linkedData(request, dataset, path)) ??
    (await dataset.store.read(() => notFoundPage(request, dataset, path)));
}

export interface SiteRoutesOptions {
  /** The dataset for the base IRI of a request. */
  readonly datasetFor: (request: Request) => LinkedDataset;
}

/** The same routes as a Yoga plugin, for the app on its own (`app.fetch` in tests). */
export function useSiteRoutes({ datasetFor }: SiteRoutesOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const dataset = datasetFor(request);
      const response = await dataset.store.read(() => siteRoute(request, dataset, url.pathname));
      if (response) endResponse(response);
    },
    async onResponse({ request, response, setResponse }) {
      // Any other address a browser asks for and nothing answers gets the site's page, not an empty body.
      if (response.status !== 404 || response.headers.get('content-type')?.startsWith('text/html')) return;
      const path = new URL(request.url).pathname;
      const dataset = datasetFor(request);
      const found = await dataset.store.read(() => notFoundPage(request, dataset, path));
      if (found) setResponse(found);
    },
  };
}
