import { REPORT_KINDS } from '../graph/kinds.js';
import { builder, page } from './builder.js';
import { OrganisationRef, ReportRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const ReportKindEnum = builder.enumType('ReportKind', { values: REPORT_KINDS });

builder.node(ReportRef, {
  ...nodeOptions('report'),
  description:
    'A source document: one of the seed documents, or a report, study, hearing or article one of them cites.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    kind: t.field({ type: ReportKindEnum, resolve: (report) => report.facts.reportKind }),
    author: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The first author, a Person or an Organisation.',
      resolve: (report, _args, { store }) => store.authorsOf(report)[0] ?? null,
    }),
    authors: t.field({ type: [EntityRef], resolve: (report, _args, { store }) => store.authorsOf(report) }),
    publisher: t.field({
      type: OrganisationRef,
      nullable: true,
      resolve: (report, _args, { store }) => store.followNullable('organisation', report.facts.publisher),
    }),
    datePublished: t.string({
      nullable: true,
      description: 'ISO date, partial where the source is: "2006".',
      resolve: (report) => report.facts.datePublished,
    }),
    url: t.string({ nullable: true, resolve: (report) => report.facts.url }),
    about: t.field({
      type: [EntityRef],
      description: 'What the report is about.',
      resolve: (report, _args, { store }) => store.aboutOf(report),
    }),
    citedBy: t.field({
      type: [ReportRef],
      description: 'Reports that cite this one.',
      resolve: (report, _args, { store }) => store.followAll('report', report.facts.citedBy),
    }),
    cites: t.field({
      type: [ReportRef],
      description: 'Reports this one cites.',
      resolve: (report, _args, { store }) => store.reportsCitedBy(report),
    }),
    supports: t.field({
      type: [SourcedRef],
      description: 'Every record that cites this report for itself or for one of its facts.',
      resolve: (report, _args, { store }) => store.entitiesCiting(report),
    }),
    text: t.string({
      nullable: true,
      description: 'The full text of the report, where the project holds it (the seed documents).',
      resolve: (report, _args, { store }) => store.textOf(report),
    }),
  }),
});

builder.queryFields((t) => ({
  report: t.field({
    type: ReportRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, { store }) => store.get('report', slug) ?? null,
  }),
  allReports: t.connection(
    {
      type: ReportRef,
      description: 'Every report, oldest first; undated ones first.',
      args: {
        year: t.arg.int({ description: 'Year of publication.' }),
        kind: t.arg({ type: ReportKindEnum }),
      },
      resolve: (_root, { year, kind, ...args }, { store }) => page(args, store.reportsWhere({ year, kind })),
    },
    { name: 'ReportConnection' },
    { name: 'ReportEdge' },
  ),
}));
