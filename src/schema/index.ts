import { builder } from './builder.js';
import './sourced.js';
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
import './linked-data.js';
import './federation.js';

export type { Context } from './builder.js';
export const schema = builder.toSchema({ sortSchema: false });

/** The same schema as an Apollo Federation v2 subgraph: `_service`, `_entities` and `@key`s (FEDERATION=1). */
export const subgraphSchema = builder.toSubGraphSchema({
  sortSchema: false,
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
});
