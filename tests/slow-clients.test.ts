import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../src/graph/loader.js';
import type { Store } from '../src/graph/store.js';
import { edge } from '../src/http/edge.js';
import { type NodeHandlerOptions, nodeHandler } from '../src/http/handler.js';
import { generatedDataDir, PROJECT_ROOT } from './helpers.js';

// Dumps larger than what the kernel's socket buffers on loopback hold, so that a reader who does not
// read stalls the writer: the 20× graph.
let dataDir: string;
let store: Store;

beforeAll(async () => {
  dataDir = await generatedDataDir(20);
  store = await loadGraph(dataDir);
}, 120_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function serve(
  options: Partial<NodeHandlerOptions>,
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer(nodeHandler({ store, responseCache: false, ...options }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const connections = (server: Server) =>
  new Promise<number>((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );

/** A client that asks for `pathname` and then reads nothing: its socket, paused. */
async function stalledReader(url: string, pathname: string): Promise<net.Socket> {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  socket.pause();
  return socket;
}

describe('slow readers', () => {
  it('a reader that takes nothing is cut off after the send timeout; one that reads slowly is not', async () => {
    const { server, url, close } = await serve({ sendTimeoutMs: 2_000 });
    const stalled: net.Socket[] = [];
    try {
      const whole = Buffer.byteLength(await (await fetch(`${url}/dataset.nq`)).text());
      expect(whole).toBeGreaterThan(16 * 1024 * 1024);
      // The fetch above keeps its connection open, idle: counted apart.
      const idle = await connections(server);
      const started = Date.now();
      for (let client = 0; client < 5; client++) stalled.push(await stalledReader(url, '/dataset.nq'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await connections(server)).toBe(idle + 5);
      while ((await connections(server)) > idle) {
        expect(Date.now() - started).toBeLessThan(15_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The server let go of all five after the send timeout, not before.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);

      // A slow but steady reader (a couple of MB a second, well below what loopback carries) is not
      // cut off: 12 MB of the dump, read a slice at a time, and the connection still open.
      const socket = await stalledReader(url, '/dataset.nq');
      stalled.push(socket);
      let closed = false;
      socket.once('close', () => {
        closed = true;
      });
      let received = 0;
      while (received < 12 * 1024 * 1024 && !closed) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        for (let chunk = socket.read(); chunk !== null && received < 12 * 1024 * 1024; chunk = socket.read()) {
          received += chunk.length;
          if (received % (256 * 1024) < chunk.length) break;
        }
      }
      expect(closed).toBe(false);
      expect(received).toBeGreaterThanOrEqual(12 * 1024 * 1024);
    } finally {
      for (const socket of stalled) socket.destroy();
      await close();
    }
  }, 120_000);

  it('a reader that takes nothing of a large text answer is cut off after the send timeout too', async () => {
    // Text is written in one piece: what the socket does not take at once waits behind the reader.
    const text = 'x'.repeat(32 * 1024 * 1024);
    const server = createServer(
      edge(() => ({ status: 200, headers: ['content-type', 'text/plain'], body: text }), {
        publicBaseUrl: undefined,
        trustProxy: false,
        sendTimeoutMs: 1_000,
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stalled = await stalledReader(url, '/large');
    try {
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await connections(server)).toBe(1);
      while ((await connections(server)) > 0) {
        expect(Date.now() - started).toBeLessThan(15_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    } finally {
      stalled.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  it('dumps are streamed a few at a time: more are refused with 503 and Retry-After, and everything else answers', async () => {
    const { url, close } = await serve({ maxConcurrentDumps: 2, sendTimeoutMs: 60_000 });
    const stalled: net.Socket[] = [];
    try {
      stalled.push(await stalledReader(url, '/dataset.nq'), await stalledReader(url, '/dataset.ttl'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const third = await fetch(`${url}/dataset.jsonld`);
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('5');
      expect(third.headers.get('cache-control')).toBe('no-store');
      await third.text();
      // Everything else is answered meanwhile.
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/graphql?query=%7B__typename%7D`)).status).toBe(200);
      // HEAD makes no dump and takes no slot.
      expect((await fetch(`${url}/dataset.jsonld`, { method: 'HEAD' })).status).toBe(200);
      // A slot is free again once a download ends.
      stalled.shift()?.destroy();
      for (let attempt = 0; ; attempt++) {
        const next = await fetch(`${url}/dataset.jsonld`);
        if (next.status === 200) {
          await next.body?.cancel();
          break;
        }
        await next.text();
        expect(attempt).toBeLessThan(50);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      for (const socket of stalled) socket.destroy();
      await close();
    }
  }, 60_000);
});

describe('the answer cache', () => {
  it('is bounded in bytes: a thousand 900 kB answers fit in a 192 MB heap, and memory grows by the bound, not by them', async () => {
    const bound = 32 * 1024 * 1024;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=192', '--expose-gc', '--import', 'tsx', 'tests/answer-cache-memory.mts', String(bound)],
      { cwd: PROJECT_ROOT },
    );
    const { before = 0, after = 0, cached = 0, largest = 0 } = JSON.parse(stdout) as Record<string, number>;
    expect(largest).toBeLessThanOrEqual(bound);
    expect(cached).toBeGreaterThan(bound / 2);
    // Kept strings take one byte a character here (Latin-1); the bound counts two: room for the rest.
    expect(after - before).toBeLessThan(bound + 64 * 1024 * 1024);
  }, 120_000);
});
