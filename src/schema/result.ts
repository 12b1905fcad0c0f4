import { RESULT_STATUSES, ROUNDS } from '../graph/kinds.js';
import { athleteFilter, gamesFilter } from './arguments.js';
import { builder, page } from './builder.js';
import { AthleteRef, EventRef, GamesRef, ResultRef } from './refs.js';
import { nodeOptions, SourcedRef } from './sourced.js';

const ResultStatusEnum = builder.enumType('ResultStatus', { values: RESULT_STATUSES });
const RoundEnum = builder.enumType('Round', { values: ROUNDS });

builder.node(ResultRef, {
  ...nodeOptions('result'),
  description:
    "One athlete's outcome in one event or heat. Each field shows the preferred value; `claims` holds every value the sources give.",
  interfaces: [SourcedRef],
  fields: (t) => ({
    slug: t.string({ resolve: (result) => result.slug }),
    athlete: t.field({
      type: AthleteRef,
      resolve: (result, _args, { store }) => store.follow('athlete', result.facts.athlete),
    }),
    event: t.field({
      type: EventRef,
      resolve: (result, _args, { store }) => store.follow('event', result.facts.event),
    }),
    games: t.field({
      type: GamesRef,
      resolve: (result, _args, { store }) =>
        store.follow('games', store.follow('event', result.facts.event).facts.games),
    }),
    guide: t.field({
      type: AthleteRef,
      nullable: true,
      resolve: (result, _args, { store }) => store.followNullable('athlete', result.facts.guide),
    }),
    round: t.field({ type: RoundEnum, nullable: true, resolve: (result) => result.facts.round }),
    heat: t.int({ nullable: true, resolve: (result) => result.facts.heat }),
    heatRank: t.int({
      nullable: true,
      description: 'Place within the heat.',
      resolve: (result) => result.facts.heatRank,
    }),
    time: t.float({ nullable: true, description: 'Seconds.', resolve: (result) => result.facts.time }),
    mark: t.float({ nullable: true, description: 'Metres.', resolve: (result) => result.facts.mark }),
    status: t.field({ type: ResultStatusEnum, resolve: (result) => result.facts.status }),
    rank: t.int({
      nullable: true,
      description: 'Place in the round (or the event where it has one round).',
      resolve: (result) => result.facts.rank,
    }),
    fieldSize: t.int({
      nullable: true,
      description: 'How many took part in the round ranked.',
      resolve: (result) => result.facts.fieldSize,
    }),
  }),
});

builder.queryFields((t) => ({
  result: t.field({
    type: ResultRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, { store }) => store.get('result', slug) ?? null,
  }),
  allResults: t.connection(
    {
      type: ResultRef,
      description: 'Every result, by event then rank.',
      args: {
        games: t.arg.string({ description: 'Games slug.' }),
        athlete: t.arg.string({ description: 'Athlete slug.' }),
        status: t.arg({ type: ResultStatusEnum }),
      },
      resolve: (_root, { games, athlete, status, ...args }, { store }) =>
        page(
          args,
          store.resultsWhere({
            games: gamesFilter(store, games),
            athlete: athleteFilter(store, athlete),
            status,
          }),
        ),
    },
    { name: 'ResultConnection' },
    { name: 'ResultEdge' },
  ),
}));
