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
