import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, listenOnLoopback } from './helpers.js';
import { rawRequest } from './raw-http.js';

/**
 * The server behind a real shared cache: Debian's nginx (installed by .ci/run), started on a free
 * loopback port with a proxy_cache in a temporary directory, as a CDN or a reverse proxy would sit in
 * front of it. nginx keys its cache on the URL alone (its default) and passes the client's Host on,
 * as many deployments do; it honours Vary and Cache-Control.
 */

type Server = Awaited<ReturnType<typeof listenOnLoopback>>;

let upstream: Server;
let nginx: ChildProcess;
let dir: string;
let cacheUrl: string;
let nginxOutput = '';

beforeAll(async () => {
  upstream = await listenOnLoopback();
  dir = await mkdtemp(path.join(tmpdir(), 'paralympics-nginx-'));
  for (const sub of ['cache', 'temp']) await mkdir(path.join(dir, sub));
  const port = await freePort();
  const temp = path.join(dir, 'temp');
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=graph:1m max_size=64m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream.url};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
      proxy_cache graph;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`,
  );
  nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  nginx.stdout?.on('data', (chunk) => {
    nginxOutput += chunk;
  });
  nginx.stderr?.on('data', (chunk) => {
    nginxOutput += chunk;
  });
  cacheUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${nginxOutput}`);
    try {
      await rawRequest(cacheUrl, 'GET /healthz HTTP/1.1');
      break;
    } catch (error) {
      if (attempt > 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}, 60_000);

afterAll(async () => {
  if (nginx?.pid !== undefined && nginx.exitCode === null) {
    const exited = once(nginx, 'exit');
    // The master and its worker: the whole group.
    process.kill(-nginx.pid, 'SIGTERM');
    await exited;
  }
  await upstream?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Each test asks for URLs of its own (a query parameter), so that nothing is cached before it runs. */
let unique = 0;
const fresh = (pathname: string) => `${pathname}${pathname.includes('?') ? '&' : '?'}fresh=${++unique}`;
const graphqlGet = (query: string) => `/graphql?query=${encodeURIComponent(query)}`;
/** A SPARQL query whose answer names entities by their IRIs. */
const SPARQL_CONSTRUCT = 'CONSTRUCT WHERE { ?athlete a <https://schema.org/Person> } LIMIT 5';
const SPARQL_SELECT = 'SELECT ?athlete WHERE { ?athlete a <https://schema.org/Person> } LIMIT 5';

describe('behind a real nginx proxy cache', () => {
  it('a spoofed Host never reaches the IRIs other clients get from the cache', async () => {
    for (const pathname of [
      fresh('/sitemap.xml'),
      fresh('/.well-known/void'),
      fresh(graphqlGet('{ athlete(slug: "rim-ju-song") { iri } }')),
      fresh('/id/athlete/rim-ju-song'),
      // The SPARQL service description names its endpoint; a CONSTRUCT's answer holds entity IRIs.
      '/sparql',
      fresh(`/sparql?query=${encodeURIComponent(SPARQL_CONSTRUCT)}`),
    ]) {
      const poisoned = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { host: 'evil.example' });
      expect(poisoned.status, pathname).toBe(200);
      expect(poisoned.headers['x-cache-status']).toBe('MISS');
      const later = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`);
      expect(later.headers['x-cache-status'], pathname).toBe('HIT');
      for (const answer of [poisoned, later]) {
        expect(answer.body, pathname).not.toContain('evil.example');
        expect(answer.body, pathname).toContain(`${upstream.url}/`);
      }
    }
    // A Host the server refuses is refused again: a 400 is not cached.
    const refused = fresh('/sitemap.xml');
    expect((await rawRequest(cacheUrl, `GET ${refused} HTTP/1.1`, { host: 'a@b' })).status).toBe(400);
    const next = await rawRequest(cacheUrl, `GET ${refused} HTTP/1.1`);
    expect(next.status).toBe(200);
    expect(next.headers['x-cache-status']).toBe('MISS');
  });

  it('a browser gets a CORS answer from a copy cached for a client that sent no Origin', async () => {
    for (const pathname of [
      fresh(graphqlGet('{ country(code: "PRK") { name } }')),
      fresh('/id/country/north-korea'),
      fresh('/context.jsonld'),
    ]) {
      const plain = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { accept: 'application/json' });
      expect(plain.headers['x-cache-status']).toBe('MISS');
      const browser = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, {
        accept: 'application/json',
        origin: 'https://app.example',
      });
      expect(browser.headers['x-cache-status'], pathname).toBe('HIT');
      expect(browser.headers['access-control-allow-origin'], pathname).toBe('*');
    }
  });

  it('Turtle and JSON-LD asked under one Origin are kept apart (Vary: Accept survives CORS)', async () => {
    const pathname = fresh('/id/athlete/rim-ju-song');
    const origin = 'https://app.example';
    const turtle = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { origin, accept: 'text/turtle' });
    expect(turtle.headers['content-type']).toBe('text/turtle; charset=utf-8');
    const jsonld = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { origin, accept: 'application/ld+json' });
    expect(jsonld.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(() => JSON.parse(jsonld.body)).not.toThrow();
    // Each form, asked again, comes from the cache as itself.
    const turtleAgain = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { origin, accept: 'text/turtle' });
    expect(turtleAgain.headers['x-cache-status']).toBe('HIT');
    expect(turtleAgain.body).toBe(turtle.body);
    const jsonldAgain = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, {
      origin,
      accept: 'application/ld+json',
    });
    expect(jsonldAgain.headers['x-cache-status']).toBe('HIT');
    expect(jsonldAgain.body).toBe(jsonld.body);
  });

  it('SPARQL results in JSON and in XML under one Origin are kept apart', async () => {
    const pathname = fresh(`/sparql?query=${encodeURIComponent(SPARQL_SELECT)}`);
    const origin = 'https://app.example';
    const forms = [
      ['application/sparql-results+json', /^application\/sparql-results\+json/],
      ['application/sparql-results+xml', /^application\/sparql-results\+xml/],
    ] as const;
    const first = new Map<string, string>();
    for (const [accept, type] of forms) {
      const answer = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { origin, accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers['content-type'], accept).toMatch(type);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      first.set(accept, answer.body);
    }
    for (const [accept, type] of forms) {
      const again = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { origin, accept });
      expect(again.headers['x-cache-status'], accept).toBe('HIT');
      expect(again.headers['content-type'], accept).toMatch(type);
      expect(again.body).toBe(first.get(accept));
    }
  });

  it('no cached copy carries headers reflected from the request that filled it', async () => {
    for (const pathname of [
      fresh(graphqlGet('{ __typename }')),
      fresh('/id/athlete/rim-ju-song'),
      fresh('/'),
      fresh(`/sparql?query=${encodeURIComponent(SPARQL_SELECT)}`),
    ]) {
      const first = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, {
        origin: 'https://evil.example',
        'access-control-request-headers': 'x-evil, authorization',
        'access-control-request-method': 'PUT',
      });
      const later = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`, { origin: 'https://app.example' });
      expect(later.headers['x-cache-status'], pathname).toBe('HIT');
      for (const answer of [first, later]) {
        const headers = JSON.stringify(answer.headers);
        expect(headers, pathname).not.toContain('x-evil');
        expect(headers, pathname).not.toContain('evil.example');
        expect(answer.headers['access-control-allow-headers']).toBeUndefined();
        expect(answer.headers['access-control-allow-origin']).toBe('*');
      }
    }
  });

  it('errors are not cached: a 404 asked twice reaches the server twice', async () => {
    const pathname = fresh('/id/athlete/nobody');
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await rawRequest(cacheUrl, `GET ${pathname} HTTP/1.1`);
      expect(answer.status).toBe(404);
      expect(answer.headers['x-cache-status']).toBe('MISS');
    }
  });
});
