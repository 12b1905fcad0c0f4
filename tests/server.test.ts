import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../src/examples.js';
import { PROJECT_ROOT } from './helpers.js';

const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
}

/** Starts `src/server.ts` as `npm start` does, on a free loopback port. */
function startServer(env: Record<string, string>): Started {
  const child = spawn(TSX, ['src/server.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

async function waitForUrl(server: Started): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const match = server.output().match(/GraphiQL at (http:\/\/[\d.]+:\d+)\/graphql/);
    if (match?.[1]) return match[1];
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server did not start: ${server.output()}`);
}

describe('the server on loopback', () => {
  let server: Started;
  let url: string;

  beforeAll(async () => {
    server = startServer({});
    url = await waitForUrl(server);
  });

  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('answers /healthz once the graph is loaded', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('serves GraphiQL to browsers, opening on the example query', async () => {
    const response = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('paralympics-graph');
    expect(html).toContain('NorthKoreaAtTheParalympics');
  });

  it('runs the example query without errors, over GET and POST', async () => {
    const post = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: EXAMPLE_QUERY }),
    });
    const body = (await post.json()) as { data?: { country?: { name?: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.country?.name).toBe('North Korea');
    const get = await fetch(`${url}/graphql?query=${encodeURIComponent('{ country(code: "PRK") { iri } }')}`);
    expect(await get.json()).toEqual({ data: { country: { iri: `${url}/id/country/north-korea` } } });
  });

  it('uses PUBLIC_BASE_URL for IRIs when set', async () => {
    const other = startServer({ PUBLIC_BASE_URL: 'https://data.example.org/' });
    try {
      const otherUrl = await waitForUrl(other);
      const response = await fetch(
        `${otherUrl}/graphql?query=${encodeURIComponent('{ athlete(slug: "rim-ju-song") { iri } }')}`,
      );
      expect(await response.json()).toEqual({
        data: { athlete: { iri: 'https://data.example.org/id/athlete/rim-ju-song' } },
      });
    } finally {
      other.child.kill('SIGKILL');
    }
  });

  it('shuts down cleanly on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    const [code] = await once(server.child, 'exit');
    expect(code).toBe(0);
    expect(server.output()).toContain('SIGTERM received');
  });
});

describe('starting on bad data or settings', () => {
  it('refuses to start on broken data, naming file, record and field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paralympics-broken-'));
    try {
      const { cp } = await import('node:fs/promises');
      await cp(path.join(PROJECT_ROOT, 'data'), dir, { recursive: true });
      await writeFile(
        path.join(dir, 'people.json'),
        JSON.stringify([
          { slug: 'someone', citations: [{ report: 'nowhere' }], facts: { name: { value: 'X', citations: [] } } },
        ]),
      );
      const broken = startServer({ DATA_DIR: dir });
      const [code] = await once(broken.child, 'exit');
      expect(code).toBe(1);
      expect(broken.output()).toContain('Refusing to start');
      expect(broken.output()).toContain(
        'people.json › someone › facts.name[0].citations: every claim cites at least one report',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed setting, naming the variable', async () => {
    const bad = startServer({ PORT: 'eighty' });
    const [code] = await once(bad.child, 'exit');
    expect(code).toBe(1);
    expect(bad.output()).toMatch(/Invalid configuration:\n\s+- PORT:/);
  });
});
