import { Kind as AstKind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { firstDayOf, lastDayOf, precisionOf } from '../src/graph/dates.js';
import { many, optional, positiveInt, text } from '../src/graph/facts.js';
import { KINDS, type Kind } from '../src/graph/kinds.js';
import type { Claim } from '../src/graph/model.js';
import { typedValueOf, type ValueType, valueTypesByProperty } from '../src/schema/claim-values.js';
import { schema } from '../src/schema/index.js';
import { PartialDateScalar } from '../src/schema/scalars.js';
import { possibleTypes } from '../src/scripts/print-schema.js';
import { BASE_URL, graphql, query, ranksInData, realApp } from './helpers.js';

const VALUE = `value {
  __typename
  ... on TextValue { text }
  ... on CodeValue { code }
  ... on IntValue { int }
  ... on DecimalValue { decimal }
  ... on BooleanValue { boolean }
  ... on DateValue { date precision firstDay lastDay }
  ... on UrlValue { url }
  ... on EntityValue { entity { __typename slug } }
}`;

interface TypedClaim {
  property: string;
  valueText: string | null;
  value: null | {
    __typename: string;
    text?: string;
    code?: string;
    int?: number;
    decimal?: number;
    boolean?: boolean;
    date?: string;
    precision?: string;
    firstDay?: string;
    lastDay?: string;
    url?: string;
    entity?: { __typename: string; slug: string };
  };
}

interface SourcedRecord {
  __typename: string;
  slug: string;
  iri: string;
  claims: TypedClaim[];
}

interface Page {
  edges: { node: SourcedRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every record of a connection with every claim's typed value, through GraphQL, page by page. */
async function everyRecordOf(field: string, args = ''): Promise<SourcedRecord[]> {
  const records: SourcedRecord[] = [];
  let after: string | null = null;
  do {
    const data = await query(
      `query($after: String) { page: ${field}(${args} first: 100, after: $after) {
        edges { node { __typename slug iri claims { property valueText ${VALUE} } } }
        pageInfo { hasNextPage endCursor }
      } }`,
      { after },
    );
    const page = data.page as Page;
    records.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after !== null);
  return records;
}

/** The text a typed value reads as, as the data file states it. */
function textOf(value: NonNullable<TypedClaim['value']>, entityKinds: ReadonlyMap<string, string>): string {
  switch (value.__typename) {
    case 'IntValue':
      return String(value.int);
    case 'DecimalValue':
      return String(value.decimal);
    case 'BooleanValue':
      return String(value.boolean);
    case 'DateValue':
      return String(value.date);
    case 'UrlValue':
      return String(value.url);
    case 'CodeValue':
      return String(value.code);
    case 'TextValue':
      return String(value.text);
    case 'EntityValue':
      return `${entityKinds.get(value.entity?.__typename ?? '')}/${value.entity?.slug}`;
    default:
      throw new Error(`Unknown member ${value.__typename}`);
  }
}

const KIND_OF_TYPE: Readonly<Record<string, Kind>> = {
  Country: 'country',
  NPC: 'npc',
  Games: 'games',
  Participation: 'delegation',
  Athlete: 'athlete',
  Event: 'event',
  Result: 'result',
  Organisation: 'organisation',
  Report: 'report',
  Person: 'person',
};

const MEMBER_OF_TYPE: Readonly<Record<ValueType, string>> = {
  text: 'TextValue',
  code: 'CodeValue',
  int: 'IntValue',
  decimal: 'DecimalValue',
  boolean: 'BooleanValue',
  date: 'DateValue',
  url: 'UrlValue',
  entity: 'EntityValue',
};

describe('typed claim values', () => {
  it('every claim of every type round-trips: its typed value reads as its text', async () => {
    const records = [
      ...(await everyRecordOf('search', 'query: "",')),
      ...(await everyRecordOf('allParticipations')),
      ...(await everyRecordOf('allResults')),
    ];
    const { store } = await realApp();
    expect(records.length).toBe(KINDS.reduce((sum, kind) => sum + store.count(kind), 0));
    const kindOfType: ReadonlyMap<string, string> = new Map(Object.entries(KIND_OF_TYPE));
    const types = valueTypesByProperty();
    const seen = new Set<string>();
    for (const record of records) {
      const kind = KIND_OF_TYPE[record.__typename] ?? 'country';
      expect(record.claims.length).toBe(store.get(kind, record.slug)?.claims.length);
      for (const claim of record.claims) {
        const where = `${record.__typename} ${record.slug} ${claim.property}`;
        if (claim.value === null) {
          expect(claim.valueText, where).toBeNull();
          continue;
        }
        seen.add(claim.value.__typename);
        expect(claim.value.__typename, where).toBe(MEMBER_OF_TYPE[types.get(claim.property) ?? 'text']);
        const read = textOf(claim.value, kindOfType);
        // A reference names one kind by its slug alone, several kinds by kind/slug.
        expect([read, read.split('/')[1]], where).toContain(claim.valueText);
        if (claim.value.__typename === 'DateValue') {
          const { date = '', precision, firstDay, lastDay } = claim.value;
          expect(precision, where).toBe(precisionOf(date));
          expect(firstDay?.startsWith(date) && lastDay?.startsWith(date), where).toBe(true);
        }
      }
    }
    expect(possibleTypes().ClaimValue).toEqual(expect.arrayContaining([...seen]));
    // The seed states no URL; the one member it leaves out is typed here.
    const url = 'https://www.paralympic.org/';
    expect(typedValueOf({ ...store.all('report').at(0)?.claims[0], property: 'url', value: url } as Claim)).toEqual({
      type: 'url',
      value: url,
    });
  });

  it('types each property by its specification, the same in every kind', () => {
    const types = valueTypesByProperty();
    expect(
      Object.fromEntries(
        ['rank', 'time', 'mark', 'year', 'datePublished', 'ipcMemberSince', 'participated', 'url', 'status']
          .concat(['publisher', 'author', 'name'])
          .map((property) => [property, types.get(property)]),
      ),
    ).toEqual({
      rank: 'int',
      time: 'decimal',
      mark: 'decimal',
      year: 'int',
      datePublished: 'date',
      ipcMemberSince: 'date',
      participated: 'boolean',
      url: 'url',
      status: 'code',
      publisher: 'entity',
      author: 'entity',
      name: 'text',
    });
    expect(() =>
      valueTypesByProperty({ athlete: { rank: optional(text) }, result: { rank: optional(positiveInt) } }),
    ).toThrow('rank holds text values in one kind and int values in result');
    expect(() => valueTypesByProperty({ report: { about: many(text, ['result']) } })).toThrow(
      'about refers to result, which are not entities',
    );
  });

  it('compares a disputed rank as a number and links a disputed publisher', async () => {
    const data = await query(`{
      result(slug: "rim-ju-song-2012-men-50m-freestyle-s6") { claims(property: "rank") { value { ... on IntValue { int } } } }
      report(slug: "cultural-centre-for-the-disabled-2012-report") {
        claims(property: "publisher") { preferred value { ... on EntityValue { entity { ... on Organisation { kind publications { nodes { slug } } } } } } }
      }
    }`);
    const ranks = data.result.claims.map((claim: { value: { int: number } }) => claim.value.int);
    expect(ranks).toEqual(ranksInData());
    expect(Math.min(...ranks)).toBe(Math.min(...ranksInData()));
    for (const claim of data.report.claims) {
      expect(claim.value.entity.kind).toBe('NEWS_MEDIA');
    }
    const preferred = data.report.claims.find((claim: { preferred: boolean }) => claim.preferred);
    expect(preferred.value.entity.publications.nodes.map((report: { slug: string }) => report.slug)).toContain(
      'cultural-centre-for-the-disabled-2012-report',
    );
  });

  it('keeps the old text under valueText, and marks Claim.entity deprecated', async () => {
    const data = await query(
      `{ __type(name: "Claim") { fields(includeDeprecated: true) { name isDeprecated deprecationReason type { kind name ofType { name } } } } }`,
    );
    const fields = new Map(data.__type.fields.map((field: { name: string }) => [field.name, field]));
    expect(fields.get('value')).toMatchObject({
      isDeprecated: false,
      type: { kind: 'UNION', name: 'ClaimValue' },
    });
    expect(fields.get('valueText')).toMatchObject({ isDeprecated: false, type: { kind: 'SCALAR', name: 'String' } });
    expect(fields.get('entity')).toMatchObject({ isDeprecated: true });
    const old = await graphql('{ result(slug: "rim-ju-song-2012-men-50m-freestyle-s6") { claims { value } } }');
    expect(old.status).toBe(400);
    expect(old.errors?.[0]?.message).toContain('Field "value" of type "ClaimValue" must have a selection of subfields');
  });
});

describe('PartialDate', () => {
  it('knows the precision and the days a partial date may denote', () => {
    expect(['2006', '2012-03', '2012-08-29'].map(precisionOf)).toEqual(['YEAR', 'MONTH', 'DAY']);
    expect(['2006', '2012-02', '2011-02', '2012-08-29'].map(firstDayOf)).toEqual([
      '2006-01-01',
      '2012-02-01',
      '2011-02-01',
      '2012-08-29',
    ]);
    expect(['2006', '2012-02', '2011-02', '2012-04', '2012-08-29'].map(lastDayOf)).toEqual([
      '2006-12-31',
      '2012-02-29',
      '2011-02-28',
      '2012-04-30',
      '2012-08-29',
    ]);
  });

  it('accepts only calendar dates of year, month or day precision as input', () => {
    expect(PartialDateScalar.parseValue('2012-03')).toBe('2012-03');
    expect(PartialDateScalar.parseLiteral({ kind: AstKind.STRING, value: '2012-02-29' })).toBe('2012-02-29');
    for (const bad of ['2012-13', '2011-02-29', '12-03', '2012-3', '2012-03-01T00:00', '', 2012]) {
      expect(() => PartialDateScalar.parseValue(bad), String(bad)).toThrow(/PartialDate must be an ISO 8601/);
    }
    expect(() => PartialDateScalar.parseLiteral({ kind: AstKind.INT, value: '2012' })).toThrow(/must be a string/);
  });

  it('types every date field, with the same text as before', async () => {
    const dateFields = Object.values(schema.getTypeMap()).flatMap((type) =>
      'getFields' in type && !type.name.startsWith('__')
        ? Object.values(type.getFields())
            .filter((field) => String(field.type).replace(/!/g, '') === 'PartialDate')
            .map((field) => `${type.name}.${field.name}`)
        : [],
    );
    expect(dateFields).toEqual(
      expect.arrayContaining([
        'Games.startDate',
        'Games.endDate',
        'IpcMembership.since',
        'Organisation.areaServedSince',
        'Report.datePublished',
      ]),
    );
    const data = await query(
      '{ npc(code: "PRK") { ipcMembership { since } } games(slug: "2014-winter-paralympics") { endDate } }',
    );
    expect(data).toEqual({ npc: { ipcMembership: { since: '2012-03' } }, games: { endDate: '2014-03-16' } });
  });
});

describe('iri on every record', () => {
  it('results and participations have IRIs that dereference to their own JSON-LD', async () => {
    const data = await query(`{
      result(slug: "rim-ju-song-2012-men-50m-freestyle-s6") { iri jsonld }
      participation(slug: "north-korea-2012-summer-paralympics") { iri jsonld }
    }`);
    expect(data.result.iri).toBe(`${BASE_URL}/id/result/rim-ju-song-2012-men-50m-freestyle-s6`);
    expect(data.participation.iri).toBe(`${BASE_URL}/id/delegation/north-korea-2012-summer-paralympics`);
    const { app } = await realApp();
    for (const record of [data.result, data.participation]) {
      expect(record.jsonld['@graph'][0]['@id']).toBe(record.iri);
      const response = await app.fetch(record.iri, { headers: { accept: 'application/ld+json' } });
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain(`"@id":"${record.iri}"`);
    }
  });
});

describe('JSONLD', () => {
  it('gives a JSON-LD object with our context and a graph of typed nodes with IRIs', async () => {
    const data = await query('{ athlete(slug: "rim-ju-song") { jsonld } }');
    const { '@context': context, '@graph': graph } = data.athlete.jsonld;
    expect(context).toMatchObject({ '@vocab': 'https://schema.org/' });
    expect(graph.length).toBeGreaterThan(1);
    for (const node of graph) {
      expect(typeof node['@id']).toBe('string');
      expect(node['@type']).toBeTruthy();
    }
    const type = await query('{ __type(name: "JSONLD") { kind specifiedByURL description } }');
    expect(type.__type).toMatchObject({ kind: 'SCALAR', specifiedByURL: 'https://www.w3.org/TR/json-ld11/' });
    expect(type.__type.description).toContain('@graph');
  });
});
