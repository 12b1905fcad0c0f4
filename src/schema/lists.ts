import type { Kind } from '../graph/kinds.js';
import type { EntityRecord, Report } from '../graph/model.js';
import { supportedParts } from '../graph/query/mixed.js';
import { mixedOrderingOf, type OrderTerm, RECORDS_BY_KIND } from '../graph/query/order.js';
import {
  InvalidCursorError,
  type Meter,
  type Page,
  type PageArgs,
  pageOfList,
  selectAcrossKinds,
  selectPage,
} from '../graph/query/select.js';
import { filters, type Where } from '../graph/query/where.js';
import type { Store, View } from '../graph/store.js';
import { refusal } from '../security/errors.js';
import type { ExecutionBudget } from '../security/execution-budget.js';
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

/** What a list's resolver takes of the request: the store, and the budget its reading is charged to. */
export interface ListContext {
  readonly store: Store;
  readonly budget?: ExecutionBudget | undefined;
}

/**
 * Records a list may read (testing them against its filter, or sorting them) for one unit of the
 * operation's work budget: reading a record costs less than resolving an object of the answer.
 */
export const RECORDS_PER_WORK_UNIT = 16;

/** Charges the records a list reads to the budget, a unit per {@link RECORDS_PER_WORK_UNIT}. */
function meterOf(budget: ExecutionBudget): Meter {
  let unpaid = 0;
  return (records) => {
    unpaid += records;
    if (unpaid < RECORDS_PER_WORK_UNIT) return;
    const units = Math.floor(unpaid / RECORDS_PER_WORK_UNIT);
    unpaid -= units * RECORDS_PER_WORK_UNIT;
    budget.charge(units);
  };
}

export interface ListArgs extends PageArgs {
  readonly where?: Where | null;
  readonly orderBy?: readonly OrderTerm[] | null;
}

/**
 * One page of a list of records of `kind` (the whole kind, or `base`, a relation's list), filtered
 * and ordered as asked, with keyset cursors; refusals for bad sizes, orders and cursors. The records
 * read to find the page count in the operation's work.
 */
export function recordPage<K extends Kind>(
  { store, budget }: ListContext,
  kind: K,
  args: ListArgs,
  base?: View<EntityRecord<K>>,
): Page<EntityRecord<K>> {
  checkPageSize(args);
  checkOrderSize(args);
  return withCursorRefusals(
    () =>
      selectPage(
        store,
        {
          kind,
          where: args.where ?? null,
          orderBy: args.orderBy ?? null,
          base,
          meter: budget ? meterOf(budget) : undefined,
        },
        args,
      ) as Page<EntityRecord<K>>,
  );
}

/** One page of a list of records of several kinds, kind by kind, with keyset cursors. */
export function sourcedPage(store: Store, args: PageArgs, list: View<EntityRecord>): Page<EntityRecord> {
  checkPageSize(args);
  return withCursorRefusals(() => pageOfList(store, RECORDS_BY_KIND, list, args));
}

/**
 * One page of the records a report supports, filtered and ordered as asked: each type's records
 * selected as its own list is (`sources` naming the report, and the filter), merged in the order.
 * Unfiltered in the list's own order, the citing index's list is paged as it is.
 */
export function supportsPage({ store, budget }: ListContext, report: Report, args: ListArgs): Page<EntityRecord> {
  checkPageSize(args);
  checkOrderSize(args);
  if (!filters(args.where) && !args.orderBy?.length) return sourcedPage(store, args, store.entitiesCiting(report));
  return withCursorRefusals(() =>
    selectAcrossKinds(
      store,
      supportedParts(report.slug, args.where),
      mixedOrderingOf(args.orderBy),
      args,
      budget ? meterOf(budget) : undefined,
    ),
  );
}

function checkOrderSize(args: ListArgs): void {
  if (args.orderBy && args.orderBy.length > LIMITS.maxOrderKeys) {
    throw refusal(`"orderBy" takes at most ${LIMITS.maxOrderKeys} keys.`, 'BAD_USER_INPUT', {
      maxOrderKeys: LIMITS.maxOrderKeys,
    });
  }
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
