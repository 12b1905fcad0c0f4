import { offsetToCursor } from '@pothos/plugin-relay';

/** The offsets whose cursors are kept once encoded: the first pages of every list, at a few kilobytes. */
const KEPT_OFFSETS = 4096;
const kept: string[] = [];

/**
 * The relay plugin's cursor of an offset (`offsetToCursor`), encoded once per offset: a page of a
 * search or of a list of values gives a cursor per edge, and encoding one allocates a buffer.
 */
export function offsetCursor(offset: number): string {
  if (!Number.isInteger(offset) || offset < 0 || offset >= KEPT_OFFSETS) return offsetToCursor(offset);
  let cursor = kept[offset];
  if (cursor === undefined) {
    cursor = offsetToCursor(offset);
    kept[offset] = cursor;
  }
  return cursor;
}
