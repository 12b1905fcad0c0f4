import { describe, expect, it } from 'vitest';
import xxhash from 'xxhash-wasm';
import { DISPUTED_FACT_QUERY } from '../src/examples.js';
import { loadGraph } from '../src/graph/loader.js';
import { entityTag, utf8Of } from '../src/http/conditional.js';
import { documentId } from '../src/security/trusted-documents.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR, ranksInData } from './helpers.js';

const QUERY = '{ athlete(slug: "rim-ju-song") { iri name } }';

describe('entity tags', () => {
  it('are 128 bits of the exact bytes, led by the data version, whether given as text or as bytes', () => {
    const body = JSON.stringify({ data: { athlete: { name: 'Rim Ju Song', alternateNames: ['림주송'] } } });
    const tag = entityTag(body, 'v1');
    expect(tag).toMatch(/^"v1-[0-9a-f]{32}"$/);
    expect(entityTag(Buffer.from(body), 'v1')).toBe(tag);
    expect(entityTag(body, 'v2')).toBe(tag.replace('v1', 'v2'));
    // Any one byte changed, or one more, changes the whole tag: no two of these share either half.
    const variants = [body, body.replace('Song', 'Sonh'), `${body} `, body.replace('림', '림 ')];
    const halves = variants.flatMap((variant) => {
      const hex = entityTag(variant, 'v1').slice(4, -1);
      return [hex.slice(0, 16), hex.slice(16)];
    });
    expect(new Set(halves).size).toBe(halves.length);
  });

  it('are xxHash64 of the bytes, read in parts when an answer is large, with the same value as whole', async () => {
    // The published XXH64 values for seed 0 lead the tag.
    expect(entityTag('', 'v1').slice(4, 20)).toBe('ef46db3751d8e999');
    expect(entityTag('abc', 'v1').slice(4, 20)).toBe('44bc2cf5ad770999');
    const { h64Raw } = await xxhash();
    const large = Buffer.from('Rim Ju Song 림주송 '.repeat(40_000));
    const whole = [0n, 0x9e3779b97f4a7c15n].map((seed) => h64Raw(large, seed).toString(16).padStart(16, '0'));
    expect(entityTag(large, 'v1')).toBe(`"v1-${whole.join('')}"`);
    expect(entityTag(large.toString('utf8'), 'v1')).toBe(`"v1-${whole.join('')}"`);
  });
});

describe('the UTF-8 bytes an ETag and a length are taken from', () => {
  it('are the bytes Buffer.from gives, for texts short and long, ASCII or not, with astral or lone surrogates', () => {
    const pieces = ['a', 'é', '–', '림', '😀', '\ud800', '\udc00x'];
    const texts = [''];
    for (const length of [1, 7, 1_000, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 40_000])
      for (const piece of pieces) texts.push(piece.repeat(Math.ceil(length / piece.length)).slice(0, length));
    texts.push(pieces.join('').repeat(3_000));
    for (const text of texts) expect(Buffer.compare(utf8Of(text), Buffer.from(text))).toBe(0);
  });
});

describe('conditional GraphQL answers', () => {
  it('carry an ETag of their bytes, per base IRI, answer If-None-Match with 304, and let CDNs keep GETs', async () => {
    const app = createApp({ store: await loadGraph(DATA_DIR) });
    const get = (origin: string, headers: Record<string, string> = {}, query = QUERY) =>
      app.fetch(`${origin}/graphql?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/json', ...headers },
      });

    const first = await get('http://a.test');
    const second = await get('http://a.test');
    expect(await first.json()).toEqual({
      data: { athlete: { iri: 'http://a.test/id/athlete/rim-ju-song', name: 'Rim Ju-song' } },
    });
    expect(await second.json()).toEqual({
      data: { athlete: { iri: 'http://a.test/id/athlete/rim-ju-song', name: 'Rim Ju-song' } },
    });
    const etag = second.headers.get('etag');
    expect(etag).toBeTruthy();

    const other = await get('http://b.test');
    expect(((await other.json()) as { data: { athlete: { iri: string } } }).data.athlete.iri).toBe(
      'http://b.test/id/athlete/rim-ju-song',
    );

    expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(second.headers.get('cache-control')).toBe('public, max-age=3600');
    // Nothing varies by Origin: every answer allows any origin (the edge's header).
    const fromApp = await get('http://a.test', { origin: 'https://app.example' });
    expect(fromApp.headers.get('vary')).toBe('Accept');
    expect(fromApp.headers.get('etag')).toBe(etag);
    expect(other.headers.get('etag')).not.toBe(etag);

    const conditional = await get('http://a.test', { 'if-none-match': etag ?? '' });
    expect(conditional.status).toBe(304);
    expect(conditional.headers.get('etag')).toBe(etag);

    const posted = await app.fetch('http://a.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': etag ?? '' },
      body: JSON.stringify({ query: QUERY }),
    });
    // RFC 9110, 13.1.2: a matching If-None-Match on a method other than GET or HEAD fails with 412.
    expect(posted.status).toBe(412);
    const failing = await get('http://a.test', {}, '{ athlete(slug: "rim-ju-song") { nme } }');
    expect(failing.headers.get('cache-control')).toBeNull();
  });

  it('let a CDN keep a GET of a trusted document, named by its hash alone', async () => {
    const app = createApp({ store: await loadGraph(DATA_DIR), trustedDocumentsOnly: true });
    const extensions = { persistedQuery: { version: 1, sha256Hash: documentId(DISPUTED_FACT_QUERY) } };
    const url = `http://cdn.test/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}`;
    const response = await app.fetch(url, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { result: { rank: number } } }).data.result.rank).toBe(ranksInData()[0]);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });
});
