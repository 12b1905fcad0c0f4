import { requireOneKey } from './arguments.js';
import { builder } from './builder.js';
import { listArguments } from './filters.js';
import { GamesSeriesEnum } from './games.js';
import { recordPage } from './lists.js';
import { MedalsType } from './medals.js';
import {
  AthleteConnection,
  AthleteRef,
  CountryConnection,
  CountryRef,
  NpcRef,
  OrganisationConnection,
  OrganisationRef,
  ParticipationRef,
} from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

builder.node(CountryRef, {
  ...nodeOptions('country'),
  description: 'A state, with its IOC/IPC three-letter code.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The IOC code, e.g. "PRK".' }),
    capital: t.exposeString('capital', {
      nullable: true,
      description: 'The capital city, where a source names it.',
    }),
    npc: t.field({
      type: NpcRef,
      nullable: true,
      description: "The country's National Paralympic Committee.",
      resolve: (country, _args, { store }) => store.npcsOf(country).at(0) ?? null,
    }),
    participations: t.field({
      type: [ParticipationRef],
      description:
        'Every Games the sources list for the country, attended or not, oldest first: a plain list, bounded by nature (one per edition of the Games). `allParticipations(where:)` filters and pages them.',
      args: { series: t.arg({ type: GamesSeriesEnum, description: 'Only Games of this series.' }) },
      resolve: (country, { series }, { store }) => store.participationsOf(country, series),
    }),
    medalTotals: t.field({
      type: MedalsType,
      description: 'Medals summed over the Paralympic Games the country attended.',
      resolve: (country, _args, { store }) => store.medalTotals(country),
    }),
    athletes: t.connection(
      {
        type: AthleteRef,
        description: 'Athletes and guides who compete for the country, by name unless ordered otherwise.',
        args: listArguments(t.arg, 'athlete'),
        resolve: (country, args, { store, budget }) =>
          recordPage({ store, budget }, 'athlete', args, store.athletesWhere({ country })),
      },
      AthleteConnection,
    ),
    organisations: t.connection(
      {
        type: OrganisationRef,
        description: 'Organisations based in the country, by name unless ordered otherwise.',
        args: listArguments(t.arg, 'organisation'),
        resolve: (country, args, { store, budget }) =>
          recordPage({ store, budget }, 'organisation', args, store.organisationsWhere({ country })),
      },
      OrganisationConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  country: t.field({
    type: CountryRef,
    nullable: true,
    description: 'A country by IOC code (any case) or slug.',
    args: {
      code: t.arg.string({ description: 'The IOC code, in any case: "PRK". Give this or `slug`.' }),
      slug: t.arg.string({ description: 'The slug: "north-korea". Give this or `code`.' }),
    },
    resolve: (_root, { code, slug }, { store }) => {
      requireOneKey('country', { code, slug });
      return (code != null ? store.countryByCode(code) : store.get('country', slug ?? '')) ?? null;
    },
  }),
  allCountries: t.connection(
    {
      type: CountryRef,
      description: 'Every country, by name unless ordered otherwise.',
      args: listArguments(t.arg, 'country'),
      resolve: (_root, args, { store, budget }) => recordPage({ store, budget }, 'country', args),
    },
    CountryConnection,
  ),
}));
