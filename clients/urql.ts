import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { AthleteRanksDocument } from './generated/graphql.js';

/** urql with persisted queries sent as GETs, which a CDN can keep. */
export const urqlClient = (url: string) =>
  new Client({
    url,
    exchanges: [cacheExchange, persistedExchange({ preferGetForPersistedQueries: true }), fetchExchange],
  });

/** Every rank the sources give for each of an athlete's results, as numbers, preferred first. */
export async function ranksOf(client: Client, slug: string) {
  const { data, error } = await client.query(AthleteRanksDocument, { slug }).toPromise();
  if (error) throw error;
  return (data?.athlete?.results.nodes ?? []).map((result) => ({
    event: result.event.name,
    ranks: [...result.claims]
      .sort((a, b) => Number(b.preferred) - Number(a.preferred))
      .flatMap((claim) => (claim.value?.__typename === 'IntValue' ? [claim.value.int] : [])),
  }));
}
