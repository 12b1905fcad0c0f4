import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { loadConfig } from '../config.js';
import { DataValidationError } from '../graph/errors.js';
import { KINDS } from '../graph/kinds.js';
import { openStore } from '../graph/open.js';
import { DUMPS, type DumpFormat, LinkedDataset } from '../linked-data/dataset.js';
import { commandOptions } from './options.js';
import { Progress } from './progress.js';

export const EXPORT_USAGE = `Usage: npm run export -- --format jsonld|turtle|ntriples|nquads|trig [--out FILE] [--base URL]

Writes the whole dataset in one RDF format, without starting the server.
  --format   jsonld, turtle or ntriples (the dataset's triples), or nquads or trig (a named graph per
             source document beside the graph of preferred values)
  --out      file to write (default: standard output)
  --base     base of entity IRIs (default: PUBLIC_BASE_URL, else http://HOST:PORT)
Reads the graph as the server does: the snapshot of DATA_DIR (default: ./data) in STORE_CACHE, compiled
first where it is missing or stale.`;

const isFormat = (value: string): value is DumpFormat => value in DUMPS;

/** `export`: writes a dump; returns the process exit code. */
export async function runExport(args: readonly string[]): Promise<number> {
  const options = commandOptions(args, ['format', 'out', 'base'], EXPORT_USAGE);
  if (typeof options === 'number') return options;
  if (options.format === undefined || !isFormat(options.format)) {
    console.error(`--format must be one of ${Object.keys(DUMPS).join(', ')}.\n\n${EXPORT_USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const base = options.base ?? config.publicBaseUrl ?? `http://${config.host}:${config.port}`;
  try {
    new URL(base);
  } catch {
    console.error(`--base must be an absolute URL, not "${base}".`);
    return 2;
  }

  const started = performance.now();
  let dataset: LinkedDataset;
  try {
    dataset = new LinkedDataset(
      await openStore(config, {
        log: (message) => console.error(message),
        progress: (label, total) => new Progress(label, total),
      }),
      base,
    );
  } catch (error) {
    if (!(error instanceof DataValidationError)) throw error;
    console.error(error.message);
    return 1;
  }

  const loaded = performance.now();
  console.error(`Loaded the graph in ${Math.round(loaded - started)} ms.`);
  const output = options.out === undefined ? process.stdout : createWriteStream(options.out);
  let bytes = 0;
  const progress = new Progress(
    `Writing ${options.format}`,
    KINDS.reduce((sum, kind) => sum + dataset.store.count(kind), 0),
  );
  for await (const chunk of dataset.dump(options.format, () => progress.advance())) {
    bytes += chunk.length;
    if (!output.write(chunk)) await once(output, 'drain');
  }
  progress.finish();
  if (output !== process.stdout) {
    output.end();
    await once(output, 'finish');
  }
  console.error(
    `Wrote ${bytes} characters of ${options.format} in ${Math.round(performance.now() - loaded)} ms${options.out ? ` to ${options.out}` : ''}.`,
  );
  return 0;
}
