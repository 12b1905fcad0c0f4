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
