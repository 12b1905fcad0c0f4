import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kind } from '../src/graph/kinds.js';
import { normaliseQuoteText } from '../src/graph/loader.js';
import type { Claim, EntityRecord } from '../src/graph/model.js';
import type { Store } from '../src/graph/store.js';

/**
 * Whether the quotes of a claim state its value — the check a fact-checker makes by hand, made for
 * every claim not marked derived. What "states" means depends on the value:
 * - a reference: the named entity's name, one of its alternate names or, for a country or NPC, its
 *   code; for Games, also their year beside the word of their series ("Paralympic", "Olympic");
 * - a number: its digits as a whole number or an ordinal ("12th", not the "12" of "12.08"), or its
 *   English word up to twenty ("nineteen swimmers");
 * - a date: its year, its month's name and its day;
 * - a code from a fixed list (gender, season, status…): the words that say it (`ENUM_WORDS`);
 * - a description, a free sentence: every number, every passage in double quotes and every name
 *   (a capitalised word not opening a sentence) it holds, unless the name is the subject's or that
 *   of the source it attributes the statement to, as the sources give them (a name the graph gives,
 *   marked derived, vouches for nothing);
 * - `citedBy`: a quote from the citing report itself;
 * - any other text: the text itself.
 * Comparison ignores case, typographic quotes and dashes, hyphens against spaces and accents.
 * Claims the check cannot read are listed in `data/quote-exceptions.json`, each with its reason.
 */

export interface QuoteExceptions {
  /** Properties whose values are the graph's classification of a record, never words of a source. */
  readonly properties: readonly { kind: Kind; property: string; reason: string }[];
  /** Single claims whose quotes state the value in a form the check cannot read. */
  readonly claims: readonly { kind: Kind; record: string; property: string; value: unknown; reason: string }[];
}

export const QUOTE_EXCEPTIONS_FILE = 'quote-exceptions.json';

export async function readQuoteExceptions(dataDir: string): Promise<QuoteExceptions> {
  return JSON.parse(await readFile(path.join(dataDir, QUOTE_EXCEPTIONS_FILE), 'utf8')) as QuoteExceptions;
}

/** Folds what a copied or reworded text may vary in: case, typography, accents, hyphens. */
export const fold = (text: string): string =>
  normaliseQuoteText(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑]/g, ' ')
    .replace(/(?<=s)'(?=\s)/g, '')
    .replace(/\s+/g, ' ');

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The words that state each code of a fixed list, by property. */
export const ENUM_WORDS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  gender: {
    MALE: ['men', "men's", 'man', 'he', 'his', 'him', 'male'],
    FEMALE: ['women', "women's", 'woman', 'she', 'her', 'female'],
    MIXED: ['mixed'],
  },
  season: { SUMMER: ['summer'], WINTER: ['winter'] },
  series: { PARALYMPIC_GAMES: ['paralympic', 'paralympics'], OLYMPIC_GAMES: ['olympic', 'olympics'] },
  round: { HEATS: ['heat', 'heats', 'first round'], SEMIFINAL: ['semifinal', 'semi final'], FINAL: ['final'] },
  status: {
    DISQUALIFIED: ['disqualified'],
    DID_NOT_START: ['did not start'],
    DID_NOT_FINISH: ['did not finish'],
    FINISHED: ['completed', 'finished'],
  },
  role: { COMPETITOR: ['compete', 'competed', 'athlete', 'athletes', 'swimmers', 'swam'], GUIDE: ['guide'] },
  ipcMembershipStatus: { PROVISIONAL: ['provisional'], FULL: ['full'], SUSPENDED: ['suspended'] },
  organisationKind: {
    NGO: ['charity', 'non governmental'],
    GOVERNMENT: ['government', 'ministry', 'regime'],
    NEWS_MEDIA: ['news', 'newspaper', 'media', 'press'],
    EMBASSY: ['embassy'],
    CENTRE: ['centre', 'center'],
    SPORTS: ['paralympic', 'olympic', 'sports'],
  },
  participated: {
    true: ['debut', 'taking part', 'take part', 'took part', 'delegation', 'participate', 'participated'],
    false: ['ignored'],
  },
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether `needle` occurs in `haystack` as whole words (both folded). */
const hasWords = (haystack: string, needle: string): boolean =>
  needle !== '' && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'u').test(haystack);

/** A number as a whole token, or an ordinal ("12th"), never part of a longer number ("12" in "12.08"). */
const hasNumber = (haystack: string, value: number): boolean =>
  new RegExp(
    `(?<![\\p{L}\\p{N}]|\\d\\.)${escapeRegExp(String(value))}(?:st|nd|rd|th)?(?![\\p{L}\\p{N}]|\\.\\d)`,
    'u',
  ).test(haystack);

const numberStated = (quotes: string, value: number): boolean =>
  hasNumber(quotes, value) ||
  (Number.isInteger(value) && value >= 0 && value < NUMBER_WORDS.length && hasWords(quotes, NUMBER_WORDS[value] ?? ''));

function dateStated(quotes: string, value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  return (
    hasWords(quotes, String(year)) &&
    (month === undefined || hasWords(quotes, MONTHS[month - 1] ?? '')) &&
    (day === undefined || hasWords(quotes, String(day)))
  );
}

/** Everything a description holds that its quotes must hold too: numbers, quoted passages, names. */
export function checkablePartsOfDescription(description: string): string[] {
  const quoted = [...description.matchAll(/"([^"]+)"/g)].map((match) => (match[1] ?? '').replace(/[.,;:]+$/, ''));
  const unquoted = description.replace(/"[^"]+"/g, ' ');
  const numbers = unquoted.match(/(?<![\p{L}\p{N}])\d+(?:\.\d+)?(?![\p{L}\p{N}])/gu) ?? [];
  const names = [...unquoted.matchAll(/(?<![.!?]\s|^)(?<=\s)(\p{Lu}[\p{L}\p{N}'’-]*)/gu)].map((match) =>
    (match[1] ?? '').replace(/['’]s$/, ''),
  );
  return [...quoted, ...numbers, ...names];
}

/**
 * The names an entity goes by: every name and alternate name claimed, and its codes. With `sourced`,
 * only those the sources give it: a name the graph gives (derived) vouches for no other words.
 */
function namesOf(store: Store, kind: Kind, slug: string, sourced = false): string[] {
  const record = store.get(kind, slug);
  if (!record) return [];
  return record.claims
    .filter(
      (claim) =>
        ['name', 'alternateName', 'code'].includes(claim.property) &&
        claim.value !== null &&
        !(sourced && claim.derived),
    )
    .map((claim) => String(claim.value));
}

/** The names the sources give a report and its publisher. */
function sourceNames(store: Store, slug: string): string[] {
  const report = store.get('report', slug);
  const publisher = report?.kind === 'report' ? report.facts.publisher : null;
  return [
    ...namesOf(store, 'report', slug, true),
    ...(publisher === null ? [] : namesOf(store, 'organisation', publisher, true)),
  ];
}

function referenceStated(store: Store, claim: Claim, quotes: string): boolean {
  const target = claim.target;
  if (!target) return false;
  if (namesOf(store, target.kind, target.slug).some((name) => hasWords(quotes, fold(name)))) return true;
  if (target.kind !== 'games') return false;
  const games = store.get('games', target.slug);
  if (games?.kind !== 'games') return false;
  const seriesWords = ENUM_WORDS.series?.[games.facts.series] ?? [];
  return hasWords(quotes, String(games.facts.year)) && seriesWords.some((word) => hasWords(quotes, word));
}

/** Whether the claim's quotes state its value, by the rules above. */
export function quotesStateValue(store: Store, record: EntityRecord, claim: Claim): boolean {
  const quotes = claim.citations
    .map((citation) => citation.quote)
    .filter((quote): quote is string => quote !== null)
    .map(fold)
    .join(' \n ');
  const { value } = claim;
  // A claim that the sources give no value states nothing to find; the loader makes it say why.
  if (value === null) return true;
  if (quotes === '') return false;
  // A report is cited by the document whose words, quoted from it, cite it.
  if (claim.property === 'citedBy')
    return claim.citations.some((citation) => citation.report === claim.target?.slug && citation.quote !== null);
  if (claim.target) return referenceStated(store, claim, quotes);
  if (typeof value === 'number') return numberStated(quotes, value);
  const words = ENUM_WORDS[claim.property]?.[String(value)];
  if (words) return words.some((word) => hasWords(quotes, fold(word)));
  if (typeof value === 'boolean') return false;
  if (/^\d{4}(-\d{2}){0,2}$/.test(value)) return dateStated(quotes, value);
  if (claim.property === 'description') {
    // A description may name its subject, and the source it repeats ("Handicap International's page says…").
    const names = [
      ...('name' in record.facts ? namesOf(store, record.kind, record.slug, true) : []),
      ...claim.citations.flatMap((citation) => sourceNames(store, citation.report)),
    ].map(fold);
    return checkablePartsOfDescription(value).every(
      (part) => hasWords(quotes, fold(part)) || names.some((name) => hasWords(name, fold(part))),
    );
  }
  return hasWords(quotes, fold(value));
}

export interface UnstatedClaim {
  readonly kind: Kind;
  readonly record: string;
  readonly property: string;
  readonly value: unknown;
}

/** Every claim not marked derived whose quotes do not state its value, and not excepted. */
export function unstatedClaims(store: Store, kinds: readonly Kind[], exceptions: QuoteExceptions): UnstatedClaim[] {
  const excepted = (kind: Kind, record: string, claim: Claim) =>
    exceptions.properties.some((rule) => rule.kind === kind && rule.property === claim.property) ||
    exceptions.claims.some(
      (rule) =>
        rule.kind === kind && rule.record === record && rule.property === claim.property && rule.value === claim.value,
    );
  const found: UnstatedClaim[] = [];
  for (const kind of kinds) {
    for (const record of store.all(kind)) {
      for (const claim of record.claims) {
        if (claim.derived || excepted(kind, record.slug, claim) || quotesStateValue(store, record, claim)) continue;
        found.push({ kind, record: record.slug, property: claim.property, value: claim.value });
      }
    }
  }
  return found;
}
