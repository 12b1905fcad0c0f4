import type { Store } from '../graph/store.js';
import { LinkedDataset } from './dataset.js';

/** How many base IRIs keep a dataset (and its counted statistics) at once. */
const MAX_BASES = 8;

/**
 * The linked-data view for each base IRI requests arrive under. With `PUBLIC_BASE_URL` there is one;
 * without, the origin a request was made to is the base, and a few are kept so that a client varying its Host
 * header cannot make the server hold an unbounded number.
 */
export function linkedDatasets(
  store: Store,
  publicBaseUrl: string | undefined,
  incomingPageSize?: number,
): (origin: string) => LinkedDataset {
  const datasets = new Map<string, LinkedDataset>();
  return (origin) => {
    const base = publicBaseUrl ?? origin;
    let dataset = datasets.get(base);
    if (!dataset) {
      if (datasets.size >= MAX_BASES) datasets.clear();
      dataset = new LinkedDataset(store, base, incomingPageSize === undefined ? {} : { incomingPageSize });
      datasets.set(base, dataset);
    }
    return dataset;
  };
}
