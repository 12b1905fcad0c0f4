import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useDocumentRules, useGetParameterChecks } from './document-rules.js';
import { type RefusalCode, refusal } from './errors.js';
import type { ExecutionBudget } from './execution-budget.js';
import { LIMITS } from './limits.js';
import { longestList, longestString, memoisedCost } from './request-checks.js';

export interface SecurityOptions {
  /** Development mode: "Did you mean" suggestions stay on. */
  readonly development: boolean;
  readonly introspection: boolean;
  /** Only operations from `trustedDocuments` run; arbitrary documents are refused. */
  readonly trustedDocumentsOnly: boolean;
  /** Trusted documents by id (their SHA-256). */
  readonly trustedDocuments: ReadonlyMap<string, string>;
}

/** Gives an armor refusal our stable code; armor raises plain GraphQL errors. */
const withCode =
  (code: RefusalCode) =>
  (_context: unknown, error: GraphQLError): void => {
    Object.assign(error.extensions, { code });
  };

/** Refuses operations whose estimated cost, page sizes from variables included, is over the limit. */
function useQueryCost(schema: GraphQLSchema): Plugin {
  const costOf = memoisedCost(schema);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const cost = costOf(
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | undefined,
      );
      if (cost > LIMITS.maxCost) {
        setResultAndStopExecution({
          errors: [
            refusal(
              `Query is too costly: about ${cost} objects, and the limit is ${LIMITS.maxCost}. Ask for smaller pages or fewer nested lists.`,
              'QUERY_TOO_COSTLY',
              {
                cost,
                maxCost: LIMITS.maxCost,
              },
            ),
          ],
        });
      }
    },
  };
}

/** Refuses variables holding a string or a list longer than the limits, before any work is done. */
function useStringLimits(): Plugin {
  return {
    onParams({ params }) {
      const items = longestList(params.variables);
      if (items > LIMITS.maxListLength) {
        throw refusal(
          `A variable holds a list of ${items} items; the limit is ${LIMITS.maxListLength}.`,
          'LIST_TOO_LONG',
          {
            maxListLength: LIMITS.maxListLength,
          },
        );
      }
      const longest = longestString(params.variables);
      if (longest > LIMITS.maxStringLength) {
        throw refusal(
          `A variable holds a string of ${longest} characters; the limit is ${LIMITS.maxStringLength}.`,
          'STRING_TOO_LONG',
          {
            maxStringLength: LIMITS.maxStringLength,
          },
        );
      }
    },
  };
}

/**
 * Ends an operation that runs past the deadline, or does more work than it may, with only the
 * refusal for an answer. Synchronous execution (in-memory resolvers, graphql-jit) cannot be
 * interrupted by a timer: the request's budget (execution-budget.ts) stops it from inside, and its
 * refusal replaces whatever partial result was made; asynchronous execution is also raced against a
 * timer. It must be the last plugin to set the execute function, so that it wraps whichever one
 * runs (compiled, cached).
 */
export function useExecutionDeadline(timeoutMs: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const budget = (args.contextValue as { budget?: ExecutionBudget } | undefined)?.budget;
        budget?.start(timeoutMs);
        const refused = <T>(result: T) => (budget?.exceeded ? ({ errors: [budget.exceeded] } as T) : result);
        const running = executeFn(args);
        if (typeof (running as { then?: unknown } | null)?.then !== 'function') return refused(running);
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise((resolve) => {
          timer = setTimeout(
            () => resolve({ errors: [refusal(`Operation timed out after ${timeoutMs} ms.`, 'EXECUTION_TIMEOUT')] }),
            timeoutMs,
          );
        });
        return Promise.race([running as PromiseLike<unknown>, deadline])
          .then(refused)
          .finally(() => clearTimeout(timer)) as ReturnType<typeof executeFn>;
      });
    },
  };
}

/** The query limits and switches of the public API; see README.md, "Limits and security". */
export function securityPlugins(schema: GraphQLSchema, options: SecurityOptions): Plugin[] {
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: {
        n: LIMITS.maxDepth,
        ignoreIntrospection: true,
        flattenFragments: true,
        onReject: [withCode('QUERY_TOO_DEEP')],
      },
      maxAliases: { n: LIMITS.maxAliases, onReject: [withCode('TOO_MANY_ALIASES')] },
      maxTokens: { n: LIMITS.maxTokens, onReject: [withCode('TOO_MANY_TOKENS')] },
      maxDirectives: { n: LIMITS.maxDirectives, onReject: [withCode('TOO_MANY_DIRECTIVES')] },
      // The static cost guard; useQueryCost below counts objects, with page sizes given in variables.
      // Depth is no cost factor here: every paged list adds two levels (`nodes`, or `edges { node }`).
      costLimit: {
        maxCost: 50_000,
        depthCostFactor: 1,
        ignoreIntrospection: true,
        onReject: [withCode('QUERY_TOO_COSTLY')],
      },
      blockFieldSuggestion: { enabled: !options.development },
    }) as Plugin,
    useGetParameterChecks(),
    useDocumentRules(),
    useStringLimits(),
    useQueryCost(schema),
  ];
  if (!options.introspection) plugins.push(useDisableIntrospection());
  if (options.trustedDocumentsOnly) {
    plugins.push(
      usePersistedOperations({
        getPersistedOperation: (id) => options.trustedDocuments.get(id) ?? null,
        allowArbitraryOperations: false,
        customErrors: {
          persistedQueryOnly: {
            message: 'This server only runs trusted documents: send extensions.persistedQuery.sha256Hash.',
            extensions: { code: 'PERSISTED_QUERY_ONLY' },
          },
          notFound: {
            message: 'No trusted document has that hash.',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
          },
        },
      }),
    );
  }
  return plugins;
}
