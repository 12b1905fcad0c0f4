import type { CountryLeaf, PersonLeaf } from 'schema-dts';
import { describe, expect, it } from 'vitest';
import type { LdNode } from '../src/linked-data/mapping.js';

describe('LdNode typing', () => {
  it('accepts schema.org properties of the type and our pg: terms, and rejects others at compile time', () => {
    const person: LdNode<PersonLeaf> = {
      '@id': 'x',
      '@type': 'Person',
      name: 'A',
      nationality: { '@id': 'y' },
      'pg:sportClass': 'S6',
    };
    // @ts-expect-error headline is a property of creative works, not of Person
    const wrong: LdNode<PersonLeaf> = { '@id': 'x', '@type': 'Person', headline: 'A' };
    // @ts-expect-error a Country node cannot claim to be a Person
    const mistyped: LdNode<CountryLeaf> = { '@id': 'x', '@type': 'Person' };
    expect([person, wrong, mistyped]).toHaveLength(3);
  });
});
