import { crc32 } from 'node:zlib';
import {
  align8,
  PREAMBLE_BYTES,
  type SectionEntry,
  SectionFile,
  SectionFileError,
  type SectionLayout,
  type SectionType,
} from '../section-file.js';

/**
 * The saved search index: a file of typed-array sections (see section-file.ts, shared with the
 * snapshot), whose section offsets count from the end of its header, so that reading it back is
 * positioned reads and views over their bytes, nothing parsed or copied.
 */
const MAGIC = Buffer.from('PGSEARCH', 'latin1');

export type Section = Uint8Array | Uint16Array | Uint32Array;

/** Why a saved index cannot be read: another format or data version, or not an index at all, or damaged, or none there (`missing`). */
export class FullTextFormatError extends Error {
  constructor(
    message: string,
    readonly missing = false,
  ) {
    super(message);
  }
}

const layoutOf = (format: number): SectionLayout => ({ magic: MAGIC, format, offsets: 'after-header' });

const typeOf = (section: Section): SectionType =>
  section instanceof Uint32Array ? 'u32' : section instanceof Uint16Array ? 'u16' : 'u8';

/** The bytes of a file holding `header` (any JSON object) and `sections`, in order, to be written one after another. */
export function encodeSections(
  format: number,
  header: object,
  sections: Readonly<Record<string, Section>>,
): Uint8Array[] {
  const entries: Record<string, SectionEntry> = {};
  let offset = 0;
  for (const [name, section] of Object.entries(sections)) {
    const bytes = new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
    entries[name] = { type: typeOf(section), offset, length: bytes.length, crc: crc32(bytes) };
    offset = align8(offset + bytes.length);
  }
  // Section offsets above count from the end of the header, padded to 8 bytes.
  const json = Buffer.from(JSON.stringify({ ...header, sections: entries }), 'utf8');
  const headerEnd = align8(PREAMBLE_BYTES + json.length);
  const preamble = Buffer.alloc(headerEnd);
  MAGIC.copy(preamble, 0);
  preamble.writeUInt32LE(format, 8);
  preamble.writeUInt32LE(json.length, 12);
  preamble.writeUInt32LE(crc32(json), 16);
  json.copy(preamble, PREAMBLE_BYTES);
  const chunks: Uint8Array[] = [preamble];
  for (const section of Object.values(sections)) {
    const bytes = Buffer.from(section.buffer, section.byteOffset, section.byteLength);
    chunks.push(bytes, Buffer.alloc(align8(bytes.length) - bytes.length));
  }
  return chunks;
}

/** An index's sections: read now from bytes in memory, or on first use from a file. */
export interface IndexSections {
  readonly header: Readonly<Record<string, unknown>>;
  section(name: string): Section | undefined;
  preload(): Promise<void>;
}

function indexSections(file: SectionFile): IndexSections {
  return {
    header: file.header,
    section: (name) => {
      const found = indexError(() => file.section(name));
      return found instanceof Float64Array ? undefined : found;
    },
    preload: () => indexErrorLater(file.preload()),
  };
}

function indexError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof SectionFileError)) throw error;
    throw new FullTextFormatError(
      error.reason === 'foreign'
        ? 'is not a search index'
        : error.reason === 'format'
          ? 'is of another format'
          : error.message,
      error.reason === 'unreadable',
    );
  }
}

async function indexErrorLater(reading: Promise<void>): Promise<void> {
  try {
    await reading;
  } catch (error) {
    indexError(() => {
      throw error;
    });
  }
}

/** Reads what {@link encodeSections} wrote, held in memory: the header and a view of each section, each checked against its CRC now. */
export function decodeSections(given: Uint8Array, format: number): IndexSections {
  return indexSections(indexError(() => SectionFile.ofBytes(given, layoutOf(format))));
}

/**
 * Opens a saved index file where it lies: its header is read and checked now (and the whole file once,
 * the first time this file is opened: see SectionFile.openVerified); each section is read and checked
 * when first used.
 */
export function openSectionsFile(file: string, format: number): IndexSections {
  return indexSections(indexError(() => SectionFile.openVerified(file, layoutOf(format), `${file}.verified`)));
}
