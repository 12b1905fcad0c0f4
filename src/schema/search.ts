import { refusal } from '../security/errors.js';
import { LIMITS } from '../security/limits.js';
import { builder, page, pageTypes } from './builder.js';
import { EntityRef, EntityTypeEnum } from './sourced.js';

builder.queryFields((t) => ({
  search: t.connection(
    {
      type: EntityRef,
      description:
        'Entities whose name or an alternate name matches every word of the query as a word prefix, ignoring case, accents and hyphens; best match first. An empty query lists every entity.',
      args: {
        query: t.arg.string({
          required: true,
          description: `The words to look for, in any case, with or without accents and hyphens: "rim ju song". At most ${LIMITS.maxSearchLength} characters.`,
        }),
        types: t.arg({ type: [EntityTypeEnum], description: 'Only entities of these types.' }),
      },
      resolve: (_root, { query, types, ...args }, { store }) => {
        if (query.length > LIMITS.maxSearchLength) {
          throw refusal(
            `Search text is ${query.length} characters; the limit is ${LIMITS.maxSearchLength}.`,
            'STRING_TOO_LONG',
            {
              maxSearchLength: LIMITS.maxSearchLength,
            },
          );
        }
        return page(args, store.search(query, types));
      },
    },
    ...pageTypes('Entity', 'named entities'),
  ),
}));
