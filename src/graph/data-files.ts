import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { DataErrorCode } from './errors.js';
import { DATA_FILES, type Kind } from './kinds.js';
import { strictJsonProblems } from './strict-json.js';

/**
 * Reading the files of a data directory safely: the one layer that touches them, for the loader and
 * for any later compile step. A data directory may come from anyone (a contributor's pull request, a
 * mounted volume), so nothing in it is trusted: every file must be a regular file whose real path is
 * inside the directory (no symbolic links, devices, FIFOs or sockets), within a size limit, valid
 * UTF-8, and valid JSON without duplicate or `__proto__` keys. Each refusal has a code and names the
 * file, and the line or record and field where there is one.
 */

/** How large the files of a data directory may be. */
export interface DataFileLimits {
  /** A JSON array file is read and parsed whole (V8 strings stop at 512 MB): larger data is JSON Lines. */
  readonly maxArrayFileBytes: number;
  /** A JSON Lines file is streamed a line at a time; this bounds how long loading it may take. */
  readonly maxLinesFileBytes: number;
  /** One record of a JSON Lines file: the longest generated record is a few kB. */
  readonly maxLineBytes: number;
  /** A source text under `sources/`, held whole for quote checks and `Report.text`. */
  readonly maxTextFileBytes: number;
}

const MiB = 1024 * 1024;

export const DATA_FILE_LIMITS: DataFileLimits = {
  maxArrayFileBytes: 256 * MiB,
  maxLinesFileBytes: 64 * 1024 * MiB,
  maxLineBytes: 1 * MiB,
  maxTextFileBytes: 16 * MiB,
};

/** Where in a file a problem is: a record's line in a JSON Lines file, or its position in a JSON array. */
export type Report = (code: DataErrorCode, record: string | null, field: string | null, message: string) => void;

/** One record as read, before validation, with its position: its line in a JSON Lines file, else its index. */
export interface RawItem {
  readonly value: unknown;
  readonly index: number;
  /**
   * Already reported as unsafe (a repeated or `__proto__` key): not to be validated or used, only
   * known to exist, so that references to its slug are not reported again.
   */
  readonly refused: boolean;
}

/** A file refused, with the reason's code; the message reads after the file's name. */
export class DataFileError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    /** The line of a JSON Lines file the problem is on, as `line 7`. */
    readonly record: string | null = null,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** The JSON Lines name of a kind's data file: `results.json` → `results.jsonl`. */
export const jsonLinesFile = (kind: Kind): string => `${DATA_FILES[kind]}l`;

/** Whether a directory entry exists, without following it: a dangling symbolic link exists (and is refused later). */
const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

/**
 * Which file holds a kind's records: `results.json`, one JSON array, for data edited by hand; or
 * `results.jsonl`, one record per line, for large generated data. Both at once is refused, as two
 * sources of truth.
 */
export async function dataFileOf(dataDir: string, kind: Kind, report: Report): Promise<string> {
  const [array, lines] = [DATA_FILES[kind], jsonLinesFile(kind)];
  const [hasArray, hasLines] = await Promise.all([
    exists(path.join(dataDir, array)),
    exists(path.join(dataDir, lines)),
  ]);
  if (hasArray && hasLines) report('FILE_UNREADABLE', null, null, `and ${lines} both exist; keep one of them`);
  return hasLines && !hasArray ? lines : array;
}

const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = constants;

function kindOfEntry(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** The path a file descriptor really refers to, where the system says (Linux's /proc). */
async function openedPath(handle: FileHandle, fallback: string): Promise<string> {
  try {
    return await readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    return realpath(fallback);
  }
}

/**
 * Opens `relative` (a path with `/` separators) inside `dataDir` for reading, refusing anything but a
 * regular file whose real path is inside the directory: no `..`, no symbolic link on the way or at
 * the end, no FIFO (opened without blocking, so a FIFO with no writer cannot hang the loader), device
 * or socket, and no file over `maxBytes`.
 */
export async function openDataFile(
  dataDir: string,
  relative: string,
  maxBytes: number,
): Promise<{ handle: FileHandle; size: number }> {
  const segments = relative.split('/');
  if (path.isAbsolute(relative) || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new DataFileError('OUTSIDE_DATA_DIR', 'is not a plain path inside the data directory');
  }
  let root: string;
  try {
    root = await realpath(dataDir);
  } catch (error) {
    throw new DataFileError('FILE_UNREADABLE', `cannot be read: the data directory ${errnoOf(error)}`);
  }
  let at = root;
  for (const segment of segments.slice(0, -1)) {
    at = path.join(at, segment);
    const stats = await lstat(at).catch((error: unknown) => {
      throw new DataFileError('FILE_UNREADABLE', `cannot be read (${errnoOf(error)})`);
    });
    if (stats.isSymbolicLink())
      throw new DataFileError(
        'SYMBOLIC_LINK',
        `is reached through ${segment}/, a symbolic link; data must be regular files inside the data directory`,
      );
    if (!stats.isDirectory())
      throw new DataFileError('NOT_A_REGULAR_FILE', `cannot be read: ${segment} is not a directory`);
  }
  const full = path.join(root, ...segments);
  let handle: FileHandle;
  try {
    handle = await open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (errnoOf(error) === 'ELOOP') {
      throw new DataFileError(
        'SYMBOLIC_LINK',
        'is a symbolic link; data must be regular files inside the data directory',
      );
    }
    throw new DataFileError('FILE_UNREADABLE', `cannot be read (${errnoOf(error)})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new DataFileError('NOT_A_REGULAR_FILE', `is ${kindOfEntry(stats)}; data must be regular files`);
    }
    const real = await openedPath(handle, full);
    if (!real.startsWith(`${root}${path.sep}`)) {
      throw new DataFileError('OUTSIDE_DATA_DIR', 'is not inside the data directory');
    }
    if (stats.size > maxBytes) throw tooLarge(maxBytes);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

const errnoOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

const tooLarge = (maxBytes: number) =>
  new DataFileError('FILE_TOO_LARGE', `is larger than the limit of ${maxBytes} bytes`);

/** Every chunk of an open file, at most `maxBytes` in all (a file may grow, or report no size, as /proc's do). */
async function* chunksOf(handle: FileHandle, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of handle.createReadStream({ highWaterMark: 1 * MiB, autoClose: false })) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    yield chunk as Buffer;
  }
}

/** Decodes UTF-8, refusing malformed bytes rather than turning them into U+FFFD. */
function decode(bytes: Buffer, where: string | null): string {
  if (!isUtf8(bytes)) throw new DataFileError('INVALID_UTF8', 'is not valid UTF-8', where);
  return bytes.toString('utf8');
}

/**
 * Splits a file's chunks into lines of bytes, each at most `maxLineBytes`, handing each to `each` as
 * it is found (synchronously: no promise per line). A line's pieces are kept as they come and joined
 * once, so a line's cost is linear in its length however many chunks it spans.
 */
class LineSplitter {
  #pending: Buffer[] = [];
  #pendingLength = 0;
  /** Lines handed out so far. */
  line = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly each: (bytes: Buffer) => void,
  ) {}

  #tooLong() {
    return new DataFileError(
      'LINE_TOO_LONG',
      `is longer than the limit of ${this.maxLineBytes} bytes`,
      `line ${this.line + 1}`,
    );
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      const length = this.#pendingLength + piece.length;
      if (length > this.maxLineBytes) throw this.#tooLong();
      const bytes = this.#pendingLength === 0 ? piece : Buffer.concat([...this.#pending, piece], length);
      this.#pending = [];
      this.#pendingLength = 0;
      this.line += 1;
      this.each(bytes);
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    if (this.#pendingLength + rest.length > this.maxLineBytes) throw this.#tooLong();
    if (rest.length > 0) {
      this.#pending.push(rest);
      this.#pendingLength += rest.length;
    }
  }

  /** The last line, when the file does not end with a line break. */
  end(): void {
    if (this.#pendingLength === 0) return;
    this.line += 1;
    this.each(Buffer.concat(this.#pending, this.#pendingLength));
  }
}

/**
 * Where and why JSON.parse stopped: "at line 3, column 2: Expected double-quoted property name" (or
 * "at column 2: …" within one line of a JSON Lines file), counted from the position V8 reports.
 */
export function jsonSyntaxError(error: unknown, text: string, within: 'line' | 'column'): string {
  const message = error instanceof Error ? error.message : String(error);
  const reported = message.match(/at position (\d+)/);
  const position = Math.min(reported ? Number(reported[1]) : text.length, text.length);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  const reason = message.replace(/\s*(?:in JSON\s*)?at position \d+.*$/s, '').replace(/^SyntaxError:\s*/, '');
  return `${within === 'line' ? `at line ${line}, column ${column}` : `at column ${column}`}: ${reason}`;
}

const fieldPath = (segments: readonly (string | number)[]): string =>
  segments
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${segment}`))
    .join('');

function recordLabel(raw: unknown, index: number): string {
  const slug =
    typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'slug') ? (raw as { slug: unknown }).slug : undefined;
  return typeof slug === 'string' && slug !== '' ? slug : `#${index}`;
}

/**
 * The records of one data file, handed to `each` one at a time, in file order. A JSON Lines file is
 * streamed, so that no file is ever held whole as one string and each record can be let go once
 * validated; its lines are split and parsed synchronously chunk by chunk, with no promise per record.
 * `onBytes` sees every byte read, for the data's version hash. A problem with one record (bad JSON, a
 * duplicate key) is reported and the record skipped; a problem with the file (unsafe, too large, not
 * UTF-8, a line too long) is reported once and ends the file.
 */
export async function readRecords(
  dataDir: string,
  file: string,
  report: Report,
  onBytes: (bytes: Buffer) => void,
  each: (item: RawItem) => void,
  limits: DataFileLimits = DATA_FILE_LIMITS,
): Promise<void> {
  const lines = file.endsWith('.jsonl');
  const maxBytes = lines ? limits.maxLinesFileBytes : limits.maxArrayFileBytes;
  let opened: { handle: FileHandle } | undefined;
  try {
    opened = await openDataFile(dataDir, file, maxBytes);
    if (lines) {
      let index = 0;
      const splitter = new LineSplitter(limits.maxLineBytes, (bytes) => {
        const where = `line ${splitter.line}`;
        const text = decode(bytes, where);
        if (text.trim() === '') return;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          report('INVALID_JSON', where, null, `is not valid JSON ${jsonSyntaxError(error, text, 'column')}`);
          return;
        }
        const problems = strictJsonProblems(text, value);
        for (const problem of problems) report(problem.code, where, fieldPath(problem.path) || null, problem.message);
        each({ value, index: index++, refused: problems.length > 0 });
      });
      for await (const chunk of chunksOf(opened.handle, maxBytes)) {
        onBytes(chunk);
        splitter.push(chunk);
      }
      splitter.end();
      return;
    }
    const parts: Buffer[] = [];
    for await (const chunk of chunksOf(opened.handle, maxBytes)) {
      onBytes(chunk);
      parts.push(chunk);
    }
    const text = decodeWhole(Buffer.concat(parts));
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch (error) {
      report('INVALID_JSON', null, null, `is not valid JSON ${jsonSyntaxError(error, text, 'line')}`);
      return;
    }
    if (!Array.isArray(list)) {
      report('INVALID_RECORD', null, null, 'must be a JSON array of records');
      return;
    }
    // A record with a problem is marked, and the others read, as for any invalid record.
    const refused = new Set<number>();
    for (const problem of strictJsonProblems(text, list)) {
      const [index, ...field] = problem.path as [number, ...(string | number)[]];
      refused.add(index);
      report(problem.code, recordLabel(list[index], index), fieldPath(field) || null, problem.message);
    }
    for (const [index, value] of list.entries()) each({ value, index, refused: refused.has(index) });
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    report(error.code, error.record, null, error.message);
  } finally {
    await opened?.handle.close();
  }
}

/** A whole file's text; for bytes that are not UTF-8, the line they are on is named. */
function decodeWhole(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(10, start);
    decode(bytes.subarray(start, end === -1 ? bytes.length : end), `line ${line}`);
    if (end === -1) break;
    start = end + 1;
  }
  throw new DataFileError('INVALID_UTF8', 'is not valid UTF-8');
}

/**
 * The text of a file under the data directory (a report's source text, `sources/….txt`), checked as
 * every data file is: a regular file inside the directory, within `limits.maxTextFileBytes`, UTF-8.
 * Throws a {@link DataFileError}.
 */
export async function readDataText(
  dataDir: string,
  relative: string,
  limits: DataFileLimits = DATA_FILE_LIMITS,
): Promise<{ text: string; bytes: Buffer }> {
  const { handle } = await openDataFile(dataDir, relative, limits.maxTextFileBytes);
  try {
    const parts: Buffer[] = [];
    for await (const chunk of chunksOf(handle, limits.maxTextFileBytes)) parts.push(chunk);
    const bytes = Buffer.concat(parts);
    return { text: decodeWhole(bytes), bytes };
  } finally {
    await handle.close();
  }
}
