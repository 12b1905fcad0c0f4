import { RESULT_STATUSES, ROUNDS } from '../graph/kinds.js';
import { athleteFilter, deprecatedFilter, gamesFilter } from './arguments.js';
import { builder, describedEnum } from './builder.js';
import { filterableEnum, listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { AthleteRef, EventRef, GamesRef, ResultConnection, ResultRef } from './refs.js';
import { nodeOptions, SourcedRef } from './sourced.js';

const ResultStatusEnum = filterableEnum(
  'ResultStatus',
  describedEnum('ResultStatus', "How an athlete's race or attempt ended.", RESULT_STATUSES, {
    FINISHED: 'Finished, with a time, mark or rank.',
    DISQUALIFIED: 'Disqualified.',
    DID_NOT_START: 'Entered, but did not start.',
    DID_NOT_FINISH: 'Started, but did not finish.',
  }),
);
const RoundEnum = filterableEnum(
  'Round',
  describedEnum('Round', 'The round of an event a result belongs to.', ROUNDS, {
    HEATS: 'The heats (first round).',
    SEMIFINAL: 'A semifinal.',
    FINAL: 'The final.',
  }),
);

builder.node(ResultRef, {
  ...nodeOptions('result'),
  description:
    "One athlete's outcome in one event or heat. Each field shows the preferred value; `claims` holds every value the sources give.",
  interfaces: [SourcedRef],
  fields: (t) => ({
    slug: t.string({
      description: 'Readable, stable key: "rim-ju-song-2012-men-50m-freestyle-s6".',
      resolve: (result) => result.slug,
    }),
    athlete: t.field({
      type: AthleteRef,
      description: 'Whose result it is.',
      resolve: (result, _args, { store }) => store.follow('athlete', result.facts.athlete),
    }),
    event: t.field({
      type: EventRef,
      description: 'The event.',
      resolve: (result, _args, { store }) => store.follow('event', result.facts.event),
    }),
    games: t.field({
      type: GamesRef,
      description: "The event's Games.",
      resolve: (result, _args, { store }) =>
        store.follow('games', store.follow('event', result.facts.event).facts.games),
    }),
    guide: t.field({
      type: AthleteRef,
      nullable: true,
      description: 'The guide who ran or skied beside the athlete, for a visually impaired athlete.',
      resolve: (result, _args, { store }) => store.followNullable('athlete', result.facts.guide),
    }),
    round: t.expose('round', {
      type: RoundEnum,
      nullable: true,
      description: 'The round, where the event had several.',
    }),
    heat: t.exposeInt('heat', {
      nullable: true,
      description: 'The number of the heat within the round.',
    }),
    heatRank: t.exposeInt('heatRank', {
      nullable: true,
      description: 'Place within the heat.',
    }),
    time: t.exposeFloat('time', { nullable: true, description: 'Seconds.' }),
    mark: t.exposeFloat('mark', { nullable: true, description: 'Metres.' }),
    status: t.expose('status', {
      type: ResultStatusEnum,
      description: 'Finished, disqualified, did not start or did not finish.',
    }),
    rank: t.exposeInt('rank', {
      nullable: true,
      description: 'Place in the round (or the event where it has one round).',
    }),
    fieldSize: t.exposeInt('fieldSize', {
      nullable: true,
      description: 'How many took part in the round ranked.',
    }),
  }),
});

builder.queryFields((t) => ({
  result: t.field({
    type: ResultRef,
    nullable: true,
    description: 'A result by slug, e.g. "rim-ju-song-2012-men-50m-freestyle-s6"; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: "The result's slug." }) },
    resolve: (_root, { slug }, { store }) => store.get('result', slug) ?? null,
  }),
  allResults: t.connection(
    {
      type: ResultRef,
      description: 'Every result, by Games, event then rank unless ordered otherwise.',
      args: {
        ...listArguments(t.arg, 'result'),
        games: t.arg.string({
          description: 'Only results at the Games with this slug.',
          deprecationReason: deprecatedFilter('games: { slug: { eq: "2012-summer-paralympics" } }'),
        }),
        athlete: t.arg.string({
          description: 'Only results of the athlete with this slug.',
          deprecationReason: deprecatedFilter('athlete: { slug: { eq: "rim-ju-song" } }'),
        }),
        status: t.arg({
          type: ResultStatusEnum,
          description: 'Only results with this status.',
          deprecationReason: deprecatedFilter('status: { eq: FINISHED }'),
        }),
      },
      resolve: (_root, { games, athlete, status, ...args }, { store, budget }) =>
        recordPage(
          { store, budget },
          'result',
          args,
          games == null && athlete == null && status == null
            ? undefined
            : store.resultsWhere({ games: gamesFilter(store, games), athlete: athleteFilter(store, athlete), status }),
        ),
    },
    ResultConnection,
  ),
}));
