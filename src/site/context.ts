import type { Kind } from '../graph/kinds.js';
import type { Delegation, EntityRecord, Result } from '../graph/model.js';
import type { Store } from '../graph/store.js';
import type { LinkedDataset } from '../linked-data/dataset.js';
import { escapeHtml } from './escape-html.js';
import { ENGLISH, type SiteLabels } from './labels.js';

/** Where the stylesheet and icon are served (hashed names, chosen by the HTTP layer). */
export interface SiteAssets {
  readonly stylesheet: string;
  readonly icon: string;
}

/** What every page is rendered with: the data under one base IRI, the labels, the asset paths. */
export interface Site {
  readonly dataset: LinkedDataset;
  readonly store: Store;
  readonly labels: SiteLabels;
  readonly assets: SiteAssets;
}

export const SITE_NAME = 'Paralympics Graph';

export function siteFor(dataset: LinkedDataset, assets: SiteAssets, labels: SiteLabels = ENGLISH): Site {
  return { dataset, store: dataset.store, labels, assets };
}

/** A path on this server for an IRI under its base, so links work wherever the page is opened. */
export function localHref(site: Site, iri: string): string {
  const base = site.dataset.base;
  return iri.startsWith(`${base}/`) ? iri.slice(base.length) : iri;
}

export const pathOf = (site: Site, record: EntityRecord): string => localHref(site, site.dataset.iriOf(record));

/** Where the index page of a kind is. */
export const kindPath = (kind: Kind): string => `/id/${kind}/`;

/** An entity's title: its name, or for delegations and results (which have none) what they are of. */
export function titleOf(store: Store, record: EntityRecord): string {
  if ('name' in record.facts && typeof record.facts.name === 'string') return record.facts.name;
  if (record.kind === 'delegation') {
    const { facts } = record as Delegation;
    const country = store.get('country', facts.country);
    const games = store.get('games', facts.games);
    return `${country?.facts.name ?? facts.country} at the ${games?.facts.name ?? facts.games}`;
  }
  if (record.kind === 'result') {
    const { facts } = record as Result;
    const athlete = store.get('athlete', facts.athlete);
    const event = store.get('event', facts.event);
    return `${athlete?.facts.name ?? facts.athlete}, ${event?.facts.name ?? facts.event}`;
  }
  return record.slug;
}

/** A link to an entity, named by its title unless `text` (HTML) is given. */
export function linkTo(site: Site, record: EntityRecord, text?: string): string {
  return `<a href="${escapeHtml(pathOf(site, record))}">${text ?? escapeHtml(titleOf(site.store, record))}</a>`;
}

/**
 * The language of a text value for `lang`, where it is not English: the claim's own language when the
 * data states another, else Korean for text in Hangul (screen readers then pronounce it right).
 */
export function languageOf(text: string, stated?: string | null): string | undefined {
  if (stated && stated !== 'en') return stated;
  // English is the data's default, not always a statement: Hangul is never English.
  return /\p{Script=Hangul}/u.test(text) ? 'ko' : undefined;
}

/** Escaped text, wrapped in a `lang` span where it is not in the page's language. */
export function textIn(text: string, stated?: string | null): string {
  const lang = languageOf(text, stated);
  return lang ? `<span lang="${escapeHtml(lang)}">${escapeHtml(text)}</span>` : escapeHtml(text);
}
