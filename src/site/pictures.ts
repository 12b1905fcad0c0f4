import type { Country, Result, SportsEvent } from '../graph/model.js';
import type { Store } from '../graph/store.js';
import { escapeHtml } from './escape-html.js';

/**
 * A country's Games as an inline SVG timeline: one mark per edition the sources list, filled where
 * the country took part, hollow where it did not, with its medal total.
 */
export function gamesTimeline(store: Store, country: Country, link: (kind: 'games', slug: string) => string): string {
  const delegations = store.participationsOf(country);
  if (delegations.length === 0) return '';
  const step = 110;
  const width = 40 + step * delegations.length;
  const marks = delegations.map((delegation, index) => {
    const games = store.follow('games', delegation.facts.games);
    const medals = store.medalsOf(delegation);
    const x = 40 + step * index;
    const status = delegation.facts.participated ? 'took part' : 'did not take part';
    return `<a href="${escapeHtml(link('games', games.slug))}"><g class="${delegation.facts.participated ? 'attended' : 'absent'}">
<title>${escapeHtml(`${games.facts.name}: ${status}${medals ? `, ${medals.total} medals` : ''}`)}</title>
<circle cx="${x}" cy="40" r="12" fill="${delegation.facts.participated ? '#1f6feb' : '#fff'}" stroke="#1f6feb" stroke-width="3"/>
<text x="${x}" y="75" text-anchor="middle" font-size="13">${games.facts.year}</text>
<text x="${x}" y="92" text-anchor="middle" font-size="11" fill="#555">${escapeHtml(games.facts.season === 'WINTER' ? 'Winter' : 'Summer')}${games.facts.series === 'OLYMPIC_GAMES' ? ' Olympics' : ''}</text>
<text x="${x}" y="108" text-anchor="middle" font-size="11" fill="#555">${delegation.facts.participated ? (medals ? `${medals.total} medals` : 'took part') : 'absent'}</text>
</g></a>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(`${country.facts.name} at the Games`)}" width="${width}" height="120" viewBox="0 0 ${width} 120">
<line x1="20" y1="40" x2="${width - 20}" y2="40" stroke="#bbb" stroke-width="2"/>
${marks.join('\n')}
</svg>`;
}

const outcome = (result: Result): string => {
  if (result.facts.time !== null) return `${result.facts.time.toFixed(2)} s`;
  if (result.facts.mark !== null) return `${result.facts.mark.toFixed(2)} m`;
  return result.facts.status.toLowerCase().replaceAll('_', ' ');
};

/** An event's results as a table: rank, athlete and country, time or mark, and where the rank is disputed. */
export function resultsTable(
  store: Store,
  event: SportsEvent,
  link: (kind: 'athlete' | 'result', slug: string) => string,
): string {
  const rows = store.resultsOf(event).map((result) => {
    const athlete = store.follow('athlete', result.facts.athlete);
    const country = store.followNullable('country', athlete.facts.country);
    const ranks = result.claims.filter((claim) => claim.property === 'rank');
    const disputed =
      ranks.length > 1
        ? ` <small>(also ${ranks
            .filter((claim) => !claim.preferred && claim.value !== null)
            .map((claim) => String(claim.value))
            .join(', ')})</small>`
        : '';
    return `<tr><td>${result.facts.rank ?? '–'}${disputed}</td><td><a href="${escapeHtml(link('athlete', athlete.slug))}">${escapeHtml(athlete.facts.name)}</a></td><td>${escapeHtml(country?.facts.code ?? '')}</td><td><a href="${escapeHtml(link('result', result.slug))}">${escapeHtml(outcome(result))}</a></td><td>${result.facts.heat ?? ''}</td></tr>`;
  });
  if (rows.length === 0) return '<p>The sources give no results for this event.</p>';
  return `<table class="results">
<tr><th>rank</th><th>athlete</th><th>country</th><th>time or mark</th><th>heat</th></tr>
${rows.join('\n')}
</table>`;
}
