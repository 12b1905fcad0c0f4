import { REPORT_KINDS } from '../graph/kinds.js';
import { builder, describedEnum, page, pageTypes } from './builder.js';
import { OrganisationRef, ReportRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const ReportKindEnum = describedEnum('ReportKind', 'What kind of document a report is.', REPORT_KINDS, {
  ENCYCLOPEDIA_ARTICLE: 'An encyclopedia article.',
  NEWS_ARTICLE: 'A news article or agency report.',
  WEB_PAGE: "A web page, such as an organisation's country page.",
  REPORT: "A report by an organisation or official: a UN rapporteur's report, an NGO's report.",
  STUDY: 'A study or survey.',
  HEARING: 'A hearing before a parliament or other body.',
  TESTIMONY: 'Testimony given by a witness.',
  STATEMENT: 'A statement by a government, body or person.',
});

builder.node(ReportRef, {
  ...nodeOptions('report'),
  description:
    'A source document: one of the seed documents, or a report, study, hearing or article one of them cites.',
  interfaces: [EntityRef, SourcedRef],
  fields: (t) => ({
    kind: t.field({
      type: ReportKindEnum,
      description: 'What kind of document it is.',
      resolve: (report) => report.facts.reportKind,
    }),
    author: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The first author, a Person or an Organisation.',
      resolve: (report, _args, { store }) => store.authorsOf(report)[0] ?? null,
    }),
    authors: t.field({
      type: [EntityRef],
      description: 'Every author, each a Person or an Organisation, in the order the sources give.',
      resolve: (report, _args, { store }) => store.authorsOf(report),
    }),
    publisher: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'The organisation that published it, where a source names one.',
      resolve: (report, _args, { store }) => store.followNullable('organisation', report.facts.publisher),
    }),
    datePublished: t.field({
      type: 'PartialDate',
      nullable: true,
      description: 'When it was published, as precise as the source: "2006".',
      resolve: (report) => report.facts.datePublished,
    }),
    url: t.string({
      nullable: true,
      description: 'Where it can be read on the web, where known.',
      resolve: (report) => report.facts.url,
    }),
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
    description: 'A report by slug, e.g. "north-korea-at-the-paralympics"; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: "The report's slug." }) },
    resolve: (_root, { slug }, { store }) => store.get('report', slug) ?? null,
  }),
  allReports: t.connection(
    {
      type: ReportRef,
      description: 'Every report, oldest first; undated ones first.',
      args: {
        year: t.arg.int({ description: 'Only reports published in this year.' }),
        kind: t.arg({ type: ReportKindEnum, description: 'Only reports of this kind.' }),
      },
      resolve: (_root, { year, kind, ...args }, { store }) => page(args, store.reportsWhere({ year, kind })),
    },
    ...pageTypes('Report', 'reports'),
  ),
}));
