import { rm } from 'node:fs/promises';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import type { Store } from '../src/graph/store.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { SITEMAP_LIMITS, Sitemaps, sitemapPath } from '../src/site/sitemap.js';
import { createApp } from '../src/yoga.js';
import { BASE_URL, generatedDataDir, realApp } from './helpers.js';

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** A sitemap file or index read by a conforming, namespace-aware XML parser: its root and each entry's children. */
function parseSitemapXml(xml: string): { root: string; entries: { loc: string; lastmod?: string }[] } {
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  let root = '';
  let text = '';
  const entries: { loc: string; lastmod?: string }[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    expect(tag.uri, tag.name).toBe(NAMESPACE);
    if (path.length === 0) root = tag.local;
    if (path.length === 1) entries.push({ loc: '' });
    path.push(tag.local);
    text = '';
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', (tag) => {
    const entry = entries.at(-1);
    if (path.length === 3 && entry && (tag.local === 'loc' || tag.local === 'lastmod')) entry[tag.local] = text;
    path.pop();
  });
  parser.write(xml).close();
  return { root, entries };
}

/** The IRIs of every record of a store, as the sitemaps must list them (each once). */
function everyEntity(dataset: LinkedDataset, store: Store): string[] {
  return KINDS.flatMap((kind) => [...store.all(kind)].map((record) => dataset.iriOf(record)));
}

/** Reads the index and every file it lists through the app, checking each against the protocol's limits. */
async function crawl(fetchPath: (path: string) => Promise<Response>) {
  const index = await fetchPath('/sitemap.xml');
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const parsedIndex = parseSitemapXml(await index.text());
  expect(parsedIndex.root).toBe('sitemapindex');
  const files = parsedIndex.entries.map((entry) => entry.loc);
  expect(files).toEqual(files.map((_, n) => `${BASE_URL}${sitemapPath(n + 1)}`));
  const urls: string[] = [];
  const sizes: { urls: number; bytes: number }[] = [];
  for (const file of files) {
    const response = await fetchPath(new URL(file).pathname);
    expect(response.status, file).toBe(200);
    const body = await response.text();
    const parsed = parseSitemapXml(body);
    expect(parsed.root, file).toBe('urlset');
    sizes.push({ urls: parsed.entries.length, bytes: Buffer.byteLength(body) });
    urls.push(...parsed.entries.map((entry) => entry.loc));
  }
  return { index: parsedIndex, files, urls, sizes };
}

describe('the sitemaps of the seed data', () => {
  const get = async (path: string, headers: Record<string, string> = {}) =>
    (await realApp()).app.fetch(`${BASE_URL}${path}`, { headers });

  it('robots.txt names the sitemap index, which lists files that list every entity once', async () => {
    const robots = await get('/robots.txt');
    expect(robots.status).toBe(200);
    const lines = (await robots.text()).split('\n');
    expect(lines).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);
    expect(lines).toContain('User-agent: *');

    const { store } = await realApp();
    const dataset = new LinkedDataset(store, BASE_URL);
    const { index, urls, sizes } = await crawl((path) => get(path));
    expect(urls).toEqual(everyEntity(dataset, store));
    for (const size of sizes) expect(size.urls).toBeLessThanOrEqual(SITEMAP_LIMITS.urls);
    for (const entry of index.entries) expect(Date.parse(entry.lastmod ?? '')).toBe(Date.parse(store.modified));
  });

  it('answers the index and its files with the caching headers of every linked-data answer, and 304 when unchanged', async () => {
    for (const path of ['/sitemap.xml', sitemapPath(1)]) {
      const first = await get(path);
      await first.text();
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=3600');
      expect(first.headers.get('last-modified'), path).toBe(new Date((await realApp()).store.modified).toUTCString());
      const etag = first.headers.get('etag') ?? '';
      expect(etag, path).not.toBe('');
      expect((await get(path, { 'if-none-match': etag })).status, path).toBe(304);
    }
  });

  it('answers 404 for a file past the last, or numbered 0', async () => {
    const { store } = await realApp();
    const count = new Sitemaps(new LinkedDataset(store, BASE_URL)).count();
    for (const path of [sitemapPath(count + 1), '/sitemap-0.xml', '/sitemap-01.xml']) {
      const response = await get(path);
      await response.text();
      expect(response.status, path).toBe(404);
    }
  });

  it('splits at the limit of URLs and at the limit of bytes, whichever comes first', async () => {
    const { store } = await realApp();
    const dataset = new LinkedDataset(store, BASE_URL);
    const every = everyEntity(dataset, store);
    const read = (sitemaps: Sitemaps) =>
      Array.from({ length: sitemaps.count() }, (_, n) => {
        const text = [...sitemaps.file(n + 1)].join('');
        return { text, parsed: parseSitemapXml(text) };
      });

    // By URLs: a third of the entities per file makes three files.
    const third = Math.ceil(every.length / 3);
    const byUrls = read(new Sitemaps(dataset, { urls: third, bytes: SITEMAP_LIMITS.bytes }));
    expect(byUrls.map((file) => file.parsed.entries.length)).toEqual([third, third, every.length - 2 * third]);
    expect(byUrls.flatMap((file) => file.parsed.entries.map((entry) => entry.loc))).toEqual(every);

    // By bytes: room for about a quarter of the whole in each file.
    const whole = read(new Sitemaps(dataset))[0]?.text ?? '';
    const bytes = Math.ceil(Buffer.byteLength(whole) / 4);
    const byBytes = read(new Sitemaps(dataset, { urls: SITEMAP_LIMITS.urls, bytes }));
    expect(byBytes.length).toBeGreaterThanOrEqual(4);
    for (const file of byBytes) expect(Buffer.byteLength(file.text)).toBeLessThanOrEqual(bytes);
    expect(byBytes.flatMap((file) => file.parsed.entries.map((entry) => entry.loc))).toEqual(every);
  });
});

describe('the sitemaps of a generated graph with more entities than one file may list', () => {
  let dataDir: string;
  let store: Store;

  beforeAll(async () => {
    // Enough copies of the seed that the copied kinds alone exceed one file's limit.
    const { store: seed } = await realApp();
    const perCopy = seed.count('athlete') + seed.count('event') + seed.count('result');
    dataDir = await generatedDataDir(Math.ceil(SITEMAP_LIMITS.urls / perCopy) + 1);
    store = await loadGraph(dataDir);
  }, 600_000);

  afterAll(async () => {
    await store?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lists every entity once across numbered files, none over 50,000 URLs or 50 MB', async () => {
    const app = createApp({ store });
    const { urls, sizes } = await crawl(async (path) => app.fetch(`${BASE_URL}${path}`));
    const every = everyEntity(new LinkedDataset(store, BASE_URL), store);
    expect(every.length).toBeGreaterThan(SITEMAP_LIMITS.urls);
    expect(sizes.length).toBe(Math.ceil(every.length / SITEMAP_LIMITS.urls));
    for (const size of sizes) {
      expect(size.urls).toBeLessThanOrEqual(SITEMAP_LIMITS.urls);
      expect(size.bytes).toBeLessThanOrEqual(SITEMAP_LIMITS.bytes);
    }
    expect(urls).toEqual(every);
  }, 600_000);
});
