import sparqljs from 'sparqljs';
import { NS } from '../linked-data/namespaces.js';
import { SparqlRefusal } from './errors.js';
import type { SparqlLimits } from './limits.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** A read query that passed every check, ready for any engine. */
export interface PreparedQuery {
  readonly form: QueryForm;
  /**
   * The query as engines get it: regenerated from its syntax tree, so that only standard SPARQL 1.1
   * reaches them, every IRI is absolute, and LIMIT is at most one more than the results allowed (the
   * one more tells a complete answer from a cut one).
   */
  readonly text: string;
  /** Whether the query names its own dataset with FROM or FROM NAMED. */
  readonly namesDataset: boolean;
  /** False when two runs may answer differently (NOW, RAND, UUID, STRUUID, BNODE). */
  readonly deterministic: boolean;
  /** The prefixes the query declares, for Turtle answers. */
  readonly prefixes: Readonly<Record<string, string>>;
}

/** Built-in functions whose value changes from one evaluation to the next. */
const NON_DETERMINISTIC = new Set(['now', 'rand', 'uuid', 'struuid', 'bnode']);

/** Syntax-tree nodes that nest: groups, patterns, sub-queries, expressions and property paths. */
const hasType = (value: object): value is { type: string } => typeof (value as { type?: unknown }).type === 'string';

/**
 * Parses and checks a read query: SPARQL 1.1 syntax, no update, no SERVICE (the endpoint fetches
 * nothing on anyone's behalf), only standard functions and XSD casts, bounded nesting. Relative IRIs
 * resolve against `baseIri` (the endpoint's own IRI). Refusals carry their own short messages.
 */
export function prepareQuery(source: string, baseIri: string, limits: SparqlLimits): PreparedQuery {
  if (source.length > limits.maxQueryLength) {
    throw new SparqlRefusal(
      'QUERY_TOO_LONG',
      `The query has ${source.length} characters; the limit is ${limits.maxQueryLength}.`,
    );
  }
  if (source.trim() === '') throw new SparqlRefusal('MISSING_QUERY', 'The query is empty.');
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(source);
  } catch (error) {
    throw new SparqlRefusal('MALFORMED_QUERY', syntaxMessage(error));
  }
  if (parsed.type === 'update') {
    throw new SparqlRefusal('UPDATE_NOT_ALLOWED', 'This endpoint is read-only: SPARQL Update is not accepted.');
  }
  const deterministic = checkTree(parsed, limits.maxNesting);
  const maximum = limits.maxResults + 1;
  // The typings leave LIMIT off CONSTRUCT, which the grammar and the parser give it.
  const paged = parsed as { limit?: number };
  if (parsed.queryType !== 'ASK' && (paged.limit === undefined || paged.limit > maximum)) paged.limit = maximum;
  let text: string;
  try {
    text = new sparqljs.Generator().stringify(parsed);
  } catch {
    throw new SparqlRefusal('QUERY_NOT_SUPPORTED', 'The endpoint cannot evaluate this query.');
  }
  return {
    form: parsed.queryType,
    text,
    namesDataset: (parsed.from?.default.length ?? 0) + (parsed.from?.named.length ?? 0) > 0,
    deterministic,
    prefixes: parsed.prefixes,
  };
}

/** Walks the syntax tree once: nesting, SERVICE, custom functions; returns whether it is deterministic. */
function checkTree(root: object, maxNesting: number): boolean {
  let deterministic = true;
  const visit = (node: unknown, nesting: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, nesting);
      return;
    }
    let depth = nesting;
    if (hasType(node)) {
      depth += 1;
      if (depth > maxNesting) {
        throw new SparqlRefusal(
          'QUERY_TOO_DEEP',
          `The query nests groups, sub-queries or expressions more than ${maxNesting} deep.`,
        );
      }
      const typed = node as { type: string; operator?: string; function?: { termType?: string; value?: string } };
      if (typed.type === 'service') {
        throw new SparqlRefusal(
          'SERVICE_NOT_ALLOWED',
          'Federated queries (SERVICE) are not evaluated here: the endpoint answers from its own data only.',
        );
      }
      if (typed.type === 'operation' && NON_DETERMINISTIC.has(typed.operator ?? '')) deterministic = false;
      if (typed.type === 'functionCall' && typed.function?.termType === 'NamedNode') {
        const name = typed.function.value ?? '';
        if (!name.startsWith(NS.xsd)) {
          throw new SparqlRefusal(
            'FUNCTION_NOT_SUPPORTED',
            `The function <${truncate(name)}> is not supported: only SPARQL 1.1's built-in functions and XSD casts are.`,
          );
        }
      }
    }
    for (const value of Object.values(node)) visit(value, depth);
  };
  visit(root, 0);
  return deterministic;
}

const truncate = (text: string, length = 60): string => (text.length > length ? `${text.slice(0, length)}…` : text);

/** Jison's parse errors carry where they happened and the token found there. */
interface ParseErrorDetails {
  readonly text?: string;
  readonly token?: string;
  readonly loc?: { readonly first_line?: number; readonly first_column?: number };
}

/** A short message of our own for a syntax error: where it is and what was found, never the parser's text. */
function syntaxMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const details = (error as { hash?: ParseErrorDetails } | null)?.hash;
  if (details?.loc?.first_line !== undefined) {
    const where = `line ${details.loc.first_line}, column ${(details.loc.first_column ?? 0) + 1}`;
    const found =
      details.token === 'EOF' ? 'the query ends too early' : `unexpected "${truncate(details.text ?? '', 40)}"`;
    return `The query is not valid SPARQL 1.1: ${found} at ${where}.`;
  }
  const prefix = message.match(/^Unknown prefix: (.*)$/)?.[1];
  if (prefix !== undefined)
    return `The query is not valid SPARQL 1.1: the prefix "${truncate(prefix, 40)}:" is not declared.`;
  const ungrouped = message.match(/^Projection of ungrouped variable \((\?\S+)\)$/)?.[1];
  if (ungrouped !== undefined) {
    return `The query is not valid SPARQL 1.1: ${truncate(ungrouped, 40)} is selected but neither grouped nor aggregated.`;
  }
  return 'The query is not valid SPARQL 1.1.';
}
