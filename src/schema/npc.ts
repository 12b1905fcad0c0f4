import { IPC_MEMBERSHIP_STATUSES } from '../graph/kinds.js';
import type { Npc } from '../graph/model.js';
import { requireOneKey } from './arguments.js';
import { builder, describedEnum } from './builder.js';
import { filterableEnum, listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { CountryRef, NpcConnection, NpcRef, OrganisationRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const IpcMembershipStatusEnum = filterableEnum(
  'IpcMembershipStatus',
  describedEnum(
    'IpcMembershipStatus',
    "An NPC's standing in the International Paralympic Committee.",
    IPC_MEMBERSHIP_STATUSES,
    {
      PROVISIONAL: 'A provisional member.',
      FULL: 'A full member.',
      SUSPENDED: 'A member whose membership is suspended.',
    },
  ),
);

const IpcMembershipType = builder.objectRef<Npc>('IpcMembership').implement({
  description: "An NPC's membership of the International Paralympic Committee.",
  fields: (t) => ({
    status: t.field({
      type: IpcMembershipStatusEnum,
      nullable: true,
      description: 'Provisional, full or suspended; null where no source states it.',
      resolve: (npc) => npc.facts.ipcMembershipStatus,
    }),
    since: t.field({
      type: 'PartialDate',
      nullable: true,
      description: 'Since when, as precise as the source: "2012-03".',
      resolve: (npc) => npc.facts.ipcMemberSince,
    }),
  }),
});

builder.node(NpcRef, {
  ...nodeOptions('npc'),
  description: 'A National Paralympic Committee.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The committee\'s three-letter code: "PRK".' }),
    country: t.field({
      type: CountryRef,
      description: 'The country the committee serves.',
      resolve: (npc, _args, { store }) => store.follow('country', npc.facts.country),
    }),
    memberOf: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'The international body the committee is a member of: the International Paralympic Committee.',
      resolve: (npc, _args, { store }) => store.followNullable('organisation', npc.facts.memberOf),
    }),
    ipcMembership: t.field({
      type: IpcMembershipType,
      nullable: true,
      description: 'Its membership of the International Paralympic Committee; null where no source tells of it.',
      resolve: (npc) => (npc.facts.ipcMembershipStatus === null && npc.facts.ipcMemberSince === null ? null : npc),
    }),
  }),
});

builder.queryFields((t) => ({
  npc: t.field({
    type: NpcRef,
    nullable: true,
    description: 'A National Paralympic Committee by code (any case) or slug.',
    args: {
      code: t.arg.string({ description: 'The committee\'s code, in any case: "PRK". Give this or `slug`.' }),
      slug: t.arg.string({ description: 'The slug. Give this or `code`.' }),
    },
    resolve: (_root, { code, slug }, { store }) => {
      requireOneKey('npc', { code, slug });
      return (code != null ? store.npcByCode(code) : store.get('npc', slug ?? '')) ?? null;
    },
  }),
  allNpcs: t.connection(
    {
      type: NpcRef,
      description: 'Every National Paralympic Committee, by name unless ordered otherwise.',
      args: listArguments(t.arg, 'npc'),
      resolve: (_root, args, { store, budget }) => recordPage({ store, budget }, 'npc', args),
    },
    NpcConnection,
  ),
}));
