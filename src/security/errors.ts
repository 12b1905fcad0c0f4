import { createGraphQLError } from 'graphql-yoga';

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
  | 'NOT_FOUND';

export const refusal = (message: string, code: RefusalCode, extensions: Record<string, unknown> = {}) =>
  createGraphQLError(message, { extensions: { code, ...extensions } });
