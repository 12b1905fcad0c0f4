import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as RDF from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompile } from '../src/cli/compile.js';
import { runGenerate } from '../src/cli/generate.js';
import { KINDS, type Kind } from '../src/graph/kinds.js';
import { loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import type { EntityRecord } from '../src/graph/model.js';
import { readSnapshotHeader } from '../src/graph/snapshot/read.js';
import type { Store, View } from '../src/graph/store.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { datasetDescription } from '../src/linked-data/description.js';
import { COLLECTION_KEY, INCOMING_PAGE_SIZE, lastPage } from '../src/linked-data/incoming.js';
import { NS } from '../src/linked-data/namespaces.js';
import { quadsOf } from '../src/linked-data/rdf.js';
import { countStatistics, STATISTICS_ANNOTATION, storedStatistics } from '../src/linked-data/statistics.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR } from './helpers.js';
import { jsonLdToQuads, parseRdf } from './rdf-helpers.js';

/**
 * What points to an entity comes from the store's index of references both ways (Store.referrersOf),
 * never from a survey of the dataset: the same records, in the same order, as a scan of every record's
 * preferred nodes finds, on each embedded store (PostgreSQL is compared with them byte for byte in
 * store-equivalence.test.ts), on the seed data and on a graph ten times its size. A document embeds
 * the first of them and pages the rest with Hydra; walking the pages gives every one, once.
 */
const BASE = 'https://data.example.org';
const SCALE = 10;
const HYDRA = (term: string) => `${NS.hydra}${term}`;

let generated: string;

beforeAll(async () => {
  generated = await mkdtemp(path.join(tmpdir(), 'paralympics-incoming-'));
  expect(await runGenerate(['--scale', String(SCALE), '--out', generated])).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(generated, { recursive: true, force: true });
});

/** The reference: for each IRI, the records whose preferred nodes point to it, by a scan of every record. */
function scanned(dataset: LinkedDataset): Map<string, string[]> {
  const prefix = `${dataset.base}/id/`;
  const referrers = new Map<string, string[]>();
  for (const record of dataset.records()) {
    const own = dataset.iriOf(record);
    for (const node of dataset.mapper.preferredNodesOf(record)) {
      for (const [key, raw] of Object.entries(node)) {
        if (key.startsWith('@')) continue;
        for (const value of [raw].flat()) {
          if (typeof value !== 'object' || value === null || !('@id' in value)) continue;
          const target = value['@id'];
          if (!target.startsWith(prefix) || target.includes('#') || target === own) continue;
          const list = referrers.get(target) ?? [];
          if (list.at(-1) !== own) list.push(own);
          referrers.set(target, list);
        }
      }
    }
  }
  return referrers;
}

/** A store that counts the records read through its whole-kind collections (`all`). */
function counting(store: Store): { store: Store; read: Map<Kind, number> } {
  const read = new Map<Kind, number>();
  const note = (kind: Kind, items: number) => read.set(kind, (read.get(kind) ?? 0) + items);
  const counted = <T>(kind: Kind, view: View<T>): View<T> =>
    new Proxy(view, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key === Symbol.iterator)
          return function* () {
            for (const item of target) {
              note(kind, 1);
              yield item;
            }
          };
        if (key === 'slice')
          return (start?: number, end?: number) => {
            const items = target.slice(start, end);
            note(kind, items.length);
            return items;
          };
        if (key === 'map' || key === 'filter') {
          return (fn: (item: T, index: number) => never) => {
            note(kind, target.length);
            return (value as (fn: unknown) => unknown).call(target, fn);
          };
        }
        if (key === 'at')
          return (index: number) => {
            note(kind, 1);
            return target.at(index);
          };
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'all') return (kind: Kind) => counted(kind, target.all(kind));
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, read };
}

const named = (quads: readonly RDF.Quad[], subject: string, predicate: string) =>
  quads.filter((quad) => quad.subject.value === subject && quad.predicate.value === predicate);

describe.each([
  ['the seed data', () => DATA_DIR],
  [`a graph ${SCALE} times its size`, () => generated],
])('on %s', (_name, dataDir) => {
  let stores: [string, Store][];

  beforeAll(async () => {
    stores = [
      ['memory', await loadMemoryGraph(dataDir())],
      ['snapshot', await loadGraph(dataDir())],
    ];
  }, 120_000);

  it('every store gives each entity and series the records a scan finds pointing to it, in dataset order', () => {
    for (const [name, store] of stores) {
      const dataset = new LinkedDataset(store, BASE);
      const reference = scanned(dataset);
      let compared = 0;
      for (const record of dataset.records()) {
        const links = dataset.incomingOf(record);
        const found = links.referrers.map((referrer) => dataset.iriOf(referrer));
        expect(found, `${name}: ${links.iri}`).toEqual(reference.get(links.iri) ?? []);
        compared += found.length;
      }
      for (const series of dataset.mapper.series()) {
        const links = dataset.seriesIncoming(series);
        const found = links.referrers.map((referrer) => dataset.iriOf(referrer));
        expect(found, `${name}: ${links.iri}`).toEqual(reference.get(links.iri) ?? []);
        compared += found.length;
      }
      expect(compared).toBe([...reference.values()].reduce((sum, list) => sum + list.length, 0));
    }
  });

  it('every record counted as pointing to an entity has a node that points to it', () => {
    const [, store] = stores[1] as [string, Store];
    const dataset = new LinkedDataset(store, BASE);
    for (const record of dataset.records()) {
      const { iri, referrers } = dataset.incomingOf(record);
      for (const referrer of referrers) expect(dataset.pointingNodes(referrer, iri).length, iri).toBeGreaterThan(0);
    }
  });

  it('the first document of an entity reads no whole collection but the Games (for the series)', async () => {
    const { store, read } = counting((stores[1] as [string, Store])[1]);
    const app = createApp({ store, publicBaseUrl: BASE });
    const cited = new LinkedDataset(store, BASE);
    const report = store
      .all('report')
      .slice()
      .reduce((a, b) => (store.referrersOf(b).length > store.referrersOf(a).length ? b : a));
    const records = [store.all('athlete').at(0), report, store.all('country').at(0)];
    read.clear();
    for (const record of records) {
      if (!record) throw new Error('no record');
      const response = await app.fetch(`${BASE}/id/${record.kind}/${record.slug}`, {
        headers: { accept: 'text/turtle' },
      });
      expect(response.status).toBe(200);
      expect(parseRdf(await response.text(), 'text/turtle').length).toBeGreaterThan(0);
    }
    for (const kind of KINDS) {
      if (kind === 'games') expect(read.get(kind) ?? 0).toBeLessThanOrEqual(store.count('games') * 3);
      else expect(read.get(kind) ?? 0, kind).toBe(0);
    }
    expect(cited.incomingOf(report).referrers.length).toBeGreaterThan(0);
  });

  it('documents embed what points to them up to the bound, and link the rest only above it', () => {
    const [, store] = stores[1] as [string, Store];
    const dataset = new LinkedDataset(store, BASE);
    for (const record of dataset.records()) {
      const [main] = dataset.documentNodes(record);
      const paged = store.referrersOf(record).length > INCOMING_PAGE_SIZE;
      expect(main !== undefined && COLLECTION_KEY in main, dataset.iriOf(record)).toBe(paged);
    }
  });
});

describe('pages of what points to an entity', () => {
  const PAGE_SIZE = 3;
  let store: Store;
  let dataset: LinkedDataset;
  let fetchText: (target: string, accept: string) => Promise<{ status: number; text: string }>;

  beforeAll(async () => {
    store = await loadGraph(generated);
    dataset = new LinkedDataset(store, BASE, { incomingPageSize: PAGE_SIZE });
    const app = createApp({ store, publicBaseUrl: BASE, incomingPageSize: PAGE_SIZE });
    fetchText = async (target, accept) => {
      const response = await app.fetch(target, { headers: { accept } });
      return { status: response.status, text: await response.text() };
    };
  }, 120_000);

  /** The most pointed-to record of each kind that has one pointed to more than a page's worth. */
  function paged(): EntityRecord[] {
    return KINDS.flatMap((kind) => {
      const best = store
        .all(kind)
        .slice()
        .reduce<EntityRecord | undefined>(
          (a, b) => (a && store.referrersOf(a).length >= store.referrersOf(b).length ? a : b),
          undefined,
        );
      return best && store.referrersOf(best).length > PAGE_SIZE ? [best] : [];
    });
  }

  it('walking every page from the document, in Turtle and in JSON-LD, gives every record pointing to it, once, in order', async () => {
    const records = paged();
    expect(records.length).toBeGreaterThan(2);
    for (const record of records) {
      const iri = dataset.iriOf(record);
      const expected = store.referrersOf(record).map((referrer) => dataset.iriOf(referrer));
      for (const [accept, parse] of [
        ['text/turtle', async (text: string) => parseRdf(text, 'text/turtle')],
        ['application/ld+json', async (text: string) => jsonLdToQuads(JSON.parse(text))],
      ] as const) {
        const document = await fetchText(iri, accept);
        expect(document.status).toBe(200);
        const quads = await parse(document.text);
        const [collection] = named(quads, iri, HYDRA('collection')).map((quad) => quad.object.value);
        expect(collection, iri).toBe(`${iri}#incoming`);
        const seen: string[] = [];
        let page = named(quads, collection as string, HYDRA('view'))[0]?.object.value;
        let pages = 0;
        let onPage = quads;
        while (page !== undefined) {
          const answer = await fetchText(page, accept);
          expect(answer.status, page).toBe(200);
          const pageQuads = await parse(answer.text);
          if (pages === 0) {
            // The document's embedded links are the first page's.
            const members = (q: readonly RDF.Quad[]) =>
              named(q, collection as string, HYDRA('member')).map((quad) => quad.object.value);
            expect(members(onPage).sort()).toEqual(members(pageQuads).sort());
          }
          onPage = pageQuads;
          const total = named(onPage, collection as string, HYDRA('totalItems'))[0]?.object.value;
          expect(Number(total)).toBe(expected.length);
          const members = named(onPage, collection as string, HYDRA('member')).map((quad) => quad.object.value);
          expect(members.length).toBeGreaterThan(0);
          expect(members.length).toBeLessThanOrEqual(PAGE_SIZE);
          for (const member of members) {
            // Each member says how it points to the entity: a node of its own document, with a name.
            expect(
              onPage.some((quad) => quad.object.value === iri && quad.subject.value.split('#')[0] === member),
              `${member} → ${iri}`,
            ).toBe(true);
          }
          // RDF does not order a property's values: each page holds the next records of the list.
          expect([...members].sort()).toEqual(expected.slice(seen.length, seen.length + members.length).sort());
          seen.push(...expected.slice(seen.length, seen.length + members.length));
          expect(new Set(members).size).toBe(members.length);
          expect(named(onPage, page, HYDRA('first'))[0]?.object.value).toBe(`${iri}?page=1`);
          expect(named(onPage, page, HYDRA('last'))[0]?.object.value).toBe(
            `${iri}?page=${lastPage(expected.length, PAGE_SIZE)}`,
          );
          pages += 1;
          page = named(onPage, page, HYDRA('next'))[0]?.object.value;
        }
        expect(pages).toBe(lastPage(expected.length, PAGE_SIZE));
        expect(seen, iri).toEqual(expected);
      }
    }
  }, 120_000);

  it('a Games series pages its Games the same way', async () => {
    const [series] = dataset.mapper.series();
    const links = dataset.seriesIncoming(series as string);
    const expected = links.referrers.map((games) => dataset.iriOf(games));
    const seen: string[] = [];
    for (let page = 1; page <= lastPage(expected.length, PAGE_SIZE); page++) {
      const answer = await fetchText(`${links.iri}?page=${page}`, 'application/n-quads');
      expect(answer.status).toBe(200);
      const quads = parseRdf(answer.text, 'application/n-quads');
      const members = named(quads, `${links.iri}#incoming`, HYDRA('member')).map((quad) => quad.object.value);
      expect(members.sort()).toEqual(expected.slice(seen.length, seen.length + members.length).sort());
      seen.push(...expected.slice(seen.length, seen.length + members.length));
      // What points to the series is in the preferred graph, as in the dumps; the paging in the default graph.
      for (const quad of quads.filter((candidate) => candidate.object.value === links.iri))
        expect(quad.graph.value).toBe(`${BASE}/graph/preferred`);
    }
    expect(seen).toEqual(expected);
  });

  it('a page past the last, or a page not written as this dataset writes it, is not found', async () => {
    const [record] = paged();
    if (!record) throw new Error('nothing paged');
    const iri = dataset.iriOf(record);
    const last = lastPage(store.referrersOf(record).length, PAGE_SIZE);
    expect((await fetchText(`${iri}?page=${last}`, 'text/turtle')).status).toBe(200);
    expect((await fetchText(`${iri}.ttl?page=${last}`, 'text/turtle')).status).toBe(200);
    for (const query of [`?page=${last + 1}`, '?page=0', '?page=01', '?page=x', '?page=1&page=2', '?page='])
      expect((await fetchText(`${iri}${query}`, 'text/turtle')).status, query).toBe(404);
    const athlete = store.all('athlete').at(0) as EntityRecord;
    const single = await fetchText(`${dataset.iriOf(athlete)}?page=1`, 'text/turtle');
    expect(single.status).toBe(200);
    expect(
      Number(
        named(parseRdf(single.text, 'text/turtle'), `${dataset.iriOf(athlete)}#incoming`, HYDRA('totalItems'))[0]
          ?.object.value,
      ),
    ).toBe(store.referrersOf(athlete).length);
  });
});

describe.each([
  ['the seed data', () => DATA_DIR],
  [`a graph ${SCALE} times its size`, () => generated],
])("the dataset's statistics on %s", (_name, dataDir) => {
  /** The reference: every figure counted over the dumps, as a harvester would count them. */
  async function countedOverDumps(dataset: LinkedDataset) {
    const triples = parseRdf([...dataset.dump('ntriples')].join(''), 'application/n-triples');
    const quads = parseRdf([...dataset.dump('nquads')].join(''), 'application/n-quads');
    const byGraph = new Map<string, number>();
    for (const quad of quads) byGraph.set(quad.graph.value, (byGraph.get(quad.graph.value) ?? 0) + 1);
    const entity = new RegExp(`^${dataset.base.replaceAll('.', '\\.')}/id/(?!series/)[a-z]+/[^/#]+$`);
    const typed = triples.filter((quad) => quad.predicate.value === `${NS.rdf}type` && entity.test(quad.subject.value));
    const byClass = new Map<string, number>();
    for (const quad of typed) byClass.set(quad.object.value, (byClass.get(quad.object.value) ?? 0) + 1);
    return {
      triples: triples.length,
      quads: quads.length,
      triplesByGraph: Object.fromEntries([...byGraph].sort()),
      entities: new Set(typed.map((quad) => quad.subject.value)).size,
      entitiesByClass: Object.fromEntries([...byClass].sort()),
    };
  }

  const figures = (dataset: LinkedDataset) => {
    const statistics = dataset.statistics();
    return {
      triples: statistics.triples,
      quads: statistics.quads,
      triplesByGraph: Object.fromEntries([...statistics.triplesByGraph].sort()),
      entities: statistics.entities,
      entitiesByClass: Object.fromEntries([...statistics.entitiesByClass].sort()),
    };
  };

  it('counted when compiled, they are kept with the graph and equal a count over the dumps', async () => {
    const compiled = await loadGraph(dataDir(), { annotate: countStatistics });
    const counted = storedStatistics(compiled.annotation(STATISTICS_ANNOTATION));
    expect(counted).toBeDefined();
    const dataset = new LinkedDataset(compiled, BASE);
    const reference = await countedOverDumps(dataset);
    expect(figures(dataset)).toEqual(reference);
    expect(reference.triples).toBeGreaterThan(reference.entities);
    // Counted afresh (a graph built in memory has none kept), the same figures.
    const memory = new LinkedDataset(await loadMemoryGraph(dataDir()), BASE);
    expect(storedStatistics(memory.store.annotation(STATISTICS_ANNOTATION))).toBeUndefined();
    expect(figures(memory)).toEqual(reference);
  }, 120_000);

  it('the first VoID request reads no whole collection but the reports (its sources and graphs)', async () => {
    const { store, read } = counting(await loadGraph(dataDir(), { annotate: countStatistics }));
    // A dataset whose dumps are too large to measure (measuring them is a bounded pass, below the bound).
    const dataset = new LinkedDataset(store, BASE, { measuredDumpsUpTo: 0 });
    read.clear();
    const quads = [...quadsOf(datasetDescription(dataset))];
    const stated = quads.find(
      (quad) =>
        quad.subject.value === `${BASE}/id/dataset/paralympics-graph` && quad.predicate.value === `${NS.void}triples`,
    );
    expect(Number(stated?.object.value)).toBe(dataset.statistics().triples);
    for (const kind of KINDS) {
      const allowed = kind === 'report' ? store.count('report') * 4 : kind === 'athlete' ? 1 : 0;
      expect(read.get(kind) ?? 0, kind).toBeLessThanOrEqual(allowed);
    }
  }, 120_000);
});

describe('npm run compile -- --with statistics', () => {
  it('keeps the statistics with the snapshot; without it, none are kept; anything else is refused', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'paralympics-statistics-'));
    try {
      const counted = path.join(out, 'counted.snapshot');
      const plain = path.join(out, 'plain.snapshot');
      expect(await runCompile(['--dir', DATA_DIR, '--out', counted, '--with', 'statistics'])).toBe(0);
      expect(await runCompile(['--dir', DATA_DIR, '--out', plain])).toBe(0);
      const kept = storedStatistics((await readSnapshotHeader(counted))?.annotations?.[STATISTICS_ANNOTATION]);
      const reference = new LinkedDataset(await loadMemoryGraph(DATA_DIR), BASE).statistics();
      expect(kept?.triples).toBe(reference.triples);
      expect(kept?.quads).toBe(reference.quads);
      expect((await readSnapshotHeader(plain))?.annotations?.[STATISTICS_ANNOTATION]).toBeUndefined();
      expect(await runCompile(['--dir', DATA_DIR, '--out', plain, '--with', 'everything'])).toBe(2);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 120_000);
});
