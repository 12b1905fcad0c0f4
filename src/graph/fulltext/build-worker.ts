/**
 * The thread that builds a graph's full-text index from its columns while the compiler lays out the
 * rest of the snapshot (see build-thread.ts): it saves the index to the file it is given and answers
 * with the index's size.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledColumns } from '../snapshot/write.js';
import { compiledColumns } from './build.js';
import { FullTextIndex } from './index.js';
import { saveFullText } from './registry.js';

const { columns, file } = workerData as { columns: CompiledColumns; file: string };
const started = performance.now();
const index = FullTextIndex.fromColumns(compiledColumns(columns));
await saveFullText(index, file);
parentPort?.postMessage({ ...index.size, milliseconds: performance.now() - started });
