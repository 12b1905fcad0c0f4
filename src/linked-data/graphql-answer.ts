import type { Quad } from 'n3';
import type { Kind } from '../graph/kinds.js';
import type { LinkedDataset } from './dataset.js';
import { entityIri } from './iris.js';
import { KIND_CLASSES, termOfProperty } from './mapping.js';
import { expandIri, NS } from './namespaces.js';
import { quadsOf } from './rdf.js';

/** A JSON-LD context, as a GraphQL answer carries it in `extensions['@context']`. */
export type AnswerContext = { readonly [term: string]: ContextValue };
type ContextValue = string | number | null | { readonly [key: string]: ContextValue };

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

/** The GraphQL type of an object's `__typename` as a kind of record, for the types whose objects are records. */
export type KindOfType = (typename: string) => Kind | undefined;

/**
 * The JSON-LD context of a GraphQL answer, for its `extensions` (GraphQL allows nothing else at the
 * top of an answer). Read with it, as jsonld.js does with `expandContext`, the answer's records
 * become the nodes they are in the dataset and each of their fields the triple it is there:
 *
 * - `data` is nested away (`@nest`); a root field whose objects are records is included (`@included`),
 *   a connection is nested and its `edges`' `node`s and its `nodes` included, and so is a record's field
 *   whose values are records no property of the dataset links it to;
 * - a record's field whose values are connections (a nested list) is nested into the record, its records
 *   read as the field's values (one meaning for all the connections of a type, as JSON-LD nests them
 *   into the same node), its page info and cursors left out;
 * - a record is an object with `__typename` (its `@type`: the class every record of its kind has) and
 *   `iri` (its `@id`), and each GraphQL type gets a context of its own (type-scoped), in which every
 *   key its objects have is defined: mapped to a term, or `null`.
 *
 * A key is mapped only where every value it has, in every object of that type in the answer, is a
 * triple of the dataset: a literal of the same text, language and datatype as the record's own
 * document has (a float, which JSON-LD would write as an `xsd:double`, never is), or a link in either
 * direction to another record; among the terms that fit, the dataset's own term for the property of
 * that name first, then schema.org's. So the answer's triples are always a subset of the dataset's.
 * An answer whose shape would be misread (a root field named like one of the context's own terms,
 * such as `iri`, `__typename` or a type's name) gets a context that maps nothing.
 */
export function answerContext(dataset: LinkedDataset, kindOf: KindOfType, data: unknown): AnswerContext {
  return new AnswerSurvey(dataset, kindOf).contextOf(data);
}

/** Keys the answer's envelope may have beside `data`: no root field is included under their names. */
const ENVELOPE_KEYS = new Set(['data', 'errors', 'extensions', 'hasNext', 'incremental', 'pending', 'completed']);
const STRUCTURE = { iri: '@id', __typename: '@type' } as const;
const CONNECTION = { edges: '@nest', node: '@included', nodes: '@included' } as const;
const NOTHING: AnswerContext = { '@version': 1.1 };

const RDF_TYPE = `${NS.rdf}type`;
const XSD_STRING = `${NS.xsd}string`;
const XSD_INTEGER = `${NS.xsd}integer`;
const XSD_BOOLEAN = `${NS.xsd}boolean`;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How the dataset writes the values of one key: a property (or its inverse), and a literal's form. */
interface Mapping {
  readonly predicate: string;
  readonly reverse: boolean;
  readonly language?: string;
  /** A literal's datatype, or `@id` for a string that is an IRI. */
  readonly datatype?: string;
}

const idOf = (mapping: Mapping) =>
  `${mapping.reverse ? '^' : ''}${mapping.predicate} ${mapping.language ?? ''} ${mapping.datatype ?? ''}`;

/** A record as the answer names it, with the triples of its own preferred nodes. */
interface Record_ {
  readonly iri: string;
  readonly kind: Kind;
  readonly quads: readonly Quad[];
}

/** What the survey has learnt of one GraphQL type: for each key, the mappings all its values allow. */
type Fields = Map<string, Map<string, Mapping> | null | undefined>;

class AnswerSurvey {
  readonly #records = new Map<string, Record_ | null>();
  readonly #types = new Map<string, Fields>();
  readonly #roles = new Map<string, '@included' | '@nest'>();
  /** Keys of connections and edges that must mean nothing in the answer's context. */
  readonly #passive = new Set<string>();
  #connections = false;
  /** For each type, whether each key's values are all records (never null): those can be included. */
  readonly #recordKeys = new Map<string, Map<string, boolean>>();
  /** For each type, the keys with a connection of records (a nested list) among their values, and whether all are. */
  readonly #connectionKeys = new Map<string, Map<string, { always: boolean }>>();
  /** For each type, the keys its nested connections and their edges have beside `edges`, `nodes`, `node`. */
  readonly #connectionPassive = new Map<string, Set<string>>();

  constructor(
    private readonly dataset: LinkedDataset,
    private readonly kindOf: KindOfType,
  ) {}

  contextOf(data: unknown): AnswerContext {
    if (!isObject(data)) return NOTHING;
    for (const [key, value] of Object.entries(data)) this.#root(key, value);
    const types = [...this.#types.keys()];
    // The terms of the context's top: a root field named like one would be read as that term.
    const reserved = new Set<string>(['data', ...Object.keys(STRUCTURE), ...types]);
    const connectionTerm = (key: string): key is keyof typeof CONNECTION => this.#connections && key in CONNECTION;
    const misread = (key: string) =>
      reserved.has(key) || (connectionTerm(key) ? this.#roles.get(key) !== CONNECTION[key] : false);
    const defined = (key: string) => reserved.has(key) || connectionTerm(key) || this.#roles.has(key);
    if (Object.keys(data).some(misread) || [...this.#passive].some(defined)) return NOTHING;
    const context: Record<string, ContextValue> = { '@version': 1.1, data: '@nest', ...STRUCTURE };
    if (this.#connections) Object.assign(context, CONNECTION);
    for (const [key, role] of this.#roles) context[key] = role;
    for (const [type, fields] of this.#types) {
      const kind = this.kindOf(type) as Kind;
      const scoped: Record<string, ContextValue> = {};
      const connections = this.#nestedConnections(type, fields);
      for (const [key, mappings] of fields) {
        if (connections.has(key)) continue;
        // A connection not read as one would be read as a node: it means nothing.
        if (this.#connectionKeys.get(type)?.has(key)) {
          scoped[key] = null;
          continue;
        }
        const chosen = mappings ? choose(kind, key, [...mappings.values()]) : undefined;
        // Records no property links to (a Games' host country, through its city) still say what they are.
        scoped[key] = chosen ? termDefinition(chosen) : this.#recordKeys.get(type)?.get(key) ? '@included' : null;
      }
      Object.assign(scoped, this.#connectionTerms(type, kind, fields, connections));
      context[type] = { '@id': KIND_CLASSES[kind], '@context': scoped };
    }
    return context;
  }

  /**
   * The keys of a type whose values are all connections of records, when they can be read: JSON-LD
   * nests them into the record (`@nest`), so their `edges`, `node` and `nodes` become terms of the
   * type's own context, one meaning for all of its connections, and must not also be its fields.
   */
  #nestedConnections(type: string, fields: Fields): Set<string> {
    const keys = new Set(
      [...(this.#connectionKeys.get(type) ?? [])].filter(([, { always }]) => always).map(([key]) => key),
    );
    if (keys.size === 0) return keys;
    const inner = [...Object.keys(CONNECTION), ...(this.#connectionPassive.get(type) ?? [])];
    return inner.some((key) => fields.has(key) && !keys.has(key)) ? new Set() : keys;
  }

  /** The type-scoped terms that read a type's nested connections: their records as the values of one property. */
  #connectionTerms(
    type: string,
    kind: Kind,
    fields: Fields,
    connections: ReadonlySet<string>,
  ): Record<string, ContextValue> {
    if (connections.size === 0) return {};
    let common: Map<string, Mapping> | null | undefined;
    for (const key of connections) {
      const mappings = fields.get(key);
      if (mappings === undefined) continue;
      common = common === undefined || mappings === null ? mappings : common && intersect(common, mappings);
    }
    const [first] = connections;
    const chosen = common ? choose(kind, first as string, [...common.values()]) : undefined;
    const includable = [...connections].every((key) => this.#recordKeys.get(type)?.get(key));
    const records = chosen ? termDefinition(chosen) : includable ? '@included' : null;
    const terms: Record<string, ContextValue> = { edges: '@nest', node: records, nodes: records };
    for (const key of connections) terms[key] = '@nest';
    for (const key of this.#connectionPassive.get(type) ?? []) terms[key] = null;
    return terms;
  }

  /** A root field: records are included, connections of records nested; anything else means nothing. */
  #root(key: string, value: Json): void {
    if (value === null || ENVELOPE_KEYS.has(key) || key in STRUCTURE) return;
    const items = itemsOf(value);
    if (items === undefined || items.length === 0) return;
    const present = items.filter((item) => item !== null);
    if (present.length > 0 && present.every((item) => this.#record(item) !== undefined)) {
      this.#roles.set(key, '@included');
      for (const item of present) this.#visit(item as JsonObject);
      return;
    }
    // A connection: its edges and nodes must all be records (JSON-LD refuses a null to include or nest).
    if (!items.every((item) => isObject(item) && this.#isConnection(item))) return;
    this.#roles.set(key, '@nest');
    this.#connections = true;
    for (const connection of items as JsonObject[]) {
      for (const [name, part] of Object.entries(connection)) {
        if (name === 'nodes') {
          for (const node of part as Json[]) if (node !== null) this.#visit(node as JsonObject);
        } else if (name === 'edges') {
          for (const edge of part as JsonObject[]) {
            for (const [edgeKey, node] of Object.entries(edge)) {
              if (edgeKey === 'node') this.#visit(node as JsonObject);
              else this.#passive.add(edgeKey);
            }
          }
        } else this.#passive.add(name);
      }
    }
  }

  #isConnection(item: JsonObject): boolean {
    const { edges, nodes } = item;
    if (edges === undefined && nodes === undefined) return false;
    if (nodes !== undefined && !(Array.isArray(nodes) && nodes.every((node) => node === null || this.#record(node))))
      return false;
    if (edges === undefined) return true;
    return (
      Array.isArray(edges) &&
      edges.every((edge) => isObject(edge) && (edge.node === undefined || this.#record(edge.node) !== undefined))
    );
  }

  /** The record an object of the answer is, when it names itself truly by `__typename` and `iri`. */
  #record(value: Json | undefined): Record_ | undefined {
    if (!isObject(value) || typeof value.__typename !== 'string' || typeof value.iri !== 'string') return undefined;
    const kind = this.kindOf(value.__typename);
    if (kind === undefined) return undefined;
    const { iri } = value;
    if (!this.#records.has(iri)) this.#records.set(iri, this.#lookUp(kind, iri));
    const record = this.#records.get(iri);
    return record?.kind === kind ? record : undefined;
  }

  #lookUp(kind: Kind, iri: string): Record_ | null {
    const prefix = entityIri(this.dataset.base, kind, '');
    if (!iri.startsWith(prefix)) return null;
    let slug: string;
    try {
      slug = decodeURIComponent(iri.slice(prefix.length));
    } catch {
      return null;
    }
    const record = this.dataset.store.get(kind, slug);
    if (!record || this.dataset.iriOf(record) !== iri) return null;
    const quads = [...quadsOf(this.dataset.mapper.preferredNodesOf(record))];
    const typed = quads.some(
      (quad) =>
        quad.subject.value === iri && quad.predicate.value === RDF_TYPE && quad.object.value === KIND_CLASSES[kind],
    );
    return typed ? { iri, kind, quads } : null;
  }

  /** Surveys a record's keys, and the records among their values. */
  #visit(value: JsonObject): void {
    const subject = this.#record(value) as Record_;
    const type = value.__typename as string;
    let fields = this.#types.get(type);
    if (!fields) {
      fields = new Map();
      this.#types.set(type, fields);
    }
    let recordKeys = this.#recordKeys.get(type);
    if (!recordKeys) {
      recordKeys = new Map();
      this.#recordKeys.set(type, recordKeys);
    }
    let connectionKeys = this.#connectionKeys.get(type);
    if (!connectionKeys) {
      connectionKeys = new Map();
      this.#connectionKeys.set(type, connectionKeys);
    }
    for (const [key, field] of Object.entries(value)) {
      if (key in STRUCTURE) continue;
      // A nested connection's records are the key's values.
      const connection = isObject(field) && !this.#record(field) && this.#isConnection(field) ? field : undefined;
      const seen = connectionKeys.get(key);
      if (connection) connectionKeys.set(key, { always: seen ? seen.always : fields.has(key) === false });
      else if (seen) seen.always = false;
      const raw = connection ? this.#connectionRecords(type, connection) : field;
      const records = raw !== null && (itemsOf(raw)?.every((item) => this.#record(item) !== undefined) ?? false);
      recordKeys.set(key, (recordKeys.get(key) ?? true) && records);
      const allowed = this.#mappingsOf(subject, raw);
      const known = fields.get(key);
      if (allowed === undefined) {
        if (!fields.has(key)) fields.set(key, undefined);
      } else if (known === undefined) fields.set(key, allowed);
      else if (known !== null) fields.set(key, allowed === null ? null : intersect(known, allowed));
      for (const item of itemsOf(raw) ?? []) if (this.#record(item)) this.#visit(item as JsonObject);
    }
  }

  /** A nested connection's records (its edges' nodes and its nodes), noting its other keys as passive. */
  #connectionRecords(type: string, connection: JsonObject): Json[] {
    let passive = this.#connectionPassive.get(type);
    if (!passive) {
      passive = new Set();
      this.#connectionPassive.set(type, passive);
    }
    const records: Json[] = [];
    for (const [name, part] of Object.entries(connection)) {
      if (name === 'nodes') records.push(...(part as Json[]));
      else if (name !== 'edges') passive.add(name);
      else {
        for (const edge of part as JsonObject[]) {
          for (const [edgeKey, node] of Object.entries(edge)) {
            if (edgeKey === 'node') records.push(node);
            else passive.add(edgeKey);
          }
        }
      }
    }
    return records;
  }

  /**
   * The mappings every value of a key allows: undefined when it has no value (null, []), null when
   * no mapping fits them all.
   */
  #mappingsOf(subject: Record_, raw: Json): Map<string, Mapping> | null | undefined {
    const items = itemsOf(raw);
    if (items === undefined) return null;
    let allowed: Map<string, Mapping> | undefined;
    for (const item of items) {
      if (item === null) continue;
      const fitting = new Map(this.#fitting(subject, item).map((mapping) => [idOf(mapping), mapping]));
      allowed = allowed === undefined ? fitting : intersect(allowed, fitting);
      if (allowed.size === 0) return null;
    }
    return allowed;
  }

  /** The mappings that make one value a triple of the dataset about `subject`. */
  #fitting(subject: Record_, value: Json): Mapping[] {
    if (isObject(value)) {
      const object = this.#record(value);
      if (!object) return [];
      const forward = subject.quads
        .filter((quad) => quad.subject.value === subject.iri && quad.object.value === object.iri)
        .filter((quad) => quad.object.termType === 'NamedNode')
        .map((quad) => ({ predicate: quad.predicate.value, reverse: false }));
      const reverse = object.quads
        .filter((quad) => quad.subject.value === object.iri && quad.object.value === subject.iri)
        .filter((quad) => quad.object.termType === 'NamedNode')
        .map((quad) => ({ predicate: quad.predicate.value, reverse: true }));
      return [...forward, ...reverse];
    }
    const lexical = literalText(value);
    if (lexical === undefined) return [];
    const mappings: Mapping[] = [];
    for (const { subject: node, predicate, object } of subject.quads) {
      if (node.value !== subject.iri || object.value !== lexical || predicate.value === RDF_TYPE) continue;
      if (object.termType === 'NamedNode') {
        if (typeof value === 'string') mappings.push({ predicate: predicate.value, reverse: false, datatype: '@id' });
        continue;
      }
      if (object.termType !== 'Literal') continue;
      const datatype = object.datatype.value;
      if (typeof value === 'number') {
        if (datatype === XSD_INTEGER) mappings.push({ predicate: predicate.value, reverse: false });
      } else if (typeof value === 'boolean') {
        if (datatype === XSD_BOOLEAN) mappings.push({ predicate: predicate.value, reverse: false });
      } else if (object.language !== '') {
        mappings.push({ predicate: predicate.value, reverse: false, language: object.language });
      } else {
        mappings.push({ predicate: predicate.value, reverse: false, ...(datatype === XSD_STRING ? {} : { datatype }) });
      }
    }
    return mappings;
  }
}

/** A value's items: itself, or a list's members; undefined for a list of lists, which JSON-LD cannot read here. */
function itemsOf(value: Json): readonly Json[] | undefined {
  if (!Array.isArray(value)) return [value as Json];
  return (value as readonly Json[]).some(Array.isArray) ? undefined : (value as readonly Json[]);
}

/** The lexical form JSON-LD gives a JSON literal: strings, integers and booleans; never floats (doubles). */
function literalText(value: Json): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

function intersect(known: Map<string, Mapping>, allowed: Map<string, Mapping>): Map<string, Mapping> {
  return new Map([...known].filter(([id]) => allowed.has(id)));
}

/**
 * One of the mappings that fit: the term the linked data gives the property named like the key, then
 * forward before inverse, schema.org before other vocabularies, then by IRI, so that it is the same
 * every time.
 */
function choose(kind: Kind, key: string, mappings: readonly Mapping[]): Mapping | undefined {
  const own = termOfProperty(kind, key);
  const expected = own === undefined ? undefined : expandIri(own.includes(':') ? own : `schema:${own}`);
  const rank = (mapping: Mapping) =>
    (mapping.predicate === expected && !mapping.reverse ? 0 : 4) +
    (mapping.reverse ? 2 : 0) +
    (mapping.predicate.startsWith(NS.schema) ? 0 : 1);
  return [...mappings].sort((a, b) => rank(a) - rank(b) || idOf(a).localeCompare(idOf(b)))[0];
}

function termDefinition(mapping: Mapping): { readonly [key: string]: string } {
  return {
    [mapping.reverse ? '@reverse' : '@id']: mapping.predicate,
    ...(mapping.language ? { '@language': mapping.language } : {}),
    ...(mapping.datatype ? { '@type': mapping.datatype } : {}),
  };
}
