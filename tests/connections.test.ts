import { describe, expect, it } from 'vitest';
import { errorCodes, graphql, query } from './helpers.js';

const slugsOf = (connection: { edges: { node: { slug: string } }[] }) => connection.edges.map((edge) => edge.node.slug);

const GAMES_PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  allGames(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const ALL_GAMES = [
  '1968-summer-paralympics',
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
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { allGames } = await query(GAMES_PAGE, { first: 4, after });
      expect(allGames.totalCount).toBe(9);
      seen.push(...slugsOf(allGames));
      pages += 1;
      expect(allGames.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!allGames.pageInfo.hasNextPage) break;
      after = allGames.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ALL_GAMES);
  });

  it('pages backward with last/before', async () => {
    const { allGames: lastTwo } = await query(GAMES_PAGE, { last: 2 });
    expect(slugsOf(lastTwo)).toEqual(ALL_GAMES.slice(-2));
    expect(lastTwo.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const { allGames: before } = await query(GAMES_PAGE, { last: 3, before: lastTwo.pageInfo.startCursor });
    expect(slugsOf(before)).toEqual(ALL_GAMES.slice(-5, -2));
  });

  it('first: 0 returns no edges but the total', async () => {
    const { allGames } = await query(GAMES_PAGE, { first: 0 });
    expect(allGames.edges).toEqual([]);
    expect(allGames.totalCount).toBe(9);
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
    expect(slugsOf(data.winter)).toEqual([
      '2014-winter-paralympics',
      '2018-winter-olympics',
      '2018-winter-paralympics',
      '2022-winter-paralympics',
    ]);
    expect(slugsOf(data.y2018)).toEqual(['2018-winter-olympics', '2018-winter-paralympics']);
    expect(slugsOf(data.olympics)).toEqual(['2018-winter-olympics']);
    expect(slugsOf(data.summer2012)).toEqual(['2012-summer-paralympics']);
    expect(data.none.totalCount).toBe(0);
  });

  it('athletes by country, sport (any case) and gender', async () => {
    const data = await query(`{
      prk: allAthletes(country: "PRK") { edges { node { slug } } }
      swimmers: allAthletes(sport: "swimming") { edges { node { slug } } }
      prkAthletics: allAthletes(country: "prk", sport: "ATHLETICS", gender: FEMALE) { edges { node { slug } } }
    }`);
    expect(slugsOf(data.prk)).toEqual(['kim-chol-ung', 'ri-kum-song', 'rim-ju-song', 'song-kum-jong']);
    expect(slugsOf(data.swimmers)).toEqual(['lorenzo-perez', 'reagan-wickens', 'rim-ju-song']);
    expect(slugsOf(data.prkAthletics)).toEqual(['song-kum-jong']);
  });

  it('results by Games, athlete and status', async () => {
    const data = await query(`{
      rio: allResults(games: "2016-summer-paralympics") { edges { node { slug } } }
      dq: allResults(status: DISQUALIFIED) { edges { node { slug } } }
      rim: allResults(athlete: "rim-ju-song", games: "2012-summer-paralympics") { edges { node { slug } } }
    }`);
    expect(slugsOf(data.rio)).toEqual(['kim-chol-ung-2016-men-1500m-t11', 'song-kum-jong-2016-women-discus-f56-57']);
    expect(slugsOf(data.dq)).toEqual(['kim-chol-ung-2016-men-1500m-t11']);
    expect(slugsOf(data.rim)).toEqual(['rim-ju-song-2012-men-50m-freestyle-s6']);
  });

  it('reports by year and kind', async () => {
    const data = await query(`{
      y2006: allReports(year: 2006) { edges { node { slug } } }
      hearings: allReports(kind: HEARING) { edges { node { slug datePublished } } }
    }`);
    // Same date, so by name: "International Committee…", "The Daily Telegraph's…", "Vitit Muntarbhorn's…".
    expect(slugsOf(data.y2006)).toEqual([
      'icrc-2006-rehabilitation-centre-report',
      'daily-telegraph-2006-camps-report',
      'muntarbhorn-2006-un-report',
    ]);
    expect(data.hearings.edges).toEqual([
      { node: { slug: 'un-2014-hearing-medical-experiments', datePublished: '2014' } },
    ]);
  });

  it('events, organisations and participations', async () => {
    const data = await query(`{
      events: allEvents(games: "2016-summer-paralympics", sport: "athletics") { edges { node { slug } } }
      media: allOrganisations(kind: NEWS_MEDIA, country: "PRK") { edges { node { slug } } }
      absent: allParticipations(country: "PRK", participated: false) { edges { node { games { year } } } }
      at2012: allParticipations(games: "2012-summer-paralympics") { totalCount }
    }`);
    expect(slugsOf(data.events)).toEqual(['2016-men-1500m-t11', '2016-women-discus-f56-57']);
    expect(slugsOf(data.media)).toEqual(['north-korean-state-media']);
    expect(data.absent.edges.map((edge: { node: { games: { year: number } } }) => edge.node.games.year)).toEqual([
      1968, 2020, 2022, 2024,
    ]);
    expect(data.at2012.totalCount).toBe(3);
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
    expect(counts).toEqual({
      allCountries: 10,
      allNpcs: 1,
      allGames: 9,
      allParticipations: 13,
      allAthletes: 6,
      allEvents: 4,
      allResults: 5,
      allOrganisations: 15,
      allReports: 19,
      allPeople: 7,
    });
    expect(new Set(slugsOf(data.allCountries)).size).toBe(10);
  });
});
