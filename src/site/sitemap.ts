import { KINDS, type Kind } from '../graph/kinds.js';
import type { Store } from '../graph/store.js';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { entityIri } from '../linked-data/iris.js';
import { escapeHtml } from './escape-html.js';

/** What the sitemaps protocol allows in one file (sitemaps.org): URLs, and bytes uncompressed. */
export interface SitemapLimits {
  readonly urls: number;
  readonly bytes: number;
}

export const SITEMAP_LIMITS: SitemapLimits = { urls: 50_000, bytes: 50 * 1024 * 1024 };

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const URLSET_OPEN = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NAMESPACE}">\n`;
const URLSET_CLOSE = '</urlset>\n';
/** Entries written per chunk of a streamed file. */
const CHUNK = 1_000;

/** The path of numbered sitemap file `n` (from 1), which the index lists. */
export const sitemapPath = (n: number): string => `/sitemap-${n}.xml`;
export const SITEMAP_FILE_PATH = /^\/sitemap-([1-9]\d{0,8})\.xml$/;

/** Where each file starts: a kind (its place in KINDS) and a position in that kind's display order. */
interface Start {
  readonly kind: number;
  readonly at: number;
}

/** The slugs of a kind in display order, from the store's columns where it has them (no record is built). */
function slugReader(store: Store, kind: Kind): (from: number, to: number) => string[] {
  const list = store.all(kind);
  const ids = store.ids;
  const order = ids?.idsOf(list);
  if (ids && order) {
    return (from, to) => {
      const slugs: string[] = [];
      for (let at = from; at < to; at++) slugs.push(ids.slug(order[at] as number));
      return slugs;
    };
  }
  return (from, to) => list.slice(from, to).map((record) => record.slug);
}

const entryOf = (iri: string) => `  <url><loc>${escapeHtml(iri)}</loc></url>\n`;

/**
 * The sitemaps of a dataset: every entity page, in the store's display order, split into numbered
 * files of at most `limits.urls` URLs and `limits.bytes` bytes each, listed by a sitemap index.
 * Where each file starts is found once, by one pass over the slugs; each file is then written a
 * thousand entries at a time as it is sent.
 */
export class Sitemaps {
  readonly #dataset: LinkedDataset;
  readonly #limits: SitemapLimits;
  #starts: readonly Start[] | undefined;

  constructor(dataset: LinkedDataset, limits: SitemapLimits = SITEMAP_LIMITS) {
    this.#dataset = dataset;
    this.#limits = limits;
  }

  /** The sitemap index: each file's URL, with the data's last change. */
  index(): string {
    const { base, store } = this.#dataset;
    const lastmod = store.modified ? `<lastmod>${escapeHtml(store.modified)}</lastmod>` : '';
    const files = this.#fileStarts().map(
      (_, n) => `  <sitemap><loc>${escapeHtml(`${base}${sitemapPath(n + 1)}`)}</loc>${lastmod}</sitemap>\n`,
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NAMESPACE}">\n${files.join('')}</sitemapindex>\n`;
  }

  /** How many numbered files there are. */
  count(): number {
    return this.#fileStarts().length;
  }

  /** Numbered file `n` (from 1 to {@link count}) as text chunks. */
  file(n: number): Generator<string> {
    const starts = this.#fileStarts();
    const start = starts[n - 1];
    if (start === undefined) throw new RangeError(`There is no sitemap file ${n}`);
    return this.#entries(start, starts[n]);
  }

  *#entries(start: Start, end: Start | undefined): Generator<string> {
    const { base, store } = this.#dataset;
    yield URLSET_OPEN;
    const last = end ?? { kind: KINDS.length - 1, at: store.count(KINDS[KINDS.length - 1] as Kind) };
    for (let index = start.kind; index <= last.kind; index++) {
      const kind = KINDS[index] as Kind;
      const slugs = slugReader(store, kind);
      const to = index === last.kind ? last.at : store.count(kind);
      for (let from = index === start.kind ? start.at : 0; from < to; from += CHUNK) {
        let chunk = '';
        for (const slug of slugs(from, Math.min(from + CHUNK, to))) chunk += entryOf(entityIri(base, kind, slug));
        yield chunk;
      }
    }
    yield URLSET_CLOSE;
  }

  /** Where each file starts, found by one pass over every slug's entry length (kept once complete). */
  #fileStarts(): readonly Start[] {
    if (this.#starts) return this.#starts;
    const { base, store } = this.#dataset;
    const room = this.#limits.bytes - Buffer.byteLength(URLSET_OPEN) - Buffer.byteLength(URLSET_CLOSE);
    const starts: Start[] = [{ kind: 0, at: 0 }];
    let urls = 0;
    let bytes = 0;
    KINDS.forEach((kind, index) => {
      const count = store.count(kind);
      const slugs = slugReader(store, kind);
      for (let from = 0; from < count; from += CHUNK) {
        slugs(from, Math.min(from + CHUNK, count)).forEach((slug, offset) => {
          const size = Buffer.byteLength(entryOf(entityIri(base, kind, slug)));
          if (urls > 0 && (urls === this.#limits.urls || bytes + size > room)) {
            starts.push({ kind: index, at: from + offset });
            urls = 0;
            bytes = 0;
          }
          urls += 1;
          bytes += size;
        });
      }
    });
    // A pass of a store fetching from elsewhere may lack data: what it found then is not kept.
    if (!store.lacking) this.#starts = starts;
    return starts;
  }
}
