import { describe, expect, it } from 'vitest';
import { FACTS, KINDS } from '../src/graph/kinds.js';
import { LinkedDataset } from '../src/linked-data/dataset.js';
import { siteFor } from '../src/site/context.js';
import {
  counted,
  formatMark,
  formatPartialDate,
  formatRank,
  formatTime,
  ordinal,
  sentences,
} from '../src/site/format.js';
import { ENGLISH, propertyLabel, valueLabel } from '../src/site/labels.js';
import { renderQuote } from '../src/site/quotes.js';
import { siteSearch } from '../src/site/search.js';
import { renderClaims, shownValue } from '../src/site/statements.js';
import { BASE_URL, realApp } from './helpers.js';

const ASSETS = { stylesheet: '/assets/site.test.css', icon: '/assets/icon.test.svg' };

async function site() {
  const { store } = await realApp();
  return siteFor(new LinkedDataset(store, BASE_URL), ASSETS);
}

/** Text of some HTML, tags dropped and spaces collapsed. */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe('formatting', () => {
  it('shows partial dates as written, never with a made-up day or month', () => {
    expect(formatPartialDate('2006')).toBe('2006');
    expect(formatPartialDate('2012-03')).toBe('March 2012');
    expect(formatPartialDate('2012-08-29')).toBe('29 August 2012');
    expect(formatPartialDate('2018-03-09')).toBe('9 March 2018');
  });

  it('gives times and marks their units', () => {
    expect(formatTime(47.87)).toBe('47.87 s');
    expect(formatTime(29.9)).toBe('29.90 s');
    expect(formatTime(245.3)).toBe('4:05.30');
    expect(formatTime(60)).toBe('1:00.00');
    expect(formatMark(12.08)).toBe('12.08 m');
  });

  it('writes ranks as ordinals, with the field where known', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 19, 21, 22, 23, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '19th',
      '21st',
      '22nd',
      '23rd',
      '101st',
    ]);
    expect(formatRank(19, 19)).toBe('19th of 19');
    expect(formatRank(12, null)).toBe('12th');
    expect(counted(1, 'source')).toBe('1 source');
    expect(counted(2, 'source')).toBe('2 sources');
  });

  it('joins descriptions as sentences, never "., "', () => {
    expect(sentences(['A left arm and left leg amputee.', 'Received a wildcard'])).toBe(
      'A left arm and left leg amputee. Received a wildcard.',
    );
    expect(sentences(['Said "smash."', ' '])).toBe('Said "smash."');
  });
});

describe('labels', () => {
  it('name every property of every kind, and every enumerated value, in words', () => {
    for (const kind of KINDS) {
      for (const property of Object.keys(FACTS[kind])) {
        const label = propertyLabel(ENGLISH, kind, property);
        expect(label, `${kind}.${property}`).not.toBe(property);
        expect(label).toMatch(/^[A-Z]/);
      }
    }
    for (const table of Object.values(ENGLISH.values)) {
      for (const label of Object.values(table as Record<string, string>)) expect(label).not.toMatch(/_|^[A-Z]+$/);
    }
    expect(valueLabel(ENGLISH, 'event', 'gender', 'MALE')).toBe('Men');
    expect(valueLabel(ENGLISH, 'athlete', 'gender', 'MALE')).toBe('Male');
    expect(valueLabel(ENGLISH, 'report', 'reportKind', 'ENCYCLOPEDIA_ARTICLE')).toBe('Encyclopedia article');
    expect(valueLabel(ENGLISH, 'result', 'round', 'HEATS')).toBe('Heats');
  });
});

describe('statements', () => {
  it('show a disputed value with the alternatives beside the preferred one, with reasons and sources', async () => {
    const page = await site();
    const result = page.store.follow('result', 'rim-ju-song-2012-men-50m-freestyle-s6');
    const ranks = page.store.claimsOf(result, 'rank');
    const html = renderClaims(page, result, 'rank', ranks);
    const text = textOf(html);
    const preferred = ranks.find((claim) => claim.preferred);
    const other = ranks.find((claim) => !claim.preferred);
    expect(
      text.startsWith(`${ordinal(Number(preferred?.value))} sources differ Why preferred: ${preferred?.reason}`),
    ).toBe(true);
    expect(text).toContain(`${ordinal(Number(other?.value))} also stated`);
    expect(html.indexOf('class="claim preferred"')).toBeLessThan(html.indexOf('class="claim normal"'));
    expect(html).toMatch(/<details class="sources"><summary>1 source<\/summary>/);
    const shown = shownValue(page, result, 'rank');
    expect(textOf(shown?.value ?? '')).toBe(`${ordinal(Number(preferred?.value))} sources differ`);
    expect(textOf(shown?.alternatives ?? '')).toBe(`also stated: ${ordinal(Number(other?.value))} · why`);
  });

  it('mark derived values and give their units', async () => {
    const page = await site();
    const winner = page.store.follow('result', 'lorenzo-perez-2012-men-50m-freestyle-s6');
    const text = textOf(renderClaims(page, winner, 'time', page.store.claimsOf(winner, 'time')));
    expect(text).toMatch(/^\d+\.\d\d s derived How derived: /);
  });

  it('show dates as the source wrote them, and codes as words', async () => {
    const page = await site();
    const npc = page.store.follow('npc', 'npc-prk');
    expect(renderClaims(page, npc, 'ipcMemberSince', page.store.claimsOf(npc, 'ipcMemberSince'))).toContain(
      '<time datetime="2012-03">March 2012</time>',
    );
    expect(
      textOf(renderClaims(page, npc, 'ipcMembershipStatus', page.store.claimsOf(npc, 'ipcMembershipStatus'))),
    ).toMatch(/^Provisional/);
    const japan = page.store.follow('country', 'japan');
    const codes = renderClaims(page, japan, 'code', page.store.claimsOf(japan, 'code'));
    expect(textOf(codes)).toContain('JAP deprecated Deprecated:');
  });

  it('mark text in another script with its language', async () => {
    const page = await site();
    const federation = page.store.follow('organisation', 'korean-federation-for-the-protection-of-disabled-people');
    const html = renderClaims(page, federation, 'alternateName', page.store.claimsOf(federation, 'alternateName'));
    expect(html).toMatch(/<span lang="ko">[\p{Script=Hangul}\s]+<\/span>/u);
  });
});

describe('quotes', () => {
  it('render rows quoted from a table as a table, with its header when the source has a one-line header', async () => {
    const { store } = await realApp();
    const article = store.follow('report', 'north-korea-at-the-paralympics');
    const row = "| Song Kum Jong | 2016 Rio de Janeiro | Athletics | Women's discus F56-57 | 12.08 | 12th (of 13) |";
    const html = renderQuote(row, store.textOf(article));
    expect(html).not.toContain('|');
    expect(html).toContain('<th scope="col">Name</th><th scope="col">Games</th>');
    expect(html).toContain('<td>Song Kum Jong</td><td>2016 Rio de Janeiro</td>');
    // A two-line header (spanning columns) is left out rather than misaligned.
    const other = store.follow('report', 'north-korea-at-the-2012-summer-paralympics');
    const split = renderQuote('| Rim Ju-Song | 50m freestyle S6 | 47.87 | 17 |', store.textOf(other));
    expect(split).not.toContain('<th');
    expect(split).toContain('<td>47.87</td><td>17</td>');
    expect(renderQuote('He said "<b>".', null)).toBe('<blockquote>He said &quot;&lt;b&gt;&quot;.</blockquote>');
  });
});

describe('search', () => {
  it('finds an athlete by any spelling, counts hits by kind and says which text matched', async () => {
    const { store } = await realApp();
    const answer = siteSearch(store, 'rim ju sung');
    expect(answer.hits[0]?.entity.slug).toBe('rim-ju-song');
    expect(answer.byKind.get('athlete')).toBeGreaterThan(0);
    expect(answer.total).toBe([...answer.byKind.values()].reduce((sum, count) => sum + count, 0));
    const federation = siteSearch(store, 'KFPD').hits[0];
    expect(federation?.entity.slug).toBe('korean-federation-for-the-protection-of-disabled-people');
    expect(federation?.snippets[0]).toMatchObject({ field: 'alternateName', text: 'KFPD' });
    expect(siteSearch(store, '   ').hits).toEqual([]);
    expect(siteSearch(store, '?!').refusal?.code).toBe('SEARCH_WITHOUT_WORDS');
  });

  it('serves the same results as GraphQL, with the matched words marked and each quote linked to its sources, without JavaScript', async () => {
    const { app, store } = await realApp();
    const html = await (await app.fetch(`${BASE_URL}/search?q=camps`, { headers: { accept: 'text/html' } })).text();
    const answer = siteSearch(store, 'camps');
    expect(answer.total).toBeGreaterThan(0);
    const linked = [...html.matchAll(/<span class="hit"><a href="([^"]+)"/g)].map((match) => match[1]);
    expect(linked).toEqual(answer.hits.map((hit) => `/id/${hit.entity.kind}/${hit.entity.slug}`));
    expect(html).toMatch(/<mark>camps<\/mark>/i);
    expect(html).not.toMatch(/<script/);
    const quoted = answer.hits.flatMap((hit) => hit.snippets).find((snippet) => snippet.field === 'quote');
    for (const report of quoted?.reports ?? []) expect(html).toContain(`/id/report/${report}`);
    // Narrowed to one Games, as its facet counts.
    const korea = siteSearch(store, 'korea');
    const games = korea.byGames[0];
    expect(games).toBeDefined();
    const narrowedHtml = await (
      await app.fetch(`${BASE_URL}/search?q=korea&games=${games?.slug}`, { headers: { accept: 'text/html' } })
    ).text();
    expect([...narrowedHtml.matchAll(/<span class="hit">/g)]).toHaveLength(Math.min(50, games?.count ?? 0));
    const koreaHtml = await (
      await app.fetch(`${BASE_URL}/search?q=korea`, { headers: { accept: 'text/html' } })
    ).text();
    expect(koreaHtml).toContain(`games=${games?.slug}`);
    const unknownGames = await app.fetch(`${BASE_URL}/search?q=korea&games=nowhere`, {
      headers: { accept: 'text/html' },
    });
    expect(unknownGames.status).toBe(404);
    const refused = await app.fetch(`${BASE_URL}/search?q=${encodeURIComponent('?!')}`, {
      headers: { accept: 'text/html' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('data-code="SEARCH_WITHOUT_WORDS"');
  });
});
