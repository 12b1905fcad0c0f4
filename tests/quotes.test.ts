import { describe, expect, it } from 'vitest';
import { KINDS } from '../src/graph/kinds.js';
import { loadGraph } from '../src/graph/loader.js';
import { DATA_DIR } from './helpers.js';
import {
  checkablePartsOfDescription,
  fold,
  quotesStateValue,
  readQuoteExceptions,
  unstatedClaims,
} from './quote-check.js';

describe('every claim is stated by its quote', () => {
  it('each value not marked derived is in one of its quotes, or listed with a reason', async () => {
    const store = await loadGraph(DATA_DIR);
    expect(unstatedClaims(store, KINDS, await readQuoteExceptions(DATA_DIR))).toEqual([]);
  });

  it('every exception names a claim that exists, is not derived, and that the check cannot read', async () => {
    const store = await loadGraph(DATA_DIR);
    const exceptions = await readQuoteExceptions(DATA_DIR);
    for (const rule of exceptions.claims) {
      expect(rule.reason.length, JSON.stringify(rule)).toBeGreaterThan(10);
      const record = store.get(rule.kind, rule.record);
      const claim = record?.claims.find(
        (candidate) => candidate.property === rule.property && candidate.value === rule.value,
      );
      expect(claim, JSON.stringify(rule)).toBeDefined();
      if (!record || !claim) continue;
      expect(claim.derived, JSON.stringify(rule)).toBe(false);
      expect(quotesStateValue(store, record, claim), JSON.stringify(rule)).toBe(false);
    }
    for (const rule of exceptions.properties) {
      expect(rule.reason.length, JSON.stringify(rule)).toBeGreaterThan(10);
      expect(
        [...store.all(rule.kind)].some((record) => record.claims.some((claim) => claim.property === rule.property)),
      ).toBe(true);
    }
  });

  it('a name the graph gives (derived) vouches for nothing: a description leaning on it is unstated', async () => {
    const store = await loadGraph(DATA_DIR);
    const sourced = (slug: string) => {
      const record = store.get('report', slug);
      const publisher = record?.kind === 'report' ? record.facts.publisher : null;
      return [...(record?.claims ?? []), ...(publisher ? (store.get('organisation', publisher)?.claims ?? []) : [])]
        .filter((claim) => ['name', 'alternateName', 'code'].includes(claim.property) && !claim.derived)
        .map((claim) => fold(String(claim.value)));
    };
    // A word found only in a report's derived name, said of that report with a quote that lacks it.
    let tried = 0;
    for (const record of store.all('report')) {
      const derived = record.claims.find((claim) => claim.property === 'name' && claim.derived);
      const description = record.claims.find((claim) => claim.property === 'description');
      if (typeof derived?.value !== 'string' || !description) continue;
      // Its names (capitalised words), not its numbers or quoted passages, which quotes state.
      const words = checkablePartsOfDescription(`It is ${derived.value}`).filter(
        (word) =>
          /^\p{Lu}[\p{L}'’-]*$/u.test(word) &&
          !sourced(record.slug).some((name) => name.split(/[^\p{L}\p{N}]+/u).includes(fold(word))),
      );
      for (const word of words) {
        tried += 1;
        const leaning = {
          ...description,
          value: `It concerns ${word}.`,
          citations: [{ report: record.slug, quote: 'nothing' }],
        };
        expect(quotesStateValue(store, record, leaning), `${record.slug}: ${word}`).toBe(false);
      }
    }
    expect(tried).toBeGreaterThan(0);
  });

  it('the check reads numbers, names, dates and descriptions as a fact-checker would', () => {
    expect(fold('Rim Ju-Song’s “début”')).toBe('rim ju song\'s "debut"');
    expect(checkablePartsOfDescription('Marched with South Korea in 2018, "under the same banner".')).toEqual([
      'under the same banner',
      '2018',
      'South',
      'Korea',
    ]);
  });
});
