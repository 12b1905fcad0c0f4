import { setImmediate } from 'node:timers/promises';
import type { Quad } from 'n3';
import { KINDS } from '../graph/kinds.js';
import type { EntityRecord, Report } from '../graph/model.js';
import type { Store } from '../graph/store.js';
import { JSONLD_CONTEXT } from './context.js';
import {
  COLLECTION_KEY,
  INCOMING_PAGE_SIZE,
  type IncomingLinks,
  incomingCollectionIri,
  incomingPageNodes,
  lastPage,
} from './incoming.js';
import { entityIri, preferredGraphIri, reportGraphIri, seriesIri, seriesOfSlug, trimBase } from './iris.js';
import { type AnyLdNode, type GraphNodes, type LdValue, LinkedDataMapper } from './mapping.js';
import { quadsOf, type RdfFormat, type RdfNode, rdfChunks } from './rdf.js';
import {
  type CountedStatistics,
  distinct,
  STATISTICS_ANNOTATION,
  StatisticsCounter,
  storedStatistics,
} from './statistics.js';

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

/**
 * The largest dataset (in triples) whose dumps are measured for the dataset description, by writing
 * each once when it is first asked for: a bounded cost (about ten times the seed data), so that the
 * first VoID request never costs a pass over a large dataset.
 */
export const MEASURED_DUMPS_UP_TO = 100_000;

/** A JSON-LD document of ours: the context embedded, the nodes in `@graph`. */
export interface LdDocument {
  readonly '@context': typeof JSONLD_CONTEXT;
  readonly '@id'?: string;
  readonly '@graph': AnyLdNode[];
}

const isReference = (value: unknown): value is { '@id': string } =>
  typeof value === 'object' && value !== null && '@id' in value;

const referencesOf = (raw: unknown): { '@id': string }[] => (Array.isArray(raw) ? raw : [raw]).filter(isReference);

/**
 * The linked-data view of the whole graph under one base IRI: each record's JSON-LD document and
 * triples, its relations in both directions, the named graphs, the streamed dumps, and the counts a
 * VoID description gives.
 */
export class LinkedDataset {
  readonly mapper: LinkedDataMapper;
  readonly base: string;
  /** How many records pointing to a resource its document embeds, and each page of the rest holds. */
  readonly incomingPageSize: number;
  /** The largest dataset (in triples) whose dumps are measured ({@link MEASURED_DUMPS_UP_TO}). */
  readonly measuredDumpsUpTo: number;
  #statistics: DatasetStatistics | undefined;
  #dumpSizes: Map<DumpFormat, number> | undefined;

  constructor(
    readonly store: Store,
    base: string,
    {
      incomingPageSize = INCOMING_PAGE_SIZE,
      measuredDumpsUpTo = MEASURED_DUMPS_UP_TO,
    }: { readonly incomingPageSize?: number; readonly measuredDumpsUpTo?: number } = {},
  ) {
    this.base = trimBase(base);
    this.mapper = new LinkedDataMapper(store, this.base);
    this.incomingPageSize = incomingPageSize;
    this.measuredDumpsUpTo = measuredDumpsUpTo;
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

  /** A record's IRI and the records pointing to it, from the store's index of references both ways. */
  incomingOf(record: EntityRecord): IncomingLinks {
    return { iri: this.iriOf(record), referrers: this.store.referrersOf(record) };
  }

  /** A Games series' IRI and its Games, which point to it. */
  seriesIncoming(series: string): IncomingLinks {
    return { iri: seriesIri(this.base, series), referrers: this.store.gamesWhere({ series }) };
  }

  /**
   * The nodes of a record's own document: what it says (its preferred values, quotations and claims),
   * then what other nodes say of it, each with the referrer's IRI and its name where it has one, so
   * that a client following links from any entity reaches every other. Where more records point to it
   * than a document embeds ({@link incomingPageSize}), the first are embedded and the record's node
   * links the collection of them all (Hydra), whose pages hold the rest.
   */
  documentNodes(record: EntityRecord): AnyLdNode[] {
    const { own, incoming, paging } = this.#parts(this.mapper.nodesOf(record), this.incomingOf(record));
    return [...own, ...incoming, ...paging];
  }

  /** The JSON-LD document of some records, compacted with our context, which it embeds. */
  document(records: Iterable<EntityRecord>): LdDocument {
    return { '@context': JSONLD_CONTEXT, '@graph': [...records].flatMap((record) => this.documentNodes(record)) };
  }

  /** A record's document as triples. */
  quads(record: EntityRecord): Generator<Quad> {
    return quadsOf(this.documentNodes(record));
  }

  /**
   * A record's document as quads in named graphs: its own, and the nodes pointing to it (preferred);
   * the description of the pages of what points to it, where there are pages, in the default graph.
   */
  graphQuads(record: EntityRecord): Quad[] {
    const links = this.incomingOf(record);
    const [main, ...rest] = this.mapper.graphsOf(record);
    const graphs = main ? [{ ...main, nodes: this.#linkingCollection(main.nodes, links) }, ...rest] : [];
    const { incoming, paging } = this.#parts([], links);
    return distinct([
      ...this.#quadsInGraphs(graphs),
      ...quadsOf(incoming, preferredGraphIri(this.base)),
      ...quadsOf(paging),
    ]);
  }

  /** The series a slug of `/id/series/{slug}` names, if the data has Games of it. */
  seriesBySlug(slug: string): string | undefined {
    const series = seriesOfSlug(slug);
    return this.mapper.series().includes(series) && seriesIri(this.base, series).endsWith(`/${slug}`)
      ? series
      : undefined;
  }

  /** The document of a Games series: its node, and its Games (the first of them, where they are many). */
  seriesDocument(series: string): LdDocument {
    const { own, incoming, paging } = this.#parts([this.mapper.seriesNode(series)], this.seriesIncoming(series));
    return { '@context': JSONLD_CONTEXT, '@graph': [...own, ...incoming, ...paging] };
  }

  /**
   * One page of what points to a resource (`{iri}?page=N`): the collection and the page (Hydra), then
   * the pointing nodes of the page's records. Undefined past the last page.
   */
  incomingPage(links: IncomingLinks, page: number): { incoming: AnyLdNode[]; paging: AnyLdNode[] } | undefined {
    if (!Number.isInteger(page) || page < 1 || page > lastPage(links.referrers.length, this.incomingPageSize))
      return undefined;
    return this.#page(links, page);
  }

  /** A resource's own nodes, with what points to it as its document embeds it. */
  #parts(own: AnyLdNode[], links: IncomingLinks): { own: AnyLdNode[]; incoming: AnyLdNode[]; paging: AnyLdNode[] } {
    const { incoming, paging } = this.#page(links, 1);
    if (links.referrers.length <= this.incomingPageSize) return { own, incoming, paging: [] };
    return { own: this.#linkingCollection(own, links), incoming, paging };
  }

  /** The resource's own node (the first) linked to the collection of what points to it, where it is paged. */
  #linkingCollection(nodes: readonly AnyLdNode[], links: IncomingLinks): AnyLdNode[] {
    const [main, ...rest] = nodes;
    if (!main || links.referrers.length <= this.incomingPageSize) return [...nodes];
    return [{ ...main, [COLLECTION_KEY]: { '@id': incomingCollectionIri(links.iri) } } as AnyLdNode, ...rest];
  }

  #page(links: IncomingLinks, page: number): { incoming: AnyLdNode[]; paging: AnyLdNode[] } {
    const size = this.incomingPageSize;
    const referrers = links.referrers.slice((page - 1) * size, page * size);
    return {
      incoming: referrers.flatMap((referrer) => this.pointingNodes(referrer, links.iri)),
      paging: incomingPageNodes(
        links,
        page,
        size,
        referrers.map((referrer) => this.iriOf(referrer)),
      ),
    };
  }

  /** The preferred nodes of `referrer` that point to `iri`: only their types, the pointing properties and a name. */
  pointingNodes(referrer: EntityRecord, iri: string): AnyLdNode[] {
    const nodes: AnyLdNode[] = [];
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
    return nodes;
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
    if (this.statistics().triples > this.measuredDumpsUpTo) return undefined;
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

  /**
   * Triple, quad and entity counts: those counted when the graph was compiled (kept in the snapshot or
   * the database), else counted here once, record by record (a graph built in memory, a snapshot
   * compiled without them). The data does not change while the server runs.
   */
  statistics(): DatasetStatistics {
    if (this.#statistics) return this.#statistics;
    const counted = storedStatistics(this.store.annotation(STATISTICS_ANNOTATION)) ?? this.#count();
    const triplesByGraph = new Map<string, number>([[preferredGraphIri(this.base), counted.preferred]]);
    // The sources' graphs in the reports' display order.
    for (const report of this.store.all('report')) {
      const triples = counted.reports[report.slug];
      if (triples !== undefined) triplesByGraph.set(reportGraphIri(this.base, report.slug), triples);
    }
    const statistics: DatasetStatistics = {
      triples: counted.triples,
      quads: counted.quads,
      triplesByGraph,
      entities: counted.entities,
      entitiesByClass: new Map(Object.entries(counted.classes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    };
    // A pass of a store fetching from elsewhere may lack data: what it counted then is not kept.
    if (!this.store.lacking) this.#statistics = statistics;
    return statistics;
  }

  /** Whether the statistics were counted when the graph was compiled (and cost nothing to read). */
  hasStoredStatistics(): boolean {
    return storedStatistics(this.store.annotation(STATISTICS_ANNOTATION)) !== undefined;
  }

  /**
   * The lines of the N-Quads and N-Triples dumps together (the dataset's quads and its triples), if at
   * most `limit`; undefined past it. From the statistics counted when the graph was compiled where it
   * has them, else counted record by record until past the limit, so that finding a large dataset too
   * large costs about `limit` quads' worth of records, whatever its size (yielding between records).
   */
  async linesUpTo(limit: number): Promise<number | undefined> {
    const stored = this.#statistics ?? storedStatistics(this.store.annotation(STATISTICS_ANNOTATION));
    if (stored) return stored.triples + stored.quads <= limit ? stored.triples + stored.quads : undefined;
    const counter = new StatisticsCounter();
    let records = 0;
    for (const record of this.records()) {
      counter.add(record);
      if (counter.countedSoFar > limit) return undefined;
      if (++records % 256 === 0) await setImmediate();
    }
    const counted = counter.finish();
    return counted.triples + counted.quads <= limit ? counted.triples + counted.quads : undefined;
  }

  #count(): CountedStatistics {
    const counter = new StatisticsCounter();
    for (const record of this.records()) counter.add(record);
    return counter.finish();
  }
}
