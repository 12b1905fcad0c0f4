import type { Plugin } from 'graphql-yoga';
import Negotiator from 'negotiator';
import { KINDS, type Kind } from '../graph/kinds.js';
import { contextDocument, printedContext } from '../linked-data/context.js';
import { DUMPS, type DumpFormat, type LinkedDataset } from '../linked-data/dataset.js';
import { NS } from '../linked-data/namespaces.js';
import { quadsOf, type RdfFormat, TURTLE_PREFIXES, toWebStream, writeRdf } from '../linked-data/rdf.js';
import { printedVocabulary } from '../linked-data/vocab-rdf.js';
import { escapeHtml } from '../site/escape-html.js';
import { renderEntityPage, renderHomePage } from '../site/pages.js';
import { CACHE_CONTROL, entityTag, matchesEntityTag } from './conditional.js';

/** The forms an entity IRI can be dereferenced to, in order of preference when the client has none. */
const ENTITY_MEDIA_TYPES = [
  'application/ld+json',
  'text/turtle',
  'application/n-triples',
  'application/n-quads',
  'text/html',
  'application/json',
] as const;
type EntityMediaType = (typeof ENTITY_MEDIA_TYPES)[number];

const RDF_BY_MEDIA_TYPE: Partial<Record<EntityMediaType, RdfFormat>> = {
  'text/turtle': 'turtle',
  'application/n-triples': 'ntriples',
  'application/n-quads': 'nquads',
};

const VOID_PREFIXES = { ...TURTLE_PREFIXES, void: NS.void, dcterms: NS.dcterms, foaf: NS.foaf };

export interface LinkedDataRoutesOptions {
  /** The dataset for the base IRI of a request. */
  readonly datasetFor: (request: Request) => LinkedDataset;
  /** Changes whenever the data does; part of every ETag. */
  readonly dataVersion: string;
}

type Body = string | Generator<string>;

interface Variant {
  readonly contentType: string;
  readonly status?: number;
  readonly body: () => Body | Promise<Body>;
  readonly vary?: boolean;
}

const isKind = (value: string): value is Kind => (KINDS as readonly string[]).includes(value);

/** A slug from a path segment; undefined when not percent-encoded UTF-8 (the edge refuses those first). */
function decodedSlug(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function toWebBody(body: Body): BodyInit {
  return typeof body === 'string' ? body : toWebStream(body);
}

/**
 * Serves the linked data beside GraphQL: entity IRIs with content negotiation, the dumps, the
 * context, the vocabulary, the VoID description and the sitemap, with ETags and conditional GETs.
 */
export function linkedDataRoutes(dataVersion: string): LinkedDataRoute {
  async function respond(request: Request, dataset: LinkedDataset, path: string, variant: Variant): Promise<Response> {
    const etag = entityTag(
      `${dataVersion}\n${dataset.base}\n${path}\n${variant.contentType}\n${variant.status ?? 200}`,
    );
    const headers = new Headers({
      'content-type': variant.contentType,
      etag,
      'cache-control': CACHE_CONTROL,
      'access-control-allow-origin': '*',
    });
    if (variant.vary) headers.set('vary', 'Accept');
    if ((variant.status ?? 200) === 200 && matchesEntityTag(request.headers.get('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers });
    }
    const body = request.method === 'HEAD' ? null : toWebBody(await variant.body());
    return new Response(body, { status: variant.status ?? 200, headers });
  }

  function entityVariant(request: Request, dataset: LinkedDataset, kind: string, slug: string): Variant {
    const accept = request.headers.get('accept') ?? '*/*';
    const chosen = new Negotiator({ headers: { accept } }).mediaType([...ENTITY_MEDIA_TYPES]) as
      | EntityMediaType
      | undefined;
    if (chosen === undefined) {
      return {
        contentType: 'text/plain; charset=utf-8',
        status: 406,
        vary: true,
        // The Accept header is not echoed: it may be long, and it is the client's own.
        body: () => `Not acceptable.\nThis resource is available as: ${ENTITY_MEDIA_TYPES.join(', ')}\n`,
      };
    }
    const decoded = decodedSlug(slug);
    const record = isKind(kind) && decoded !== undefined ? dataset.store.get(kind, decoded) : undefined;
    const iri = `${dataset.base}/id/${kind}/${slug}`;
    const rdfFormat = RDF_BY_MEDIA_TYPE[chosen];
    const contentType = chosen === 'application/json' ? 'application/ld+json' : chosen;
    if (record === undefined) {
      const message = `No entity has the IRI ${iri}`;
      const body = (): string => {
        if (rdfFormat) return `# ${message}\n`;
        if (chosen === 'text/html')
          return `<!doctype html><title>Not found</title><h1>Not found</h1><p>${escapeHtml(message)}</p>\n`;
        return `${JSON.stringify({ ...contextDocument(), '@id': iri, error: 'not found', message })}\n`;
      };
      return { contentType: `${contentType}; charset=utf-8`, status: 404, vary: true, body };
    }
    if (rdfFormat)
      return {
        contentType: `${contentType}; charset=utf-8`,
        vary: true,
        body: () => writeRdf(dataset.quads(record), rdfFormat),
      };
    if (chosen === 'text/html')
      return { contentType: 'text/html; charset=utf-8', vary: true, body: () => renderEntityPage(dataset, record) };
    return { contentType, vary: true, body: () => `${JSON.stringify(dataset.document([record]), null, 2)}\n` };
  }

  function route(request: Request, dataset: LinkedDataset, path: string): Variant | undefined {
    const entity = path.match(/^\/id\/([a-z]+)\/([^/]+)$/);
    if (entity?.[1] && entity[2]) return entityVariant(request, dataset, entity[1], entity[2]);
    const dump = (Object.entries(DUMPS) as [DumpFormat, (typeof DUMPS)[DumpFormat]][]).find(
      ([, { path: dumpPath }]) => dumpPath === path,
    );
    const text = path.match(/^\/sources\/[\w.-]+\.txt$/) ? sourceText(dataset, path.slice(1)) : undefined;
    if (text !== undefined) return { contentType: 'text/plain; charset=utf-8', body: () => text };
    if (dump) {
      const [format, { mediaType }] = dump;
      return { contentType: `${mediaType}; charset=utf-8`, body: () => dataset.dump(format) };
    }
    switch (path) {
      case '/context.jsonld':
        return { contentType: 'application/ld+json', body: printedContext };
      case '/vocab.ttl':
        return { contentType: 'text/turtle; charset=utf-8', body: printedVocabulary };
      case '/.well-known/void':
        return {
          contentType: 'text/turtle; charset=utf-8',
          body: () => writeRdf(quadsOf(dataset.voidNodes()), 'turtle', VOID_PREFIXES),
        };
      case '/':
        return { contentType: 'text/html; charset=utf-8', body: () => renderHomePage(dataset) };
      case '/sitemap.xml':
        return { contentType: 'application/xml; charset=utf-8', body: () => sitemap(dataset) };
      default:
        return undefined;
    }
  }

  return async (request, dataset, path) => {
    const variant = route(request, dataset, path);
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

/** Every entity page, for crawlers. */
function sitemap(dataset: LinkedDataset): string {
  const urls = [...dataset.records()].map((record) => `  <url><loc>${escapeHtml(dataset.iriOf(record))}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
