/** Stable codes of every refusal the SPARQL endpoint answers with, beside its human message. */
export type SparqlRefusalCode =
  | 'MALFORMED_QUERY'
  | 'MISSING_QUERY'
  | 'MULTIPLE_QUERIES'
  | 'BAD_DATASET'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNSUPPORTED_CHARSET'
  | 'METHOD_NOT_ALLOWED'
  | 'UPDATE_NOT_ALLOWED'
  | 'SERVICE_NOT_ALLOWED'
  | 'FUNCTION_NOT_SUPPORTED'
  | 'QUERY_NOT_SUPPORTED'
  | 'QUERY_TOO_LONG'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_RESULTS'
  | 'TOO_MANY_TRIPLES'
  | 'ANSWER_TOO_LARGE'
  | 'NOT_ACCEPTABLE'
  | 'PRECONDITION_FAILED'
  | 'EXECUTION_TIMEOUT'
  | 'TOO_MANY_QUERIES'
  | 'SPARQL_UNAVAILABLE'
  | 'UPSTREAM_ERROR';

const STATUS: Record<SparqlRefusalCode, number> = {
  MALFORMED_QUERY: 400,
  MISSING_QUERY: 400,
  MULTIPLE_QUERIES: 400,
  BAD_DATASET: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_CHARSET: 415,
  METHOD_NOT_ALLOWED: 405,
  UPDATE_NOT_ALLOWED: 403,
  SERVICE_NOT_ALLOWED: 400,
  FUNCTION_NOT_SUPPORTED: 400,
  QUERY_NOT_SUPPORTED: 400,
  QUERY_TOO_LONG: 400,
  QUERY_TOO_DEEP: 400,
  TOO_MANY_RESULTS: 400,
  TOO_MANY_TRIPLES: 400,
  ANSWER_TOO_LARGE: 400,
  NOT_ACCEPTABLE: 406,
  PRECONDITION_FAILED: 412,
  EXECUTION_TIMEOUT: 503,
  TOO_MANY_QUERIES: 503,
  SPARQL_UNAVAILABLE: 503,
  UPSTREAM_ERROR: 502,
};

/**
 * A request the endpoint declines, for a reason the client can act on: an HTTP status, a stable code
 * and a short message written here (never an engine's or a parser's own wording).
 */
export class SparqlRefusal extends Error {
  readonly status: number;

  constructor(
    readonly code: SparqlRefusalCode,
    message: string,
    /** Seconds after which trying again may succeed (Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'SparqlRefusal';
    this.status = STATUS[code];
  }
}
