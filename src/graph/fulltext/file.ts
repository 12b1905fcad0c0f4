import { crc32 } from 'node:zlib';

/**
 * The saved search index: a preamble, a JSON header, then sections of typed arrays, each aligned to
 * 8 bytes and checked by a CRC-32 the header records, so that reading it back is one read and views
 * over its bytes, nothing parsed or copied.
 *
 *   bytes 0–7    MAGIC
 *   bytes 8–11   format (uint32, little-endian)
 *   bytes 12–15  header length in bytes (uint32)
 *   bytes 16–19  CRC-32 of the header
 *   bytes 20–    the header (UTF-8 JSON), then the sections
 */
const MAGIC = Buffer.from('PGSEARCH', 'latin1');
const PREAMBLE_BYTES = 20;

export type Section = Uint8Array | Uint16Array | Uint32Array;
type SectionType = 'u8' | 'u16' | 'u32';

interface SectionEntry {
  readonly type: SectionType;
  readonly offset: number;
  readonly length: number;
  readonly crc: number;
}

/** Why a saved index cannot be read: another format or data version, or not an index at all. */
export class FullTextFormatError extends Error {}

const typeOf = (section: Section): SectionType =>
  section instanceof Uint32Array ? 'u32' : section instanceof Uint16Array ? 'u16' : 'u8';
const align8 = (offset: number) => (offset + 7) & ~7;

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

/** Reads what {@link encodeSections} wrote: the header and a view of each section, checked against its CRC. */
export function decodeSections(
  given: Uint8Array,
  format: number,
): { header: Record<string, unknown>; sections: Map<string, Section> } {
  // Typed-array views need their offsets aligned: a buffer from a shared pool may not be.
  const buffer =
    given.byteOffset % 8 === 0 ? Buffer.from(given.buffer, given.byteOffset, given.byteLength) : Buffer.from(given);
  if (buffer.length < PREAMBLE_BYTES || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new FullTextFormatError('is not a search index');
  }
  if (buffer.readUInt32LE(8) !== format) throw new FullTextFormatError('is of another format');
  const length = buffer.readUInt32LE(12);
  const json = buffer.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + length);
  if (json.length !== length || crc32(json) !== buffer.readUInt32LE(16)) {
    throw new FullTextFormatError('has a damaged header');
  }
  let header: Record<string, unknown> & { sections?: Record<string, SectionEntry> };
  try {
    header = JSON.parse(json.toString('utf8'));
  } catch {
    throw new FullTextFormatError('has a damaged header');
  }
  const base = align8(PREAMBLE_BYTES + length);
  const sections = new Map<string, Section>();
  for (const [name, entry] of Object.entries(header.sections ?? {})) {
    const start = base + entry.offset;
    if (entry.offset % 8 !== 0 || start + entry.length > buffer.length) {
      throw new FullTextFormatError(`is cut short (section ${name})`);
    }
    const bytes = buffer.subarray(start, start + entry.length);
    if (crc32(bytes) !== entry.crc) throw new FullTextFormatError(`is damaged (section ${name})`);
    const at = buffer.byteOffset + start;
    sections.set(
      name,
      entry.type === 'u32'
        ? new Uint32Array(buffer.buffer, at, entry.length / 4)
        : entry.type === 'u16'
          ? new Uint16Array(buffer.buffer, at, entry.length / 2)
          : bytes,
    );
  }
  return { header, sections };
}
