import { ATHLETE_ROLES, GENDERS } from '../graph/kinds.js';
import { countryFilter } from './arguments.js';
import { builder, page } from './builder.js';
import { AthleteRef, CountryRef, ParticipationRef, ResultRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

export const GenderEnum = builder.enumType('Gender', { values: GENDERS });
const AthleteRoleEnum = builder.enumType('AthleteRole', {
  description: 'COMPETITOR, or GUIDE for a sighted athlete who runs beside a visually impaired one.',
  values: ATHLETE_ROLES,
});

builder.node(AthleteRef, {
  ...nodeOptions('athlete'),
  description: 'A competitor or guide.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    gender: t.field({ type: GenderEnum, nullable: true, resolve: (athlete) => athlete.facts.gender }),
    country: t.field({
      type: CountryRef,
      nullable: true,
      resolve: (athlete, _args, { store }) => store.followNullable('country', athlete.facts.country),
    }),
    roles: t.field({ type: [AthleteRoleEnum], resolve: (athlete) => athlete.facts.role }),
    sports: t.stringList({ resolve: (athlete) => athlete.facts.sport }),
    classifications: t.stringList({
      description: 'Sport classes, e.g. "S6".',
      resolve: (athlete) => athlete.facts.classification,
    }),
    results: t.field({
      type: [ResultRef],
      description: "The athlete's own results.",
      resolve: (athlete, _args, { store }) => store.resultsOfAthlete(athlete),
    }),
    guidedResults: t.field({
      type: [ResultRef],
      description: 'Results of the athletes this one guided.',
      resolve: (athlete, _args, { store }) => store.resultsGuidedBy(athlete),
    }),
    participations: t.field({
      type: [ParticipationRef],
      resolve: (athlete, _args, { store }) => store.delegationsOfAthlete(athlete),
    }),
  }),
});

builder.queryFields((t) => ({
  athlete: t.field({
    type: AthleteRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, { store }) => store.get('athlete', slug) ?? null,
  }),
  allAthletes: t.connection(
    {
      type: AthleteRef,
      description: 'Every athlete and guide, by name.',
      args: {
        country: t.arg.string({ description: 'IOC code.' }),
        sport: t.arg.string({ description: 'Sport name, in any case: "swimming".' }),
        gender: t.arg({ type: GenderEnum }),
      },
      resolve: (_root, { country, sport, gender, ...args }, { store }) =>
        page(args, store.athletesWhere({ country: countryFilter(store, country), sport, gender })),
    },
    { name: 'AthleteConnection' },
    { name: 'AthleteEdge' },
  ),
}));
