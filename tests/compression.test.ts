import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../src/examples.js';
import { listenOnLoopback } from './helpers.js';

let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;

beforeAll(async () => {
  loopback = await listenOnLoopback();
});

afterAll(async () => {
  await loopback?.close();
});

interface Raw {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The bytes as they crossed the wire. */
  readonly wire: Buffer;
  /** The bytes after undoing Content-Encoding. */
  readonly body: Buffer;
}

/** One request with a raw HTTP client: nothing decoded behind the test's back. */
function send(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, loopback.url);
    const outgoing = request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const decoded =
          wire.length === 0
            ? wire
            : encoding === 'br'
              ? brotliDecompressSync(wire)
              : encoding === 'gzip'
                ? gunzipSync(wire)
                : encoding === 'deflate'
                  ? inflateSync(wire)
                  : wire;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, wire, body: decoded });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const varyOf = (raw: Raw): string[] =>
  String(raw.headers.vary ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());

const GRAPHQL_POST = JSON.stringify({ query: EXAMPLE_QUERY });

describe('compression', () => {
  it.each([
    ['the home page', '/', { accept: 'text/html' }],
    ['an entity page', '/id/athlete/rim-ju-song', { accept: 'text/html' }],
    ['an entity in Turtle', '/id/athlete/rim-ju-song', { accept: 'text/turtle' }],
    ['an index page', '/id/report/', { accept: 'text/html' }],
    ['search results', '/search?q=korea', { accept: 'text/html' }],
    ['the 404 page', '/no/such/page', { accept: 'text/html' }],
    ['GraphiQL', '/graphql', { accept: 'text/html' }],
    ['a GraphQL answer over GET', `/graphql?query=${encodeURIComponent(EXAMPLE_QUERY)}`, {}],
    ['the N-Quads dump, streamed', '/dataset.nq', {}],
    ['the JSON-LD dump, streamed', '/dataset.jsonld', {}],
    ['the VoID description', '/.well-known/void', {}],
    ['the stylesheet', '', {}],
  ])('%s: gzip and Brotli decode to the very bytes sent uncompressed', async (_name, path, headers) => {
    const target = path === '' ? await stylesheetPath() : path;
    const plain = await send(target, { ...headers, 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.wire.length).toBeGreaterThan(512);
    for (const encoding of ['gzip', 'br'] as const) {
      const compressed = await send(target, { ...headers, 'accept-encoding': encoding });
      expect(compressed.status).toBe(plain.status);
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers['content-type']).toBe(plain.headers['content-type']);
      expect(varyOf(compressed)).toContain('accept-encoding');
      expect(compressed.wire.length).toBeLessThan(plain.wire.length);
      expect(compressed.body.equals(plain.body)).toBe(true);
    }
  });

  it('compresses GraphQL answers to POST, keeps every Vary name already there, and prefers Brotli', async () => {
    const headers = { 'content-type': 'application/json', 'accept-encoding': 'gzip, deflate, br' };
    const plain = await send('/graphql', { ...headers, 'accept-encoding': 'identity' }, 'POST', GRAPHQL_POST);
    const compressed = await send('/graphql', headers, 'POST', GRAPHQL_POST);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.body.equals(plain.body)).toBe(true);
    const entity = await send('/id/athlete/rim-ju-song', { accept: 'text/turtle', 'accept-encoding': 'gzip' });
    expect(varyOf(entity)).toEqual(expect.arrayContaining(['accept', 'accept-encoding']));
  });

  it('leaves small answers and HEAD requests alone', async () => {
    const small = await send('/healthz', { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    const head = await send('/', { accept: 'text/html', 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.wire.length).toBe(0);
  });

  it.each([
    [
      'a GraphQL answer to POST (the lean path, then the answer cache)',
      '/graphql',
      { 'content-type': 'application/json' },
      'POST',
      GRAPHQL_POST,
    ],
    ['a GraphQL answer over GET', `/graphql?query=${encodeURIComponent(EXAMPLE_QUERY)}`, {}, 'GET', undefined],
    ['a GraphQL error', '/graphql', { 'content-type': 'application/json' }, 'POST', '{"query":"{ nope }"}'],
    [
      'an entity in Turtle (Vary: Accept already)',
      '/id/athlete/rim-ju-song',
      { accept: 'text/turtle' },
      'GET',
      undefined,
    ],
    ['an entity page', '/id/athlete/rim-ju-song', { accept: 'text/html' }, 'GET', undefined],
    ['an entity page, HEAD', '/id/athlete/rim-ju-song', { accept: 'text/html' }, 'HEAD', undefined],
    ['the 404 page', '/no/such/page', { accept: 'text/html' }, 'GET', undefined],
    ['a refusal', '/graphql', {}, 'PUT', undefined],
    ['a CORS preflight', '/graphql', { 'access-control-request-method': 'POST' }, 'OPTIONS', undefined],
    ['the health check', '/healthz', {}, 'GET', undefined],
    ['a picture', '/favicon.svg', {}, 'GET', undefined],
    ['the N-Quads dump, streamed', '/dataset.nq', {}, 'GET', undefined],
  ])(
    '%s: without Accept-Encoding, the same headers (Vary included) and bytes as asking for identity',
    async (_name, path, headers, method, body) => {
      // Asked once first, so that both are answered the same way (a kept answer, an admitted document).
      await send(path, { ...headers, 'accept-encoding': 'identity' }, method, body);
      const identity = await send(path, { ...headers, 'accept-encoding': 'identity' }, method, body);
      const none = await send(path, headers, method, body);
      const comparable = ({ date: _date, 'x-request-id': _id, ...rest }: Raw['headers']) => ({
        ...rest,
        vary: varyOf({ headers: rest } as Raw),
      });
      expect(none.status).toBe(identity.status);
      expect(comparable(none.headers)).toEqual(comparable(identity.headers));
      expect(none.wire.equals(identity.wire)).toBe(true);
      // With 304s too, where the answer has a validator.
      const etag = identity.headers.etag;
      if (typeof etag === 'string' && method === 'GET') {
        const [fresh, bare] = await Promise.all([
          send(path, { ...headers, 'accept-encoding': 'identity', 'if-none-match': etag }),
          send(path, { ...headers, 'if-none-match': etag }),
        ]);
        expect(bare.status).toBe(304);
        expect(comparable(bare.headers)).toEqual(comparable(fresh.headers));
      }
    },
  );

  it('codes a whole answer at once, with its Content-Length, in the coding the middleware picks for a stream', async () => {
    const headers = { 'content-type': 'application/json' };
    const plain = await send('/graphql', { ...headers, 'accept-encoding': 'identity' }, 'POST', GRAPHQL_POST);
    const asked = [
      'gzip, deflate, br',
      'br',
      'gzip',
      'deflate',
      'identity',
      '*',
      'gzip;q=0.5, br;q=0.4',
      'br;q=0, gzip',
      'deflate, gzip',
      'gzip;q=0, br;q=0, deflate;q=0',
      'compress',
      'BR',
    ];
    for (const acceptEncoding of asked) {
      // The dump is streamed through the compression middleware; the GraphQL answer is whole.
      const streamed = await send('/dataset.nq', { 'accept-encoding': acceptEncoding });
      const whole = await send('/graphql', { ...headers, 'accept-encoding': acceptEncoding }, 'POST', GRAPHQL_POST);
      expect(whole.headers['content-encoding'], acceptEncoding).toBe(streamed.headers['content-encoding']);
      expect(whole.headers['transfer-encoding']).toBeUndefined();
      expect(Number(whole.headers['content-length'])).toBe(whole.wire.length);
      expect(whole.body.equals(plain.body)).toBe(true);
      expect(varyOf(whole)).toContain('accept-encoding');
    }
  });

  it('compresses the dump as it streams: the answer starts before it is whole', async () => {
    const compressed = await send('/dataset.nq', { 'accept-encoding': 'br' });
    expect(compressed.headers['transfer-encoding']).toBe('chunked');
    expect(compressed.headers['content-length']).toBeUndefined();
    expect(compressed.wire.length * 5).toBeLessThan(compressed.body.length);
  });
});

async function stylesheetPath(): Promise<string> {
  const home = await send('/', { accept: 'text/html', 'accept-encoding': 'identity' });
  const path = home.body.toString().match(/<link rel="stylesheet" href="([^"]+)"/)?.[1];
  if (!path) throw new Error('no stylesheet linked from the home page');
  return path;
}

describe('static files', () => {
  it('are served under hashed names, immutable, with an ETag, and answer If-None-Match with 304', async () => {
    const path = await stylesheetPath();
    expect(path).toMatch(/^\/assets\/site\.[\w-]{12}\.css$/);
    for (const encoding of ['identity', 'gzip', 'br']) {
      const first = await send(path, { 'accept-encoding': encoding });
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await send(path, { 'accept-encoding': encoding, 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.wire.length).toBe(0);
    }
    expect((await send('/assets/site.000000000000.css', {})).status).toBe(404);
  });

  it('serve the favicon by its usual names too', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const icon = await send(path, {});
      expect(icon.status).toBe(200);
      expect(icon.headers['content-type']).toBe('image/svg+xml');
      expect(icon.body.toString()).toContain('<svg');
    }
  });

  it("keep GraphiQL's second load under 10 kB: a small page, and 304s for its script and styles", async () => {
    const browser = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
    const first = await send('/graphql', browser);
    const page = first.body.toString();
    expect(page.length).toBeLessThan(8_000);
    expect(page).not.toMatch(/<script>(?!<)/);
    const files = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
    expect(files).toHaveLength(3);
    let secondLoad = 0;
    const etag = first.headers.etag;
    const second = await send('/graphql', typeof etag === 'string' ? { ...browser, 'if-none-match': etag } : browser);
    secondLoad += second.wire.length + Object.entries(second.headers).join('').length;
    for (const file of files) {
      const fresh = await send(file, browser);
      expect(fresh.headers['cache-control']).toContain('immutable');
      const revalidated = await send(file, { ...browser, 'if-none-match': String(fresh.headers.etag) });
      expect(revalidated.status).toBe(304);
      secondLoad += revalidated.wire.length + Object.entries(revalidated.headers).join('').length;
    }
    expect(secondLoad).toBeLessThan(10_000);
    const firstScript = await send(files.find((file) => file.endsWith('.js')) ?? '', browser);
    expect(firstScript.headers['content-encoding']).toBe('br');
    expect(firstScript.wire.length).toBeLessThan(firstScript.body.length / 3);
  });
});
