import type { DataDownloadLeaf, DatasetLeaf, OrganizationLeaf } from 'schema-dts';
import { DUMPS, type DumpFormat, type LinkedDataset } from './dataset.js';
import { datasetIri, entityIri, preferredGraphIri, reportGraphIri } from './iris.js';
import type { LdNode } from './mapping.js';
import { NS } from './namespaces.js';
import type { RdfNode } from './rdf.js';

const LICENSE = 'https://creativecommons.org/licenses/by-sa/4.0/';
const TITLE = 'paralympics-graph';
const DESCRIPTION =
  "A sourced knowledge graph of a nation's history at the Paralympic Games: every fact cites the report it comes from, with the sentence that states it; where sources disagree, every value is kept as a ranked claim.";

const ref = (iri: string) => ({ '@id': iri });

/**
 * What the dataset is, for dataset search (schema.org `Dataset`), VoID and DCAT alike, on one node at
 * {@link datasetIri}: name, description, licence, creator, version, the source documents it is based
 * on, one download per dump (format, URL, and size in bytes where measured), counts, vocabularies,
 * and the named graphs (one per source document, one of preferred values) as VoID subsets.
 */
export function datasetDescription(dataset: LinkedDataset): RdfNode[] {
  const { base, store } = dataset;
  const iri = datasetIri(base);
  const stats = dataset.statistics();
  const sizes = dataset.dumpSizes();
  const sources = store.all('report').filter((report) => store.textOf(report) !== null);
  // When the data files last changed, as recorded when the graph was compiled.
  const modified = { '@value': store.modified, '@type': 'xsd:dateTime' };
  const creator: LdNode<OrganizationLeaf> = {
    '@id': `${iri}#creator`,
    '@type': 'Organization',
    name: 'The paralympics-graph contributors',
    url: `${base}/`,
  };
  const downloads = (Object.entries(DUMPS) as [DumpFormat, (typeof DUMPS)[DumpFormat]][]).map(
    ([format, dump]): LdNode<DataDownloadLeaf> => {
      const url = `${base}${dump.path}`;
      const bytes = sizes?.get(format);
      return {
        '@id': url,
        '@type': ['DataDownload', 'dcat:Distribution'],
        name: `${TITLE} (${dump.mediaType}${dump.graphs ? ', a named graph per source document' : ''})`,
        encodingFormat: dump.mediaType,
        contentUrl: url,
        'dcat:downloadURL': ref(url),
        'dcat:mediaType': ref(`https://www.iana.org/assignments/media-types/${dump.mediaType}`),
        ...(bytes === undefined ? {} : { contentSize: `${bytes} B`, 'dcat:byteSize': bytes }),
      } as LdNode<DataDownloadLeaf>;
    },
  );
  const partitions = [...stats.entitiesByClass].map(([classIri, entities], index) => ({
    '@id': `${iri}#class-${index}`,
    'void:class': ref(classIri),
    'void:entities': entities,
  }));
  const graphs: RdfNode[] = [
    {
      '@id': preferredGraphIri(base),
      '@type': 'void:Dataset',
      'dcterms:title': 'Preferred values',
      'dcterms:description':
        'Every entity\'s preferred ("truthy") values: the value each plain GraphQL field shows, without the claims behind it.',
      'void:triples': stats.triplesByGraph.get(preferredGraphIri(base)) ?? 0,
    },
    ...store
      .all('report')
      .filter((report) => stats.triplesByGraph.has(reportGraphIri(base, report.slug)))
      .map((report) => ({
        '@id': reportGraphIri(base, report.slug),
        '@type': 'void:Dataset',
        'dcterms:title': `As stated by ${report.facts.name}`,
        'dcterms:source': ref(entityIri(base, 'report', report.slug)),
        'void:triples': stats.triplesByGraph.get(reportGraphIri(base, report.slug)) ?? 0,
      })),
  ];
  const description: LdNode<DatasetLeaf> = {
    '@id': iri,
    '@type': ['Dataset', 'void:Dataset', 'dcat:Dataset'],
    name: TITLE,
    description: DESCRIPTION,
    license: ref(LICENSE),
    creator: ref(creator['@id']),
    publisher: ref(creator['@id']),
    url: `${base}/`,
    version: dataset.version,
    dateModified: modified,
    isBasedOn: sources.map((report) => ref(entityIri(base, 'report', report.slug))),
    distribution: downloads.map((download) => ref(download['@id'])),
    isAccessibleForFree: true,
    'dcterms:title': TITLE,
    'dcterms:description': DESCRIPTION,
    'dcterms:license': ref(LICENSE),
    'dcterms:source': sources.map((report) => ref(entityIri(base, 'report', report.slug))),
    'owl:versionInfo': dataset.version,
    'dcterms:modified': modified,
    'dcat:distribution': downloads.map((download) => ref(download['@id'])),
    'foaf:homepage': ref(`${base}/`),
    'void:uriSpace': `${base}/id/`,
    'void:triples': stats.triples,
    'void:entities': stats.entities,
    'void:dataDump': Object.values(DUMPS).map((dump) => ref(`${base}${dump.path}`)),
    'void:sparqlEndpoint': ref(`${base}/sparql`),
    'void:vocabulary': [NS.schema, NS.pg.replace(/#$/, ''), NS.prov].map(ref),
    'void:classPartition': partitions.map((partition) => ref(partition['@id'])),
    'void:subset': graphs.map((graph) => ref(graph['@id'])),
    'void:exampleResource': store
      .all('athlete')
      .slice(0, 1)
      .map((athlete) => ref(entityIri(base, 'athlete', athlete.slug))),
  } as LdNode<DatasetLeaf>;
  return [description, creator, ...downloads, ...partitions, ...graphs] as RdfNode[];
}
