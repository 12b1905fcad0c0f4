import type { Delegation, EntityRecord, Result } from '../graph/model.js';
import type { View } from '../graph/store.js';
import { linkTo, pathOf, type Site } from './context.js';
import { escapeHtml } from './escape-html.js';
import { counted, formatNumber, ordinal } from './format.js';
import { outcomeOf, rankOf } from './pictures.js';

/** The most rows a related list shows on an entity page; longer relations say how many more there are. */
export const LIST_LIMIT = 100;

/** The first rows of a list to show, and a line saying how many are left out. */
export function firstRows<T>(rows: View<T>): { readonly shown: T[]; readonly more: string } {
  const shown = rows.slice(0, LIST_LIMIT);
  const left = rows.length - shown.length;
  return { shown, more: left > 0 ? `<p class="muted">And ${counted(left, 'more')}.</p>` : '' };
}

export interface Column<T> {
  readonly label: string;
  readonly numeric?: boolean;
  readonly cell: (row: T) => string;
}

/**
 * A table that folds into labelled rows on a phone (each cell says which column it is), with a
 * caption for screen readers; rows may be marked as the page's own.
 */
export function table<T>(
  caption: string,
  columns: readonly Column<T>[],
  all: View<T>,
  highlight?: (row: T) => boolean,
): string {
  const { shown: rows, more } = firstRows(all);
  const head = columns
    .map((column) => `<th scope="col"${column.numeric ? ' class="num"' : ''}>${escapeHtml(column.label)}</th>`)
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr${highlight?.(row) ? ' class="highlight"' : ''}>${columns
          .map(
            (column) =>
              `<td data-label="${escapeHtml(column.label)}"${column.numeric ? ' class="num"' : ''}><div>${column.cell(row)}</div></td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<div class="table-scroll"><table class="stack"><caption class="visually-hidden">${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>${more}`;
}

/** A result's rank with the other ranks sources give, and a badge where the rank is disputed. */
export function rankCell(site: Site, result: Result): string {
  const others = result.claims.filter(
    (claim) => claim.property === 'rank' && !claim.preferred && claim.rank !== 'deprecated',
  );
  const rank = escapeHtml(rankOf(result));
  if (others.length === 0) return rank;
  const also = others.map((claim) => ordinal(Number(claim.value))).join(', ');
  return `${rank}<span class="badge disputed">sources differ</span> <small>also ${escapeHtml(also)} · <a href="${escapeHtml(pathOf(site, result))}#p-rank">why</a></small>`;
}

/** A result's time, mark or status, linked to its page, marked where derived. */
export function outcomeCell(site: Site, result: Result): string {
  const derived = result.claims.some(
    (claim) => (claim.property === 'time' || claim.property === 'mark') && claim.preferred && claim.derived,
  );
  return `${linkTo(site, result, escapeHtml(outcomeOf(site, result)))}${derived ? '<span class="badge derived">derived</span>' : ''}`;
}

type ResultColumn = 'athlete' | 'country' | 'event' | 'games' | 'round' | 'guide';

/** Results as a table with the columns a page needs; the page's own result is highlighted. */
export function resultsTable(
  site: Site,
  caption: string,
  results: View<Result>,
  show: readonly ResultColumn[],
  current?: EntityRecord,
): string {
  const { store, labels } = site;
  const columns: Column<Result>[] = [{ label: 'Rank', cell: (result) => rankCell(site, result) }];
  if (show.includes('athlete'))
    columns.push({ label: 'Athlete', cell: (result) => linkTo(site, store.follow('athlete', result.facts.athlete)) });
  if (show.includes('country'))
    columns.push({
      label: 'Country',
      cell: (result) => {
        const country = store.followNullable('country', store.follow('athlete', result.facts.athlete).facts.country);
        return country ? linkTo(site, country, escapeHtml(country.facts.code)) : '';
      },
    });
  if (show.includes('event'))
    columns.push({ label: 'Event', cell: (result) => linkTo(site, store.follow('event', result.facts.event)) });
  if (show.includes('games'))
    columns.push({
      label: 'Games',
      cell: (result) => {
        const games = store.gamesOfResult(result);
        return games ? linkTo(site, games) : '';
      },
    });
  columns.push({ label: 'Result', numeric: true, cell: (result) => outcomeCell(site, result) });
  columns.push({ label: 'Status', cell: (result) => escapeHtml(labels.values.status[result.facts.status]) });
  if (show.includes('round'))
    columns.push({
      label: 'Round',
      cell: (result) =>
        escapeHtml(
          [
            result.facts.round ? labels.values.round[result.facts.round] : '',
            result.facts.heat !== null ? `heat ${result.facts.heat}` : '',
          ]
            .filter(Boolean)
            .join(', '),
        ),
    });
  if (show.includes('guide') && results.slice(0, LIST_LIMIT).some((result) => result.facts.guide !== null))
    columns.push({
      label: 'Guide',
      cell: (result) => {
        const guide = store.followNullable('athlete', result.facts.guide);
        return guide ? linkTo(site, guide) : '';
      },
    });
  return table(caption, columns, results, (result) => result.slug === current?.slug);
}

/** A delegation's medals in words, or a dash where the sources give none. */
export function medalsCell(site: Site, delegation: Delegation): string {
  const medals = site.store.medalsOf(delegation);
  if (!medals) return '–';
  if (medals.total === 0) return 'none';
  return escapeHtml(
    `${counted(medals.total, 'medal')} (${medals.gold} gold, ${medals.silver} silver, ${medals.bronze} bronze)`,
  );
}

export const countCell = (value: number | null): string => (value === null ? '–' : formatNumber(value));
