import { ATHLETE_ROLES, GENDERS } from '../graph/kinds.js';
import { countryFilter } from './arguments.js';
import { builder, describedEnum, page, pageTypes } from './builder.js';
import { AthleteRef, CountryRef, ParticipationRef, ResultRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

export const GenderEnum = describedEnum('Gender', "An athlete's gender, as the sources state it.", GENDERS, {
  MALE: 'Male.',
  FEMALE: 'Female.',
});
const AthleteRoleEnum = describedEnum('AthleteRole', 'What an athlete does at the Games.', ATHLETE_ROLES, {
  COMPETITOR: 'Competes in events.',
  GUIDE: 'A sighted athlete who runs or skis beside a visually impaired one.',
});

builder.node(AthleteRef, {
  ...nodeOptions('athlete'),
  description: 'A competitor or guide.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    gender: t.field({
      type: GenderEnum,
      nullable: true,
      description: 'Null where no source states it.',
      resolve: (athlete) => athlete.facts.gender,
    }),
    country: t.field({
      type: CountryRef,
      nullable: true,
      description: 'The country the athlete competes for.',
      resolve: (athlete, _args, { store }) => store.followNullable('country', athlete.facts.country),
    }),
    roles: t.field({
      type: [AthleteRoleEnum],
      description: 'Competitor, guide, or both.',
      resolve: (athlete) => athlete.facts.role,
    }),
    sports: t.stringList({
      description: 'Sports, as named in the sources: "Swimming".',
      resolve: (athlete) => athlete.facts.sport,
    }),
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
      description: 'The delegations the athlete was part of, oldest first.',
      resolve: (athlete, _args, { store }) => store.delegationsOfAthlete(athlete),
    }),
  }),
});

builder.queryFields((t) => ({
  athlete: t.field({
    type: AthleteRef,
    nullable: true,
    description: 'An athlete or guide by slug, e.g. "rim-ju-song"; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: "The athlete's slug." }) },
    resolve: (_root, { slug }, { store }) => store.get('athlete', slug) ?? null,
  }),
  allAthletes: t.connection(
    {
      type: AthleteRef,
      description: 'Every athlete and guide, by name.',
      args: {
        country: t.arg.string({ description: 'Only athletes of the country with this IOC code: "PRK".' }),
        sport: t.arg.string({ description: 'Only athletes of this sport, named in any case: "swimming".' }),
        gender: t.arg({ type: GenderEnum, description: 'Only athletes of this gender.' }),
      },
      resolve: (_root, { country, sport, gender, ...args }, { store }) =>
        page(args, store.athletesWhere({ country: countryFilter(store, country), sport, gender })),
    },
    ...pageTypes('Athlete', 'athletes'),
  ),
}));
