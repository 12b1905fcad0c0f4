import { refusal } from '../security/errors.js';
import { builder } from './builder.js';
import { AthleteRef, CountryRef, EventRef, GamesRef, ResultRef } from './refs.js';

/**
 * A representation's key, as a router sends it: a representation without it (or not as a string)
 * is refused with a code, not looked up.
 */
function keyOf(representation: Readonly<Record<string, unknown>>, type: string, field: 'code' | 'slug'): string {
  const key = representation[field];
  if (typeof key === 'string') return key;
  throw refusal(`A representation of ${type} needs its key "${field}", a string.`, 'BAD_USER_INPUT');
}

// Apollo Federation v2 entity keys, so that a larger sports-data supergraph can refer to our
// countries by IOC code and to Games, athletes, events and results by slug.
builder.asEntity(CountryRef, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: (country, { store }) => store.countryByCode(keyOf(country, 'Country', 'code')) ?? null,
});
builder.asEntity(GamesRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: (reference, { store }) => store.get('games', keyOf(reference, 'Games', 'slug')) ?? null,
});
builder.asEntity(AthleteRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: (reference, { store }) => store.get('athlete', keyOf(reference, 'Athlete', 'slug')) ?? null,
});
builder.asEntity(EventRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: (reference, { store }) => store.get('event', keyOf(reference, 'Event', 'slug')) ?? null,
});
builder.asEntity(ResultRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: (reference, { store }) => store.get('result', keyOf(reference, 'Result', 'slug')) ?? null,
});
