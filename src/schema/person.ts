import { builder, page } from './builder.js';
import { CountryRef, OrganisationRef, PersonRef, ReportRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

builder.node(PersonRef, {
  ...nodeOptions('person'),
  description: 'A person who is neither athlete nor guide: officials, rapporteurs, authors.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    jobTitles: t.stringList({ resolve: (person) => person.facts.jobTitle }),
    affiliations: t.field({
      type: [OrganisationRef],
      resolve: (person, _args, { store }) => store.followAll('organisation', person.facts.affiliation),
    }),
    nationality: t.field({
      type: CountryRef,
      nullable: true,
      resolve: (person, _args, { store }) => store.followNullable('country', person.facts.nationality),
    }),
    authored: t.field({
      type: [ReportRef],
      resolve: (person, _args, { store }) => store.reportsAuthoredBy(person),
    }),
  }),
});

builder.queryFields((t) => ({
  person: t.field({
    type: PersonRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, { store }) => store.get('person', slug) ?? null,
  }),
  allPeople: t.connection(
    {
      type: PersonRef,
      resolve: (_root, args, { store }) => page(args, store.all('person')),
    },
    { name: 'PersonConnection' },
    { name: 'PersonEdge' },
  ),
}));
