import { KINDS, type Kind } from '../graph/kinds.js';
import type { Citation, Claim, EntityRecord, NamedEntity, NamedKind } from '../graph/model.js';
import { type CLAIM_RANKS, DATE_BOUNDS } from '../graph/records.js';
import { entityIri } from '../linked-data/iris.js';
import { builder, type Context } from './builder.js';

/** The GraphQL type of each kind of record. */
export const TYPE_NAMES = {
  country: 'Country',
  npc: 'NPC',
  games: 'Games',
  delegation: 'Participation',
  athlete: 'Athlete',
  event: 'Event',
  result: 'Result',
  organisation: 'Organisation',
  report: 'Report',
  person: 'Person',
} as const satisfies Record<Kind, string>;

export const isRecordOf =
  (kind: Kind) =>
  (value: unknown): boolean =>
    typeof value === 'object' && value !== null && 'kind' in value && value.kind === kind && 'slug' in value;

const typeOfRecord = (value: { kind: Kind }) => TYPE_NAMES[value.kind];

import { listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { ReportConnection, ReportRef } from './refs.js';

export const CitationType = builder.objectRef<Citation>('Citation').implement({
  description: 'Where a fact comes from: a report, and the sentence of it that states the fact where that helps.',
  fields: (t) => ({
    report: t.field({
      type: ReportRef,
      description: 'The report.',
      resolve: (citation, _args, { store }) => store.follow('report', citation.report),
    }),
    quote: t.exposeString('quote', { nullable: true, description: 'The words of the report that state the fact.' }),
  }),
});

export const ClaimRankEnum = builder.enumType('ClaimRank', {
  description: "A claim's rank, as in Wikidata: the preferred value is shown; deprecated ones are known to be wrong.",
  values: {
    PREFERRED: { value: 'preferred', description: 'The value the plain field shows, chosen where sources disagree.' },
    NORMAL: { value: 'normal', description: 'A value stated by a source, not chosen over another.' },
    DEPRECATED: { value: 'deprecated', description: 'A value known to be wrong (a misprint), kept with its source.' },
  } satisfies Record<
    Uppercase<(typeof CLAIM_RANKS)[number]>,
    { value: (typeof CLAIM_RANKS)[number]; description: string }
  >,
});

export const DateBoundEnum = builder.enumType('DateBound', {
  description:
    "How a date value bounds a date its source does not give, as Wikidata's `latest date` and `earliest date` qualifiers do.",
  values: {
    ON_OR_BEFORE: { value: DATE_BOUNDS[0], description: 'The date is on or before the value ("by 2008").' },
    ON_OR_AFTER: { value: DATE_BOUNDS[1], description: 'The date is on or after the value.' },
  },
});

export const NodeRef = builder.nodeInterfaceRef();

export const ClaimType = builder.objectRef<Claim>('Claim').implement({
  description:
    'One value of one property as its sources state it. Values are never overwritten, only ranked: where sources disagree every value is a claim, and one is preferred, with the reason.',
  fields: (t) => ({
    property: t.exposeString('property', {
      description: 'The property claimed, as the plain field and the data file name it: "rank", "datePublished".',
    }),
    entity: t.field({
      type: NodeRef,
      nullable: true,
      description: 'The entity the value names, for properties that refer to one.',
      deprecationReason: 'Use `value { ... on EntityValue { entity { … } } }`.',
      resolve: (claim, _args, { store }) => store.resolve(claim.target) ?? null,
    }),
    preferred: t.exposeBoolean('preferred', {
      description: 'Whether the plain field shows this value.',
    }),
    rank: t.expose('rank', {
      type: ClaimRankEnum,
      description: 'Preferred, normal or deprecated, as in Wikidata.',
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'Why the claim has its rank, where sources disagree.',
    }),
    derived: t.exposeBoolean('derived', {
      description:
        'Whether the value is computed from stated ones (its citations are the statements it was computed from).',
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'An editorial note: how a derived value was computed, or what a value means.',
    }),
    bound: t.expose('bound', {
      type: DateBoundEnum,
      nullable: true,
      description:
        'For a date its source gives only as a bound: which side of the value the date lies; null when exact.',
    }),
    approximate: t.exposeBoolean('approximate', {
      description: 'Whether the source gives the quantity as approximate ("around 500"), as Wikidata\'s `circa`.',
    }),
    hedge: t.exposeString('hedge', {
      nullable: true,
      description:
        'The word with which the source declines to vouch for the statement ("reportedly"); the claim is then the source\'s statement only.',
    }),
    lang: t.exposeString('lang', {
      nullable: true,
      description: 'The BCP 47 language tag of a text value (names, descriptions); null for other values.',
    }),
    citations: t.expose('citations', {
      type: [CitationType],
      description: 'The reports that state the value, each with the sentence that states it.',
    }),
  }),
});

/** Everything that states facts: entities, participations and results. */
export const SourcedRef = builder.interfaceRef<EntityRecord>('Sourced').implement({
  description: 'A record whose facts cite the reports they come from.',
  resolveType: typeOfRecord,
  fields: (t) => ({
    citations: t.field({
      type: [CitationType],
      description: 'The reports the record itself appears in.',
      resolve: (record) => record.citations,
    }),
    claims: t.field({
      type: [ClaimType],
      description: 'Every claim about the record, preferred or not, or those of one property.',
      args: { property: t.arg.string({ description: 'Only the claims of this property, e.g. "rank" or "name".' }) },
      resolve: (record, { property }, { store }) => store.claimsOf(record, property),
    }),
    sources: t.field({
      type: [ReportRef],
      description: 'Every report cited by the record or any of its claims.',
      resolve: (record, _args, { store }) => store.followAll('report', store.sourcesOf(record)),
    }),
    iri: t.string({
      description:
        'The linked-data IRI of the record, `{PUBLIC_BASE_URL}/id/{kind}/{slug}`, which serves it as JSON-LD, Turtle, N-Triples, N-Quads or HTML.',
      resolve: (record, _args, { baseUrl }) => entityIri(baseUrl, record.kind, record.slug),
    }),
    jsonld: t.field({
      type: 'JSONLD',
      description: 'The schema.org JSON-LD document of the record, as its IRI serves it.',
      resolve: (record, _args, { linkedData }) => linkedData.document([record]),
    }),
    descriptions: t.stringList({
      description: 'Facts stated in free sentences, each with its claim under `claims(property: "description")`.',
      resolve: (record) => ('description' in record.facts ? record.facts.description : []),
    }),
  }),
});

export const EntityRef = builder.interfaceRef<NamedEntity>('Entity').implement({
  description: 'A named thing in the graph, with its IRI for linked data.',
  interfaces: [NodeRef, SourcedRef],
  resolveType: typeOfRecord,
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Readable, stable key, unique within the entity type.' }),
    name: t.exposeString('name', { description: 'The preferred name.' }),
    alternateNames: t.stringList({
      description: 'Other names and spellings the sources use.',
      resolve: (entity, _args, { store }) => store.alternateNames(entity),
    }),
    mentionedIn: t.connection(
      {
        type: ReportRef,
        description: 'Reports about this entity, oldest first unless ordered otherwise.',
        args: listArguments(t.arg, 'report'),
        resolve: (entity, args, { store, budget }) =>
          recordPage({ store, budget }, 'report', args, store.reportsAbout(entity)),
      },
      ReportConnection,
    ),
  }),
});

export const ENTITY_TYPES = {
  COUNTRY: 'country',
  NPC: 'npc',
  GAMES: 'games',
  ATHLETE: 'athlete',
  EVENT: 'event',
  ORGANISATION: 'organisation',
  REPORT: 'report',
  PERSON: 'person',
} as const satisfies Record<string, NamedKind>;

const ENTITY_TYPE_DESCRIPTIONS: Readonly<Record<keyof typeof ENTITY_TYPES, string>> = {
  COUNTRY: 'Countries (`Country`).',
  NPC: 'National Paralympic Committees (`NPC`).',
  GAMES: 'Editions of the Games (`Games`).',
  ATHLETE: 'Athletes and guides (`Athlete`).',
  EVENT: 'Medal events (`Event`).',
  ORGANISATION: 'Organisations (`Organisation`).',
  REPORT: 'Source documents (`Report`).',
  PERSON: 'People who are neither athletes nor guides (`Person`).',
};

export const EntityTypeEnum = builder.enumType('EntityType', {
  description: 'The types of named entity, to narrow a search.',
  values: Object.fromEntries(
    Object.entries(ENTITY_TYPES).map(([name, kind]) => [
      name,
      { value: kind, description: ENTITY_TYPE_DESCRIPTIONS[name as keyof typeof ENTITY_TYPES] },
    ]),
  ) as {
    [K in keyof typeof ENTITY_TYPES]: { value: (typeof ENTITY_TYPES)[K]; description: string };
  },
});

/** The types of record a list of several types holds, in the list's own order of types. */
const SOURCED_TYPES: Readonly<Record<string, { readonly kind: Kind; readonly description: string }>> =
  Object.fromEntries(
    KINDS.map((kind) => {
      const named = Object.entries(ENTITY_TYPES).find(([, each]) => each === kind)?.[0] as
        | keyof typeof ENTITY_TYPES
        | undefined;
      if (named) return [named, { kind, description: ENTITY_TYPE_DESCRIPTIONS[named] }];
      return kind === 'delegation'
        ? ['PARTICIPATION', { kind, description: "A country's participations in the Games (`Participation`)." }]
        : ['RESULT', { kind, description: 'Results (`Result`).' }];
    }),
  );

export const SourcedTypeEnum = builder.enumType('SourcedType', {
  description: 'The types of record that cite reports, in the order a list of several types keeps them.',
  values: Object.fromEntries(
    Object.entries(SOURCED_TYPES).map(([name, { kind, description }]) => [name, { value: kind, description }]),
  ) as Record<string, { value: Kind; description: string }>,
});

/** The options every node type shares: global id from the slug, lookup from the store. */
export const nodeOptions = <K extends Kind>(kind: K) => ({
  id: { resolve: (record: EntityRecord<K>) => record.slug },
  isTypeOf: isRecordOf(kind),
  loadOne: (slug: string, { store }: Context) => store.get(kind, slug) ?? null,
});
