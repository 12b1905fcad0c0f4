import { ORGANISATION_KINDS } from '../graph/kinds.js';
import { countryFilter } from './arguments.js';
import { builder, page } from './builder.js';
import { CountryRef, OrganisationRef, ReportRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const OrganisationKindEnum = builder.enumType('OrganisationKind', { values: ORGANISATION_KINDS });

builder.node(OrganisationRef, {
  ...nodeOptions('organisation'),
  description: 'Any other body: sports bodies, NGOs, governments, UN bodies, news media, embassies, centres.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    kind: t.field({ type: OrganisationKindEnum, resolve: (organisation) => organisation.facts.organisationKind }),
    country: t.field({
      type: CountryRef,
      nullable: true,
      description: 'Where the organisation is based or which state it belongs to.',
      resolve: (organisation, _args, { store }) => store.followNullable('country', organisation.facts.country),
    }),
    location: t.string({
      nullable: true,
      description: 'City.',
      resolve: (organisation) => organisation.facts.location,
    }),
    parentOrganisation: t.field({
      type: OrganisationRef,
      nullable: true,
      resolve: (organisation, _args, { store }) =>
        store.followNullable('organisation', organisation.facts.parentOrganisation),
    }),
    areaServed: t.field({
      type: [CountryRef],
      description: 'Countries the organisation works in.',
      resolve: (organisation, _args, { store }) => store.followAll('country', organisation.facts.areaServed),
    }),
    areaServedSince: t.string({
      nullable: true,
      description: 'Since when it has worked there (ISO date, partial where the source is).',
      resolve: (organisation) => organisation.facts.areaServedSince,
    }),
    publications: t.field({
      type: [ReportRef],
      description: 'Reports it published.',
      resolve: (organisation, _args, { store }) => store.reportsPublishedBy(organisation),
    }),
  }),
});

builder.queryFields((t) => ({
  organisation: t.field({
    type: OrganisationRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, { store }) => store.get('organisation', slug) ?? null,
  }),
  allOrganisations: t.connection(
    {
      type: OrganisationRef,
      args: {
        kind: t.arg({ type: OrganisationKindEnum }),
        country: t.arg.string({ description: 'IOC code.' }),
      },
      resolve: (_root, { kind, country, ...args }, { store }) =>
        page(args, store.organisationsWhere({ kind, country: countryFilter(store, country) })),
    },
    { name: 'OrganisationConnection' },
    { name: 'OrganisationEdge' },
  ),
}));
