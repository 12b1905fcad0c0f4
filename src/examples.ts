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
        results {
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
            value
            preferred
            reason
            citations { report { name } quote }
          }
        }
      }
    }
  }
}
`;
