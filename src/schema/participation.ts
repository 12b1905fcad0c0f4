import { createGraphQLError } from 'graphql-yoga';
import { countryFilter, gamesFilter } from './arguments.js';
import { builder, page } from './builder.js';
import { MedalsType } from './medals.js';
import { AthleteRef, CountryRef, GamesRef, NpcRef, ParticipationRef, PersonRef } from './refs.js';
import { nodeOptions, SourcedRef } from './sourced.js';

builder.node(ParticipationRef, {
  ...nodeOptions('delegation'),
  description: 'One country at one Games (its delegation): whether it took part, who went, what they won.',
  interfaces: [SourcedRef],
  fields: (t) => ({
    slug: t.string({ resolve: (delegation) => delegation.slug }),
    games: t.field({
      type: GamesRef,
      resolve: (delegation, _args, { store }) => store.follow('games', delegation.facts.games),
    }),
    country: t.field({
      type: CountryRef,
      resolve: (delegation, _args, { store }) => store.follow('country', delegation.facts.country),
    }),
    npc: t.field({
      type: NpcRef,
      nullable: true,
      resolve: (delegation, _args, { store }) => store.followNullable('npc', delegation.facts.npc),
    }),
    participated: t.boolean({
      description: 'False where the sources say the country did not take part (a "–" in a medal table).',
      resolve: (delegation) => delegation.facts.participated,
    }),
    competitors: t.int({ nullable: true, resolve: (delegation) => delegation.facts.competitors }),
    sports: t.int({
      nullable: true,
      description: 'How many sports the delegation entered.',
      resolve: (delegation) => delegation.facts.sports,
    }),
    officials: t.int({ nullable: true, resolve: (delegation) => delegation.facts.officials }),
    delegationSize: t.int({
      nullable: true,
      description: 'Everyone sent, athletes or not, where a source counts them.',
      resolve: (delegation) => delegation.facts.delegationSize,
    }),
    flagbearer: t.field({
      type: AthleteRef,
      nullable: true,
      resolve: (delegation, _args, { store }) => store.followNullable('athlete', delegation.facts.flagbearer),
    }),
    athletes: t.field({
      type: [AthleteRef],
      description: 'Competitors and guides.',
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
    args: { slug: t.arg.string(), country: t.arg.string(), games: t.arg.string() },
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
      description: 'Every participation, by Games then country.',
      args: {
        country: t.arg.string({ description: 'IOC code.' }),
        games: t.arg.string({ description: 'Games slug.' }),
        participated: t.arg.boolean(),
      },
      resolve: (_root, { country, games, participated, ...args }, { store }) =>
        page(
          args,
          store.participationsWhere({
            country: countryFilter(store, country),
            games: gamesFilter(store, games),
            participated,
          }),
        ),
    },
    { name: 'ParticipationConnection' },
    { name: 'ParticipationEdge' },
  ),
}));
