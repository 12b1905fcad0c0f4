import { Environment, fetchQuery, type GraphQLResponse, Network, RecordSource, Store } from 'relay-runtime';
import { waitForFragmentData } from 'relay-runtime/experimental.js';
import AthleteCardFragment from './__generated__/AthleteCard_athlete.graphql.js';
import AthleteCardQuery, { type AthleteCardQuery as Operation } from './__generated__/AthleteCardQuery.graphql.js';

/** A Relay environment on the API: Relay's ids, Node and connections are the server's own. */
export function relayEnvironment(url: string) {
  return new Environment({
    network: Network.create(async (request, variables) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: request.text, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    }),
    store: new Store(new RecordSource()),
  });
}

/** An athlete's card: the query fetches, the fragment reads its own fields from the store. */
export async function athleteCard(environment: Environment, slug: string) {
  const data = await fetchQuery<Operation>(environment, AthleteCardQuery, { slug }).toPromise();
  return data?.athlete ? waitForFragmentData(environment, AthleteCardFragment, data.athlete) : null;
}
