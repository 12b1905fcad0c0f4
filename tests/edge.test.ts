import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DISPUTED_FACT_QUERY } from '../src/examples.js';
import { edge } from '../src/http/edge.js';
import { nodeHandler } from '../src/http/handler.js';
import { LIMITS } from '../src/security/limits.js';
import { listenOnLoopback, ranksInData, storeWithDanglingGames } from './helpers.js';
import { LEAK, rawRequest } from './raw-http.js';

type Server = Awaited<ReturnType<typeof listenOnLoopback>>;
let server: Server;

beforeAll(async () => {
  server = await listenOnLoopback();
});
afterAll(async () => {
  await server.close();
});

/** Every route that answers GET, with a path that exists. */
const GET_ROUTES = [
  '/',
  '/graphql',
  '/id/athlete/rim-ju-song',
  '/id/athlete/nobody',
  '/dataset.jsonld',
  '/dataset.ttl',
  '/dataset.nq',
  '/context.jsonld',
  '/vocab.ttl',
  '/.well-known/void',
  '/sitemap.xml',
  '/healthz',
  '/no-such-page',
  '/sparql',
  `/sparql?query=${encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o } LIMIT 2')}`,
];

/** After each refusal, an ordinary query must still be answered. */
async function expectStillServing(url = server.url): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: DISPUTED_FACT_QUERY }),
  });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { data: { result: { rank: number } } }).data.result.rank).toBe(ranksInData()[0]);
}

const graphqlGet = (query: string) => `/graphql?query=${encodeURIComponent(query)}`;

describe('malformed paths', () => {
  const MALFORMED = [
    '/id/athlete/%ff',
    '/id/athlete/%C0%AF',
    '/id/athlete/%E0%80%80',
    '/id/athlete/%ED%A0%80',
    '/id/athlete/%F4%90%80%80',
    '/id/athlete/%F8%88%80%80%80',
    '/id/athlete/%e2%82',
    '/%ff',
    '/graphql%C0%AF',
    '/sparql%ff',
    '/dataset.nq%',
    '/sitemap.xml%zz',
    '/a%2',
    '/%%',
    '/%u0041',
    '/id/%ff/rim-ju-song',
    `/id/athlete/${'%ff'.repeat(3_000)}`,
  ];

  it.each(['GET', 'HEAD', 'POST', 'OPTIONS'])(
    'are refused with a 4xx and a short plain message, never a stack or a path (%s)',
    async (method) => {
      for (const path of MALFORMED) {
        const answer = await rawRequest(server.url, `${method} ${path} HTTP/1.1`);
        expect([400, 414], `${method} ${path}`).toContain(answer.status);
        expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(answer.body).not.toMatch(LEAK);
        expect(answer.body.length).toBeLessThan(100);
        expect(answer.headers['access-control-allow-origin']).toBe('*');
        expect(answer.headers['cache-control']).toBe('no-store');
      }
      await expectStillServing();
    },
  );

  it('decodes well-formed ones: a slug with a percent-encoded character is looked up, and not found', async () => {
    const answer = await rawRequest(server.url, 'GET /id/athlete/rim%2Dju%2Dsong HTTP/1.1');
    expect(answer.status).toBe(200);
    expect((await rawRequest(server.url, 'GET /id/athlete/%E2%82%AC HTTP/1.1')).status).toBe(404);
  });
});

describe('requests the HTTP parser refuses before any route', () => {
  it('headers over 16 KiB get a 431, a malformed request line a 400; neither leaks, and the server goes on', async () => {
    const oversized = await rawRequest(server.url, 'GET /graphql HTTP/1.1', { 'x-padding': 'a'.repeat(20_000) });
    expect(oversized.status).toBe(431);
    expect(oversized.body).not.toMatch(LEAK);
    const malformed = await rawRequest(server.url, 'GET /graphql HTTP/1.1 extra');
    expect(malformed.status).toBe(400);
    expect(malformed.body).not.toMatch(LEAK);
    await expectStillServing();
  });
});

describe('hostile Host headers', () => {
  const HOSTS = [
    'a:b:c',
    'a@b',
    'user@evil.example',
    'evil.example:99999',
    '[::1',
    'ex ample',
    'a/b',
    'a\\b',
    'x'.repeat(300),
    ':80',
    '-bad-.example',
    'évil.example',
    'evil.example:80:80',
    '',
  ];

  it.each(['GET', 'HEAD', 'POST'])(
    'are refused with a 400 on every route, never a stack or a path (%s)',
    async (method) => {
      for (const path of GET_ROUTES) {
        for (const host of HOSTS) {
          const answer = await rawRequest(server.url, `${method} ${path} HTTP/1.1`, { host });
          expect(answer.status, `${method} ${path} Host: ${host}`).toBe(400);
          expect(answer.body).not.toMatch(LEAK);
        }
      }
      await expectStillServing();
    },
  );

  it('an absolute-form request line is read as its path, and its authority checked as a Host', async () => {
    const answer = await rawRequest(
      server.url,
      `GET http://evil.example${graphqlGet('{ athlete(slug: "rim-ju-song") { iri } }')} HTTP/1.1`,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { athlete: { iri: `${server.url}/id/athlete/rim-ju-song` } } });
    expect((await rawRequest(server.url, 'GET http://a:b:c/graphql HTTP/1.1')).status).toBe(400);
    expect((await rawRequest(server.url, 'GET http://evil.example/x/graphql HTTP/1.1')).status).toBe(404);
    expect((await rawRequest(server.url, 'GET * HTTP/1.1')).status).toBe(400);
  });
});

describe('IRIs never come from the Host header', () => {
  const iriQuery = graphqlGet('{ athlete(slug: "rim-ju-song") { iri } }');

  it('uses the address the connection reached, whatever Host says', async () => {
    for (const path of ['/sitemap-1.xml', '/.well-known/void', '/dataset.nq', iriQuery, '/id/athlete/rim-ju-song']) {
      const accept = path.startsWith('/id/') ? 'text/turtle' : '*/*';
      const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1`, { host: 'evil.example', accept });
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).not.toContain('evil.example');
      expect(answer.body, path).toContain(`${server.url}/id/`);
    }
    // The sitemap index and robots.txt name the sitemaps under the same address.
    for (const path of ['/sitemap.xml', '/robots.txt']) {
      const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1`, { host: 'evil.example' });
      expect(answer.body, path).not.toContain('evil.example');
      expect(answer.body, path).toContain(`${server.url}/sitemap`);
    }
    // Nor a forwarded host, unless the proxy in front is trusted to set it.
    const forwarded = await rawRequest(server.url, 'GET /sitemap.xml HTTP/1.1', { 'x-forwarded-host': 'evil.example' });
    expect(forwarded.body).not.toContain('evil.example');
  });

  it('uses PUBLIC_BASE_URL when set, and X-Forwarded-Proto/Host only with TRUST_PROXY', async () => {
    const fixed = await listenOnLoopback({ publicBaseUrl: 'https://data.example.org' });
    const proxied = await listenOnLoopback({ trustProxy: true });
    try {
      const atFixed = await rawRequest(fixed.url, `GET ${iriQuery} HTTP/1.1`, {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
      });
      expect(JSON.parse(atFixed.body).data.athlete.iri).toBe('https://data.example.org/id/athlete/rim-ju-song');
      const behindProxy = await rawRequest(proxied.url, `GET ${iriQuery} HTTP/1.1`, {
        host: 'evil.example',
        'x-forwarded-host': 'graph.example.org',
        'x-forwarded-proto': 'https',
      });
      expect(JSON.parse(behindProxy.body).data.athlete.iri).toBe('https://graph.example.org/id/athlete/rim-ju-song');
      const hostile: Record<string, string>[] = [{ 'x-forwarded-host': 'a@b' }, { 'x-forwarded-proto': 'gopher' }];
      for (const headers of hostile) {
        const refused = await rawRequest(proxied.url, 'GET /sitemap.xml HTTP/1.1', headers);
        expect(refused.status).toBe(400);
        expect(refused.body).not.toMatch(LEAK);
      }
      await expectStillServing(proxied.url);
    } finally {
      await fixed.close();
      await proxied.close();
    }
  });
});

describe('GraphQL is served at /graphql exactly', () => {
  it.each(['/graphql/', '/x/graphql', '/api/graphql/', '/graphql;x', '//graphql', '/GRAPHQL', '/graphql%2F'])(
    '%s is not GraphQL nor GraphiQL',
    async (path) => {
      for (const accept of ['text/html', 'application/json']) {
        const answer = await rawRequest(server.url, `GET ${path}?query=%7B__typename%7D HTTP/1.1`, { accept });
        expect(answer.status).toBe(404);
        expect(answer.body).not.toContain('__typename');
        expect(answer.body).not.toContain('graphiql');
      }
    },
  );
});

describe('conditional requests and HEAD', () => {
  it('a 304 carries no Content-Length, and If-None-Match on a POST fails with 412', async () => {
    for (const path of [graphqlGet(DISPUTED_FACT_QUERY), '/id/athlete/rim-ju-song', '/context.jsonld']) {
      const first = await rawRequest(server.url, `GET ${path} HTTP/1.1`);
      const etag = first.headers.etag ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      for (let attempt = 0; attempt < 3; attempt++) {
        const again = await rawRequest(server.url, `GET ${path} HTTP/1.1`, { 'if-none-match': etag });
        expect(again.status).toBe(304);
        expect(again.headers['content-length']).toBeUndefined();
        expect(again.body).toBe('');
      }
    }
    const body = JSON.stringify({ query: DISPUTED_FACT_QUERY });
    const post = () =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const etag = (await post()).headers.get('etag') ?? '';
    // Three times: through the full pipeline, the fast lane and the answer cache alike.
    for (let attempt = 0; attempt < 3; attempt++) {
      const conditional = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'if-none-match': etag },
        body,
      });
      expect(conditional.status).toBe(412);
      expect(conditional.headers.get('cache-control')).toBe('no-store');
    }
    expect((await post()).status).toBe(200);
  });

  it('HEAD answers every GET route with the GET headers and no body', async () => {
    const routes = [...GET_ROUTES, graphqlGet(DISPUTED_FACT_QUERY), '/readyz'].filter((path) => path !== '/readyz');
    for (const path of routes) {
      const get = await rawRequest(server.url, `GET ${path} HTTP/1.1`);
      const head = await rawRequest(server.url, `HEAD ${path} HTTP/1.1`);
      expect(head.status, path).toBe(get.status);
      expect(head.body, path).toBe('');
      const comparable = (headers: Readonly<Record<string, string>>) => {
        const { date: _date, 'x-response-cache': _cache, 'transfer-encoding': _te, ...rest } = headers;
        return rest;
      };
      const fromGet = comparable(get.headers);
      // A streamed dump has no length to announce; every other answer announces the GET's.
      if (fromGet['content-length'] === undefined) expect(head.headers['content-length']).toBeUndefined();
      expect(comparable(head.headers), path).toEqual(fromGet);
    }
  });
});

describe('CORS and headers for shared caches and browsers', () => {
  it('every answer, errors included, lets any origin read and varies by nothing but Accept', async () => {
    for (const path of [...GET_ROUTES, '/id/athlete/%ff', graphqlGet('{ nope }')]) {
      for (const origin of [undefined, 'https://app.example']) {
        const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1`, origin ? { origin } : {});
        expect(answer.headers['access-control-allow-origin'], path).toBe('*');
        expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
        expect(answer.headers.vary ?? '', path).not.toMatch(/origin/i);
      }
    }
  });

  it('entity answers keep Vary: Accept whatever the Origin, so Turtle and JSON-LD stay apart', async () => {
    for (const accept of ['text/turtle', 'application/ld+json']) {
      const answer = await rawRequest(server.url, 'GET /id/athlete/rim-ju-song HTTP/1.1', {
        origin: 'https://app.example',
        accept,
      });
      // Accept, and Accept-Encoding, which compression appends: never Origin.
      const vary = (answer.headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase());
      expect(vary).toEqual(['accept', 'accept-encoding']);
      expect(answer.headers['content-type']).toContain(accept);
    }
  });

  it('a preflight allows any header without echoing the request, and nothing else answers with them', async () => {
    const preflight = await rawRequest(server.url, 'OPTIONS /graphql HTTP/1.1', {
      origin: 'https://app.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-evil, content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-headers']).toBe('*');
    expect(JSON.stringify(preflight.headers)).not.toContain('x-evil');
    for (const path of ['/graphql?query=%7B__typename%7D', '/id/athlete/rim-ju-song', '/sitemap.xml']) {
      const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1`, {
        origin: 'https://app.example',
        'access-control-request-headers': 'x-evil',
      });
      expect(answer.headers['access-control-allow-headers']).toBeUndefined();
      expect(JSON.stringify(answer.headers)).not.toContain('x-evil');
    }
  });

  it('pages and answers are not sniffed, framed or leaking referrers', async () => {
    for (const [path, accept] of [
      ['/', 'text/html'],
      ['/id/athlete/rim-ju-song', 'text/html'],
      ['/graphql', 'text/html'],
      [graphqlGet('{ __typename }'), 'application/json'],
      ['/dataset.jsonld', '*/*'],
      ['/no-such-page', '*/*'],
    ] as const) {
      const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1`, { accept });
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
      expect(answer.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
  });

  it('errors are never kept by a cache: 404, 406, 400', async () => {
    const answers = [
      await rawRequest(server.url, 'GET /id/athlete/nobody HTTP/1.1'),
      await rawRequest(server.url, 'GET /no-such-page HTTP/1.1'),
      await rawRequest(server.url, 'GET /id/athlete/rim-ju-song HTTP/1.1', { accept: 'image/png' }),
      await rawRequest(server.url, 'GET /id/athlete/%ff HTTP/1.1'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 406, 400]);
    for (const answer of answers) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers.etag).toBeUndefined();
    }
  });

  it('a 406 does not echo the Accept header', async () => {
    const accept = `image/x-${'a'.repeat(12_000)}`;
    const answer = await rawRequest(server.url, 'GET /id/athlete/rim-ju-song HTTP/1.1', { accept });
    expect(answer.status).toBe(406);
    expect(answer.body).not.toContain('aaaa');
    expect(answer.body.length).toBeLessThan(300);
  });
});

describe('GraphQL requests that are not well-formed', () => {
  it('variables or extensions that are not JSON objects, and subscriptions, are refused with a code, not masked 500s', async () => {
    const errors = vi.spyOn(console, 'error');
    try {
      const cases = [
        '/graphql?query=%7B__typename%7D&variables=notjson',
        '/graphql?query=%7B__typename%7D&extensions=notjson',
        '/graphql?query=%7B__typename%7D&variables=%5B1%5D',
        '/graphql?query=%7B__typename%7D&extensions=42',
        graphqlGet('subscription { __typename }'),
      ];
      for (const path of cases) {
        const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1`, {
          accept: 'application/graphql-response+json',
        });
        expect(answer.status, path).toBe(400);
        expect(answer.body).not.toMatch(LEAK);
        expect(JSON.parse(answer.body).errors[0].extensions.code).toMatch(/^(BAD_REQUEST|OPERATION_NOT_SUPPORTED)$/);
      }
      for (const body of [
        { query: 'subscription { __typename }' },
        { query: '{ __typename }', variables: 'x' },
        { query: '{ __typename }', extensions: 'x' },
      ]) {
        for (const accept of ['application/graphql-response+json', 'application/json']) {
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept },
            body: JSON.stringify(body),
          });
          // GraphQL over HTTP: a document that fails validation is a 200 for application/json clients.
          const expected = accept === 'application/json' && body.query.startsWith('subscription') ? 200 : 400;
          expect(response.status, `${JSON.stringify(body)} ${accept}`).toBe(expected);
          const { errors } = (await response.json()) as { errors: { extensions: { code: string } }[] };
          expect(errors[0]?.extensions.code).toMatch(/^(BAD_REQUEST|OPERATION_NOT_SUPPORTED)$/);
        }
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    await expectStillServing();
  });

  it("a body that is not JSON is a 400 with a code, and neither the JSON parser's name nor its message", async () => {
    const errors = vi.spyOn(console, 'error');
    try {
      for (const body of ['{bad json', '{"query":', '[', 'nul', '{"query":"{ __typename }"}}', '\u00ff']) {
        for (const accept of ['application/graphql-response+json', 'application/json', '*/*']) {
          const answer = await rawRequest(
            server.url,
            'POST /graphql HTTP/1.1',
            { 'content-type': 'application/json', accept },
            body,
          );
          expect(answer.status, `${body} ${accept}`).toBe(400);
          expect(answer.body).not.toMatch(LEAK);
          expect(answer.body).not.toMatch(/position|Unexpected token|Expected property|originalError/i);
          expect(JSON.parse(answer.body).errors).toEqual([
            { message: expect.any(String), extensions: { code: 'BAD_REQUEST' } },
          ]);
        }
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    await expectStillServing();
  });

  it('refuses a string literal longer than variables may hold, without echoing it', async () => {
    const long = 'x'.repeat(90_000);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ node(id: "${long}") { id } }` }),
    });
    const text = await response.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('STRING_TOO_LONG');
    expect(text.length).toBeLessThan(1_000);
    await expectStillServing();
  });

  it('answers a body declared over the limit with 413, even to a client still sending it', async () => {
    const body = JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(2 * LIMITS.maxBodyBytes) });
    for (let attempt = 0; attempt < 20; attempt++) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(413);
      expect(await response.text()).toMatch(/over the limit/);
    }
    await expectStillServing();
  });
});

describe('unexpected errors', () => {
  it('are logged once, on one line with the request id, and answered with a masked 500 naming it', async () => {
    const failing = createServer(
      edge(
        () => {
          throw new TypeError('Cannot read properties of undefined at /work/secret/path.ts:12:3');
        },
        { publicBaseUrl: undefined, trustProxy: false, sendTimeoutMs: 1_000 },
      ),
    );
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const method of ['GET', 'HEAD', 'POST']) {
        errors.mockClear();
        const answer = await rawRequest(url, `${method} /id/athlete/x HTTP/1.1`);
        expect(answer.status).toBe(500);
        expect(answer.body).not.toMatch(LEAK);
        expect(answer.body).not.toContain('Cannot read');
        const id = answer.headers['x-request-id'] ?? '';
        expect(id).toMatch(/^[\w-]{8}$/);
        if (method !== 'HEAD') expect(answer.body).toBe(`Internal server error (request ${id}).\n`);
        expect(errors).toHaveBeenCalledTimes(1);
        const line = String(errors.mock.calls[0]?.[0]);
        expect(line).toContain(`request ${id}`);
        expect(line).toContain('Cannot read properties');
        expect(line).not.toContain('\n');
      }
    } finally {
      errors.mockRestore();
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it("in a GraphQL resolver are masked by Yoga, and Yoga's log line names the request", async () => {
    const broken = createServer(nodeHandler({ store: storeWithDanglingGames(), responseCache: false }));
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // Twice: the second time too goes to the full pipeline, an answer with errors is never admitted.
      for (let attempt = 0; attempt < 2; attempt++) {
        errors.mockClear();
        const answer = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ participation(slug: "broken") { games { name } } }' }),
        });
        const body = (await answer.json()) as { errors: { message: string }[] };
        expect(body.errors[0]?.message).toBe('Unexpected error.');
        expect(errors).toHaveBeenCalled();
        for (const [line] of errors.mock.calls) expect(String(line)).toMatch(/^request [\w-]{8}: /);
      }
    } finally {
      errors.mockRestore();
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });

  it('in a linked-data route of the real app are masked the same way', async () => {
    const broken = createServer(nodeHandler({ store: storeWithDanglingGames(), responseCache: false }));
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      for (const accept of ['text/html', 'text/turtle', 'application/ld+json']) {
        errors.mockClear();
        const answer = await rawRequest(url, 'GET /id/delegation/broken HTTP/1.1', { accept });
        expect(answer.status, accept).toBe(500);
        expect(answer.body).not.toMatch(LEAK);
        expect(answer.body).toMatch(/^Internal server error \(request [\w-]{8}\)\.\n$/);
        expect(errors).toHaveBeenCalledTimes(1);
      }
    } finally {
      errors.mockRestore();
      broken.closeAllConnections();
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});
