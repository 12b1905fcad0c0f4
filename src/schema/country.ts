import { requireOneKey } from './arguments.js';
import { builder, page, pageTypes } from './builder.js';
import { GamesSeriesEnum } from './games.js';
import { MedalsType } from './medals.js';
import { AthleteRef, CountryRef, NpcRef, OrganisationRef, ParticipationRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

builder.node(CountryRef, {
  ...nodeOptions('country'),
  description: 'A state, with its IOC/IPC three-letter code.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    code: t.string({ description: 'The IOC code, e.g. "PRK".', resolve: (country) => country.facts.code }),
    capital: t.string({
      nullable: true,
      description: 'The capital city, where a source names it.',
      resolve: (country) => country.facts.capital,
    }),
    npc: t.field({
      type: NpcRef,
      nullable: true,
      description: "The country's National Paralympic Committee.",
      resolve: (country, _args, { store }) => store.npcsOf(country).at(0) ?? null,
    }),
    participations: t.field({
      type: [ParticipationRef],
      description: 'Every Games the sources list for the country, attended or not, oldest first.',
      args: { series: t.arg({ type: GamesSeriesEnum, description: 'Only Games of this series.' }) },
      resolve: (country, { series }, { store }) => store.participationsOf(country, series),
    }),
    medalTotals: t.field({
      type: MedalsType,
      description: 'Medals summed over the Paralympic Games the country attended.',
      resolve: (country, _args, { store }) => store.medalTotals(country),
    }),
    athletes: t.field({
      type: [AthleteRef],
      description: 'Athletes and guides who compete for the country, by name.',
      resolve: (country, _args, { store }) => store.athletesWhere({ country }),
    }),
    organisations: t.field({
      type: [OrganisationRef],
      description: 'Organisations based in the country.',
      resolve: (country, _args, { store }) => store.organisationsWhere({ country }),
    }),
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
      description: 'Every country, by name.',
      resolve: (_root, args, { store }) => page(args, store.all('country')),
    },
    ...pageTypes('Country', 'countries'),
  ),
}));
