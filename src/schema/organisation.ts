import { ORGANISATION_KINDS } from '../graph/kinds.js';
import { countryFilter, deprecatedFilter } from './arguments.js';
import { builder, describedEnum } from './builder.js';
import { filterableEnum, listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { CountryRef, OrganisationConnection, OrganisationRef, ReportConnection, ReportRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const OrganisationKindEnum = filterableEnum(
  'OrganisationKind',
  describedEnum('OrganisationKind', 'What kind of body an organisation is.', ORGANISATION_KINDS, {
    SPORTS: 'A sports body: a federation, a committee, the IPC.',
    NGO: 'A non-governmental organisation.',
    GOVERNMENT: 'A government, ministry or state agency.',
    INTERGOVERNMENTAL: 'An intergovernmental body: a United Nations body or agency.',
    NEWS_MEDIA: 'A news agency, newspaper or broadcaster.',
    EMBASSY: 'An embassy.',
    CENTRE: 'A centre: a rehabilitation, cultural or sports centre.',
  }),
);

builder.node(OrganisationRef, {
  ...nodeOptions('organisation'),
  description: 'Any other body: sports bodies, NGOs, governments, UN bodies, news media, embassies, centres.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    kind: t.field({
      type: OrganisationKindEnum,
      description: 'What kind of body it is.',
      resolve: (organisation) => organisation.facts.organisationKind,
    }),
    country: t.field({
      type: CountryRef,
      nullable: true,
      description: 'Where the organisation is based or which state it belongs to.',
      resolve: (organisation, _args, { store }) => store.followNullable('country', organisation.facts.country),
    }),
    location: t.exposeString('location', {
      nullable: true,
      description: 'City.',
    }),
    parentOrganisation: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'The larger body it is part of.',
      resolve: (organisation, _args, { store }) =>
        store.followNullable('organisation', organisation.facts.parentOrganisation),
    }),
    areaServed: t.field({
      type: [CountryRef],
      description: 'Countries the organisation works in.',
      resolve: (organisation, _args, { store }) => store.followAll('country', organisation.facts.areaServed),
    }),
    areaServedSince: t.expose('areaServedSince', {
      type: 'PartialDate',
      nullable: true,
      description: 'Since when it has worked there, as precise as the source.',
    }),
    publications: t.connection(
      {
        type: ReportRef,
        description: 'Reports it published, oldest first unless ordered otherwise.',
        args: listArguments(t.arg, 'report'),
        resolve: (organisation, args, { store, budget }) =>
          recordPage({ store, budget }, 'report', args, store.reportsPublishedBy(organisation)),
      },
      ReportConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  organisation: t.field({
    type: OrganisationRef,
    nullable: true,
    description: 'An organisation by slug, e.g. "international-paralympic-committee"; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: "The organisation's slug." }) },
    resolve: (_root, { slug }, { store }) => store.get('organisation', slug) ?? null,
  }),
  allOrganisations: t.connection(
    {
      type: OrganisationRef,
      description: 'Every organisation, by name unless ordered otherwise.',
      args: {
        ...listArguments(t.arg, 'organisation'),
        kind: t.arg({
          type: OrganisationKindEnum,
          description: 'Only organisations of this kind.',
          deprecationReason: deprecatedFilter('kind: { eq: NGO }'),
        }),
        country: t.arg.string({
          description: 'Only organisations based in the country with this IOC code: "PRK".',
          deprecationReason: deprecatedFilter('country: { code: { eq: "PRK" } }'),
        }),
      },
      resolve: (_root, { kind, country, ...args }, { store, budget }) =>
        recordPage(
          { store, budget },
          'organisation',
          args,
          kind == null && country == null
            ? undefined
            : store.organisationsWhere({ kind, country: countryFilter(store, country) }),
        ),
    },
    OrganisationConnection,
  ),
}));
