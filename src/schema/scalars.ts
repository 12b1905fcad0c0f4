import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { partialDate } from '../graph/facts.js';

const refuse = (scalar: string, message: string) =>
  createGraphQLError(`${scalar} ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });

function checkedPartialDate(value: unknown): string {
  if (typeof value !== 'string' || !partialDate.safeParse(value).success) {
    throw refuse('PartialDate', `must be an ISO 8601 calendar date of YYYY, YYYY-MM or YYYY-MM-DD: ${String(value)}`);
  }
  return value;
}

/**
 * A date as precise as its source, never completed with a made-up month or day. The precision is the
 * form: "2006" is a year, "2012-03" a month, "2012-08-29" a day.
 */
export const PartialDateScalar = new GraphQLScalarType<string, string>({
  name: 'PartialDate',
  description:
    'A calendar date as precise as its source states it, in ISO 8601: a year ("2006"), a year and month ("2012-03") or a full date ("2012-08-29"). Never completed with a made-up month or day; its precision is its form (4, 7 or 10 characters), and `DateValue.precision` names it.',
  specifiedByURL: 'https://www.iso.org/iso-8601-date-and-time-format.html',
  // Stored dates were checked when the data was loaded; inputs are checked here.
  serialize: (value) => {
    if (typeof value !== 'string') throw new TypeError(`PartialDate cannot represent ${String(value)}.`);
    return value;
  },
  parseValue: checkedPartialDate,
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.STRING) throw refuse('PartialDate', 'must be a string such as "2012-03".');
    return checkedPartialDate(node.value);
  },
});

/** A node of a JSON-LD document: every node we publish has an IRI and a type. */
export interface JsonLdNode {
  readonly '@id': string;
  readonly '@type': string | readonly string[];
  readonly [property: string]: unknown;
}

/** A JSON-LD document as the `jsonld` fields give it: our context, embedded, and a flat graph of nodes. */
export interface JsonLdDocument {
  readonly '@context': Readonly<Record<string, string>>;
  readonly '@graph': readonly JsonLdNode[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkedDocument(value: unknown): JsonLdDocument {
  if (!isObject(value) || !isObject(value['@context']) || !Array.isArray(value['@graph'])) {
    throw refuse('JSONLD', 'must be a JSON object with an "@context" object and an "@graph" array.');
  }
  return value as unknown as JsonLdDocument;
}

/** A schema.org JSON-LD document, in the one shape every `jsonld` field gives. */
export const JsonLdScalar = new GraphQLScalarType<JsonLdDocument, JsonLdDocument>({
  name: 'JSONLD',
  description:
    'A JSON-LD 1.1 document in schema.org vocabulary, as a JSON object: `@context` is the context of `/context.jsonld`, embedded (schema.org as the default vocabulary; `pg:` our own terms, `prov:`, `xsd:`, `rdfs:`), and `@graph` a flat array of node objects, each with an `@id` (an IRI) and an `@type`. It holds the same triples as the Turtle and N-Quads of the same records.',
  specifiedByURL: 'https://www.w3.org/TR/json-ld11/',
  serialize: checkedDocument,
  parseValue: checkedDocument,
  parseLiteral: () => {
    throw refuse('JSONLD', 'is an output type; it cannot be written as a literal.');
  },
});
