import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import possibleTypes from '../schema/possible-types.json' with { type: 'json' };
import { AthleteBrowserDocument, type AthleteBrowserQueryVariables } from './generated/graphql.js';

// In a browser: a SHA-256 from crypto.subtle.digest, or the crypto-hash package.
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A normalised cache that knows the interfaces and unions, and GETs by hash that a CDN can keep. */
export function apolloClient(uri: string) {
  return new ApolloClient({
    cache: new InMemoryCache({
      possibleTypes,
      // One list per filter and order; the pages of each are merged as they arrive.
      typePolicies: { Query: { fields: { allAthletes: relayStylePagination(['where', 'orderBy']) } } },
    }),
    link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri })),
  });
}

/** A country's athletes by name, a page at a time, as infinite scroll fetches them: the cache merges the pages. */
export async function athletesOf(client: ApolloClient, country: string, pageSize: number) {
  const variables: AthleteBrowserQueryVariables = {
    first: pageSize,
    where: { country: { code: { eq: country } } },
    orderBy: [{ field: 'NAME', direction: 'ASC' }],
  };
  const athletes = client.watchQuery({ query: AthleteBrowserDocument, variables });
  let { pageInfo } = (await athletes.refetch()).data?.allAthletes ?? {};
  while (pageInfo?.hasNextPage) {
    pageInfo = (await athletes.fetchMore({ variables: { after: pageInfo.endCursor } })).data?.allAthletes.pageInfo;
  }
  const merged = client.readQuery({ query: AthleteBrowserDocument, variables });
  return merged?.allAthletes.edges.map(({ node }) => node.name) ?? [];
}
