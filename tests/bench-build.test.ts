/**
 * `npm run bench` runs what `npm start` runs: JavaScript compiled by tsc. Its build (scripts/
 * build-if-stale.mjs bench) is rehearsed in a copy of the project, so that it races no other test for
 * dist/: it builds dist/ and dist-bench/ on a fresh clone, builds nothing again while nothing changed and
 * only the bench when only the bench changed, and the compiled bench server (the modules of dist/ through
 * dist-bench/src) opens the data as the server does, search index thread included, and answers the
 * bench's requests with the bytes of the app in-process.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, FRONTEND_MIX } from '../bench/queries.js';
import { loadGraph } from '../src/graph/loader.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR, PROJECT_ROOT } from './helpers.js';

/** What the bench's build reads: the sources, their configurations and the script itself. */
const COPIED = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.bench.json',
  'scripts',
  'src',
  'bench',
  'tests',
];

describe("the bench's build (scripts/build-if-stale.mjs bench), in a copy of the project", () => {
  let project: string;
  let server: ChildProcess | undefined;

  /** Runs the build in the copy; what it printed (it says what it builds on stderr). */
  async function build(): Promise<string> {
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(project, 'scripts', 'build-if-stale.mjs'), 'bench'],
      { cwd: project, timeout: 300_000 },
    );
    return stderr;
  }

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'paralympics-bench-build-'));
    for (const entry of COPIED)
      await cp(path.join(PROJECT_ROOT, entry), path.join(project, entry), { recursive: true });
    await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  });

  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    }
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('builds dist/ and dist-bench/ on a fresh clone, again only what changed, and links dist-bench/src to dist/', async () => {
    const first = await build();
    expect(first).toContain('Building dist/');
    expect(first).toContain('Building dist-bench/');
    expect(await realpath(path.join(project, 'dist-bench', 'src'))).toBe(await realpath(path.join(project, 'dist')));
    const compiled = await readdir(path.join(project, 'dist-bench', 'bench'));
    const scripts = (await readdir(path.join(project, 'bench'))).filter((name) => name.endsWith('.ts'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(compiled).toContain(script.replace(/\.ts$/, '.js'));
    // tsc's output, not a bundler's: no esbuild helpers (`__name`, what tsx's keepNames adds to every function).
    for (const file of compiled.filter((name) => name.endsWith('.js')))
      expect(await readFile(path.join(project, 'dist-bench', 'bench', file), 'utf8')).not.toContain('__name(');

    expect(await build()).toBe('');

    const stamp = await stat(path.join(project, 'dist-bench', '.built'));
    const later = new Date(stamp.mtimeMs + 2000);
    await utimes(path.join(project, 'bench', 'queries.ts'), later, later);
    const again = await build();
    expect(again).toContain('Building dist-bench/');
    expect(again).not.toContain('Building dist/');
  }, 600_000);

  it("answers the bench's frontend mix from the compiled server with the app's bytes", async () => {
    const cache = path.join(project, 'cache');
    await mkdir(cache);
    server = spawn(process.execPath, [path.join(project, 'dist-bench', 'bench', 'server.js')], {
      cwd: project,
      env: { ...process.env, VARIANT: 'ours-uncached', DATA_DIR, STORE_CACHE: cache, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk;
        const ready = output.match(/^ready (\d+) \d+$/m);
        if (ready) resolve(Number(ready[1]));
      };
      server?.stdout?.on('data', read);
      server?.stderr?.on('data', read);
      server?.once('exit', (code) => reject(new Error(`the compiled bench server exited with ${code}: ${output}`)));
    });
    // Opened as the server opens a store it has no snapshot of: compiled, the search index built in a
    // worker thread (dist/graph/fulltext/build-worker.js, found beside its module).
    expect(output).toMatch(/Built the search index .* in a thread of its own/);

    const app = createApp({ store: await loadGraph(DATA_DIR), publicBaseUrl: 'http://127.0.0.1' });
    for (const [name, query] of Object.entries(FRONTEND_MIX)) {
      const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(query) };
      const served = await fetch(`http://127.0.0.1:${port}/graphql`, request);
      const expected = await app.fetch('http://127.0.0.1/graphql', request);
      expect(served.status, name).toBe(200);
      const text = await served.text();
      expect(text, name).not.toContain('"errors"');
      expect(text, name).toBe(await expected.text());
    }
  }, 120_000);
});
