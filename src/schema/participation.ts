import { createGraphQLError } from 'graphql-yoga';
import { countryFilter, deprecatedFilter, gamesFilter } from './arguments.js';
import { builder } from './builder.js';
import { listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { MedalsType } from './medals.js';
import {
  AthleteRef,
  CountryRef,
  GamesRef,
  NpcRef,
  ParticipationConnection,
  ParticipationRef,
  PersonRef,
} from './refs.js';
import { nodeOptions, SourcedRef } from './sourced.js';

builder.node(ParticipationRef, {
  ...nodeOptions('delegation'),
  description: 'One country at one Games (its delegation): whether it took part, who went, what they won.',
  interfaces: [SourcedRef],
  fields: (t) => ({
    slug: t.string({
      description: 'Readable, stable key: "north-korea-2012-summer-paralympics".',
      resolve: (delegation) => delegation.slug,
    }),
    games: t.field({
      type: GamesRef,
      description: 'The Games.',
      resolve: (delegation, _args, { store }) => store.follow('games', delegation.facts.games),
    }),
    country: t.field({
      type: CountryRef,
      description: 'The country.',
      resolve: (delegation, _args, { store }) => store.follow('country', delegation.facts.country),
    }),
    npc: t.field({
      type: NpcRef,
      nullable: true,
      description: 'The National Paralympic Committee that sent the delegation, where a source names it.',
      resolve: (delegation, _args, { store }) => store.followNullable('npc', delegation.facts.npc),
    }),
    participated: t.exposeBoolean('participated', {
      description: 'False where the sources say the country did not take part (a "–" in a medal table).',
    }),
    competitors: t.exposeInt('competitors', {
      nullable: true,
      description: 'How many athletes competed, where a source counts them.',
    }),
    sports: t.exposeInt('sports', {
      nullable: true,
      description: 'How many sports the delegation entered.',
    }),
    officials: t.exposeInt('officials', {
      nullable: true,
      description: 'How many officials went, where a source counts them.',
    }),
    delegationSize: t.exposeInt('delegationSize', {
      nullable: true,
      description: 'Everyone sent, athletes or not, where a source counts them.',
    }),
    flagbearer: t.field({
      type: AthleteRef,
      nullable: true,
      description: 'Who carried the flag at the opening ceremony, where a source names them.',
      resolve: (delegation, _args, { store }) => store.followNullable('athlete', delegation.facts.flagbearer),
    }),
    athletes: t.field({
      type: [AthleteRef],
      description: "Competitors and guides: a plain list, the delegation's own (bounded by its record).",
      resolve: (delegation, _args, { store }) => store.followAll('athlete', delegation.facts.athlete),
    }),
    members: t.field({
      type: [PersonRef],
      description: 'Other named members of the delegation.',
      resolve: (delegation, _args, { store }) => store.followAll('person', delegation.facts.member),
    }),
    medals: t.field({
      type: MedalsType,
      nullable: true,
      description: 'Null where the country did not take part, or no source counts its medals.',
      resolve: (delegation, _args, { store }) => store.medalsOf(delegation),
    }),
  }),
});

builder.queryFields((t) => ({
  participation: t.field({
    type: ParticipationRef,
    nullable: true,
    description: 'One participation, by slug, or by country code and Games slug together.',
    args: {
      slug: t.arg.string({ description: 'The slug: "north-korea-2012-summer-paralympics". Give this alone.' }),
      country: t.arg.string({ description: 'The IOC code of the country, with `games`.' }),
      games: t.arg.string({ description: 'The slug of the Games, with `country`.' }),
    },
    resolve: (_root, { slug, country, games }, { store }) => {
      if (slug != null && country == null && games == null) return store.get('delegation', slug) ?? null;
      if (slug == null && country != null && games != null) {
        const [atCountry, atGames] = [store.countryByCode(country), store.get('games', games)];
        return atCountry && atGames ? (store.participationOf(atCountry, atGames) ?? null) : null;
      }
      throw createGraphQLError('participation takes either slug, or country and games together.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    },
  }),
  allParticipations: t.connection(
    {
      type: ParticipationRef,
      description: 'Every participation, by Games then country unless ordered otherwise.',
      args: {
        ...listArguments(t.arg, 'delegation'),
        country: t.arg.string({
          description: 'Only participations of the country with this IOC code: "PRK".',
          deprecationReason: deprecatedFilter('country: { code: { eq: "PRK" } }'),
        }),
        games: t.arg.string({
          description: 'Only participations at the Games with this slug.',
          deprecationReason: deprecatedFilter('games: { slug: { eq: "2012-summer-paralympics" } }'),
        }),
        participated: t.arg.boolean({
          description: 'Only those where the country took part (true) or did not (false).',
          deprecationReason: deprecatedFilter('participated: { eq: true }'),
        }),
      },
      resolve: (_root, { country, games, participated, ...args }, { store, budget }) =>
        recordPage(
          { store, budget },
          'delegation',
          args,
          country == null && games == null && participated == null
            ? undefined
            : store.participationsWhere({
                country: countryFilter(store, country),
                games: gamesFilter(store, games),
                participated,
              }),
        ),
    },
    ParticipationConnection,
  ),
}));
