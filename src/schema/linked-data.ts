import { createGraphQLError } from 'graphql-yoga';
import type { Kind } from '../graph/kinds.js';
import { builder } from './builder.js';
import { TYPE_NAMES } from './sourced.js';

const KIND_BY_TYPE_NAME = new Map(Object.entries(TYPE_NAMES).map(([kind, name]) => [name as string, kind as Kind]));

builder.queryFields((t) => ({
  jsonld: t.field({
    type: 'JSONLD',
    description:
      'One schema.org JSON-LD document (with its @context) describing the records with these global ids, in order: the linked-data form of any selection.',
    args: {
      ids: t.arg.globalIDList({
        required: true,
        description: 'Global ids of the records, as their `id` fields give them; an id that names nothing is an error.',
      }),
    },
    resolve: (_root, { ids }, { store, linkedData }) => {
      const records = ids.map(({ typename, id }) => {
        const kind = KIND_BY_TYPE_NAME.get(typename);
        const record = kind === undefined ? undefined : store.get(kind, id);
        if (!record) {
          throw createGraphQLError(`No ${typename} with id ${id} exists.`, { extensions: { code: 'NOT_FOUND' } });
        }
        return record;
      });
      return linkedData.document(records);
    },
  }),
}));
