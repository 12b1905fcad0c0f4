import {
  defaultFieldResolver,
  type GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isObjectType,
} from 'graphql';
import { refusal } from './errors.js';
import { InlineWork, inlineFields } from './inline-work.js';
import { LIMITS } from './limits.js';

/**
 * What one JSON-LD node costs, in objects: a node carries about as many values as two objects of
 * an answer (about 450 bytes against 200). A record's document holds some 20 nodes.
 */
export const JSONLD_NODE_COST = 2;

/** How often (in charges) the clock is read: often enough to stop within milliseconds of the deadline. */
const CLOCK_EVERY = 64;

/**
 * The work one operation may do, counted as it is done. The cost estimate (query-cost.ts) guesses
 * the size of lists before running; this counts the objects actually resolved, list by list, and
 * the nodes of every JSON-LD document made, and reads the clock as it goes. Execution is
 * synchronous here (in-memory resolvers, graphql-jit), so a timer could never interrupt it: the
 * budget is what stops an operation that grows past its work limit or its deadline, from inside.
 * Once spent, every further charge fails at once, and the operation's answer is the refusal alone.
 */
export class ExecutionBudget {
  #work = 0;
  #charges = 0;
  #deadline = Number.POSITIVE_INFINITY;
  #timeoutMs = 0;
  /** The refusal that ended the operation, once it has. */
  exceeded: GraphQLError | undefined;

  constructor(private readonly maxWork: number = LIMITS.maxWork) {}

  /** Starts the clock: the operation must end within `timeoutMs`. */
  start(timeoutMs: number): void {
    this.#timeoutMs = timeoutMs;
    this.#deadline = performance.now() + timeoutMs;
  }

  /**
   * A budget for running the same operation again (a store's next pass, see Store.read): the same
   * limit and deadline, its work counted afresh.
   */
  renewed(): ExecutionBudget {
    const budget = new ExecutionBudget(this.maxWork);
    budget.#timeoutMs = this.#timeoutMs;
    budget.#deadline = this.#deadline;
    return budget;
  }

  /** The objects resolved so far. */
  get work(): number {
    return this.#work;
  }

  /** Counts `units` of work; throws (and keeps throwing) once the work limit or the deadline is passed. */
  charge(units: number): void {
    if (this.exceeded) throw this.exceeded;
    this.#work += units;
    if (this.#work > this.maxWork) {
      this.exceeded = refusal(
        `Query is too costly: it resolved more than ${this.maxWork} objects. Ask for smaller pages or fewer nested lists.`,
        'QUERY_TOO_COSTLY',
        { maxWork: this.maxWork },
      );
      throw this.exceeded;
    }
    this.#charges += 1;
    if (this.#charges % CLOCK_EVERY === 0 && performance.now() > this.#deadline) {
      this.exceeded = refusal(`Operation timed out after ${this.#timeoutMs} ms.`, 'EXECUTION_TIMEOUT');
      throw this.exceeded;
    }
  }
}

interface Budgeted {
  readonly budget?: ExecutionBudget;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

/** What a resolved value costs: a list its length, a JSON-LD document its nodes, anything else one. */
function costOf(value: unknown, isJsonLd: boolean): number {
  if (isJsonLd) {
    const graph = (value as { '@graph'?: unknown } | null)?.['@graph'];
    return 1 + (Array.isArray(graph) ? graph.length * JSONLD_NODE_COST : 0);
  }
  return Array.isArray(value) ? value.length : 0;
}

/**
 * Charges every object-valued field and every `jsonld` field of the schema to the request's budget
 * (`context.budget`): one for the field, then the length of a list or the nodes of a document. A
 * context without a budget (a test's own executor) runs unmetered. Introspection is not metered.
 *
 * With `inline`, the fields that only read a property of their parent (see inlineFields) are left
 * without a resolver, which graphql-jit reads inline, and each is charged the same units by the field
 * with a resolver above it, when that one resolves, from its selection: the total, and so every
 * refusal, is the same. Only for a plan that runs in one go: incremental delivery runs a deferred
 * field after its parent, so a schema for it charges each field as it runs.
 */
export function withExecutionBudget(
  schema: GraphQLSchema,
  { inline = false }: { inline?: boolean } = {},
): GraphQLSchema {
  const unwrapped = inline ? inlineFields(schema) : new Set<GraphQLField<unknown, unknown>>();
  const below = new InlineWork(unwrapped);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const isJsonLd = field.name === 'jsonld';
      if (!isJsonLd && !isCompositeType(getNamedType(field.type))) continue;
      if (unwrapped.has(field as GraphQLField<unknown, unknown>)) continue;
      const resolve: GraphQLFieldResolver<unknown, Budgeted> = field.resolve ?? defaultFieldResolver;
      const costOfValue = below.readsBelow(field.type)
        ? (value: unknown, info: GraphQLResolveInfo) => costOf(value, isJsonLd) + below.of(value, info)
        : (value: unknown) => costOf(value, isJsonLd);
      field.resolve = (source, args, context: Budgeted, info) => {
        const budget = context?.budget;
        if (!budget) return resolve(source, args, context, info);
        budget.charge(1);
        const value = resolve(source, args, context, info);
        if (!isThenable(value)) {
          budget.charge(costOfValue(value, info));
          return value;
        }
        return Promise.resolve(value).then((resolved) => {
          budget.charge(costOfValue(resolved, info));
          return resolved;
        });
      };
    }
  }
  return schema;
}
