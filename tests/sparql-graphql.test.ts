import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NS } from '../src/linked-data/namespaces.js';
import {
  COUNTRY_HISTORY,
  DERIVED_VALUE,
  DISPUTED_PUBLISHER,
  DISPUTED_RANK,
  SEARCH_BY_SPELLING,
} from '../src/sparql/examples.js';
import { type Data, PROJECT_ROOT, query, realApp } from './helpers.js';
import { get, solutions, sparqlClient } from './sparql-helpers.js';

const { app } = await realApp();
afterAll(() => app.dispose());
const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const client = sparqlClient(app);
const PREFIXES = `PREFIX schema: <${NS.schema}>\nPREFIX pg: <${NS.pg}>\n`;

/** The README's GraphQL example queries. */
const graphqlExamples = [...readme.matchAll(/```graphql\n([\s\S]*?)```\n\nAnswer:/g)].map((match) => match[1] ?? '');
/** The README's example that asks for `root` (such as `country(code: "PRK")`). */
function example(root: string): string {
  const found = graphqlExamples.filter((source) => source.includes(root));
  expect(found, root).toHaveLength(1);
  return found[0] ?? '';
}

const numberOrNull = (value: string | undefined): number | null => (value === undefined ? null : Number(value));

describe("the README's questions, answered identically by SPARQL and by GraphQL", () => {
  const roots = [
    'country(code: "PRK")',
    'result(slug: "rim-ju-song-2012-men-50m-freestyle-s6")',
    'result(slug: "lorenzo-perez-2012-men-50m-freestyle-s6")',
    'report(slug: "cultural-centre-for-the-disabled-2012-report")',
    'search(query: "rim ju song"',
    'where: { results: { some: { event: { games: { year: { eq: 2012 } } } } } }',
  ];

  it('covers each GraphQL example of the README', () => {
    expect(graphqlExamples.map((source) => roots.filter((root) => source.includes(root)).length)).toEqual(
      graphqlExamples.map(() => 1),
    );
  });

  it("a country's history: every Games listed, attended or not, its NPC and medal totals", async () => {
    const { country } = (await query(example(roots[0] ?? ''))) as Data;
    const games = await solutions(client, COUNTRY_HISTORY.query);
    expect(
      games.map((row) => ({
        games: { name: row.games, year: Number(row.year), season: row.season, city: row.city ?? null },
        participated: row.participated === 'true',
        competitors: numberOrNull(row.competitors),
        medals: row.medals === undefined ? null : { total: Number(row.medals) },
      })),
    ).toEqual(country.participations);

    const [facts] = await solutions(
      client,
      `${PREFIXES}SELECT ?name ?status ?since WHERE {
        ?country a schema:Country ; pg:iocCode "PRK" ; schema:name ?name .
        ?npc schema:areaServed ?country ; schema:memberOf ?membership .
        ?membership pg:ipcMembershipStatus ?status ; schema:startDate ?since .
      }`,
    );
    expect({ name: facts?.name, npc: { ipcMembership: { status: facts?.status, since: facts?.since } } }).toEqual({
      name: country.name,
      npc: country.npc,
    });

    const [totals] = await solutions(
      client,
      `${PREFIXES}SELECT (SUM(?g) AS ?gold) (SUM(?s) AS ?silver) (SUM(?b) AS ?bronze) (SUM(?t) AS ?total) WHERE {
        ?delegation pg:delegationOf/pg:iocCode "PRK" ;
          pg:goldMedals ?g ; pg:silverMedals ?s ; pg:bronzeMedals ?b ; pg:totalMedals ?t .
      }`,
    );
    expect(Object.fromEntries(Object.entries(totals ?? {}).map(([key, value]) => [key, Number(value)]))).toEqual(
      country.medalTotals,
    );
  });

  it('a disputed fact: every claim of the rank, its rank and reason, and its sources', async () => {
    const { result } = (await query(example(roots[1] ?? ''))) as Data;
    const rows = await solutions(client, DISPUTED_RANK.query);
    const claims = new Map<string, Data>();
    for (const row of rows) {
      const key = `${row.value} ${row.statementRank}`;
      if (!claims.has(key)) {
        claims.set(key, {
          value: { int: Number(row.value) },
          preferred: row.statementRank === `${NS.pg}PreferredRank`,
          reason: row.reason ?? null,
          citations: [],
        });
      }
      claims.get(key).citations.push({ report: { name: row.report }, quote: row.quote });
    }
    expect([...claims.values()]).toEqual(result.claims);

    const [athlete] = await solutions(
      client,
      `${PREFIXES}SELECT ?name (GROUP_CONCAT(?alternate; separator="|") AS ?alternates) ?time ?rank WHERE {
        ?result schema:competitor ?athlete ; pg:event/schema:name "Men's 50m freestyle S6"@en ;
                pg:resultTime ?time ; pg:rank ?rank .
        ?athlete schema:name "Rim Ju-song"@en, ?name ; schema:alternateName ?alternate .
      } GROUP BY ?name ?time ?rank`,
    );
    expect({
      athlete: { name: athlete?.name, alternateNames: athlete?.alternates?.split('|').sort() },
      time: Number(athlete?.time),
      rank: Number(athlete?.rank),
    }).toEqual({ athlete: result.athlete, time: result.time, rank: result.rank });
  });

  it('a derived value: the time computed from another, with the note and the statement', async () => {
    const { result } = (await query(example(roots[2] ?? ''))) as Data;
    const rows = await solutions(client, DERIVED_VALUE.query);
    expect(rows.map((row) => Number(row.time))).toEqual(rows.map(() => result.time));
    expect(
      rows.map((row) => ({
        value: { decimal: Number(row.value) },
        derived: row.derived === 'true',
        note: row.note ?? null,
        citations: [{ quote: row.quote }],
      })),
    ).toEqual(result.claims);
  });

  it('a disputed publisher, each a link to an organisation, and a date as precise as its source', async () => {
    const { report } = (await query(example(roots[3] ?? ''))) as Data;
    const rows = await solutions(client, DISPUTED_PUBLISHER.query);
    expect(
      rows.map((row) => ({
        value: { entity: { __typename: 'Organisation', name: row.publisherName } },
        valueText: decodeURIComponent(row.publisher?.split('/').at(-1) ?? ''),
        preferred: row.statementRank === `${NS.pg}PreferredRank`,
      })),
    ).toEqual(report.claims);
    expect(rows.every((row) => row.publisher?.includes('/id/organisation/'))).toBe(true);
    const [first] = rows;
    expect(first?.datePublished).toBe(report.datePublished);
    expect(
      report.published.map((claim: Data) => ({ date: claim.value.date, precision: claim.value.precision })),
    ).toEqual([{ date: first?.datePublished, precision: first?.precision }]);
  });

  it('search by any spelling: the same athletes, with their classifications', async () => {
    const { search } = (await query(example(roots[4] ?? ''))) as Data;
    // The full-text search also finds athletes whose sentences name him: those found by a spelling of
    // their own name are the ones whose best text is a name.
    const bySpelling = search.edges.filter((edge: Data) =>
      ['NAME', 'ALTERNATE_NAME'].includes(edge.snippets[0]?.field),
    );
    const athletes = new Map<string, { name: string; classifications: string[] }>();
    for (const row of await solutions(client, SEARCH_BY_SPELLING.query)) {
      const athlete = athletes.get(row.athlete ?? '') ?? { name: row.name ?? '', classifications: [] };
      if (row.class) athlete.classifications.push(row.class);
      athletes.set(row.athlete ?? '', athlete);
    }
    expect(athletes.size).toBe(bySpelling.length);
    expect(bySpelling.length).toBeGreaterThan(0);
    expect([...athletes.values()]).toEqual(
      bySpelling.map((edge: Data) => ({
        name: edge.node.name,
        classifications: [...edge.node.classifications].sort(),
      })),
    );
  });

  it('a filtered, ordered page: athletes with a result at the 2012 Games, by name going down, with their ranks', async () => {
    const { allAthletes } = (await query(example(roots[5] ?? ''))) as Data;
    const rows = await solutions(
      client,
      `${PREFIXES}SELECT DISTINCT ?athlete ?name ?code WHERE {
        ?entry schema:competitor ?athlete ; pg:event/schema:superEvent/pg:year 2012 .
        ?athlete schema:name ?name .
        OPTIONAL { ?athlete schema:nationality/pg:iocCode ?code }
      }`,
    );
    expect(allAthletes.totalCount).toBe(rows.length);
    const collator = new Intl.Collator('en');
    const page = rows
      .sort(
        (a, b) => collator.compare(b.name ?? '', a.name ?? '') || collator.compare(b.athlete ?? '', a.athlete ?? ''),
      )
      .slice(0, allAthletes.nodes.length);
    expect(allAthletes.nodes.map((node: Data) => ({ name: node.name, code: node.country?.code ?? null }))).toEqual(
      page.map((row) => ({ name: row.name, code: row.code ?? null })),
    );
    for (const [index, row] of page.entries()) {
      const ranked = await solutions(
        client,
        `${PREFIXES}SELECT ?rank ?time WHERE {
          ?entry schema:competitor <${row.athlete}> ; pg:rank ?rank .
          OPTIONAL { ?entry pg:resultTime ?time }
        }`,
      );
      const nodes = allAthletes.nodes[index].results.nodes as { rank: number; time: number | null }[];
      const byRank = (a: { rank: number }, b: { rank: number }) => a.rank - b.rank;
      expect([...nodes].sort(byRank)).toEqual(
        ranked.map((entry) => ({ rank: Number(entry.rank), time: numberOrNull(entry.time) })).sort(byRank),
      );
    }
    expect(allAthletes.pageInfo.hasNextPage).toBe(rows.length > allAthletes.nodes.length);
  });
});

describe("the README's SPARQL examples", () => {
  it('shows each with the answer the endpoint gives today', async () => {
    const examples = [
      ...readme.matchAll(/```sparql\n([\s\S]*?)```\n\nAnswer \(`Accept: text\/csv`\):\n\n```csv\n([\s\S]*?)```/g),
    ];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const [, sparql = '', csv = ''] of examples) {
      const response = await get(app, sparql, 'text/csv');
      expect((await response.text()).replaceAll('\r\n', '\n'), sparql).toBe(csv);
    }
  });
});
