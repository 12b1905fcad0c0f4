import { describe, expect, it, vi } from 'vitest';
import { SEARCH_QUERY } from '../src/examples.js';
import type { Kind } from '../src/graph/kinds.js';
import type { EntityRecord } from '../src/graph/model.js';
import { LIMITS } from '../src/security/limits.js';
import { filterCost } from '../src/security/query-cost.js';
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
    expect(cursor.errors?.[0]?.message).toBe(
      '"after" is not a cursor of this list in this order: pass a cursor this list gave, with the same orderBy.',
    );
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

/** Every connection of the schema, root and nested, with a place where it holds at least two items. */
const CONNECTIONS: readonly { name: string; path: string[]; open: string; close: string; ordered: boolean }[] = [
  ...[
    'allCountries',
    'allNpcs',
    'allGames',
    'allParticipations',
    'allAthletes',
    'allEvents',
    'allResults',
    'allOrganisations',
    'allReports',
    'allPeople',
  ].map((field) => ({ name: field, path: [field], open: `${field}(`, close: '', ordered: true })),
  ...(
    [
      ['Country.athletes', 'country(code: "PRK")', 'athletes'],
      ['Country.organisations', 'country(code: "PRK")', 'organisations'],
      ['Country.mentionedIn', 'country(code: "PRK")', 'mentionedIn'],
      ['Games.events', 'games(slug: "2012-summer-paralympics")', 'events'],
      ['Games.participations', 'games(slug: "2012-summer-paralympics")', 'participations'],
      ['Athlete.results', 'athlete(slug: "rim-ju-song")', 'results'],
      ['Athlete.guidedResults', 'athlete(slug: "ri-kum-song")', 'guidedResults'],
      ['Athlete.mentionedIn', 'athlete(slug: "rim-ju-song")', 'mentionedIn'],
      ['Event.results', 'event(slug: "2012-men-50m-freestyle-s6")', 'results'],
      ['Organisation.publications', 'organisation(slug: "handicap-international")', 'publications'],
      ['Person.authored', 'person(slug: "ben-kew")', 'authored'],
      ['Report.cites', 'report(slug: "north-korea-at-the-paralympics")', 'cites'],
      ['Report.supports', 'report(slug: "north-korea-at-the-paralympics")', 'supports'],
    ] as const
  ).map(([name, parent, field]) => ({
    name,
    path: [parent.slice(0, parent.indexOf('(')), field],
    open: `${parent} { ${field}(`,
    close: '}',
    ordered: field !== 'supports',
  })),
];

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe('Relay connection conformance, for every connection', () => {
  for (const connection of CONNECTIONS) {
    const ask = async (args: string, variables: Record<string, unknown> = {}): Promise<Page> => {
      const declared = '$first: Int, $after: String, $last: Int, $before: String';
      const used = `first: $first, after: $after, last: $last, before: $before${args ? `, ${args}` : ''}`;
      const page = `totalCount edges { cursor node { ... on Node { id } } } nodes { ... on Node { id } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
      const data = await query(
        `query(${declared}) { ${connection.open}${used}) { ${page} } ${connection.close} }`,
        variables,
      );
      return connection.path.reduce((value, key) => value[key], data) as Page;
    };
    const ids = (page: Page) => page.edges.map((edge) => edge.node.id);

    it(`${connection.name}: pages forward and backward through the same items, with nodes beside edges`, async () => {
      const all = await ask('', { first: 100 });
      expect(all.totalCount).toBeGreaterThanOrEqual(1);
      expect(all.edges).toHaveLength(all.totalCount);
      expect(all.nodes.map((node) => node.id)).toEqual(ids(all));
      expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

      const forward: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages <= all.totalCount; pages++) {
        const page: Page = await ask('', { first: 2, after });
        expect(page.totalCount).toBe(all.totalCount);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        forward.push(...ids(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forward).toEqual(ids(all));

      const backward: string[] = [];
      let before: string | null = null;
      for (let pages = 0; pages <= all.totalCount; pages++) {
        const page: Page = await ask('', { last: 2, before });
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        backward.unshift(...ids(page));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward).toEqual(ids(all));
    });

    it(`${connection.name}: empty pages, the ends, and cursors it never gave`, async () => {
      const none = await ask('', { first: 0 });
      expect(none.edges).toEqual([]);
      expect(none.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
      const all = await ask('', { first: 100 });
      const past = await ask('', { first: 5, after: all.pageInfo.endCursor });
      expect(past.edges).toEqual([]);
      expect(past.pageInfo.hasNextPage).toBe(false);
      const between = await ask('', { after: all.edges[0]?.cursor, before: all.edges.at(-1)?.cursor, first: 100 });
      expect(ids(between)).toEqual(ids(all).slice(1, -1));
      for (const cursor of ['bm90LWEtY3Vyc29y', 'WyJ4Il0', '', 'T2Zmc2V0Q29ubmVjdGlvbjow']) {
        const result = await graphql(
          `query($after: String) { ${connection.open}after: $after) { totalCount } ${connection.close} }`,
          { after: cursor },
        );
        expect(errorCodes(result), cursor).toEqual(['INVALID_CURSOR']);
      }
    });

    if (connection.ordered) {
      it(`${connection.name}: a cursor belongs to its order`, async () => {
        const reversed = await ask('orderBy: [{ field: SLUG, direction: DESC }]', { first: 100 });
        const display = await ask('', { first: 100 });
        expect([...ids(reversed)].sort()).toEqual([...ids(display)].sort());
        const cursor = reversed.edges[0]?.cursor;
        const result = await graphql(
          `query($after: String) { ${connection.open}after: $after) { totalCount } ${connection.close} }`,
          { after: cursor },
        );
        expect(errorCodes(result)).toEqual(['INVALID_CURSOR']);
        const rest = await ask('orderBy: [{ field: SLUG, direction: DESC }]', { first: 100, after: cursor });
        expect(ids(rest)).toEqual(ids(reversed).slice(1));
      });
    }
  }
});

describe('where and orderBy', () => {
  const collator = new Intl.Collator('en');
  const slugs = (records: readonly EntityRecord[]) => records.map((record) => ({ slug: record.slug }));
  const nameOf = (record: EntityRecord) => String((record.facts as { name?: string }).name);
  /** Sorted by a key (nulls last), ties by slug: the order the API promises. */
  const sortedBy = <T extends EntityRecord>(records: T[], key: (record: T) => number | string | null, down = false) =>
    records.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order =
        x === null || y === null
          ? (x === null ? 1 : 0) - (y === null ? 1 : 0)
          : typeof x === 'number'
            ? x - Number(y)
            : collator.compare(x, String(y));
      return (down ? -order : order) || collator.compare(a.slug, b.slug);
    });

  it('filter through relations, combine with AND/OR/NOT, and order with a tie-breaker', async () => {
    const { store } = await realApp();
    const data = await query(`{
      swam2012: allAthletes(first: 100, where: { results: { some: { event: { games: { year: { eq: 2012 } } } } } }) {
        totalCount nodes { slug }
      }
      notPrk: allAthletes(first: 100, where: { NOT: { country: { code: { eq: "PRK" } } } }, orderBy: [{ field: NAME, direction: DESC }]) {
        nodes { slug }
      }
      either: allGames(first: 100, where: { OR: [{ year: { lt: 2000 } }, { city: { startsWith: "rio" } }] }) { nodes { slug } }
      fastest: allResults(first: 100, where: { time: { isNull: false } }, orderBy: [{ field: TIME }]) { nodes { slug } }
      byDate: allReports(first: 100, where: { datePublished: { gte: "2006", lte: "2006" } }, orderBy: [{ field: KIND }, { field: NAME, direction: DESC }]) {
        nodes { slug }
      }
    }`);
    const athletes = [...store.all('athlete')];
    const in2012 = athletes.filter((athlete) =>
      [...store.resultsOfAthlete(athlete)].some((result) => store.gamesOfResult(result)?.facts.year === 2012),
    );
    expect(in2012.length).toBeGreaterThan(1);
    expect(data.swam2012).toEqual({ totalCount: in2012.length, nodes: slugs(in2012) });

    const notPrk = athletes.filter(
      (athlete) => store.get('country', athlete.facts.country ?? '')?.facts.code !== 'PRK',
    );
    expect(notPrk.length).toBeGreaterThan(1);
    expect(data.notPrk.nodes).toEqual(slugs(sortedBy(notPrk, nameOf, true)));

    const either = [...store.all('games')].filter(
      (games) => games.facts.year < 2000 || (games.facts.city ?? '').toLowerCase().startsWith('rio'),
    );
    expect(either.length).toBeGreaterThan(1);
    expect(data.either.nodes).toEqual(slugs(either));

    const timed = [...store.all('result')].filter((result) => result.facts.time !== null);
    expect(timed.length).toBeGreaterThan(1);
    expect(data.fastest.nodes).toEqual(slugs(sortedBy(timed, (result) => result.facts.time)));

    // Kinds in the order of the enum, then names from Z to A.
    const kinds = [
      'ENCYCLOPEDIA_ARTICLE',
      'NEWS_ARTICLE',
      'WEB_PAGE',
      'REPORT',
      'STUDY',
      'HEARING',
      'TESTIMONY',
      'STATEMENT',
    ];
    const of2006 = [...store.all('report')].filter((report) => report.facts.datePublished?.startsWith('2006'));
    expect(new Set(of2006.map((report) => report.facts.reportKind)).size).toBeGreaterThan(1);
    of2006.sort(
      (a, b) =>
        kinds.indexOf(a.facts.reportKind) - kinds.indexOf(b.facts.reportKind) ||
        -collator.compare(nameOf(a), nameOf(b)) ||
        collator.compare(a.slug, b.slug),
    );
    expect(data.byDate.nodes).toEqual(slugs(of2006));
  });

  it('nested lists take the same filters and orders', async () => {
    const { store } = await realApp();
    const data = await query(`{
      games(slug: "2012-summer-paralympics") {
        events(first: 20, where: { results: { some: { rank: { lte: 18 } } } }) {
          nodes { slug results(first: 50, orderBy: [{ field: RANK, direction: DESC }]) { nodes { slug } } }
        }
      }
    }`);
    const games = store.get('games', '2012-summer-paralympics');
    const events = [...(games ? store.eventsAt(games) : [])].filter((event) =>
      [...store.resultsOf(event)].some((result) => result.facts.rank !== null && result.facts.rank <= 18),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(data.games.events.nodes).toEqual(
      events.map((event) => ({
        slug: event.slug,
        results: { nodes: slugs(sortedBy([...store.resultsOf(event)], (result) => result.facts.rank, true)) },
      })),
    );
    // Going down, nulls come first.
    expect(data.games.events.nodes[0].results.nodes[0]).toEqual({
      slug: 'lorenzo-perez-2012-men-50m-freestyle-s6',
    });
  });

  it('keeps the deprecated filter arguments, composed with where', async () => {
    const { store } = await realApp();
    const data = await query(`{
      allAthletes(first: 100, country: "prk", where: { gender: { eq: FEMALE } }) { nodes { slug } }
    }`);
    const expected = [...store.athletesWhere({ country: store.countryByCode('PRK') })].filter(
      (athlete) => athlete.facts.gender === 'FEMALE',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(data.allAthletes.nodes).toEqual(slugs(expected));
  });

  it('refuses more order keys than the limit, and bad dates', async () => {
    const orderBy = Array.from({ length: LIMITS.maxOrderKeys + 1 }, () => '{ field: NAME }').join(', ');
    const tooMany = await graphql(`{ allAthletes(orderBy: [${orderBy}]) { totalCount } }`);
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const badDate = await graphql('{ allReports(where: { datePublished: { gte: "2006-13" } }) { totalCount } }');
    expect(badDate.errors).toHaveLength(1);
  });
});

describe('the cost of filters and orders', () => {
  it('counts every predicate and every level of nesting, times the lists they run for', async () => {
    const nested = (depth: number): string =>
      depth === 0 ? '{ name: { contains: "a" } }' : `{ results: { some: { athlete: ${nested(depth - 1)} } } }`;
    const cheap = await graphql(`{ allAthletes(first: 5, where: ${nested(1)}) { totalCount } }`);
    expect(cheap.errors).toBeUndefined();
    const deep = await graphql(`{ allAthletes(first: 5, where: ${nested(6)}) { totalCount } }`);
    expect(errorCodes(deep)).toEqual(['QUERY_TOO_COSTLY']);
    // The same filter on a nested list costs once per parent.
    const perParent = `query($n: Int) { allCountries(first: $n) { nodes { athletes(where: ${nested(3)}) { totalCount } } } }`;
    expect((await graphql(perParent, { n: 1 })).errors).toBeUndefined();
    expect(errorCodes(await graphql(perParent, { n: 100 }))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('counts filters and orders given in variables, and long lists of values', async () => {
    const ask = (where: unknown, orderBy?: unknown) =>
      graphql(
        'query($where: AthleteWhere, $orderBy: [AthleteOrder!]) { allCountries(first: 100) { nodes { athletes(where: $where, orderBy: $orderBy) { totalCount } } } }',
        { where, orderBy },
      );
    expect((await ask({ name: { in: ['a'] } })).errors).toBeUndefined();
    const hundred = Array.from({ length: 100 }, (_, index) => `name ${index}`);
    expect(filterCost({ name: { in: hundred } })).toBe(filterCost({ name: { in: ['a'] } }) + 10);
    const orders = Array.from({ length: LIMITS.maxOrderKeys }, () => ({ field: 'NAME' }));
    const withOrder = await ask(
      { results: { some: { event: { games: { events: { some: { results: { some: { rank: { lt: 2 } } } } } } } } } },
      orders,
    );
    expect(errorCodes(withOrder)).toEqual(['QUERY_TOO_COSTLY']);
    let deep: Record<string, unknown> = { name: { eq: 'x' } };
    for (let level = 0; level < 40; level++) deep = { NOT: deep };
    expect(errorCodes(await ask(deep))).toEqual(['QUERY_TOO_COSTLY']);
  });
});
