import { graphql } from 'relay-runtime';

// relay-compiler reads these and writes __generated__/ (`npm run codegen`); in an app, Babel's relay
// plugin puts each artifact where its tag is. This module is never run.
graphql`
  fragment AthleteCard_athlete on Athlete {
    name
    classifications
    country { name }
    results(first: 10) { nodes { rank event { name } } }
  }
`;

graphql`
  query AthleteCardQuery($slug: String!) {
    athlete(slug: $slug) { ...AthleteCard_athlete }
  }
`;

graphql`
  fragment CountryAthletes_country on Country
  @refetchable(queryName: "CountryAthletesPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 10 }
    after: { type: "String" }
    where: { type: "AthleteWhere" }
  ) {
    name
    athletes(first: $first, after: $after, where: $where, orderBy: [{ field: NAME, direction: ASC }])
    @connection(key: "CountryAthletes_athletes", filters: ["where", "orderBy"]) {
      totalCount
      edges { node { name sports } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

graphql`
  query CountryAthletesQuery($code: String!, $first: Int, $where: AthleteWhere) {
    country(code: $code) { id ...CountryAthletes_country @arguments(first: $first, where: $where) }
  }
`;
