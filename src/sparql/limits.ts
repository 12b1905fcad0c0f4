/**
 * What one SPARQL request may ask of the endpoint; README.md's "Limits and security" lists them. Sized
 * so that every example query, and any page of results a person reads, passes.
 */
export const SPARQL_LIMITS = {
  /** Characters in one query. */
  maxQueryLength: 20_000,
  /** Nesting of groups, sub-queries and expressions in one query. */
  maxNesting: 40,
  /** Solutions of a SELECT (and of the WHERE clause of a CONSTRUCT or DESCRIBE). */
  maxResults: 10_000,
  /** Triples of a CONSTRUCT or DESCRIBE answer. */
  maxTriples: 50_000,
  /** Bytes of an answer, in any format. */
  maxAnswerBytes: 16 * 1024 * 1024,
  /** Wall-clock time one query may run, in milliseconds. */
  executionTimeoutMs: 5_000,
  /** Queries run at once; more wait in line. */
  maxConcurrent: 2,
  /** Queries waiting for a turn; more are refused with 503 and Retry-After. */
  maxWaiting: 16,
  /** Quads the embedded engine holds; a larger dataset needs SPARQL_ENDPOINT. */
  maxEmbeddedQuads: 2_000_000,
} as const;

export type SparqlLimits = { -readonly [Key in keyof typeof SPARQL_LIMITS]: number };
