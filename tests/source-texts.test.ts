import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_URL, DATA_DIR, realApp } from './helpers.js';

describe("the seeds' texts", () => {
  it('are linked from their reports (schema:archivedAt) and served as the loader read them', async () => {
    const { store, app } = await realApp();
    const withText = store.all('report').filter((report) => report.textFile !== null);
    expect(withText.length).toBeGreaterThan(0);
    for (const report of withText) {
      const document = await (await app.fetch(`${BASE_URL}/id/report/${report.slug}`)).json();
      const node = document['@graph'].find((candidate: { '@id': string }) => candidate['@id'].endsWith(report.slug));
      const link = node.archivedAt['@id'] as string;
      expect(link).toBe(`${BASE_URL}/${report.textFile}`);
      const response = await app.fetch(link);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe(await readFile(path.join(DATA_DIR, String(report.textFile)), 'utf8'));
      const page = await (
        await app.fetch(`${BASE_URL}/id/report/${report.slug}`, { headers: { accept: 'text/html' } })
      ).text();
      expect(page).toContain(`href="/${report.textFile}"`);
    }
  });

  it('answer nothing for a file no report keeps', async () => {
    const { app } = await realApp();
    expect((await app.fetch(`${BASE_URL}/sources/none.txt`)).status).toBe(404);
  });
});
