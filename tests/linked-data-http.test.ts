import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import { NS } from '../src/linked-data/namespaces.js';
import { createApp } from '../src/yoga.js';
import { BASE_URL, DATA_DIR, errorCodes, graphql, PROJECT_ROOT, query, realApp, sitemapUrls } from './helpers.js';
import { jsonLdToQuads, keysOf, parseRdf } from './rdf-helpers.js';

const RIM = '/id/athlete/rim-ju-song';

async function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> {
  const { app } = await realApp();
  return app.fetch(`${BASE_URL}${pathname}`, { method, headers });
}

describe('dereferencing an entity IRI', () => {
  it.each([
    ['application/ld+json', 'application/ld+json'],
    ['application/json', 'application/ld+json'],
    ['*/*', 'application/ld+json'],
    ['text/turtle', 'text/turtle; charset=utf-8'],
    ['application/n-triples', 'application/n-triples; charset=utf-8'],
    ['application/n-quads', 'application/n-quads; charset=utf-8'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html; charset=utf-8'],
    ['text/turtle;q=0.5, application/n-triples', 'application/n-triples; charset=utf-8'],
  ])('Accept: %s gives %s, the same triples in every RDF form', async (accept, contentType) => {
    const response = await get(RIM, { accept });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('vary')).toBe('Accept');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const { store } = await realApp();
    // The data's version leads every ETag.
    expect(response.headers.get('etag')).toMatch(new RegExp(`^"${store.version}-[\\w-]{32}"$`));
    const body = await response.text();
    const { LinkedDataset } = await import('../src/linked-data/dataset.js');
    const dataset = new LinkedDataset(store, BASE_URL);
    const rim = store.follow('athlete', 'rim-ju-song');
    const expected = keysOf(
      contentType.startsWith('application/n-quads') ? dataset.graphQuads(rim) : dataset.quads(rim),
    );
    if (contentType.startsWith('application/ld+json'))
      expect(keysOf(await jsonLdToQuads(JSON.parse(body)))).toEqual(expected);
    else if (contentType.startsWith('text/html')) {
      const script = body.match(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/)?.[1] ?? '';
      expect(keysOf(await jsonLdToQuads(JSON.parse(script)))).toEqual(expected);
    } else expect(keysOf(parseRdf(body, contentType.split(';')[0] as 'text/turtle'))).toEqual(expected);
  });

  it('without an Accept header, answers JSON-LD', async () => {
    const { app } = await realApp();
    const response = await app.fetch(new Request(`${BASE_URL}${RIM}`));
    expect(response.headers.get('content-type')).toBe('application/ld+json');
  });

  it('answers 406, listing what it can produce, when nothing acceptable is available', async () => {
    const response = await get(RIM, { accept: 'image/png' });
    expect(response.status).toBe(406);
    const body = await response.text();
    expect(body).toContain('application/ld+json, text/turtle');
    expect(body).toContain('application/rdf+xml');
    expect(body).not.toContain('image/png');
  });

  it('answers 404 in the requested format for an unknown entity or kind', async () => {
    const turtle = await get('/id/athlete/nobody', { accept: 'text/turtle' });
    expect(turtle.status).toBe(404);
    expect(turtle.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect(parseRdf(await turtle.text(), 'text/turtle')).toEqual([]);
    const json = await get('/id/spaceship/enterprise', { accept: 'application/ld+json' });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ '@id': `${BASE_URL}/id/spaceship/enterprise`, error: 'not found' });
    const html = await get('/id/games/<script>', { accept: 'text/html' });
    expect(html.status).toBe(404);
    expect(await html.text()).not.toContain('<script>');
  });

  it('answers a conditional GET with 304, per representation', async () => {
    const first = await get(RIM, { accept: 'text/turtle' });
    const etag = first.headers.get('etag') ?? '';
    const again = await get(RIM, { accept: 'text/turtle', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get(RIM, { accept: 'text/turtle', 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    const otherFormat = await get(RIM, { accept: 'application/ld+json', 'if-none-match': etag });
    expect(otherFormat.status).toBe(200);
    expect(otherFormat.headers.get('etag')).not.toBe(etag);
  });

  it('answers HEAD without a body, and refuses writes', async () => {
    const head = await get(RIM, { accept: 'text/turtle' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get(RIM, {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('the HTML page of an entity', () => {
  it('escapes hostile strings in the page and in the embedded JSON-LD', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-hostile-'));
    try {
      await cp(DATA_DIR, dir, { recursive: true });
      const file = path.join(dir, 'athletes.json');
      const athletes = JSON.parse(await readFile(file, 'utf8')) as { slug: string; facts: Record<string, unknown> }[];
      const hostile = `</script><script>alert("x")</script><b onmouseover='y'>&amp;\u2028`;
      const song = athletes.find((athlete) => athlete.slug === 'song-kum-jong');
      if (!song) throw new Error('fixture');
      song.facts.name = { value: hostile, citations: [{ report: 'north-korea-at-the-paralympics' }] };
      await writeFile(file, JSON.stringify(athletes));
      const app = createApp({ store: await loadGraph(dir) });
      const page = await (
        await app.fetch(`${BASE_URL}/id/athlete/song-kum-jong`, { headers: { accept: 'text/html' } })
      ).text();
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain("<b onmouseover='y'>");
      expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)');
      const scripts = [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      const embedded = JSON.parse(scripts[0]?.[1] ?? '');
      expect(embedded['@graph'][0].name).toEqual({ '@value': hostile, '@language': 'en' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('links to related entities and shows each claim with its sources', async () => {
    const page = await (await get('/id/result/rim-ju-song-2012-men-50m-freestyle-s6', { accept: 'text/html' })).text();
    expect(page).toContain('<a href="/id/athlete/rim-ju-song">Rim Ju-song</a>');
    expect(page).toContain(
      '<a href="/id/report/north-korea-at-the-2012-summer-paralympics"><cite>North Korea at the 2012 Summer Paralympics</cite></a>',
    );
    // The row quoted from a table is a table, not pipes.
    expect(page).toContain('<tr><td>Rim Ju-Song</td><td>50m freestyle S6</td><td>47.87</td><td>17</td></tr>');
    expect(page.replace(/<script[\s\S]*?<\/script>/g, '')).not.toContain('| Rim Ju-Song |');
  });
});

describe('the dataset', () => {
  async function text(pathname: string, contentType: string): Promise<string> {
    const response = await get(pathname);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(response.headers.get('etag')).toBeTruthy();
    return response.text();
  }

  it('serves the dumps: the same triples in JSON-LD, Turtle and N-Triples, named graphs in N-Quads and TriG, as VoID counts', async () => {
    const turtle = keysOf(parseRdf(await text('/dataset.ttl', 'text/turtle; charset=utf-8'), 'text/turtle'));
    const ntriples = keysOf(
      parseRdf(await text('/dataset.nt', 'application/n-triples; charset=utf-8'), 'application/n-triples'),
    );
    const json = keysOf(
      await jsonLdToQuads(JSON.parse(await text('/dataset.jsonld', 'application/ld+json; charset=utf-8'))),
    );
    expect(ntriples).toEqual(turtle);
    expect(json).toEqual(turtle);
    const nquads = parseRdf(await text('/dataset.nq', 'application/n-quads; charset=utf-8'), 'application/n-quads');
    const trig = parseRdf(await text('/dataset.trig', 'application/trig; charset=utf-8'), 'application/trig');
    expect(keysOf(trig)).toEqual(keysOf(nquads));
    expect(nquads.every((quad) => quad.graph.termType === 'NamedNode')).toBe(true);

    const voidQuads = parseRdf(await text('/.well-known/void', 'text/turtle; charset=utf-8'), 'text/turtle');
    const voidValues = (predicate: string, subject?: string) =>
      voidQuads
        .filter((quad) => quad.predicate.value === NS.void + predicate && (!subject || quad.subject.value === subject))
        .map((quad) => quad.object.value);
    const datasetIri = `${BASE_URL}/id/dataset/paralympics-graph`;
    expect(voidValues('triples', datasetIri)).toEqual([String(turtle.size)]);
    const { store } = await realApp();
    const entities = KINDS.reduce((sum, kind) => sum + store.count(kind), 0);
    expect(voidValues('entities', datasetIri)).toEqual([String(entities)]);
    expect(voidValues('dataDump', datasetIri)).toEqual(
      ['jsonld', 'ttl', 'nt', 'nq', 'trig'].map((extension) => `${BASE_URL}/dataset.${extension}`),
    );
    // Each named graph is a VoID subset, with as many triples as the N-Quads dump puts in it.
    const graphs = new Set(nquads.map((quad) => quad.graph.value));
    expect(new Set(voidValues('subset', datasetIri))).toEqual(graphs);
    for (const graph of graphs)
      expect(voidValues('triples', graph), graph).toEqual([
        String(nquads.filter((quad) => quad.graph.value === graph).length),
      ]);

    const dump = parseRdf(await text('/dataset.ttl', 'text/turtle; charset=utf-8'), 'text/turtle');
    const mainNodes = new Set(await sitemapUrls((path) => text(path, 'application/xml; charset=utf-8')));
    expect(mainNodes.size).toBe(entities);
    for (const partition of voidQuads.filter((quad) => quad.predicate.value === `${NS.void}class`)) {
      const typed = dump.filter(
        (quad) =>
          quad.predicate.value === `${NS.rdf}type` &&
          quad.object.value === partition.object.value &&
          mainNodes.has(quad.subject.value),
      );
      expect(voidValues('entities', partition.subject.value), partition.object.value).toEqual([String(typed.length)]);
    }
  });

  it('lists every entity page in the sitemap, and each one answers', async () => {
    const urls = await sitemapUrls((path) => text(path, 'application/xml; charset=utf-8'));
    const { store } = await realApp();
    expect(urls).toHaveLength(KINDS.reduce((sum, kind) => sum + store.count(kind), 0));
    for (const url of urls) expect((await get(new URL(url).pathname, { accept: 'text/html' })).status, url).toBe(200);
  });

  it('has a home page listing the entity kinds, with links to entities and every download', async () => {
    const page = await text('/', 'text/html; charset=utf-8');
    for (const link of [
      '/graphql',
      '/dataset.jsonld',
      '/dataset.ttl',
      '/dataset.nq',
      '/dataset.trig',
      '/.well-known/void',
      '/sitemap.xml',
    ]) {
      expect(page).toContain(`href="${link}"`);
    }
    const { store } = await realApp();
    for (const kind of KINDS) expect(page).toContain(`href="/id/${kind}/">`);
    expect(page).toContain(
      `<a class="kind" href="/id/athlete/">Athletes</a><span class="count">${store.count('athlete')}</span>`,
    );
    const athletes = await text('/id/athlete/', 'text/html; charset=utf-8');
    expect(athletes).toContain('<a href="/id/athlete/rim-ju-song">Rim Ju-song</a>');
  });

  it('serves the context and vocabulary as committed', async () => {
    expect(await text('/context.jsonld', 'application/ld+json')).toBe(
      await readFile(path.join(PROJECT_ROOT, 'schema/context.jsonld'), 'utf8'),
    );
    expect(await text('/vocab.ttl', 'text/turtle; charset=utf-8')).toBe(
      await readFile(path.join(PROJECT_ROOT, 'schema/vocab.ttl'), 'utf8'),
    );
  });
});

describe('linked data through GraphQL', () => {
  it('every record has its JSON-LD document, the same one its IRI serves', async () => {
    const data = await query(
      '{ athlete(slug: "rim-ju-song") { iri jsonld } result(slug: "kim-chol-ung-2016-men-1500m-t11") { jsonld } }',
    );
    const served = await (await get(RIM, { accept: 'application/ld+json' })).json();
    expect(data.athlete.jsonld).toEqual(served);
    expect(data.athlete.jsonld['@graph'][0]['@id']).toBe(data.athlete.iri);
    expect(data.result.jsonld['@graph'][0]['pg:guide']).toEqual({ '@id': `${BASE_URL}/id/athlete/ri-kum-song` });
  });

  it('jsonld(ids:) gives one document for any selection of records', async () => {
    const ids = await query('{ country(code: "PRK") { id } games(slug: "2012-summer-paralympics") { id } }');
    const data = await query('query($ids: [ID!]!) { jsonld(ids: $ids) }', { ids: [ids.country.id, ids.games.id] });
    // The records' own nodes, beside the nodes of others that point to them (type, name and link only).
    const mains = data.jsonld['@graph'].filter(
      (node: { '@id': string; 'prov:wasDerivedFrom'?: unknown }) =>
        !node['@id'].includes('#') && node['prov:wasDerivedFrom'] !== undefined,
    );
    expect(mains.map((node: { '@id': string }) => node['@id'])).toEqual([
      `${BASE_URL}/id/country/north-korea`,
      `${BASE_URL}/id/games/2012-summer-paralympics`,
    ]);
    expect((await jsonLdToQuads(data.jsonld)).length).toBeGreaterThan(50);
    const unknown = await graphql('query($ids: [ID!]!) { jsonld(ids: $ids) }', {
      ids: [Buffer.from('Athlete:nobody').toString('base64')],
    });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });
});

describe('npm run export', () => {
  const exec = promisify(execFile);
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

  it('writes each dump without a server, the same triples as the server serves', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-export-'));
    try {
      const served = keysOf(parseRdf(await (await get('/dataset.ttl')).text(), 'text/turtle'));
      const servedQuads = keysOf(parseRdf(await (await get('/dataset.nq')).text(), 'application/n-quads'));
      for (const [format, file] of [
        ['nquads', 'out.nq'],
        ['turtle', 'out.ttl'],
        ['jsonld', 'out.jsonld'],
      ] as const) {
        const out = path.join(dir, file);
        await exec(tsx, ['src/cli.ts', 'export', '--format', format, '--out', out, '--base', BASE_URL], {
          cwd: PROJECT_ROOT,
        });
        const written = await readFile(out, 'utf8');
        const quads =
          format === 'jsonld'
            ? await jsonLdToQuads(JSON.parse(written))
            : parseRdf(written, format === 'turtle' ? 'text/turtle' : 'application/n-quads');
        expect(keysOf(quads), format).toEqual(format === 'nquads' ? servedQuads : served);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown format with its usage', async () => {
    const failure = await exec(tsx, ['src/cli.ts', 'export', '--format', 'rdfxml'], { cwd: PROJECT_ROOT }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      '--format must be one of jsonld, turtle, ntriples, nquads, trig.',
    );
  });
});

describe('the command line', () => {
  const exec = promisify(execFile);
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const run = (args: string[], env: Record<string, string> = {}) =>
    exec(tsx, ['src/cli.ts', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('lists its commands with --help, and refuses an unknown one', async () => {
    expect(((await run(['--help'])) as { stdout: string }).stdout).toMatch(/export[\s\S]*generate[\s\S]*validate/);
    expect(await run(['frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command "frobnicate"'),
    });
    expect(((await run(['validate', '--help'])) as { stdout: string }).stdout).toContain(
      'Usage: npm run validate-data',
    );
  });

  it('validate exits 0 on the data and 1 on broken data, naming file, record and field', async () => {
    const { store } = await realApp();
    const valid = (await run(['validate', '--dir', DATA_DIR])) as { stdout: string; stderr: string };
    expect(valid.stdout).toContain(`is valid: ${KINDS.map((kind) => `${store.count(kind)} ${kind}`).join(', ')}.`);
    // Progress on standard error, every tenth where it is not a terminal.
    expect(valid.stderr).toContain('Validating the data: 100%');
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-cli-'));
    try {
      await cp(DATA_DIR, dir, { recursive: true });
      await writeFile(path.join(dir, 'events.json'), '[{"slug": "e", "citations": [], "facts": {}}]');
      const failure = await run(['validate', '--dir', dir]);
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toContain(
        'events.json › e › citations: every entity cites at least one report',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('generate writes valid synthetic data N times the seed, sources and countries up to 20 times, with progress', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-generate-'));
    try {
      const generated = (await run(['generate', '--scale', '25', '--out', dir], { DATA_DIR })) as { stderr: string };
      expect(generated.stderr).toContain('results.jsonl: 100%');
      const [seed, store] = [(await realApp()).store, await loadGraph(dir)];
      expect(store.count('result')).toBe(seed.count('result') * 25);
      expect(store.count('athlete')).toBe(seed.count('athlete') * 25);
      expect(store.count('report')).toBe(seed.count('report') * 20);
      expect(store.count('country')).toBe(seed.count('country') * 20);
      expect(store.count('games')).toBe(seed.count('games'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
