import { GAMES_SERIES, SEASONS } from '../graph/kinds.js';
import { builder, page } from './builder.js';
import { CountryRef, EventRef, GamesRef, ParticipationRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

export const SeasonEnum = builder.enumType('Season', { values: SEASONS });
export const GamesSeriesEnum = builder.enumType('GamesSeries', {
  description: 'Which Games: the Paralympics, or the Olympics where the sources tell of them.',
  values: GAMES_SERIES,
});

builder.node(GamesRef, {
  ...nodeOptions('games'),
  description: 'One edition of the Games, attended by the country or not.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    series: t.field({ type: GamesSeriesEnum, resolve: (games) => games.facts.series }),
    year: t.int({ resolve: (games) => games.facts.year }),
    season: t.field({ type: SeasonEnum, resolve: (games) => games.facts.season }),
    edition: t.int({
      nullable: true,
      description: 'The ordinal of the edition within its season, e.g. 11 for "XI".',
      resolve: (games) => games.facts.edition,
    }),
    city: t.string({ nullable: true, resolve: (games) => games.facts.city }),
    hostCountry: t.field({
      type: CountryRef,
      nullable: true,
      resolve: (games, _args, { store }) => store.followNullable('country', games.facts.hostCountry),
    }),
    startDate: t.string({
      nullable: true,
      description: 'ISO date, partial where the source is.',
      resolve: (games) => games.facts.startDate,
    }),
    endDate: t.string({
      nullable: true,
      description: 'ISO date, partial where the source is.',
      resolve: (games) => games.facts.endDate,
    }),
    venues: t.stringList({ resolve: (games) => games.facts.venue }),
    events: t.field({ type: [EventRef], resolve: (games, _args, { store }) => store.eventsAt(games) }),
    participations: t.field({
      type: [ParticipationRef],
      description: 'The countries the sources place at these Games, attending or not.',
      resolve: (games, _args, { store }) => store.participationsAt(games),
    }),
  }),
});

builder.queryFields((t) => ({
  games: t.field({
    type: GamesRef,
    nullable: true,
    description: 'One edition of the Games by slug, e.g. "2012-summer-paralympics".',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, { store }) => store.get('games', slug) ?? null,
  }),
  allGames: t.connection(
    {
      type: GamesRef,
      description: 'Every edition of the Games, oldest first.',
      args: {
        season: t.arg({ type: SeasonEnum }),
        year: t.arg.int(),
        series: t.arg({ type: GamesSeriesEnum }),
      },
      resolve: (_root, { season, year, series, ...args }, { store }) =>
        page(args, store.gamesWhere({ season, year, series })),
    },
    { name: 'GamesConnection' },
    { name: 'GamesEdge' },
  ),
}));
