import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError, isAsyncIterable, type MaskError, maskError, type Plugin } from 'graphql-yoga';
import { SnapshotError } from '../graph/snapshot/read.js';

/** Stable `extensions.code` of every refusal, beside its human message. */
export type RefusalCode =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_TOKENS'
  | 'TOO_MANY_DIRECTIVES'
  | 'QUERY_TOO_COSTLY'
  | 'PAGE_SIZE_EXCEEDED'
  | 'STRING_TOO_LONG'
  | 'EXECUTION_TIMEOUT'
  | 'PERSISTED_QUERY_ONLY'
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'LIST_TOO_LONG'
  | 'ANSWER_TOO_LARGE'
  | 'OPERATION_NOT_SUPPORTED'
  | 'INVALID_ID'
  | 'INVALID_CURSOR'
  | 'SEARCH_TOO_MANY_WORDS'
  | 'SEARCH_WITHOUT_WORDS'
  | 'SNAPSHOT_CORRUPT';

export const refusal = (message: string, code: RefusalCode, extensions: Record<string, unknown> = {}) =>
  createGraphQLError(message, { extensions: { code, ...extensions } });

/** Our words, and a code, for each refusal the relay plugin raises in its own. */
const RELAY_REFUSALS: readonly [RegExp, string, RefusalCode][] = [
  [/^Invalid global ID/i, 'Invalid global id: pass an `id` this API gave.', 'INVALID_ID'],
  [/has not been implemented|does not support loading by id/i, 'No object has that global id.', 'INVALID_ID'],
  [/cursor|base64/i, 'Invalid cursor: pass a cursor this connection gave.', 'INVALID_CURSOR'],
  [/non-negative/i, '"first" and "last" must not be negative.', 'BAD_USER_INPUT'],
  [/"last"/, '"last" needs "before" or "first".', 'BAD_USER_INPUT'],
];

/**
 * What a client is told of an error: our refusals as they are; the relay plugin's, which carry its
 * own wording and no code, in ours with a code; anything else masked by Yoga ("Unexpected error."
 * outside development), logged once with the request id.
 */
export const publicError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof PothosValidationError) {
    const [, text, code] = RELAY_REFUSALS.find(([pattern]) => pattern.test(original.message)) ?? [
      undefined,
      'Invalid argument.',
      'BAD_USER_INPUT' as const,
    ];
    const located = error instanceof GraphQLError ? error : undefined;
    return createGraphQLError(text, {
      nodes: located?.nodes ?? null,
      source: located?.source ?? null,
      positions: located?.positions ?? null,
      path: located?.path ?? null,
      extensions: { code },
    });
  }
  // A snapshot section found damaged when first read (see SectionFile): nothing of it was served.
  if (original instanceof SnapshotError) {
    console.error(`Refused a request: the snapshot ${original.message}; compile it again (npm run compile).`);
    const located = error instanceof GraphQLError ? error : undefined;
    return createGraphQLError('The stored graph is damaged; the operator must compile it again.', {
      nodes: located?.nodes ?? null,
      source: located?.source ?? null,
      positions: located?.positions ?? null,
      path: located?.path ?? null,
      extensions: { code: 'SNAPSHOT_CORRUPT' satisfies RefusalCode },
    });
  }
  // Yoga's request parser puts the JSON parser's own error (`originalError: { name: 'SyntaxError',
  // message }`) in the extensions of its refusal, and answers 400 because it is there: kept for the
  // status, hidden from the answer (not enumerable, so not serialised) outside development.
  if (!isDev && error instanceof GraphQLError) {
    // Errors made by graphql-jit may have no extensions at all.
    const extensions: object | undefined = error.extensions ?? undefined;
    if (extensions && Object.hasOwn(extensions, 'originalError') && !Object.isFrozen(extensions)) {
      Object.defineProperty(extensions, 'originalError', { enumerable: false });
      return error;
    }
  }
  return maskError(error, message, isDev);
};

/** A request error (no path: nothing ran) without a code, as graphql-js and graphql-jit refuse variables. */
const uncodedRequestError = (error: GraphQLError): boolean => !error.path && error.extensions?.code === undefined;

/**
 * Gives BAD_USER_INPUT to what the executors refuse about variables before any field runs (missing,
 * null where required, of the wrong type): graphql-js and graphql-jit give such errors no code, and
 * graphql-jit's cannot be given one later (their extensions are read-only), so they are replaced here,
 * as the execution ends, before Yoga masks errors (which would log a replaced error as unexpected).
 */
export function useCodedVariableErrors(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.some(uncodedRequestError)) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              uncodedRequestError(error)
                ? createGraphQLError(error.message, {
                    nodes: error.nodes ?? null,
                    source: error.source ?? null,
                    positions: error.positions ?? null,
                    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies RefusalCode },
                  })
                : error,
            ),
          });
        },
      };
    },
  };
}
