import type * as RDF from '@rdfjs/types';
import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { offlineDocumentLoader } from '../src/linked-data/document-loader.js';
import { answerContext } from '../src/linked-data/graphql-answer.js';
import { NS } from '../src/linked-data/namespaces.js';
import { kindOfType, schema } from '../src/schema/index.js';
import { BASE_URL, type Data, listenOnLoopback, realApp } from './helpers.js';
import { keysOf, parseRdf, quadKey } from './rdf-helpers.js';

let dump: Set<string>;

beforeAll(async () => {
  const { store } = await realApp();
  dump = keysOf(parseRdf([...new LinkedDataset(store, BASE_URL).dump('ntriples')].join(''), 'application/n-triples'));
});

async function post(
  query: string,
  accept: string | undefined,
  extensions?: unknown,
): Promise<{ response: Response; body: Data }> {
  const { app } = await realApp();
  const response = await app.fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept === undefined ? {} : { accept }) },
    body: JSON.stringify({ query, ...(extensions === undefined ? {} : { extensions }) }),
  });
  const text = await response.text();
  return { response, body: text === '' ? undefined : JSON.parse(text) };
}

/** The triples of an answer read as JSON-LD with its own context, by jsonld.js, as the README says. */
async function triplesOf(answer: Data): Promise<RDF.Quad[]> {
  const nquads = await jsonld.toRDF(answer, {
    format: 'application/n-quads',
    expandContext: answer.extensions['@context'],
    documentLoader: offlineDocumentLoader([]),
  } as jsonld.Options.ToRdf);
  return parseRdf(nquads as unknown as string, 'application/n-quads');
}

/** Types whose objects are records: they have an `iri`. */
const isRecordType = (type: unknown): boolean => isObjectType(type) && 'iri' in type.getFields();
const needsArguments = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => isNonNullType(arg.type));

/** The record type a connection type lists (`ResultConnection` → `Result`), if it is one. */
function nodeTypeOf(connection: unknown): GraphQLObjectType | undefined {
  if (!isObjectType(connection)) return undefined;
  const edges = connection.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? getNamedType(edge.getFields().node?.type) : undefined;
  return isRecordType(node) ? (node as GraphQLObjectType) : undefined;
}

/** A selection of a field listing records, as a plain list or as a connection (a page of a few). */
function listing(field: GraphQLField<unknown, unknown>, selection: string, first = 3): string {
  const node = nodeTypeOf(getNamedType(field.type));
  if (!node) return `${field.name} { ${selection} }`;
  const page = field.args.some((arg) => arg.name === 'first') ? `(first: ${first})` : '';
  return `${field.name}${page} { totalCount edges { cursor node { __typename iri } } nodes { ${selection} } }`;
}

/**
 * Every field of a record type a query can ask without arguments: leaves (but `jsonld`, a document of
 * its own, counted as heavy work), and at the first level, records (lists or connections of them) with
 * their own leaves. Other objects (claims, citations, medal tables) are asked for a field or two, to
 * show they are left out.
 */
function selectionOf(type: GraphQLObjectType, depth: number): string {
  const parts = ['__typename', 'iri'];
  for (const field of Object.values(type.getFields())) {
    if (needsArguments(field) || field.name === 'jsonld' || field.name === 'iri') continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (!isObjectType(named) || depth > 0) continue;
    else if (isRecordType(named)) parts.push(`${field.name} { ${selectionOf(named as GraphQLObjectType, 1)} }`);
    else if (nodeTypeOf(named)) parts.push(listing(field, selectionOf(nodeTypeOf(named) as GraphQLObjectType, 1)));
    else {
      const leaves = Object.values(named.getFields()).filter(
        (inner) => isLeafType(getNamedType(inner.type)) && !needsArguments(inner),
      );
      if (leaves.length > 0) parts.push(`${field.name} { ${leaves.map((inner) => inner.name).join(' ')} }`);
    }
  }
  return parts.join(' ');
}

/** Root fields listing every record of a type: `allAthletes` and the like, by their connection's node type. */
const listings = Object.values(schema.getQueryType()?.getFields() ?? {}).flatMap((field) => {
  const node = field.name.startsWith('all') ? nodeTypeOf(getNamedType(field.type)) : undefined;
  return node ? [{ field: field.name, type: node }] : [];
});

const isRecord = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && typeof (value as Data).iri === 'string';

/**
 * The records of a listing's answer the context reads: its nodes, and the records of their fields
 * the context does not leave out (a nullable field whose records no property links to is left out).
 */
function recordsRead(answer: Data): Data[] {
  const context = answer.extensions['@context'];
  const found: Data[] = [];
  const visit = (record: Data) => {
    found.push(record);
    const scoped = context[record.__typename]['@context'];
    for (const [key, value] of Object.entries(record)) {
      if (key === '__typename' || key === 'iri' || scoped[key] === null) continue;
      // A nested connection: its records are read when the context gives them a meaning.
      const items =
        scoped[key] === '@nest'
          ? scoped.nodes === null
            ? []
            : [...(value as Data).edges.map((edge: Data) => edge.node), ...(value as Data).nodes]
          : [value].flat();
      for (const item of items) if (isRecord(item)) visit(item);
    }
  };
  for (const listing of Object.values(answer.data) as Data[]) for (const edge of listing.edges) visit(edge.node);
  return found;
}

describe('GraphQL answers as JSON-LD', () => {
  it('finds a listing for every type of record', () => {
    expect(listings.length).toBeGreaterThanOrEqual(10);
  });

  it.each(listings.map(({ field, type }) => [field, type] as const))(
    '%s with every field: the envelope is intact and its triples are triples of the dump',
    async (field, type) => {
      const document = `{ ${field}(first: 30) { totalCount edges { cursor node { ${selectionOf(type, 0)} } } } }`;
      const plain = await post(document, 'application/json');
      expect(plain.body.errors).toBeUndefined();
      const { response, body } = await post(document, 'application/ld+json');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/ld+json');
      expect(body.data).toEqual(plain.body.data);
      expect(plain.body.extensions?.['@context']).toBeUndefined();

      const triples = await triplesOf(body);
      for (const triple of triples) expect(dump.has(quadKey(triple)), quadKey(triple)).toBe(true);
      // Not vacuous: every record is typed, and every name the dump also gives is a triple.
      const keys = keysOf(triples);
      const records = recordsRead(body);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        const typed = triples.some(
          (triple) => triple.subject.value === record.iri && triple.predicate.value === `${NS.rdf}type`,
        );
        expect(typed, record.iri).toBe(true);
        const names = [...dump].filter((key) => key.startsWith(`${record.iri} ${NS.schema}name "`));
        if (typeof record.name === 'string')
          for (const name of names.filter((key) => key.includes(`"${record.name}"@`)))
            expect(keys.has(name), name).toBe(true);
      }
    },
  );

  it("links a record to the records it names, both ways: an athlete's results point to him", async () => {
    const { store } = await realApp();
    const athlete = store.follow('athlete', 'rim-ju-song');
    const results = store.resultsOfAthlete(athlete);
    expect(results.length).toBeGreaterThan(0);
    const field = (schema.getType('Athlete') as GraphQLObjectType).getFields().results as GraphQLField<
      unknown,
      unknown
    >;
    const { body } = await post(
      `{ athlete(slug: "rim-ju-song") { __typename iri name country { __typename iri } ${listing(field, '__typename iri rank', 100)} } }`,
      'application/ld+json',
    );
    expect(body.errors).toBeUndefined();
    const keys = keysOf(await triplesOf(body));
    const dataset = new LinkedDataset(store, BASE_URL);
    const iri = dataset.iriOf(athlete);
    for (const result of results)
      expect(keys.has(`${dataset.iriOf(result)} ${NS.schema}competitor ${iri} `)).toBe(true);
    expect(keys.has(`${iri} ${NS.schema}nationality ${body.data.athlete.country.iri} `)).toBe(true);
  });

  it('is asked for by extensions.jsonld too, in the media type Accept chose; any other value is refused', async () => {
    const document = '{ country(slug: "north-korea") { __typename iri name } }';
    const flagged = await post(document, 'application/json', { jsonld: true });
    expect(flagged.response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(flagged.body.extensions['@context']).toBeDefined();
    expect((await triplesOf(flagged.body)).length).toBeGreaterThan(1);
    expect((await post(document, 'application/json', { jsonld: false })).body.extensions).toBeUndefined();
    const refused = await post(document, 'application/json', { jsonld: 'yes' });
    expect(refused.response.status).toBe(400);
    expect(refused.body.errors.map((error: Data) => error.extensions?.code)).toEqual(['BAD_REQUEST']);
    expect(JSON.stringify(refused.body)).not.toMatch(/\/work\/|at .*\.ts/);
  });

  it.each([
    ['application/ld+json', true],
    ['application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', true],
    ['application/ld+json, application/json;q=0.5', true],
    ['application/ld+json; charset=utf-8', true],
    ['application/json, application/ld+json', false],
    ['application/graphql-response+json, application/ld+json;q=0.9', false],
    ['*/*', false],
    ['application/*', false],
    [undefined, false],
  ])('Accept: %s → JSON-LD %s', async (accept, asJsonLd) => {
    const { response, body } = await post('{ country(slug: "north-korea") { __typename iri name } }', accept);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')?.startsWith('application/ld+json')).toBe(asJsonLd);
    expect(body.extensions?.['@context'] !== undefined).toBe(asJsonLd);
  });

  it('gives a context that maps nothing to an answer whose shape would be misread, and none for an expanded profile', async () => {
    for (const document of [
      '{ iri: athlete(slug: "rim-ju-song") { __typename iri name } }',
      '{ Athlete: athlete(slug: "rim-ju-song") { __typename iri name } }',
      '{ __typename }',
    ]) {
      const { body } = await post(document, 'application/ld+json');
      expect(body.errors).toBeUndefined();
      expect(await triplesOf(body), document).toEqual([]);
    }
    // A field aliased to another's name says nothing false: its values are not the name's.
    const { body } = await post(
      '{ athlete(slug: "rim-ju-song") { __typename iri name: slug } }',
      'application/ld+json',
    );
    for (const triple of await triplesOf(body)) expect(dump.has(quadKey(triple)), quadKey(triple)).toBe(true);
    expect(body.extensions['@context'].Athlete['@context'].name).toBeNull();
    // The answer is compacted with a context: it is not the expanded form a profile asks for.
    const expanded = await post(
      '{ country(slug: "north-korea") { iri } }',
      'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"',
    );
    expect(expanded.response.status).toBe(406);
  });

  it('shows errors as GraphQL does, with the context of what data there is', async () => {
    const { response, body } = await post('{ athlete(slug: "rim-ju-song") { nope } }', 'application/ld+json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json');
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await triplesOf(body)).toEqual([]);
  });
});

describe('GraphQL answers as JSON-LD over HTTP', () => {
  let server: Awaited<ReturnType<typeof listenOnLoopback>>;
  beforeAll(async () => {
    server = await listenOnLoopback();
  });
  afterAll(() => server.close());

  it('keeps the context on repeated GETs (the lean path and the answer cache), varying by Accept', async () => {
    const search = new URLSearchParams({ query: '{ country(slug: "north-korea") { __typename iri name } }' });
    const url = `${server.url}/graphql?${search}`;
    const tags = new Set<string>();
    for (const accept of ['application/json', 'application/ld+json', 'application/json', 'application/ld+json']) {
      for (let round = 0; round < 3; round += 1) {
        const response = await fetch(url, { headers: { accept } });
        expect(response.status).toBe(200);
        expect(response.headers.get('vary')).toMatch(/Accept/);
        const body = (await response.json()) as Data;
        expect(body.extensions?.['@context'] !== undefined, `${accept} #${round}`).toBe(accept.includes('ld+json'));
        tags.add(`${accept} ${response.headers.get('etag')}`);
      }
    }
    expect(tags.size).toBe(2);
  });
});

describe('the context of an answer with nested connections', () => {
  /** An answer naming Rim Ju-song with his results as a connection (edges and nodes), and what else is given. */
  async function answerWith(extra: Record<string, unknown> = {}) {
    const { store } = await realApp();
    const dataset = new LinkedDataset(store, BASE_URL);
    const athlete = store.follow('athlete', 'rim-ju-song');
    const results = store.resultsOfAthlete(athlete).map((result) => ({
      __typename: 'Result',
      iri: dataset.iriOf(result),
      rank: result.facts.rank,
    }));
    const connection = {
      totalCount: results.length,
      pageInfo: { hasNextPage: false },
      edges: results.map((node, index) => ({ cursor: `cursor-${index}`, node })),
      nodes: results,
    };
    const data = {
      athlete: {
        __typename: 'Athlete',
        iri: dataset.iriOf(athlete),
        name: athlete.facts.name,
        results: connection,
        ...extra,
      },
    };
    const answer = { data, extensions: { '@context': answerContext(dataset, kindOfType, data) } };
    return { dataset, athlete, results, triples: await triplesOf(answer) };
  }

  it('reads its records as the values of the field, its edges and page left out', async () => {
    const { dataset, athlete, results, triples } = await answerWith();
    expect(results.length).toBeGreaterThan(0);
    for (const triple of triples) expect(dump.has(quadKey(triple)), quadKey(triple)).toBe(true);
    const keys = keysOf(triples);
    for (const result of results) {
      expect(keys.has(`${result.iri} ${NS.schema}competitor ${dataset.iriOf(athlete)} `)).toBe(true);
      expect(keys.has(`${result.iri} ${NS.rdf}type ${NS.schema}Role `)).toBe(true);
    }
  });

  it('gives connections of one type one meaning: records no common property links are only included', async () => {
    const { store } = await realApp();
    const country = store.follow('country', 'north-korea');
    const countries = { edges: [{ node: { __typename: 'Country', iri: `${BASE_URL}/id/country/${country.slug}` } }] };
    const { dataset, athlete, results, triples } = await answerWith({ countries });
    for (const triple of triples) expect(dump.has(quadKey(triple)), quadKey(triple)).toBe(true);
    const keys = keysOf(triples);
    expect(keys.has(`${BASE_URL}/id/country/${country.slug} ${NS.rdf}type ${NS.schema}Country `)).toBe(true);
    for (const result of results) {
      expect(keys.has(`${result.iri} ${NS.rdf}type ${NS.schema}Role `)).toBe(true);
      expect(keys.has(`${result.iri} ${NS.schema}competitor ${dataset.iriOf(athlete)} `)).toBe(false);
    }
  });
});
