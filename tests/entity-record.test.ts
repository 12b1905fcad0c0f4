import { describe, expect, it } from 'vitest';
import { deriveRecordProperty } from '../src/graph/entity-record.js';
import { FACTS, KINDS } from '../src/graph/kinds.js';
import { loadGraph, loadMemoryGraph } from '../src/graph/loader.js';
import type { Store } from '../src/graph/store.js';
import { TYPE_NAMES } from '../src/schema/sourced.js';
import { DATA_DIR, storeWithDanglingGames } from './helpers.js';

/** A record's own properties: its facts are read through its kind's prototype, never copied. */
const OWN = ['kind', 'slug', 'file', 'citations', 'claims', 'facts', 'textFile'];

function expectFactsReadAsProperties(store: Store): number {
  let records = 0;
  for (const kind of KINDS) {
    const prototypes = new Set<unknown>();
    for (const record of store.all(kind)) {
      const facts = record.facts as Readonly<Record<string, unknown>>;
      const read = record as unknown as Readonly<Record<string, unknown>>;
      for (const name of Object.keys(FACTS[kind]))
        expect(read[name], `${kind} ${record.slug} ${name}`).toBe(facts[name]);
      expect(Object.keys(record)).toEqual(OWN);
      prototypes.add(Object.getPrototypeOf(record));
      records += 1;
    }
    expect(prototypes.size, kind).toBeLessThanOrEqual(1);
  }
  return records;
}

describe('a record', () => {
  it('reads every fact of its kind as a property, from the snapshot and from memory alike', async () => {
    const [snapshot, memory] = await Promise.all([loadGraph(DATA_DIR), loadMemoryGraph(DATA_DIR)]);
    const counted = expectFactsReadAsProperties(snapshot);
    expect(expectFactsReadAsProperties(memory)).toBe(counted);
    expect(counted).toBeGreaterThan(0);
  });

  it('made of plain parts elsewhere (a test store) reads its facts the same way', () => {
    const delegation = storeWithDanglingGames().get('delegation', 'broken');
    expect(delegation?.games).toBe('never');
    expect(delegation?.participated).toBe(true);
  });

  it('reads its global id as a property, the same object each time, and no derived property shadows another', async () => {
    await import('../src/schema/index.js');
    const store = await loadGraph(DATA_DIR);
    for (const kind of KINDS) {
      for (const record of store.all(kind)) {
        const read = record as unknown as { readonly id: string };
        expect(Buffer.from(read.id, 'base64').toString()).toBe(`${TYPE_NAMES[kind]}:${record.slug}`);
        expect(read.id).toBe(read.id);
      }
      expect(() => deriveRecordProperty(kind, 'id', () => 'other')).toThrow(/already have a property "id"/);
      expect(() => deriveRecordProperty(kind, 'slug', () => 'other')).toThrow(/already have a property "slug"/);
    }
  });
});
