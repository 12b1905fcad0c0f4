import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printedContext } from '../linked-data/context.js';
import { printedVocabulary } from '../linked-data/vocab-rdf.js';

export const CONTEXT_FILE = fileURLToPath(new URL('../../schema/context.jsonld', import.meta.url));
export const VOCABULARY_FILE = fileURLToPath(new URL('../../schema/vocab.ttl', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(CONTEXT_FILE, printedContext());
  await writeFile(VOCABULARY_FILE, await printedVocabulary());
  console.log(`Wrote ${CONTEXT_FILE} and ${VOCABULARY_FILE}`);
}
