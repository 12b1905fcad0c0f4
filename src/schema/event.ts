import { EVENT_GENDERS } from '../graph/kinds.js';
import { gamesFilter } from './arguments.js';
import { builder, page } from './builder.js';
import { EventRef, GamesRef, ResultRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const EventGenderEnum = builder.enumType('EventGender', { values: EVENT_GENDERS });

builder.node(EventRef, {
  ...nodeOptions('event'),
  description: "A medal event at one Games, e.g. Men's 50m freestyle S6 at London 2012.",
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    sport: t.string({ resolve: (event) => event.facts.sport }),
    discipline: t.string({ nullable: true, resolve: (event) => event.facts.discipline }),
    classification: t.string({
      nullable: true,
      description: 'Sport class, e.g. "S6" or "F56-57".',
      resolve: (event) => event.facts.classification,
    }),
    gender: t.field({ type: EventGenderEnum, nullable: true, resolve: (event) => event.facts.gender }),
    games: t.field({ type: GamesRef, resolve: (event, _args, { store }) => store.follow('games', event.facts.games) }),
    results: t.field({
      type: [ResultRef],
      description: 'Results the sources give, best rank first.',
      resolve: (event, _args, { store }) => store.resultsOf(event),
    }),
  }),
});

builder.queryFields((t) => ({
  event: t.field({
    type: EventRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, { store }) => store.get('event', slug) ?? null,
  }),
  allEvents: t.connection(
    {
      type: EventRef,
      args: {
        games: t.arg.string({ description: 'Games slug.' }),
        sport: t.arg.string({ description: 'Sport name, in any case.' }),
      },
      resolve: (_root, { games, sport, ...args }, { store }) =>
        page(args, store.eventsWhere({ games: gamesFilter(store, games), sport })),
    },
    { name: 'EventConnection' },
    { name: 'EventEdge' },
  ),
}));
