import { KINDS, type Kind } from './kinds.js';
import { MemoryStore } from './memory/store.js';
import type { EntityRecord } from './model.js';
import type { Store } from './store.js';
import { validateData } from './validate/index.js';

export { normaliseQuoteText } from './validate/graph.js';

/**
 * Reads every data file under `dataDir`, validates it, and returns the indexed graph.
 * Throws a {@link DataValidationError} listing every problem (file, record, field) when the data is bad.
 */
export async function loadGraph(dataDir: string): Promise<Store> {
  const entities = new Map<Kind, EntityRecord[]>(KINDS.map((kind) => [kind, []]));
  const { texts, version } = await validateData(dataDir, {
    onRecord: (record) => entities.get(record.kind)?.push(record),
  });
  return new MemoryStore(entities, { texts, version });
}
