import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { Store } from '../graph/store.js';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { refusal } from '../security/errors.js';
import type { ExecutionBudget } from '../security/execution-budget.js';
import { LIMITS } from '../security/limits.js';
import { type JsonLdDocument, JsonLdScalar, PartialDateScalar } from './scalars.js';

/** Per-request state: the loaded graph and the base of entity IRIs. */
export interface Context {
  readonly store: Store;
  readonly baseUrl: string;
  /** The work this request may still do (see security/execution-budget.ts); unmetered when absent. */
  readonly budget?: ExecutionBudget;
  /** The linked-data view under the same base, for `jsonld` fields. */
  readonly linkedData: LinkedDataset;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    PartialDate: { Input: string; Output: string };
    JSONLD: { Input: JsonLdDocument; Output: JsonLdDocument };
  };
  Connection: { totalCount: number; nodes: readonly unknown[] };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  defaultFieldNullability: false,
  plugins: [RelayPlugin, DirectivesPlugin, FederationPlugin],
  relay: {
    nodeTypeOptions: {
      description:
        'Anything with a global id that `node(id:)` fetches again (the Relay Global Object Identification spec).',
    },
    idFieldOptions: { description: 'The global id: opaque, stable across restarts; give it to `node(id:)`.' },
    // node(id:) and nodes(ids:) are ours (node.ts): bad ids refused in our words, one at a time.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    pageInfoTypeOptions: { description: 'Where a page sits in its list, and the cursors to the pages around it.' },
    pageInfoFieldOptions: { description: 'Where this page sits, and the cursors to continue from.' },
    hasNextPageFieldOptions: { description: 'Whether items follow this page (when paging forward with `first`).' },
    hasPreviousPageFieldOptions: {
      description: 'Whether items precede this page (when paging backward with `last`).',
    },
    startCursorFieldOptions: { description: "The first edge's cursor: pass it as `before` for the previous page." },
    endCursorFieldOptions: { description: "The last edge's cursor: pass it as `after` for the next page." },
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
    nodesOnConnection: { description: "The items of this page, without their cursors: `edges`' nodes, in order." },
    cursorFieldOptions: { description: 'Where this item sits: pass it as `after` or `before` to page from here.' },
    firstArgOptions: {
      description: `How many items to return from the start (after \`after\`): at most ${LIMITS.maxPageSize}; 20 when neither \`first\` nor \`last\` is given.`,
    },
    lastArgOptions: {
      description: `How many items to return from the end (before \`before\`): at most ${LIMITS.maxPageSize}.`,
    },
    afterArgOptions: { description: 'Return items after this cursor (an `endCursor` or an edge `cursor`).' },
    beforeArgOptions: { description: 'Return items before this cursor (a `startCursor` or an edge `cursor`).' },
  },
});

builder.addScalarType('PartialDate', PartialDateScalar);
builder.addScalarType('JSONLD', JsonLdScalar);

builder.queryType({ description: 'Entry points into the sourced knowledge graph.' });

builder.globalConnectionField('totalCount', (t) =>
  t.exposeInt('totalCount', { description: 'How many items match, across all pages.' }),
);

/** The largest page a connection returns; `first`/`last` above it are refused, not silently cut. */
export const MAX_PAGE_SIZE = LIMITS.maxPageSize;

export interface PageArgs {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly before?: string | null;
  readonly after?: string | null;
}

/** Refuses a page larger than MAX_PAGE_SIZE or of negative size, in our words and with a code. */
export function checkPageSize(args: PageArgs): void {
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
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && size < 0) throw refusal(`"${name}" must not be negative.`, 'BAD_USER_INPUT');
  }
}

/**
 * An enum of values from `graph/kinds.ts`, in their order, each with its description: a value added to
 * the data model without one is a type error here.
 */
export function describedEnum<const V extends string>(
  name: string,
  description: string,
  values: readonly V[],
  descriptions: Readonly<Record<V, string>>,
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((value) => [value, { description: descriptions[value] }])) as Record<
      V,
      { description: string }
    >,
  });
}

/** The names and descriptions of a root connection's page and edge types. */
export const pageTypes = (type: string, items: string) =>
  [
    { name: `${type}Connection`, description: `A page of ${items}, with how many there are across all pages.` },
    { name: `${type}Edge`, description: `One of ${items} on a page, with its cursor.` },
  ] as const;
