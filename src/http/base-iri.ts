import type { IncomingMessage } from 'node:http';
import { isValidHost } from './request-target.js';

export interface BaseIriOptions {
  /** The base of every IRI (PUBLIC_BASE_URL), without a trailing slash; the rest is ignored when set. */
  readonly publicBaseUrl: string | undefined;
  /**
   * TRUST_PROXY: a proxy in front sets X-Forwarded-Proto and X-Forwarded-Host, and the base follows
   * them. Only a proxy that sets them itself (never passing a client's on) may be trusted so.
   */
  readonly trustProxy: boolean;
}

/** The first value of a header that may be repeated or listed (`a, b`). */
function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(',')[0]?.trim() || undefined;
}

/** `http://{address}:{port}` for the address a connection reached this server on. */
export function listenBase(address: string | undefined, port: number | undefined): string {
  const host = address?.startsWith('::ffff:') ? address.slice(7) : (address ?? '127.0.0.1');
  return `http://${host.includes(':') ? `[${host}]` : host}:${port ?? 80}`;
}

/**
 * The base of entity IRIs for a request. Never the Host header, which any client sets at will and
 * which a shared cache does not key on: one spoofed Host would poison the cached sitemap, dumps and
 * GraphQL answers. Without PUBLIC_BASE_URL, the base is the address and port the connection reached
 * (an address of this server, whatever the client claims), or, with TRUST_PROXY, what the proxy
 * forwards; undefined when forwarded values are malformed.
 */
export function baseIriResolver({
  publicBaseUrl,
  trustProxy,
}: BaseIriOptions): (request: IncomingMessage) => string | undefined {
  if (publicBaseUrl !== undefined) return () => publicBaseUrl;
  const local = (request: IncomingMessage) => listenBase(request.socket.localAddress, request.socket.localPort);
  if (!trustProxy) return local;
  return (request) => {
    const host = firstValue(request.headers['x-forwarded-host']);
    const proto = firstValue(request.headers['x-forwarded-proto'])?.toLowerCase();
    if (host === undefined && proto === undefined) return local(request);
    if (proto !== undefined && proto !== 'http' && proto !== 'https') return undefined;
    if (host !== undefined && !isValidHost(host)) return undefined;
    const fallback = new URL(local(request));
    return `${proto ?? 'http'}://${(host ?? fallback.host).toLowerCase()}`;
  };
}
