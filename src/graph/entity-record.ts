import { FACTS, KINDS, type Kind } from './kinds.js';
import type { Citation, Claim, EntityRecord, RecordFields } from './model.js';

/** What every record holds, as validation, a snapshot or PostgreSQL give it, its facts built as plain values. */
export type RecordParts<K extends Kind = Kind> = Omit<RecordFields<K>, 'facts'> & { readonly facts: object };

/** A record's own properties, set in this order for one hidden class per kind. */
const OWN_PROPERTIES: ReadonlySet<string> = new Set([
  'kind',
  'slug',
  'file',
  'citations',
  'claims',
  'facts',
  'textFile',
]);

class StoredRecord {
  readonly kind: Kind;
  readonly slug: string;
  readonly file: string;
  readonly citations: readonly Citation[];
  readonly claims: readonly Claim[];
  readonly facts: object;
  readonly textFile: string | null;

  constructor(parts: RecordParts) {
    this.kind = parts.kind;
    this.slug = parts.slug;
    this.file = parts.file;
    this.citations = parts.citations;
    this.claims = parts.claims;
    this.facts = parts.facts;
    this.textFile = parts.textFile;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A getter of one fact of one kind. Each is a function of its own: one closure made for every fact
 * would share its property lookups across all of them, which V8 then makes generic (measured: the
 * lane's mix 1 µs slower per request).
 */
function factGetter(name: string): () => unknown {
  if (!IDENTIFIER.test(name)) throw new Error(`A fact is named "${name}", which is no identifier`);
  try {
    return new Function(`return this.facts.${name};`) as () => unknown;
  } catch {
    // Code generation is forbidden (--disallow-code-generation-from-strings): one shared shape, then.
    return function (this: { readonly facts: Readonly<Record<string, unknown>> }) {
      return this.facts[name];
    };
  }
}

/**
 * A class per kind, whose prototype reads each fact of the kind as a property of the record
 * (`athlete.gender` is `athlete.facts.gender`): GraphQL reads such fields inline, without a resolver
 * call, and every record of a kind has one hidden class. The facts stay the record's own data; its own
 * properties are the same in every store.
 */
const CLASSES = Object.fromEntries(
  KINDS.map((kind) => {
    const KindRecord = class extends StoredRecord {};
    for (const name of Object.keys(FACTS[kind])) {
      Object.defineProperty(KindRecord.prototype, name, { get: factGetter(name) });
    }
    return [kind, KindRecord];
  }),
) as Readonly<Record<Kind, typeof StoredRecord>>;

/** A record of its parts (see {@link RecordParts}); `facts` must hold every fact of the kind. */
export function entityRecord<K extends Kind>(parts: RecordParts<K>): EntityRecord<K> {
  return new CLASSES[parts.kind](parts) as unknown as EntityRecord<K>;
}

/** The record itself when it was made by {@link entityRecord}; else one made of its parts. */
export function asEntityRecord<K extends Kind>(record: RecordParts<K>): EntityRecord<K> {
  return record instanceof CLASSES[record.kind] ? (record as unknown as EntityRecord<K>) : entityRecord(record);
}

/**
 * Gives every record of `kind` a property computed from it when first read and kept while the record
 * lives, read like its facts (inline in compiled plans): for what a reader above the graph derives
 * from a record again and again (GraphQL's global ids). A record's own properties, facts and derived
 * properties never share a name.
 */
export function deriveRecordProperty<K extends Kind>(
  kind: K,
  name: string,
  compute: (record: EntityRecord<K>) => unknown,
): void {
  const prototype: object = CLASSES[kind].prototype;
  if (name in prototype || OWN_PROPERTIES.has(name)) {
    throw new Error(`Records of ${kind} already have a property "${name}"`);
  }
  const kept = new WeakMap<object, unknown>();
  Object.defineProperty(prototype, name, {
    get(this: EntityRecord<K>) {
      let value = kept.get(this);
      if (value === undefined) {
        value = compute(this);
        kept.set(this, value);
      }
      return value;
    },
  });
}
