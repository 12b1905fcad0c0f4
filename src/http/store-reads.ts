import { BREAK, type DocumentNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../schema/index.js';

const isIncremental = (name: string) => name === 'defer' || name === 'stream';

/** Documents already looked at: the parser's cache gives the same document object for the same text. */
const partsOf = new WeakMap<DocumentNode, boolean>();

/** Whether the document asks for its answer in parts (@defer, @stream). */
function inParts(document: DocumentNode): boolean {
  const known = partsOf.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Directive: (node) => {
      if (!isIncremental(node.name.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  partsOf.set(document, found);
  return found;
}

/** The document without @defer and @stream: the same data, in one answer. */
const inOnePart = (document: DocumentNode): DocumentNode =>
  visit(document, { Directive: (node) => (isIncremental(node.name.value) ? null : undefined) });

/**
 * Runs each GraphQL execution inside its store's `read`, where the store fetches from elsewhere
 * (PostgreSQL): the operation runs again after each batched fetch until nothing is lacking, so
 * resolvers stay synchronous one-liners over the store. An embedded store is left alone. Each pass
 * after the first gets a context of its own (Pothos caches the nodes it loads per context, and what a
 * pass cached may stand for data it lacked) and a budget of its own, with the same deadline; a spent
 * budget ends the operation with its refusal alone, as on an embedded store. An answer delivered in
 * parts (@defer, @stream) cannot be run again once its first part is out: the same data is read first,
 * in one part, and the parts are then delivered from what that fetched.
 */
export function useStoreReads(): Plugin<Context> {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const first = args.contextValue as Context;
        // Passes after the first (see Store.read) get a context and a budget of their own.
        let last = first;
        let passes = 0;
        const pass = (given: typeof args) => {
          if (passes++ > 0) last = { ...first, ...(first.budget ? { budget: first.budget.renewed() } : {}) };
          return executeFn(last === first ? given : { ...given, contextValue: last });
        };
        const refused = (result: unknown) => (last.budget?.exceeded ? { errors: [last.budget.exceeded] } : result);
        const execute = (given: typeof args) =>
          Promise.resolve(first.store.read(() => pass(given))).then(refused) as ReturnType<typeof executeFn>;
        if (!first.store.remote) return executeFn(args);
        if (!inParts(args.document)) return execute(args);
        return Promise.resolve(execute({ ...args, document: inOnePart(args.document) })).then(() =>
          executeFn({
            ...args,
            contextValue: { ...first, ...(first.budget ? { budget: first.budget.renewed() } : {}) },
          }),
        ) as ReturnType<typeof executeFn>;
      });
    },
  };
}
