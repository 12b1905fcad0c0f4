import { describe, expect, it } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { normaliseQuoteText } from '../src/graph/loader.js';
import { type Data, query, realApp } from './helpers.js';

const SOURCED_FIELDS = `
  __typename
  citations { report { slug } quote }
  claims { property value: valueText preferred rank reason derived note citations { report { slug } quote } }
`;

interface SourcedRecord {
  __typename: string;
  slug: string;
  citations: { report: { slug: string }; quote: string | null }[];
  claims: {
    property: string;
    value: string;
    preferred: boolean;
    rank: string;
    reason: string | null;
    derived: boolean;
    note: string | null;
    citations: { report: { slug: string }; quote: string | null }[];
  }[];
}

/** Every record of the graph, with all its citations and claims, fetched through GraphQL page by page. */
async function everyRecord(): Promise<SourcedRecord[]> {
  const records: SourcedRecord[] = [];
  // One connection a request: all three at once are more than the cost limit allows.
  for (const [field, args] of [
    ['search', 'query: "", '],
    ['allParticipations', ''],
    ['allResults', ''],
  ] as const) {
    let after: string | null = null;
    do {
      const page: Data = (
        await query(
          `query($after: String) { ${field}(${args}first: 100, after: $after) {
            edges { node { slug ${SOURCED_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        )
      )[field];
      records.push(...page.edges.map((edge: { node: SourcedRecord }) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
  }
  return records;
}

const claimOf = (record: SourcedRecord | undefined, property: string) =>
  (record?.claims ?? [])
    .filter((claim) => claim.property === property)
    .map(({ value, preferred, rank, citations }) => ({
      value,
      preferred,
      rank,
      reports: citations.map((c) => c.report.slug),
    }));

describe('every fact says where it comes from', () => {
  it('every record cites at least one report, and so does every claim', async () => {
    const records = await everyRecord();
    const { store } = await realApp();
    expect(records).toHaveLength(KINDS.reduce((sum, kind) => sum + store.count(kind), 0));
    for (const record of records) {
      expect(record.citations.length, record.slug).toBeGreaterThan(0);
      for (const claim of record.claims)
        expect(claim.citations.length, `${record.slug} ${claim.property}`).toBeGreaterThan(0);
    }
  });

  it('every quote cited from a seed document is in its text', async () => {
    const { allReports } = await query('{ allReports(first: 100) { edges { node { slug text } } } }');
    const texts = new Map<string, string>(
      allReports.edges
        .filter((edge: { node: { text: string | null } }) => edge.node.text !== null)
        .map((edge: { node: { slug: string; text: string } }) => [edge.node.slug, normaliseQuoteText(edge.node.text)]),
    );
    expect(texts.size).toBe(4);
    let checked = 0;
    for (const record of await everyRecord()) {
      const citations = [...record.citations, ...record.claims.flatMap((claim) => claim.citations)];
      for (const { report, quote } of citations) {
        const text = texts.get(report.slug);
        if (text === undefined || quote === null) continue;
        expect(text, `${record.slug}: ${quote}`).toContain(normaliseQuoteText(quote));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('where sources disagree, exactly one value is ranked preferred and says why; deprecated ones say why too', async () => {
    let disagreements = 0;
    for (const record of await everyRecord()) {
      const properties = new Set(record.claims.map((claim) => claim.property));
      for (const property of properties) {
        const claims = record.claims.filter((claim) => claim.property === property);
        const ranked = claims.filter((claim) => claim.rank === 'PREFERRED');
        for (const claim of claims.filter((candidate) => candidate.rank === 'DEPRECATED')) {
          expect(claim.reason, `${record.slug} ${property}`).toBeTruthy();
        }
        if (claims.length < 2 || ranked.length === 0) continue;
        disagreements += 1;
        expect(ranked, `${record.slug} ${property}`).toHaveLength(1);
        expect(ranked[0]?.reason, `${record.slug} ${property}`).toBeTruthy();
      }
    }
    expect(disagreements).toBeGreaterThanOrEqual(7);
  });

  it('keeps both values of each disagreement, with their own sources', async () => {
    const records = new Map((await everyRecord()).map((record) => [`${record.__typename}/${record.slug}`, record]));
    expect(claimOf(records.get('Result/rim-ju-song-2012-men-50m-freestyle-s6'), 'rank')).toEqual([
      {
        value: '19',
        preferred: true,
        rank: 'PREFERRED',
        reports: ['north-korea-at-the-paralympics', 'north-korea-at-the-paralympics'],
      },
      { value: '17', preferred: false, rank: 'NORMAL', reports: ['north-korea-at-the-2012-summer-paralympics'] },
    ]);
    expect(claimOf(records.get('Organisation/handicap-international'), 'areaServedSince')).toEqual([
      {
        value: '2001',
        preferred: true,
        rank: 'PREFERRED',
        reports: ['handicap-international-north-korea', 'handicap-international-north-korea'],
      },
      {
        value: '1999',
        preferred: false,
        rank: 'NORMAL',
        reports: ['north-korea-at-the-paralympics', 'north-korea-at-the-2012-summer-paralympics'],
      },
    ]);
    expect(claimOf(records.get('Report/cultural-centre-for-the-disabled-2012-report'), 'publisher')).toEqual([
      { value: 'associated-press', preferred: true, rank: 'PREFERRED', reports: ['north-korea-at-the-paralympics'] },
      {
        value: 'yahoo-news',
        preferred: false,
        rank: 'NORMAL',
        reports: ['north-korea-at-the-2012-summer-paralympics'],
      },
    ]);
    expect(claimOf(records.get('Athlete/rim-ju-song'), 'name').map((claim) => [claim.value, claim.preferred])).toEqual([
      ['Rim Ju-song', true],
      ['Rim Ju Song', false],
      ['Rim Ju-Song', false],
    ]);
    expect(
      claimOf(records.get('Games/2016-summer-paralympics'), 'city').map((claim) => [claim.value, claim.preferred]),
    ).toEqual([
      ['Rio de Janeiro', true],
      ['Río de Janeiro', false],
    ]);
  });

  it('marks derived values and cites the statements they come from', async () => {
    const derived = (await everyRecord()).flatMap((record) =>
      record.claims.filter((claim) => claim.derived).map((claim) => ({ record: record.slug, ...claim })),
    );
    expect(derived.length).toBeGreaterThan(10);
    for (const claim of derived) {
      expect(claim.note, `${claim.record} ${claim.property}`).toBeTruthy();
      expect(claim.citations.length).toBeGreaterThan(0);
    }
    expect(derived.map((claim) => `${claim.record} ${claim.property}=${claim.value}`)).toEqual(
      expect.arrayContaining([
        'lorenzo-perez-2012-men-50m-freestyle-s6 time=29.98',
        'reagan-wickens-2012-men-50m-freestyle-s6 time=37.19',
        'north-korea-2016-summer-paralympics competitors=2',
        'north-korea-wants-role-in-paralympics datePublished=2018',
        'handicap-international-north-korea datePublished=2015',
      ]),
    );
  });

  it('the sources of a record are every report it and its claims cite', async () => {
    const data = await query('{ athlete(slug: "kim-chol-ung") { sources { slug } mentionedIn { nodes { slug } } } }');
    expect(data.athlete).toEqual({ sources: [{ slug: 'north-korea-at-the-paralympics' }], mentionedIn: { nodes: [] } });
    const rim = await query('{ athlete(slug: "rim-ju-song") { mentionedIn { nodes { slug } } } }');
    expect(rim.athlete.mentionedIn.nodes).toEqual([
      { slug: 'north-korea-at-the-2012-summer-paralympics' },
      { slug: 'north-korea-at-the-paralympics' },
    ]);
  });
});
