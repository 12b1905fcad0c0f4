import type { Quad } from 'n3';
import { KINDS } from '../graph/kinds.js';
import type { EntityRecord, Report } from '../graph/model.js';
import type { Store } from '../graph/store.js';
import { JSONLD_CONTEXT } from './context.js';
import { entityIri, preferredGraphIri, reportGraphIri, seriesIri, seriesOfSlug, trimBase } from './iris.js';
import { type AnyLdNode, type GraphNodes, type LdValue, LinkedDataMapper } from './mapping.js';
import { expandIri, NS } from './namespaces.js';
import { quadsOf, type RdfFormat, type RdfNode, rdfChunks } from './rdf.js';

export interface DatasetStatistics {
  /** Distinct triples of the dataset's own (default-graph) dumps: preferred values, claims, quotations. */
  readonly triples: number;
  /** Quads of the N-Quads and TriG dumps, every one in a named graph. */
  readonly quads: number;
  /** Triples in each named graph, by its IRI. */
  readonly triplesByGraph: ReadonlyMap<string, number>;
  readonly entities: number;
  /** Main nodes by each of their rdf:types, as a full IRI. */
  readonly entitiesByClass: ReadonlyMap<string, number>;
}

/** The published dump formats and where they are served. */
export const DUMPS = {
  jsonld: { path: '/dataset.jsonld', mediaType: 'application/ld+json', graphs: false },
  turtle: { path: '/dataset.ttl', mediaType: 'text/turtle', graphs: false },
  ntriples: { path: '/dataset.nt', mediaType: 'application/n-triples', graphs: false },
  nquads: { path: '/dataset.nq', mediaType: 'application/n-quads', graphs: true },
  trig: { path: '/dataset.trig', mediaType: 'application/trig', graphs: true },
} as const;

export type DumpFormat = keyof typeof DUMPS;

/** The largest dataset (in triples) whose dumps are measured for the dataset description. */
export const MEASURED_DUMPS_UP_TO = 1_000_000;

/** A JSON-LD document of ours: the context embedded, the nodes in `@graph`. */
export interface LdDocument {
  readonly '@context': typeof JSONLD_CONTEXT;
  readonly '@id'?: string;
  readonly '@graph': AnyLdNode[];
}

const isReference = (value: unknown): value is { '@id': string } =>
  typeof value === 'object' && value !== null && '@id' in value;

const referencesOf = (raw: unknown): { '@id': string }[] => (Array.isArray(raw) ? raw : [raw]).filter(isReference);

/** Quads without repeats, in their first order. */
function distinct(quads: Iterable<Quad>): Quad[] {
  const seen = new Set<string>();
  const kept: Quad[] = [];
  for (const item of quads) {
    const key = `${item.subject.value} ${item.predicate.value} ${item.object.id} ${item.graph.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
  }
  return kept;
}

/**
 * The linked-data view of the whole graph under one base IRI: each record's JSON-LD document and
 * triples, its relations in both directions, the named graphs, the streamed dumps, and the counts a
 * VoID description gives.
 */
export class LinkedDataset {
  readonly mapper: LinkedDataMapper;
  readonly base: string;
  #statistics: DatasetStatistics | undefined;
  /** For each IRI, the records whose preferred nodes point to it, in dataset order. */
  #referrers: Map<string, EntityRecord[]> | undefined;
  #dumpSizes: Map<DumpFormat, number> | undefined;

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

  /** The data's version: a hash of every data file and source text. */
  get version(): string {
    return this.store.version;
  }

  /**
   * The nodes of a record's own document: what it says (its preferred values, quotations and claims),
   * then what other nodes say of it, each with the referrer's IRI and its name where it has one, so
   * that a client following links from any entity reaches every other.
   */
  documentNodes(record: EntityRecord): AnyLdNode[] {
    return [...this.mapper.nodesOf(record), ...this.incomingNodes(this.iriOf(record))];
  }

  /** The JSON-LD document of some records, compacted with our context, which it embeds. */
  document(records: Iterable<EntityRecord>): LdDocument {
    return { '@context': JSONLD_CONTEXT, '@graph': [...records].flatMap((record) => this.documentNodes(record)) };
  }

  /** A record's document as triples. */
  quads(record: EntityRecord): Generator<Quad> {
    return quadsOf(this.documentNodes(record));
  }

  /** A record's document as quads in named graphs: its own, and the nodes pointing to it (preferred). */
  graphQuads(record: EntityRecord): Quad[] {
    return distinct([
      ...this.#quadsInGraphs(this.mapper.graphsOf(record)),
      ...quadsOf(this.incomingNodes(this.iriOf(record)), preferredGraphIri(this.base)),
    ]);
  }

  /** The series a slug of `/id/series/{slug}` names, if the data has Games of it. */
  seriesBySlug(slug: string): string | undefined {
    const series = seriesOfSlug(slug);
    return this.mapper.series().includes(series) && seriesIri(this.base, series).endsWith(`/${slug}`)
      ? series
      : undefined;
  }

  /** The document of a Games series: its node, and every Games of it. */
  seriesDocument(series: string): LdDocument {
    return {
      '@context': JSONLD_CONTEXT,
      '@graph': [this.mapper.seriesNode(series), ...this.incomingNodes(seriesIri(this.base, series))],
    };
  }

  /** Nodes of other records that point to `iri`: only their types, the pointing properties and a name. */
  incomingNodes(iri: string): AnyLdNode[] {
    const nodes: AnyLdNode[] = [];
    for (const referrer of this.#referrersOf(iri)) {
      for (const node of this.mapper.preferredNodesOf(referrer)) {
        const pointing: Record<string, LdValue> = {};
        for (const [key, raw] of Object.entries(node)) {
          if (!key.startsWith('@') && referencesOf(raw).some((value) => value['@id'] === iri))
            pointing[key] = { '@id': iri };
        }
        if (Object.keys(pointing).length === 0) continue;
        const { name } = node as RdfNode;
        nodes.push({
          '@id': node['@id'],
          '@type': node['@type'],
          ...(name === undefined ? {} : { name }),
          ...pointing,
        } as AnyLdNode);
      }
    }
    return nodes;
  }

  #referrersOf(iri: string): readonly EntityRecord[] {
    return (this.#referrers ?? this.#survey().referrers).get(iri) ?? [];
  }

  /** The nodes and quads of one source document's named graph. */
  reportGraph(report: Report): GraphNodes {
    const graph = reportGraphIri(this.base, report.slug);
    const nodes = [...this.store.entitiesCiting(report)]
      .flatMap((record) => this.mapper.graphsOf(record).filter((part) => part.graph === graph))
      .flatMap((part) => part.nodes);
    return { graph, nodes };
  }

  /** The preferred graph, a record at a time: the Games series, then each record's preferred nodes. */
  *preferredGraph(): Generator<AnyLdNode[]> {
    yield this.mapper.sharedNodes();
    for (const record of this.records()) yield this.mapper.preferredNodesOf(record);
  }

  /**
   * Every quad of the dataset in its named graph, a record at a time (without repeats within a
   * record): the preferred graph and one graph per source document. What `/dataset.nq` and
   * `/dataset.trig` hold, for loading into a quad store or SPARQL engine.
   */
  *quadGroups(onRecord: () => void = () => {}): Generator<Quad[]> {
    yield [...quadsOf(this.mapper.sharedNodes(), preferredGraphIri(this.base))];
    for (const record of this.records()) {
      yield distinct(this.#quadsInGraphs(this.mapper.graphsOf(record)));
      onRecord();
    }
  }

  /** Every triple of the dataset's own view (preferred values, claims, quotations), a record at a time. */
  *tripleGroups(onRecord: () => void = () => {}): Generator<Quad[]> {
    for (const nodes of this.#nodeGroups(onRecord)) yield [...quadsOf(nodes)];
  }

  *#quadsInGraphs(parts: readonly GraphNodes[]): Generator<Quad> {
    for (const part of parts) yield* quadsOf(part.nodes, part.graph);
  }

  /** The whole dataset in one format, as text chunks produced a record at a time. */
  dump(format: DumpFormat, onRecord: () => void = () => {}): Generator<string> {
    if (format === 'jsonld') return this.#jsonLdChunks(onRecord);
    const groups = DUMPS[format].graphs ? this.quadGroups(onRecord) : this.tripleGroups(onRecord);
    return rdfChunks(groups, format satisfies RdfFormat);
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

  /**
   * Each dump's size in bytes, measured by writing it once (and kept); undefined for datasets of
   * more than {@link MEASURED_DUMPS_UP_TO} triples, where that would hold up the first request.
   */
  dumpSizes(): ReadonlyMap<DumpFormat, number> | undefined {
    if (this.statistics().triples > MEASURED_DUMPS_UP_TO) return undefined;
    if (!this.#dumpSizes) {
      const sizes = new Map<DumpFormat, number>();
      for (const format of Object.keys(DUMPS) as DumpFormat[]) {
        let bytes = 0;
        for (const chunk of this.dump(format)) bytes += Buffer.byteLength(chunk);
        sizes.set(format, bytes);
      }
      // A pass of a store fetching from elsewhere may lack data: what it measured then is not kept.
      if (this.store.lacking) return sizes;
      this.#dumpSizes = sizes;
    }
    return this.#dumpSizes;
  }

  /** Triple, quad and entity counts, computed once: the data does not change while the server runs. */
  statistics(): DatasetStatistics {
    return this.#statistics ?? this.#survey().statistics;
  }

  /** One pass over the dataset: its counts, and which records point to which IRIs. */
  #survey(): { statistics: DatasetStatistics; referrers: Map<string, EntityRecord[]> } {
    let triples = 0;
    let quads = 0;
    let entities = 0;
    const entitiesByClass = new Map<string, number>();
    const triplesByGraph = new Map<string, number>();
    const referrers = new Map<string, EntityRecord[]>();
    const prefix = `${this.base}/id/`;
    const countQuads = (group: readonly Quad[]) => {
      quads += group.length;
      for (const item of group) triplesByGraph.set(item.graph.value, (triplesByGraph.get(item.graph.value) ?? 0) + 1);
    };
    for (const _ of quadsOf(this.mapper.sharedNodes())) triples += 1;
    countQuads([...quadsOf(this.mapper.sharedNodes(), preferredGraphIri(this.base))]);
    for (const record of this.records()) {
      const own = this.iriOf(record);
      for (const _ of quadsOf(this.mapper.nodesOf(record))) triples += 1;
      countQuads(distinct(this.#quadsInGraphs(this.mapper.graphsOf(record))));
      const [main, ...places] = this.mapper.preferredNodesOf(record);
      if (!main) continue;
      entities += 1;
      for (const type of [main['@type']].flat()) {
        const iri = String(type).includes(':') ? expandIri(String(type)) : NS.schema + String(type);
        entitiesByClass.set(iri, (entitiesByClass.get(iri) ?? 0) + 1);
      }
      for (const node of [main, ...places]) {
        for (const [key, raw] of Object.entries(node)) {
          if (key.startsWith('@')) continue;
          for (const { '@id': target } of referencesOf(raw)) {
            const document = target.split('#')[0] as string;
            if (!target.startsWith(prefix) || document === own || document !== target) continue;
            const list = referrers.get(target);
            if (!list) referrers.set(target, [record]);
            else if (list[list.length - 1] !== record) list.push(record);
          }
        }
      }
    }
    const statistics = { triples, quads, triplesByGraph, entities, entitiesByClass };
    // A pass of a store fetching from elsewhere may lack data: what it surveyed then is not kept.
    if (!this.store.lacking) {
      this.#statistics = statistics;
      this.#referrers = referrers;
    }
    return { statistics, referrers };
  }
}
