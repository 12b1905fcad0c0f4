import { ATHLETE_ROLES, GENDERS } from '../graph/kinds.js';
import { countryFilter, deprecatedFilter } from './arguments.js';
import { builder, describedEnum } from './builder.js';
import { filterableEnum, listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { AthleteConnection, AthleteRef, CountryRef, ParticipationRef, ResultConnection, ResultRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

export const GenderEnum = filterableEnum(
  'Gender',
  describedEnum('Gender', "An athlete's gender, as the sources state it.", GENDERS, {
    MALE: 'Male.',
    FEMALE: 'Female.',
  }),
);
const AthleteRoleEnum = filterableEnum(
  'AthleteRole',
  describedEnum('AthleteRole', 'What an athlete does at the Games.', ATHLETE_ROLES, {
    COMPETITOR: 'Competes in events.',
    GUIDE: 'A sighted athlete who runs or skis beside a visually impaired one.',
  }),
);

builder.node(AthleteRef, {
  ...nodeOptions('athlete'),
  description: 'A competitor or guide.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    gender: t.expose('gender', {
      type: GenderEnum,
      nullable: true,
      description: 'Null where no source states it.',
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
    results: t.connection(
      {
        type: ResultRef,
        description: "The athlete's own results, by Games, event and rank unless ordered otherwise.",
        args: listArguments(t.arg, 'result'),
        resolve: (athlete, args, { store, budget }) =>
          recordPage({ store, budget }, 'result', args, store.resultsOfAthlete(athlete)),
      },
      ResultConnection,
    ),
    guidedResults: t.connection(
      {
        type: ResultRef,
        description: 'Results of the athletes this one guided, by Games, event and rank unless ordered otherwise.',
        args: listArguments(t.arg, 'result'),
        resolve: (athlete, args, { store, budget }) =>
          recordPage({ store, budget }, 'result', args, store.resultsGuidedBy(athlete)),
      },
      ResultConnection,
    ),
    participations: t.field({
      type: [ParticipationRef],
      description:
        'The delegations the athlete was part of, oldest first: a plain list, bounded by nature (one per Games of a career).',
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
      description: 'Every athlete and guide, by name unless ordered otherwise.',
      args: {
        ...listArguments(t.arg, 'athlete'),
        country: t.arg.string({
          description: 'Only athletes of the country with this IOC code: "PRK".',
          deprecationReason: deprecatedFilter('country: { code: { eq: "PRK" } }'),
        }),
        sport: t.arg.string({
          description: 'Only athletes of this sport, named in any case: "swimming".',
          deprecationReason: deprecatedFilter('sports: { some: { eq: "Swimming" } }'),
        }),
        gender: t.arg({
          type: GenderEnum,
          description: 'Only athletes of this gender.',
          deprecationReason: deprecatedFilter('gender: { eq: FEMALE }'),
        }),
      },
      resolve: (_root, { country, sport, gender, ...args }, { store, budget }) =>
        recordPage(
          { store, budget },
          'athlete',
          args,
          country == null && sport == null && gender == null
            ? undefined
            : store.athletesWhere({ country: countryFilter(store, country), sport, gender }),
        ),
    },
    AthleteConnection,
  ),
}));
