import type { FactSpecs } from './facts.js';
import { FACTS, KINDS, type Kind } from './kinds.js';

/** A reference from one entity to another, as a fact's value names it. */
export interface EntityRef {
  readonly kind: Kind;
  readonly slug: string;
}

const isKind = (value: string): value is Kind => (KINDS as readonly string[]).includes(value);

/**
 * Reads a reference value: a bare slug where the property names one kind of entity, `kind/slug`
 * where it may name several (an author is a person or an organisation). Null when malformed.
 */
export function parseRef(targets: readonly Kind[], value: string): EntityRef | null {
  const [only] = targets;
  if (targets.length === 1 && only !== undefined) return { kind: only, slug: value };
  const [kind, slug, ...rest] = value.split('/');
  if (kind === undefined || slug === undefined || slug === '' || rest.length > 0) return null;
  return isKind(kind) && targets.includes(kind) ? { kind, slug } : null;
}

export const refKey = (ref: EntityRef): string => `${ref.kind}/${ref.slug}`;

/** A property whose values name other records. */
export interface PointingProperty {
  readonly property: string;
  readonly targets: readonly Kind[];
  readonly many: boolean;
}

/**
 * Each kind's properties whose values name the records they point to: every reference among its
 * facts but a report's `citedBy`, which names the reports that cite it (they point to it).
 */
export const POINTING_PROPERTIES: Readonly<Record<Kind, readonly PointingProperty[]>> = (() => {
  const byKind = {} as Record<Kind, PointingProperty[]>;
  for (const kind of KINDS) {
    byKind[kind] = Object.entries(FACTS[kind] as FactSpecs).flatMap(([property, spec]) =>
      spec.refersTo === undefined || (kind === 'report' && property === 'citedBy')
        ? []
        : [{ property, targets: spec.refersTo, many: spec.cardinality === 'many' }],
    );
  }
  return byKind;
})();
