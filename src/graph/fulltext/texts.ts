import type { Claim, EntityRecord, NamedEntity } from '../model.js';
import type { Store } from '../store.js';

/** Where a searchable text sits, in the order of its weight in ranking. */
export const TEXT_FIELDS = ['name', 'alternateName', 'description', 'quote'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** How much a match in each field weighs against a match in a quoted sentence. */
export const FIELD_BOOSTS: Readonly<Record<TextField, number>> = {
  name: 3,
  alternateName: 2,
  description: 1.5,
  quote: 1,
};

/**
 * One searchable text of an entity: a name, a description, or a sentence quoted from a report, with
 * the record it belongs to (the entity, or a result or participation the entity owns), the claims it
 * supports and the reports it is quoted from.
 */
export interface EntityText {
  readonly field: TextField;
  readonly text: string;
  readonly record: EntityRecord;
  readonly claims: readonly Claim[];
  readonly reports: readonly string[];
}

/**
 * Every searchable text of a named entity, each distinct (field, text, record) once: its names and
 * descriptions, every sentence quoted for it or for one of its claims, and the same of the records
 * that have no name of their own and belong to it (an athlete's results, a country's participations).
 */
export function textsOf(store: Store, entity: NamedEntity): EntityText[] {
  const texts: EntityText[] = [];
  const plain = (field: TextField, text: string, record: EntityRecord) => {
    if (text.trim() !== '') texts.push({ field, text, record, claims: [], reports: [] });
  };
  plain('name', entity.facts.name, entity);
  for (const name of store.alternateNames(entity)) plain('alternateName', name, entity);
  const owned: EntityRecord[] = [entity];
  if (entity.kind === 'athlete') owned.push(...store.resultsOfAthlete(entity as EntityRecord<'athlete'>));
  if (entity.kind === 'country') owned.push(...store.participationsOf(entity as EntityRecord<'country'>));
  for (const record of owned) {
    const descriptions = (record.facts as { description?: readonly string[] }).description ?? [];
    for (const description of descriptions) plain('description', description, record);
    texts.push(...quotesOf(record));
  }
  return texts;
}

/** A record's quoted sentences, each once, with the claims it supports and the reports it is quoted from. */
function quotesOf(record: EntityRecord): EntityText[] {
  const byText = new Map<string, { claims: Claim[]; reports: string[] }>();
  const add = (quote: string | null, report: string, claim: Claim | null) => {
    if (quote === null || quote.trim() === '') return;
    let entry = byText.get(quote);
    if (!entry) {
      entry = { claims: [], reports: [] };
      byText.set(quote, entry);
    }
    if (claim && !entry.claims.includes(claim)) entry.claims.push(claim);
    if (!entry.reports.includes(report)) entry.reports.push(report);
  };
  for (const citation of record.citations) add(citation.quote, citation.report, null);
  for (const claim of record.claims)
    for (const citation of claim.citations) add(citation.quote, citation.report, claim);
  return [...byText].map(([text, { claims, reports }]) => ({ field: 'quote', text, record, claims, reports }));
}
