import { builder } from './builder.js';
import { listArguments } from './filters.js';
import { recordPage } from './lists.js';
import { CountryRef, OrganisationRef, PersonConnection, PersonRef, ReportConnection, ReportRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

builder.node(PersonRef, {
  ...nodeOptions('person'),
  description: 'A person who is neither athlete nor guide: officials, rapporteurs, authors.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    jobTitles: t.stringList({
      description: 'Positions held, as the sources name them: "United Nations special rapporteur on human rights".',
      resolve: (person) => person.facts.jobTitle,
    }),
    affiliations: t.field({
      type: [OrganisationRef],
      description: 'Organisations the person works for or belongs to.',
      resolve: (person, _args, { store }) => store.followAll('organisation', person.facts.affiliation),
    }),
    nationality: t.field({
      type: CountryRef,
      nullable: true,
      description: 'The country of which the person is a national, where a source states it.',
      resolve: (person, _args, { store }) => store.followNullable('country', person.facts.nationality),
    }),
    authored: t.connection(
      {
        type: ReportRef,
        description: 'Reports the person wrote, oldest first unless ordered otherwise.',
        args: listArguments(t.arg, 'report'),
        resolve: (person, args, { store, budget }) =>
          recordPage({ store, budget }, 'report', args, store.reportsAuthoredBy(person)),
      },
      ReportConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  person: t.field({
    type: PersonRef,
    nullable: true,
    description: 'A person who is neither athlete nor guide, by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: "The person's slug." }) },
    resolve: (_root, { slug }, { store }) => store.get('person', slug) ?? null,
  }),
  allPeople: t.connection(
    {
      type: PersonRef,
      description: 'Every person who is neither athlete nor guide, by name unless ordered otherwise.',
      args: listArguments(t.arg, 'person'),
      resolve: (_root, args, { store, budget }) => recordPage({ store, budget }, 'person', args),
    },
    PersonConnection,
  ),
}));
