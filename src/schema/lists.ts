import type { Kind } from '../graph/kinds.js';
import type { EntityRecord } from '../graph/model.js';
import { type OrderTerm, RECORDS_BY_KIND } from '../graph/query/order.js';
import { InvalidCursorError, type Page, type PageArgs, pageOfList, selectPage } from '../graph/query/select.js';
import type { Where } from '../graph/query/where.js';
import type { Store, View } from '../graph/store.js';
import { refusal } from '../security/errors.js';
import { LIMITS } from '../security/limits.js';

/** Refuses page sizes that are negative or above the limit, before anything is read. */
export function checkPageSize(args: PageArgs): void {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size == null) continue;
    if (size < 0) throw refusal(`"${name}" must not be negative.`, 'BAD_USER_INPUT');
    if (size > LIMITS.maxPageSize) {
      throw refusal(
        `"${name}" must be at most ${LIMITS.maxPageSize}; ask for the next page with "after"/"before".`,
        'PAGE_SIZE_EXCEEDED',
        { maxPageSize: LIMITS.maxPageSize },
      );
    }
  }
}

export interface ListArgs extends PageArgs {
  readonly where?: Where | null;
  readonly orderBy?: readonly OrderTerm[] | null;
}

/**
 * One page of a list of records of `kind` (the whole kind, or `base`, a relation's list), filtered
 * and ordered as asked, with keyset cursors; refusals for bad sizes, orders and cursors.
 */
export function recordPage<K extends Kind>(
  store: Store,
  kind: K,
  args: ListArgs,
  base?: View<EntityRecord<K>>,
): Page<EntityRecord<K>> {
  checkPageSize(args);
  if (args.orderBy && args.orderBy.length > LIMITS.maxOrderKeys) {
    throw refusal(`"orderBy" takes at most ${LIMITS.maxOrderKeys} keys.`, 'BAD_USER_INPUT', {
      maxOrderKeys: LIMITS.maxOrderKeys,
    });
  }
  return withCursorRefusals(
    () =>
      selectPage(
        store,
        { kind, where: args.where ?? null, orderBy: args.orderBy ?? null, ...(base ? { base } : {}) },
        args,
      ) as Page<EntityRecord<K>>,
  );
}

/** One page of a list of records of several kinds, kind by kind, with keyset cursors. */
export function sourcedPage(store: Store, args: PageArgs, list: View<EntityRecord>): Page<EntityRecord> {
  checkPageSize(args);
  return withCursorRefusals(() => pageOfList(store, RECORDS_BY_KIND, list, args));
}

function withCursorRefusals<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw refusal(
        `"${error.argument}" is not a cursor of this list in this order: pass a cursor this list gave, with the same orderBy.`,
        'INVALID_CURSOR',
        { argument: error.argument },
      );
    }
    throw error;
  }
}
