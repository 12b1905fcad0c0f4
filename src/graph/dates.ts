/** How much of a date the sources give: a year ("2006"), a month ("2012-03") or a day ("2012-08-29"). */
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

const PRECISION_BY_LENGTH: Readonly<Record<number, DatePrecision>> = { 4: 'YEAR', 7: 'MONTH', 10: 'DAY' };

/** The precision of a valid partial date, read from its form. */
export const precisionOf = (date: string): DatePrecision => PRECISION_BY_LENGTH[date.length] ?? 'DAY';

/** The first day a partial date may denote: "2012-03" → "2012-03-01". */
export function firstDayOf(date: string): string {
  switch (precisionOf(date)) {
    case 'YEAR':
      return `${date}-01-01`;
    case 'MONTH':
      return `${date}-01`;
    case 'DAY':
      return date;
  }
}

/** The last day a partial date may denote: "2012-02" → "2012-02-29", "2006" → "2006-12-31". */
export function lastDayOf(date: string): string {
  switch (precisionOf(date)) {
    case 'YEAR':
      return `${date}-12-31`;
    case 'MONTH': {
      const [year = 0, month = 1] = date.split('-').map(Number);
      // Day 0 of the next month is the last day of this one.
      return `${date}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
    }
    case 'DAY':
      return date;
  }
}
