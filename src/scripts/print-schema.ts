import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type GraphQLSchema, isAbstractType, printSchema } from 'graphql';
import { schema } from '../schema/index.js';

/** The SDL as committed in `schema/schema.graphql`. */
export const printedSchema = (): string => `${printSchema(schema)}\n`;

/**
 * Every interface and union with the object types that can stand for it, in the shape Apollo Client's
 * `possibleTypes` option takes (and codegen's fragment matchers write), names sorted.
 */
export function possibleTypes(served: GraphQLSchema = schema): Record<string, string[]> {
  const abstract = Object.values(served.getTypeMap())
    .filter(isAbstractType)
    .filter((type) => !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  return Object.fromEntries(
    abstract.map((type) => [
      type.name,
      served
        .getPossibleTypes(type)
        .map((member) => member.name)
        .sort(),
    ]),
  );
}

/** `schema/possible-types.json` as committed. */
export const printedPossibleTypes = (): string => `${JSON.stringify(possibleTypes(), null, 2)}\n`;

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
export const POSSIBLE_TYPES_FILE = fileURLToPath(new URL('../../schema/possible-types.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--stdout')) {
    // For the schema lint (`npm run lint`), which reads the SDL of the code as it is, not as last printed.
    process.stdout.write(printedSchema());
  } else {
    await writeFile(SCHEMA_FILE, printedSchema());
    await writeFile(POSSIBLE_TYPES_FILE, printedPossibleTypes());
    console.log(`Wrote ${SCHEMA_FILE} and ${POSSIBLE_TYPES_FILE}`);
  }
}
