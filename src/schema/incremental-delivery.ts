import {
  BREAK,
  DirectiveLocation,
  type DocumentNode,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLString,
  visit,
} from 'graphql';

const label = {
  type: GraphQLString,
  description: 'A name for the part, unique in the operation; the part that delivers it carries it back.',
};

/**
 * `@defer` and `@stream` as the incremental delivery proposal defines them, described for this API. Yoga's
 * defer-stream plugin validates and executes them; they are in the schema so that introspection, the
 * printed SDL and every client's code generation know them.
 */
export const DeferDirective = new GraphQLDirective({
  name: 'defer',
  description:
    'Delivers this fragment in a later part of the answer, so that the rest arrives first: for slow fields such as `jsonld`. The answer is then `multipart/mixed` (or `text/event-stream`), when the request accepts it.',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    if: {
      type: new GraphQLNonNull(GraphQLBoolean),
      defaultValue: true,
      description: 'Defer only when true; false delivers the fragment with the rest.',
    },
    label,
  },
});

export const StreamDirective = new GraphQLDirective({
  name: 'stream',
  description:
    'Delivers the items of this list after the first `initialCount`, in later parts of the answer, as they are resolved: for long lists. The answer is then `multipart/mixed` (or `text/event-stream`), when the request accepts it.',
  locations: [DirectiveLocation.FIELD],
  args: {
    if: {
      type: new GraphQLNonNull(GraphQLBoolean),
      defaultValue: true,
      description: 'Stream only when true; false delivers the whole list with the rest.',
    },
    label,
    initialCount: {
      type: GraphQLInt,
      defaultValue: 0,
      description: 'How many items the first part holds.',
    },
  },
});

const incremental = new WeakMap<DocumentNode, boolean>();

/** Whether a document asks for incremental delivery anywhere (which the compiled executor cannot give). */
export function usesIncrementalDelivery(document: DocumentNode): boolean {
  let uses = incremental.get(document);
  if (uses === undefined) {
    uses = false;
    visit(document, {
      Directive(node) {
        if (node.name.value === 'defer' || node.name.value === 'stream') {
          uses = true;
          return BREAK;
        }
        return undefined;
      },
    });
    incremental.set(document, uses);
  }
  return uses;
}
