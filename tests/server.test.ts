import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../src/examples.js';
import { PROJECT_ROOT } from './helpers.js';
import { SERVER_TS, type ServerProcess, spawnServer } from './server-process.js';

describe('the server on loopback', () => {
  let server: ServerProcess;
  let url: string;

  beforeAll(async () => {
    server = spawnServer(SERVER_TS);
    url = await server.ready();
  }, 90_000);

  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('answers /healthz once the graph is loaded', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('serves GraphiQL to browsers, opening on the example query', async () => {
    const response = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('paralympics-graph');
    expect(html).toContain('NorthKoreaAtTheParalympics');
  });

  it('runs the example query without errors, over GET and POST', async () => {
    const post = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: EXAMPLE_QUERY }),
    });
    const body = (await post.json()) as { data?: { country?: { name?: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.country?.name).toBe('North Korea');
    const get = await fetch(`${url}/graphql?query=${encodeURIComponent('{ country(code: "PRK") { iri } }')}`);
    expect(await get.json()).toEqual({ data: { country: { iri: `${url}/id/country/north-korea` } } });
  });

  it('answers a repeated query from the HTTP-level cache, never caching errors, for any Origin', async () => {
    const ask = (query: string, origin = 'https://a.example') =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query }),
      });
    const query = '{ athlete(slug: "song-kum-jong") { name results { nodes { mark rank } } } }';
    const first = await ask(query);
    const second = await ask(query);
    expect(first.headers.get('x-response-cache')).toBe('miss');
    expect(second.headers.get('x-response-cache')).toBe('hit');
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('access-control-allow-origin')).toBe('*');
    // Nothing varies by Origin, so another origin gets the same kept answer.
    const otherOrigin = await ask(query, 'https://b.example');
    expect(otherOrigin.headers.get('x-response-cache')).toBe('hit');
    expect(otherOrigin.headers.get('access-control-allow-origin')).toBe('*');
    const failing = '{ athlete(slug: "song-kum-jong") { nme } }';
    await ask(failing);
    expect((await ask(failing)).headers.get('x-response-cache')).toBe('miss');
    // The same body under another media type is another request, refused as the first one would be.
    const asText = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://a.example' },
      body: JSON.stringify({ query }),
    });
    expect(asText.status).toBe(415);
  });

  it('uses PUBLIC_BASE_URL for IRIs when set', async () => {
    const other = spawnServer(SERVER_TS, { env: { PUBLIC_BASE_URL: 'https://data.example.org/' } });
    try {
      const otherUrl = await other.ready();
      const response = await fetch(
        `${otherUrl}/graphql?query=${encodeURIComponent('{ athlete(slug: "rim-ju-song") { iri } }')}`,
      );
      expect(await response.json()).toEqual({
        data: { athlete: { iri: 'https://data.example.org/id/athlete/rim-ju-song' } },
      });
    } finally {
      other.child.kill('SIGKILL');
    }
  }, 90_000);

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(server.output()).toContain('SIGTERM received');
  });
});

describe('a hostile or slow client, readiness and draining', () => {
  let server: ServerProcess;
  let url: string;

  beforeAll(async () => {
    server = spawnServer(SERVER_TS, { env: { HEADERS_TIMEOUT_MS: '1000', DRAIN_DELAY_MS: '1500' } });
    url = await server.ready();
  }, 90_000);

  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('cuts off a client that never finishes its headers, and keeps serving others', async () => {
    const { port } = new URL(url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const started = Date.now();
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk;
    });
    await once(socket, 'close');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(5_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('refuses a body without a Content-Length (chunked) with 411, and one declared too large with 413', async () => {
    const { port } = new URL(url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: Number(port),
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.write(`{"query": "{ __typename }", "padding": "`);
      for (let chunk = 0; chunk < 30; chunk++) request.write('x'.repeat(10_000));
      request.end('"}');
    });
    expect(status).toBe(411);
    const large = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(200_000) }),
    });
    expect(large.status).toBe(413);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('is ready once loaded, and not ready while draining on SIGTERM', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const readyz = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        http
          .get(`${url}/readyz`, { agent }, (response) => {
            response.resume();
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
            );
          })
          .on('error', reject);
      });
    expect((await readyz()).status).toBe(200);
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await readyz()).toEqual({ status: 503, connection: 'close' });
    const graphqlWhileDraining = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(graphqlWhileDraining.status).toBe(200);
    expect(graphqlWhileDraining.headers.get('connection')).toBe('close');
    const started = Date.now();
    const [code] = await exited;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(code).toBe(0);
    agent.destroy();
  });
});

describe('starting on bad data or settings', () => {
  it('refuses to start on broken data, naming file, record and field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-broken-'));
    try {
      const { cp } = await import('node:fs/promises');
      await cp(path.join(PROJECT_ROOT, 'data'), dir, { recursive: true });
      await writeFile(
        path.join(dir, 'people.json'),
        JSON.stringify([
          { slug: 'someone', citations: [{ report: 'nowhere' }], facts: { name: { value: 'X', citations: [] } } },
        ]),
      );
      const broken = spawnServer(SERVER_TS, { env: { DATA_DIR: dir } });
      const [code] = await once(broken.child, 'exit');
      expect(code).toBe(78);
      expect(broken.output()).toContain('Refusing to start');
      expect(broken.output()).toContain(
        'people.json › someone › facts.name[0].citations: every claim cites at least one report',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses a malformed setting, naming the variable', async () => {
    const bad = spawnServer(SERVER_TS, { env: { PORT: 'eighty' } });
    const [code] = await once(bad.child, 'exit');
    expect(code).toBe(78);
    expect(bad.output()).toMatch(/Invalid configuration:\n\s+- PORT:/);
  }, 90_000);
});

describe('several workers (WORKERS)', () => {
  it('serves one port from several processes, and stops them all on SIGTERM', async () => {
    const workers = spawnServer(SERVER_TS, { env: { WORKERS: '2', DRAIN_DELAY_MS: '200' } });
    try {
      // Each worker loads the graph itself; wait for both to be ready.
      const url = await workers.ready({ count: 2 });
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${url}/graphql?query=${encodeURIComponent('{ country(code: "PRK") { name } }')}`).then((r) =>
            r.json(),
          ),
        ),
      );
      expect(answers.every((answer) => JSON.stringify(answer) === '{"data":{"country":{"name":"North Korea"}}}')).toBe(
        true,
      );
      const exited = once(workers.child, 'exit');
      workers.child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (workers.child.exitCode === null) workers.child.kill('SIGKILL');
    }
  }, 150_000);
});
