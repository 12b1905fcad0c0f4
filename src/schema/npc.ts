import { IPC_MEMBERSHIP_STATUSES } from '../graph/kinds.js';
import type { Npc } from '../graph/model.js';
import { requireOneKey } from './arguments.js';
import { builder, page } from './builder.js';
import { CountryRef, NpcRef, OrganisationRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const IpcMembershipStatusEnum = builder.enumType('IpcMembershipStatus', { values: IPC_MEMBERSHIP_STATUSES });

const IpcMembershipType = builder.objectRef<Npc>('IpcMembership').implement({
  description: "An NPC's membership of the International Paralympic Committee.",
  fields: (t) => ({
    status: t.field({ type: IpcMembershipStatusEnum, nullable: true, resolve: (npc) => npc.facts.ipcMembershipStatus }),
    since: t.string({
      nullable: true,
      description: 'ISO date, as precise as the source: "2012-03".',
      resolve: (npc) => npc.facts.ipcMemberSince,
    }),
  }),
});

builder.node(NpcRef, {
  ...nodeOptions('npc'),
  description: 'A National Paralympic Committee.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    code: t.string({ resolve: (npc) => npc.facts.code }),
    country: t.field({
      type: CountryRef,
      resolve: (npc, _args, { store }) => store.follow('country', npc.facts.country),
    }),
    memberOf: t.field({
      type: OrganisationRef,
      nullable: true,
      resolve: (npc, _args, { store }) => store.followNullable('organisation', npc.facts.memberOf),
    }),
    ipcMembership: t.field({
      type: IpcMembershipType,
      nullable: true,
      resolve: (npc) => (npc.facts.ipcMembershipStatus === null && npc.facts.ipcMemberSince === null ? null : npc),
    }),
  }),
});

builder.queryFields((t) => ({
  npc: t.field({
    type: NpcRef,
    nullable: true,
    description: 'A National Paralympic Committee by code (any case) or slug.',
    args: { code: t.arg.string(), slug: t.arg.string() },
    resolve: (_root, { code, slug }, { store }) => {
      requireOneKey('npc', { code, slug });
      return (code != null ? store.npcByCode(code) : store.get('npc', slug ?? '')) ?? null;
    },
  }),
  allNpcs: t.connection(
    {
      type: NpcRef,
      resolve: (_root, args, { store }) => page(args, store.all('npc')),
    },
    { name: 'NPCConnection' },
    { name: 'NPCEdge' },
  ),
}));
