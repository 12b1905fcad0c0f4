import { closeSync, fstatSync, openSync, read, readFileSync, readSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * Files of typed-array sections, as the snapshot and the saved search index are written: a fixed
 * preamble, a JSON header, then sections, each aligned to 8 bytes and checked by a CRC-32 the header
 * records.
 *
 *   bytes 0–7    the file's magic (which kind of file it is)
 *   bytes 8–11   its format (uint32, little-endian)
 *   bytes 12–15  header length in bytes (uint32)
 *   bytes 16–19  CRC-32 of the header
 *   bytes 20–    the header (UTF-8 JSON with a `sections` table), then the sections
 *
 * Opening a file reads and checks only its preamble and header, and that every section lies within
 * the file. A section is read when first asked for, by positioned reads into its own typed array, and
 * its CRC is checked then: no byte of a section is ever used before its checksum matched, and a
 * section found damaged stays refused. Sections never asked for are never read, so the cost of an
 * open does not grow with the file.
 */
export type SectionType = 'u8' | 'u16' | 'u32' | 'f64';
export type SectionArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;

export interface SectionEntry {
  readonly type: SectionType;
  readonly offset: number;
  readonly length: number;
  readonly crc: number;
}

export const PREAMBLE_BYTES = 20;
export const align8 = (offset: number) => (offset + 7) & ~7;

/** The kind of file: its magic, the one format read, and where section offsets count from. */
export interface SectionLayout {
  readonly magic: Buffer;
  readonly format: number;
  /** From the start of the file (snapshots), or from the end of the header, padded to 8 bytes (search indexes). */
  readonly offsets: 'from-start' | 'after-header';
}

/**
 * Why a file of sections cannot be used: it cannot be read, is not of this kind, is of another
 * format (`found`), or is damaged (cut short, a header or section whose checksum does not match).
 */
export class SectionFileError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'foreign' | 'format' | 'corrupt',
    message: string,
    readonly found?: number,
  ) {
    super(message);
    this.name = 'SectionFileError';
  }
}

/** Where the bytes are: positioned reads of an open file, or a buffer already in memory. */
interface ByteSource {
  readonly size: number;
  readInto(target: Uint8Array, position: number): number;
  readIntoLater(target: Uint8Array, position: number): Promise<number>;
  /** The bytes in place, for a source in memory (nothing is copied). */
  view(position: number, length: number): Uint8Array | undefined;
  close(): void;
}

const closing = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

function fileSource(path: string): ByteSource & { readonly fd: number } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new SectionFileError('unreadable', `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let open = true;
  // Once closed, the descriptor's number may name another file: never read through it again.
  const closed = () => new SectionFileError('unreadable', 'was closed');
  const source = {
    fd,
    size: fstatSync(fd).size,
    readInto: (target: Uint8Array, position: number) => {
      if (!open) throw closed();
      return readSync(fd, target, 0, target.length, position);
    },
    readIntoLater: (target: Uint8Array, position: number) =>
      new Promise<number>((resolve, reject) => {
        if (!open) reject(closed());
        else
          read(fd, target, 0, target.length, position, (error, bytesRead) =>
            error ? reject(error) : resolve(bytesRead),
          );
      }),
    view: () => undefined,
    close: () => {
      if (!open) return;
      open = false;
      closing.unregister(source);
      closeSync(fd);
    },
  };
  // The descriptor lives as long as what reads through it, and no longer.
  closing.register(source, fd, source);
  return source;
}

function memorySource(given: Uint8Array): ByteSource {
  // Typed-array views need their offsets aligned: a buffer from a shared pool may not be.
  const bytes = given.byteOffset % 8 === 0 ? given : new Uint8Array(given);
  return {
    size: bytes.length,
    readInto: (target, position) => {
      const part = bytes.subarray(position, position + target.length);
      target.set(part);
      return part.length;
    },
    readIntoLater: async (target, position) => {
      const part = bytes.subarray(position, position + target.length);
      target.set(part);
      return part.length;
    },
    view: (position, length) => bytes.subarray(position, position + length),
    close: () => {},
  };
}

/** Reads `target.length` bytes at `position` in chunks (a single read may return fewer); false when the file ends first. */
function readFully(source: ByteSource, target: Uint8Array, position: number): boolean {
  for (let done = 0; done < target.length; ) {
    const bytesRead = source.readInto(
      target.subarray(done, Math.min(target.length, done + READ_CHUNK)),
      position + done,
    );
    if (bytesRead === 0) return false;
    done += bytesRead;
  }
  return true;
}

/** Bytes per read (and per checksum step in the background, between which other work runs). */
const READ_CHUNK = 16 << 20;

const arrayOf = (type: SectionType, buffer: ArrayBufferLike, at: number, length: number): SectionArray =>
  type === 'u32'
    ? new Uint32Array(buffer, at, length / 4)
    : type === 'u16'
      ? new Uint16Array(buffer, at, length / 2)
      : type === 'f64'
        ? new Float64Array(buffer, at, length / 8)
        : new Uint8Array(buffer, at, length);

/** What identifies a file's contents as they were when verified: a file rewritten or replaced differs in one of these. */
interface Identity {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly headerCrc: number;
}

/** An opened file of sections (see the top of this module). */
export class SectionFile {
  readonly header: Readonly<Record<string, unknown>>;
  readonly #entries: ReadonlyMap<string, SectionEntry>;
  readonly #source: ByteSource;
  readonly #base: number;
  readonly #loaded = new Map<string, SectionArray>();
  readonly #damaged = new Map<string, SectionFileError>();
  readonly #headerCrc: number;

  private constructor(source: ByteSource, layout: SectionLayout) {
    this.#source = source;
    const preamble = new Uint8Array(PREAMBLE_BYTES);
    const magic = layout.magic.length;
    if (source.size < PREAMBLE_BYTES || !readFully(source, preamble, 0)) {
      throw new SectionFileError('foreign', 'is too short to be one');
    }
    const view = Buffer.from(preamble.buffer, preamble.byteOffset, preamble.byteLength);
    if (!view.subarray(0, magic).equals(layout.magic)) throw new SectionFileError('foreign', 'is not one');
    const format = view.readUInt32LE(8);
    if (format !== layout.format) throw new SectionFileError('format', 'is of another format', format);
    const length = view.readUInt32LE(12);
    const json = Buffer.alloc(Math.min(length, Math.max(0, source.size - PREAMBLE_BYTES)));
    if (json.length !== length || !readFully(source, json, PREAMBLE_BYTES) || crc32(json) !== view.readUInt32LE(16)) {
      throw new SectionFileError('corrupt', 'has a damaged header');
    }
    this.#headerCrc = view.readUInt32LE(16);
    let header: Record<string, unknown> & { sections?: Record<string, SectionEntry> };
    try {
      header = JSON.parse(json.toString('utf8'));
    } catch {
      throw new SectionFileError('corrupt', 'has a damaged header');
    }
    this.header = header;
    const headerEnd = PREAMBLE_BYTES + length;
    this.#base = layout.offsets === 'after-header' ? align8(headerEnd) : 0;
    const entries = new Map<string, SectionEntry>();
    for (const [name, entry] of Object.entries(header.sections ?? {})) {
      const start = this.#base + entry.offset;
      if (start < headerEnd || start % 8 !== 0 || start + entry.length > source.size) {
        throw new SectionFileError('corrupt', `is cut short (section ${name})`);
      }
      entries.set(name, entry);
    }
    this.#entries = entries;
  }

  /** Opens a file: reads its preamble and header only (see the top of this module). */
  static open(path: string, layout: SectionLayout): SectionFile {
    const source = fileSource(path);
    try {
      return new SectionFile(source, layout);
    } catch (error) {
      source.close();
      throw error;
    }
  }

  /**
   * Opens a file as {@link open} does, and verifies every section's checksum at once unless this very
   * file was verified before: the first open of a file streams through all of it (keeping none of it),
   * so that a damaged file is found while it can still be replaced, and records the file's identity in
   * `marker`; a later open of the same file (same device, inode, size, modification and change times:
   * any write or replacement changes one of them) skips that pass. Each section is still checked
   * again when it is read, so damage that leaves the identity unchanged is refused too.
   */
  static openVerified(path: string, layout: SectionLayout, marker: string): SectionFile {
    const file = SectionFile.open(path, layout);
    try {
      const identity = file.#identity();
      if (identity === undefined || !sameIdentity(readMarker(marker), identity)) {
        file.verify();
        if (identity !== undefined) {
          try {
            writeFileSync(marker, JSON.stringify(identity));
          } catch {
            // A read-only cache: every open verifies the whole file, as it would without markers.
          }
        }
      }
      return file;
    } catch (error) {
      file.close();
      throw error;
    }
  }

  /** Opens bytes in memory, and checks every section's checksum now unless told not to (nothing is copied). */
  static ofBytes(bytes: Uint8Array, layout: SectionLayout, { check = true }: { check?: boolean } = {}): SectionFile {
    const file = new SectionFile(memorySource(bytes), layout);
    if (check) for (const name of file.#entries.keys()) file.section(name);
    return file;
  }

  #identity(): Identity | undefined {
    const fd = (this.#source as Partial<ReturnType<typeof fileSource>>).fd;
    if (fd === undefined) return undefined;
    const stats = fstatSync(fd);
    return {
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
      headerCrc: this.#headerCrc,
    };
  }

  /** The names of the sections, in the order written. */
  get names(): IterableIterator<string> {
    return this.#entries.keys();
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** A section, read and checked on first use; undefined when the file has no such section. */
  section(name: string): SectionArray | undefined {
    const loaded = this.#loaded.get(name);
    if (loaded) return loaded;
    const entry = this.#entries.get(name);
    if (entry === undefined) return undefined;
    const damaged = this.#damaged.get(name);
    if (damaged) throw damaged;
    const start = this.#base + entry.offset;
    let bytes = this.#source.view(start, entry.length);
    if (bytes === undefined) {
      bytes = new Uint8Array(new ArrayBuffer(align8(entry.length)), 0, entry.length);
      if (!readFully(this.#source, bytes, start)) throw this.#refuse(name, `is cut short (section ${name})`);
    }
    if (crc32(bytes) !== entry.crc) throw this.#refuse(name, `is damaged (section ${name})`);
    return this.#keep(name, entry, bytes);
  }

  #keep(name: string, entry: SectionEntry, bytes: Uint8Array): SectionArray {
    const array = arrayOf(entry.type, bytes.buffer, bytes.byteOffset, entry.length);
    this.#loaded.set(name, array);
    if (this.#loaded.size === this.#entries.size) this.#source.close();
    return array;
  }

  #refuse(name: string, message: string): SectionFileError {
    const error = new SectionFileError('corrupt', message);
    this.#damaged.set(name, error);
    return error;
  }

  /**
   * Reads the sections named (every one by default) that are not read yet, in the background: the
   * reads run off the main thread and the checksums in steps, so requests go on meanwhile. A request
   * that needs a section first reads it itself.
   */
  async preload(names: Iterable<string> = this.#entries.keys()): Promise<void> {
    for (const name of names) {
      const entry = this.#entries.get(name);
      if (entry === undefined || this.#loaded.has(name) || this.#damaged.has(name)) continue;
      const start = this.#base + entry.offset;
      if (this.#source.view(start, entry.length)) {
        this.section(name);
        continue;
      }
      const bytes = new Uint8Array(new ArrayBuffer(align8(entry.length)), 0, entry.length);
      let crc = 0;
      for (let done = 0; done < entry.length; ) {
        const chunk = bytes.subarray(done, Math.min(entry.length, done + READ_CHUNK));
        const bytesRead = await this.#source.readIntoLater(chunk, start + done);
        if (this.#loaded.has(name) || this.#damaged.has(name)) break;
        if (bytesRead === 0) throw this.#refuse(name, `is cut short (section ${name})`);
        crc = crc32(chunk.subarray(0, bytesRead), crc);
        done += bytesRead;
      }
      if (this.#loaded.has(name) || this.#damaged.has(name)) continue;
      if (crc !== entry.crc) throw this.#refuse(name, `is damaged (section ${name})`);
      this.#keep(name, entry, bytes);
    }
  }

  /** Checks every section not read yet against its checksum, reading through it without keeping it. */
  verify(): void {
    const chunk = new Uint8Array(Math.min(READ_CHUNK, this.#source.size));
    for (const [name, entry] of this.#entries) {
      if (this.#loaded.has(name)) continue;
      let crc = 0;
      const start = this.#base + entry.offset;
      for (let done = 0; done < entry.length; ) {
        const part = chunk.subarray(0, Math.min(chunk.length, entry.length - done));
        if (!readFully(this.#source, part, start + done)) throw this.#refuse(name, `is cut short (section ${name})`);
        crc = crc32(part, crc);
        done += part.length;
      }
      if (crc !== entry.crc) throw this.#refuse(name, `is damaged (section ${name})`);
    }
  }

  /** Lets go of the file (sections read stay usable; one not read yet can no longer be). */
  close(): void {
    this.#source.close();
  }
}

function readMarker(marker: string): Partial<Identity> | undefined {
  try {
    return JSON.parse(readFileSync(marker, 'utf8')) as Partial<Identity>;
  } catch {
    return undefined;
  }
}

const sameIdentity = (kept: Partial<Identity> | undefined, identity: Identity): boolean =>
  kept !== undefined && (Object.keys(identity) as (keyof Identity)[]).every((key) => kept[key] === identity[key]);
