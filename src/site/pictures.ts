import type { Country, Delegation, Games, Result } from '../graph/model.js';
import type { Store, View } from '../graph/store.js';
import { pathOf, type Site, titleOf } from './context.js';
import { escapeHtml } from './escape-html.js';
import { counted, formatMark, formatTime, ordinal } from './format.js';

/*
 * Pictures are inline SVG drawn in percentages of their width and in pixels of height: they fill any
 * column, from a phone to a desktop, while their text keeps its size (a scaled viewBox would shrink
 * 12 px labels to 5 px on a phone). Colours come from the stylesheet, so they follow dark mode.
 */

const LANE_HEIGHT = 46;
const AXIS_HEIGHT = 30;
const TOP = 22;

interface Lane {
  readonly key: string;
  readonly label: string;
  readonly olympic: boolean;
}

function laneOf(games: Games): Lane {
  const season = games.facts.season === 'WINTER' ? 'Winter' : 'Summer';
  return games.facts.series === 'OLYMPIC_GAMES'
    ? { key: `olympic-${season}`, label: `${season} Olympics`, olympic: true }
    : { key: `paralympic-${season}`, label: `${season} Paralympics`, olympic: false };
}

function describeDelegation(store: Store, delegation: Delegation, games: Games): string {
  const place = games.facts.city ? `, ${games.facts.city}` : '';
  if (!delegation.facts.participated) return `${games.facts.name}${place}: did not take part`;
  const parts = ['took part'];
  if (delegation.facts.competitors !== null) parts.push(counted(delegation.facts.competitors, 'competitor'));
  const medals = store.medalsOf(delegation);
  if (medals) parts.push(medals.total === 0 ? 'no medals' : counted(medals.total, 'medal'));
  return `${games.facts.name}${place}: ${parts.join(', ')}`;
}

/** The timeline's legend: the fills and shapes, in words. */
export const TIMELINE_LEGEND = `<ul class="legend">
<li><svg aria-hidden="true" focusable="false" viewBox="-8 -8 16 16"><circle r="6" class="took"/></svg>Took part</li>
<li><svg aria-hidden="true" focusable="false" viewBox="-8 -8 16 16"><circle r="5.5" class="absent" stroke-width="2"/></svg>Did not take part</li>
<li><svg aria-hidden="true" focusable="false" viewBox="-8 -8 16 16"><path d="M0-7 7 0 0 7-7 0z" class="olympic took"/></svg>Olympic Games (diamond), beside the Paralympics (circles)</li>
</ul>`;

/**
 * A country's Games on a time axis spaced by year: one lane per series and season, a filled mark where
 * it took part and a hollow one where it did not; each mark is a link, named for screen readers.
 */
export function gamesTimeline(site: Site, country: Country): string {
  const { store } = site;
  const delegations = store.participationsOf(country);
  if (delegations.length === 0) return '';
  const entries = delegations.map((delegation) => ({
    delegation,
    games: store.follow('games', delegation.facts.games),
  }));
  const lanes = [...new Map(entries.map(({ games }) => laneOf(games)).map((lane) => [lane.key, lane])).values()].sort(
    (a, b) => Number(a.olympic) - Number(b.olympic) || a.label.localeCompare(b.label),
  );
  const years = entries.map(({ games }) => games.facts.year);
  // The axis runs between Summer Games years (every fourth) around the first and last Games.
  const first = Math.floor(Math.min(...years) / 4) * 4;
  const last = Math.max(Math.ceil(Math.max(...years) / 4) * 4, first + 8);
  const x = (year: number) => `${(4 + ((year - first) / (last - first)) * 92).toFixed(2)}%`;
  const laneY = (key: string) => TOP + lanes.findIndex((lane) => lane.key === key) * LANE_HEIGHT + 14;
  const height = TOP + lanes.length * LANE_HEIGHT + AXIS_HEIGHT;
  const axisY = height - AXIS_HEIGHT + 4;

  const laneLines = lanes
    .map((lane) => {
      const y = laneY(lane.key);
      return `<line class="lane" x1="0" x2="100%" y1="${y}" y2="${y}"/><text class="lane-label" x="0" y="${y - 14}">${escapeHtml(lane.label)}</text>`;
    })
    .join('');
  const ticks: string[] = [];
  for (let year = first; year <= last; year += 4) {
    const labelled = (year - first) % 8 === 0;
    ticks.push(
      `<line x1="${x(year)}" x2="${x(year)}" y1="${axisY}" y2="${axisY + (labelled ? 7 : 4)}"/>${labelled ? `<text x="${x(year)}" y="${axisY + 20}" text-anchor="middle">${year}</text>` : ''}`,
    );
  }
  const marks = entries.map(({ delegation, games }) => {
    const lane = laneOf(games);
    const y = laneY(lane.key);
    const state = delegation.facts.participated ? 'took' : 'absent';
    const label = describeDelegation(store, delegation, games);
    const shape = lane.olympic ? '#timeline-diamond' : '#timeline-circle';
    return `<a href="${escapeHtml(pathOf(site, games))}" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title><use href="#timeline-hit" x="${x(games.facts.year)}" y="${y}"/><use href="${shape}" x="${x(games.facts.year)}" y="${y}" class="${state}${lane.olympic ? ' olympic' : ''}" stroke-width="2.5"/><use href="#timeline-ring" class="ring" x="${x(games.facts.year)}" y="${y}"/></a>`;
  });
  const attended = entries.filter(({ delegation }) => delegation.facts.participated).length;
  const summary = `${titleOf(store, country)} at ${counted(entries.length, 'Games', 'Games')} from ${Math.min(...years)} to ${Math.max(...years)}: took part in ${attended}, absent from ${entries.length - attended}.`;
  return `<figure class="timeline">
<svg class="picture" width="100%" height="${height}" role="group" aria-label="${escapeHtml(summary)}">
<defs><circle id="timeline-circle" r="7"/><path id="timeline-diamond" d="M0-8.5 8.5 0 0 8.5-8.5 0z"/><circle id="timeline-ring" r="12"/><circle id="timeline-hit" r="13" fill="transparent"/></defs>
${laneLines}
<g class="axis"><line x1="0" x2="100%" y1="${axisY}" y2="${axisY}"/>${ticks.join('')}</g>
${marks.join('\n')}
</svg>
<figcaption>${escapeHtml(summary)} Each mark is a Games, placed by year; select one to open it.</figcaption>
${TIMELINE_LEGEND}
</figure>`;
}

/** A result's outcome in words: its time or mark, else its status. */
export function outcomeOf(site: Site, result: Result): string {
  if (result.facts.time !== null) return formatTime(result.facts.time);
  if (result.facts.mark !== null) return formatMark(result.facts.mark);
  return site.labels.values.status[result.facts.status];
}

const ROW_HEIGHT = 42;

/**
 * An event's times or marks as bars, best first, where at least two results have one; derived values
 * (computed from stated gaps) are drawn lighter and say so. The table beside it holds the same data.
 */
export function resultsChart(site: Site, results: View<Result>, current?: Result): string {
  // A chart of more bars than this is no longer read bar by bar; the table beside it has every result.
  if (results.length > 40) return '';
  const measured = results
    .map((result) => ({ result, value: result.facts.time ?? result.facts.mark }))
    .filter((entry): entry is { result: Result; value: number } => entry.value !== null);
  if (measured.length < 2) return '';
  const byTime = measured.every(({ result }) => result.facts.time !== null);
  measured.sort((a, b) => (byTime ? a.value - b.value : b.value - a.value));
  const max = Math.max(...measured.map(({ value }) => value));
  const derivedOf = (result: Result) =>
    result.claims.some((claim) => claim.property === (byTime ? 'time' : 'mark') && claim.preferred && claim.derived);
  const rows = measured.map(({ result, value }, index) => {
    const athlete = site.store.follow('athlete', result.facts.athlete);
    const country = site.store.followNullable('country', athlete.facts.country);
    const y = index * ROW_HEIGHT;
    const derived = derivedOf(result);
    const name = `${athlete.facts.name}${country ? ` (${country.facts.code})` : ''}`;
    const shown = `${byTime ? formatTime(value) : formatMark(value)}${derived ? ' · derived' : ''}`;
    const classes = ['bar', derived ? 'derived' : '', result.slug === current?.slug ? 'this' : '']
      .filter(Boolean)
      .join(' ');
    return `<text x="0" y="${y + 14}">${escapeHtml(name)}</text><text class="value" x="100%" y="${y + 14}" text-anchor="end">${escapeHtml(shown)}</text><rect class="${classes}" x="0" y="${y + 20}" height="12" rx="3" width="${((value / max) * 100).toFixed(2)}%"/>`;
  });
  const description = measured
    .map(
      ({ result, value }) =>
        `${site.store.follow('athlete', result.facts.athlete).facts.name} ${byTime ? formatTime(value) : formatMark(value)}${derivedOf(result) ? ' (derived)' : ''}`,
    )
    .join('; ');
  const what = byTime ? 'Times, fastest first; a shorter bar is faster.' : 'Marks, longest first.';
  return `<figure class="chart">
<svg class="picture" width="100%" height="${measured.length * ROW_HEIGHT}" role="img" aria-label="${escapeHtml(`${what} ${description}.`)}">
${rows.join('\n')}
</svg>
<figcaption>${escapeHtml(what)} Lighter bars are derived from gaps the sources state, not stated themselves.</figcaption>
</figure>`;
}

/** A rank as shown in tables: "19th", or "19th of 19" where the field size is known. */
export function rankOf(result: Result): string {
  if (result.facts.rank === null) return '–';
  return result.facts.fieldSize === null
    ? ordinal(result.facts.rank)
    : `${ordinal(result.facts.rank)} of ${result.facts.fieldSize}`;
}
