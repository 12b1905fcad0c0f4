import { compareText } from '../compare.js';
import { KINDS, type Kind } from '../kinds.js';
import type { EntityRecord, Games, NamedEntity } from '../model.js';
import type { Store } from '../store.js';
import { type EnumSpec, fieldsOf, type ScalarType, type ScalarValue } from './fields.js';

export type Direction = 'ASC' | 'DESC';

/** One key of an `orderBy`: a field of the kind's order enum and a direction. */
export interface OrderTerm {
  readonly field: string;
  readonly direction?: Direction | null;
}

/** The values a record is sorted by, one per key, the slug last. */
export type Key = readonly (ScalarValue | null)[];

/** How one value of a key compares. */
interface KeyPart {
  readonly type: ScalarType;
  readonly enum?: EnumSpec;
  readonly descending: boolean;
}

/** A field a kind can be ordered by. */
export interface OrderField {
  readonly type: ScalarType;
  readonly enum?: EnumSpec;
  readonly description: string;
  readonly read: (record: EntityRecord, store: Store) => ScalarValue | null;
}

/**
 * An order over the records of one kind, total because the slug breaks every tie: the key of a
 * record, and how two keys compare. Keys are what keyset cursors hold.
 */
export interface Ordering {
  /** Names the order in cursors, so that a cursor of one order is not read under another. */
  readonly signature: string;
  key(record: EntityRecord, store: Store): Key;
  compare(a: Key, b: Key): number;
  /** Whether a value read from a cursor has the shape of this order's keys. */
  accepts(key: readonly unknown[]): key is Key;
}

function compareValues(part: KeyPart, a: ScalarValue | null, b: ScalarValue | null): number {
  // Nulls sort after every value, so first when descending (as in PostgreSQL).
  if (a === null || b === null) {
    const order = a === b ? 0 : a === null ? 1 : -1;
    return part.descending ? -order : order;
  }
  let order: number;
  switch (part.type) {
    case 'text':
      order = compareText(a as string, b as string);
      break;
    case 'enum': {
      const values = part.enum?.values ?? [];
      order = values.indexOf(a as string) - values.indexOf(b as string);
      break;
    }
    case 'date':
      // ISO partial dates: by their first day, the less precise first ("2012" < "2012-03" < "2012-03-01").
      order = a < b ? -1 : a > b ? 1 : 0;
      break;
    default:
      order = Number(a) - Number(b);
  }
  return part.descending ? -order : order;
}

const SHAPE: Readonly<Record<ScalarType, string>> = {
  text: 'string',
  enum: 'string',
  date: 'string',
  int: 'number',
  float: 'number',
  boolean: 'boolean',
};

class KeyOrdering implements Ordering {
  constructor(
    readonly signature: string,
    private readonly parts: readonly KeyPart[],
    private readonly read: (record: EntityRecord, store: Store) => Key,
  ) {}

  key(record: EntityRecord, store: Store): Key {
    return this.read(record, store);
  }

  compare(a: Key, b: Key): number {
    for (let index = 0; index < this.parts.length; index++) {
      const order = compareValues(this.parts[index] as KeyPart, a[index] ?? null, b[index] ?? null);
      if (order !== 0) return order;
    }
    return 0;
  }

  accepts(key: readonly unknown[]): key is Key {
    return (
      key.length === this.parts.length &&
      key.every((value, index) => {
        const part = this.parts[index] as KeyPart;
        if (value === null) return true;
        if (typeof value !== SHAPE[part.type]) return false;
        return part.type !== 'enum' || (part.enum?.values ?? []).includes(value as string);
      })
    );
  }
}

const ascending = (type: ScalarType, spec?: EnumSpec): KeyPart => ({
  type,
  descending: false,
  ...(spec ? { enum: spec } : {}),
});
const TEXT = ascending('text');
const NUMBER = ascending('int');

const gamesKey = (games: Games | undefined): Key => [
  games?.facts.year ?? 0,
  games?.facts.season ?? '',
  games?.facts.series ?? '',
];
const GAMES_PARTS = [NUMBER, TEXT, TEXT];
const nameKey = (record: EntityRecord): Key => [(record as NamedEntity).facts.name, record.slug];

/**
 * Each kind's display order (the order of `Store.all`) as keys: names, then Games by year, reports by
 * date, results by event then rank. The store sorts its lists the same way; the tests check it.
 */
const DISPLAY_ORDERS: { readonly [K in Kind]: Ordering } = {
  country: new KeyOrdering('', [TEXT, TEXT], nameKey),
  npc: new KeyOrdering('', [TEXT, TEXT], nameKey),
  athlete: new KeyOrdering('', [TEXT, TEXT], nameKey),
  organisation: new KeyOrdering('', [TEXT, TEXT], nameKey),
  person: new KeyOrdering('', [TEXT, TEXT], nameKey),
  games: new KeyOrdering('', [...GAMES_PARTS, TEXT, TEXT], (games) => [...gamesKey(games as Games), ...nameKey(games)]),
  report: new KeyOrdering('', [TEXT, TEXT, TEXT], (report) => [
    (report as EntityRecord<'report'>).facts.datePublished ?? '',
    ...nameKey(report),
  ]),
  event: new KeyOrdering('', [...GAMES_PARTS, TEXT, TEXT], (event, store) => [
    ...gamesKey(store.get('games', (event as EntityRecord<'event'>).facts.games)),
    ...nameKey(event),
  ]),
  delegation: new KeyOrdering('', [...GAMES_PARTS, TEXT, TEXT], (delegation, store) => {
    const { games, country } = (delegation as EntityRecord<'delegation'>).facts;
    return [...gamesKey(store.get('games', games)), country, delegation.slug];
  }),
  result: new KeyOrdering('', [...GAMES_PARTS, TEXT, TEXT, NUMBER, TEXT], (result, store) => {
    const { event: slug, rank } = (result as EntityRecord<'result'>).facts;
    const event = store.get('event', slug);
    return [
      ...gamesKey(event && store.get('games', event.facts.games)),
      event?.facts.name ?? '',
      slug,
      rank ?? Number.MAX_SAFE_INTEGER,
      result.slug,
    ];
  }),
};

/** A kind's display order, the order of its lists when no `orderBy` is given. */
export const displayOrder = (kind: Kind): Ordering => DISPLAY_ORDERS[kind];

/** An order field from a scalar filter field of the same kind. */
const byField = (kind: Kind, name: string, description: string): OrderField => {
  const field = fieldsOf(kind)[name];
  if (field?.is !== 'scalar') throw new Error(`${kind}.${name} is not a plain value`);
  return { type: field.type, ...(field.enum ? { enum: field.enum } : {}), description, read: field.read };
};

const related = (
  type: ScalarType,
  description: string,
  read: (record: EntityRecord, store: Store) => ScalarValue | null,
  spec?: EnumSpec,
): OrderField => ({ type, description, read, ...(spec ? { enum: spec } : {}) });

const gamesOf = (store: Store, record: EntityRecord): Games | undefined => {
  switch (record.kind) {
    case 'event':
    case 'delegation':
      return store.get('games', (record as EntityRecord<'event' | 'delegation'>).facts.games);
    case 'result':
      return store.gamesOfResult(record as EntityRecord<'result'>);
    default:
      return undefined;
  }
};
const gamesYear = (description: string) =>
  related('int', description, (record, store) => gamesOf(store, record)?.facts.year ?? null);
const countryName = (description: string, slug: (record: EntityRecord) => string | null) =>
  related('text', description, (record, store) => {
    const country = slug(record);
    return country === null ? null : (store.get('country', country)?.facts.name ?? null);
  });

const NAME = 'The preferred name.';
const SLUG = 'The slug (the tie-breaker of every order).';

/** What each kind can be ordered by, as the values of its GraphQL order-field enum. */
export const ORDER_FIELDS: { readonly [K in Kind]: Readonly<Record<string, OrderField>> } = {
  country: {
    NAME: byField('country', 'name', NAME),
    CODE: byField('country', 'code', 'The IOC code.'),
    SLUG: byField('country', 'slug', SLUG),
  },
  npc: {
    NAME: byField('npc', 'name', NAME),
    CODE: byField('npc', 'code', 'The NPC code.'),
    IPC_MEMBER_SINCE: related(
      'date',
      'When it joined the IPC.',
      (npc) => (npc as EntityRecord<'npc'>).facts.ipcMemberSince,
    ),
    SLUG: byField('npc', 'slug', SLUG),
  },
  games: {
    YEAR: byField('games', 'year', 'The year.'),
    START_DATE: byField('games', 'startDate', 'The opening day.'),
    END_DATE: byField('games', 'endDate', 'The closing day.'),
    NAME: byField('games', 'name', NAME),
    SEASON: byField('games', 'season', 'Summer before winter.'),
    SERIES: byField('games', 'series', 'Paralympic before Olympic.'),
    EDITION: byField('games', 'edition', 'The ordinal of the edition.'),
    CITY: byField('games', 'city', 'The host city.'),
    SLUG: byField('games', 'slug', SLUG),
  },
  delegation: {
    GAMES_YEAR: gamesYear('The year of the Games.'),
    COUNTRY_NAME: countryName('The name of the country.', (delegation) =>
      String((delegation as EntityRecord<'delegation'>).facts.country),
    ),
    COMPETITORS: byField('delegation', 'competitors', 'How many competed.'),
    OFFICIALS: byField('delegation', 'officials', 'How many officials went.'),
    DELEGATION_SIZE: byField('delegation', 'delegationSize', 'Everyone sent.'),
    MEDALS_GOLD: related('int', 'Gold medals.', (delegation, store) =>
      medal(store, delegation as EntityRecord<'delegation'>, 'gold'),
    ),
    MEDALS_TOTAL: related('int', 'All medals.', (delegation, store) =>
      medal(store, delegation as EntityRecord<'delegation'>, 'total'),
    ),
    SLUG: byField('delegation', 'slug', SLUG),
  },
  athlete: {
    NAME: byField('athlete', 'name', NAME),
    GENDER: byField('athlete', 'gender', 'Gender, in the order of the enum.'),
    COUNTRY_NAME: countryName(
      'The name of the country.',
      (athlete) => (athlete as EntityRecord<'athlete'>).facts.country,
    ),
    SLUG: byField('athlete', 'slug', SLUG),
  },
  event: {
    NAME: byField('event', 'name', NAME),
    SPORT: byField('event', 'sport', 'The sport.'),
    CLASSIFICATION: byField('event', 'classification', 'The sport class.'),
    GAMES_YEAR: gamesYear('The year of the Games.'),
    SLUG: byField('event', 'slug', SLUG),
  },
  result: {
    RANK: byField('result', 'rank', 'Place in the round.'),
    TIME: byField('result', 'time', 'Seconds.'),
    MARK: byField('result', 'mark', 'Metres.'),
    HEAT: byField('result', 'heat', 'The heat.'),
    HEAT_RANK: byField('result', 'heatRank', 'Place within the heat.'),
    FIELD_SIZE: byField('result', 'fieldSize', 'How many took part in the round ranked.'),
    STATUS: byField('result', 'status', 'Status, in the order of the enum.'),
    ROUND: byField('result', 'round', 'Round, in the order of the enum: heats before the final.'),
    GAMES_YEAR: gamesYear('The year of the Games.'),
    ATHLETE_NAME: related(
      'text',
      "The athlete's name.",
      (result, store) => store.get('athlete', (result as EntityRecord<'result'>).facts.athlete)?.facts.name ?? null,
    ),
    EVENT_NAME: related(
      'text',
      "The event's name.",
      (result, store) => store.get('event', (result as EntityRecord<'result'>).facts.event)?.facts.name ?? null,
    ),
    SLUG: byField('result', 'slug', SLUG),
  },
  organisation: {
    NAME: byField('organisation', 'name', NAME),
    KIND: byField('organisation', 'kind', 'Kind, in the order of the enum.'),
    COUNTRY_NAME: countryName(
      'The name of the country.',
      (organisation) => (organisation as EntityRecord<'organisation'>).facts.country,
    ),
    AREA_SERVED_SINCE: byField('organisation', 'areaServedSince', 'Since when it has worked there.'),
    SLUG: byField('organisation', 'slug', SLUG),
  },
  report: {
    DATE_PUBLISHED: byField('report', 'datePublished', 'When it was published.'),
    NAME: byField('report', 'name', NAME),
    KIND: byField('report', 'kind', 'Kind, in the order of the enum.'),
    SLUG: byField('report', 'slug', SLUG),
  },
  person: {
    NAME: byField('person', 'name', NAME),
    SLUG: byField('person', 'slug', SLUG),
  },
};

function medal(store: Store, delegation: EntityRecord<'delegation'>, which: 'gold' | 'total'): number | null {
  return store.medalsOf(delegation)?.[which] ?? null;
}

const orderings = new Map<string, Ordering>();

/**
 * The order an `orderBy` asks for: its keys in turn, ties broken by slug; the display order when it
 * asks for none. Unknown fields are a programming error (GraphQL has already checked the enum).
 */
export function orderingOf(kind: Kind, terms: readonly OrderTerm[] | null | undefined): Ordering {
  if (!terms || terms.length === 0) return displayOrder(kind);
  const signature = `${kind}:${terms.map((term) => `${term.field}:${term.direction ?? 'ASC'}`).join(',')}`;
  let ordering = orderings.get(signature);
  if (!ordering) {
    const fields = terms.map((term) => {
      const field = ORDER_FIELDS[kind][term.field];
      if (!field) throw new Error(`${kind} cannot be ordered by ${term.field}`);
      return field;
    });
    const parts: KeyPart[] = [
      ...fields.map((field, index) => ({
        type: field.type,
        descending: terms[index]?.direction === 'DESC',
        ...(field.enum ? { enum: field.enum } : {}),
      })),
      TEXT,
    ];
    ordering = new KeyOrdering(signature, parts, (record, store) => [
      ...fields.map((field) => field.read(record, store)),
      record.slug,
    ]);
    // Orders come from a few enums; the map stays small, and bounded all the same.
    if (orderings.size >= 1000) orderings.clear();
    orderings.set(signature, ordering);
  }
  return ordering;
}

/**
 * The order of a list of records of several kinds (the records citing a report): kind by kind in the
 * order of KINDS, each kind in its display order.
 */
export const RECORDS_BY_KIND: Ordering = {
  signature: 'records',
  key: (record, store) => [KINDS.indexOf(record.kind), ...displayOrder(record.kind).key(record, store)],
  compare: (a, b) => {
    const kind = Number(a[0]) - Number(b[0]);
    if (kind !== 0) return kind;
    return displayOrder(KINDS[Number(a[0])] as Kind).compare(a.slice(1), b.slice(1));
  },
  accepts: (key): key is Key => {
    const [index, ...rest] = key;
    const kind = typeof index === 'number' ? KINDS[index] : undefined;
    return kind !== undefined && displayOrder(kind).accepts(rest);
  },
};

/** What a list of records of several kinds (the records a report supports) can be ordered by. */
export const SOURCED_ORDER_FIELDS: Readonly<Record<string, OrderField>> = {
  TYPE: {
    type: 'int',
    description:
      "The type, in the list's own order of types: countries, NPCs, Games, participations, athletes, events, results, organisations, reports, people.",
    read: (record) => KINDS.indexOf(record.kind),
  },
  NAME: {
    type: 'text',
    description: 'The preferred name; participations and results have none, and sort as nulls.',
    read: (record) => ('name' in record.facts ? ((record as NamedEntity).facts.name ?? null) : null),
  },
  SLUG: { type: 'text', description: 'The slug.', read: (record) => record.slug },
};

/**
 * An order of a list of records of several kinds, and the same order over the records of one kind
 * (whose keys compare with the others'), for selecting kind by kind and merging. `kindFirst` when
 * the kind is the key's first part, in which direction: the list is then the kinds one after another.
 */
export interface MixedOrdering extends Ordering {
  readonly kindFirst: Direction | null;
  forKind(kind: Kind): Ordering;
}

/** The list's own order: kind by kind in the order of KINDS, each kind in its display order. */
const RECORDS_BY_KIND_OF_KIND = new Map<Kind, Ordering>(
  KINDS.map((kind) => [
    kind,
    {
      // The kind's display order (its lists are kept in it), its keys prefixed with the kind.
      signature: '',
      key: (record, store) => [KINDS.indexOf(kind), ...displayOrder(kind).key(record, store)],
      compare: RECORDS_BY_KIND.compare,
      accepts: RECORDS_BY_KIND.accepts,
    },
  ]),
);

const mixedOrderings = new Map<string, MixedOrdering>();

/**
 * The order an `orderBy` asks of a list of records of several kinds: its keys in turn, then the slug,
 * then the kind (slugs are unique only within a kind); the list's own order when it asks for none.
 */
export function mixedOrderingOf(terms: readonly OrderTerm[] | null | undefined): MixedOrdering {
  if (!terms || terms.length === 0) {
    return {
      ...RECORDS_BY_KIND,
      kindFirst: 'ASC',
      forKind: (kind) => RECORDS_BY_KIND_OF_KIND.get(kind) as Ordering,
    };
  }
  const signature = `records:${terms.map((term) => `${term.field}:${term.direction ?? 'ASC'}`).join(',')}`;
  let ordering = mixedOrderings.get(signature);
  if (!ordering) {
    const fields = terms.map((term) => {
      const field = SOURCED_ORDER_FIELDS[term.field];
      if (!field) throw new Error(`records cannot be ordered by ${term.field}`);
      return field;
    });
    const parts: KeyPart[] = [
      ...fields.map((field, index) => ({ type: field.type, descending: terms[index]?.direction === 'DESC' })),
      TEXT,
      NUMBER,
    ];
    const keyed = new KeyOrdering(signature, parts, (record, store) => [
      ...fields.map((field) => field.read(record, store)),
      record.slug,
      KINDS.indexOf(record.kind),
    ]);
    const byKind = new Map<Kind, Ordering>(
      KINDS.map((kind) => [
        kind,
        {
          signature: `${signature}/${kind}`,
          key: (record, store) => keyed.key(record, store),
          compare: (a, b) => keyed.compare(a, b),
          accepts: (key): key is Key => keyed.accepts(key),
        },
      ]),
    );
    const first = terms[0];
    ordering = {
      signature,
      key: (record, store) => keyed.key(record, store),
      compare: (a, b) => keyed.compare(a, b),
      accepts: (key): key is Key => keyed.accepts(key),
      kindFirst: first?.field === 'TYPE' ? (first.direction ?? 'ASC') : null,
      forKind: (kind) => byKind.get(kind) as Ordering,
    };
    if (mixedOrderings.size >= 1000) mixedOrderings.clear();
    mixedOrderings.set(signature, ordering);
  }
  return ordering;
}
