import { KINDS, type Kind } from '../kinds.js';
import type { KindPart } from './select.js';
import { type ScalarFilter, scalarTest, type Where } from './where.js';

/**
 * Filters on a list of records of several kinds (the records a report supports): `type`, and the
 * fields every kind shares (`slug`, `name`, `sources`), with `AND`, `OR` and `NOT`. Each is answered
 * kind by kind: the filter is turned into one on each kind, as a list of that kind would be filtered
 * (over ids and bitsets where the store keeps them), or into a constant where it decides the kind
 * whole (`type`, or `name` on kinds without names).
 */

/** The predicates on the type of a record, by its kind. */
export interface TypeFilter {
  readonly eq?: Kind | null;
  readonly in?: readonly Kind[] | null;
}

/** Kinds whose records have a name. */
const NAMED = new Set<Kind>(KINDS.filter((kind) => kind !== 'delegation' && kind !== 'result'));

/** Every one of the parts: false when one is, true when all are (or there are none). */
function allOf(parts: readonly (Where | boolean)[]): Where | boolean {
  if (parts.some((part) => part === false)) return false;
  const kept = parts.filter((part): part is Where => part !== true);
  if (kept.length === 0) return true;
  return kept.length === 1 ? (kept[0] as Where) : { AND: kept };
}

/** Any one of the parts: true when one is, false when none is left. */
function anyOf(parts: readonly (Where | boolean)[]): Where | boolean {
  if (parts.some((part) => part === true)) return true;
  const kept = parts.filter((part): part is Where => part !== false);
  if (kept.length === 0) return false;
  return kept.length === 1 ? (kept[0] as Where) : { OR: kept };
}

/**
 * A filter on records of several kinds as a filter on the records of one kind: a `where` of that
 * kind, or true (every record of the kind passes) or false (none does).
 */
export function filterOfKind(where: Where, kind: Kind): Where | boolean {
  const parts: (Where | boolean)[] = [];
  for (const [name, filter] of Object.entries(where)) {
    if (filter == null) continue;
    switch (name) {
      case 'AND':
        parts.push(allOf((filter as readonly Where[]).map((part) => filterOfKind(part, kind))));
        break;
      case 'OR':
        parts.push(anyOf((filter as readonly Where[]).map((part) => filterOfKind(part, kind))));
        break;
      case 'NOT': {
        const inner = filterOfKind(filter as Where, kind);
        parts.push(typeof inner === 'boolean' ? !inner : { NOT: inner });
        break;
      }
      case 'type': {
        const { eq, in: among } = filter as TypeFilter;
        parts.push((eq == null || eq === kind) && (among == null || among.includes(kind)));
        break;
      }
      case 'name':
        // A participation or a result has no name: the filter holds of all of them or of none.
        parts.push(NAMED.has(kind) ? { name: filter } : scalarTest('text', filter as ScalarFilter)(null));
        break;
      default:
        parts.push({ [name]: filter });
    }
  }
  return allOf(parts);
}

/**
 * The records of each kind a report supports that pass a filter: the kind's records whose sources
 * include the report (the citing index answers it), and the filter as one on the kind. Kinds the
 * filter excludes whole are left out.
 */
export function supportedParts(report: string, where: Where | null | undefined): KindPart[] {
  const cites: Where = { sources: { some: { slug: { eq: report } } } };
  return KINDS.flatMap((kind) => {
    const filter = where ? filterOfKind(where, kind) : true;
    if (filter === false) return [];
    return [{ kind, where: filter === true ? cites : { AND: [cites, filter] } }];
  });
}
