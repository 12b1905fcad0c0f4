import { describe, expect, it } from 'vitest';
import { loadGraph } from '../src/graph/loader.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR } from './helpers.js';

const QUERY = '{ athlete(slug: "rim-ju-song") { iri name } }';

describe('the response cache', () => {
  it('answers a repeated query from the cache, per base IRI, and conditional GETs with 304', async () => {
    const app = createApp({ store: await loadGraph(DATA_DIR) });
    const get = (origin: string, headers: Record<string, string> = {}) =>
      app.fetch(`${origin}/graphql?query=${encodeURIComponent(QUERY)}`, {
        headers: { accept: 'application/json', ...headers },
      });

    const first = await get('http://a.test');
    const second = await get('http://a.test');
    expect(await first.json()).toEqual({
      data: { athlete: { iri: 'http://a.test/id/athlete/rim-ju-song', name: 'Rim Ju-song' } },
    });
    expect(await second.json()).toEqual({
      data: { athlete: { iri: 'http://a.test/id/athlete/rim-ju-song', name: 'Rim Ju-song' } },
    });
    const etag = second.headers.get('etag');
    expect(etag).toBeTruthy();

    const other = await get('http://b.test');
    expect(((await other.json()) as { data: { athlete: { iri: string } } }).data.athlete.iri).toBe(
      'http://b.test/id/athlete/rim-ju-song',
    );

    const conditional = await get('http://a.test', { 'if-none-match': etag ?? '' });
    expect(conditional.status).toBe(304);
  });
});
