import { describe, expect, it } from 'vitest';
import { KnownTexts, textKey } from '../src/http/known-texts.js';

const bytesOf = (text: string) => Buffer.from(text);

/** Two different request texts that share a key, found by trying variants of two searches. */
function collidingTexts(): readonly [string, string] {
  const text = (term: string, pad: number) =>
    JSON.stringify({ query: '{ search(query: $q) { totalCount } }', variables: { q: term, pad } });
  const rim = new Map<number, number>();
  for (let pad = 0; pad < 200_000; pad++) rim.set(textKey(bytesOf(text('rim', pad))), pad);
  for (let pad = 0; pad < 200_000; pad++) {
    const kim = text('kim', pad);
    const other = rim.get(textKey(bytesOf(kim)));
    if (other !== undefined) return [text('rim', other), kim];
  }
  throw new Error('no two texts share a key');
}

describe('known request texts', () => {
  it('are found by their exact bytes, whatever buffer holds them', () => {
    const known = new KnownTexts<string>({ max: 10, maxSize: 1_000_000, maxEntrySize: 100_000 });
    const body = bytesOf('{"query":"{ athlete(slug: \\"rim-ju-song\\") { name } }"}');
    // A body is a view of a larger read buffer: what is kept is a copy of its bytes alone.
    const read = Buffer.concat([bytesOf('GET / HTTP/1.1\r\n\r\n'), body, bytesOf('trailing')]);
    const view = read.subarray(18, 18 + body.length);
    known.set(view, 'athlete', 0);
    read.fill(0);
    expect(known.get(body)).toBe('athlete');
    expect(known.get(new Uint8Array(body))).toBe('athlete');
    expect(known.get(bytesOf(`${body} `))).toBeUndefined();
    expect(known.get(body.subarray(1))).toBeUndefined();
  });

  it('tell apart two texts that share a key, keeping the later one', () => {
    const [first, second] = collidingTexts();
    expect(first).not.toBe(second);
    expect(textKey(bytesOf(first))).toBe(textKey(bytesOf(second)));
    const known = new KnownTexts<string>({ max: 10, maxSize: 1_000_000, maxEntrySize: 100_000 });
    known.set(bytesOf(first), 'first', 0);
    expect(known.get(bytesOf(second))).toBeUndefined();
    expect(known.has(bytesOf(second))).toBe(false);
    known.set(bytesOf(second), 'second', 0);
    expect(known.get(bytesOf(second))).toBe('second');
    expect(known.get(bytesOf(first))).toBeUndefined();
    expect(known.size).toBe(1);
  });

  it('keep at most so many texts, within their memory, the least recently used first out', () => {
    const texts = Array.from({ length: 8 }, (_, index) => bytesOf(`{"query":"{ text${index} }"}`));
    const byCount = new KnownTexts<number>({ max: 4, maxSize: 1_000_000, maxEntrySize: 100_000 });
    texts.forEach((text, index) => {
      byCount.set(text, index, 0);
      // The first text is used as others come, so it stays.
      expect(byCount.get(texts[0] as Buffer)).toBe(0);
    });
    expect(byCount.size).toBe(4);
    expect(texts.map((text) => byCount.get(text))).toEqual([0, undefined, undefined, undefined, undefined, 5, 6, 7]);

    // Sizes count the bytes kept besides what the caller counts.
    const [text] = texts as [Buffer];
    const bySize = new KnownTexts<number>({ max: 100, maxSize: 3 * (100 + text.length), maxEntrySize: 1_000 });
    for (const [index, each] of texts.entries()) bySize.set(each, index, 100);
    expect(bySize.size).toBe(3);
    expect(bySize.calculatedSize).toBe(3 * (100 + text.length));
    bySize.set(bytesOf('{"query":"{ over }"}'), -1, 1_000);
    expect(bySize.get(bytesOf('{"query":"{ over }"}'))).toBeUndefined();
    expect(bySize.size).toBe(3);
  });
});
