import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import { JSONLD_NODE_COST } from './execution-budget.js';

/** What one list without paging arguments is assumed to hold. */
const UNPAGED_LIST_ESTIMATE = 5;
/** What a connection returns when neither `first` nor `last` is given (the relay plugin's default). */
const DEFAULT_PAGE_SIZE = 20;
/**
 * What one JSON-LD document is estimated to cost: a record's document holds some 20 nodes, each
 * counted as JSONLD_NODE_COST objects (execution-budget.ts counts the real ones).
 */
export const JSONLD_DOCUMENT_COST = 20 * JSONLD_NODE_COST;
/** Leaf fields that cost more than their place in the answer: each `jsonld` builds a document. */
const LEAF_COSTS: Readonly<Record<string, number>> = { jsonld: JSONLD_DOCUMENT_COST };

/**
 * Estimates how many objects an operation resolves: each object field costs one per parent it is
 * resolved for, and a connection's page size (from a literal or a variable) or a list's estimated
 * length multiplies the cost of everything beneath it. Unlike a static cost rule this sees
 * `first: $n` with `$n` = 100.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (operationName == null || definition.name?.value === operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const argument = (field: FieldNode, name: string): unknown => {
    const node = field.arguments?.find((candidate) => candidate.name.value === name)?.value;
    return node === undefined ? undefined : argumentValue(node, variables ?? {});
  };

  const costOf = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    multiplier: number,
    seen: ReadonlySet<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += costOf(
          selection.selectionSet,
          (condition as GraphQLCompositeType | undefined) ?? type,
          multiplier,
          seen,
        );
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // A cycle is a validation error; count it once rather than loop.
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        total += costOf(fragment.selectionSet, condition ?? type, multiplier, new Set([...seen, fragment.name.value]));
        continue;
      }
      const field = fieldOf(type, selection.name.value);
      if (!field) continue;
      const size = sizeOf(selection, field, argument, type);
      if (!selection.selectionSet) {
        total += multiplier * size * (LEAF_COSTS[field.name] ?? 0);
        continue;
      }
      const childType = getNamedType(field.type) as GraphQLCompositeType;
      const selecting = filterCost(argument(selection, 'where')) + orderCost(argument(selection, 'orderBy'));
      total += multiplier * (1 + selecting) + costOf(selection.selectionSet, childType, multiplier * size, seen);
    }
    return total;
  };
  return costOf(operation.selectionSet, root, 1, new Set());
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function sizeOf(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  argument: (field: FieldNode, name: string) => unknown,
  parent: GraphQLCompositeType,
): number {
  const paged = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
  if (paged) {
    const requested = [argument(node, 'first'), argument(node, 'last')].find((value) => typeof value === 'number');
    return typeof requested === 'number' ? Math.max(requested, 1) : DEFAULT_PAGE_SIZE;
  }
  // A connection's edges (or nodes) are its page, already counted by the connection field.
  if (parent.name.endsWith('Connection') && (node.name.value === 'edges' || node.name.value === 'nodes')) return 1;
  // A list argument (`nodes(ids:)`, `jsonld(ids:)`) says how many items the field gives: one each.
  const lists = field.args.filter((arg) => isListType(getNullableType(arg.type)));
  if (lists.length > 0) {
    const lengths = lists.map((arg) => {
      const value = argument(node, arg.name);
      return Array.isArray(value) ? value.length : value == null ? 0 : 1;
    });
    const largest = Math.max(...lengths);
    if (isListType(getNullableType(field.type)) || LEAF_COSTS[field.name] !== undefined) return Math.max(largest, 1);
  }
  return isListType(getNullableType(field.type)) ? UNPAGED_LIST_ESTIMATE : 1;
}

function argumentValue(node: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return valueFromASTUntyped(node, variables);
}

/** What testing one related record costs, for each record a relation filter (`some`, `none`, `every`) reads. */
const RELATED_FILTER_FACTOR = UNPAGED_LIST_ESTIMATE;
/** Filters nested deeper than this are refused as too costly, whatever they ask. */
const MAX_FILTER_NESTING = 16;

/**
 * What a `where` costs on top of the objects it selects: one per predicate, one per ten values of an
 * `in`, and the filters on related records times the records each reads. Beyond
 * {@link MAX_FILTER_NESTING} levels a filter costs more than any query may.
 */
export function filterCost(where: unknown, depth = 0): number {
  if (where === null || typeof where !== 'object') return 0;
  if (depth > MAX_FILTER_NESTING) return Number.POSITIVE_INFINITY;
  if (Array.isArray(where)) return where.reduce((total: number, part) => total + filterCost(part, depth + 1), 0);
  let total = 0;
  for (const [name, value] of Object.entries(where)) {
    if (value == null) continue;
    if (name === 'in' && Array.isArray(value)) total += 1 + Math.floor(value.length / 10);
    else if (name === 'some' || name === 'none' || name === 'every') {
      total += 1 + RELATED_FILTER_FACTOR * filterCost(value, depth + 1);
    } else if (typeof value === 'object') total += filterCost(value, depth + 1) || 1;
    else total += 1;
  }
  return total;
}

/** What an `orderBy` costs: one per key (each is read from every record sorted). */
function orderCost(orderBy: unknown): number {
  return Array.isArray(orderBy) ? orderBy.length : orderBy == null ? 0 : 1;
}
