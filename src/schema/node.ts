import { decodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLError } from 'graphql';
import type { Kind } from '../graph/kinds.js';
import type { EntityRecord } from '../graph/model.js';
import type { Store } from '../graph/store.js';
import { refusal } from '../security/errors.js';
import { builder } from './builder.js';
import { NodeRef, TYPE_NAMES } from './sourced.js';

const KIND_BY_TYPE_NAME = new Map(Object.entries(TYPE_NAMES).map(([kind, name]) => [name as string, kind as Kind]));

/** The kind of record a GraphQL type's objects are (`Participation` → `delegation`); undefined for other types. */
export const kindOfType = (typename: string): Kind | undefined => KIND_BY_TYPE_NAME.get(typename);

/** The kind and slug a global id names; an error (coded, in our words) for anything that is not one of ours. */
export function parseGlobalId(id: string): { kind: Kind; slug: string; typename: string } | GraphQLError {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(id);
  } catch {
    return refusal('Invalid global id: pass an `id` this API gave.', 'INVALID_ID');
  }
  const kind = KIND_BY_TYPE_NAME.get(decoded.typename);
  if (kind === undefined) return refusal('Invalid global id: it names no type of this API.', 'INVALID_ID');
  return { kind, slug: decoded.id, typename: decoded.typename };
}

/** The record a global id names, null when none has it, or the error saying why the id is not one. */
export function nodeOf(store: Store, id: string): EntityRecord | null | GraphQLError {
  const parsed = parseGlobalId(id);
  if (parsed instanceof Error) return parsed;
  return store.get(parsed.kind, parsed.slug) ?? null;
}

// Relay's lookups, here rather than the relay plugin's, so that a bad id is refused in our words and
// with a code, and in `nodes` nulls only its own entry (an Error in a list is that item's error).
builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'Whatever has this global id, of any type; null for an id that names nothing.',
    args: { id: t.arg.id({ required: true, description: 'A global id, as any `id` field gives it.' }) },
    resolve: (_root, { id }, { store }) => {
      const found = nodeOf(store, String(id));
      if (found instanceof Error) throw found;
      return found;
    },
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description:
      'Whatever has each of these global ids, in the same order; null for an id that names nothing, and null with an error (INVALID_ID) for one that is not a global id of this API.',
    args: { ids: t.arg.idList({ required: true, description: 'Global ids, as `id` fields give them.' }) },
    resolve: (_root, { ids }, { store }) => ids.map((id) => nodeOf(store, String(id))) as EntityRecord[],
  }),
}));
