import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FullTextIndex } from '../src/graph/fulltext/index.js';
import type { FullTextHit, FullTextMatches } from '../src/graph/fulltext/matches.js';
import { MAX_PREFIX_WORDS, type ParsedQuery, parseQuery } from '../src/graph/fulltext/query.js';
import { fullTextOf } from '../src/graph/fulltext/registry.js';
import { KINDS, type Kind } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import type { Store } from '../src/graph/store.js';
import { createApp } from '../src/yoga.js';
import { DATA_DIR, generatedDataDir } from './helpers.js';

/**
 * The first page of a search is found by the threshold algorithm over impact-ordered word lists,
 * with a join in text order for the words whose texts lack the other query words
 * (src/graph/fulltext/ranking.ts): these tests hold it to the order a full ranking of every match
 * gives, and count the texts and list entries it reads, which must not grow with the number of matches.
 */

/** Query shapes: words, word starts, several words, a phrase, typos, and a search narrowed to some types. */
const QUERIES: readonly { readonly text: string; readonly kinds?: readonly Kind[] }[] = [
  { text: 'rim ju' },
  { text: 'ju song' },
  { text: 'song' },
  { text: 'so' },
  { text: 'ri' },
  { text: 'kim chol' },
  { text: '"rim ju"' },
  { text: 'Rim Ju Sung' },
  { text: 'Chool' },
  { text: 'korea', kinds: ['organisation', 'report'] },
  { text: 'paralympic games' },
  // Typos next to other words: the typo's neighbours ("sung": "song", "ung"…) are held by many texts
  // that lack the other words, and some outscore every match.
  { text: 'ju sung' },
  { text: 'rim ju sonng' },
  { text: 'north koreaa' },
  { text: 'kim chool' },
  { text: 'pyongyang rehabiltation centre' },
  { text: 'Rim Ju Sung', kinds: ['athlete'] },
  // A word held by every copy of a name beside a word of quotes and sources: the name's copies are skipped by the join.
  { text: 'rim london' },
  { text: 'ju paralympics' },
  { text: 'kim korea' },
  { text: 'rim korea' },
  { text: 'song 2012' },
  // Words of one letter: each the start of many words of the index.
  { text: 'r j' },
  { text: 'a b c' },
  { text: 'g r' },
];

/** Words, word starts, several words, a phrase, and typos alone and next to other words. */
const BOUNDED = ['rim ju', 'ju song', 'song', 'so', 'ri', 'kim chol', '"rim ju"', 'Chool'];
/** A typo next to other words: its neighbours' texts that lack the other words are not read one by one. */
const TYPOS_BESIDE_WORDS = ['Rim Ju Sung', 'ju sung', 'rim ju sonng', 'kim chool', 'north koreaa'];

const PAGE = 10;

/** Every match ranked the slow way: every matching text by score then id, each text's entities in label order. */
function fullRanking(index: FullTextIndex, matches: FullTextMatches, kinds: readonly Kind[] | undefined): string[] {
  const texts = [...matches.matchingTexts()];
  texts.sort((a, b) => matches.rankingScoreOf(b) - matches.rankingScoreOf(a) || a - b);
  const seen = new Set<number>();
  const ranked: string[] = [];
  for (const text of texts) {
    for (const ordinal of index.entitiesOf(text)) {
      if (seen.has(ordinal)) continue;
      seen.add(ordinal);
      const hit = index.hitOf(ordinal, matches.scoreOf(text));
      if (kinds && !kinds.includes(KINDS[index.kindOf(ordinal)] as Kind)) continue;
      ranked.push(label(hit));
    }
  }
  return ranked;
}

const label = (hit: FullTextHit) => `${hit.kind}/${hit.slug} ${hit.score}`;

/** The texts read (words of the index and words of texts scored) for the first page of a fresh search. */
function firstPageWork(index: FullTextIndex, text: string, kinds?: readonly Kind[]): { work: number; count: number } {
  index.forgetRecent();
  const matches = index.search(parseQuery(text), kinds ?? null);
  matches.slice(0, PAGE);
  const work = matches.work;
  return { work, count: matches.length };
}

let small: Store;
let large: Store;
const dirs: string[] = [];

beforeAll(async () => {
  dirs.push(await generatedDataDir(10), await generatedDataDir(200));
  [small, large] = (await Promise.all(dirs.map((dir) => loadGraph(dir)))) as [Store, Store];
}, 240_000);
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the ranking of a first page', () => {
  it('gives every match in the order a full ranking gives, whatever the query shape', async () => {
    for (const store of [await loadGraph(DATA_DIR), small, large]) {
      const index = FullTextIndex.build(store);
      for (const { text, kinds } of QUERIES) {
        index.forgetRecent();
        const matches = index.search(parseQuery(text), kinds ?? null);
        const expected = fullRanking(index, matches, kinds);
        index.forgetRecent();
        const fresh = index.search(parseQuery(text), kinds ?? null);
        // Page by page, as a client pages through them, then all at once.
        const paged = [...fresh.slice(0, 3), ...fresh.slice(3, 7), ...fresh.slice(7, expected.length + 5)];
        expect(paged.map(label), text).toEqual(expected);
        expect(fresh.length, text).toBe(expected.length);
      }
    }
  }, 120_000);

  it('reads about as many texts for a first page at 200 times the data as at 10 times', () => {
    const smallIndex = FullTextIndex.build(small);
    const largeIndex = FullTextIndex.build(large);
    for (const text of BOUNDED) {
      const few = firstPageWork(smallIndex, text);
      const many = firstPageWork(largeIndex, text);
      // The matches grow with the copies (sources and countries grow less); the texts read for ten of them do not.
      expect(many.count, text).toBeGreaterThanOrEqual(5 * few.count);
      expect(many.work, text).toBeLessThanOrEqual(2 * few.work + 50);
    }
  });

  it('reads, for a typo next to other words, about as many texts at 200 times the data as at 10 times, but for the set-up of its joins', () => {
    const smallIndex = FullTextIndex.build(small);
    const largeIndex = FullTextIndex.build(large);
    for (const text of TYPOS_BESIDE_WORDS) {
      const few = firstPageWork(smallIndex, text);
      const many = firstPageWork(largeIndex, text);
      // The typo's neighbours held by texts without the other words ("ung", "jong") grow with the copies too:
      // they are read one by one only until reading them has cost what setting up the join that skips them does.
      const setUp = largeIndex.joinSetUpWork(parseQuery(text) as ParsedQuery);
      expect(many.count, text).toBeGreaterThanOrEqual(4 * few.count);
      expect(many.work, text).toBeLessThanOrEqual(2 * few.work + 2 * setUp + 50);
      // The set-up splits each word's list into runs of equal impact: as many as the kinds of texts holding it.
      expect(setUp, text).toBeLessThanOrEqual(2 * smallIndex.joinSetUpWork(parseQuery(text) as ParsedQuery) + 50);
    }
  });

  it('matches, for a word that starts more words than a page shows, those held by the most texts', () => {
    const index = FullTextIndex.build(large);
    // Every synthetic copy's tag ("g1", "g2"…) is a word starting with "g": more of them than a page holds.
    const tags = new Set<string>();
    for (const kind of KINDS) {
      for (const { slug } of large.all(kind)) {
        const tag = /-(g[0-9a-z]+)$/.exec(slug)?.[1];
        if (tag) tags.add(tag);
      }
    }
    expect(tags.size).toBeGreaterThan(MAX_PREFIX_WORDS);
    const matched = index.search(parseQuery('g'), null).terms;
    expect(matched.size).toBe(MAX_PREFIX_WORDS);
    const textsHolding = (word: string) => index.search(parseQuery(`"${word}"`), null).matchingTexts().length;
    const fewestMatched = Math.min(...[...matched].map(textsHolding));
    for (const tag of tags) if (!matched.has(tag)) expect(textsHolding(tag), tag).toBeLessThanOrEqual(fewestMatched);
  });

  it('counts and facets only when asked: a first page through GraphQL reads no more than the page needs', async () => {
    const app = createApp({ store: large });
    const served = fullTextOf(large);
    const ask = async (selection: string) => {
      const response = await app.fetch('http://yoga.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ search(query: "rim ju", first: ${PAGE}) { ${selection} } }` }),
      });
      const answer = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(answer.errors).toBeUndefined();
      return answer;
    };
    const workOf = async (selection: string) => {
      served.forgetRecent();
      await ask(selection);
      return served.search(parseQuery('rim ju'), null).work;
    };
    const page = await workOf('edges { node { name } }');
    const counted = await workOf('totalCount edges { node { name } }');
    const faceted = await workOf('facets { types { count } } edges { node { name } }');
    expect(counted).toBeGreaterThan(10 * page);
    expect(faceted).toBeGreaterThan(10 * page);
  });
});
