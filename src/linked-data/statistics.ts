import type { Quad } from 'n3';
import { z } from 'zod';
import type { Kind } from '../graph/kinds.js';
import type { Annotator } from '../graph/loader.js';
import type { Claim, EntityRecord, Games, NamedEntity, Report } from '../graph/model.js';
import { alternateNamesOf, sourcesOfRecord } from '../graph/store.js';
import { type AnyLdNode, type LdValue, LinkedDataMapper, type MappedStore } from './mapping.js';
import { expandIri, NS } from './namespaces.js';
import type { RdfNode } from './rdf.js';

/**
 * The name the statistics are kept under in a compiled graph. Its version changes with anything that
 * changes what the mapping emits (a snapshot counted by another version is compiled again).
 */
export const STATISTICS_ANNOTATION = 'linked-data-statistics/1';

/** The counts of the dataset's RDF, whatever its base IRI: what VoID and the service description state. */
const statisticsSchema = z.object({
  triples: z.number().int().nonnegative(),
  quads: z.number().int().nonnegative(),
  /** Triples in the preferred graph. */
  preferred: z.number().int().nonnegative(),
  /** Triples in each source's named graph, by the report's slug. */
  reports: z.record(z.string(), z.number().int().nonnegative()),
  entities: z.number().int().nonnegative(),
  /** Main nodes by each of their rdf:types, as a full IRI. */
  classes: z.record(z.string(), z.number().int().nonnegative()),
});

export type CountedStatistics = z.infer<typeof statisticsSchema>;

/** The statistics kept with a compiled graph, or undefined where it has none (or a malformed one). */
export function storedStatistics(annotation: unknown): CountedStatistics | undefined {
  const parsed = statisticsSchema.safeParse(annotation);
  return parsed.success ? parsed.data : undefined;
}

/** Quads without repeats, in their first order. */
export function distinct(quads: Iterable<Quad>): Quad[] {
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

/** How many triples nodes make: one per type and per value of each property (see rdf.ts's quadsOf). */
function valuesOf(nodes: readonly AnyLdNode[]): number {
  let count = 0;
  for (const node of nodes) {
    for (const key in node) {
      const raw = (node as RdfNode)[key];
      if (key !== '@id' && raw !== undefined) count += Array.isArray(raw) ? raw.length : 1;
    }
  }
  return count;
}

/**
 * The triples of one record's nodes in one named graph, without repeats (as `distinct` leaves them):
 * typed nodes (the record's own, its places, claims and quotations) have IRIs of their own, so only a
 * value listed twice repeats; the untyped nodes of the triples claims support may repeat each other.
 */
function distinctTriplesOf(nodes: readonly AnyLdNode[]): number {
  let count = 0;
  let supported: Set<string> | undefined;
  for (const node of nodes) {
    const typed = node['@type'] !== undefined;
    for (const key in node) {
      const raw = (node as RdfNode)[key];
      if (key === '@id' || raw === undefined) continue;
      if (!typed) {
        supported ??= new Set();
        for (const value of Array.isArray(raw) ? raw : [raw])
          supported.add(`${node['@id']}\u0000${key}\u0000${valueKey(value)}`);
      } else if (!Array.isArray(raw)) count += 1;
      else count += raw.length < 2 ? raw.length : new Set(raw.map(valueKey)).size;
    }
  }
  return count + (supported?.size ?? 0);
}

/** A value as a key: equal keys for equal RDF terms of one property (the mapping writes each term one way). */
function valueKey(value: LdValue): string {
  if (typeof value !== 'object') return `${typeof value}:${String(value)}`;
  if ('@id' in value) return `@id:${value['@id']}`;
  if ('@language' in value) return `@language:${value['@language']}\u0000${value['@value']}`;
  return `@type:${value['@type']}\u0000${value['@value']}`;
}

/** Any base: the counts do not depend on it (every IRI of the dataset is under it alike). */
const COUNTING_BASE = 'https://counting.invalid';

/** A record named by a reference, where the mapping needs only its kind, slug and name's presence. */
const named = (kind: Kind, slug: string) => ({ kind, slug, facts: { name: '' } }) as unknown as NamedEntity;

/**
 * The store the mapping reads, as far as one record streaming past answers it: its own names and
 * sources, and what it names by reference. What other records say of it (an event's results, the
 * reports a report cites) is counted from their side (see {@link StatisticsCounter}).
 */
const STREAMED: MappedStore = {
  alternateNames: (entity) => alternateNamesOf(entity),
  sourcesOf: (record) => sourcesOfRecord(record),
  follow: (kind, slug) => named(kind, slug) as never,
  resultsOf: () => [],
  reportsCitedBy: () => [],
  authorsOf: (report) => targets(report, 'author'),
  aboutOf: (report) => targets(report, 'about'),
  all: () => [],
};

function targets(report: Report, property: string): NamedEntity[] {
  return report.claims.flatMap((claim: Claim) =>
    claim.property === property && claim.preferred && claim.target ? [named(claim.target.kind, claim.target.slug)] : [],
  );
}

/** A quotation's triples: its type, text and the report it is part of. */
const QUOTATION_TRIPLES = 3;

/**
 * The triples of a claim's statement node as the mapping writes it (LinkedDataMapper's claim nodes):
 * two types, what it is about, each report it appears in and is derived from, each quotation, its
 * property, value, rank, whether derived, and each of its optional reason, note and qualifiers.
 */
function statementTriples(claim: Claim, reports: number, quotations: number): number {
  const value = claim.target !== null || claim.value !== null ? 1 : 0;
  return (
    2 +
    1 +
    2 * reports +
    quotations +
    1 +
    value +
    1 +
    (claim.reason === null ? 0 : 1) +
    1 +
    (claim.note === null ? 0 : 1) +
    (claim.bound === null ? 0 : 1) +
    (claim.approximate ? 1 : 0) +
    (claim.hedge === null ? 0 : 1)
  );
}

/** One report's named graph while a record is counted: its typed nodes' triples, and the supported triples (which may repeat). */
interface ReportGraph {
  triples: number;
  supported: Set<string> | undefined;
}

function graphOf(graphs: Map<string, ReportGraph>, report: string): ReportGraph {
  let graph = graphs.get(report);
  if (!graph) {
    graph = { triples: 0, supported: undefined };
    graphs.set(report, graph);
  }
  return graph;
}

/**
 * Adds the triples of an untyped node (a triple a claim supports) to a set of them, as keys: the
 * subject left out where it is the record's own IRI, which most are (an IRI never is empty).
 */
function addValues(triples: Set<string>, node: AnyLdNode, recordIri: string): void {
  const subject = node['@id'] === recordIri ? '' : node['@id'];
  for (const key in node) {
    const raw = (node as RdfNode)[key];
    if (key === '@id' || raw === undefined) continue;
    if (!Array.isArray(raw)) triples.add(`${subject}\u0000${key}\u0000${valueKey(raw as LdValue)}`);
    else for (const value of raw) triples.add(`${subject}\u0000${key}\u0000${valueKey(value)}`);
  }
}

/**
 * Counts the dataset's triples, quads, named graphs' triples and entities by class as compilation
 * streams the records past, each record mapped once as the dumps map it: the statistics VoID states,
 * computed when the graph is compiled instead of by a pass over the dataset when first asked.
 */
export class StatisticsCounter implements Annotator {
  readonly name = STATISTICS_ANNOTATION;
  readonly #mapper = new LinkedDataMapper(STREAMED, COUNTING_BASE);
  #triples = 0;
  #quads = 0;
  #preferredTriples = 0;
  readonly #reports = new Map<string, number>();
  #entities = 0;
  readonly #classes = new Map<string, number>();
  readonly #series = new Set<string>();
  /** Reports citing a report (by its `citedBy`), as `cited cited-by` pairs: each a triple of the citing report. */
  readonly #citations = new Set<string>();

  add(record: EntityRecord): void {
    // The preferred graph holds the record's preferred nodes, which the default graph holds too.
    const preferred = this.#mapper.preferredNodesOf(record);
    const preferredTriples = distinctTriplesOf(preferred);
    this.#quads += preferredTriples;
    this.#preferredTriples += preferredTriples;
    this.#triples += valuesOf(preferred);
    // The graph of each report a record cites holds its quotations from that report, and each claim
    // citing the report with the triples the claim supports; the default graph, each quotation and
    // claim once. Their triples are counted from the record's citations and claims, as the mapping
    // would write them (see LinkedDataMapper.graphsOf), without writing their nodes.
    const graphs = new Map<string, ReportGraph>();
    const iri = this.#mapper.iri(record);
    for (const citation of record.citations) {
      if (citation.quote === null) continue;
      graphOf(graphs, citation.report).triples += QUOTATION_TRIPLES;
      this.#triples += QUOTATION_TRIPLES;
    }
    for (const claim of record.claims) {
      const reports: string[] = [];
      let quotations = 0;
      for (const citation of claim.citations) {
        if (!reports.includes(citation.report)) reports.push(citation.report);
        if (citation.quote !== null) quotations += 1;
      }
      const statement = statementTriples(claim, reports.length, quotations);
      this.#triples += statement + QUOTATION_TRIPLES * quotations;
      const supported = this.#mapper.supportedBy(record, claim);
      for (const report of reports) {
        const graph = graphOf(graphs, report);
        let fromReport = 0;
        for (const citation of claim.citations)
          if (citation.report === report && citation.quote !== null) fromReport += 1;
        graph.triples += statement + QUOTATION_TRIPLES * fromReport;
        if (supported.length === 0) continue;
        graph.supported ??= new Set();
        for (const node of supported) addValues(graph.supported, node, iri);
      }
    }
    for (const [report, graph] of graphs) {
      const triples = graph.triples + (graph.supported?.size ?? 0);
      this.#quads += triples;
      this.#reports.set(report, (this.#reports.get(report) ?? 0) + triples);
    }
    const [main] = preferred;
    if (main) {
      this.#entities += 1;
      for (const type of [main['@type']].flat()) {
        const iri = String(type).includes(':') ? expandIri(String(type)) : NS.schema + String(type);
        this.#classes.set(iri, (this.#classes.get(iri) ?? 0) + 1);
      }
    }
    // What the record's other end states of it: an event lists each of its results, a report the reports it cites.
    if (record.kind === 'result') this.#inPreferredGraph(1, 1);
    if (record.kind === 'report') {
      for (const claim of record.claims) {
        if (claim.property !== 'citedBy' || !claim.preferred || !claim.target) continue;
        const pair = `${claim.target.slug}\u0000${record.slug}`;
        const first = !this.#citations.has(pair);
        this.#citations.add(pair);
        this.#inPreferredGraph(1, first ? 1 : 0);
      }
    }
    if (record.kind === 'games') this.#series.add((record as Games).facts.series);
  }

  /** Triples and quads counted so far: what the records added up to now give the dumps, the series aside. */
  get countedSoFar(): number {
    return this.#triples + this.#quads;
  }

  #inPreferredGraph(triples: number, quads: number): void {
    this.#triples += triples;
    this.#quads += quads;
    this.#preferredTriples += quads;
  }

  finish(): CountedStatistics {
    for (const series of this.#series) {
      const triples = valuesOf([this.#mapper.seriesNode(series)]);
      this.#inPreferredGraph(triples, triples);
    }
    return {
      triples: this.#triples,
      quads: this.#quads,
      preferred: this.#preferredTriples,
      reports: Object.fromEntries(this.#reports),
      entities: this.#entities,
      classes: Object.fromEntries(this.#classes),
    };
  }
}

/** Makes a fresh counter for each compilation. */
export const countStatistics = (): Annotator => new StatisticsCounter();
