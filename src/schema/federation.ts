import { builder } from './builder.js';
import { AthleteRef, CountryRef, EventRef, GamesRef, ResultRef } from './refs.js';

// Apollo Federation v2 entity keys, so that a larger sports-data supergraph can refer to our
// countries by IOC code and to Games, athletes, events and results by slug.
builder.asEntity(CountryRef, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: ({ code }, { store }) => store.countryByCode(code) ?? null,
});
builder.asEntity(GamesRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: ({ slug }, { store }) => store.get('games', slug) ?? null,
});
builder.asEntity(AthleteRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: ({ slug }, { store }) => store.get('athlete', slug) ?? null,
});
builder.asEntity(EventRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: ({ slug }, { store }) => store.get('event', slug) ?? null,
});
builder.asEntity(ResultRef, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: ({ slug }, { store }) => store.get('result', slug) ?? null,
});
