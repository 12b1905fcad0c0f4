import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DISPUTED_FACT_QUERY } from '../src/examples.js';
import { edge } from '../src/http/edge.js';
import { MOST_WAITING_ANSWERS, writeAtEndOfTurn } from '../src/http/write-batch.js';
import { listenOnLoopback } from './helpers.js';
import { LEAK, rawRequest } from './raw-http.js';

describe('answers written at the end of the turn', () => {
  it('run after the turn that made them, in the order they were made', async () => {
    const written: number[] = [];
    const answers = [1, 2, 3].map((n) => writeAtEndOfTurn(() => written.push(n)));
    expect(written).toEqual([]);
    await Promise.all(answers);
    expect(written).toEqual([1, 2, 3]);
  });

  it('never keep more than MOST_WAITING_ANSWERS waiting: the one that fills the group writes it at once', async () => {
    const written: number[] = [];
    const answers = Array.from({ length: MOST_WAITING_ANSWERS + 2 }, (_, n) => writeAtEndOfTurn(() => written.push(n)));
    expect(written).toEqual(Array.from({ length: MOST_WAITING_ANSWERS }, (_, n) => n));
    await Promise.all(answers);
    expect(written).toEqual(Array.from({ length: MOST_WAITING_ANSWERS + 2 }, (_, n) => n));
  });

  it('a write that throws fails its own answer only', async () => {
    const written: string[] = [];
    const failure = new Error('header refused');
    const settled = await Promise.allSettled([
      writeAtEndOfTurn(() => written.push('before')),
      writeAtEndOfTurn(() => {
        throw failure;
      }),
      writeAtEndOfTurn(() => written.push('after')),
    ]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: failure });
    expect(written).toEqual(['before', 'after']);
  });
});

describe('the server, writing answers together', () => {
  type Server = Awaited<ReturnType<typeof listenOnLoopback>>;
  let server: Server;
  beforeAll(async () => {
    server = await listenOnLoopback({ responseCache: false });
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (query: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });

  it('answers many requests at once, each with the bytes it gets alone', async () => {
    const queries = [
      DISPUTED_FACT_QUERY,
      '{ athlete(slug: "rim-ju-song") { name } }',
      '{ country(code: "PRK") { name } }',
    ];
    const alone = new Map<string, string>();
    for (const query of queries) alone.set(query, await (await post(query)).text());
    // More requests at once than are ever kept waiting, on as many connections.
    const asked = Array.from({ length: 3 * MOST_WAITING_ANSWERS + 1 }, (_, n) => queries[n % queries.length] as string);
    const answers = await Promise.all(
      asked.map(async (query) => {
        const response = await post(query);
        return { query, status: response.status, body: await response.text() };
      }),
    );
    for (const { query, status, body } of answers) {
      expect(status).toBe(200);
      expect(body).toBe(alone.get(query));
    }
  });

  it('answers requests pipelined on one connection in the order they were sent', async () => {
    const slugs = ['rim-ju-song', 'nobody', 'rim-ju-song'];
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    const requests = slugs.map((slug, index) => {
      const query = encodeURIComponent(`{ athlete(slug: "${slug}") { slug } }`);
      const close = index === slugs.length - 1 ? 'connection: close\r\n' : '';
      return `GET /graphql?query=${query} HTTP/1.1\r\nhost: 127.0.0.1\r\n${close}\r\n`;
    });
    socket.write(requests.join(''));
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    const bodies = Buffer.concat(chunks)
      .toString('latin1')
      .split('HTTP/1.1 ')
      .slice(1)
      .map((answer) => answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(bodies.map((body) => JSON.parse(body))).toEqual(
      slugs.map((slug) => ({ data: { athlete: slug === 'nobody' ? null : { slug } } })),
    );
  });
});

describe('an answer that cannot be written', () => {
  it('reaches the edge: logged once with the request id and answered with a masked 500', async () => {
    const failing = createServer(
      edge(() => ({ status: 200, headers: ['content-type', 'text/plain', 'x-broken', 'a\nb'], body: 'never sent' }), {
        publicBaseUrl: undefined,
        trustProxy: false,
        sendTimeoutMs: 1_000,
      }),
    );
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const answer = await rawRequest(url, 'GET /anything HTTP/1.1');
      expect(answer.status).toBe(500);
      expect(answer.body).not.toMatch(LEAK);
      expect(answer.body).not.toContain('never sent');
      const id = answer.headers['x-request-id'] ?? '';
      expect(answer.body).toBe(`Internal server error (request ${id}).\n`);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(String(errors.mock.calls[0]?.[0])).toContain(`request ${id}`);
    } finally {
      errors.mockRestore();
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});
