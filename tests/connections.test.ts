import { describe, expect, it, vi } from 'vitest';
import { SEARCH_QUERY } from '../src/examples.js';
import type { Kind } from '../src/graph/kinds.js';
import type { EntityRecord } from '../src/graph/model.js';
import { errorCodes, graphql, query, realApp } from './helpers.js';

const slugsOf = (connection: { edges: { node: { slug: string } }[] }) => connection.edges.map((edge) => edge.node.slug);

const GAMES_PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  allGames(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** Every record of a kind passing `test`, in the store's display order: what a filtered connection lists. */
async function recordsWhere<K extends Kind>(kind: K, test: (record: EntityRecord<K>) => boolean = () => true) {
  const { store } = await realApp();
  return [...store.all(kind)].filter(test).map((record) => record.slug);
}

/** The seeds' Games in display order: Games added to the data keep them in this order. */
const SEED_GAMES = [
  '1968-summer-paralympics',
  '2012-summer-olympics',
  '2012-summer-paralympics',
  '2014-winter-paralympics',
  '2016-summer-paralympics',
  '2018-winter-olympics',
  '2018-winter-paralympics',
  '2020-summer-paralympics',
  '2022-winter-paralympics',
  '2024-summer-paralympics',
];

describe('Relay pagination', () => {
  it('pages forward with first/after until the end', async () => {
    const allGamesSlugs = await recordsWhere('games');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { allGames } = await query(GAMES_PAGE, { first: 4, after });
      expect(allGames.totalCount).toBe(allGamesSlugs.length);
      seen.push(...slugsOf(allGames));
      pages += 1;
      expect(allGames.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!allGames.pageInfo.hasNextPage) break;
      after = allGames.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(allGamesSlugs.length / 4));
    expect(seen).toEqual(allGamesSlugs);
    expect(seen.filter((slug) => SEED_GAMES.includes(slug))).toEqual(SEED_GAMES);
  });

  it('pages backward with last/before', async () => {
    const ALL_GAMES = await recordsWhere('games');
    const { allGames: lastTwo } = await query(GAMES_PAGE, { last: 2 });
    expect(slugsOf(lastTwo)).toEqual(ALL_GAMES.slice(-2));
    expect(lastTwo.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const { allGames: before } = await query(GAMES_PAGE, { last: 3, before: lastTwo.pageInfo.startCursor });
    expect(slugsOf(before)).toEqual(ALL_GAMES.slice(-5, -2));
  });

  it('first: 0 returns no edges but the total', async () => {
    const { allGames } = await query(GAMES_PAGE, { first: 0 });
    expect(allGames.edges).toEqual([]);
    expect(allGames.totalCount).toBe((await recordsWhere('games')).length);
  });

  it('a cursor past the end returns an empty page', async () => {
    const { allGames: all } = await query(GAMES_PAGE, { first: 100 });
    const { allGames } = await query(GAMES_PAGE, { first: 5, after: all.pageInfo.endCursor });
    expect(allGames.edges).toEqual([]);
    expect(allGames.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses negative and oversized pages and malformed cursors with clear errors', async () => {
    const negative = await graphql(GAMES_PAGE, { first: -1 });
    expect(errorCodes(negative)).toEqual(['BAD_USER_INPUT']);
    expect(negative.errors?.[0]?.message).toBe('"first" must not be negative.');
    const huge = await graphql(GAMES_PAGE, { first: 101 });
    expect(errorCodes(huge)).toEqual(['PAGE_SIZE_EXCEEDED']);
    expect(huge.errors?.[0]?.message).toBe('"first" must be at most 100; ask for the next page with "after"/"before".');
    const hugeLast = await graphql(GAMES_PAGE, { last: 1000 });
    expect(errorCodes(hugeLast)).toEqual(['PAGE_SIZE_EXCEEDED']);
    const cursor = await graphql(GAMES_PAGE, { first: 1, after: 'bm90LWEtY3Vyc29y' });
    expect(errorCodes(cursor)).toEqual(['INVALID_CURSOR']);
    expect(cursor.errors?.[0]?.message).toBe('Invalid cursor: pass a cursor this connection gave.');
    // Not base64 at all: the same refusal, not the relay plugin's "Invalid base64 string".
    const garbled = await graphql(GAMES_PAGE, { first: 1, after: '!!' });
    expect(errorCodes(garbled)).toEqual(['INVALID_CURSOR']);
  });

  it('refuses variables that are missing or of the wrong type with a code, and logs nothing', async () => {
    const logged = vi.spyOn(console, 'error');
    try {
      for (const variables of [{}, { query: null }, { query: 5 }, { query: 'rim', first: 'two' }]) {
        const result = await graphql(SEARCH_QUERY, variables);
        expect(result.data, JSON.stringify(variables)).toBeUndefined();
        expect(errorCodes(result), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
      }
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});

describe('filters', () => {
  it('Games by season, year and series', async () => {
    const data = await query(`{
      winter: allGames(season: WINTER) { totalCount edges { node { slug } } }
      y2018: allGames(year: 2018) { edges { node { slug } } }
      olympics: allGames(series: OLYMPIC_GAMES) { edges { node { slug } } }
      summer2012: allGames(season: SUMMER, year: 2012) { edges { node { slug } } }
      none: allGames(season: WINTER, year: 2012) { totalCount }
    }`);
    expect(slugsOf(data.winter)).toEqual(await recordsWhere('games', ({ facts }) => facts.season === 'WINTER'));
    expect(slugsOf(data.winter)).toEqual(
      expect.arrayContaining(['2014-winter-paralympics', '2018-winter-olympics', '2022-winter-paralympics']),
    );
    expect(slugsOf(data.y2018)).toEqual(await recordsWhere('games', ({ facts }) => facts.year === 2018));
    expect(slugsOf(data.olympics)).toEqual(
      await recordsWhere('games', ({ facts }) => facts.series === 'OLYMPIC_GAMES'),
    );
    expect(slugsOf(data.olympics)).toContain('2018-winter-olympics');
    expect(slugsOf(data.summer2012)).toEqual(
      await recordsWhere('games', ({ facts }) => facts.season === 'SUMMER' && facts.year === 2012),
    );
    expect(slugsOf(data.summer2012)).toContain('2012-summer-paralympics');
    expect(data.none.totalCount).toBe(0);
  });

  it('athletes by country, sport (any case) and gender', async () => {
    const data = await query(`{
      prk: allAthletes(country: "PRK") { edges { node { slug } } }
      swimmers: allAthletes(sport: "swimming") { edges { node { slug } } }
      prkAthletics: allAthletes(country: "prk", sport: "ATHLETICS", gender: FEMALE) { edges { node { slug } } }
    }`);
    const sports = (athlete: EntityRecord<'athlete'>) => athlete.facts.sport.map((sport) => sport.toLowerCase());
    expect(slugsOf(data.prk)).toEqual(await recordsWhere('athlete', ({ facts }) => facts.country === 'north-korea'));
    expect(slugsOf(data.prk)).toEqual(
      expect.arrayContaining(['kim-chol-ung', 'ri-kum-song', 'rim-ju-song', 'song-kum-jong']),
    );
    expect(slugsOf(data.swimmers)).toEqual(
      await recordsWhere('athlete', (athlete) => sports(athlete).includes('swimming')),
    );
    expect(slugsOf(data.swimmers)).toEqual(expect.arrayContaining(['lorenzo-perez', 'reagan-wickens', 'rim-ju-song']));
    expect(slugsOf(data.prkAthletics)).toEqual(
      await recordsWhere(
        'athlete',
        (athlete) =>
          athlete.facts.country === 'north-korea' &&
          sports(athlete).includes('athletics') &&
          athlete.facts.gender === 'FEMALE',
      ),
    );
    expect(slugsOf(data.prkAthletics)).toContain('song-kum-jong');
  });

  it('results by Games, athlete and status', async () => {
    const data = await query(`{
      rio: allResults(games: "2016-summer-paralympics") { edges { node { slug } } }
      dq: allResults(status: DISQUALIFIED) { edges { node { slug } } }
      rim: allResults(athlete: "rim-ju-song", games: "2012-summer-paralympics") { edges { node { slug } } }
    }`);
    const { store } = await realApp();
    const gamesOf = (result: EntityRecord<'result'>) => store.follow('event', result.facts.event).facts.games;
    expect(slugsOf(data.rio)).toEqual(
      await recordsWhere('result', (result) => gamesOf(result) === '2016-summer-paralympics'),
    );
    expect(slugsOf(data.rio)).toEqual(
      expect.arrayContaining(['kim-chol-ung-2016-men-1500m-t11', 'song-kum-jong-2016-women-discus-f56-57']),
    );
    expect(slugsOf(data.dq)).toEqual(await recordsWhere('result', ({ facts }) => facts.status === 'DISQUALIFIED'));
    expect(slugsOf(data.dq)).toContain('kim-chol-ung-2016-men-1500m-t11');
    expect(slugsOf(data.rim)).toEqual(
      await recordsWhere(
        'result',
        (result) => result.facts.athlete === 'rim-ju-song' && gamesOf(result) === '2012-summer-paralympics',
      ),
    );
    expect(slugsOf(data.rim)).toContain('rim-ju-song-2012-men-50m-freestyle-s6');
  });

  it('reports by year and kind', async () => {
    const data = await query(`{
      y2006: allReports(year: 2006) { edges { node { slug } } }
      hearings: allReports(kind: HEARING) { edges { node { slug datePublished } } }
    }`);
    expect(slugsOf(data.y2006)).toEqual(
      await recordsWhere('report', ({ facts }) => facts.datePublished?.startsWith('2006') ?? false),
    );
    // Same date, so by name: "International Committee…", "The Daily Telegraph's…", "Vitit Muntarbhorn's…".
    const seed2006 = [
      'icrc-2006-rehabilitation-centre-report',
      'daily-telegraph-2006-camps-report',
      'muntarbhorn-2006-un-report',
    ];
    expect(slugsOf(data.y2006).filter((slug: string) => seed2006.includes(slug))).toEqual(seed2006);
    expect(slugsOf(data.hearings)).toEqual(await recordsWhere('report', ({ facts }) => facts.reportKind === 'HEARING'));
    expect(data.hearings.edges).toContainEqual({
      node: { slug: 'un-2014-hearing-medical-experiments', datePublished: '2014' },
    });
  });

  it('events, organisations and participations', async () => {
    const data = await query(`{
      events: allEvents(games: "2016-summer-paralympics", sport: "athletics") { edges { node { slug } } }
      media: allOrganisations(kind: NEWS_MEDIA, country: "PRK") { edges { node { slug } } }
      absent: allParticipations(country: "PRK", participated: false) { edges { node { games { year } } } }
      at2012: allParticipations(games: "2012-summer-paralympics") { totalCount }
    }`);
    const { store } = await realApp();
    expect(slugsOf(data.events)).toEqual(
      await recordsWhere(
        'event',
        ({ facts }) => facts.games === '2016-summer-paralympics' && facts.sport.toLowerCase() === 'athletics',
      ),
    );
    expect(slugsOf(data.events)).toEqual(expect.arrayContaining(['2016-men-1500m-t11', '2016-women-discus-f56-57']));
    expect(slugsOf(data.media)).toEqual(
      await recordsWhere(
        'organisation',
        ({ facts }) => facts.organisationKind === 'NEWS_MEDIA' && facts.country === 'north-korea',
      ),
    );
    expect(slugsOf(data.media)).toContain('north-korean-state-media');
    const absentYears = data.absent.edges.map((edge: { node: { games: { year: number } } }) => edge.node.games.year);
    expect(absentYears).toEqual([...absentYears].sort((a, b) => a - b));
    expect(absentYears).toEqual(
      (await recordsWhere('delegation', ({ facts }) => facts.country === 'north-korea' && !facts.participated))
        .map((slug) => store.follow('games', store.follow('delegation', slug).facts.games).facts.year)
        .sort((a, b) => a - b),
    );
    expect(absentYears).toEqual(expect.arrayContaining([1968, 2020, 2022, 2024]));
    expect(data.at2012.totalCount).toBe(
      (await recordsWhere('delegation', ({ facts }) => facts.games === '2012-summer-paralympics')).length,
    );
  });

  it('an unknown country, Games or athlete in a filter is an error, not an empty list', async () => {
    const result = await graphql(`{
      allAthletes(country: "XYZ") { totalCount }
    }`);
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.message).toBe('No country "XYZ" exists.');
    expect(errorCodes(await graphql('{ allResults(games: "1900-olympics") { totalCount } }'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await graphql('{ allResults(athlete: "nobody") { totalCount } }'))).toEqual(['NOT_FOUND']);
  });

  it('every entity connection lists every record once', async () => {
    const data = await query(`{
      allCountries(first: 100) { totalCount edges { node { slug } } }
      allNpcs { totalCount }
      allGames { totalCount }
      allParticipations(first: 100) { totalCount }
      allAthletes { totalCount }
      allEvents { totalCount }
      allResults { totalCount }
      allOrganisations(first: 100) { totalCount }
      allReports(first: 100) { totalCount }
      allPeople { totalCount }
    }`);
    const counts = Object.fromEntries(
      Object.entries(data).map(([field, value]) => [field, (value as { totalCount: number }).totalCount]),
    );
    const { store } = await realApp();
    expect(counts).toEqual({
      allCountries: store.count('country'),
      allNpcs: store.count('npc'),
      allGames: store.count('games'),
      allParticipations: store.count('delegation'),
      allAthletes: store.count('athlete'),
      allEvents: store.count('event'),
      allResults: store.count('result'),
      allOrganisations: store.count('organisation'),
      allReports: store.count('report'),
      allPeople: store.count('person'),
    });
    expect(new Set(slugsOf(data.allCountries)).size).toBe(Math.min(store.count('country'), 100));
  });
});
