/** The realistic frontend mix: an athlete page, a Games page, a country page and a search box. */
export const FRONTEND_MIX = {
  athletePage: /* GraphQL */ `{
    athlete(slug: "rim-ju-song") {
      id name alternateNames gender classifications sports
      country { name code }
      results {
        nodes {
          event { name games { name year } }
          round heat time mark rank fieldSize status
          claims(property: "rank") { valueText preferred reason citations { report { name } quote } }
        }
      }
      participations { games { name year } }
    }
  }`,
  gamesPage: /* GraphQL */ `{
    games(slug: "2012-summer-paralympics") {
      id name year season city startDate endDate hostCountry { name }
      events { nodes { name sport classification results { nodes { athlete { name country { code } } time mark rank status } } } }
      participations { nodes { country { name code } participated competitors medals { total } } }
    }
  }`,
  countryPage: /* GraphQL */ `{
    country(code: "PRK") {
      id name alternateNames
      npc { name ipcMembership { status since } }
      medalTotals { gold silver bronze total }
      participations { games { name year season } participated competitors medals { gold silver bronze total } }
    }
  }`,
  search: /* GraphQL */ `{
    search(query: "rim", first: 10) { totalCount edges { cursor node { __typename id name } } pageInfo { hasNextPage endCursor } }
  }`,
} as const;

/**
 * The claims-heavy athlete page the throughput targets name (issue #15: ≥ 0.35× bare node:http
 * uncached): a search box's first hits, then the athlete with every name the sources give and each
 * result with its event and Games and its ranks as claimed, each claim with its citations and quotes
 * (about 2.8 kB). Its cost is in executing and serialising the claims, not in the search.
 */
export const CLAIMS_HEAVY_PAGE = /* GraphQL */ `{
  search(query: "rim ju", first: 3) { totalCount edges { node { __typename id name } } }
  athlete(slug: "rim-ju-song") {
    id name gender classifications sports
    country { name code }
    claims(property: "name") { valueText preferred citations { report { name } quote } }
    results {
      nodes {
        event { name games { name year } }
        time rank status
        claims(property: "rank") { valueText preferred reason citations { report { name } quote } }
      }
    }
  }
}`;

/**
 * Queries whose cost must not grow with the data. The first page is one every size fills (the seed
 * has six athletes): a page of 20 holds six edges on the seed and twenty on a larger graph, more work
 * that is not the data's growth (measured at 200,000×: 1.31× the seed's with 20, 1.09× with 5).
 */
export const SCALING_QUERIES = {
  lookup: /* GraphQL */ '{ athlete(slug: "rim-ju-song") { name country { code } results { nodes { rank time } } } }',
  firstPage: /* GraphQL */ '{ allAthletes(first: 5) { totalCount edges { node { name } } } }',
  search: /* GraphQL */ '{ search(query: "rim ju", first: 10) { totalCount edges { node { name } } } }',
} as const;

/**
 * The scaling search again, each time in a spelling the store has not seen lately ("rim ju" and some
 * trailing spaces, which fold away): the first page of a fresh query, where the scaling search above
 * repeats one query the store keeps the matches of.
 */
export const FRESH_SEARCH = {
  query:
    /* GraphQL */ 'query Search($query: String!) { search(query: $query, first: 10) { totalCount edges { node { name } } } }',
  /** More spellings than the store keeps recent searches (16), so that each one comes fresh. */
  variables: (run: number) => ({ query: `rim ju${' '.repeat(run % 64)}` }),
} as const;

export const body = (query: string): string => JSON.stringify({ query });
export const bodyWith = (query: string, variables: Record<string, unknown>): string =>
  JSON.stringify({ query, variables });

/**
 * First pages of a list, unfiltered and filtered, timed side by side on one graph: a filter the
 * store's indexes answer must cost about what the unfiltered page costs (target ≤ 2×), however many
 * records the list holds. `against` names the unfiltered page each is compared with; `how` says what
 * answers the filter.
 */
const PAGE_FIELDS = 'totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor }';
const RESULT_FIELDS = 'totalCount edges { cursor node { slug rank } } pageInfo { hasNextPage endCursor }';
const athletesWhere = (where: string, extra = '') =>
  `{ allAthletes(first: 20, where: ${where}${extra}) { ${PAGE_FIELDS} } }`;
const resultsWhere = (where: string) => `{ allResults(first: 20, where: ${where}) { ${RESULT_FIELDS} } }`;
const IN_2012 = '{ event: { games: { year: { eq: 2012 } } } }';

type FilteredPages = Readonly<
  Record<string, { readonly against: string; readonly how: string; readonly query: string }>
>;

const INDEXED_PAGES: FilteredPages = {
  athletes: {
    against: 'athletes',
    how: 'unfiltered, in name order, with totalCount',
    query: `{ allAthletes(first: 20) { ${PAGE_FIELDS} } }`,
  },
  athletesOfCountry: {
    against: 'athletes',
    how: 'reference eq: the country’s bitset from the country-to-athletes relation',
    query: athletesWhere('{ country: { code: { eq: "PRK" } } }'),
  },
  athletesOfCountryByName: {
    against: 'athletes',
    how: 'the same, by name descending: the athletes kept in that order, each tested by its bit',
    query: athletesWhere('{ country: { code: { eq: "PRK" } } }', ', orderBy: [{ field: NAME, direction: DESC }]'),
  },
  athletesFemale: {
    against: 'athletes',
    how: 'enum eq: the bitset of the value (built once per store by one pass over the column)',
    query: athletesWhere('{ gender: { eq: FEMALE } }'),
  },
  athletesGenderIn: {
    against: 'athletes',
    how: 'enum in: the union of the values’ bitsets',
    query: athletesWhere('{ gender: { in: [FEMALE, MALE] } }'),
  },
  athletesOfSport: {
    against: 'athletes',
    how: 'list some eq: the union of the bitsets of the sports equal to it (a bitset per value of the list)',
    query: athletesWhere('{ sports: { some: { eq: "Athletics" } } }'),
  },
  athletesNameStartsWith: {
    against: 'athletes',
    how: 'text startsWith: indexOf over the folded names column (one string, built once per store), the matches kept for the next page',
    query: athletesWhere('{ name: { startsWith: "rim" } }'),
  },
  athletesNameContains: {
    against: 'athletes',
    how: 'text contains: indexOf over the folded names column, the matches kept for the next page',
    query: athletesWhere('{ name: { contains: "ju" } }'),
  },
  athletesOfEitherCountry: {
    against: 'athletes',
    how: 'OR of two references: the union of two bitsets',
    query: athletesWhere('{ OR: [{ country: { code: { eq: "PRK" } } }, { country: { code: { eq: "CUB" } } }] }'),
  },
  athletesFemaleOrSwimmers: {
    against: 'athletes',
    how: 'OR of an enum and a list: the union of the gender bitset and the sport’s',
    query: athletesWhere('{ OR: [{ gender: { eq: FEMALE } }, { sports: { some: { eq: "Swimming" } } }] }'),
  },
  athletesFemaleNotOfCountry: {
    against: 'athletes',
    how: 'AND with NOT: the gender bitset and the complement of the country’s',
    query: athletesWhere('{ gender: { eq: FEMALE }, NOT: { country: { code: { eq: "PRK" } } } }'),
  },
  athletesRankedTop12: {
    against: 'athletes',
    how: 'relation some, depth 1: the results’ rank bitsets (a small int), then each result’s athlete',
    query: athletesWhere('{ results: { some: { rank: { lte: 12 } } } }'),
  },
  athletesWithResultsIn2012: {
    against: 'athletes',
    how: 'relation some, depth 2 (the issue’s example): Games of 2012 → their events → their results → their athletes',
    query: athletesWhere(`{ results: { some: ${IN_2012} } }`),
  },
  athletesWithoutResultsIn2012: {
    against: 'athletes',
    how: 'relation none, depth 2: the complement of the same semi-join',
    query: athletesWhere(`{ results: { none: ${IN_2012} } }`),
  },
  athletesEveryResultRanked: {
    against: 'athletes',
    how: 'relation every, depth 1: the complement of the athletes with a result failing it',
    query: athletesWhere('{ results: { every: { rank: { isNull: false } } } }'),
  },
  results: {
    against: 'results',
    how: 'unfiltered, in display order, with totalCount',
    query: `{ allResults(first: 20) { ${RESULT_FIELDS} } }`,
  },
  resultsRankRange: {
    against: 'results',
    how: 'int range: the union of the rank bitsets in range',
    query: resultsWhere('{ rank: { gte: 12, lte: 18 } }'),
  },
  resultsTimeBelow: {
    against: 'results',
    how: 'float range: the time column as a typed array, compared whole',
    query: resultsWhere('{ time: { lt: 40 } }'),
  },
  resultsOfFemaleAthletesIn2012: {
    against: 'results',
    how: 'two references, depth 2: the athletes’ gender bitset and the Games’ events, each turned into results',
    query: resultsWhere('{ athlete: { gender: { eq: FEMALE } }, event: { games: { year: { eq: 2012 } } } }'),
  },
  countryAthletes: {
    against: 'countryAthletes',
    how: 'nested, unfiltered: a country’s athletes, with totalCount',
    query: `{ country(code: "PRK") { athletes(first: 20) { ${PAGE_FIELDS} } } }`,
  },
  countryAthletesFemale: {
    against: 'countryAthletes',
    how: 'nested, enum eq: the relation’s ids walked, each tested by its bit in the gender bitset',
    query: `{ country(code: "PRK") { athletes(first: 20, where: { gender: { eq: FEMALE } }) { ${PAGE_FIELDS} } } }`,
  },
  countryAthletesIn2012: {
    against: 'countryAthletes',
    how: 'nested, relation some depth 2: the relation’s ids walked, each tested by its bit in the semi-join',
    query: `{ country(code: "PRK") { athletes(first: 20, where: { results: { some: ${IN_2012} } }) { ${PAGE_FIELDS} } } }`,
  },
};

const SUPPORTED_FIELDS =
  'totalCount edges { cursor node { __typename ... on Entity { name } } } pageInfo { hasNextPage endCursor }';
const supports = (args: string) =>
  `{ report(slug: "north-korea-at-the-paralympics") { supports(first: 20${args}) { ${SUPPORTED_FIELDS} } } }`;

/** The records a report supports (every type), unfiltered and filtered. */
const SUPPORTS_PAGES: FilteredPages = {
  supports: {
    against: 'supports',
    how: 'unfiltered, type by type: the citing index’s list paged as it is, with totalCount',
    query: supports(''),
  },
  supportsAthletes: {
    against: 'supports',
    how: 'type eq: the athletes citing the report (the citing index as a bitset, kept), each other type left out whole',
    query: supports(', where: { type: { eq: ATHLETE } }'),
  },
  supportsNameContains: {
    against: 'supports',
    how: 'type in and name contains: per type, the citing bitset AND the folded names column’s matches',
    query: supports(', where: { type: { in: [ATHLETE, EVENT] }, name: { contains: "ju" } }'),
  },
  supportsAthletesByName: {
    against: 'supports',
    how: 'type eq, by name descending: the athletes kept in that order, each tested by its bit',
    query: supports(', where: { type: { eq: ATHLETE } }, orderBy: [{ field: NAME, direction: DESC }]'),
  },
};

/** Fields answered over ids since the fourth round (before, record by record). */
const NEWLY_INDEXED_PAGES: FilteredPages = {
  athletesAlternateNames: {
    against: 'athletes',
    how: 'list of other names, some contains: indexOf over a folded column of every other name (built once per store)',
    query: athletesWhere('{ alternateNames: { some: { contains: "ju song" } } }'),
  },
  athletesOfMedallingDelegations: {
    against: 'athletes',
    how: 'relation some over medals: the delegations’ medal columns, then their athletes (the athlete-to-delegations relation)',
    query: athletesWhere('{ participations: { some: { medals: { gold: { gte: 1 } } } } }'),
  },
  athletesOfHostedGames: {
    against: 'athletes',
    how: 'depth 3 through hostCountry: the Games’ host-country inverse (built from the column), events, results, athletes',
    query: athletesWhere('{ results: { some: { event: { games: { hostCountry: { code: { eq: "GBR" } } } } } } }'),
  },
};

export const FILTERED_PAGES: FilteredPages = { ...INDEXED_PAGES, ...NEWLY_INDEXED_PAGES, ...SUPPORTS_PAGES };

/** What a researcher and a search box type: a name every synthetic copy shares, a typo, words of quotes, a phrase, nothing. */
export const SEARCH_TEXTS = {
  'shared name': 'rim ju',
  typo: 'Rim Ju Sung',
  // No typo of its own, but "song" is one edit from "jong", held by every copy of Kim Jong Un.
  'typo neighbours': 'ju song',
  'quote word': 'camps',
  phrase: '"rehabilitation centre"',
  'no match': 'zzqxv',
} as const;
