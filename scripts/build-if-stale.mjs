// Compiles src/ to dist/ with tsc when dist/ is missing or older than any source, so that `npm start`
// runs compiled JavaScript on node itself (and receives its signals), without a build step to forget.
// `build-if-stale.mjs bench` then does the same for the benchmark (`npm run bench`): its own files,
// bench/ and the test helpers it imports, compiled by tsc into dist-bench/ (tsconfig.bench.json), where
// dist-bench/src is a link to dist/, so that the bench's `../src/*.js` imports load the very modules
// `npm start` runs, at the paths they resolve their own files from.
// Plain JavaScript on purpose: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(directory) {
  let latest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
};

/** Builds `out` afresh with `build` when it is missing or older than any of `inputs` (directories or files). */
async function buildIfStale(out, inputs, build) {
  const stamp = path.join(root, out, '.built');
  const sources = Math.max(
    ...inputs.map((input) => {
      const full = path.join(root, input);
      return statSync(full, { throwIfNoEntry: false })?.isDirectory() ? newest(full) : mtime(full);
    }),
  );
  if (mtime(stamp) >= sources) return;
  rmSync(path.join(root, out), { recursive: true, force: true });
  await build();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

const lockAndBase = ['tsconfig.json', 'package-lock.json'];

await buildIfStale('dist', ['src', 'tsconfig.build.json', ...lockAndBase], () => {
  console.error('Building dist/ from src/ (tsc)…');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
});

if (process.argv[2] === 'bench') {
  // src/ too: the bench's files are checked against its types.
  await buildIfStale('dist-bench', ['bench', 'tests', 'src', 'tsconfig.bench.json', ...lockAndBase], async () => {
    console.error('Building dist-bench/ from bench/ (tsc)…');
    const { default: ts } = await import('typescript');
    const fail = (diagnostics) => {
      const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => '\n' };
      console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
      process.exit(1);
    };
    // tsconfig.bench.json keeps tsconfig.json's noEmit, so that `tsc -p` on it only checks: run as a
    // whole, tsc would also write src/'s JavaScript into dist-bench/src, that is into dist/.
    const config = ts.getParsedCommandLineOfConfigFile(
      path.join(root, 'tsconfig.bench.json'),
      { noEmit: false },
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]) },
    );
    if (!config) process.exit(1);
    if (config.errors.length > 0) fail(config.errors);
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const src = path.join(root, 'src') + path.sep;
    const own = program
      .getSourceFiles()
      .filter(
        (file) =>
          !file.isDeclarationFile &&
          !program.isSourceFileFromExternalLibrary(file) &&
          !path.resolve(file.fileName).startsWith(src),
      );
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...own.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
    ];
    if (diagnostics.length > 0) fail(diagnostics);
    for (const file of own) {
      const { diagnostics: emitted } = program.emit(file);
      if (emitted.length > 0) fail(emitted);
    }
    symlinkSync(path.join('..', 'dist'), path.join(root, 'dist-bench', 'src'));
  });
}
