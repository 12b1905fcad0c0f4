import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { withExecutionBudget } from '../security/execution-budget.js';
import { builder } from './builder.js';
import { DeferDirective, StreamDirective } from './incremental-delivery.js';
import './sourced.js';
import './claim-values.js';
import './country.js';
import './npc.js';
import './games.js';
import './participation.js';
import './athlete.js';
import './event.js';
import './result.js';
import './organisation.js';
import './report.js';
import './person.js';
import './search.js';
import './node.js';
import './linked-data.js';
import './federation.js';

export type { Context } from './builder.js';
export { kindOfType } from './node.js';

/**
 * Pothos' relay plugin resolves every global `id` with an async function, which makes the execution of
 * any query that selects an id asynchronous, with a promise per object. Ids here are encoded from the
 * record's slug alone, so each Node type's `id` is resolved with the same encoding, synchronously, and
 * kept with the record while the store keeps it (encoding allocates a buffer each time).
 */
function withSynchronousIds(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((face) => face.name === 'Node')) continue;
    const id = type.getFields().id;
    if (!id) continue;
    const encoded = new WeakMap<object, string>();
    id.resolve = (record: { readonly slug: string }) => {
      let global = encoded.get(record);
      if (global === undefined) {
        global = encodeGlobalID(type.name, record.slug);
        encoded.set(record, global);
      }
      return global;
    };
  }
  return schema;
}

export const schema = withExecutionBudget(
  withSynchronousIds(builder.toSchema({ sortSchema: false, directives: [DeferDirective, StreamDirective] })),
);

let subgraph: GraphQLSchema | undefined;

/**
 * The same schema as an Apollo Federation v2 subgraph: `_service`, `_entities` and `@key`s (FEDERATION=1).
 * Built when first asked for: a server that is no subgraph never pays for it at start.
 */
export function subgraphSchema(): GraphQLSchema {
  subgraph ??= withExecutionBudget(
    withSynchronousIds(
      builder.toSubGraphSchema({
        sortSchema: false,
        directives: [DeferDirective, StreamDirective],
        linkUrl: 'https://specs.apollo.dev/federation/v2.6',
      }),
    ),
  );
  return subgraph;
}
