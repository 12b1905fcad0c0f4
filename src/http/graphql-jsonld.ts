import type { ExecutionResult } from 'graphql';
import { createGraphQLError, isAsyncIterable, type Plugin, processRegularResult } from 'graphql-yoga';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { answerContext, type KindOfType } from '../linked-data/graphql-answer.js';
import { negotiate } from './negotiation.js';

/** The media type of GraphQL answers asked for as linked data. */
export const JSON_LD_ANSWER = 'application/ld+json';

/**
 * What a GraphQL client may ask its answer as. JSON-LD comes last, so that it is chosen only when the
 * Accept header prefers it to both JSON types (`*\/*` keeps plain JSON); the answer is JSON-LD read
 * with a context, so a profile asking for another form (expanded, flattened) is not met by it.
 */
const ANSWER_TYPES = [
  { mediaType: 'application/graphql-response+json' },
  { mediaType: 'application/json' },
  { mediaType: JSON_LD_ANSWER, forms: ['compacted'] as const },
];

/** Whether an Accept header asks for GraphQL answers as JSON-LD. */
export const asksForJsonLd = (accept: string | null | undefined): boolean =>
  !!accept?.includes('ld+json') && negotiate(accept, ANSWER_TYPES)?.mediaType === JSON_LD_ANSWER;

/** Whether a request's `extensions` ask for the context (`"jsonld": true`); a refusal for any other value. */
function flagOf(extensions: unknown): boolean {
  if (typeof extensions !== 'object' || extensions === null || !('jsonld' in extensions)) return false;
  const { jsonld } = extensions as { jsonld: unknown };
  if (typeof jsonld === 'boolean') return jsonld;
  throw createGraphQLError('extensions.jsonld must be true or false.', {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

/** What writes a result as a response (Yoga does not export the type). */
type ResultProcessor = Parameters<Parameters<NonNullable<Plugin['onResultProcess']>>[0]['setResultProcessor']>[0];

/** Writes an answer as GraphQL writes `application/json` (status and body), sent as JSON-LD. */
const jsonLdProcessor: ResultProcessor = async (result, fetchAPI) => {
  const written = await processRegularResult(result, fetchAPI, 'application/json');
  const headers = new fetchAPI.Headers(written.headers);
  headers.set('content-type', JSON_LD_ANSWER);
  return new fetchAPI.Response(written.body, { status: written.status, headers });
};

/** What the server passes with a request: the base of its IRIs, when it knows it. */
export interface IriBase {
  readonly base?: string;
}

export interface JsonLdAnswersOptions {
  /** The linked-data view a request's IRIs are in. */
  readonly datasetFor: (request: Request, serverContext: IriBase) => LinkedDataset;
  /** The kind of record a GraphQL type's objects are, for the types whose objects are records. */
  readonly kindOf: KindOfType;
}

/**
 * GraphQL answers as linked data. With `Accept: application/ld+json` (preferred to JSON) or
 * `extensions: { "jsonld": true }`, an answer keeps its GraphQL envelope, byte for byte, and gains a
 * JSON-LD context in `extensions['@context']` (see linked-data/graphql-answer.ts): jsonld.js's
 * `toRDF(answer, { expandContext: answer.extensions['@context'] })` then gives triples of the dataset.
 * Asked for by Accept, the answer is sent as `application/ld+json`, with `application/json`'s status
 * codes; by the flag, as whatever the Accept header chose. Answers in parts (@defer, @stream) are left
 * as they are.
 */
export function useJsonLdAnswers({
  datasetFor,
  kindOf,
}: JsonLdAnswersOptions): Plugin<Record<string, unknown>, IriBase> {
  const flagged = new WeakSet<Request>();
  return {
    onParams({ request, params }) {
      if (flagOf(params.extensions)) flagged.add(request);
    },
    async onResultProcess({ request, result, setResult, setResultProcessor, serverContext }) {
      const negotiated = asksForJsonLd(request.headers.get('accept'));
      if (!negotiated && !flagged.has(request)) return;
      if (isAsyncIterable(result) || Array.isArray(result)) return;
      const answer = result as ExecutionResult;
      const dataset = datasetFor(request, serverContext);
      const context = await dataset.store.read(() => answerContext(dataset, kindOf, answer.data));
      setResult({ ...answer, extensions: { ...answer.extensions, '@context': context } });
      if (negotiated) setResultProcessor(jsonLdProcessor, JSON_LD_ANSWER);
    },
  };
}
