import { REPORT_KINDS } from '../graph/kinds.js';
import { deprecatedFilter } from './arguments.js';
import { builder, describedEnum, pageTypes } from './builder.js';
import { filterableEnum, listArguments, sourcedListArguments } from './filters.js';
import { recordPage, supportsPage } from './lists.js';
import { OrganisationRef, ReportConnection, ReportRef } from './refs.js';
import { EntityRef, nodeOptions, SourcedRef } from './sourced.js';

const ReportKindEnum = filterableEnum(
  'ReportKind',
  describedEnum('ReportKind', 'What kind of document a report is.', REPORT_KINDS, {
    ENCYCLOPEDIA_ARTICLE: 'An encyclopedia article.',
    NEWS_ARTICLE: 'A news article or agency report.',
    WEB_PAGE: "A web page, such as an organisation's country page.",
    REPORT: "A report by an organisation or official: a UN rapporteur's report, an NGO's report.",
    STUDY: 'A study or survey.',
    HEARING: 'A hearing before a parliament or other body.',
    TESTIMONY: 'Testimony given by a witness.',
    STATEMENT: 'A statement by a government, body or person.',
  }),
);

const [sourcedConnection, sourcedEdge] = pageTypes('Sourced', 'records of any type');
const SourcedConnection = builder.connectionObject({ type: SourcedRef, ...sourcedConnection }, sourcedEdge);

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
    datePublished: t.expose('datePublished', {
      type: 'PartialDate',
      nullable: true,
      description: 'When it was published, as precise as the source: "2006".',
    }),
    url: t.exposeString('url', {
      nullable: true,
      description: 'Where it can be read on the web, where known.',
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
    cites: t.connection(
      {
        type: ReportRef,
        description: 'Reports this one cites, oldest first unless ordered otherwise.',
        args: listArguments(t.arg, 'report'),
        resolve: (report, args, { store, budget }) =>
          recordPage({ store, budget }, 'report', args, store.reportsCitedBy(report)),
      },
      ReportConnection,
    ),
    supports: t.connection(
      {
        type: SourcedRef,
        description:
          'Every record that cites this report for itself or for one of its facts, type by type (countries, NPCs, Games, participations, athletes, events, results, organisations, reports, people), each type in its own order, unless ordered otherwise.',
        args: sourcedListArguments(t.arg),
        resolve: (report, args, { store, budget }) => supportsPage({ store, budget }, report, args),
      },
      SourcedConnection,
    ),
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
      description: 'Every report, oldest first, undated ones first, unless ordered otherwise.',
      args: {
        ...listArguments(t.arg, 'report'),
        year: t.arg.int({
          description: 'Only reports published in this year.',
          deprecationReason: deprecatedFilter('datePublished: { gte: "2006", lte: "2006" }'),
        }),
        kind: t.arg({
          type: ReportKindEnum,
          description: 'Only reports of this kind.',
          deprecationReason: deprecatedFilter('kind: { eq: REPORT }'),
        }),
      },
      resolve: (_root, { year, kind, ...args }, { store, budget }) =>
        recordPage(
          { store, budget },
          'report',
          args,
          year == null && kind == null ? undefined : store.reportsWhere({ year, kind }),
        ),
    },
    ReportConnection,
  ),
}));
