import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin, { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { JSONResolver } from 'graphql-scalars';
import type { Store, View } from '../graph/store.js';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { refusal } from '../security/errors.js';
import { LIMITS } from '../security/limits.js';

/** Per-request state: the loaded graph and the base of entity IRIs. */
export interface Context {
  readonly store: Store;
  readonly baseUrl: string;
  /** The linked-data view under the same base, for `jsonld` fields. */
  readonly linkedData: LinkedDataset;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { JSON: { Input: unknown; Output: unknown } };
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [RelayPlugin, DirectivesPlugin, FederationPlugin],
  relay: {
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
});

builder.addScalarType('JSON', JSONResolver);

builder.queryType({ description: 'Entry points into the sourced knowledge graph.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'How many items match, across all pages.', resolve: (connection) => connection.totalCount }),
);

/** The largest page a connection returns; `first`/`last` above it are refused, not silently cut. */
export const MAX_PAGE_SIZE = LIMITS.maxPageSize;

interface PageArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly before?: string | null;
  readonly after?: string | null;
}

/** One page of a store's list: only the items on the page are materialised. */
export function page<T>(args: PageArgs, list: View<T>) {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && size > MAX_PAGE_SIZE) {
      throw refusal(
        `"${name}" must be at most ${MAX_PAGE_SIZE}; ask for the next page with "after"/"before".`,
        'PAGE_SIZE_EXCEEDED',
        {
          maxPageSize: MAX_PAGE_SIZE,
        },
      );
    }
  }
  const totalCount = list.length;
  const { offset, limit, expectedSize, hasPreviousPage, hasNextPage } = offsetForArgs({
    args,
    maxSize: MAX_PAGE_SIZE,
    totalCount,
  });
  const nodes = list.slice(offset, offset + limit);
  const edges = nodes.slice(0, expectedSize).map((node, index) => ({ cursor: offsetToCursor(offset + index), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      startCursor: offsetToCursor(offset),
      endCursor: offsetToCursor(offset + edges.length - 1),
      hasPreviousPage,
      hasNextPage: hasNextPage(nodes.length),
    },
  };
}
