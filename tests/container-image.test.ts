import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Copy, type Dockerfile, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, PROJECT_ROOT } from './helpers.js';

/**
 * deploy/Dockerfile, checked on machines that have no Docker: the Docker language server's validator
 * (dockerfile-utils: the checks Docker's builder makes) finds nothing; the image pins package.json's
 * Node, copies only files that exist and that .dockerignore lets into the build context, and runs as an
 * unprivileged user under tini; and the final stage is rehearsed in a temporary directory standing for
 * /app: the dependencies stage's own command installs the production dependencies, the build stage's
 * output is compiled by tsc (what its `npm run build` runs), the final stage's files are copied and its
 * command run with its environment — the snapshot compiles, the health check passes, the server answers
 * GraphQL, GraphiQL, pages, linked data and SPARQL with nothing but production dependencies, and stops
 * on SIGTERM.
 */
const DOCKERFILE = path.join(PROJECT_ROOT, 'deploy', 'Dockerfile');
const run = promisify(execFile);
// Docker's own .dockerignore matcher (a CommonJS module whose typings declare an ES default export).
const ignore = createRequire(import.meta.url)('@balena/dockerignore') as typeof import('@balena/dockerignore').default;

interface Stage {
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

/** The build stages in order, each with the instructions after its FROM. */
function stagesOf(dockerfile: Dockerfile): Stage[] {
  const froms = dockerfile.getFROMs();
  return froms.map((from, index) => {
    const start = from.getRange().start.line;
    const end = froms[index + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
    return {
      name: from.getBuildStage(),
      instructions: dockerfile.getInstructions().filter((instruction) => {
        const line = instruction.getRange().start.line;
        return line > start && line < end;
      }),
    };
  });
}

const keyword = (stage: Stage, name: string) =>
  stage.instructions.filter((instruction) => instruction.getKeyword() === name);

/** An exec-form (JSON array) instruction's words; undefined for the shell form. */
function execForm(instruction: Instruction): string[] | undefined {
  const content = instruction.getArgumentsContent() ?? '';
  return content.trimStart().startsWith('[') ? (JSON.parse(content) as string[]) : undefined;
}

/** A COPY's sources and destination, and the stage it copies from, if any. */
function copyOf(instruction: Instruction): { from?: string; sources: string[]; destination: string } {
  const copy = instruction as Copy;
  const words = copy.getArguments().map((argument) => argument.getValue());
  const destination = words.at(-1) ?? '';
  const from = copy.getFromFlag()?.getValue() ?? undefined;
  return { ...(from ? { from } : {}), sources: words.slice(0, -1), destination };
}

const text = await readFile(DOCKERFILE, 'utf8');
const dockerfile = DockerfileParser.parse(text);
const stages = stagesOf(dockerfile);
const final = stages.at(-1) as Stage;
const stageNamed = (name: string) => stages.find((stage) => stage.name === name) as Stage;

describe('deploy/Dockerfile', () => {
  it("passes the Docker language server's validator", () => {
    expect(validate(text).map((problem) => `${problem.range.start.line + 1}: ${problem.message}`)).toEqual([]);
  });

  it("builds on the Node that package.json pins, and runs that very Node's binary from the production dependencies", async () => {
    const manifest = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const pinned = dockerfile
      .getInitialARGs()
      .map((arg) => arg.getProperty())
      .find((property) => property?.getName() === 'NODE_VERSION');
    expect(pinned?.getValue()).toBe(manifest.dependencies.node);
    const env = keyword(final, 'ENV').flatMap((instruction) =>
      instruction.getArguments().map((argument) => argument.getValue()),
    );
    expect(env).toContain('PATH=/app/node_modules/.bin:$PATH');
  });

  it('copies only files that exist and that .dockerignore lets into the context', async () => {
    const excluded = ignore().add((await readFile(path.join(PROJECT_ROOT, '.dockerignore'), 'utf8')).split('\n'));
    const sources = stages
      .flatMap((stage) => keyword(stage, 'COPY').map(copyOf))
      .filter((copy) => copy.from === undefined);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources.flatMap((copy) => copy.sources)) {
      const relative = source.replace(/\/$/, '');
      await expect(stat(path.join(PROJECT_ROOT, relative)), source).resolves.toBeDefined();
      expect(excluded.ignores(relative), `${source} is excluded by .dockerignore`).toBe(false);
    }
  });

  it('runs as an unprivileged user, with tini as PID 1 passing signals to node', () => {
    const users = keyword(final, 'USER').map((instruction) => instruction.getArgumentsContent());
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const [entrypoint] = keyword(final, 'ENTRYPOINT').map(execForm);
    expect(entrypoint?.[0]).toMatch(/\/tini$/);
    expect(entrypoint).toContain('--');
    const [command] = keyword(final, 'CMD').map(execForm);
    expect(command?.[0]).toBe('node');
    expect(keyword(final, 'STOPSIGNAL').map((instruction) => instruction.getArgumentsContent())).toEqual(['SIGTERM']);
  });
});

describe("deploy/Dockerfile's final stage, rehearsed in a directory standing for /app", () => {
  let app: string;
  let server: ChildProcess | undefined;
  let environment: NodeJS.ProcessEnv;
  let origin: string;
  let output = '';

  /** The image's environment, with /app standing for the rehearsal's directory and a free loopback port. */
  function imageEnvironment(port: number): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: app };
    for (const instruction of keyword(final, 'ENV')) {
      for (const argument of instruction.getArguments()) {
        const [name, ...value] = argument.getValue().split('=');
        if (!name) continue;
        env[name] = value
          .join('=')
          .replaceAll('/app', app)
          .replace('$PATH', process.env.PATH ?? '');
      }
    }
    return { ...env, HOST: '127.0.0.1', PORT: String(port) };
  }

  /** Runs an exec-form command as the image would: in /app, with the image's environment. */
  const inImage = (words: readonly string[]) => {
    const [command, ...args] = words;
    return run(command as string, args, { cwd: app, env: environment, timeout: 240_000 });
  };

  beforeAll(async () => {
    app = await mkdtemp(path.join(tmpdir(), 'paralympics-image-'));
    // The dependencies stage: its files, then its own command (npm ci without the dev dependencies).
    const dependencies = stageNamed('dependencies');
    for (const copy of keyword(dependencies, 'COPY').map(copyOf)) {
      for (const source of copy.sources)
        await cp(path.join(PROJECT_ROOT, source), path.join(app, path.basename(source)));
    }
    for (const instruction of keyword(dependencies, 'RUN')) {
      await run('sh', ['-c', instruction.getArgumentsContent() ?? ''], { cwd: app, timeout: 240_000 });
    }
    // The build stage's /app/dist/: what its `npm run build` (tsc) writes, from the repository's sources.
    await run(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        path.join(app, 'dist'),
      ],
      { cwd: PROJECT_ROOT, timeout: 240_000 },
    );
    // The final stage's own files.
    for (const copy of keyword(final, 'COPY').map(copyOf)) {
      if (copy.from !== undefined) continue;
      for (const source of copy.sources) {
        // As Docker copies: a directory's contents into the destination, a file into it when it ends with /.
        const from = path.join(PROJECT_ROOT, source);
        const directory = (await stat(from)).isDirectory();
        const into = directory || copy.destination.endsWith('/');
        const target = path.join(
          app,
          into && !directory ? path.join(copy.destination, path.basename(source)) : copy.destination,
        );
        await mkdir(directory ? target : path.dirname(target), { recursive: true });
        await cp(from, target, { recursive: true });
      }
    }
    environment = imageEnvironment(await freePort());
    origin = `http://127.0.0.1:${environment.PORT}`;
    // Its exec-form RUNs (the snapshot's compilation); the shell-form ones set up the system as root.
    for (const words of keyword(final, 'RUN').map(execForm)) if (words) await inImage(words);
  }, 600_000);

  afterAll(async () => {
    if (server?.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
    if (app) await rm(app, { recursive: true, force: true });
  });

  it("starts with the image's command, passes its health check, answers, and stops on SIGTERM", async () => {
    const [command] = keyword(final, 'CMD').map(execForm);
    const [program, ...args] = command as string[];
    server = spawn(program as string, args, {
      cwd: app,
      env: environment,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    server.stderr?.on('data', (chunk) => {
      output += chunk;
    });

    const healthcheck = keyword(final, 'HEALTHCHECK')[0]?.getArgumentsContent() ?? '';
    const probe = JSON.parse(healthcheck.slice(healthcheck.indexOf('['))) as string[];
    let healthy = false;
    for (const until = Date.now() + 120_000; !healthy && Date.now() < until && server.exitCode === null; ) {
      healthy = await inImage(probe).then(
        () => true,
        () => false,
      );
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(healthy, output).toBe(true);

    const graphql = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ allAthletes(first: 1) { totalCount edges { node { name } } } }' }),
    });
    const answer = (await graphql.json()) as { data?: { allAthletes: { totalCount: number } }; errors?: unknown };
    expect(answer.errors, JSON.stringify(answer)).toBeUndefined();
    expect(answer.data?.allAthletes.totalCount).toBeGreaterThan(0);

    const pages: ReadonlyArray<readonly [string, string]> = [
      ['/graphql', 'text/html'],
      ['/', 'text/html'],
      ['/id/athlete/', 'text/html'],
      ['/sparql', 'text/html'],
      // A query answered by the SPARQL engine's worker threads, which the image must be able to start.
      [`/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, 'application/sparql-results+json'],
      ['/dataset.ttl', 'text/turtle'],
    ];
    for (const [target, accept] of pages) {
      const response = await fetch(`${origin}${target}`, { headers: { accept } });
      expect(response.status, `${target}: ${output}`).toBe(200);
      await response.arrayBuffer();
    }

    process.kill(server.pid as number, 'SIGTERM');
    const [code] = (await Promise.race([
      once(server, 'exit'),
      new Promise((resolve) => setTimeout(() => resolve(['timeout']), 30_000)),
    ])) as [number | string];
    expect(code, output).toBe(0);
    const stopped = await inImage(probe).then(
      () => true,
      () => false,
    );
    expect(stopped).toBe(false);
  }, 240_000);
});
