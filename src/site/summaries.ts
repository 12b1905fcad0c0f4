import type {
  Athlete,
  Country,
  Delegation,
  EntityRecord,
  Games,
  Npc,
  Organisation,
  Person,
  Report,
  Result,
  SportsEvent,
} from '../graph/model.js';
import type { Site } from './context.js';
import { counted, formatPartialDate, sentences } from './format.js';
import { outcomeOf, rankOf } from './pictures.js';

const joined = (parts: readonly (string | null | undefined | false)[]): string =>
  parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' · ');

/** The dates of a Games as written: "29 August – 9 September 2012", or whichever end is known. */
export function gamesDates(games: Games): string | null {
  const { startDate, endDate } = games.facts;
  if (startDate && endDate) return `${formatPartialDate(startDate)} – ${formatPartialDate(endDate)}`;
  if (startDate) return `from ${formatPartialDate(startDate)}`;
  if (endDate) return `until ${formatPartialDate(endDate)}`;
  return null;
}

/**
 * One line saying what an entity is, in plain text: for index pages, search results, related lists and
 * the meta description.
 */
export function summaryOf(site: Site, record: EntityRecord): string {
  const { store, labels } = site;
  switch (record.kind) {
    case 'country': {
      const country = record as Country;
      const delegations = store.participationsOf(country);
      const attended = delegations.filter((delegation) => delegation.facts.participated).length;
      return joined([
        `IOC code ${country.facts.code}`,
        delegations.length > 0 && `${counted(delegations.length, 'Games', 'Games')} listed, took part in ${attended}`,
      ]);
    }
    case 'npc': {
      const { facts } = record as Npc;
      return joined([
        store.get('country', facts.country)?.facts.name,
        facts.ipcMemberSince &&
          `IPC member since ${formatPartialDate(facts.ipcMemberSince)}${facts.ipcMembershipStatus ? ` (${labels.values.ipcMembershipStatus[facts.ipcMembershipStatus].toLowerCase()})` : ''}`,
      ]);
    }
    case 'games': {
      const games = record as Games;
      const host = games.facts.hostCountry ? store.get('country', games.facts.hostCountry)?.facts.name : undefined;
      return joined([
        `${labels.values.series[games.facts.series]}, ${labels.values.season[games.facts.season].toLowerCase()} ${games.facts.year}`,
        [games.facts.city, host].filter(Boolean).join(', '),
        gamesDates(games),
      ]);
    }
    case 'delegation': {
      const delegation = record as Delegation;
      if (!delegation.facts.participated) return 'Did not take part';
      const medals = store.medalsOf(delegation);
      return joined([
        'Took part',
        delegation.facts.competitors !== null && counted(delegation.facts.competitors, 'competitor'),
        delegation.facts.delegationSize !== null && `a delegation of ${delegation.facts.delegationSize}`,
        medals && (medals.total === 0 ? 'no medals' : counted(medals.total, 'medal')),
      ]);
    }
    case 'athlete': {
      const { facts } = record as Athlete;
      return joined([
        facts.country ? store.get('country', facts.country)?.facts.name : undefined,
        facts.role.includes('GUIDE') && !facts.role.includes('COMPETITOR') ? 'Guide' : undefined,
        facts.sport.join(', '),
        facts.classification.join(', '),
      ]);
    }
    case 'event': {
      const { facts } = record as SportsEvent;
      return joined([
        store.get('games', facts.games)?.facts.name,
        facts.sport,
        facts.gender && labels.values.eventGender[facts.gender],
        facts.classification,
      ]);
    }
    case 'result': {
      const result = record as Result;
      const games = store.gamesOfResult(result);
      return joined([
        outcomeOf(site, result),
        result.facts.rank !== null && rankOf(result),
        result.facts.time !== null || result.facts.mark !== null
          ? labels.values.status[result.facts.status]
          : undefined,
        games?.facts.name,
      ]);
    }
    case 'organisation': {
      const { facts } = record as Organisation;
      return joined([
        labels.values.organisationKind[facts.organisationKind],
        facts.location,
        facts.country ? store.get('country', facts.country)?.facts.name : undefined,
      ]);
    }
    case 'report': {
      const { facts } = record as Report;
      return joined([
        labels.values.reportKind[facts.reportKind],
        facts.datePublished && formatPartialDate(facts.datePublished),
        facts.publisher ? store.get('organisation', facts.publisher)?.facts.name : undefined,
      ]);
    }
    case 'person': {
      const { facts } = record as Person;
      return joined([
        facts.jobTitle.join(', '),
        facts.affiliation.map((slug) => store.get('organisation', slug)?.facts.name).join(', '),
      ]);
    }
  }
}

/** The entity's descriptions as one paragraph, or its summary line where it has none. */
export function descriptionOf(site: Site, record: EntityRecord): string {
  const descriptions = (record.facts as { description?: readonly string[] }).description ?? [];
  return descriptions.length > 0 ? sentences(descriptions) : summaryOf(site, record);
}
