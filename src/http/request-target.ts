import { HttpRefusal } from './reply.js';

/** The longest path accepted, in bytes as sent; no route needs more (slugs are short). */
export const MAX_PATH_LENGTH = 2_048;

/** A request's target, checked: the path as sent, its decoded segments, and the query. */
export interface RequestTarget {
  /** The path as sent (percent-encoded), without the query: what routes match exactly. */
  readonly path: string;
  /** The path's segments, percent-decoded: `/id/athlete/rim-ju-song` → `['id', 'athlete', 'rim-ju-song']`. */
  readonly segments: readonly string[];
  /** The query with its `?`, or ''. */
  readonly search: string;
  /** The authority of an absolute-form target (`GET http://host/path`), which replaces Host (RFC 9112). */
  readonly authority: string | undefined;
}

/** Characters a path may hold as sent (RFC 3986 pchar and `/`), percent-encodings checked apart. */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
const MALFORMED_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/**
 * Reads a request target: origin-form (`/path?query`) or absolute-form (`http://host/path?query`).
 * Refuses, with a 400 (414 for a path too long), a target of another form, characters a path cannot
 * hold, a `%` not followed by two hex digits, and percent-encodings that are not UTF-8 (overlong
 * forms, surrogates, truncated sequences), so that no route ever meets a path it cannot decode.
 */
export function parseTarget(raw: string): RequestTarget {
  let target = raw;
  let authority: string | undefined;
  if (!target.startsWith('/')) {
    const absolute = /^https?:\/\/([^/?#]*)(.*)$/i.exec(target);
    if (!absolute) throw new HttpRefusal(400, 'Bad request: the request target must be a path.');
    authority = absolute[1] ?? '';
    target = absolute[2] || '/';
    if (!target.startsWith('/')) target = `/${target}`;
  }
  const query = target.indexOf('?');
  const path = query === -1 ? target : target.slice(0, query);
  const search = query === -1 ? '' : target.slice(query);
  return { path, segments: segmentsOf(path), search, authority };
}

/** Paths checked and decoded lately (most requests ask a few: `/graphql` above all), each read once. */
const recentPaths = new Map<string, readonly string[]>();
const RECENT_PATHS = 256;

function segmentsOf(path: string): readonly string[] {
  const known = recentPaths.get(path);
  if (known) return known;
  if (path.length > MAX_PATH_LENGTH) throw new HttpRefusal(414, 'URI too long.');
  if (!PATH_CHARACTERS.test(path) || MALFORMED_PERCENT.test(path)) {
    throw new HttpRefusal(400, 'Bad request: malformed path.');
  }
  const segments = Object.freeze(path.slice(1).split('/').map(decodeSegment));
  if (recentPaths.size >= RECENT_PATHS) recentPaths.delete(recentPaths.keys().next().value as string);
  recentPaths.set(path, segments);
  return segments;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpRefusal(400, 'Bad request: the path is not percent-encoded UTF-8.');
  }
}

/**
 * A Host (or X-Forwarded-Host) value as RFC 9110 allows it, and no more: a DNS name or IPv4 address,
 * or an IPv6 literal in brackets, with an optional port. Refused: userinfo (`a@b`), several colons
 * (`a:b:c`), spaces, and anything a URL parser might read differently.
 */
const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(\\d{1,5}))?$`);

export function isValidHost(value: string): boolean {
  // Every request on a connection, and most connections, name the same host.
  if (value === lastValidHost) return true;
  if (value.length > 261) return false;
  const match = HOST.exec(value);
  if (!match) return false;
  const port = match[1];
  if (port !== undefined && Number(port) > 65_535) return false;
  lastValidHost = value;
  return true;
}

let lastValidHost: string | undefined;
