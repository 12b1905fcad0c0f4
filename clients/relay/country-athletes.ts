import { createOperationDescriptor, type Environment, fetchQuery } from 'relay-runtime';
import { waitForFragmentData } from 'relay-runtime/experimental.js';
import CountryAthletesFragment, {
  type CountryAthletes_country$key as Key,
} from './__generated__/CountryAthletes_country.graphql.js';
import CountryAthletesPaginationQuery from './__generated__/CountryAthletesPaginationQuery.graphql.js';
import CountryAthletesQuery, {
  type CountryAthletesQuery as Operation,
} from './__generated__/CountryAthletesQuery.graphql.js';

/**
 * Infinite scroll on a nested list: a country's athletes, filtered, a page at a time. Each further page
 * comes from the fragment's pagination query; Relay's connection handler appends it to the list the
 * fragment reads (usePaginationFragment's loadNext does the same in React).
 */
export async function countryAthletes(environment: Environment, variables: Operation['variables']) {
  // Retained, so that the pages stay in the store while more arrive.
  const retained = environment.retain(createOperationDescriptor(CountryAthletesQuery, variables));
  try {
    const data = await fetchQuery<Operation>(environment, CountryAthletesQuery, variables).toPromise();
    if (!data?.country) return null;
    // The query's reference to the fragment, typed as the fragment's key so that its data is typed.
    const ref: Key = data.country;
    let country = await waitForFragmentData(environment, CountryAthletesFragment, ref);
    while (country.athletes.pageInfo.hasNextPage) {
      const after = country.athletes.pageInfo.endCursor;
      const next = { id: data.country.id, first: variables.first, where: variables.where, after };
      await fetchQuery(environment, CountryAthletesPaginationQuery, next).toPromise();
      country = await waitForFragmentData(environment, CountryAthletesFragment, ref);
    }
    return country;
  } finally {
    retained.dispose();
  }
}
