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

/** Queries whose cost must not grow with the data. */
export const SCALING_QUERIES = {
  lookup: /* GraphQL */ '{ athlete(slug: "rim-ju-song") { name country { code } results { nodes { rank time } } } }',
  firstPage: /* GraphQL */ '{ allAthletes(first: 20) { totalCount edges { node { name } } } }',
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
export const FILTERED_PAGES: Readonly<
  Record<string, { readonly against: string; readonly how: string; readonly query: string }>
> = {
  athletes: {
    against: 'athletes',
    how: 'unfiltered, in name order',
    query: '{ allAthletes(first: 20) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  athletesOfCountry: {
    against: 'athletes',
    how: 'country → the country-to-athletes relation',
    query:
      '{ allAthletes(first: 20, where: { country: { code: { eq: "PRK" } } }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  athletesOfCountryCounted: {
    against: 'athletes',
    how: 'the same, with totalCount (the relation list’s length)',
    query:
      '{ allAthletes(first: 20, where: { country: { code: { eq: "PRK" } } }) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  athletesOfSport: {
    against: 'athletes',
    how: 'sports some eq → the sport index',
    query:
      '{ allAthletes(first: 20, where: { sports: { some: { eq: "Athletics" } } }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  athletesOfCountryByName: {
    against: 'athletes',
    how: 'country, by name descending: the relation’s list sorted, or the athletes kept in that order walked',
    query:
      '{ allAthletes(first: 20, where: { country: { code: { eq: "PRK" } } }, orderBy: [{ field: NAME, direction: DESC }]) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  athletesOfEitherCountry: {
    against: 'athletes',
    how: 'OR of two countries → the two relation lists merged',
    query:
      '{ allAthletes(first: 20, where: { OR: [{ country: { code: { eq: "PRK" } } }, { country: { code: { eq: "CUB" } } }] }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  athletesFemaleOrSwimmers: {
    against: 'athletes',
    how: 'OR of gender and sport (no index answers gender): read in order until the page is full',
    query:
      '{ allAthletes(first: 20, where: { OR: [{ gender: { eq: FEMALE } }, { sports: { some: { eq: "Swimming" } } }] }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  athletesWithResultsIn2012: {
    against: 'athletes',
    how: 'results some (event → games → year): from the results’ side up to 2,000 of them, else tested athlete by athlete',
    query:
      '{ allAthletes(first: 20, where: { results: { some: { event: { games: { year: { eq: 2012 } } } } } }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }',
  },
  countryAthletes: {
    against: 'countryAthletes',
    how: 'nested, unfiltered: a country’s athletes',
    query:
      '{ country(code: "PRK") { athletes(first: 20) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }',
  },
  countryAthletesFemale: {
    against: 'countryAthletes',
    how: 'nested, gender eq: the relation’s list read in order until the page is full',
    query:
      '{ country(code: "PRK") { athletes(first: 20, where: { gender: { eq: FEMALE } }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } } }',
  },
};
