/** Stable, machine-readable reasons a data directory is refused. */
export type DataErrorCode =
  | 'FILE_UNREADABLE'
  | 'SYMBOLIC_LINK'
  | 'NOT_A_REGULAR_FILE'
  | 'OUTSIDE_DATA_DIR'
  | 'FILE_TOO_LARGE'
  | 'LINE_TOO_LONG'
  | 'INVALID_UTF8'
  | 'DUPLICATE_JSON_KEY'
  | 'RESERVED_KEY'
  | 'INVALID_JSON'
  | 'INVALID_RECORD'
  | 'UNKNOWN_PROPERTY'
  | 'INVALID_VALUE'
  | 'INVALID_QUALIFIER'
  | 'MISSING_VALUE'
  | 'DUPLICATE_VALUE'
  | 'AMBIGUOUS_PREFERENCE'
  | 'MISSING_REASON'
  | 'DUPLICATE_SLUG'
  | 'RESERVED_SLUG'
  | 'DUPLICATE_KEY'
  | 'UNRESOLVED_REFERENCE'
  | 'QUOTE_NOT_FOUND';

/** One problem in one place of the data: the file, the record (by slug or position) and the field. */
export interface DataProblem {
  readonly code: DataErrorCode;
  readonly file: string;
  readonly record: string | null;
  readonly field: string | null;
  readonly message: string;
}

export const formatProblem = (problem: DataProblem): string =>
  [problem.file, problem.record, problem.field].filter((part) => part !== null).join(' › ') +
  `: ${problem.message} [${problem.code}]`;

/** Thrown when the data directory cannot be loaded; lists every problem found, not only the first. */
export class DataValidationError extends Error {
  readonly problems: readonly DataProblem[];

  constructor(problems: readonly DataProblem[]) {
    super(
      `The data is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'DataValidationError';
    this.problems = problems;
  }
}
