import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JsonLdDocument } from 'jsonld';
import jsonld from 'jsonld';
import { DataFactory, Store as QuadStore } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { JSONLD_CONTEXT, printedContext } from '../src/linked-data/context.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { datasetDescription } from '../src/linked-data/description.js';
import { offlineDocumentLoader, RemoteDocumentRefused } from '../src/linked-data/document-loader.js';
import { NS } from '../src/linked-data/namespaces.js';
import { quadsOf } from '../src/linked-data/rdf.js';
import { printedVocabulary } from '../src/linked-data/vocab-rdf.js';
import { BASE_URL, PROJECT_ROOT, ranksInData, realApp } from './helpers.js';
import { jsonLdToQuads, keysOf, loadTurtleFile, parseRdf } from './rdf-helpers.js';

const { namedNode, literal } = DataFactory;
const schema = (name: string) => namedNode(NS.schema + name);
const pg = (name: string) => namedNode(NS.pg + name);
const RDF_TYPE = namedNode(`${NS.rdf}type`);

let dataset: LinkedDataset;
let dumpQuads: QuadStore;

beforeAll(async () => {
  const { store } = await realApp();
  dataset = new LinkedDataset(store, BASE_URL);
  dumpQuads = new QuadStore(parseRdf([...dataset.dump('turtle')].join(''), 'text/turtle'));
});

describe('each entity as schema.org JSON-LD', () => {
  it.each(KINDS)('every %s document converts to RDF with jsonld.js, and to the triples we publish', async (kind) => {
    const records = dataset.store.all(kind);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const document = dataset.document([record]);
      const expanded = await jsonld.expand(document as unknown as JsonLdDocument, {
        documentLoader: offlineDocumentLoader([]),
      });
      expect(expanded.length).toBeGreaterThan(0);
      const theirs = keysOf(await jsonLdToQuads(document));
      const ours = keysOf(dataset.quads(record));
      expect(ours, `${kind} ${record.slug}`).toEqual(theirs);
    }
  });

  it('a document that references /context.jsonld is processed with the context served from memory', async () => {
    const record = dataset.store.follow('athlete', 'rim-ju-song');
    const { '@graph': graph } = dataset.document([record]);
    const contextUrl = `${BASE_URL}/context.jsonld`;
    const quads = await jsonLdToQuads({ '@context': contextUrl, '@graph': graph }, [contextUrl]);
    expect(keysOf(quads)).toEqual(keysOf(dataset.quads(record)));
  });
});

describe('the dumps', () => {
  it('hold exactly the same triples in JSON-LD, Turtle and N-Triples, as many as VoID counts', async () => {
    const fromJsonLd = keysOf(await jsonLdToQuads(JSON.parse([...dataset.dump('jsonld')].join(''))));
    const fromNTriples = keysOf(parseRdf([...dataset.dump('ntriples')].join(''), 'application/n-triples'));
    const fromTurtle = keysOf(dumpQuads);
    expect(fromNTriples).toEqual(fromTurtle);
    expect(fromJsonLd).toEqual(fromTurtle);
    expect(fromTurtle.size).toBe(dataset.statistics().triples);
  });

  it('are produced in chunks, a record at a time', () => {
    const chunks = [...dataset.dump('turtle')];
    expect(chunks.length).toBeGreaterThan(80);
  });
});

describe('SHACL shapes', () => {
  it('the whole export conforms to schema/shapes.ttl', async () => {
    const shapes = await loadTurtleFile('schema/shapes.ttl');
    const report = await new SHACLValidator(shapes).validate(dumpQuads);
    const problems = report.results.map(
      (result) => `${result.focusNode?.value} ${result.path?.value}: ${result.message.map((m) => m.value).join(' ')}`,
    );
    expect(problems).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  it('reports a node that lacks what its shape requires', async () => {
    const shapes = await loadTurtleFile('schema/shapes.ttl');
    const broken = new QuadStore([...dumpQuads]);
    const rim = namedNode(`${BASE_URL}/id/athlete/rim-ju-song`);
    broken.removeQuads(broken.getQuads(rim, schema('name'), null, null));
    broken.removeQuads(broken.getQuads(rim, namedNode(`${NS.prov}wasDerivedFrom`), null, null));
    const result = namedNode(`${BASE_URL}/id/result/rim-ju-song-2012-men-50m-freestyle-s6`);
    broken.addQuad(result, pg('resultStatus'), literal('WON'));
    const report = await new SHACLValidator(shapes).validate(broken);
    expect(report.conforms).toBe(false);
    const failures = new Set(report.results.map((failure) => `${failure.focusNode?.value} ${failure.path?.value}`));
    expect(failures).toEqual(
      new Set([
        `${rim.value} ${NS.schema}name`,
        `${rim.value} ${NS.prov}wasDerivedFrom`,
        `${result.value} ${NS.pg}resultStatus`,
      ]),
    );
  });
});

describe('vocabulary and context', () => {
  it('schema/context.jsonld and schema/vocab.ttl are what the code generates (npm run schema:print)', async () => {
    expect(await readFile(path.join(PROJECT_ROOT, 'schema/context.jsonld'), 'utf8')).toBe(printedContext());
    expect(await readFile(path.join(PROJECT_ROOT, 'schema/vocab.ttl'), 'utf8')).toBe(await printedVocabulary());
  });

  it('declares every term of our namespace the export uses, each with label, comment, and for properties domain and range', async () => {
    const vocabulary = await loadTurtleFile('schema/vocab.ttl');
    const used = new Set<string>();
    for (const quad of dumpQuads) {
      for (const term of [quad.predicate, quad.object])
        if (term.termType === 'NamedNode' && term.value.startsWith(NS.pg)) used.add(term.value);
    }
    expect(used.size).toBeGreaterThan(30);
    const rdfs = (name: string) => namedNode(`${NS.rdfs}${name}`);
    for (const iri of used) {
      const term = namedNode(iri);
      expect(vocabulary.getQuads(term, RDF_TYPE, null, null).length, iri).toBeGreaterThan(0);
      expect(vocabulary.getQuads(term, rdfs('label'), null, null).length, iri).toBe(1);
      expect(vocabulary.getQuads(term, rdfs('comment'), null, null).length, iri).toBe(1);
      if (vocabulary.has(DataFactory.quad(term, RDF_TYPE, namedNode(`${NS.rdf}Property`)))) {
        expect(vocabulary.getQuads(term, rdfs('domain'), null, null).length, iri).toBeGreaterThan(0);
        expect(vocabulary.getQuads(term, rdfs('range'), null, null).length, iri).toBe(1);
      }
    }
  });
});

/** schema.org types and their properties (with inherited ones), read from schema-dts's declarations. */
async function schemaOrgVocabulary(): Promise<Map<string, Set<string>>> {
  const source = await readFile(path.join(PROJECT_ROOT, 'node_modules/schema-dts/dist/schema.d.ts'), 'utf8');
  const bases = new Map<string, { parents: string[]; properties: string[] }>();
  for (const match of source.matchAll(/^interface (\w+)Base extends ([^{]+)\{\n([\s\S]*?)^\}/gm)) {
    const [, name = '', parents = '', body = ''] = match;
    bases.set(name, {
      parents: [...parents.matchAll(/(\w+)Base\b/g)].map((parent) => parent[1] ?? ''),
      properties: [...body.matchAll(/^ {4}"(\w+)"\?:/gm)].map((property) => property[1] ?? ''),
    });
  }
  const propertiesOf = (name: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(name)) return new Set();
    seen.add(name);
    const base = bases.get(name);
    return new Set([
      ...(base?.properties ?? []),
      ...(base?.parents ?? []).flatMap((parent) => [...propertiesOf(parent, seen)]),
    ]);
  };
  const types = new Map<string, Set<string>>();
  for (const match of source.matchAll(
    /^export (?:interface (\w+)Leaf extends (\w+)Base|type (\w+)Leaf<[^>]*> = Omit<(\w+)Base)/gm,
  )) {
    const type = match[1] ?? match[3] ?? '';
    types.set(type, propertiesOf(match[2] ?? match[4] ?? ''));
  }
  return types;
}

describe('schema.org terms', () => {
  it('every schema.org type and property used exists, and each property belongs to a type of its subject (the dataset description too)', async () => {
    const vocabulary = await schemaOrgVocabulary();
    const checked = new QuadStore([
      ...dumpQuads.getQuads(null, null, null, null),
      ...quadsOf(datasetDescription(dataset) as Parameters<typeof quadsOf>[0]),
    ]);
    expect(checked.getQuads(null, schema('dateModified'), null, null)).toHaveLength(1);
    expect(vocabulary.get('Person')?.has('nationality')).toBe(true);
    expect(vocabulary.get('Person')?.has('headline')).toBe(false);
    const typesOf = new Map<string, string[]>();
    for (const quad of checked.getQuads(null, RDF_TYPE, null, null)) {
      if (!quad.object.value.startsWith(NS.schema)) continue;
      const type = quad.object.value.slice(NS.schema.length);
      expect(vocabulary.has(type), `schema:${type}`).toBe(true);
      typesOf.set(quad.subject.value, [...(typesOf.get(quad.subject.value) ?? []), type]);
    }
    const outOfDomain: string[] = [];
    for (const quad of checked) {
      if (!quad.predicate.value.startsWith(NS.schema)) continue;
      const property = quad.predicate.value.slice(NS.schema.length);
      const types = typesOf.get(quad.subject.value) ?? [];
      // schema.org's Role pattern: a Role between A and B repeats the property that links A to it.
      const roleLink = types.includes('Role') && checked.getQuads(null, quad.predicate, quad.subject, null).length > 0;
      if (!roleLink && !types.some((type) => vocabulary.get(type)?.has(property)))
        outOfDomain.push(`${types.join('/')}.${property}`);
    }
    expect([...new Set(outOfDomain)]).toEqual([]);
  });
});

describe('facts a reader of the seeds would check, out of the RDF', () => {
  const objects = (subject: string, predicate: ReturnType<typeof namedNode>) =>
    dumpQuads
      .getObjects(namedNode(subject), predicate, null)
      .map((term) =>
        term.termType === 'Literal' ? `${term.value}^^${term.datatype.value.replace(NS.xsd, 'xsd:')}` : term.value,
      );

  it('who competed in which event of which Games, with which result, from which report', () => {
    const result = `${BASE_URL}/id/result/rim-ju-song-2012-men-50m-freestyle-s6`;
    expect(objects(result, schema('competitor'))).toEqual([`${BASE_URL}/id/athlete/rim-ju-song`]);
    expect(objects(result, pg('event'))).toEqual([`${BASE_URL}/id/event/2012-men-50m-freestyle-s6`]);
    expect(objects(`${BASE_URL}/id/event/2012-men-50m-freestyle-s6`, schema('superEvent'))).toEqual([
      `${BASE_URL}/id/games/2012-summer-paralympics`,
    ]);
    expect(objects(result, pg('resultTime'))).toEqual(['47.87^^xsd:decimal']);
    expect(objects(result, pg('rank'))).toEqual([`${ranksInData()[0]}^^xsd:integer`]);
    expect(objects(result, namedNode(`${NS.prov}wasDerivedFrom`)).sort()).toEqual([
      `${BASE_URL}/id/report/north-korea-at-the-2012-summer-paralympics`,
      `${BASE_URL}/id/report/north-korea-at-the-paralympics`,
    ]);
  });

  it('each conflicting value as a ranked claim with the report it appears in', () => {
    const about = namedNode(`${BASE_URL}/id/result/rim-ju-song-2012-men-50m-freestyle-s6`);
    const claims = dumpQuads
      .getSubjects(schema('about'), about, null)
      .filter((claim) => dumpQuads.has(DataFactory.quad(claim, pg('property'), literal('rank'))))
      .map((claim) => ({
        value: objects(claim.value, pg('value')),
        rank: objects(claim.value, pg('statementRank')),
        appearance: objects(claim.value, schema('appearance')),
      }));
    expect(claims).toEqual([
      {
        value: ['19^^xsd:integer'],
        rank: [`${NS.pg}PreferredRank`],
        appearance: [`${BASE_URL}/id/report/north-korea-at-the-paralympics`],
      },
      {
        value: ['17^^xsd:integer'],
        rank: [`${NS.pg}NormalRank`],
        appearance: [`${BASE_URL}/id/report/north-korea-at-the-2012-summer-paralympics`],
      },
    ]);
  });

  it('derived values are marked so, and partial dates keep their precision', () => {
    const perez = namedNode(`${BASE_URL}/id/result/lorenzo-perez-2012-men-50m-freestyle-s6`);
    const [timeClaim] = dumpQuads
      .getSubjects(schema('about'), perez, null)
      .filter((claim) => dumpQuads.has(DataFactory.quad(claim, pg('property'), literal('time'))));
    expect(objects(String(timeClaim?.value), pg('derived'))).toEqual(['true^^xsd:boolean']);
    expect(objects(`${BASE_URL}/id/npc/npc-prk#membership`, schema('startDate'))).toEqual(['2012-03^^xsd:gYearMonth']);
    expect(objects(`${BASE_URL}/id/report/muntarbhorn-2006-un-report`, schema('datePublished'))).toEqual([
      '2006^^xsd:gYear',
    ]);
    expect(objects(`${BASE_URL}/id/games/2012-summer-paralympics`, schema('startDate'))).toEqual([
      '2012-08-29^^xsd:date',
    ]);
  });
});

describe('offline JSON-LD processing', () => {
  it('refuses every URL but our own context, and never sends a request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const loader = offlineDocumentLoader([`${BASE_URL}/context.jsonld`]);
    await expect(loader('https://schema.org/')).rejects.toBeInstanceOf(RemoteDocumentRefused);
    const failure = await jsonld
      .expand({ '@context': 'https://schema.org/', name: 'x' } as JsonLdDocument, { documentLoader: loader })
      .then(
        () => undefined,
        (error: { details?: { cause?: unknown } }) => error,
      );
    expect(failure?.details?.cause).toBeInstanceOf(RemoteDocumentRefused);
    expect((await loader(`${BASE_URL}/context.jsonld`)).document).toEqual(JSON.parse(printedContext()));
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe('quadsOf', () => {
  it('types integers, booleans, typed literals and references as jsonld.js does', async () => {
    const node = {
      '@id': 'http://x.test/a',
      '@type': ['Person', 'pg:Result'],
      name: 'A',
      'pg:rank': 3,
      'pg:derived': false,
      'pg:resultTime': { '@value': '1.5', '@type': 'xsd:decimal' },
      knows: { '@id': 'http://x.test/b' },
    };
    const ours = [...quadsOf([node])];
    expect(ours).toHaveLength(7);
    expect(keysOf(ours)).toEqual(keysOf(await jsonLdToQuads({ '@context': JSONLD_CONTEXT, '@graph': [node] })));
    expect(ours.find((quad) => quad.predicate.value === `${NS.pg}rank`)?.object).toEqual(
      literal('3', namedNode(`${NS.xsd}integer`)),
    );
  });
});
