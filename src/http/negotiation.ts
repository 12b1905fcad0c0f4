/**
 * Content negotiation as RFC 9110 §12.5.1 describes it, with the media-type parameters linked-data
 * clients send: `q` weights, `charset` (we write UTF-8 only), and JSON-LD's `profile` (expanded,
 * compacted, flattened). A media range matches an offer when its type, subtype and parameters do;
 * the most specific matching range gives the offer its weight, and the heaviest offer wins, ties
 * going to the server's order of preference.
 */

/** The JSON-LD document forms a `profile` parameter can ask for (JSON-LD 1.1 §9.1). */
export const JSONLD_PROFILES = {
  expanded: 'http://www.w3.org/ns/json-ld#expanded',
  compacted: 'http://www.w3.org/ns/json-ld#compacted',
  flattened: 'http://www.w3.org/ns/json-ld#flattened',
} as const;

export type JsonLdForm = keyof typeof JSONLD_PROFILES;

const FORM_BY_PROFILE = new Map(
  (Object.entries(JSONLD_PROFILES) as [JsonLdForm, string][]).map(([form, iri]) => [iri, form]),
);

/** One representation a resource can be sent as. */
export interface Offer {
  /** `type/subtype`, lower case, without parameters. */
  readonly mediaType: string;
  /** For JSON-LD: the document forms this representation is in (compacted; flattened and compacted…). */
  readonly forms?: readonly JsonLdForm[];
}

/** One media range of an Accept header. */
export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly parameters: ReadonlyMap<string, string>;
  readonly q: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Splits on a separator outside quoted strings. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char === '"' && text[index - 1] !== '\\') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

/**
 * The media ranges of an Accept header. Ranges that are not `type/subtype` tokens, or whose `q` is not
 * a number from 0 to 1, are dropped; an empty or absent header accepts anything.
 */
export function parseAccept(header: string | null | undefined): MediaRange[] {
  if (header === null || header === undefined || header.trim() === '') return [anything];
  const ranges: MediaRange[] = [];
  for (const part of splitOutsideQuotes(header, ',')) {
    const [range = '', ...rawParameters] = splitOutsideQuotes(part, ';');
    const [type = '', subtype = '', extra] = range.trim().toLowerCase().split('/');
    if (extra !== undefined || !TOKEN.test(type) || !TOKEN.test(subtype) || (type === '*' && subtype !== '*')) continue;
    const parameters = new Map<string, string>();
    let q = 1;
    let valid = true;
    for (const raw of rawParameters) {
      const equals = raw.indexOf('=');
      const name = raw
        .slice(0, equals < 0 ? undefined : equals)
        .trim()
        .toLowerCase();
      let value = equals < 0 ? '' : raw.slice(equals + 1).trim();
      if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
        value = value.slice(1, -1).replace(/\\(.)/g, '$1');
      if (name === 'q') {
        q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : Number.NaN;
        if (Number.isNaN(q)) valid = false;
      } else if (name !== '') parameters.set(name, value);
    }
    if (valid) ranges.push({ type, subtype, parameters, q });
  }
  return ranges;
}

const anything: MediaRange = { type: '*', subtype: '*', parameters: new Map(), q: 1 };

/**
 * How specifically a range matches an offer (higher is more specific), or -1 when it does not:
 * `*\/*` 0, `type/*` 1, `type/subtype` 2, and 3 with parameters that narrow it.
 */
export function specificity(range: MediaRange, offer: Offer): number {
  const [type, subtype] = offer.mediaType.split('/');
  if (range.type !== '*' && range.type !== type) return -1;
  if (range.subtype !== '*' && range.subtype !== subtype) return -1;
  let narrowed = false;
  for (const [name, value] of range.parameters) {
    if (name === 'charset') {
      if (!['utf-8', 'utf8'].includes(value.toLowerCase())) return -1;
      narrowed = true;
    } else if (name === 'profile' && offer.forms !== undefined) {
      const asked = new Set(
        value
          .split(/\s+/)
          .map((iri) => FORM_BY_PROFILE.get(iri))
          .filter((form) => form !== undefined),
      );
      if (asked.size === 0) continue;
      // "compacted" alone is our compacted form; any other set of forms must be exactly the offer's.
      const forms = new Set(offer.forms);
      if (asked.size !== forms.size || [...asked].some((form) => !forms.has(form))) return -1;
      narrowed = true;
    }
  }
  return (range.type === '*' ? 0 : range.subtype === '*' ? 1 : 2) + (narrowed ? 1 : 0);
}

/** The weight the Accept header gives an offer: the q of its most specific matching range, else 0. */
export function weightOf(ranges: readonly MediaRange[], offer: Offer): number {
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    const level = specificity(range, offer);
    if (level > best || (level === best && level >= 0 && range.q > q)) {
      best = level;
      q = range.q;
    }
  }
  return best < 0 ? 0 : q;
}

/** The offer to send for an Accept header: the heaviest, the earliest among equals; undefined if none is acceptable. */
export function negotiate<T extends Offer>(accept: string | null | undefined, offers: readonly T[]): T | undefined {
  const ranges = parseAccept(accept);
  let chosen: T | undefined;
  let weight = 0;
  for (const offer of offers) {
    const q = weightOf(ranges, offer);
    if (q > weight) {
      chosen = offer;
      weight = q;
    }
  }
  return chosen;
}
