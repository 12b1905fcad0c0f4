import type { Plugin } from 'graphql-yoga';
import { KINDS, type Kind } from '../graph/kinds.js';
import type { Store } from '../graph/store.js';
import { printedContext } from '../linked-data/context.js';
import { DUMPS, type DumpFormat, type LinkedDataset } from '../linked-data/dataset.js';
import {
  type Body,
  descriptionDocument,
  entityDocument,
  FORMATS,
  type Format,
  formatsOf,
  graphDocument,
  incomingPageDocument,
  type LinkedDocument,
  serialize,
  seriesDocument,
} from '../linked-data/documents.js';
import { type IncomingLinks, pageOfSearch } from '../linked-data/incoming.js';
import { toWebStream } from '../linked-data/rdf.js';
import { printedVocabulary } from '../linked-data/vocab-rdf.js';
import { siteFor } from '../site/context.js';
import { renderEntityPage } from '../site/entity-page.js';
import { renderHomePage, renderNotFoundPage, renderSeriesPage } from '../site/pages.js';
import { SITEMAP_FILE_PATH, Sitemaps } from '../site/sitemap.js';
import { CACHE_CONTROL, entityTag, matchesEntityTag } from './conditional.js';
import { negotiate } from './negotiation.js';
import { servedAssets } from './site-assets.js';

/** The site's pages over a dataset, with the stylesheet and icon they link to. */
const siteOf = (dataset: LinkedDataset) => siteFor(dataset, servedAssets().site);

export interface LinkedDataRoutesOptions {
  /** The dataset for the base IRI of a request. */
  readonly datasetFor: (request: Request) => LinkedDataset;
  /** Changes whenever the data does; part of every ETag. */
  readonly dataVersion: string;
}

interface Variant {
  readonly contentType: string;
  readonly status?: number;
  readonly body: () => Body | Promise<Body>;
  /** Chosen by the Accept header: the answer varies by it. */
  readonly vary?: boolean;
  /** The URL of the representation sent, when it has one of its own (a suffixed IRI). */
  readonly contentLocation?: string;
  /** The query that names the resource with its path (`?page=2` of an entity's incoming links), if any. */
  readonly query?: string;
  /** A redirect's target. */
  readonly location?: string;
  /** Made from the data (not only from the code, as the context and vocabulary are): it has its Last-Modified. */
  readonly fromData?: false;
}

const isKind = (value: string): value is Kind => (KINDS as readonly string[]).includes(value);

/** `/id/{kind}/{slug}`: an entity, a Games series or the dataset. */
const ENTITY_PATH = /^\/id\/([a-z]+)\/([^/]+)$/;

const FORMAT_BY_EXTENSION = new Map<string, Format>(
  (Object.entries(FORMATS) as [Format, (typeof FORMATS)[Format]][]).flatMap(([format, spec]) =>
    'extension' in spec ? [[spec.extension, format] as const] : [],
  ),
);

/** The Content-Type a format is sent with: a charset on text, the JSON-LD profile of a form not compacted. */
function contentTypeOf(format: Format): string {
  const spec = FORMATS[format];
  if (format === 'json') return 'application/ld+json';
  if ('forms' in spec) {
    const forms = spec.forms as readonly string[];
    return forms.length === 1 && forms[0] === 'compacted'
      ? spec.mediaType
      : `${spec.mediaType}; profile="${forms.map((form) => `http://www.w3.org/ns/json-ld#${form}`).join(' ')}"`;
  }
  return `${spec.mediaType}; charset=utf-8`;
}

/** A resource's path and the suffix that fixes its format: `/id/athlete/x.ttl` → `/id/athlete/x`, turtle. */
function splitSuffix(path: string): { path: string; format?: Format } {
  const match = path.match(/^(.*\/[^/.]+)\.([a-z0-9]+)$/);
  const format = match?.[2] ? FORMAT_BY_EXTENSION.get(match[2]) : undefined;
  return match?.[1] && format ? { path: match[1], format } : { path };
}

const offerOf = (format: Format) => ({ format, mediaType: FORMATS[format].mediaType, forms: formsOf(format) });
const formsOf = (format: Format) => {
  const spec = FORMATS[format];
  return 'forms' in spec ? spec.forms : undefined;
};

/**
 * Serves the linked data beside GraphQL: every IRI the dataset mints (entities, Games series, the
 * dataset, named graphs) in every format, by content negotiation or a format suffix, the dumps, the
 * context, the vocabulary, the VoID description and the sitemap, with ETags and conditional GETs.
 */
export function linkedDataRoutes(dataVersion: string): LinkedDataRoute {
  async function respond(request: Request, dataset: LinkedDataset, path: string, variant: Variant): Promise<Response> {
    const status = variant.status ?? 200;
    const etag = entityTag(
      `${dataset.base}\n${path}${variant.query ?? ''}\n${variant.contentType}\n${status}`,
      dataVersion,
    );
    const headers = new Headers({
      'content-type': variant.contentType,
      etag,
      'cache-control': CACHE_CONTROL,
      'access-control-allow-origin': '*',
    });
    if (variant.vary) headers.set('vary', 'Accept');
    if (variant.contentLocation) headers.set('content-location', variant.contentLocation);
    if (variant.location) headers.set('location', variant.location);
    const modified = status === 200 && variant.fromData !== false ? dataset.store.modified : undefined;
    if (modified) headers.set('last-modified', new Date(modified).toUTCString());
    if (status === 200 && isNotModified(request, etag, modified)) return new Response(null, { status: 304, headers });
    const body = request.method === 'HEAD' ? '' : await produce(dataset.store, variant.body);
    const sent = request.method === 'HEAD' ? null : typeof body === 'string' ? body : toWebStream(body);
    return new Response(sent, { status, headers });
  }

  /** The variant of a document: in its suffix's format, or the one the Accept header prefers. */
  function documentVariant(
    request: Request,
    path: string,
    suffix: Format | undefined,
    document: LinkedDocument,
    html: (() => string) | undefined,
    preferred: readonly Format[] = [],
    query = '',
  ): Variant {
    const formats = [...preferred, ...formatsOf(document).filter((format) => !preferred.includes(format))];
    if (html) formats.push('html');
    const format = suffix ?? negotiate(request.headers.get('accept'), formats.map(offerOf))?.format;
    if (format === undefined || !formats.includes(format)) return notAcceptable(formats, suffix === undefined);
    const extension = (FORMATS[format] as { extension?: string }).extension;
    return {
      contentType: contentTypeOf(format),
      vary: suffix === undefined,
      ...(query ? { query } : {}),
      ...(suffix === undefined && extension && format !== 'json'
        ? { contentLocation: `${path}.${extension}${query}` }
        : {}),
      body: () => (format === 'html' ? (html as () => string)() : serialize(document, format)),
    };
  }

  function notAcceptable(formats: readonly Format[], vary: boolean): Variant {
    // The Accept header is not echoed: it may be long, and it is the client's own.
    const types = [...new Set(formats.map((format) => FORMATS[format].mediaType))];
    return {
      contentType: 'text/plain; charset=utf-8',
      status: 406,
      vary,
      body: () => `Not acceptable. This resource is available as ${types.join(', ')}.\n`,
    };
  }

  function notFound(request: Request, dataset: LinkedDataset, path: string): Variant {
    const iri = `${dataset.base}${path}`;
    const message = `No resource of this dataset has the IRI ${iri}`;
    const chosen = negotiate(request.headers.get('accept'), [
      { mediaType: 'application/ld+json' },
      { mediaType: 'text/turtle' },
      { mediaType: 'application/n-triples' },
      { mediaType: 'application/n-quads' },
      { mediaType: 'application/trig' },
      { mediaType: 'text/n3' },
      { mediaType: 'text/html' },
    ])?.mediaType;
    if (chosen === 'text/html')
      return {
        contentType: 'text/html; charset=utf-8',
        status: 404,
        vary: true,
        body: () => renderNotFoundPage(siteOf(dataset), path),
      };
    if (chosen && chosen !== 'application/ld+json')
      return { contentType: `${chosen}; charset=utf-8`, status: 404, vary: true, body: () => `# ${message}\n` };
    return {
      contentType: 'application/ld+json',
      status: 404,
      vary: true,
      body: () => `${JSON.stringify({ '@id': iri, error: 'not found', message })}\n`,
    };
  }

  /**
   * The document an `/id/…` or `/graph/…` path names, with its HTML page where it has one; with
   * `?page=N`, page N of what points to the entity or series (undefined for any other `page`).
   */
  function documentAt(
    dataset: LinkedDataset,
    path: string,
    search: string,
  ): { document: LinkedDocument; html?: () => string; query?: string } | undefined | null {
    if (ENTITY_PATH.test(path) && new URLSearchParams(search).has('page')) {
      const page = pageOfSearch(search);
      if (page === undefined) return undefined;
      const links = incomingLinksAt(dataset, path);
      const document = links && incomingPageDocument(dataset, links, page);
      return document && { document, query: search };
    }
    const entity = path.match(ENTITY_PATH);
    if (entity?.[1] && entity[2]) {
      const [, kind, encoded] = entity;
      let slug: string;
      try {
        slug = decodeURIComponent(encoded);
      } catch {
        return undefined;
      }
      if (isKind(kind)) {
        const record = dataset.store.get(kind, slug);
        return (
          record && { document: entityDocument(dataset, record), html: () => renderEntityPage(siteOf(dataset), record) }
        );
      }
      if (kind === 'series') {
        const series = dataset.seriesBySlug(slug);
        return series === undefined
          ? undefined
          : { document: seriesDocument(dataset, series), html: () => renderSeriesPage(siteOf(dataset), series) };
      }
      if (kind === 'dataset' && slug === 'paralympics-graph')
        return { document: descriptionDocument(dataset), html: () => renderHomePage(siteOf(dataset)) };
      return undefined;
    }
    const graph = path.match(/^\/graph\/([^/]+)$/);
    if (graph?.[1]) {
      const document = graphDocument(dataset, graph[1]);
      return document && { document };
    }
    return null;
  }

  async function route(request: Request, dataset: LinkedDataset, fullPath: string): Promise<Variant | undefined> {
    if (/^\/(?:id\/[a-z]+|graph)\/[^/]+\/$/.test(fullPath)) {
      const location = fullPath.slice(0, -1) + new URL(request.url).search;
      return { contentType: 'text/plain; charset=utf-8', status: 301, location, body: () => `See ${location}\n` };
    }
    const { path, format: suffix } = splitSuffix(fullPath);
    const found = documentAt(dataset, path, new URL(request.url).search);
    if (found === undefined) return notFound(request, dataset, fullPath);
    if (found !== null) return documentVariant(request, path, suffix, found.document, found.html, [], found.query);
    if (path === '/.well-known/void')
      return documentVariant(request, path, suffix, descriptionDocument(dataset), undefined, ['turtle']);
    const dump = (Object.entries(DUMPS) as [DumpFormat, (typeof DUMPS)[DumpFormat]][]).find(
      ([, { path: dumpPath }]) => dumpPath === fullPath,
    );
    const sitemapFile = fullPath.match(SITEMAP_FILE_PATH);
    if (sitemapFile) {
      const n = Number(sitemapFile[1]);
      const files = sitemapsOf(dataset);
      return n <= files.count()
        ? { contentType: XML, body: () => files.file(n) }
        : notFound(request, dataset, fullPath);
    }
    const text = path.match(/^\/sources\/[\w.-]+\.txt$/) ? sourceText(dataset, path.slice(1)) : undefined;
    if (text !== undefined) return { contentType: 'text/plain; charset=utf-8', body: () => text };
    if (dump) {
      const [format, { mediaType }] = dump;
      return {
        contentType: `${mediaType}; charset=utf-8`,
        body: () => dataset.dump(format),
      };
    }
    switch (fullPath) {
      case '/context.jsonld':
        return { contentType: 'application/ld+json', body: printedContext, fromData: false };
      case '/vocab.ttl':
        return { contentType: 'text/turtle; charset=utf-8', body: printedVocabulary, fromData: false };
      case '/':
        return { contentType: 'text/html; charset=utf-8', body: () => renderHomePage(siteOf(dataset)) };
      case '/sitemap.xml':
        return { contentType: XML, body: () => sitemapsOf(dataset).index() };
      case '/robots.txt':
        return { contentType: 'text/plain; charset=utf-8', body: () => robots(dataset), fromData: false };
      default:
        return undefined;
    }
  }

  return async (request, dataset, path) => {
    const variant = await dataset.store.read(() => route(request, dataset, path));
    if (variant === undefined) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed: this resource is read-only.\n', {
        status: 405,
        headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    return respond(request, dataset, path, variant);
  };
}

/**
 * Whether a GET can be answered 304 (RFC 9110 §13.2.2): If-None-Match decides when it is sent;
 * otherwise If-Modified-Since, when it is a valid date no earlier than the data's last change.
 */
function isNotModified(request: Request, etag: string, modified: string | undefined): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) return matchesEntityTag(ifNoneMatch, etag);
  const since = Date.parse(request.headers.get('if-modified-since') ?? '');
  return modified !== undefined && !Number.isNaN(since) && since >= Date.parse(modified);
}

/**
 * A body, produced inside `store.read` so that a store fetching from elsewhere (PostgreSQL) completes
 * it first. Such a store's streamed bodies (the dumps) are produced whole there, as a pass cannot stop
 * half way through a stream; an embedded store's are streamed as they are read.
 */
async function produce(store: Store, body: () => Body | Promise<Body>): Promise<Body> {
  return store.read(() => {
    const produced = body();
    if (!store.remote || typeof produced === 'string' || produced instanceof Promise) return produced;
    let text = '';
    for (const chunk of produced) text += chunk;
    return text;
  });
}

/**
 * The answer of a linked-data route to a request (the edge has checked its path and Host), or
 * undefined when no linked-data route has that path. `path` is the path as sent.
 */
export type LinkedDataRoute = (request: Request, dataset: LinkedDataset, path: string) => Promise<Response | undefined>;

/** The same routes as a Yoga plugin, for the app on its own (`app.fetch` in tests). */
export function useLinkedDataRoutes({ datasetFor, dataVersion }: LinkedDataRoutesOptions): Plugin {
  const routes = linkedDataRoutes(dataVersion);
  return {
    async onRequest({ request, url, endResponse }) {
      const response = await routes(request, datasetFor(request), url.pathname);
      if (response) endResponse(response);
    },
  };
}

/** The text of the report kept as `file` under the data directory (`sources/….txt`), as the loader read it. */
function sourceText(dataset: LinkedDataset, file: string): string | undefined {
  for (const report of dataset.store.all('report')) {
    if (report.textFile === file) return dataset.store.textOf(report) ?? undefined;
  }
  return undefined;
}

/** The entity or Games series an `/id/…` path names, with what points to it; undefined for anything else. */
function incomingLinksAt(dataset: LinkedDataset, path: string): IncomingLinks | undefined {
  const match = path.match(ENTITY_PATH);
  if (!match?.[1] || !match[2]) return undefined;
  let slug: string;
  try {
    slug = decodeURIComponent(match[2]);
  } catch {
    return undefined;
  }
  const kind = match[1];
  if (isKind(kind)) {
    const record = dataset.store.get(kind, slug);
    return record && dataset.incomingOf(record);
  }
  const series = kind === 'series' ? dataset.seriesBySlug(slug) : undefined;
  return series === undefined ? undefined : dataset.seriesIncoming(series);
}

const XML = 'application/xml; charset=utf-8';

/** Each dataset's sitemaps (where each numbered file starts is found once per dataset). */
const sitemaps = new WeakMap<LinkedDataset, Sitemaps>();

function sitemapsOf(dataset: LinkedDataset): Sitemaps {
  let found = sitemaps.get(dataset);
  if (!found) {
    found = new Sitemaps(dataset);
    sitemaps.set(dataset, found);
  }
  return found;
}

/**
 * For crawlers: everything may be fetched but the answers to queries (GraphQL and SPARQL requests in
 * the URL, the site's searches), which are endless; the sitemap index lists every entity page.
 */
const robots = (dataset: LinkedDataset): string =>
  `User-agent: *\nDisallow: /graphql?\nDisallow: /sparql?\nDisallow: /search?\n\nSitemap: ${dataset.base}/sitemap.xml\n`;
