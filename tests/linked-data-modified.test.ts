import { cp, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import { NS } from '../src/linked-data/namespaces.js';
import { BASE_URL, DATA_DIR, realApp } from './helpers.js';
import { parseRdf } from './rdf-helpers.js';

async function get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
  const { app } = await realApp();
  return app.fetch(`${BASE_URL}${pathname}`, { headers });
}

/** Every path that answers from the data: documents of each sort of IRI, a suffix, a dump, VoID, pages. */
const FROM_DATA = [
  '/id/athlete/rim-ju-song',
  '/id/athlete/rim-ju-song.ttl',
  '/id/series/paralympic-games',
  '/id/dataset/paralympics-graph',
  '/graph/preferred',
  '/graph/north-korea-at-the-paralympics',
  '/dataset.nt',
  '/.well-known/void',
  '/sitemap.xml',
  '/',
];

describe('when the data last changed', () => {
  let copy: string;
  beforeAll(async () => {
    copy = await mkdtemp(path.join(tmpdir(), 'pg-modified-'));
    await cp(DATA_DIR, copy, { recursive: true });
  });
  afterAll(() => rm(copy, { recursive: true, force: true }));

  it('is the newest modification time of the data files and source texts, recorded when compiled', async () => {
    const files = (await readdir(copy, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    const texts = files.filter((file) => file.includes(`${path.sep}sources${path.sep}`));
    expect(texts.length).toBeGreaterThan(0);
    const at = (iso: string) => new Date(iso);
    for (const file of files) await utimes(file, at('2024-01-01T00:00:00Z'), at('2024-01-01T00:00:00Z'));
    await utimes(texts[0] as string, at('2025-03-04T05:06:07.890Z'), at('2025-03-04T05:06:07.890Z'));
    expect((await loadGraph(copy)).modified).toBe('2025-03-04T05:06:07Z');
    expect((await loadMemoryGraph(copy)).modified).toBe('2025-03-04T05:06:07Z');
    // A data file changed later moves it on; a file that is not data (a README) does not.
    await utimes(path.join(copy, 'results.json'), at('2026-02-03T00:00:00Z'), at('2026-02-03T00:00:00Z'));
    await utimes(path.join(copy, 'README.md'), at('2027-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'));
    expect((await loadGraph(copy)).modified).toBe('2026-02-03T00:00:00Z');
  }, 60_000);

  it('is every data answer’s Last-Modified, and If-Modified-Since no earlier answers 304', async () => {
    const { store } = await realApp();
    const lastModified = new Date(store.modified).toUTCString();
    const earlier = new Date(Date.parse(store.modified) - 1000).toUTCString();
    for (const pathname of FROM_DATA) {
      const fresh = await get(pathname);
      expect(fresh.status, pathname).toBe(200);
      expect(fresh.headers.get('last-modified'), pathname).toBe(lastModified);
      const etag = fresh.headers.get('etag') as string;
      const unchanged = await get(pathname, { 'if-modified-since': lastModified });
      expect(unchanged.status, pathname).toBe(304);
      expect(await unchanged.text()).toBe('');
      expect(unchanged.headers.get('last-modified')).toBe(lastModified);
      expect((await get(pathname, { 'if-modified-since': earlier })).status, pathname).toBe(200);
      expect((await get(pathname, { 'if-modified-since': 'yesterday' })).status, pathname).toBe(200);
      // If-None-Match decides when both are sent.
      expect((await get(pathname, { 'if-modified-since': lastModified, 'if-none-match': '"other"' })).status).toBe(200);
      expect((await get(pathname, { 'if-modified-since': earlier, 'if-none-match': etag })).status).toBe(304);
    }
    // The context and the vocabulary are the code's, not the data's.
    expect((await get('/context.jsonld')).headers.get('last-modified')).toBeNull();
    expect((await get('/id/athlete/nobody')).headers.get('last-modified')).toBeNull();
  });

  it('is the dataset’s schema:dateModified and dcterms:modified', async () => {
    const { store } = await realApp();
    const quads = parseRdf(
      await (await get('/id/dataset/paralympics-graph', { accept: 'text/turtle' })).text(),
      'text/turtle',
    );
    const iri = `${BASE_URL}/id/dataset/paralympics-graph`;
    for (const property of [`${NS.schema}dateModified`, `${NS.dcterms}modified`]) {
      const values = quads.filter((quad) => quad.subject.value === iri && quad.predicate.value === property);
      expect(
        values.map((quad) => quad.object.value),
        property,
      ).toEqual([store.modified]);
      expect(values.map((quad) => (quad.object as { datatype?: { value: string } }).datatype?.value)).toEqual([
        `${NS.xsd}dateTime`,
      ]);
    }
  });
});
