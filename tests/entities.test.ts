import { describe, expect, it } from 'vitest';
import { TRUSTED_DOCUMENTS } from '../src/examples.js';
import { BASE_URL, errorCodes, graphql, query, ranksInData } from './helpers.js';

describe('Country', () => {
  it('by IOC code in any case, with its NPC, medal totals and every Games listed for it', async () => {
    const data = await query(`{
      country(code: "prk") {
        slug name code capital alternateNames iri
        npc { code name ipcMembership { status since } country { code } }
        medalTotals { gold silver bronze total }
        participations { games { slug } participated medals { total } }
      }
    }`);
    expect(data.country).toEqual({
      slug: 'north-korea',
      name: 'North Korea',
      code: 'PRK',
      capital: 'Pyongyang',
      alternateNames: ["Democratic People's Republic of Korea", 'the North'],
      iri: `${BASE_URL}/id/country/north-korea`,
      npc: {
        code: 'PRK',
        name: 'National Paralympic Committee of North Korea',
        ipcMembership: { status: 'PROVISIONAL', since: '2012-03' },
        country: { code: 'PRK' },
      },
      medalTotals: { gold: 0, silver: 0, bronze: 0, total: 0 },
      participations: [
        { games: { slug: '1968-summer-paralympics' }, participated: false, medals: null },
        { games: { slug: '2012-summer-paralympics' }, participated: true, medals: { total: 0 } },
        { games: { slug: '2016-summer-paralympics' }, participated: true, medals: { total: 0 } },
        { games: { slug: '2018-winter-olympics' }, participated: true, medals: null },
        { games: { slug: '2018-winter-paralympics' }, participated: true, medals: { total: 0 } },
        { games: { slug: '2020-summer-paralympics' }, participated: false, medals: null },
        { games: { slug: '2022-winter-paralympics' }, participated: false, medals: null },
        { games: { slug: '2024-summer-paralympics' }, participated: false, medals: null },
      ],
    });
  });

  it('filters participations by series', async () => {
    const data = await query(`{ country(slug: "north-korea") {
      participations(series: OLYMPIC_GAMES) { games { name } delegationSize members { name } } } }`);
    expect(data.country.participations).toEqual([
      { games: { name: '2018 Winter Olympics' }, delegationSize: 500, members: [{ name: 'Kim Yo-jong' }] },
    ]);
  });

  it('is null for an unknown code, and refuses a lookup by both code and slug', async () => {
    expect((await query('{ country(code: "XXX") { name } }')).country).toBeNull();
    const both = await graphql('{ country(code: "PRK", slug: "north-korea") { name } }');
    expect(both.data?.country).toBeNull();
    expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    expect(both.errors?.[0]?.message).toBe('country takes exactly one of: code, slug.');
  });

  it('keeps the correct code where the seed misspelt it, and the misspelling as a deprecated claim', async () => {
    const data = await query(
      `{ country(code: "JPN") { name claims(property: "code") { valueText rank preferred derived reason } } }`,
    );
    expect(data.country.claims).toEqual([
      {
        valueText: 'JPN',
        rank: 'PREFERRED',
        preferred: true,
        derived: true,
        reason: "JPN is Japan's IOC code; the seed's JAP is a misspelling of it.",
      },
      {
        valueText: 'JAP',
        rank: 'DEPRECATED',
        preferred: false,
        derived: false,
        reason: "Misspelt: no IOC code JAP exists; the seed's medal table writes it for Tokyo 2020.",
      },
    ]);
    expect((await query('{ country(code: "JAP") { name } }')).country).toBeNull();
  });
});

describe('Games', () => {
  it('with dates, host, events and participations', async () => {
    const data = await query(`{
      games(slug: "2012-summer-paralympics") {
        name year season series city startDate endDate alternateNames
        hostCountry { code }
        events { totalCount nodes { name sport classification gender results { nodes { athlete { name } rank } } } }
        participations { nodes { country { code } participated athletes { name } } }
      }
    }`);
    expect(data.games).toEqual({
      name: '2012 Summer Paralympics',
      year: 2012,
      season: 'SUMMER',
      series: 'PARALYMPIC_GAMES',
      city: 'London',
      startDate: '2012-08-29',
      endDate: '2012-09-09',
      alternateNames: ['London 2012', '2012 London'],
      hostCountry: { code: 'GBR' },
      events: {
        totalCount: 2,
        nodes: [
          {
            name: "Men's 50m freestyle S6",
            sport: 'Swimming',
            classification: 'S6',
            gender: 'MALE',
            results: {
              nodes: [
                {
                  athlete: { name: 'Reagan Wickens' },
                  rank: ranksInData('reagan-wickens-2012-men-50m-freestyle-s6')[0],
                },
                { athlete: { name: 'Rim Ju-song' }, rank: ranksInData()[0] },
                { athlete: { name: 'Lorenzo Perez' }, rank: null },
              ],
            },
          },
          {
            name: "Men's breaststroke SB5",
            sport: 'Swimming',
            classification: 'SB5',
            gender: 'MALE',
            results: { nodes: [] },
          },
        ],
      },
      participations: {
        nodes: [
          { country: { code: 'AUS' }, participated: true, athletes: [{ name: 'Reagan Wickens' }] },
          { country: { code: 'CUB' }, participated: true, athletes: [{ name: 'Lorenzo Perez' }] },
          { country: { code: 'PRK' }, participated: true, athletes: [{ name: 'Rim Ju-song' }] },
        ],
      },
    });
  });

  it('keeps partial and derived facts as such', async () => {
    const data = await query(`{ games(slug: "2014-winter-paralympics") {
      edition venues endDate hostCountry { name } claims(property: "endDate") { valueText derived note citations { quote } } } }`);
    expect(data.games).toEqual({
      edition: 11,
      venues: ['Fisht Olympic Stadium'],
      endDate: '2014-03-16',
      hostCountry: { name: 'Russia' },
      claims: [
        {
          valueText: '2014-03-16',
          derived: true,
          note: 'The date of the closing ceremony in the photograph.',
          citations: [
            {
              quote:
                "This photo taken March 16, 2014 shows Russia's delegation attending the Closing Ceremony of the XI Paralympic Olympic games at the Fisht Olympic Stadium near Sochi",
            },
          ],
        },
      ],
    });
  });
});

describe('Participation', () => {
  it('by country and Games, with the infobox facts of the 2012 debut', async () => {
    const data = await query(`{ participation(country: "PRK", games: "2012-summer-paralympics") {
      slug competitors sports officials flagbearer { name } npc { code } medals { gold silver bronze total }
      games { name } country { name } } }`);
    expect(data.participation).toEqual({
      slug: 'north-korea-2012-summer-paralympics',
      competitors: 1,
      sports: 1,
      officials: 9,
      flagbearer: { name: 'Rim Ju-song' },
      npc: { code: 'PRK' },
      medals: { gold: 0, silver: 0, bronze: 0, total: 0 },
      games: { name: '2012 Summer Paralympics' },
      country: { name: 'North Korea' },
    });
  });

  it('a Games not attended has no medals, not zero', async () => {
    const data = await query(`{ participation(slug: "north-korea-2020-summer-paralympics") {
      participated medals { total } claims(property: "participated") { valueText derived note } } }`);
    expect(data.participation).toEqual({
      participated: false,
      medals: null,
      claims: [
        {
          valueText: 'false',
          derived: true,
          note: "A '–', not a number, in the seed's medal table: read as North Korea not taking part. The table does not say what its '–' means, nor when it was written; it may also mean that these Games were still to come.",
        },
      ],
    });
  });

  it('refuses a lookup by country alone', async () => {
    expect(errorCodes(await graphql('{ participation(country: "PRK") { slug } }'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Athlete, Event and Result', () => {
  it('an athlete with classes, results and participations', async () => {
    const data = await query(`{ athlete(slug: "rim-ju-song") {
      name alternateNames gender roles sports classifications country { code }
      results { nodes { slug event { slug games { year } } round heat time status rank fieldSize } }
      participations { games { year } } } }`);
    expect(data.athlete).toEqual({
      name: 'Rim Ju-song',
      alternateNames: ['Rim Ju Song', 'Rim Ju-Song'],
      gender: 'MALE',
      roles: ['COMPETITOR'],
      sports: ['Swimming'],
      classifications: ['S6', 'SB5'],
      country: { code: 'PRK' },
      results: {
        nodes: [
          {
            slug: 'rim-ju-song-2012-men-50m-freestyle-s6',
            event: { slug: '2012-men-50m-freestyle-s6', games: { year: 2012 } },
            round: 'HEATS',
            heat: 2,
            time: 47.87,
            status: 'FINISHED',
            rank: ranksInData()[0],
            fieldSize: 19,
          },
        ],
      },
      participations: [{ games: { year: 2012 } }],
    });
  });

  it('a guide, linked to the result they guided', async () => {
    const data = await query(`{ athlete(slug: "ri-kum-song") {
      roles results { totalCount } guidedResults { nodes { athlete { name } event { name } status rank guide { name } } } } }`);
    expect(data.athlete).toEqual({
      roles: ['GUIDE'],
      results: { totalCount: 0 },
      guidedResults: {
        nodes: [
          {
            athlete: { name: 'Kim Chol Ung' },
            event: { name: "Men's 1500m T11" },
            status: 'DISQUALIFIED',
            rank: null,
            guide: { name: 'Ri Kum Song' },
          },
        ],
      },
    });
  });

  it('a field result with its mark in metres', async () => {
    const data = await query(`{ result(slug: "song-kum-jong-2016-women-discus-f56-57") {
      mark time rank fieldSize status games { slug } event { classification gender discipline } } }`);
    expect(data.result).toEqual({
      mark: 12.08,
      time: null,
      rank: 12,
      fieldSize: 13,
      status: 'FINISHED',
      games: { slug: '2016-summer-paralympics' },
      event: { classification: 'F56-57', gender: 'FEMALE', discipline: 'Discus' },
    });
  });

  it('a rival time derived from the gap the seed states, citing that statement', async () => {
    const data = await query(`{ result(slug: "lorenzo-perez-2012-men-50m-freestyle-s6") {
      time heatRank claims(property: "time") { valueText derived note citations { report { slug } quote } } } }`);
    expect(data.result).toEqual({
      time: 29.98,
      heatRank: 1,
      claims: [
        {
          valueText: '29.98',
          derived: true,
          note: "Rim Ju-song's 47.87 seconds less the 17.89 seconds he finished behind the heat winner.",
          citations: [
            {
              report: { slug: 'north-korea-at-the-paralympics' },
              quote:
                'Rim swam in heat 2, which he completed in 47.87 seconds, 17.89 seconds behind heat winner Lorenzo Perez (from Cuba).',
            },
          ],
        },
      ],
    });
  });
});

describe('Organisation, Report and Person', () => {
  it('an organisation with the countries it serves and the reports it published', async () => {
    const data = await query(`{ organisation(slug: "handicap-international") {
      kind areaServed { code } areaServedSince publications { nodes { slug } } } }`);
    expect(data.organisation).toEqual({
      kind: 'NGO',
      areaServed: [{ code: 'PRK' }],
      areaServedSince: '2001',
      publications: {
        nodes: [
          { slug: 'handicap-international-operations-statement' },
          { slug: 'handicap-international-north-korea' },
        ],
      },
    });
  });

  it('a report cited by a seed, with author, publisher, date and what it is about', async () => {
    const data = await query(`{ report(slug: "muntarbhorn-2006-un-report") {
      kind datePublished author { __typename name } publisher { name } about { __typename slug }
      citedBy { slug } text } }`);
    expect(data.report).toEqual({
      kind: 'REPORT',
      datePublished: '2006',
      author: { __typename: 'Person', name: 'Vitit Muntarbhorn' },
      publisher: { name: 'United Nations' },
      about: [{ __typename: 'Country', slug: 'north-korea' }],
      citedBy: [{ slug: 'north-korea-at-the-paralympics' }, { slug: 'north-korea-at-the-2012-summer-paralympics' }],
      text: null,
    });
  });

  it('a seed document, with its text, the reports it cites and everything it supports', async () => {
    const data = await query(`{ report(slug: "north-korea-at-the-2012-summer-paralympics") {
      kind text cites(first: 100) { nodes { slug } } supports(first: 100) { totalCount nodes { __typename } } } }`);
    expect(data.report.kind).toBe('ENCYCLOPEDIA_ARTICLE');
    expect(data.report.text).toMatch(/^= North Korea at the 2012 Summer Paralympics =/);
    expect(data.report.cites.nodes.map((report: { slug: string }) => report.slug)).toEqual(
      expect.arrayContaining(['daily-telegraph-2006-camps-report', 'cultural-centre-for-the-disabled-2012-report']),
    );
    expect(data.report.supports.nodes).toHaveLength(data.report.supports.totalCount);
    const supported = new Set(data.report.supports.nodes.map((record: { __typename: string }) => record.__typename));
    expect(supported).toEqual(
      new Set([
        'Country',
        'NPC',
        'Games',
        'Participation',
        'Athlete',
        'Event',
        'Result',
        'Organisation',
        'Report',
        'Person',
      ]),
    );
  });

  it('a person with job, affiliation and the report they wrote', async () => {
    const data =
      await query(`{ person(slug: "ben-kew") { name authored { nodes { slug } } } vitit: person(slug: "vitit-muntarbhorn") {
      jobTitles affiliations { slug } } }`);
    expect(data).toEqual({
      person: { name: 'Ben Kew', authored: { nodes: [{ slug: 'north-korea-wants-role-in-paralympics' }] } },
      vitit: {
        jobTitles: ['United Nations special rapporteur on human rights'],
        affiliations: [{ slug: 'united-nations' }],
      },
    });
  });
});

describe('Node and global ids', () => {
  it('node and nodes resolve every type from its global id', async () => {
    const ids = await query(`{
      country(code: "PRK") { id }
      games(slug: "2016-summer-paralympics") { id }
      result(slug: "kim-chol-ung-2016-men-1500m-t11") { id }
      participation(slug: "north-korea-2016-summer-paralympics") { id }
      report(slug: "north-korea-at-the-paralympics") { id }
    }`);
    const data = await query(
      `query($id: ID!, $ids: [ID!]!) {
        node(id: $id) { id __typename ... on Entity { name } }
        nodes(ids: $ids) { __typename ... on Sourced { citations { report { slug } } } }
      }`,
      { id: ids.country.id, ids: [ids.games.id, ids.result.id, ids.participation.id, ids.report.id] },
    );
    expect(data.node).toEqual({ id: ids.country.id, __typename: 'Country', name: 'North Korea' });
    expect(data.nodes.map((node: { __typename: string }) => node.__typename)).toEqual([
      'Games',
      'Result',
      'Participation',
      'Report',
    ]);
  });

  it('an id of an unknown record is null; a malformed id is a clear error', async () => {
    const unknown = Buffer.from('Athlete:nobody').toString('base64');
    expect((await query('query($id: ID!) { node(id: $id) { id } }', { id: unknown })).node).toBeNull();
    const malformed = await graphql('{ node(id: "not-an-id") { id } }');
    expect(errorCodes(malformed)).toEqual(['INVALID_ID']);
    expect(malformed.errors?.[0]?.message).toBe('Invalid global id: pass an `id` this API gave.');
  });
});

describe('the example documents (GraphiQL tabs, trusted documents)', () => {
  it.each(Object.entries(TRUSTED_DOCUMENTS))('%s runs without errors and finds data', async (_name, document) => {
    const result = await graphql(document, { query: 'rim' });
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});
