import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  Kind,
  type TypeNode,
} from 'graphql';

/**
 * The input object types that contain themselves, through their own fields or their fields' types:
 * the `where` filters (`AND`, `OR`, relations to other kinds). graphql-jit compiles the coercion of
 * variables inline and never ends on them (zalando-incubator/graphql-jit#81), so operations with
 * variables of these types run on graphql-js instead; literals of them compile as usual.
 */
function recursiveInputTypes(schema: GraphQLSchema): ReadonlySet<string> {
  const recursive = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type)) continue;
    const seen = new Set<string>();
    const pending: GraphQLInputType[] = Object.values(type.getFields()).map((field) => field.type);
    while (pending.length > 0) {
      const named = getNamedType(pending.pop() as GraphQLInputType);
      if (!isInputObjectType(named) || seen.has(named.name)) continue;
      if (named.name === type.name) {
        recursive.add(type.name);
        break;
      }
      seen.add(named.name);
      pending.push(...Object.values(named.getFields()).map((field) => field.type));
    }
  }
  return recursive;
}

const namedTypeOf = (node: TypeNode): string =>
  node.kind === Kind.NAMED_TYPE ? node.name.value : namedTypeOf(node.type);

/** Whether graphql-jit can compile an operation: none of its variables is of a recursive input type. */
export function compilableOperations(
  schema: GraphQLSchema,
): (document: DocumentNode, operationName?: string | null) => boolean {
  const recursive = recursiveInputTypes(schema);
  const known = new WeakMap<DocumentNode, boolean>();
  return (document) => {
    let compilable = known.get(document);
    if (compilable === undefined) {
      compilable = document.definitions.every(
        (definition) =>
          definition.kind !== Kind.OPERATION_DEFINITION ||
          (definition.variableDefinitions ?? []).every((variable) => !recursive.has(namedTypeOf(variable.type))),
      );
      known.set(document, compilable);
    }
    return compilable;
  };
}
