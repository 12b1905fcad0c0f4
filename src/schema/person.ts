import { builder, page, pageTypes } from './builder.js';
import { CountryRef, OrganisationRef, PersonRef, ReportRef } from './refs.js';
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
    authored: t.field({
      type: [ReportRef],
      description: 'Reports the person wrote.',
      resolve: (person, _args, { store }) => store.reportsAuthoredBy(person),
    }),
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
      description: 'Every person who is neither athlete nor guide, by name.',
      resolve: (_root, args, { store }) => page(args, store.all('person')),
    },
    ...pageTypes('Person', 'people'),
  ),
}));
