import { GAMES_SERIES, SEASONS } from '../graph/kinds.js';
import { deprecatedFilter } from './arguments.js';
import { builder, describedEnum } from './builder.js';
import { filterableEnum, listArguments } from './filters.js';
import { recordPage } from './lists.js';
import {
  CountryRef,
  EventConnection,
  EventRef,
  GamesConnection,
  GamesRef,
  ParticipationConnection,
  ParticipationRef,
} from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

export const SeasonEnum = filterableEnum(
  'Season',
  describedEnum('Season', 'Summer or Winter Games.', SEASONS, {
    SUMMER: 'The Summer Games.',
    WINTER: 'The Winter Games.',
  }),
);
export const GamesSeriesEnum = filterableEnum(
  'GamesSeries',
  describedEnum(
    'GamesSeries',
    'Which Games: the Paralympics, or the Olympics where the sources tell of them.',
    GAMES_SERIES,
    {
      PARALYMPIC_GAMES: 'The Paralympic Games.',
      OLYMPIC_GAMES: 'The Olympic Games, where a source tells of a country taking part in them.',
    },
  ),
);

builder.node(GamesRef, {
  ...nodeOptions('games'),
  description: 'One edition of the Games, attended by the country or not.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    series: t.expose('series', {
      type: GamesSeriesEnum,
      description: 'Paralympic or Olympic Games.',
    }),
    year: t.exposeInt('year', { description: 'The year the Games were held.' }),
    season: t.expose('season', { type: SeasonEnum, description: 'Summer or Winter.' }),
    edition: t.exposeInt('edition', {
      nullable: true,
      description: 'The ordinal of the edition within its season, e.g. 11 for "XI".',
    }),
    city: t.exposeString('city', { nullable: true, description: 'The host city.' }),
    hostCountry: t.field({
      type: CountryRef,
      nullable: true,
      description: 'The host country.',
      resolve: (games, _args, { store }) => store.followNullable('country', games.facts.hostCountry),
    }),
    startDate: t.expose('startDate', {
      type: 'PartialDate',
      nullable: true,
      description: 'The opening day, as precise as the source.',
    }),
    endDate: t.expose('endDate', {
      type: 'PartialDate',
      nullable: true,
      description: 'The closing day, as precise as the source.',
    }),
    venues: t.stringList({ description: 'Venues the sources name.', resolve: (games) => games.facts.venue }),
    events: t.connection(
      {
        type: EventRef,
        description: 'The events the sources give for these Games, by name unless ordered otherwise.',
        args: listArguments(t.arg, 'event'),
        resolve: (games, args, { store, budget }) =>
          recordPage({ store, budget }, 'event', args, store.eventsAt(games)),
      },
      EventConnection,
    ),
    participations: t.connection(
      {
        type: ParticipationRef,
        description:
          'The countries the sources place at these Games, attending or not, by country unless ordered otherwise.',
        args: listArguments(t.arg, 'delegation'),
        resolve: (games, args, { store, budget }) =>
          recordPage({ store, budget }, 'delegation', args, store.participationsAt(games)),
      },
      ParticipationConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  games: t.field({
    type: GamesRef,
    nullable: true,
    description: 'One edition of the Games by slug, e.g. "2012-summer-paralympics".',
    args: { slug: t.arg.string({ required: true, description: "The Games' slug." }) },
    resolve: (_root, { slug }, { store }) => store.get('games', slug) ?? null,
  }),
  allGames: t.connection(
    {
      type: GamesRef,
      description: 'Every edition of the Games, oldest first unless ordered otherwise.',
      args: {
        ...listArguments(t.arg, 'games'),
        season: t.arg({
          type: SeasonEnum,
          description: 'Only Games of this season.',
          deprecationReason: deprecatedFilter('season: { eq: WINTER }'),
        }),
        year: t.arg.int({
          description: 'Only Games held in this year.',
          deprecationReason: deprecatedFilter('year: { eq: 2012 }'),
        }),
        series: t.arg({
          type: GamesSeriesEnum,
          description: 'Only Games of this series.',
          deprecationReason: deprecatedFilter('series: { eq: PARALYMPIC_GAMES }'),
        }),
      },
      resolve: (_root, { season, year, series, ...args }, { store, budget }) =>
        recordPage(
          { store, budget },
          'games',
          args,
          season == null && year == null && series == null ? undefined : store.gamesWhere({ season, year, series }),
        ),
    },
    GamesConnection,
  ),
}));
