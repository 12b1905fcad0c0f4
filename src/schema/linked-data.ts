import { createGraphQLError } from 'graphql-yoga';
import { builder } from './builder.js';
import { parseGlobalId } from './node.js';

builder.queryFields((t) => ({
  jsonld: t.field({
    type: 'JSONLD',
    description:
      'One schema.org JSON-LD document (with its @context) describing the records with these global ids, in order: the linked-data form of any selection.',
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Global ids of the records, as their `id` fields give them; an id that names nothing is an error.',
      }),
    },
    resolve: (_root, { ids }, { store, linkedData }) => {
      const records = ids.map((id) => {
        const parsed = parseGlobalId(String(id));
        if (parsed instanceof Error) throw parsed;
        const record = store.get(parsed.kind, parsed.slug);
        if (!record) {
          throw createGraphQLError(`No ${parsed.typename} has the id ${String(id)}.`, {
            extensions: { code: 'NOT_FOUND' },
          });
        }
        return record;
      });
      return linkedData.document(records);
    },
  }),
}));
