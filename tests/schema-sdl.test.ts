import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildSchema,
  type GraphQLAbstractType,
  type GraphQLObjectType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { POSSIBLE_TYPES_FILE, printedPossibleTypes, printedSchema, SCHEMA_FILE } from '../src/scripts/print-schema.js';
import { PROJECT_ROOT } from './helpers.js';

/** Runs the schema lint of `npm run lint` over an SDL text; its exit status and report. */
function lintSchema(sdl: string): { status: number | null; report: string } {
  const linter = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'graphql-schema-linter');
  const run = spawnSync(linter, ['--stdin', '--format', 'compact'], {
    cwd: PROJECT_ROOT,
    input: sdl,
    encoding: 'utf8',
  });
  return { status: run.status, report: `${run.stdout}${run.stderr}` };
}

describe('schema/schema.graphql', () => {
  it('is the SDL of the running schema (run `npm run schema:print` after changing it)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('schema/possible-types.json maps every interface and union to its types (run `npm run schema:print`)', async () => {
    expect(await readFile(POSSIBLE_TYPES_FILE, 'utf8')).toBe(printedPossibleTypes());
    const schema = buildSchema(printedSchema());
    const written = JSON.parse(printedPossibleTypes()) as Record<string, string[]>;
    for (const [name, members] of Object.entries(written)) {
      const type = schema.getType(name);
      expect(isAbstractType(type), name).toBe(true);
      expect(
        schema
          .getPossibleTypes(type as GraphQLAbstractType)
          .map(String)
          .sort(),
      ).toEqual(members);
    }
    expect(Object.keys(written)).toEqual(['ClaimValue', 'Entity', 'Node', 'Sourced']);
  });

  it('describes every type, field, argument and enum value: the schema lint passes, and fails on a gap', () => {
    expect(lintSchema(printedSchema())).toMatchObject({ status: 0 });
    const undescribed = printedSchema().replace('"""The number."""\n', '');
    const refused = lintSchema(undescribed);
    expect(refused.status).not.toBe(0);
    expect(refused.report).toContain('The field `IntValue.int` is missing a description.');
  });

  it('states the page limit on every first and last', () => {
    const schema = buildSchema(printedSchema());
    const pageArguments = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) || isInterfaceType(type))
      .flatMap((type) => Object.values((type as GraphQLObjectType).getFields()))
      .flatMap((field) => field.args.filter((arg) => arg.name === 'first' || arg.name === 'last'));
    expect(pageArguments.length).toBeGreaterThan(10);
    for (const argument of pageArguments) expect(argument.description).toContain('at most 100');
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
      'search(query: String!, types: [EntityType!], games: String, country: String, before: String, after: String, first: Int, last: Int): SearchConnection!',
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
