import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { DataErrorCode } from './errors.js';
import { DATA_FILES, type Kind } from './kinds.js';

type Report = (code: DataErrorCode, record: string | null, field: string | null, message: string) => void;

/** One record as read, before validation, with the line it starts on in a JSON Lines file. */
export interface RawItem {
  readonly value: unknown;
  readonly index: number;
}

/** The JSON Lines name of a kind's data file: `results.json` → `results.jsonl`. */
export const jsonLinesFile = (kind: Kind): string => `${DATA_FILES[kind]}l`;

const exists = (file: string) =>
  access(file).then(
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

async function* linesOf(file: string, onBytes: (bytes: Buffer) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of createReadStream(file)) {
    onBytes(chunk as Buffer);
    const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

/**
 * The records of one data file, one at a time. A JSON Lines file is streamed, so that no file is ever
 * held whole as one string (V8 caps strings at 512 MB) and each record can be let go once validated.
 * `onBytes` sees every byte read, for the data's version hash.
 */
export async function* readRecords(
  dataDir: string,
  file: string,
  report: Report,
  onBytes: (bytes: Buffer) => void,
): AsyncGenerator<RawItem> {
  const full = path.join(dataDir, file);
  try {
    if (file.endsWith('.jsonl')) {
      let line = 0;
      let index = 0;
      for await (const text of linesOf(full, onBytes)) {
        line += 1;
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          report('INVALID_JSON', `line ${line}`, null, `is not valid JSON: ${(error as Error).message}`);
          continue;
        }
        yield { value, index: index++ };
      }
      return;
    }
    const bytes = await readFile(full);
    onBytes(bytes);
    let list: unknown;
    try {
      list = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      report('INVALID_JSON', null, null, `is not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (!Array.isArray(list)) {
      report('INVALID_RECORD', null, null, 'must be a JSON array of records');
      return;
    }
    for (const [index, value] of list.entries()) yield { value, index };
  } catch (error) {
    report('FILE_UNREADABLE', null, null, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
