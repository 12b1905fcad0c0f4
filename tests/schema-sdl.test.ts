import { readFile } from 'node:fs/promises';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../src/scripts/print-schema.js';

describe('schema/schema.graphql', () => {
  it('is the SDL of the running schema (run `npm run schema:print` after changing it)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('declares the interfaces and root fields frontends rely on', () => {
    const schema = buildSchema(printedSchema());
    const query = schema.getQueryType()?.getFields() ?? {};
    const signature = (field: string) =>
      `${field}(${(query[field]?.args ?? []).map((arg) => `${arg.name}: ${arg.type}`).join(', ')}): ${query[field]?.type}`;

    expect(signature('node')).toBe('node(id: ID!): Node');
    expect(signature('nodes')).toBe('nodes(ids: [ID!]!): [Node]!');
    expect(signature('country')).toBe('country(code: String, slug: String): Country');
    expect(signature('search')).toBe(
      'search(query: String!, types: [EntityType!], before: String, after: String, first: Int, last: Int): EntityConnection!',
    );
    const entity = schema.getType('Entity');
    expect(entity && 'getFields' in entity ? Object.keys(entity.getFields()) : []).toEqual(
      expect.arrayContaining(['id', 'slug', 'name', 'alternateNames', 'iri', 'citations', 'claims']),
    );
    for (const type of ['Country', 'NPC', 'Games', 'Athlete', 'Event', 'Organisation', 'Report', 'Person']) {
      expect(schema.getPossibleTypes(schema.getType('Entity') as never).map(String)).toContain(type);
    }
    expect(String(schema.getType('Result'))).toBe('Result');
  });
});
