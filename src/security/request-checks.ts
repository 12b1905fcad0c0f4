import type { DocumentNode, GraphQLSchema } from 'graphql';
import { estimateCost } from './query-cost.js';

/** The length of the longest string anywhere in a JSON value (nesting beyond 32 levels is not searched). */
export function longestString(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (depth > 32 || value === null || typeof value !== 'object') return 0;
  let longest = 0;
  for (const item of Object.values(value)) longest = Math.max(longest, longestString(item, depth + 1));
  return longest;
}

/** The length of the longest array anywhere in a JSON value (nesting beyond 32 levels is not searched). */
export function longestList(value: unknown, depth = 0): number {
  if (depth > 32 || value === null || typeof value !== 'object') return 0;
  let longest = Array.isArray(value) ? value.length : 0;
  for (const item of Object.values(value)) {
    if (typeof item === 'object') longest = Math.max(longest, longestList(item, depth + 1));
  }
  return longest;
}

export type CostOf = (
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
) => number;

/** How many variable sets per document keep their computed cost. */
const COSTS_PER_DOCUMENT = 64;

/**
 * {@link estimateCost}, remembered per parsed document and variable set. Documents are shared by the
 * parse caches, so the cost of a repeated query is computed once.
 */
export function memoisedCost(schema: GraphQLSchema): CostOf {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return (document, operationName, variables) => {
    let known = costs.get(document);
    if (!known) {
      known = new Map();
      costs.set(document, known);
    }
    const key = `${operationName ?? ''}\u0000${variables ? JSON.stringify(variables) : ''}`;
    let cost = known.get(key);
    if (cost === undefined) {
      cost = estimateCost(schema, document, operationName, variables);
      if (known.size >= COSTS_PER_DOCUMENT) known.clear();
      known.set(key, cost);
    }
    return cost;
  };
}
