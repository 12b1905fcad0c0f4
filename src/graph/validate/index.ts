import { createHash } from 'node:crypto';
import { DataFileError, dataFileOf, type Report, readDataText, readRecords } from '../data-files.js';
import { type DataProblem, DataValidationError } from '../errors.js';
import { DATA_FILES, KINDS, type Kind } from '../kinds.js';
import type { EntityRecord } from '../model.js';
import { GraphChecks, wrongQuotes } from './graph.js';
import { RecordValidator, recordLabel } from './record.js';

/** What validation learns beside the records: the data's version and the reports' own texts. */
export interface ValidatedData {
  /** A hash of every data file's name and bytes and of every source text: it changes whenever they do. */
  readonly version: string;
  /** The full text of each report the data holds a copy of, by report slug. */
  readonly texts: ReadonlyMap<string, string>;
  /** The data files read, relative to the data directory, and the source texts. */
  readonly files: readonly string[];
}

export interface ValidateOptions {
  /** Each valid record, as soon as it is checked on its own: kinds in KINDS order, records in file order. */
  readonly onRecord?: (record: EntityRecord) => void;
  /** Bytes read so far, for a progress bar. */
  readonly onBytes?: (bytes: number) => void;
}

/** Reads every record of every kind, validating each on its own; `each` sees the valid ones. */
async function readAll(
  dataDir: string,
  validator: RecordValidator,
  problems: DataProblem[],
  each: (record: EntityRecord, kind: Kind) => void,
  onKind: (kind: Kind, file: string) => { onBytes: (bytes: Buffer) => void; slugs?: Set<string> },
  onKindEnd: (kind: Kind, fileFailed: boolean, valid: number) => void,
): Promise<void> {
  for (const kind of KINDS) {
    let file = DATA_FILES[kind];
    const report: Report = (code, record, field, message) => problems.push({ code, file, record, field, message });
    file = await dataFileOf(dataDir, kind, report);
    const { onBytes, slugs } = onKind(kind, file);
    const before = problems.length;
    let valid = 0;
    await readRecords(dataDir, file, report, onBytes, (item) => {
      const label = recordLabel(item.value, item.index);
      slugs?.add(label);
      // Already reported as unsafe (a repeated or `__proto__` key): known to exist, never used.
      if (item.refused) return;
      const record = validator.validate(kind, file, item.value, label, report);
      if (record) {
        valid += 1;
        each(record, kind);
      }
    });
    const fileFailed = problems.slice(before).some((problem) => problem.record === null);
    onKindEnd(kind, fileFailed, valid);
  }
}

/**
 * Validates the data directory: the one place every check on the data is made. Records are read and
 * checked one at a time, and handed to `onRecord` as they pass, so that a compiled store can be built
 * while they stream; the checks across records follow. Throws a {@link DataValidationError} listing
 * every problem (file › record › field), in file order, when the data is bad: a caller that built
 * something from the records must then let it go.
 */
export async function validateData(dataDir: string, options: ValidateOptions = {}): Promise<ValidatedData> {
  const problems: DataProblem[] = [];
  const validator = new RecordValidator();
  const checks = new GraphChecks();
  const version = createHash('sha1');
  const files: string[] = [];
  let bytesRead = 0;
  let slugs = new Set<string>();

  await readAll(
    dataDir,
    validator,
    problems,
    (record) => {
      checks.accept(record);
      options.onRecord?.(record);
    },
    (kind, file) => {
      version.update(`${file}\n`);
      files.push(file);
      slugs = checks.beginKind(kind);
      return {
        slugs,
        onBytes: (bytes) => {
          version.update(bytes);
          bytesRead += bytes.length;
          options.onBytes?.(bytesRead);
        },
      };
    },
    (kind, fileFailed, valid) => checks.endKind(kind, slugs, fileFailed, valid),
  );

  const referencesFailed = checks.referencesFailed();
  const texts = new Map<string, string>();
  const textProblems: DataProblem[] = [];
  for (const report of checks.reportsWithText()) {
    try {
      texts.set(report.slug, (await readDataText(dataDir, report.textFile)).text);
      files.push(report.textFile);
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      textProblems.push({
        code: error.code,
        file: report.file,
        record: report.slug,
        field: 'textFile',
        message: `${report.textFile} ${error.record === null ? '' : `(${error.record}) `}${error.message}`,
      });
    }
  }
  const wrong = wrongQuotes(validator.distinctCitations(), texts);
  for (const [slug, text] of texts) version.update(`${slug}\n${text}\n`);

  const referenceProblems: DataProblem[] = [];
  const quoteProblems: DataProblem[] = [];
  if (referencesFailed || wrong.size > 0) {
    // Found wanting: read again to name every place, in file order. Only ever for bad data.
    await readAll(
      dataDir,
      validator,
      [],
      (record) => {
        if (referencesFailed) checks.locateReferences(record, referenceProblems);
        if (wrong.size > 0) checks.locateQuotes(record, wrong, quoteProblems);
      },
      () => ({ onBytes: () => {} }),
      () => {},
    );
  }

  problems.push(
    ...checks.duplicateSlugs,
    ...checks.reservedSlugs,
    ...checks.duplicateKeys,
    ...referenceProblems,
    ...textProblems,
    ...quoteProblems,
  );
  if (problems.length > 0) throw new DataValidationError(problems);
  return { version: version.digest('hex').slice(0, 16), texts, files };
}
