import type { RdfNode } from '../linked-data/rdf.js';

/** W3C format IRIs (http://www.w3.org/ns/formats/) of every answer format the endpoint writes. */
const RESULT_FORMATS = [
  'SPARQL_Results_JSON',
  'SPARQL_Results_XML',
  'SPARQL_Results_CSV',
  'SPARQL_Results_TSV',
  'Turtle',
  'JSON-LD',
  'N-Triples',
  'N-Quads',
  'TriG',
  'RDF_XML',
  'N3',
];

export interface ServiceFacts {
  /** The endpoint's IRI, `{base}/sparql`. */
  readonly endpoint: string;
  /** The VoID description of the dataset the endpoint answers over. */
  readonly voidDataset: string;
  /** Triples in the default graph (every graph's, merged). */
  readonly triples: number;
  /** Each named graph the endpoint holds (one per source document, and the preferred values), with its triples. */
  readonly namedGraphs: ReadonlyMap<string, number>;
}

/**
 * The SPARQL 1.1 Service Description of the endpoint (`GET /sparql` without a query): SPARQL 1.1
 * Query only, its result formats, a default graph that is the merge of all graphs, every named graph
 * (one per source document, and the preferred values) with its triples, and the dataset's VoID
 * description.
 */
export function serviceDescription({ endpoint, voidDataset, triples, namedGraphs }: ServiceFacts): RdfNode[] {
  const service = `${endpoint}#service`;
  const graphs = [...namedGraphs].map(([graph, count], index): [RdfNode, RdfNode] => [
    {
      '@id': `${endpoint}#named-graph-${index}`,
      '@type': 'sd:NamedGraph',
      'sd:name': { '@id': graph },
      'sd:graph': { '@id': `${endpoint}#graph-${index}` },
    },
    { '@id': `${endpoint}#graph-${index}`, '@type': 'sd:Graph', 'void:triples': count },
  ]);
  return [
    {
      '@id': service,
      '@type': 'sd:Service',
      'sd:endpoint': { '@id': endpoint },
      'sd:supportedLanguage': { '@id': 'sd:SPARQL11Query' },
      'sd:resultFormat': RESULT_FORMATS.map((format) => ({ '@id': `formats:${format}` })),
      'sd:feature': { '@id': 'sd:UnionDefaultGraph' },
      'sd:defaultDataset': { '@id': `${endpoint}#dataset` },
      'rdfs:seeAlso': { '@id': voidDataset },
    },
    {
      '@id': `${endpoint}#dataset`,
      '@type': 'sd:Dataset',
      'sd:defaultGraph': { '@id': `${endpoint}#default-graph` },
      'sd:namedGraph': graphs.map(([named]) => ({ '@id': named['@id'] })),
      'rdfs:seeAlso': { '@id': voidDataset },
    },
    {
      '@id': `${endpoint}#default-graph`,
      '@type': 'sd:Graph',
      'void:triples': triples,
    },
    ...graphs.flat(),
  ];
}
