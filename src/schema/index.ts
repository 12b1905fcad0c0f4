import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLSchema, getNamedType, isObjectType, specifiedDirectives } from 'graphql';
import { deriveRecordProperty } from '../graph/entity-record.js';
import { KINDS } from '../graph/kinds.js';
import { withExecutionBudget } from '../security/execution-budget.js';
import { builder } from './builder.js';
import { DeferDirective, StreamDirective } from './incremental-delivery.js';
import { TYPE_NAMES } from './sourced.js';
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

// Every record reads its global id as a property (see withRecordIds).
for (const kind of KINDS) deriveRecordProperty(kind, 'id', (record) => encodeGlobalID(TYPE_NAMES[kind], record.slug));

/**
 * Pothos' relay plugin resolves every global `id` with an async function, which makes the execution of
 * any query that selects an id asynchronous, with a promise per object. Ids here are encoded from the
 * record's slug alone: each record reads its own as a property, encoded when first read and kept with
 * the record (encoding allocates a buffer), which executors read like the record's facts.
 */
function withRecordIds(schema: GraphQLSchema): GraphQLSchema {
  const recordTypes = new Set<string>(Object.values(TYPE_NAMES));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((face) => face.name === 'Node')) continue;
    const id = type.getFields().id;
    if (!id) continue;
    if (!recordTypes.has(type.name)) throw new Error(`The Node type ${type.name} is no kind of record`);
    id.resolve = undefined;
  }
  return schema;
}

/**
 * A page's `edges`, `pageInfo` and `nodes` and an edge's `node` are properties of the pages our lists
 * make (the builder's Connection shape requires `nodes`), read as the relay plugin's resolvers read
 * them, with the executor's own read: graphql-jit then reads them inline, without a resolver call.
 */
function withPlainPages(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const { edges, pageInfo, nodes } = type.getFields();
    if (!edges || !pageInfo) continue;
    edges.resolve = undefined;
    pageInfo.resolve = undefined;
    if (nodes) nodes.resolve = undefined;
    const edge = getNamedType(edges.type);
    const node = isObjectType(edge) ? edge.getFields().node : undefined;
    if (node) node.resolve = undefined;
  }
  return schema;
}

/** Our resolvers on a schema the builder made, metered (see execution-budget.ts: `inline`). */
const served = (schema: GraphQLSchema, inline = false) =>
  withExecutionBudget(withPlainPages(withRecordIds(schema)), { inline });

// Directives given to a schema replace graphql-js's defaults: @skip, @include, @deprecated and
// @specifiedBy, which every GraphQL schema has, are named with ours.
const DIRECTIVES = [...specifiedDirectives, DeferDirective, StreamDirective];
const build = () => builder.toSchema({ sortSchema: false, directives: DIRECTIVES });
const buildSubgraph = () =>
  builder.toSubGraphSchema({
    sortSchema: false,
    directives: DIRECTIVES,
    linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  });

export const schema = served(build());

let subgraph: GraphQLSchema | undefined;
const lanes = new Map<boolean, GraphQLSchema>();

/**
 * The same schema as an Apollo Federation v2 subgraph: `_service`, `_entities` and `@key`s (FEDERATION=1).
 * Built when first asked for: a server that is no subgraph never pays for it at start.
 */
export function subgraphSchema(): GraphQLSchema {
  subgraph ??= served(buildSubgraph());
  return subgraph;
}

/**
 * The schema (or subgraph) again, for plans that run in one go (the fast lane's): the same types,
 * fields and resolvers, its fields that only read a property read inline, their work charged with the
 * field above them (see execution-budget.ts). Built when first asked for.
 */
export function inlineSchema(federation: boolean): GraphQLSchema {
  let built = lanes.get(federation);
  if (!built) {
    built = served(federation ? buildSubgraph() : build(), true);
    lanes.set(federation, built);
  }
  return built;
}
