import type { Kind } from '../graph/kinds.js';
import type {
  Athlete,
  Country,
  Delegation,
  EntityRecord,
  Games,
  NamedEntity,
  Npc,
  Organisation,
  Person,
  Report,
  Result,
  SportsEvent,
} from '../graph/model.js';
import type { View } from '../graph/store.js';
import { seriesIri } from '../linked-data/iris.js';
import { kindPath, linkTo, localHref, pathOf, type Site, textIn, titleOf } from './context.js';
import { escapeHtml } from './escape-html.js';
import { counted, sentences } from './format.js';
import { type Crumb, type Page, renderPage } from './layout.js';
import { gamesTimeline, resultsChart } from './pictures.js';
import { describeReport, preferredWithBadges, renderSources, renderStatements, shownValue } from './statements.js';
import { descriptionOf, gamesDates, summaryOf } from './summaries.js';
import { countCell, firstRows, LIST_LIMIT, medalsCell, resultsTable, table } from './tables.js';

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and the JavaScript line
 * separators are written as escapes, so no string in the data can close the script element.
 */
export const scriptSafeJson = (value: unknown): string =>
  JSON.stringify(value, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The RDF forms of an entity, for `<link rel="alternate">` (the IRI answers each by content negotiation). */
/** The formats an entity's IRI answers in, each at its own URL (the IRI with a suffix). */
export const ENTITY_FORMATS = [
  { type: 'application/ld+json', title: 'JSON-LD', extension: 'jsonld' },
  { type: 'text/turtle', title: 'Turtle', extension: 'ttl' },
  { type: 'application/n-triples', title: 'N-Triples', extension: 'nt' },
  { type: 'application/n-quads', title: 'N-Quads', extension: 'nq' },
  { type: 'application/trig', title: 'TriG', extension: 'trig' },
  { type: 'application/rdf+xml', title: 'RDF/XML', extension: 'rdf' },
] as const;

interface Tile {
  readonly label: string;
  readonly value: string;
  readonly sub?: string;
}

const tiles = (items: readonly (Tile | undefined | false)[]): string => {
  const shown = items.filter((item): item is Tile => Boolean(item));
  if (shown.length === 0) return '';
  return `<ul class="headline">${shown
    .map(
      (tile) =>
        `<li><span class="label">${escapeHtml(tile.label)}</span><span class="big">${tile.value}</span>${tile.sub ? `<span class="sub">${tile.sub}</span>` : ''}</li>`,
    )
    .join('')}</ul>`;
};

const section = (id: string, title: string, body: string): string =>
  body.trim() === ''
    ? ''
    : `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2>\n${body}\n</section>`;

/** A list of links to entities, each with its one-line summary. */
function linkList(site: Site, records: View<EntityRecord>): string {
  if (records.length === 0) return '';
  const { shown, more } = firstRows(records);
  return `<ul class="link-list">${shown
    .map((record) => `<li>${linkTo(site, record)} <small>${escapeHtml(summaryOf(site, record))}</small></li>`)
    .join('')}</ul>${more}`;
}

/** Records once each, by identity of kind and slug (a store may hand out a record more than once). */
const unique = <T extends EntityRecord>(items: Iterable<T>): T[] => [
  ...new Map([...items].map((item) => [`${item.kind}/${item.slug}`, item])).values(),
];

function delegationsTable(site: Site, delegations: View<Delegation>, by: 'games' | 'country'): string {
  const { store } = site;
  return table(
    by === 'games' ? 'Participations by Games' : 'Delegations',
    [
      by === 'games'
        ? {
            label: 'Games',
            cell: (delegation: Delegation) => linkTo(site, store.follow('games', delegation.facts.games)),
          }
        : {
            label: 'Country',
            cell: (delegation: Delegation) => linkTo(site, store.follow('country', delegation.facts.country)),
          },
      {
        label: 'Took part',
        cell: (delegation) =>
          delegation.facts.participated
            ? linkTo(site, delegation, 'Yes')
            : `${linkTo(site, delegation, 'No')}<span class="badge absent">absent</span>`,
      },
      { label: 'Competitors', numeric: true, cell: (delegation) => countCell(delegation.facts.competitors) },
      { label: 'Medals', cell: (delegation) => medalsCell(site, delegation) },
    ],
    delegations,
  );
}

// --- one lead and related sections per kind -----------------------------------------------------

function countryBody(site: Site, country: Country): string {
  const { store } = site;
  const delegations = store.participationsOf(country);
  const athletes = store.athletesWhere({ country });
  const hosted = store.all('games').filter((games) => games.facts.hostCountry === country.slug);
  const organisations = store.organisationsWhere({ country });
  const serving = store
    .all('organisation')
    .filter((organisation) => organisation.facts.areaServed.includes(country.slug));
  const people = store.all('person').filter((person) => person.facts.nationality === country.slug);
  const medals = store.medalTotals(country);
  const attended = delegations.filter((delegation) => delegation.facts.participated).length;
  return [
    tiles([
      { label: 'IOC code', value: preferredWithBadges(site, country, 'code') ?? escapeHtml(country.facts.code) },
      delegations.length > 0 && {
        label: 'At the Games',
        value: `${attended} of ${delegations.length}`,
        sub: 'Games it took part in, of those listed',
      },
      delegations.length > 0 && {
        label: 'Paralympic medals',
        value: String(medals.total),
        sub: `${medals.gold} gold, ${medals.silver} silver, ${medals.bronze} bronze`,
      },
    ]),
    section(
      'at-the-games',
      'At the Games',
      delegations.length > 0 ? `${gamesTimeline(site, country)}\n${delegationsTable(site, delegations, 'games')}` : '',
    ),
    section('npc', 'National Paralympic Committee', linkList(site, store.npcsOf(country))),
    section('athletes', 'Athletes', linkList(site, athletes)),
    section('hosted', 'Games hosted', linkList(site, hosted)),
    section('organisations', 'Organisations based here', linkList(site, organisations)),
    section('working-here', 'Organisations working here', linkList(site, serving)),
    section('people', 'People', linkList(site, people)),
  ].join('\n');
}

function npcBody(site: Site, npc: Npc): string {
  const { store } = site;
  const country = store.follow('country', npc.facts.country);
  const delegations = store.participationsOf(country).filter((delegation) => delegation.facts.npc === npc.slug);
  return [
    tiles([
      { label: 'Country', value: linkTo(site, country) },
      npc.facts.ipcMembershipStatus !== null && {
        label: 'IPC membership',
        value: preferredWithBadges(site, npc, 'ipcMembershipStatus') ?? '',
      },
      npc.facts.ipcMemberSince !== null && {
        label: 'Member since',
        value: preferredWithBadges(site, npc, 'ipcMemberSince') ?? '',
      },
    ]),
    section(
      'delegations',
      'Delegations it sent',
      delegations.length > 0 ? delegationsTable(site, delegations, 'games') : '',
    ),
  ].join('\n');
}

function gamesBody(site: Site, games: Games): string {
  const { store, labels } = site;
  const delegations = store.participationsAt(games);
  const events = store.eventsAt(games);
  const results = store.resultsWhere({ games });
  const host = store.followNullable('country', games.facts.hostCountry);
  const dates = gamesDates(games);
  return [
    tiles([
      {
        label: 'Series',
        value: `<a href="${escapeHtml(localHref(site, seriesIri(site.dataset.base, games.facts.series)))}">${escapeHtml(labels.values.series[games.facts.series])}</a>`,
        sub: `${labels.values.season[games.facts.season]} ${games.facts.year}`,
      },
      (games.facts.city !== null || host !== null) && {
        label: 'Host',
        value: preferredWithBadges(site, games, 'city') ?? (host ? linkTo(site, host) : ''),
        sub: games.facts.city !== null && host ? linkTo(site, host) : undefined,
      },
      dates !== null && { label: 'Dates', value: escapeHtml(dates) },
    ]),
    section('delegations', 'Delegations', delegations.length > 0 ? delegationsTable(site, delegations, 'country') : ''),
    section(
      'events',
      'Events and results',
      firstRows(events)
        .shown.map((event) => {
          const eventResults = store.resultsOf(event);
          return `<h3>${linkTo(site, event)}</h3>\n${eventResults.length > 0 ? resultsTable(site, `Results of ${event.facts.name}`, eventResults, ['athlete', 'country', 'round']) : '<p class="muted">The sources give no results for this event.</p>'}`;
        })
        .join('\n'),
    ),
    results.length > 0 ? '' : '',
  ].join('\n');
}

function delegationBody(site: Site, delegation: Delegation): string {
  const { store } = site;
  const country = store.follow('country', delegation.facts.country);
  const games = store.follow('games', delegation.facts.games);
  const athletes = store.followAll('athlete', delegation.facts.athlete);
  const members = store.followAll('person', delegation.facts.member);
  const results = athletes.flatMap((athlete) => store.resultsWhere({ games, athlete }).slice(0, LIST_LIMIT));
  const all = store.participationsOf(country).slice();
  const at = all.findIndex((other) => other.slug === delegation.slug);
  const previous = at > 0 ? all[at - 1] : undefined;
  const next = at >= 0 ? all[at + 1] : undefined;
  const flagbearer = store.followNullable('athlete', delegation.facts.flagbearer);
  const neighbours = [
    previous &&
      `<li>Previous: ${linkTo(site, previous, escapeHtml(store.follow('games', previous.facts.games).facts.name))}</li>`,
    next && `<li>Next: ${linkTo(site, next, escapeHtml(store.follow('games', next.facts.games).facts.name))}</li>`,
  ].filter(Boolean);
  return [
    tiles([
      { label: 'Took part', value: delegation.facts.participated ? 'Yes' : 'No' },
      delegation.facts.competitors !== null && {
        label: 'Competitors',
        value: preferredWithBadges(site, delegation, 'competitors') ?? '',
      },
      delegation.facts.delegationSize !== null && {
        label: 'Delegation',
        value: preferredWithBadges(site, delegation, 'delegationSize') ?? '',
      },
      delegation.facts.participated && { label: 'Medals', value: medalsCell(site, delegation) },
      flagbearer !== null && { label: 'Flag bearer', value: linkTo(site, flagbearer) },
    ]),
    section('athletes', 'Athletes', linkList(site, athletes)),
    section('members', 'Members', linkList(site, members)),
    section(
      'results',
      'Results',
      results.length > 0 ? resultsTable(site, 'Results', results, ['athlete', 'event', 'guide']) : '',
    ),
    section(
      'context',
      'Around it',
      `<ul class="link-list"><li>${linkTo(site, country)} <small>country</small></li><li>${linkTo(site, games)} <small>Games</small></li>${neighbours.join('')}</ul>`,
    ),
  ].join('\n');
}

function athleteBody(site: Site, athlete: Athlete): string {
  const { store } = site;
  const results = store.resultsOfAthlete(athlete);
  const guided = store.resultsGuidedBy(athlete);
  const delegations = store.delegationsOfAthlete(athlete);
  const guides = unique(
    results
      .map((result) => store.followNullable('athlete', result.facts.guide))
      .filter((guide): guide is Athlete => guide !== null),
  );
  const country = store.followNullable('country', athlete.facts.country);
  const events = unique(results.map((result) => store.follow('event', result.facts.event)));
  const games = unique(
    results.map((result) => store.gamesOfResult(result)).filter((found): found is Games => found !== undefined),
  );
  return [
    tiles([
      country !== null && { label: 'Country', value: linkTo(site, country) },
      athlete.facts.sport.length > 0 && { label: 'Sport', value: escapeHtml(athlete.facts.sport.join(', ')) },
      athlete.facts.classification.length > 0 && {
        label: 'Sport class',
        value: escapeHtml(athlete.facts.classification.join(', ')),
      },
      results.length > 0 && { label: 'Results', value: String(results.length) },
    ]),
    section(
      'results',
      'Results',
      results.length > 0
        ? resultsTable(site, `Results of ${athlete.facts.name}`, results, ['event', 'games', 'round', 'guide'])
        : '',
    ),
    section(
      'guided',
      'As a guide',
      guided.length > 0 ? resultsTable(site, `Results as a guide`, guided, ['athlete', 'event', 'games']) : '',
    ),
    section('guides', 'Guided by', linkList(site, guides)),
    section('events', 'Events', linkList(site, events)),
    section('games', 'Games', linkList(site, games)),
    section('delegations', 'Delegations', linkList(site, delegations)),
  ].join('\n');
}

function eventBody(site: Site, event: SportsEvent): string {
  const { store, labels } = site;
  const games = store.follow('games', event.facts.games);
  const results = store.resultsOf(event);
  return [
    tiles([
      { label: 'Games', value: linkTo(site, games) },
      { label: 'Sport', value: escapeHtml([event.facts.sport, event.facts.discipline].filter(Boolean).join(', ')) },
      event.facts.classification !== null && { label: 'Sport class', value: escapeHtml(event.facts.classification) },
      event.facts.gender !== null && {
        label: 'Gender',
        value: escapeHtml(labels.values.eventGender[event.facts.gender]),
      },
    ]),
    section(
      'results',
      'Results',
      results.length > 0
        ? `${resultsChart(site, results)}\n${resultsTable(site, `Results of ${event.facts.name}`, results, ['athlete', 'country', 'round', 'guide'])}`
        : '<p class="muted">The sources give no results for this event.</p>',
    ),
  ].join('\n');
}

function resultBody(site: Site, result: Result): string {
  const { store, labels } = site;
  const athlete = store.follow('athlete', result.facts.athlete);
  const event = store.follow('event', result.facts.event);
  const games = store.gamesOfResult(result);
  const guide = store.followNullable('athlete', result.facts.guide);
  const rivals = store.resultsOf(event);
  const measure = result.facts.time !== null ? 'time' : result.facts.mark !== null ? 'mark' : undefined;
  const outcome = measure ? shownValue(site, result, measure) : undefined;
  const rank = shownValue(site, result, 'rank');
  const field = result.facts.fieldSize !== null ? `of ${result.facts.fieldSize}` : '';
  return [
    tiles([
      measure &&
        outcome && {
          label: measure === 'time' ? 'Time' : 'Mark',
          value: outcome.value,
          sub: outcome.alternatives || undefined,
        },
      rank && {
        label: 'Rank',
        value: rank.value,
        sub: [field, rank.alternatives].filter(Boolean).join(' · ') || undefined,
      },
      { label: 'Status', value: escapeHtml(labels.values.status[result.facts.status]) },
      result.facts.heat !== null
        ? {
            label: 'Heat',
            value: String(result.facts.heat),
            sub:
              [
                result.facts.round ? labels.values.round[result.facts.round] : '',
                result.facts.heatRank === 1
                  ? 'won the heat'
                  : result.facts.heatRank !== null
                    ? `place ${result.facts.heatRank} in heat`
                    : '',
              ]
                .filter(Boolean)
                .join(' · ') || undefined,
          }
        : result.facts.round !== null && { label: 'Round', value: escapeHtml(labels.values.round[result.facts.round]) },
    ]),
    `<p>${linkTo(site, athlete)} in the ${linkTo(site, event)}${games ? ` at the ${linkTo(site, games)}` : ''}${guide ? `, guided by ${linkTo(site, guide)}` : ''}.</p>`,
    section(
      'race',
      rivals.length > 1 ? 'The race' : 'The event',
      `${resultsChart(site, rivals, result)}\n${resultsTable(site, `Results of ${event.facts.name}`, rivals, ['athlete', 'country', 'round'], result)}`,
    ),
  ].join('\n');
}

function organisationBody(site: Site, organisation: Organisation): string {
  const { store, labels } = site;
  const published = store.reportsPublishedBy(organisation);
  const authored = store.reportsAuthoredBy(organisation);
  const about = store.reportsAbout(organisation);
  const members = store.all('npc').filter((npc) => npc.facts.memberOf === organisation.slug);
  const people = store.all('person').filter((person) => person.facts.affiliation.includes(organisation.slug));
  const parts = store.all('organisation').filter((other) => other.facts.parentOrganisation === organisation.slug);
  const country = store.followNullable('country', organisation.facts.country);
  return [
    tiles([
      { label: 'Type', value: escapeHtml(labels.values.organisationKind[organisation.facts.organisationKind]) },
      country !== null && {
        label: 'Country',
        value: linkTo(site, country),
        sub: organisation.facts.location ? escapeHtml(organisation.facts.location) : undefined,
      },
      organisation.facts.areaServed.length > 0 && {
        label: 'Works in',
        value: store
          .followAll('country', organisation.facts.areaServed)
          .map((served) => linkTo(site, served))
          .join(', '),
        sub: organisation.facts.areaServedSince
          ? `since ${preferredWithBadges(site, organisation, 'areaServedSince')}`
          : undefined,
      },
    ]),
    section('published', 'Reports it published', linkList(site, published)),
    section('authored', 'Reports it wrote', linkList(site, authored)),
    section('about', 'Reports about it', linkList(site, about)),
    section('members', 'Members', linkList(site, members)),
    section('people', 'People', linkList(site, people)),
    section('parts', 'Parts of it', linkList(site, parts)),
  ].join('\n');
}

function reportBody(site: Site, report: Report): string {
  const { store, labels } = site;
  const supports = store
    .entitiesCiting(report)
    .filter((record) => record.kind !== 'report' || record.slug !== report.slug);
  const byKind = new Map<Kind, EntityRecord[]>();
  for (const record of supports) byKind.set(record.kind, [...(byKind.get(record.kind) ?? []), record]);
  const cites = store.reportsCitedBy(report);
  const citedBy = store.followAll('report', report.facts.citedBy);
  const authors = store.authorsOf(report);
  const publisher = store.followNullable('organisation', report.facts.publisher);
  const text = store.textOf(report);
  const shownDate = shownValue(site, report, 'datePublished');
  const supported = [...byKind]
    .map(
      ([kind, records]) =>
        `<h3>${escapeHtml(labels.kinds[kind].many)} <small>(${records.length})</small></h3>${linkList(site, records)}`,
    )
    .join('\n');
  return [
    tiles([
      { label: 'Type', value: escapeHtml(labels.values.reportKind[report.facts.reportKind]) },
      shownDate !== undefined && {
        label: 'Published',
        value: shownDate.value,
        sub: shownDate.alternatives || undefined,
      },
      publisher !== null && { label: 'Publisher', value: preferredWithBadges(site, report, 'publisher') ?? '' },
      authors.length > 0 && {
        label: authors.length === 1 ? 'Author' : 'Authors',
        value: authors.map((author: NamedEntity) => linkTo(site, author)).join(', '),
      },
    ]),
    report.facts.url
      ? `<p><a href="${escapeHtml(report.facts.url)}" rel="external noopener">Read the original</a> <small>${escapeHtml(report.facts.url)}</small></p>`
      : text === null
        ? '<p class="notice">The sources cite this report without an address; it is known here only through them.</p>'
        : '',
    section(
      'supports',
      'What it supports',
      supported ? `<p class="muted">Entities with at least one fact this source states.</p>\n${supported}` : '',
    ),
    section('about', 'About', linkList(site, store.aboutOf(report))),
    section('cites', 'Reports it cites', linkList(site, cites)),
    section('cited-by', 'Cited by', linkList(site, citedBy)),
    text === null
      ? ''
      : section(
          'text',
          'Text of the source',
          `${report.textFile ? `<p><a href="/${escapeHtml(report.textFile)}" type="text/plain">The archived text</a> <small>plain text, as the data quotes it</small></p>` : ''}<details><summary>Read it here (${counted(text.split(/\s+/).length, 'word')})</summary><div class="source-text" tabindex="0" role="region" aria-label="Text of ${escapeHtml(report.facts.name)}">${escapeHtml(text)}</div></details>`,
        ),
  ].join('\n');
}

function personBody(site: Site, person: Person): string {
  const { store } = site;
  const authored = store.reportsAuthoredBy(person);
  const about = store.reportsAbout(person);
  const delegations = store.all('delegation').filter((delegation) => delegation.facts.member.includes(person.slug));
  const nationality = store.followNullable('country', person.facts.nationality);
  return [
    tiles([
      person.facts.jobTitle.length > 0 && { label: 'Position', value: textIn(person.facts.jobTitle.join(', ')) },
      person.facts.affiliation.length > 0 && {
        label: 'Affiliation',
        value: store
          .followAll('organisation', person.facts.affiliation)
          .map((organisation) => linkTo(site, organisation))
          .join(', '),
      },
      nationality !== null && { label: 'Nationality', value: linkTo(site, nationality) },
    ]),
    section('authored', 'Reports written', linkList(site, authored)),
    section('about', 'Reports about them', linkList(site, about)),
    section('delegations', 'Delegations', linkList(site, delegations)),
  ].join('\n');
}

function bodyOf(site: Site, record: EntityRecord): string {
  switch (record.kind) {
    case 'country':
      return countryBody(site, record as Country);
    case 'npc':
      return npcBody(site, record as Npc);
    case 'games':
      return gamesBody(site, record as Games);
    case 'delegation':
      return delegationBody(site, record as Delegation);
    case 'athlete':
      return athleteBody(site, record as Athlete);
    case 'event':
      return eventBody(site, record as SportsEvent);
    case 'result':
      return resultBody(site, record as Result);
    case 'organisation':
      return organisationBody(site, record as Organisation);
    case 'report':
      return reportBody(site, record as Report);
    case 'person':
      return personBody(site, record as Person);
  }
}

/** Where an entity sits: home, then the place it belongs (a Games for its events, a country for its delegations). */
function breadcrumbsOf(site: Site, record: EntityRecord): Crumb[] {
  const { store, labels } = site;
  const home: Crumb = { label: 'Home', href: '/' };
  const crumb = (entity: EntityRecord): Crumb => ({ label: titleOf(store, entity), href: pathOf(site, entity) });
  const kindCrumb = (kind: Kind): Crumb => ({ label: labels.kinds[kind].many, href: kindPath(kind) });
  const self: Crumb = { label: titleOf(store, record) };
  if (record.kind === 'event') {
    const games = store.follow('games', (record as SportsEvent).facts.games);
    return [home, kindCrumb('games'), crumb(games), self];
  }
  if (record.kind === 'result') {
    const event = store.follow('event', (record as Result).facts.event);
    const games = store.follow('games', event.facts.games);
    return [home, kindCrumb('games'), crumb(games), crumb(event), self];
  }
  if (record.kind === 'delegation') {
    const country = store.follow('country', (record as Delegation).facts.country);
    return [home, kindCrumb('country'), crumb(country), self];
  }
  return [home, kindCrumb(record.kind), self];
}

function aside(site: Site, record: EntityRecord): string {
  const iri = site.dataset.iriOf(record);
  const sources = site.store
    .sourcesOf(record)
    .map((slug) => site.store.get('report', slug))
    .filter((report): report is Report => report !== undefined);
  const formats = ENTITY_FORMATS.map(
    (format) =>
      `<li><a href="${escapeHtml(`${pathOf(site, record)}.${format.extension}`)}" type="${format.type}">${format.title}</a> <small><code>Accept: ${format.type}</code></small></li>`,
  ).join('');
  return `<section class="card" aria-labelledby="sources-card"><h2 id="sources-card">${counted(sources.length, 'source')}</h2><ul>${sources.map((report) => `<li>${describeReport(site, report)}</li>`).join('')}</ul></section>
<section class="card data-links" aria-labelledby="data-card"><h2 id="data-card">Data</h2><p>Identifier</p><code>${escapeHtml(iri)}</code><p>The same IRI answers each format by content negotiation; each also has its own URL:</p><ul>${formats}</ul><p><a href="/graphql">Query it with GraphQL</a></p></section>`;
}

/** An entity's page: what it is, its lead (result, race, timeline…), related entities, statements and sources. */
export function renderEntityPage(site: Site, record: EntityRecord): string {
  const { store, labels, dataset } = site;
  const title = titleOf(store, record);
  const aka = 'name' in record.facts ? store.alternateNames(record as NamedEntity) : [];
  const descriptions = (record.facts as { description?: readonly string[] }).description ?? [];
  const own = record.citations.length > 0 ? renderSources(site, record.citations) : '';
  const main = `<header class="page-head">
<p class="eyebrow">${escapeHtml(labels.kinds[record.kind].one)}</p>
<h1>${textIn(title)}</h1>
${aka.length > 0 ? `<p class="aka">Also known as ${aka.map((name) => textIn(name)).join(', ')}</p>` : ''}
${descriptions.length > 0 ? `<p class="lede">${textIn(sentences(descriptions))}</p>` : `<p class="lede">${escapeHtml(summaryOf(site, record))}</p>`}
</header>
${bodyOf(site, record)}
${renderStatements(site, record)}
${section('named-in', 'Named in', own)}`;
  return renderPage(site, {
    title,
    description: `${labels.kinds[record.kind].one}: ${descriptionOf(site, record)}`.slice(0, 300),
    canonical: dataset.iriOf(record),
    breadcrumbs: breadcrumbsOf(site, record),
    main,
    aside: aside(site, record),
    alternates: ENTITY_FORMATS.map(({ type, title, extension }) => ({
      type,
      title,
      href: `${pathOf(site, record)}.${extension}`,
    })),
    jsonLd: scriptSafeJson(dataset.document([record])),
    openGraphType: record.kind === 'athlete' || record.kind === 'person' ? 'profile' : 'article',
  });
}

export type { Page };
