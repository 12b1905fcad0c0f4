import { Agent, createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http/answers.js';

/** One instance behind the balancer, as `http://host:port`. */
export interface Upstream {
  readonly url: string;
  ready: boolean;
  served: number;
}

export interface Balancer {
  readonly url: string;
  readonly upstreams: readonly Upstream[];
  close(): Promise<void>;
}

/** How often each instance's /readyz is asked; a drain delay longer than this keeps requests whole. */
const READINESS_INTERVAL_MS = 200;
/** Headers that describe one hop and are not forwarded. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(READINESS_INTERVAL_MS * 5) })).ok;
  } catch {
    return false;
  }
}

/**
 * A minimal round-robin load balancer, the part of a real one (nginx, HAProxy, a cloud balancer) that
 * matters to this server: it routes only to instances whose /readyz answers 200, and retries a
 * request on the next instance when a connection fails. Retrying is safe here: every request is a
 * read. It is for demonstrating and testing several instances, not for production.
 */
export async function startBalancer(urls: readonly string[]): Promise<Balancer> {
  const upstreams: Upstream[] = urls.map((url) => ({ url, ready: false, served: 0 }));
  const agent = new Agent({ keepAlive: true });
  let next = 0;

  const check = async () => {
    await Promise.all(upstreams.map(async (upstream) => (upstream.ready = await isReady(upstream.url))));
  };
  await check();
  const checking = setInterval(() => void check(), READINESS_INTERVAL_MS);

  const pick = (tried: ReadonlySet<Upstream>): Upstream | undefined => {
    for (let step = 0; step < upstreams.length; step++) {
      const candidate = upstreams[(next + step) % upstreams.length];
      if (candidate?.ready && !tried.has(candidate)) {
        next = (next + step + 1) % upstreams.length;
        return candidate;
      }
    }
    return undefined;
  };

  const send = (upstream: Upstream, incoming: IncomingMessage, body: Buffer) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined && !HOP_HEADERS.has(name)) headers[name] = value;
      }
      const target = new URL(incoming.url ?? '/', upstream.url);
      const outgoing = forward(target, { method: incoming.method, headers, agent }, resolve);
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const server: Server = createServer(async (incoming, response) => {
    const body = await readBody(incoming);
    const tried = new Set<Upstream>();
    for (let upstream = pick(tried); upstream; upstream = pick(tried)) {
      tried.add(upstream);
      try {
        const answer = await send(upstream, incoming, body);
        upstream.served += 1;
        const headers = Object.entries(answer.headers).filter(([name]) => !HOP_HEADERS.has(name));
        response.writeHead(answer.statusCode ?? 502, Object.fromEntries(headers));
        answer.pipe(response);
        return;
      } catch {
        upstream.ready = false;
      }
    }
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
    response.end('No instance is ready.\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upstreams,
    close: async () => {
      clearInterval(checking);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
