/**
 * Every limit the public API enforces, in one place; README.md's "Limits and security" lists them.
 * Each is sized so that every real frontend query, the README's and GraphiQL's introspection pass.
 */
export const LIMITS = {
  /** Nesting of selections (introspection queries are exempt). */
  maxDepth: 12,
  /** Aliased fields in one operation. */
  maxAliases: 20,
  /** Lexical tokens in one document. */
  maxTokens: 3000,
  /** Directives in one operation. */
  maxDirectives: 10,
  /** Estimated objects resolved, with page sizes taken from literals and variables (see query-cost.ts). */
  maxCost: 10_000,
  /**
   * Objects an operation may actually resolve, lists counted by their real length and JSON-LD
   * documents by their nodes (see execution-budget.ts), checked as it runs.
   */
  maxWork: 50_000,
  /** The largest answer, in bytes: a bigger one is refused with ANSWER_TOO_LARGE. */
  maxAnswerBytes: 16 * 1024 * 1024,
  /** `first` / `last` on any connection. */
  maxPageSize: 100,
  /** Keys of one `orderBy`. */
  maxOrderKeys: 5,
  /** Longest string in variables or literal arguments. */
  maxStringLength: 1_000,
  /** Longest list in variables or literal arguments (`nodes(ids:)`, `jsonld(ids:)`). */
  maxListLength: 100,
  /** Longest search text. */
  maxSearchLength: 200,
  /** Request bodies, in bytes. */
  maxBodyBytes: 100_000,
  /** Wall-clock time one operation may take, in milliseconds. */
  executionTimeoutMs: 5_000,
} as const;
