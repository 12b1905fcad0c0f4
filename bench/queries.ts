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
