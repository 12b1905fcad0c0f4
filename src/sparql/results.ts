import { z } from 'zod';

/**
 * SPARQL 1.1 query results: the JSON form engines answer in (validated, since a remote store is another
 * program), and its writers for the four result formats of the W3C recommendations. One form between
 * engine and HTTP means every engine's answer is written by the same code, byte for byte alike.
 */

/** A literal as written in results: a language tag, or a datatype other than xsd:string, or neither. */
interface LiteralTerm {
  readonly type: 'literal';
  readonly value: string;
  readonly datatype?: string;
  readonly 'xml:lang'?: string;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const BOOLEAN_CANONICAL: Readonly<Record<string, string>> = { '1': 'true', '0': 'false' };

const term = z.union([
  z.object({ type: z.literal('uri'), value: z.string() }),
  z.object({ type: z.literal('bnode'), value: z.string() }),
  z
    .object({
      // Virtuoso still writes SPARQL 1.0's "typed-literal"; it means a literal with a datatype.
      type: z.enum(['literal', 'typed-literal']),
      value: z.string(),
      datatype: z.string().optional(),
      'xml:lang': z.string().optional(),
    })
    .transform(
      ({ value, datatype, 'xml:lang': language }): LiteralTerm => ({
        type: 'literal',
        // Virtuoso writes xsd:boolean as 1 and 0, lexical forms of the same values as the canonical ones.
        value: datatype === XSD_BOOLEAN ? (BOOLEAN_CANONICAL[value] ?? value) : value,
        ...(language ? { 'xml:lang': language } : datatype && datatype !== XSD_STRING ? { datatype } : {}),
      }),
    ),
]);

const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

export type ResultTerm = z.output<typeof term>;
export type Solution = Readonly<Record<string, ResultTerm>>;

const resultsJson = z.union([
  z.object({
    head: z.object({ vars: z.array(z.string()) }),
    results: z.object({ bindings: z.array(z.record(z.string(), term)) }),
  }),
  z.object({ boolean: z.boolean() }),
]);

/** The answer to a SELECT (variables and solutions) or to an ASK (a boolean). */
export type QueryResults =
  | { readonly kind: 'solutions'; readonly variables: readonly string[]; readonly solutions: readonly Solution[] }
  | { readonly kind: 'boolean'; readonly value: boolean };

/** Reads SPARQL JSON results; undefined when the text is not such results. */
export function readResultsJson(text: string): QueryResults | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = resultsJson.safeParse(json);
  if (!parsed.success) return undefined;
  if ('boolean' in parsed.data) return { kind: 'boolean', value: parsed.data.boolean };
  return { kind: 'solutions', variables: parsed.data.head.vars, solutions: parsed.data.results.bindings };
}

export type ResultsFormat = 'json' | 'xml' | 'csv' | 'tsv';

/** The formats each kind of result can be written in: CSV and TSV are defined for solutions only. */
export const FORMATS_OF: Record<QueryResults['kind'], readonly ResultsFormat[]> = {
  solutions: ['json', 'xml', 'csv', 'tsv'],
  boolean: ['json', 'xml'],
};

/** Writes results in one of the formats {@link FORMATS_OF} gives for their kind. */
export function writeResults(results: QueryResults, format: ResultsFormat): string {
  if (format === 'json') return writeJson(results);
  if (format === 'xml') return writeXml(results);
  if (results.kind === 'boolean') throw new Error(`A boolean result has no ${format} form`);
  return format === 'csv'
    ? writeCsv(results.variables, results.solutions)
    : writeTsv(results.variables, results.solutions);
}

function writeJson(results: QueryResults): string {
  if (results.kind === 'boolean') return `${JSON.stringify({ head: {}, boolean: results.value })}\n`;
  const head = JSON.stringify({ vars: results.variables });
  const rows = results.solutions.map((solution) => JSON.stringify(solution));
  return `{"head":${head},"results":{"bindings":[${rows.length ? `\n${rows.join(',\n')}\n` : ''}]}}\n`;
}

// XML 1.0 cannot carry most control characters, escaped or not; they are written as U+FFFD.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xml = (text: string): string =>
  text.replace(NOT_XML, '\uFFFD').replace(/[&<>"]/g, (char) => XML_ESCAPES[char] ?? char);

function xmlTerm(value: ResultTerm): string {
  if (value.type === 'uri') return `<uri>${xml(value.value)}</uri>`;
  if (value.type === 'bnode') return `<bnode>${xml(value.value)}</bnode>`;
  if (value['xml:lang']) return `<literal xml:lang="${xml(value['xml:lang'])}">${xml(value.value)}</literal>`;
  if (value.datatype) return `<literal datatype="${xml(value.datatype)}">${xml(value.value)}</literal>`;
  return `<literal>${xml(value.value)}</literal>`;
}

function writeXml(results: QueryResults): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'];
  if (results.kind === 'boolean') {
    lines.push('  <head/>', `  <boolean>${results.value}</boolean>`);
  } else {
    lines.push('  <head>', ...results.variables.map((name) => `    <variable name="${xml(name)}"/>`), '  </head>');
    lines.push('  <results>');
    for (const solution of results.solutions) {
      lines.push('    <result>');
      for (const [name, value] of Object.entries(solution)) {
        lines.push(`      <binding name="${xml(name)}">${xmlTerm(value)}</binding>`);
      }
      lines.push('    </result>');
    }
    lines.push('  </results>');
  }
  lines.push('</sparql>', '');
  return lines.join('\n');
}

/** CSV (RFC 4180) as SPARQL 1.1 CSV defines it: lexical forms only, CRLF line ends. */
function writeCsv(variables: readonly string[], solutions: readonly Solution[]): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const cell = (value: ResultTerm | undefined) =>
    value === undefined ? '' : field(value.type === 'bnode' ? `_:${value.value}` : value.value);
  const rows = [variables.map(field).join(',')];
  for (const solution of solutions) rows.push(variables.map((name) => cell(solution[name])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

const TSV_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A term as SPARQL and Turtle write it, which is what a TSV cell holds. */
function turtleTerm(value: ResultTerm): string {
  // IRIs from an engine are valid IRIs, which hold none of the characters Turtle would escape.
  if (value.type === 'uri') return `<${value.value}>`;
  if (value.type === 'bnode') return `_:${value.value}`;
  const lexical = `"${value.value.replace(/[\\"\n\r\t]/g, (char) => TSV_ESCAPES[char] ?? char)}"`;
  if (value['xml:lang']) return `${lexical}@${value['xml:lang']}`;
  if (value.datatype && value.datatype !== RDF_LANG_STRING) return `${lexical}^^<${value.datatype}>`;
  return lexical;
}

/** TSV as SPARQL 1.1 TSV defines it: terms in SPARQL syntax, `?` before each variable in the header. */
function writeTsv(variables: readonly string[], solutions: readonly Solution[]): string {
  const rows = [variables.map((name) => `?${name}`).join('\t')];
  for (const solution of solutions) {
    rows.push(variables.map((name) => (solution[name] ? turtleTerm(solution[name]) : '')).join('\t'));
  }
  return `${rows.join('\n')}\n`;
}
