import type { Kind } from '../kinds.js';
import type { KeyedIndex, Relation } from '../source.js';

/**
 * The snapshot file: a fixed preamble, a JSON header, then sections of typed arrays, each aligned to
 * 8 bytes and checked by a CRC-32 the header records.
 *
 *   bytes 0–7    MAGIC
 *   bytes 8–11   FORMAT_VERSION (uint32, little-endian)
 *   bytes 12–15  header length in bytes (uint32)
 *   bytes 16–19  CRC-32 of the header
 *   bytes 20–    the header (UTF-8 JSON, {@link SnapshotHeader}), then the sections
 *
 * A file whose magic, format version, header or any section's checksum does not match is refused, and
 * so is one whose data hash is not that of the data directory it stands for.
 */
export const MAGIC = Buffer.from('PGSNAPSH', 'latin1');
/**
 * Changes whenever the layout or the meaning of any column does (a snapshot of another version is
 * compiled again, never read): bump it with any change to what the compiler writes.
 */
export const FORMAT_VERSION = 5;
export const PREAMBLE_BYTES = 20;

export type SectionType = 'u8' | 'u32' | 'f64';

export interface SectionEntry {
  readonly type: SectionType;
  readonly offset: number;
  readonly length: number;
  readonly crc: number;
}

/** A data file or source text the snapshot was compiled from, as it was then: changed, it is compiled again. */
export interface InputStamp {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface SnapshotHeader {
  /** The data's version (a hash of every data file and source text), as validation computed it. */
  readonly version: string;
  readonly compiledAt: string;
  /** The data directory compiled, and its files as they were, for the staleness check. */
  readonly dataDir: string;
  readonly inputs: readonly InputStamp[];
  /** Each kind's first record id, how many records it has, and the data file they came from. */
  readonly kinds: Readonly<Record<Kind, { readonly first: number; readonly count: number; readonly file: string }>>;
  readonly properties: readonly string[];
  readonly strings: number;
  /** Each relation's key range: the ids it has a list for start at `first`. */
  readonly relations: Readonly<Record<Relation, { readonly first: number; readonly count: number }>>;
  /** Each keyed index's keys, with where their list is in the `keyed` section. */
  readonly keyed: Readonly<Record<KeyedIndex, Readonly<Record<string, readonly [number, number]>>>>;
  readonly codes: Readonly<Record<'country' | 'npc', Readonly<Record<string, number>>>>;
  /** What annotators computed over every record while compiling, by name (see loader.ts's Annotator). */
  readonly annotations?: Readonly<Record<string, unknown>>;
  readonly sections: Readonly<Record<string, SectionEntry>>;
}

/**
 * When the data last changed, as recorded when it was compiled: the newest modification time of its
 * data files and source texts, to the second (what HTTP dates can say), in ISO 8601 (`2026-01-02T03:04:05Z`). Never the
 * clock at serving time, so that every server of one compiled graph gives the same `Last-Modified`.
 */
export function modifiedOf(header: Pick<SnapshotHeader, 'inputs' | 'compiledAt'>): string {
  const newest = Math.max(...header.inputs.map((input) => input.mtimeMs));
  const time = Number.isFinite(newest) && newest > 0 ? newest : Date.parse(header.compiledAt);
  // Without fractional seconds: the canonical xsd:dateTime form, which RDF writers keep as it is.
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const align8 = (offset: number) => (offset + 7) & ~7;
