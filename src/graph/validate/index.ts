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

/** Reads every record of `kinds`, validating each on its own; `each` sees the valid ones. */
async function readAll(
  dataDir: string,
  kinds: readonly Kind[],
  validator: RecordValidator,
  problems: DataProblem[],
  each: (record: EntityRecord, kind: Kind) => void,
  onKind: (kind: Kind, file: string) => { onBytes: (bytes: Buffer) => void; slugs?: Set<string> },
  onKindEnd: (kind: Kind, fileFailed: boolean, valid: number) => void,
): Promise<void> {
  for (const kind of kinds) {
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

/** A data file read, with a hash of its bytes (see {@link dataVersion}). */
export interface ReadFile {
  readonly file: string;
  readonly digest: string;
}

/**
 * The data's version: a hash of each data file's name and of a hash of its bytes, in KINDS order, then
 * of each source text. Each file is hashed on its own, so that files read by different threads make
 * the same version as one thread reading them all.
 */
export function dataVersion(files: readonly ReadFile[], texts: ReadonlyMap<string, string>): string {
  const version = createHash('sha1');
  for (const { file, digest } of files) version.update(`${file}\n${digest}\n`);
  for (const [slug, text] of texts) version.update(`${slug}\n${text}\n`);
  return version.digest('hex').slice(0, 16);
}

/**
 * The records of some kinds read and checked one at a time, each on its own and against the others
 * of the share: the whole data for {@link validateData}, or one thread's part of it when a compile
 * reads the data on two threads (its checks across shares then follow, see GraphChecks.adopt).
 */
export class DataShare {
  readonly problems: DataProblem[] = [];
  readonly validator = new RecordValidator();
  readonly checks = new GraphChecks();
  /** The data files read, in order. */
  readonly files: ReadFile[] = [];
  #bytesRead = 0;

  /** Reads the records of `kinds` (a run of KINDS, in order), handing each valid one to `onRecord`. */
  async read(dataDir: string, kinds: readonly Kind[], options: ValidateOptions = {}): Promise<void> {
    let slugs = new Set<string>();
    let hash = createHash('sha1');
    let file = '';
    await readAll(
      dataDir,
      kinds,
      this.validator,
      this.problems,
      (record) => {
        this.checks.accept(record);
        options.onRecord?.(record);
      },
      (kind, name) => {
        file = name;
        hash = createHash('sha1');
        slugs = this.checks.beginKind(kind);
        return {
          slugs,
          onBytes: (bytes) => {
            hash.update(bytes);
            this.#bytesRead += bytes.length;
            options.onBytes?.(this.#bytesRead);
          },
        };
      },
      (kind, fileFailed, valid) => {
        this.files.push({ file, digest: hash.digest('hex') });
        this.checks.endKind(kind, slugs, fileFailed, valid);
      },
    );
  }

  /** Whether anything was found wrong so far: with a file, a record, or between records of the share. */
  get failed(): boolean {
    return this.problems.length > 0 || this.checks.failed;
  }
}

/** The source texts of the reports that hold a copy of theirs, by report slug; and the problems reading them. */
export async function readTexts(
  dataDir: string,
  reports: readonly { slug: string; textFile: string; file: string }[],
): Promise<{ texts: Map<string, string>; files: string[]; problems: DataProblem[] }> {
  const texts = new Map<string, string>();
  const files: string[] = [];
  const problems: DataProblem[] = [];
  for (const report of reports) {
    try {
      texts.set(report.slug, (await readDataText(dataDir, report.textFile)).text);
      files.push(report.textFile);
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      problems.push({
        code: error.code,
        file: report.file,
        record: report.slug,
        field: 'textFile',
        message: `${report.textFile} ${error.record === null ? '' : `(${error.record}) `}${error.message}`,
      });
    }
  }
  return { texts, files, problems };
}

/**
 * Validates the data directory: the one place every check on the data is made. Records are read and
 * checked one at a time, and handed to `onRecord` as they pass, so that a compiled store can be built
 * while they stream; the checks across records follow. Throws a {@link DataValidationError} listing
 * every problem (file › record › field), in file order, when the data is bad: a caller that built
 * something from the records must then let it go.
 */
export async function validateData(dataDir: string, options: ValidateOptions = {}): Promise<ValidatedData> {
  const share = new DataShare();
  await share.read(dataDir, KINDS, options);
  const { problems, validator, checks } = share;

  const referencesFailed = checks.referencesFailed();
  const read = await readTexts(dataDir, checks.reportsWithText());
  const { texts } = read;
  const wrong = wrongQuotes(validator.distinctCitations(), texts);

  const referenceProblems: DataProblem[] = [];
  const quoteProblems: DataProblem[] = [];
  if (referencesFailed || wrong.size > 0) {
    // Found wanting: read again to name every place, in file order. Only ever for bad data.
    await readAll(
      dataDir,
      KINDS,
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
    ...read.problems,
    ...quoteProblems,
  );
  if (problems.length > 0) throw new DataValidationError(problems);
  return {
    version: dataVersion(share.files, texts),
    texts,
    files: [...share.files.map(({ file }) => file), ...read.files],
  };
}
