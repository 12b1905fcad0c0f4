import { hash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import Negotiator from 'negotiator';
import { entityTag, matchesEntityTag } from './conditional.js';

/** A file's name never changes while its bytes stay the same, so browsers and CDNs may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What leads a static file's ETag where an answer's has the data's version: these do not change with the data. */
const STATIC = 'static';

type Encoding = 'br' | 'gzip';
const ENCODINGS = ['br', 'gzip', 'identity'] as const;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

// negotiator 1.x takes the server's preference among equally acceptable encodings; its types predate that.
type EncodingNegotiation = (
  available: readonly string[],
  options: { preferred: readonly string[] },
) => string | undefined;

/** The encoding to send: Brotli before gzip where the client takes both equally (browsers list gzip first). */
function preferredEncoding(acceptEncoding: string): Encoding | 'identity' | undefined {
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
  return (negotiator.encoding as unknown as EncodingNegotiation).call(negotiator, ENCODINGS, {
    preferred: ENCODINGS,
  }) as Encoding | 'identity' | undefined;
}

/** One static file, served under a name that carries a hash of its bytes. */
export interface Asset {
  /** Where it is served: `/assets/{name}.{hash}.{extension}`. */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  /** A Subresource Integrity value for `<script integrity>` and `<link integrity>`. */
  readonly integrity: string;
}

interface Shelved extends Asset {
  readonly etag: string;
  /** Each encoding made once, on first request, then kept. */
  readonly encoded: Map<Encoding, Promise<{ body: Buffer; etag: string }>>;
}

async function encode(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(body, { level: 9 });
  // Brotli's densest setting takes 20 s on GraphiQL's 9 MB; 9 takes 2.5 s for 9 % more bytes.
  const quality = body.length > 1_000_000 ? 9 : constants.BROTLI_MAX_QUALITY;
  return brotli(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

/**
 * Static files (the site's stylesheet and icon, GraphiQL's script and styles) under hashed names, so a
 * page can reference them for good: a second visit downloads nothing. Each is compressed once per
 * encoding, at the densest setting, and answered with an ETag.
 */
export class AssetShelf {
  readonly #byPath = new Map<string, Shelved>();

  /** Shelves `body` and returns where it is served. */
  add(name: string, extension: string, contentType: string, body: string | Buffer): Asset {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const digest = hash('sha256', bytes, 'base64url');
    const asset: Shelved = {
      path: `/assets/${name}.${digest.slice(0, 12)}.${extension}`,
      contentType,
      body: bytes,
      integrity: `sha256-${hash('sha256', bytes, 'base64')}`,
      etag: entityTag(bytes, STATIC),
      encoded: new Map(),
    };
    this.#byPath.set(asset.path, asset);
    return asset;
  }

  /** Adds a file under a fixed path too (such as `/favicon.ico`, which browsers ask for by name). */
  alias(path: string, asset: Asset): void {
    const shelved = this.#byPath.get(asset.path);
    if (shelved) this.#byPath.set(path, shelved);
  }

  async respond(request: Request, path: string): Promise<Response | undefined> {
    const asset = this.#byPath.get(path);
    if (!asset) return undefined;
    const encoding = preferredEncoding(request.headers.get('accept-encoding') ?? 'identity');
    const variant =
      encoding === undefined || encoding === 'identity'
        ? { body: asset.body, etag: asset.etag }
        : await this.#encoded(asset, encoding);
    const headers = new Headers({
      'content-type': asset.contentType,
      'cache-control': path === asset.path ? IMMUTABLE : 'public, max-age=86400',
      etag: variant.etag,
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
    });
    if (matchesEntityTag(request.headers.get('if-none-match'), variant.etag)) {
      return new Response(null, { status: 304, headers });
    }
    if (encoding === 'br' || encoding === 'gzip') headers.set('content-encoding', encoding);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(variant.body), { status: 200, headers });
  }

  #encoded(asset: Shelved, encoding: Encoding): Promise<{ body: Buffer; etag: string }> {
    let made = asset.encoded.get(encoding);
    if (!made) {
      made = encode(asset.body, encoding).then((body) => ({ body, etag: entityTag(body, STATIC) }));
      asset.encoded.set(encoding, made);
    }
    return made;
  }
}

/** Serves the shelf's files for GET and HEAD. */
export function useAssets(shelf: () => AssetShelf): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const response = await shelf().respond(request, url.pathname);
      if (response) endResponse(response);
    },
  };
}
