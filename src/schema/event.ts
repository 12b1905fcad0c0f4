import { EVENT_GENDERS } from '../graph/kinds.js';
import { deprecatedFilter, gamesFilter } from './arguments.js';
import { builder, describedEnum } from './builder.js';
import { filterableEnum, listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { EventConnection, EventRef, GamesRef, ResultConnection, ResultRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const EventGenderEnum = filterableEnum(
  'EventGender',
  describedEnum('EventGender', 'Who an event is for.', EVENT_GENDERS, {
    MALE: "Men's event.",
    FEMALE: "Women's event.",
    MIXED: 'Mixed event, open to men and women.',
  }),
);

builder.node(EventRef, {
  ...nodeOptions('event'),
  description: "A medal event at one Games, e.g. Men's 50m freestyle S6 at London 2012.",
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    sport: t.exposeString('sport', {
      description: 'The sport, as the sources name it: "Swimming".',
    }),
    discipline: t.exposeString('discipline', {
      nullable: true,
      description: 'The discipline within the sport, where one is named: "Freestyle".',
    }),
    classification: t.exposeString('classification', {
      nullable: true,
      description: 'Sport class, e.g. "S6" or "F56-57".',
    }),
    gender: t.expose('gender', {
      type: EventGenderEnum,
      nullable: true,
      description: "Men's, women's or mixed; null where no source states it.",
    }),
    games: t.field({
      type: GamesRef,
      description: 'The Games the event was held at.',
      resolve: (event, _args, { store }) => store.follow('games', event.facts.games),
    }),
    results: t.connection(
      {
        type: ResultRef,
        description: 'Results the sources give, best rank first unless ordered otherwise.',
        args: listArguments(t.arg, 'result'),
        resolve: (event, args, { store, budget }) =>
          recordPage({ store, budget }, 'result', args, store.resultsOf(event)),
      },
      ResultConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  event: t.field({
    type: EventRef,
    nullable: true,
    description: 'An event by slug, e.g. "2012-men-50m-freestyle-s6"; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: "The event's slug." }) },
    resolve: (_root, { slug }, { store }) => store.get('event', slug) ?? null,
  }),
  allEvents: t.connection(
    {
      type: EventRef,
      description: 'Every event, by Games then name unless ordered otherwise.',
      args: {
        ...listArguments(t.arg, 'event'),
        games: t.arg.string({
          description: 'Only events of the Games with this slug: "2012-summer-paralympics".',
          deprecationReason: deprecatedFilter('games: { slug: { eq: "2012-summer-paralympics" } }'),
        }),
        sport: t.arg.string({
          description: 'Only events of this sport, named in any case: "swimming".',
          deprecationReason: deprecatedFilter('sport: { eq: "Swimming" }'),
        }),
      },
      resolve: (_root, { games, sport, ...args }, { store, budget }) =>
        recordPage(
          { store, budget },
          'event',
          args,
          games == null && sport == null ? undefined : store.eventsWhere({ games: gamesFilter(store, games), sport }),
        ),
    },
    EventConnection,
  ),
}));
