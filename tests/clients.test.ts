import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apolloClient, athletesOf } from '../clients/apollo.js';
import { athleteCard, relayEnvironment } from '../clients/relay/athlete-card.js';
import { countryAthletes } from '../clients/relay/country-athletes.js';
import { ranksOf, urqlClient } from '../clients/urql.js';
import { compareText } from '../src/graph/compare.js';
import { listenOnLoopback, PROJECT_ROOT, ranksInData, realApp } from './helpers.js';

type Server = Awaited<ReturnType<typeof listenOnLoopback>>;

const CLIENTS = path.join(PROJECT_ROOT, 'clients');
const GENERATED = path.join(CLIENTS, 'generated', 'graphql.ts');
const EXAMPLES = ['apollo.ts', 'urql.ts', 'relay/documents.ts', 'relay/athlete-card.ts', 'relay/country-athletes.ts'];
const bin = (name: string) => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);

let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = await listenOnLoopback();
  endpoint = `${server.url}/graphql`;
});
afterAll(() => server.close());

describe('generated types (graphql-codegen)', () => {
  it('clients/generated is what codegen writes for the schema today (run `npm run codegen`), with no `any`', async () => {
    const started = performance.now();
    const check = spawnSync(bin('graphql-codegen'), ['--config', 'clients/codegen.ts', '--check'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    console.log(`graphql-codegen --check: ${Math.round(performance.now() - started)} ms`);
    expect(`${check.stdout}${check.stderr}`).not.toContain('stale');
    expect(check.status).toBe(0);
    // Strict scalars give every custom scalar its type: no `any` stands anywhere a type does.
    expect(await readFile(GENERATED, 'utf8')).not.toMatch(/[:<,|(]\s*any\b|\bany\[\]|as any\b/);
  });

  it('the generated types and every client example type-check strictly', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(PROJECT_ROOT, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    expect(config?.options.strict).toBe(true);
    const roots = [GENERATED, ...EXAMPLES.map((file) => path.join(CLIENTS, file))];
    const program = ts.createProgram(roots, { ...config?.options, noEmit: true });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});

describe('relay-compiler', () => {
  it('compiles the fragments and queries of clients/relay against the schema, and its artifacts are current', () => {
    const run = spawnSync(bin('relay-compiler'), ['--validate'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/error/i);
    expect(run.status).toBe(0);
  });
});

describe('the client examples of the README, run against the server', () => {
  it('are in the README word for word', async () => {
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const file of EXAMPLES) {
      expect(readme, file).toContain(await readFile(path.join(CLIENTS, file), 'utf8'));
    }
  });

  it('Apollo Client pages through a country with fetchMore, the cache merging the pages', async () => {
    const { store } = await realApp();
    const country = store.countryByCode('PRK');
    const expected = [...store.athletesWhere({ country })].map((athlete) => athlete.facts.name);
    expect(expected.length).toBeGreaterThan(2);
    expect(await athletesOf(apolloClient(endpoint), 'PRK', 2)).toEqual(expected);
  });

  it('urql reads every rank the sources give, as numbers, preferred first', async () => {
    const { store } = await realApp();
    const athlete = store.get('athlete', 'rim-ju-song');
    const expected = [...(athlete ? store.resultsOfAthlete(athlete) : [])].map((result) => ({
      event: store.follow('event', result.facts.event).facts.name,
      ranks: [...store.claimsOf(result, 'rank')]
        .sort((a, b) => Number(b.preferred) - Number(a.preferred))
        .map((claim) => claim.value),
    }));
    expect(expected[0]?.ranks).toEqual(ranksInData());
    expect(await ranksOf(urqlClient(endpoint), 'rim-ju-song')).toEqual(expected);
  });

  it("Relay fetches a query and reads its fragment's data from the store", async () => {
    expect(await athleteCard(relayEnvironment(endpoint), 'rim-ju-song')).toEqual({
      name: 'Rim Ju-song',
      classifications: ['S6', 'SB5'],
      country: { name: 'North Korea' },
      results: { nodes: [{ rank: ranksInData()[0], event: { name: "Men's 50m freestyle S6" } }] },
    });
    expect(await athleteCard(relayEnvironment(endpoint), 'nobody')).toBeNull();
  });

  it('Relay scrolls through a nested, filtered list a page at a time, the connection handler merging the pages', async () => {
    const { store } = await realApp();
    const country = store.countryByCode('PRK');
    const expected = [...store.athletesWhere({ country })]
      .filter((athlete) => athlete.facts.sport.includes('Athletics'))
      .sort((a, b) => compareText(a.facts.name, b.facts.name) || compareText(a.slug, b.slug))
      .map((athlete) => ({ name: athlete.facts.name, sports: athlete.facts.sport }));
    expect(expected.length).toBeGreaterThan(1);
    const where = { sports: { some: { eq: 'Athletics' } } };
    const scrolled = await countryAthletes(relayEnvironment(endpoint), { code: 'PRK', first: 1, where });
    expect(scrolled?.athletes.totalCount).toBe(expected.length);
    expect(scrolled?.athletes.edges?.map((edge) => ({ name: edge?.node?.name, sports: edge?.node?.sports }))).toEqual(
      expected,
    );
    expect(scrolled?.athletes.pageInfo.hasNextPage).toBe(false);
    expect(await countryAthletes(relayEnvironment(endpoint), { code: 'XXX', first: 1, where })).toBeNull();
  });
});
