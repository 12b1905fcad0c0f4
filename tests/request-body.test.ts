import { IncomingMessage } from 'node:http';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whenBodyRead } from '../src/http/answers.js';
import { HttpRefusal } from '../src/http/reply.js';
import { listenOnLoopback } from './helpers.js';

/** A request as node:http's parser makes it, on a socket that is never read: its body is pushed by the test. */
function request(): IncomingMessage {
  const socket = new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() });
  const made = new IncomingMessage(socket as unknown as net.Socket);
  made.method = 'POST';
  return made;
}

/** What whenBodyRead gives: the body (as text, and in how many calls) or the error. */
function bodyOf(made: IncomingMessage): Promise<{ body?: string; calls: number; error?: unknown }> {
  return new Promise((resolve) => {
    let calls = 0;
    whenBodyRead(
      made,
      (body) => {
        calls += 1;
        setImmediate(() => resolve({ body: body.toString('utf8'), calls }));
      },
      (error) => resolve({ error, calls }),
    );
  });
}

describe('a request body', () => {
  it('that came before it was asked for is read whole, however many parts it was pushed in', async () => {
    const made = request();
    for (const part of ['{"query":', '"{ __typename }"', '}']) made.push(Buffer.from(part));
    made.complete = true;
    made.push(null);
    expect(await bodyOf(made)).toEqual({ body: '{"query":"{ __typename }"}', calls: 1 });
  });

  it('that comes later, part by part, is read whole once it has all come', async () => {
    const made = request();
    const read = bodyOf(made);
    made.push(Buffer.from('{"query":'));
    await sleep(20);
    made.push(Buffer.from('"{ __typename }"}'));
    await sleep(20);
    made.complete = true;
    made.push(null);
    expect(await read).toEqual({ body: '{"query":"{ __typename }"}', calls: 1 });
  });

  it('that is empty is read as no bytes', async () => {
    const made = request();
    made.complete = true;
    made.push(null);
    expect(await bodyOf(made)).toEqual({ body: '', calls: 1 });
  });

  it('that ends early is refused with a 400, whether it ended in the turn it was asked for or later', async () => {
    const inTurn = request();
    const readInTurn = bodyOf(inTurn);
    inTurn.push(Buffer.from('{"query":'));
    inTurn.destroy();
    const later = request();
    const readLater = bodyOf(later);
    later.push(Buffer.from('{"query":'));
    await sleep(20);
    later.destroy();
    for (const outcome of [await readInTurn, await readLater]) {
      expect(outcome.calls).toBe(0);
      expect(outcome.error).toBeInstanceOf(HttpRefusal);
      expect(outcome.error).toMatchObject({ status: 400, message: 'Bad request: the body ended early.' });
    }
  });

  it('asked for by many requests in one turn, is given to each its own', async () => {
    const texts = Array.from({ length: 40 }, (_, index) => `{"query":"{ n${index} }"}`);
    const made = texts.map(() => request());
    const reads = made.map(bodyOf);
    // Half came with their headers, half come later.
    made.forEach((each, index) => {
      if (index % 2 === 1) return;
      each.push(Buffer.from(texts[index] as string));
      each.complete = true;
      each.push(null);
    });
    await sleep(10);
    made.forEach((each, index) => {
      if (index % 2 === 0) return;
      each.push(Buffer.from(texts[index] as string));
      each.complete = true;
      each.push(null);
    });
    expect(await Promise.all(reads)).toEqual(texts.map((body) => ({ body, calls: 1 })));
  });
});

describe('the server, given a body in parts', () => {
  type Server = Awaited<ReturnType<typeof listenOnLoopback>>;
  let server: Server;
  beforeAll(async () => {
    server = await listenOnLoopback({ responseCache: false });
  });
  afterAll(async () => {
    await server.close();
  });

  /** The answer's body to a POST whose bytes are written in `parts`, apart in time. */
  async function answerTo(body: string, parts: number): Promise<string> {
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.setNoDelay(true);
    const head = `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const whole = Buffer.from(head + body);
    const size = Math.ceil(whole.length / parts);
    for (let at = 0; at < whole.length; at += size) {
      socket.write(whole.subarray(at, at + size));
      if (parts > 1) await sleep(30);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    return text.slice(text.indexOf('\r\n\r\n') + 4);
  }

  it('answers it as it answers the same bytes sent at once, first and once the lane knows the query', async () => {
    const body = JSON.stringify({ query: '{ athlete(slug: "rim-ju-song") { name country { code } } }' });
    const atOnce = await answerTo(body, 1);
    expect(JSON.parse(atOnce)).toMatchObject({ data: { athlete: { name: expect.any(String) } } });
    for (const parts of [2, 3, 7]) expect(await answerTo(body, parts)).toBe(atOnce);
    expect(await answerTo(body, 1)).toBe(atOnce);
  });
});
