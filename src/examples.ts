/** The query GraphiQL opens with: a country's whole Paralympic history, with a disputed fact's sources. */
export const EXAMPLE_QUERY = /* GraphQL */ `# North Korea at the Paralympics: every Games listed for it, attended or not,
# its athletes' results, and for each disputed value every claim with its sources.
query NorthKoreaAtTheParalympics {
  country(code: "PRK") {
    name
    alternateNames
    npc {
      name
      ipcMembership { status since }
    }
    medalTotals { gold silver bronze total }
    participations {
      games { name year season city }
      participated
      competitors
      officials
      flagbearer { name }
      medals { gold silver bronze total }
      athletes {
        name
        roles
        classifications
        results(first: 5) {
          nodes {
            event { name }
            round
            heat
            time
            mark
            rank
            fieldSize
            status
            guide { name }
            claims(property: "rank") {
              value { ... on IntValue { int } }
              preferred
              reason
              citations { report { name } quote }
            }
          }
        }
      }
    }
  }
}
`;

/** The disputed rank of the 2012 debut, with every claim and its sources. */
export const DISPUTED_FACT_QUERY = /* GraphQL */ `query DisputedRank {
  result(slug: "rim-ju-song-2012-men-50m-freestyle-s6") {
    athlete { name alternateNames }
    time
    rank
    claims(property: "rank") {
      value { ... on IntValue { int } }
      preferred reason
      citations { report { name } quote }
    }
  }
}
`;

/** Search, as a frontend's search box sends it. */
export const SEARCH_QUERY = /* GraphQL */ `query Search($query: String!, $first: Int, $after: String) {
  search(query: $query, first: $first, after: $after) {
    totalCount
    edges { cursor node { __typename id name } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** A disputed publisher: each claimed value a link to the organisation, with its sources. */
export const DISPUTED_PUBLISHER_QUERY = /* GraphQL */ `query DisputedPublisher {
  report(slug: "cultural-centre-for-the-disabled-2012-report") {
    name
    datePublished
    publisher { name }
    claims(property: "publisher") {
      value { ... on EntityValue { entity { __typename name iri } } }
      valueText
      preferred
      citations { report { name } }
    }
  }
}
`;

/** An athlete's page: names and spellings, classes, results with their sources. */
export const ATHLETE_PAGE_QUERY = /* GraphQL */ `query AthletePage {
  athlete(slug: "kim-chol-ung") {
    name alternateNames gender roles sports classifications
    country { name code }
    results {
      nodes {
        event { name games { name } }
        status rank guide { name }
        citations { report { name } quote }
      }
    }
  }
}
`;

/** One Games' events and results, as a results page shows them. */
export const GAMES_RESULTS_QUERY = /* GraphQL */ `query GamesResults {
  games(slug: "2012-summer-paralympics") {
    name city startDate endDate hostCountry { name }
    events(first: 20) {
      totalCount
      nodes {
        name classification
        results(first: 50) { nodes { athlete { name country { code } } heat time rank fieldSize status } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`;

/** The documents a deployment with TRUSTED_DOCUMENTS_ONLY runs, by name. */
export const TRUSTED_DOCUMENTS = {
  NorthKoreaAtTheParalympics: EXAMPLE_QUERY,
  DisputedRank: DISPUTED_FACT_QUERY,
  DisputedPublisher: DISPUTED_PUBLISHER_QUERY,
  AthletePage: ATHLETE_PAGE_QUERY,
  GamesResults: GAMES_RESULTS_QUERY,
  Search: SEARCH_QUERY,
} as const;
