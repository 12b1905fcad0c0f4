import { createGraphQLError } from 'graphql-yoga';
import type { Athlete, Country, Games } from '../graph/model.js';
import type { Store } from '../graph/store.js';

/** Refuses a lookup given none, or more than one, of its alternative keys. */
export function requireOneKey(field: string, keys: Readonly<Record<string, string | null | undefined>>): void {
  let given = 0;
  for (const key in keys) if (keys[key] != null) given += 1;
  if (given !== 1) {
    throw createGraphQLError(`${field} takes exactly one of: ${Object.keys(keys).join(', ')}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}

/** Refuses a filter that names an entity that does not exist, rather than returning nothing. */
function unknownFilterValue(argument: string, value: string): never {
  throw createGraphQLError(`No ${argument} "${value}" exists.`, { extensions: { code: 'NOT_FOUND', argument } });
}

export const countryFilter = (store: Store, code: string | null | undefined): Country | null =>
  code == null ? null : (store.countryByCode(code) ?? unknownFilterValue('country', code));

export const gamesFilter = (store: Store, slug: string | null | undefined): Games | null =>
  slug == null ? null : (store.get('games', slug) ?? unknownFilterValue('games', slug));

export const athleteFilter = (store: Store, slug: string | null | undefined): Athlete | null =>
  slug == null ? null : (store.get('athlete', slug) ?? unknownFilterValue('athlete', slug));

/** Why a root list's fixed filter argument is deprecated: the `where` that replaces it. */
export const deprecatedFilter = (where: string): string =>
  `Use \`where: { ${where} }\`, which composes with every other filter and with \`orderBy\`.`;
