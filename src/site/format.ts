/**
 * Values as a reader expects them: dates as precise as the source wrote them, times and marks with
 * their units, ranks as ordinals. Pure functions of text, so each is tested without a page.
 */

/** Made on first use, not when the server starts: ICU's formatters take milliseconds each to make. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

const MONTH_YEAR = once(() => new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }));
const DAY_MONTH_YEAR = once(
  () => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
);
const ORDINALS = once(() => new Intl.PluralRules('en-GB', { type: 'ordinal' }));
const ORDINAL_SUFFIX: Readonly<Record<string, string>> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
const NUMBER = once(() => new Intl.NumberFormat('en-GB'));
const LIST = once(() => new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }));

/** "2006" stays "2006", "2012-03" is "March 2012", "2012-08-29" is "29 August 2012": never a made-up day. */
export function formatPartialDate(value: string): string {
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || Number.isNaN(year)) return value;
  if (month === undefined) return String(year);
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  return day === undefined ? MONTH_YEAR().format(date) : DAY_MONTH_YEAR().format(date);
}

/** A duration in seconds as a result list writes it: "47.87 s" below a minute, "4:05.32" from one. */
export function formatTime(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(2)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(2).padStart(5, '0')}`;
}

/** A distance in metres: "12.08 m". */
export const formatMark = (metres: number): string => `${metres.toFixed(2)} m`;

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 19th, 21st… */
export const ordinal = (value: number): string => `${value}${ORDINAL_SUFFIX[ORDINALS().select(value)] ?? 'th'}`;

/** A rank and, where known, the field it was out of: "19th of 19". */
export const formatRank = (rank: number, fieldSize: number | null): string =>
  fieldSize === null ? ordinal(rank) : `${ordinal(rank)} of ${fieldSize}`;

export const formatNumber = (value: number): string => NUMBER().format(value);

/** "1 source", "2 sources": a count and a noun, in the plural when it is not one. */
export const counted = (count: number, one: string, many = `${one}s`): string =>
  `${formatNumber(count)} ${count === 1 ? one : many}`;

/** "A, B and C". */
export const listOf = (items: readonly string[]): string => LIST().format(items);

/**
 * Free sentences joined into one paragraph: each keeps its own full stop, and one without gets one,
 * so descriptions never read "., ".
 */
export function sentences(texts: readonly string[]): string {
  return texts
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .map((text) => (/[.!?]["'”’)]?$/.test(text) ? text : `${text}.`))
    .join(' ');
}
