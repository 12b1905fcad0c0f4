import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as RDF from '@rdfjs/types';
import { DataFactory } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataValidationError } from '../src/graph/errors.js';
import type { Kind } from '../src/graph/kinds.js';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { FORMATS, type Format } from '../src/linked-data/documents.js';
import { lastPage } from '../src/linked-data/incoming.js';
import { NS } from '../src/linked-data/namespaces.js';
import { quadsOf } from '../src/linked-data/rdf.js';
import { BASE_URL, DATA_DIR, query, realApp, sitemapUrls } from './helpers.js';
import { keysOf, parseRdf, quadKey, quadsOfAnswer } from './rdf-helpers.js';

let dataset: LinkedDataset;
let nquads: RDF.Quad[];
let turtle: RDF.Quad[];

async function get(pathname: string, accept?: string): Promise<Response> {
  const { app } = await realApp();
  return app.fetch(`${BASE_URL}${pathname}`, accept === undefined ? {} : { headers: { accept } });
}

/** The Accept header that asks for exactly one format (a JSON-LD form by its profile). */
function acceptFor(format: Format): string {
  const spec = FORMATS[format];
  if (!('forms' in spec)) return spec.mediaType;
  return `${spec.mediaType};profile="${spec.forms.map((form) => `http://www.w3.org/ns/json-ld#${form}`).join(' ')}"`;
}

beforeAll(async () => {
  const { store } = await realApp();
  dataset = new LinkedDataset(store, BASE_URL);
  nquads = parseRdf([...dataset.dump('nquads')].join(''), 'application/n-quads');
  turtle = parseRdf([...dataset.dump('turtle')].join(''), 'text/turtle');
});

/** The quad's triple, in the default graph. */
const asTriple = (quad: RDF.Quad): RDF.Quad =>
  DataFactory.quad(quad.subject as never, quad.predicate as never, quad.object as never);

const documentOf = (iri: string) => iri.split('#')[0] as string;
const onThisHost = (term: RDF.Term) => term.termType === 'NamedNode' && term.value.startsWith(`${BASE_URL}/`);

describe('a link-traversal client', () => {
  const sitemap = () => sitemapUrls(async (path) => (await get(path)).text());

  it.each(KINDS)(
    'starting from one %s, reaches every entity of the sitemap by dereferencing what it finds',
    async (kind) => {
      const { store } = await realApp();
      const [start] = store.all(kind as Kind);
      if (!start) throw new Error(`no ${kind} in the data`);
      const seen = new Set<string>([dataset.iriOf(start)]);
      const queue = [dataset.iriOf(start)];
      while (queue.length > 0) {
        const iri = queue.shift() as string;
        const response = await get(new URL(iri).pathname, 'text/turtle');
        expect(response.status, iri).toBe(200);
        for (const quad of parseRdf(await response.text(), 'text/turtle')) {
          for (const term of [quad.subject, quad.object]) {
            if (!onThisHost(term)) continue;
            const next = documentOf(term.value);
            if (!next.includes('/id/') || seen.has(next)) continue;
            seen.add(next);
            queue.push(next);
          }
        }
      }
      for (const entity of await sitemap()) expect(seen.has(entity), `${entity} from ${kind}`).toBe(true);
    },
  );

  it("finds an athlete's results in his own document, with their names", async () => {
    const rim = `${BASE_URL}/id/athlete/rim-ju-song`;
    const quads = parseRdf(await (await get('/id/athlete/rim-ju-song', 'text/turtle')).text(), 'text/turtle');
    const results = quads.filter(
      (quad) => quad.predicate.value === `${NS.schema}competitor` && quad.object.value === rim,
    );
    const { store } = await realApp();
    expect(results.map((quad) => quad.subject.value).sort()).toEqual(
      store
        .resultsOfAthlete(store.follow('athlete', 'rim-ju-song'))
        .map((result) => dataset.iriOf(result))
        .sort(),
    );
    for (const result of results)
      expect(
        quads.some((quad) => quad.subject.equals(result.subject) && quad.predicate.value === `${NS.schema}name`),
      ).toBe(true);
  });

  it('every incoming triple of a document is a triple of the dump, and every dump triple pointing to an entity from another is in its document', async () => {
    const dump = keysOf(turtle);
    for (const record of dataset.records()) {
      const iri = dataset.iriOf(record);
      const links = dataset.incomingOf(record);
      const incoming = [];
      for (let page = 1; page <= lastPage(links.referrers.length, dataset.incomingPageSize); page++)
        incoming.push(...(dataset.incomingPage(links, page)?.incoming ?? []));
      const keys = keysOf(quadsOf(incoming));
      for (const key of keys) expect(dump.has(key), key).toBe(true);
      const pointing = turtle.filter(
        (quad) =>
          quad.object.value === iri &&
          documentOf(quad.subject.value) !== iri &&
          !quad.subject.value.includes('#claim-') &&
          !quad.subject.value.includes('#citation-'),
      );
      for (const quad of pointing) expect(keys.has(quadKey(quad)), quadKey(quad)).toBe(true);
    }
  });
});

describe('every IRI the dataset mints', () => {
  it('answers 200 in every format, the same triples in each (named graphs where the format has them)', async () => {
    const iris = new Set<string>();
    for (const quad of nquads) {
      for (const term of [quad.subject, quad.object, quad.graph])
        if (onThisHost(term)) iris.add(documentOf(term.value));
    }
    expect([...iris].some((iri) => iri.endsWith('/id/series/paralympic-games'))).toBe(true);
    expect([...iris].some((iri) => iri.endsWith('/id/series/olympic-games'))).toBe(true);
    expect([...iris].some((iri) => iri.endsWith('/graph/preferred'))).toBe(true);
    iris.add(`${BASE_URL}/id/dataset/paralympics-graph`);
    for (const iri of iris) {
      const path = new URL(iri).pathname;
      if (!path.startsWith('/id/') && !path.startsWith('/graph/')) {
        // Documents that are not RDF (the seeds' texts) answer as what they are.
        expect((await get(path)).status, path).toBe(200);
        continue;
      }
      const large = path === '/graph/preferred';
      const formats = (Object.keys(FORMATS) as Format[]).filter(
        (format) =>
          format !== 'json' &&
          !(large && ['expanded', 'flattened', 'flattenedCompacted', 'rdfxml'].includes(format)) &&
          !(path.startsWith('/graph/') && format === 'html'),
      );
      let triples: Set<string> | undefined;
      for (const format of formats) {
        const response = await get(path, acceptFor(format));
        expect(response.status, `${path} as ${format}`).toBe(200);
        const contentType = response.headers.get('content-type') ?? '';
        expect(contentType.split(';')[0], `${path} as ${format}`).toBe(FORMATS[format].mediaType);
        if (large) continue;
        const quads = await quadsOfAnswer(await response.text(), contentType, iri);
        const keys = keysOf(quads.map((quad) => asTriple(quad)));
        expect(keys.size, `${path} as ${format}`).toBeGreaterThan(0);
        if (format === 'nquads' || format === 'trig') continue;
        triples ??= keys;
        expect(keys, `${path} as ${format}`).toEqual(triples);
      }
    }
  }, 120_000); // every IRI in every format: many requests, however loaded the machine

  it('answers a format suffix directly, and names it in Content-Location when negotiated', async () => {
    for (const [extension, mediaType] of [
      ['ttl', 'text/turtle'],
      ['jsonld', 'application/ld+json'],
      ['nt', 'application/n-triples'],
      ['nq', 'application/n-quads'],
      ['trig', 'application/trig'],
      ['rdf', 'application/rdf+xml'],
      ['n3', 'text/n3'],
      ['html', 'text/html'],
    ]) {
      const suffixed = await get(`/id/athlete/rim-ju-song.${extension}`, 'application/ld+json');
      expect(suffixed.status, extension).toBe(200);
      expect(suffixed.headers.get('content-type')?.split(';')[0], extension).toBe(mediaType);
      expect(suffixed.headers.get('vary'), extension).toBeNull();
      const negotiated = await get('/id/athlete/rim-ju-song', mediaType);
      expect(negotiated.headers.get('content-location'), extension).toBe(`/id/athlete/rim-ju-song.${extension}`);
      expect(await negotiated.text()).toBe(await suffixed.text());
    }
    expect((await get('/id/athlete/rim-ju-song.exe')).status).toBe(404);
    expect((await get('/id/series/paralympic-games.ttl')).status).toBe(200);
    expect((await get('/graph/north-korea-at-the-paralympics.trig')).status).toBe(200);
  });

  it('redirects a trailing slash to the IRI', async () => {
    const response = await get('/id/athlete/rim-ju-song/');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/id/athlete/rim-ju-song');
  });
});

describe('named graphs', () => {
  it('for each source document, its graph holds exactly the claims citing it, their quotations from it, and what they state', async () => {
    const { store } = await realApp();
    const statementType = `${NS.pg}Statement`;
    for (const report of store.all('report')) {
      const graph = `${BASE_URL}/graph/${report.slug}`;
      const inGraph = nquads.filter((quad) => quad.graph.value === graph);
      const claims = new Set(
        inGraph
          .filter((quad) => quad.predicate.value === `${NS.rdf}type` && quad.object.value === statementType)
          .map((quad) => quad.subject.value),
      );
      const citing = new Set(
        [...dataset.records()].flatMap((record) =>
          record.claims
            .filter((claim) => claim.citations.some((citation) => citation.report === report.slug))
            .map((claim) => `${dataset.iriOf(record)}#claim-${claim.property}-${claim.index}`),
        ),
      );
      expect(claims, report.slug).toEqual(citing);
      const reportIri = dataset.iriOf(report);
      for (const quotation of inGraph.filter((quad) => quad.predicate.value === `${NS.schema}isPartOf`))
        expect(quotation.object.value, report.slug).toBe(reportIri);
    }
  });

  it('the preferred graph holds the truthy triples, and each source graph the values it states, even where not preferred', async () => {
    const rank = `${NS.pg}rank`;
    const result = `${BASE_URL}/id/result/rim-ju-song-2012-men-50m-freestyle-s6`;
    const ranks = (graph: string) =>
      nquads
        .filter((quad) => quad.subject.value === result && quad.predicate.value === rank && quad.graph.value === graph)
        .map((quad) => quad.object.value);
    expect(ranks(`${BASE_URL}/graph/preferred`)).toEqual(['19']);
    expect(ranks(`${BASE_URL}/graph/north-korea-at-the-paralympics`)).toEqual(['19']);
    expect(ranks(`${BASE_URL}/graph/north-korea-at-the-2012-summer-paralympics`)).toEqual(['17']);
    // The dataset's own triples (Turtle) never state the value no one prefers.
    expect(turtle.filter((quad) => quad.subject.value === result && quad.predicate.value === rank)).toHaveLength(1);
  });

  it('what a preferred claim states is in the preferred graph, and the graphs hold every triple of the dataset', () => {
    const preferred = keysOf(
      nquads.filter((quad) => quad.graph.value === `${BASE_URL}/graph/preferred`).map((quad) => asTriple(quad)),
    );
    for (const record of dataset.records()) {
      for (const claim of record.claims.filter((candidate) => candidate.preferred && candidate.bound === null)) {
        const stated = dataset.mapper.supportedBy(record, claim).flatMap((node) => [...quadsOf([node])]);
        for (const key of keysOf(stated))
          expect(preferred.has(key), `${record.slug} ${claim.property}: ${key}`).toBe(true);
      }
    }
    const union = keysOf(nquads.map((quad) => asTriple(quad)));
    for (const key of keysOf(turtle)) expect(union.has(key), key).toBe(true);
  });
});

describe('languages', () => {
  const KFPD = 'korean-federation-for-the-protection-of-disabled-people';

  it('round-trip: the data file → GraphQL → JSON-LD and Turtle → HTML lang', async () => {
    const data = await query(
      `{ organisation(slug: "${KFPD}") { claims(property: "alternateName") { valueText lang } } }`,
    );
    expect(data.organisation.claims).toContainEqual({ valueText: '조선장애자보호련맹', lang: 'ko' });
    const json = await (await get(`/id/organisation/${KFPD}`, 'application/ld+json')).json();
    expect(json['@graph'][0].alternateName).toContainEqual({ '@value': '조선장애자보호련맹', '@language': 'ko' });
    expect(json['@graph'][0].name).toEqual({
      '@value': 'Korean Federation for the Protection of Disabled People',
      '@language': 'en',
    });
    const ttl = await (await get(`/id/organisation/${KFPD}`, 'text/turtle')).text();
    expect(ttl).toContain('"조선장애자보호련맹"@ko');
    const korean = parseRdf(ttl, 'text/turtle').filter((quad) => quad.object.value === '조선장애자보호련맹');
    expect(korean.length).toBeGreaterThan(0);
    for (const quad of korean) expect((quad.object as RDF.Literal).language).toBe('ko');
    const html = await (await get(`/id/organisation/${KFPD}`, 'text/html')).text();
    expect(html).toContain('<span lang="ko">조선장애자보호련맹</span>');
  });

  it('every text literal of the dumps carries a language; codes, numbers and dates do not', () => {
    const textProperties = ['name', 'alternateName', 'description', 'headline', 'text', 'jobTitle'].map(
      (name) => NS.schema + name,
    );
    const literals = turtle.filter((quad) => quad.object.termType === 'Literal');
    const texts = literals.filter((quad) => textProperties.includes(quad.predicate.value));
    expect(texts.length).toBeGreaterThan(100);
    for (const quad of texts) expect((quad.object as RDF.Literal).language, quadKey(quad)).not.toBe('');
    for (const quad of literals.filter((candidate) => candidate.predicate.value === `${NS.pg}iocCode`))
      expect((quad.object as RDF.Literal).language).toBe('');
  });
});

describe('the dataset description', () => {
  it('is served at its own IRI and embedded in the home page, naming every dump with its real size', async () => {
    const iri = `${BASE_URL}/id/dataset/paralympics-graph`;
    const quads = parseRdf(await (await get('/id/dataset/paralympics-graph', 'text/turtle')).text(), 'text/turtle');
    const of = (subject: string, property: string) =>
      quads
        .filter((quad) => quad.subject.value === subject && quad.predicate.value === property)
        .map((q) => q.object.value);
    expect(of(iri, `${NS.rdf}type`)).toEqual(
      expect.arrayContaining([`${NS.schema}Dataset`, `${NS.void}Dataset`, `${NS.dcat}Dataset`]),
    );
    for (const property of ['name', 'description', 'license', 'creator', 'version', 'isBasedOn', 'distribution'])
      expect(of(iri, NS.schema + property).length, property).toBeGreaterThan(0);
    const { store } = await realApp();
    expect(of(iri, `${NS.schema}version`)).toEqual([store.version]);
    expect(of(iri, `${NS.owl}versionInfo`)).toEqual([store.version]);
    const downloads = of(iri, `${NS.schema}distribution`);
    expect(downloads).toHaveLength(5);
    for (const download of downloads) {
      const response = await get(new URL(download).pathname);
      expect(response.status).toBe(200);
      const bytes = Buffer.byteLength(await response.text());
      expect(of(download, `${NS.schema}contentUrl`)).toEqual([download]);
      expect(of(download, `${NS.schema}encodingFormat`)).toEqual([response.headers.get('content-type')?.split(';')[0]]);
      expect(of(download, `${NS.dcat}byteSize`)).toEqual([String(bytes)]);
    }
    const home = await (await get('/')).text();
    const embedded = home.match(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/)?.[1] ?? '';
    const homeQuads = await quadsOfAnswer(
      `<script type="application/ld+json">\n${embedded}\n</script>`,
      'text/html',
      iri,
    );
    expect(keysOf(homeQuads)).toEqual(keysOf(quads));
  });

  it('is negotiated at /.well-known/void: Turtle first, JSON-LD or RDF/XML when asked', async () => {
    expect((await get('/.well-known/void')).headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    expect((await get('/.well-known/void', '*/*')).headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const json = await get('/.well-known/void', 'application/ld+json');
    expect(json.headers.get('content-type')).toBe('application/ld+json');
    expect(json.headers.get('vary')).toBe('Accept');
    const xml = await get('/.well-known/void', 'application/rdf+xml');
    expect(xml.headers.get('content-type')).toBe('application/rdf+xml; charset=utf-8');
    const turtleQuads = keysOf(parseRdf(await (await get('/.well-known/void')).text(), 'text/turtle'));
    const jsonQuads = keysOf(await quadsOfAnswer(await json.text(), 'application/ld+json', BASE_URL));
    const xmlQuads = keysOf(await quadsOfAnswer(await xml.text(), 'application/rdf+xml', BASE_URL));
    expect(jsonQuads).toEqual(turtleQuads);
    expect(xmlQuads).toEqual(turtleQuads);
  });
});

describe('reserved slugs', () => {
  it('a report cannot take the slug of the preferred or the default graph: validation names file, record and field', async () => {
    const copy = await mkdtemp(path.join(tmpdir(), 'pg-reserved-'));
    try {
      await cp(DATA_DIR, copy, { recursive: true });
      const file = path.join(copy, 'reports.json');
      const reports = JSON.parse(await readFile(file, 'utf8')) as { slug: string }[];
      const [first] = reports;
      if (!first) throw new Error('no report in the data');
      // The same report again under each reserved slug: nothing else about it is wrong but the duplicate key.
      const reserved = ['preferred', 'default'].map((slug) => ({ ...first, slug }));
      await writeFile(file, JSON.stringify([...reports, ...reserved], null, 2));
      const error = await loadGraph(copy).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(DataValidationError);
      for (const { slug } of reserved)
        expect((error as DataValidationError).problems).toContainEqual(
          expect.objectContaining({ code: 'RESERVED_SLUG', file: 'reports.json', record: slug, field: 'slug' }),
        );
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
