import { hash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { quadsOf } from '../linked-data/rdf.js';
import {
  type AnswerOffer,
  GRAPH_OFFERS,
  type GraphFormat,
  offersFor,
  writeAnswer,
  writeGraph,
} from '../sparql/answers.js';
import type { ProtocolDataset } from '../sparql/engine.js';
import { SparqlRefusal } from '../sparql/errors.js';
import type { SparqlService } from '../sparql/service.js';
import { serviceDescription } from '../sparql/service-description.js';
import { CACHE_CONTROL, matchesEntityTag } from './conditional.js';
import { negotiate, type Offer } from './negotiation.js';
import { renderSparqlPage, SPARQL_PAGE_POLICY, sparqlPageAssets } from './sparql-page.js';

/** The endpoint's path; its query page's files are served under `/sparql/assets/`. */
export const SPARQL_PATH = '/sparql';

const ALLOW = 'GET, HEAD, POST, OPTIONS';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** What `GET /sparql` without a query can be: the service description in RDF, or the query page. */
const QUERY_PAGE = { mediaType: 'text/html' } as const satisfies Offer;
const DESCRIPTION_OFFERS: readonly (AnswerOffer | typeof QUERY_PAGE)[] = [...GRAPH_OFFERS, QUERY_PAGE];
const SERVICE_PREFIXES = {
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  formats: 'http://www.w3.org/ns/formats/',
  void: 'http://rdfs.org/ns/void#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
};

export interface SparqlEndpointOptions {
  /** The dataset for the base IRI of a request. */
  readonly datasetFor: (request: Request) => LinkedDataset;
  /** Changes whenever the data does; part of every ETag. */
  readonly dataVersion: string;
  readonly service: SparqlService;
}

/** Answers a request to `/sparql` or its query page's files; undefined for any other path. */
export type SparqlRoute = (request: Request, dataset: LinkedDataset) => Promise<Response | undefined>;

/** A query request as the SPARQL 1.1 Protocol defines it, read from GET parameters or a POST body. */
interface ProtocolRequest {
  readonly query: string;
  readonly dataset: ProtocolDataset | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the protocol's parameters; undefined for a GET with none at all (the service description). */
async function readProtocol(request: Request, url: URL): Promise<ProtocolRequest | undefined> {
  let parameters = url.searchParams;
  let direct: string | undefined;
  if (request.method === 'POST') {
    const contentType = request.headers.get('content-type') ?? '';
    const [mediaType = '', ...rest] = contentType.split(';').map((part) => part.trim().toLowerCase());
    const charset = rest
      .find((part) => part.startsWith('charset='))
      ?.slice('charset='.length)
      .replace(/"/g, '');
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw new SparqlRefusal('UNSUPPORTED_CHARSET', 'Send the query in UTF-8 (charset=utf-8).');
    }
    if (mediaType === 'application/sparql-update') {
      throw new SparqlRefusal('UPDATE_NOT_ALLOWED', 'This endpoint is read-only: SPARQL Update is not accepted.');
    }
    if (mediaType !== 'application/sparql-query' && mediaType !== 'application/x-www-form-urlencoded') {
      throw new SparqlRefusal(
        'UNSUPPORTED_MEDIA_TYPE',
        'POST a query as application/sparql-query, or as a form (application/x-www-form-urlencoded) with a query parameter.',
      );
    }
    let body: string;
    try {
      // Through a Blob: the fetch implementation Yoga uses cannot give the bytes of a URLSearchParams body.
      body = utf8.decode(await (await request.blob()).arrayBuffer());
    } catch {
      throw new SparqlRefusal('MALFORMED_QUERY', 'The request body is not valid UTF-8.');
    }
    if (url.searchParams.has('query')) {
      throw new SparqlRefusal('MULTIPLE_QUERIES', 'Send the query once: in the body, not also in the URL.');
    }
    if (mediaType === 'application/sparql-query') direct = body;
    else parameters = new URLSearchParams(body);
  }
  if (parameters.has('update') || url.searchParams.has('update')) {
    throw new SparqlRefusal('UPDATE_NOT_ALLOWED', 'This endpoint is read-only: SPARQL Update is not accepted.');
  }
  const queries = direct === undefined ? parameters.getAll('query') : [direct];
  if (queries.length > 1) throw new SparqlRefusal('MULTIPLE_QUERIES', 'Send one query per request.');
  const query = queries[0];
  if (query === undefined) {
    if (request.method !== 'POST' && [...url.searchParams.keys()].length === 0) return undefined;
    throw new SparqlRefusal('MISSING_QUERY', 'Send a query: GET /sparql?query=…, or POST it.');
  }
  const defaultGraphs = parameters.getAll('default-graph-uri');
  const namedGraphs = parameters.getAll('named-graph-uri');
  for (const iri of [...defaultGraphs, ...namedGraphs]) {
    if (!URL.canParse(iri) || /[\s<>"{}|\\^`]/.test(iri)) {
      throw new SparqlRefusal('BAD_DATASET', 'default-graph-uri and named-graph-uri must be absolute IRIs.');
    }
  }
  const dataset = defaultGraphs.length + namedGraphs.length > 0 ? { defaultGraphs, namedGraphs } : undefined;
  return { query, dataset };
}

function refusalResponse(refusal: SparqlRefusal): Response {
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
  };
  if (refusal.retryAfter !== undefined) headers['retry-after'] = String(refusal.retryAfter);
  if (refusal.code === 'METHOD_NOT_ALLOWED') headers.allow = ALLOW;
  return new Response(`${refusal.message} [${refusal.code}]\n`, { status: refusal.status, headers });
}

/** A weak validator: equal tags mean equivalent answers (blank node labels may differ between runs). */
const weakTag = (...parts: readonly string[]): string =>
  `W/"${hash('sha256', parts.join('\n'), 'base64url').slice(0, 32)}"`;

/**
 * The SPARQL 1.1 Protocol endpoint (read-only): queries by GET, by POST as `application/sparql-query`
 * or as a form, with `default-graph-uri` and `named-graph-uri`; answers negotiated by Accept; the
 * service description (or, for browsers, the query page) at `GET /sparql` without a query. Every
 * refusal is a short plain-text message with a stable code.
 */
export function sparqlRoute(dataVersion: string, service: SparqlService): SparqlRoute {
  const { limits } = service;

  function answerHeaders(contentType: string, etag: string | undefined, cacheable: boolean): Headers {
    const headers = new Headers({
      'content-type': contentType,
      vary: 'Accept',
      'access-control-allow-origin': '*',
      'cache-control': cacheable ? CACHE_CONTROL : 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (etag) headers.set('etag', etag);
    return headers;
  }

  /** A conditional request that can be answered without running anything. */
  function preconditionAnswer(request: Request, etag: string | undefined, headers: Headers): Response | undefined {
    if (!etag || !matchesEntityTag(request.headers.get('if-none-match'), etag)) return undefined;
    if (request.method === 'POST') {
      // RFC 9110: a matching If-None-Match on any method but GET and HEAD fails the precondition.
      return refusalResponse(
        new SparqlRefusal('PRECONDITION_FAILED', 'If-None-Match matched the answer to this POST.'),
      );
    }
    return new Response(null, { status: 304, headers });
  }

  async function describe(request: Request, dataset: LinkedDataset): Promise<Response> {
    const offer = negotiate(request.headers.get('accept'), DESCRIPTION_OFFERS);
    if (!offer) throw notAcceptable(DESCRIPTION_OFFERS);
    if (!('format' in offer)) {
      const etag = weakTag(dataVersion, dataset.base, 'description', offer.mediaType);
      const headers = answerHeaders('text/html; charset=utf-8', etag, true);
      headers.set('content-security-policy', SPARQL_PAGE_POLICY);
      return preconditionAnswer(request, etag, headers) ?? respond(request, renderSparqlPage(limits), 200, headers);
    }
    const etag = weakTag(dataVersion, dataset.base, 'description', offer.contentType);
    const headers = answerHeaders(offer.contentType, etag, true);
    const precondition = preconditionAnswer(request, etag, headers);
    if (precondition) return precondition;
    const nodes = serviceDescription({
      endpoint: `${dataset.base}${SPARQL_PATH}`,
      voidDataset: `${dataset.base}/.well-known/void#dataset`,
      triples: dataset.statistics().triples,
      namedGraphs: dataset.statistics().triplesByGraph,
    });
    const body = await writeGraph([...quadsOf(nodes)], offer.format as GraphFormat, SERVICE_PREFIXES);
    return respond(request, body, 200, headers);
  }

  const respond = (request: Request, body: string, status: number, headers: Headers): Response =>
    new Response(request.method === 'HEAD' ? null : body, { status, headers });

  async function answer(request: Request, url: URL, dataset: LinkedDataset): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
      throw new SparqlRefusal(
        'METHOD_NOT_ALLOWED',
        `${ALLOW.replace(', OPTIONS', '')} only: this endpoint is read-only.`,
      );
    }
    const protocol = await readProtocol(request, url);
    if (!protocol) return describe(request, dataset);
    const query = service.prepare(protocol.query, `${dataset.base}${SPARQL_PATH}`);
    const offered = offersFor(query);
    const offer = negotiate(request.headers.get('accept'), offered);
    if (!offer) throw notAcceptable(offered);
    const engine = service.engineFor(dataset);
    const etag = query.deterministic
      ? weakTag(
          dataVersion,
          dataset.base,
          engine.identity,
          offer.contentType,
          query.text,
          JSON.stringify(protocol.dataset ?? null),
        )
      : undefined;
    const headers = answerHeaders(offer.contentType, etag, request.method !== 'POST' && query.deterministic);
    const precondition = preconditionAnswer(request, etag, headers);
    if (precondition) return precondition;

    const leave = await service.admission.enter(limits.executionTimeoutMs);
    let body: string;
    try {
      const answered = await engine.run({
        query,
        dataset: protocol.dataset,
        timeoutMs: limits.executionTimeoutMs,
        maxBytes: limits.maxAnswerBytes,
      });
      body = await writeAnswer(answered, query, offer, limits);
    } finally {
      leave();
    }
    if (Buffer.byteLength(body) > limits.maxAnswerBytes) {
      throw new SparqlRefusal(
        'ANSWER_TOO_LARGE',
        `The answer is over the limit of ${limits.maxAnswerBytes} bytes; ask for fewer results or shorter values.`,
      );
    }
    return respond(request, body, 200, headers);
  }

  function asset(request: Request, path: string): Response | undefined {
    const file = Object.values(sparqlPageAssets()).find((candidate) => candidate.path === path);
    if (!file) return undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusalResponse(new SparqlRefusal('METHOD_NOT_ALLOWED', 'GET and HEAD only.'));
    }
    const headers = new Headers({
      'content-type': file.contentType,
      'cache-control': IMMUTABLE,
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), { headers });
  }

  return async (request, dataset) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith(`${SPARQL_PATH}/assets/`)) return asset(request, url.pathname);
    if (url.pathname !== SPARQL_PATH) return undefined;
    try {
      return await answer(request, url, dataset);
    } catch (error) {
      if (error instanceof SparqlRefusal) return refusalResponse(error);
      throw error;
    }
  };
}

/** The endpoint inside Yoga, for requests made to the app's fetch (tests, the Yoga pipeline). */
export function useSparqlEndpoint({ datasetFor, dataVersion, service }: SparqlEndpointOptions): Plugin {
  const route = sparqlRoute(dataVersion, service);
  return {
    async onRequest({ request, endResponse }) {
      try {
        const response = await route(request, datasetFor(request));
        if (response) endResponse(response);
      } catch (error) {
        console.error('SPARQL request failed:', error);
        endResponse(
          new Response('Unexpected error.\n', {
            status: 500,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
          }),
        );
      }
    },
    onDispose: () => service.close(),
  };
}

function notAcceptable(offered: readonly Offer[]): SparqlRefusal {
  const types = [...new Set(offered.map((offer) => offer.mediaType))];
  return new SparqlRefusal('NOT_ACCEPTABLE', `Not acceptable. This answer is available as: ${types.join(', ')}.`);
}
