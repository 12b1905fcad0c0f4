import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../src/graph/loader.js';
import { NS } from '../src/linked-data/namespaces.js';
import { type App, createApp } from '../src/yoga.js';
import { BASE_URL, DATA_DIR, type Data } from './helpers.js';
import { jsonLdToQuads, parseRdf } from './rdf-helpers.js';

type JsonClaim = { value: unknown; [qualifier: string]: unknown };
type JsonRecord = { slug: string; facts: Record<string, JsonClaim | JsonClaim[]> };

const claimsOf = (record: JsonRecord, property: string): JsonClaim[] => {
  const claims = record.facts[property];
  return claims === undefined ? [] : Array.isArray(claims) ? claims : [claims];
};

/**
 * A copy of the data in which one claim of each sort carries a qualifier: a report's date given as a
 * bound, a delegation's count as approximate, an athlete's alternate name in Korean and hedged. The
 * claims are picked by what they hold, not by name, so the test follows the data as it grows.
 */
let dir: string;
let app: App;
const picked = { report: '', date: '', delegation: '', countProperty: '', count: 0, athlete: '' };

async function edit(file: string, change: (records: JsonRecord[]) => void): Promise<void> {
  const target = path.join(dir, file);
  const records = JSON.parse(await readFile(target, 'utf8')) as JsonRecord[];
  change(records);
  await writeFile(target, JSON.stringify(records));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paralympics-qualifiers-'));
  await cp(DATA_DIR, dir, { recursive: true });
  await edit('reports.json', (records) => {
    const report = records.find((record) => claimsOf(record, 'datePublished').length === 1);
    const [claim] = report ? claimsOf(report, 'datePublished') : [];
    if (!report || !claim) throw new Error('no report with one date of publication in the data');
    Object.assign(claim, { bound: 'onOrBefore', approximate: false });
    delete claim.rank;
    picked.report = report.slug;
    picked.date = String(claim.value);
  });
  await edit('delegations.json', (records) => {
    for (const record of records) {
      for (const property of ['competitors', 'officials', 'delegationSize']) {
        const [claim, ...others] = claimsOf(record, property);
        if (picked.delegation !== '' || !claim || others.length > 0 || typeof claim.value !== 'number') continue;
        claim.approximate = true;
        delete claim.bound;
        Object.assign(picked, { delegation: record.slug, countProperty: property, count: claim.value });
      }
    }
    if (picked.delegation === '') throw new Error('no delegation with a single count in the data');
  });
  await edit('athletes.json', (records) => {
    const athlete = records[0];
    if (!athlete) throw new Error('no athlete in the data');
    const citations = claimsOf(athlete, 'name')[0]?.citations;
    athlete.facts.alternateName = [
      ...claimsOf(athlete, 'alternateName'),
      { value: '시험', lang: 'ko', hedge: 'reportedly', citations },
    ];
    picked.athlete = athlete.slug;
  });
  app = createApp({ store: await loadGraph(dir) });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function graphql(query: string): Promise<Data> {
  const response = await app.fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const result = (await response.json()) as { data?: Data; errors?: unknown };
  expect(result.errors).toBeUndefined();
  return result.data;
}

const get = (pathname: string, accept: string) => app.fetch(`${BASE_URL}${pathname}`, { headers: { accept } });

const QUALIFIERS = 'value: valueText bound approximate hedge lang';

describe('claim qualifiers, from the data file to every view', () => {
  it('GraphQL types them on Claim; a date known only as a bound is not the plain value', async () => {
    const data = await graphql(`{
      report(slug: "${picked.report}") { datePublished claims(property: "datePublished") { ${QUALIFIERS} } }
      participation(slug: "${picked.delegation}") { claims(property: "${picked.countProperty}") { ${QUALIFIERS} } }
      athlete(slug: "${picked.athlete}") {
        alternateNames
        claims(property: "alternateName") { ${QUALIFIERS} }
        name: claims(property: "name") { lang }
      }
    }`);
    expect(data.report).toEqual({
      datePublished: null,
      claims: [{ value: picked.date, bound: 'ON_OR_BEFORE', approximate: false, hedge: null, lang: null }],
    });
    expect(data.participation.claims).toEqual([
      { value: String(picked.count), bound: null, approximate: true, hedge: null, lang: null },
    ]);
    expect(data.athlete.alternateNames).toContain('시험');
    expect(data.athlete.claims).toContainEqual({
      value: '시험',
      bound: null,
      approximate: false,
      hedge: 'reportedly',
      lang: 'ko',
    });
    expect(new Set(data.athlete.name.map((claim: { lang: string }) => claim.lang))).toEqual(new Set(['en']));
  });

  it('JSON-LD and Turtle give the same qualifier triples, with terms the vocabulary declares', async () => {
    const vocabulary = parseRdf(await (await get('/vocab.ttl', 'text/turtle')).text(), 'text/turtle');
    const properties = vocabulary
      .filter((quad) => quad.predicate.value === `${NS.rdf}type` && quad.object.value === `${NS.rdf}Property`)
      .map((quad) => quad.subject.value);
    for (const term of ['latestDate', 'earliestDate', 'approximate', 'hedge'])
      expect(properties).toContain(`${NS.pg}${term}`);

    for (const [kind, slug, predicate, object] of [
      ['report', picked.report, 'latestDate', picked.date],
      ['participation', picked.delegation, 'approximate', 'true'],
      ['athlete', picked.athlete, 'hedge', 'reportedly'],
    ] as const) {
      const iri = `/id/${kind === 'participation' ? 'delegation' : kind}/${slug}`;
      const turtle = parseRdf(await (await get(iri, 'text/turtle')).text(), 'text/turtle');
      const jsonld = await jsonLdToQuads(await (await get(iri, 'application/ld+json')).json());
      for (const quads of [turtle, jsonld]) {
        const found = quads.filter((quad) => quad.predicate.value === `${NS.pg}${predicate}`);
        expect(found.map((quad) => quad.object.value)).toEqual([object]);
        expect(found[0]?.subject.value).toMatch(/#claim-/);
      }
    }
    const report = parseRdf(await (await get(`/id/report/${picked.report}`, 'text/turtle')).text(), 'text/turtle');
    expect(report.filter((quad) => quad.predicate.value === `${NS.schema}datePublished`)).toEqual([]);
  });

  it('the entity pages show them: "by 2008", "c. 500", a hedge, a language', async () => {
    const page = async (iri: string) => (await get(iri, 'text/html')).text();
    expect(await page(`/id/report/${picked.report}`)).toContain(`by ${picked.date}`);
    expect(await page(`/id/delegation/${picked.delegation}`)).toMatch(
      new RegExp(`<abbr title="[^"]*">c\\.</abbr> ${picked.count}<`),
    );
    expect(await page(`/id/athlete/${picked.athlete}`)).toMatch(/시험.*<em>\(reportedly\)<\/em>/);
  });
});
