import type { Key, Ordering } from './order.js';

/**
 * A keyset cursor: the order's signature and the key of the record it points at, so that it names a
 * place in the order rather than an offset, and stays valid whatever is filtered in or out around it.
 */
export function encodeCursor(ordering: Ordering, key: Key): string {
  return Buffer.from(JSON.stringify([ordering.signature, ...key])).toString('base64url');
}

/** The key a cursor holds, or null when it is no cursor of this order (malformed, or from another order). */
export function decodeCursor(ordering: Ordering, cursor: string): Key | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== ordering.signature) return null;
  const key: readonly unknown[] = parsed.slice(1);
  return ordering.accepts(key) ? key : null;
}
