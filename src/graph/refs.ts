import { KINDS, type Kind } from './kinds.js';

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
