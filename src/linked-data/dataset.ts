import type { Quad } from 'n3';
import { KINDS } from '../graph/kinds.js';
import type { EntityRecord } from '../graph/model.js';
import type { Store } from '../graph/store.js';
import { JSONLD_CONTEXT } from './context.js';
import { entityIri, trimBase } from './iris.js';
import { type AnyLdNode, LinkedDataMapper } from './mapping.js';
import { NS } from './namespaces.js';
import { quadsOf, type RdfNode, rdfChunks } from './rdf.js';

export interface DatasetStatistics {
  readonly triples: number;
  readonly entities: number;
  /** Main nodes by their first rdf:type, as a full IRI. */
  readonly entitiesByClass: ReadonlyMap<string, number>;
}

/** The published dump formats and where they are served. */
export const DUMPS = {
  jsonld: { path: '/dataset.jsonld', mediaType: 'application/ld+json' },
  turtle: { path: '/dataset.ttl', mediaType: 'text/turtle' },
  nquads: { path: '/dataset.nq', mediaType: 'application/n-quads' },
} as const;

export type DumpFormat = keyof typeof DUMPS;

/**
 * The linked-data view of the whole graph under one base IRI: each record's JSON-LD document and
 * triples, the streamed dumps, and the counts a VoID description gives.
 */
export class LinkedDataset {
  readonly mapper: LinkedDataMapper;
  readonly base: string;
  #statistics: DatasetStatistics | undefined;

  constructor(
    readonly store: Store,
    base: string,
  ) {
    this.base = trimBase(base);
    this.mapper = new LinkedDataMapper(store, this.base);
  }

  /** Every record of every kind, in a stable order. */
  *records(): Generator<EntityRecord> {
    for (const kind of KINDS) yield* this.store.all(kind);
  }

  iriOf(record: EntityRecord): string {
    return entityIri(this.base, record.kind, record.slug);
  }

  /** A record's JSON-LD document, compacted with our context, which it embeds. */
  document(records: Iterable<EntityRecord>): { '@context': typeof JSONLD_CONTEXT; '@graph': AnyLdNode[] } {
    return { '@context': JSONLD_CONTEXT, '@graph': [...records].flatMap((record) => this.mapper.nodesOf(record)) };
  }

  quads(record: EntityRecord): Generator<Quad> {
    return quadsOf(this.mapper.nodesOf(record));
  }

  /** The whole dataset in one format, as text chunks produced a record at a time. */
  dump(format: DumpFormat, onRecord: () => void = () => {}): Generator<string> {
    return format === 'jsonld' ? this.#jsonLdChunks(onRecord) : rdfChunks(this.#nodeGroups(onRecord), format);
  }

  *#nodeGroups(onRecord: () => void = () => {}): Generator<AnyLdNode[]> {
    yield this.mapper.sharedNodes();
    for (const record of this.records()) {
      yield this.mapper.nodesOf(record);
      onRecord();
    }
  }

  *#jsonLdChunks(onRecord: () => void): Generator<string> {
    yield `{"@context":${JSON.stringify(JSONLD_CONTEXT)},"@graph":[`;
    let first = true;
    for (const group of this.#nodeGroups(onRecord)) {
      for (const node of group) {
        yield `${first ? '' : ','}\n${JSON.stringify(node)}`;
        first = false;
      }
    }
    yield '\n]}\n';
  }

  /** Triple and entity counts, computed once: the data does not change while the server runs. */
  statistics(): DatasetStatistics {
    if (this.#statistics) return this.#statistics;
    let triples = 0;
    let entities = 0;
    const entitiesByClass = new Map<string, number>();
    for (const _ of quadsOf(this.mapper.sharedNodes())) triples += 1;
    for (const record of this.records()) {
      const group = this.mapper.nodesOf(record);
      for (const _ of quadsOf(group)) triples += 1;
      const main = group[0];
      if (!main) continue;
      entities += 1;
      const type = String(Array.isArray(main['@type']) ? main['@type'][0] : main['@type']);
      const iri = type.includes(':') ? type : NS.schema + type;
      entitiesByClass.set(iri, (entitiesByClass.get(iri) ?? 0) + 1);
    }
    this.#statistics = { triples, entities, entitiesByClass };
    return this.#statistics;
  }

  /** The VoID description of the dataset: counts, dumps, vocabularies, licence and sources. */
  voidNodes(): RdfNode[] {
    const stats = this.statistics();
    const datasetIri = `${this.base}/.well-known/void#dataset`;
    const partitions = [...stats.entitiesByClass].map(([classIri, entities], index) => ({
      '@id': `${this.base}/.well-known/void#class-${index}`,
      'void:class': { '@id': classIri },
      'void:entities': entities,
    }));
    const sources = this.store.all('report').filter((report) => this.store.textOf(report) !== null);
    return [
      {
        '@id': datasetIri,
        '@type': 'void:Dataset',
        'dcterms:title': 'paralympics-graph',
        'dcterms:description':
          "A sourced knowledge graph of a nation's history at the Paralympic Games: every fact cites the report it comes from.",
        'dcterms:license': { '@id': 'https://creativecommons.org/licenses/by-sa/4.0/' },
        'dcterms:source': sources.map((report) => ({ '@id': this.iriOf(report) })),
        'foaf:homepage': { '@id': `${this.base}/` },
        'void:uriSpace': `${this.base}/id/`,
        'void:triples': stats.triples,
        'void:entities': stats.entities,
        'void:dataDump': Object.values(DUMPS).map((dump) => ({ '@id': `${this.base}${dump.path}` })),
        'void:vocabulary': [NS.schema, NS.pg.replace(/#$/, ''), NS.prov].map((iri) => ({ '@id': iri })),
        'void:classPartition': partitions.map((partition) => ({ '@id': partition['@id'] })),
        'void:exampleResource': this.store
          .all('athlete')
          .slice(0, 1)
          .map((athlete) => ({ '@id': this.iriOf(athlete) })),
      },
      ...partitions,
    ];
  }
}
