import {
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** A field read inline, as a selection asks for it once: its name, and the fields read inline below it. */
interface InlineRead {
  readonly name: string;
  readonly below: readonly InlineRead[];
}

const NOTHING: readonly InlineRead[] = [];

/**
 * The object-valued fields of a schema that only read their parent's property of the same name (no
 * resolver), on object types that no interface or union includes: what a selection reads below such a
 * field is then known from the selection alone, whatever objects the executor meets.
 */
export function inlineFields(schema: GraphQLSchema): ReadonlySet<GraphQLField<unknown, unknown>> {
  const included = new Set<GraphQLObjectType>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) for (const member of schema.getPossibleTypes(type)) included.add(member);
  }
  const fields = new Set<GraphQLField<unknown, unknown>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || included.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve === undefined && field.name !== 'jsonld' && isCompositeType(getNamedType(field.type))) {
        fields.add(field);
      }
    }
  }
  return fields;
}

/**
 * The work of the fields read inline (see {@link inlineFields}) below a field with a resolver, as that
 * field's selection asks for them: each costs what a field with a resolver is charged (one, and the
 * length of a list), counted from the value the field resolved to. Plans are kept by the selection's
 * nodes, unless `@skip`/`@include` take a variable there.
 */
export class InlineWork {
  readonly #plans = new WeakMap<readonly FieldNode[], readonly InlineRead[]>();

  constructor(private readonly fields: ReadonlySet<GraphQLField<unknown, unknown>>) {}

  /** Whether anything can be read inline below a field of this type: an object type with such fields. */
  readsBelow(type: GraphQLOutputType): boolean {
    const named = getNamedType(type);
    return isObjectType(named) && Object.values(named.getFields()).some((field) => this.fields.has(field));
  }

  /** The units of the fields `info`'s selection reads inline below `value`. */
  of(value: unknown, info: GraphQLResolveInfo): number {
    let plan = this.#plans.get(info.fieldNodes);
    if (plan === undefined) {
      const found = { variable: false };
      const type = getNamedType(info.returnType);
      plan = isObjectType(type) ? this.#plan(type, info.fieldNodes, info, found) : NOTHING;
      if (!found.variable) this.#plans.set(info.fieldNodes, plan);
    }
    return plan.length === 0 ? 0 : workBelow(value, plan);
  }

  #plan(
    type: GraphQLObjectType,
    nodes: readonly FieldNode[],
    info: GraphQLResolveInfo,
    found: { variable: boolean },
  ): readonly InlineRead[] {
    const selected = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    for (const node of nodes) if (node.selectionSet) collect(type, node.selectionSet, info, selected, visited, found);
    const plan: InlineRead[] = [];
    for (const group of selected.values()) {
      const field = type.getFields()[(group[0] as FieldNode).name.value];
      if (!field || !this.fields.has(field as GraphQLField<unknown, unknown>)) continue;
      const below = getNamedType(field.type);
      plan.push({ name: field.name, below: isObjectType(below) ? this.#plan(below, group, info, found) : NOTHING });
    }
    return plan;
  }
}

/** What reading `plan` below `value` (an object, or a list of them at any depth) costs. */
function workBelow(value: unknown, plan: readonly InlineRead[]): number {
  if (value === null || typeof value !== 'object') return 0;
  let units = 0;
  if (Array.isArray(value)) {
    for (const item of value) units += workBelow(item, plan);
    return units;
  }
  for (const { name, below } of plan) {
    const read: unknown = (value as Readonly<Record<string, unknown>>)[name];
    units += 1 + (Array.isArray(read) ? read.length : 0);
    if (below.length > 0) units += workBelow(read, below);
  }
  return units;
}

/** The selected fields of `set` on `type`, by response key, as an executor collects them. */
function collect(
  type: GraphQLObjectType,
  set: SelectionSetNode,
  info: GraphQLResolveInfo,
  selected: Map<string, FieldNode[]>,
  visited: Set<string>,
  found: { variable: boolean },
): void {
  for (const selection of set.selections) {
    if (!included(selection, info, found)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const group = selected.get(key);
      if (group) group.push(selection);
      else selected.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value, type, info.schema)) {
        collect(type, selection.selectionSet, info, selected, visited, found);
      }
    } else {
      const name = selection.name.value;
      const fragment = info.fragments[name];
      if (visited.has(name) || !fragment) continue;
      visited.add(name);
      if (applies(fragment.typeCondition.name.value, type, info.schema)) {
        collect(type, fragment.selectionSet, info, selected, visited, found);
      }
    }
  }
}

function applies(condition: string | undefined, type: GraphQLObjectType, schema: GraphQLSchema): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = schema.getType(condition);
  return conditionType !== undefined && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
}

/** Whether `@skip` and `@include` let a selection in; notes when either takes a variable. */
function included(selection: SelectionNode, info: GraphQLResolveInfo, found: { variable: boolean }): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((each) => each.name.value === 'if');
    if (!argument) continue;
    const condition = conditionOf(argument.value, info, found);
    if (name === 'skip' ? condition === true : condition === false) return false;
  }
  return true;
}

function conditionOf(node: ValueNode, info: GraphQLResolveInfo, found: { variable: boolean }): unknown {
  if (node.kind === Kind.BOOLEAN) return node.value;
  if (node.kind !== Kind.VARIABLE) return undefined;
  found.variable = true;
  return info.variableValues[node.name.value];
}
