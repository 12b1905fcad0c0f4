import type {
  ArticleLeaf,
  ClaimLeaf,
  CountryLeaf,
  EventSeriesLeaf,
  GovernmentOrganizationLeaf,
  NewsArticleLeaf,
  NewsMediaOrganizationLeaf,
  NGOLeaf,
  OrganizationLeaf,
  PersonLeaf,
  PlaceLeaf,
  QuotationLeaf,
  ReportLeaf,
  RoleLeaf,
  SportsEventLeaf,
  SportsOrganizationLeaf,
  SportsTeamLeaf,
  WebPageLeaf,
} from 'schema-dts';
import { DEFAULT_LANGUAGE } from '../graph/facts.js';
import type { Kind } from '../graph/kinds.js';
import type {
  Athlete,
  Citation,
  Claim,
  ClaimValue,
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
import type { Store } from '../graph/store.js';
import { entityIri, preferredGraphIri, reportGraphIri, seriesIri } from './iris.js';
import { NS } from './namespaces.js';

/** A JSON-LD value as we emit it: a reference, a typed literal, or a plain JSON literal. */
export type LdValue =
  | { readonly '@id': string }
  | { readonly '@value': string; readonly '@type': string }
  | { readonly '@value': string; readonly '@language': string }
  | string
  | number
  | boolean;
type LdValues = LdValue | readonly LdValue[];

/**
 * A node of type `T` (a schema-dts leaf type): only properties schema.org gives `T` are allowed,
 * beside our own `pg:` terms and `prov:wasDerivedFrom`, so a property the type does not have is a
 * compile error. Values are loosened to what we emit (typed literals, references).
 */
export type LdNode<T extends { '@type': string }> = {
  readonly '@id': string;
  readonly '@type': T['@type'] | readonly [T['@type'], ...string[]];
} & { readonly [K in Exclude<keyof T, `@${string}`>]?: LdValues } & {
  readonly [K in `pg:${string}` | 'prov:wasDerivedFrom']?: LdValues;
};

export type AnyLdNode = LdNode<{ '@type': string }>;

const ref = (iri: string) => ({ '@id': iri });
const typed = (value: string, type: string) => ({ '@value': value, '@type': type });
const decimal = (value: number) => typed(String(value), 'xsd:decimal');
/** Text in a language: `{"@value": "조선장애자보호련맹", "@language": "ko"}`. */
export const inLanguage = (value: string, language: string) => ({ '@value': value, '@language': language });
/** Our own words (composed names, series names), and quotations from sources whose language the data does not record. */
const english = (value: string) => inLanguage(value, DEFAULT_LANGUAGE);

/** A partial ISO date typed as precisely as it is: xsd:gYear, xsd:gYearMonth or xsd:date. */
export const dateLiteral = (value: string) =>
  typed(value, value.length === 4 ? 'xsd:gYear' : value.length === 7 ? 'xsd:gYearMonth' : 'xsd:date');

const DATE_FACTS = new Set(['startDate', 'endDate', 'ipcMemberSince', 'datePublished', 'areaServedSince']);
const DECIMAL_FACTS = new Set(['time', 'mark']);

/** Drops absent values so that nodes carry only what the sources state. */
function compact<T extends object>(node: T): T {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) kept[key] = value;
  }
  return kept as T;
}

/**
 * A node's type with the schema.org supertype every record of its kind shares (`schema:Organization`,
 * `schema:CreativeWork`), so that one class finds every organisation or report without inference.
 */
function withSupertype<T extends string>(type: T, supertype: string): T | readonly [T, string] {
  return type === supertype ? type : [type, supertype];
}

const GENDER = { MALE: 'schema:Male', FEMALE: 'schema:Female' } as const;

const SERIES_NAMES: Readonly<Record<string, string>> = {
  PARALYMPIC_GAMES: 'Paralympic Games',
  OLYMPIC_GAMES: 'Olympic Games',
};

/** Some of the nodes of a document, in one named graph. */
export interface GraphNodes {
  readonly graph: string;
  readonly nodes: readonly AnyLdNode[];
}

/**
 * The key of the main node that each stated property becomes, where it is the property's one triple
 * with the entity as subject (the rest are in {@link LinkedDataMapper.supportedBy}).
 */
const DIRECT_KEYS: { readonly [K in Kind]: Readonly<Record<string, string>> } = {
  country: { code: 'pg:iocCode', capital: 'pg:capital' },
  npc: { code: 'pg:iocCode', country: 'areaServed' },
  games: { year: 'pg:year', season: 'pg:season', edition: 'pg:edition', startDate: 'startDate', endDate: 'endDate' },
  delegation: {
    country: 'pg:delegationOf',
    games: 'pg:games',
    npc: 'memberOf',
    participated: 'pg:participated',
    competitors: 'pg:competitorCount',
    sports: 'pg:sportCount',
    officials: 'pg:officialCount',
    delegationSize: 'pg:delegationSize',
    flagbearer: 'pg:flagbearer',
    athlete: 'athlete',
    member: 'member',
    goldMedals: 'pg:goldMedals',
    silverMedals: 'pg:silverMedals',
    bronzeMedals: 'pg:bronzeMedals',
    totalMedals: 'pg:totalMedals',
  },
  athlete: { country: 'nationality', role: 'pg:athleteRole', sport: 'pg:sport', classification: 'pg:sportClass' },
  event: {
    games: 'superEvent',
    sport: 'sport',
    discipline: 'pg:discipline',
    gender: 'pg:eventGender',
    classification: 'pg:sportClass',
  },
  result: {
    athlete: 'competitor',
    event: 'pg:event',
    guide: 'pg:guide',
    round: 'pg:round',
    heat: 'pg:heat',
    heatRank: 'pg:heatRank',
    time: 'pg:resultTime',
    mark: 'pg:mark',
    status: 'pg:resultStatus',
    rank: 'pg:rank',
    fieldSize: 'pg:fieldSize',
  },
  organisation: {
    organisationKind: 'pg:organisationKind',
    parentOrganisation: 'parentOrganization',
    areaServed: 'areaServed',
    areaServedSince: 'pg:areaServedSince',
  },
  report: {
    reportKind: 'pg:reportKind',
    author: 'author',
    publisher: 'publisher',
    datePublished: 'datePublished',
    url: 'url',
    about: 'about',
  },
  person: { jobTitle: 'jobTitle', affiliation: 'affiliation', nationality: 'nationality' },
};
const NAMED_KEYS: Readonly<Record<string, string>> = {
  name: 'name',
  alternateName: 'alternateName',
  description: 'description',
};

/** The term (compacted: a schema.org term or a compact IRI) a record's node gives a property of its kind. */
export const termOfProperty = (kind: Kind, property: string): string | undefined =>
  Object.hasOwn(NAMED_KEYS, property)
    ? NAMED_KEYS[property]
    : Object.hasOwn(DIRECT_KEYS[kind], property)
      ? DIRECT_KEYS[kind][property]
      : undefined;

/** The class every record of a kind has, whatever else its node is typed (full IRIs). */
export const KIND_CLASSES: { readonly [K in Kind]: string } = {
  country: `${NS.schema}Country`,
  npc: `${NS.schema}SportsOrganization`,
  games: `${NS.schema}SportsEvent`,
  delegation: `${NS.schema}SportsTeam`,
  athlete: `${NS.schema}Person`,
  event: `${NS.schema}SportsEvent`,
  result: `${NS.schema}Role`,
  organisation: `${NS.schema}Organization`,
  report: `${NS.schema}CreativeWork`,
  person: `${NS.schema}Person`,
};
const RANK = { preferred: 'pg:PreferredRank', normal: 'pg:NormalRank', deprecated: 'pg:DeprecatedRank' } as const;

/** What the mapping reads of the store besides the record it maps. */
export type MappedStore = Pick<
  Store,
  'aboutOf' | 'all' | 'alternateNames' | 'authorsOf' | 'follow' | 'reportsCitedBy' | 'resultsOf' | 'sourcesOf'
>;

/**
 * Maps the store's records to schema.org JSON-LD node objects, compacted against our context. One
 * entity gives its own node first, then the nodes that hang off it (claims, quotations, places).
 */
export class LinkedDataMapper {
  constructor(
    private readonly store: MappedStore,
    private readonly base: string,
  ) {}

  iri(record: { kind: Kind; slug: string }): string {
    return entityIri(this.base, record.kind, record.slug);
  }

  /** Every node describing one record: its preferred values, then its quotations and claims. */
  nodesOf(record: EntityRecord): AnyLdNode[] {
    return [
      ...this.preferredNodesOf(record),
      ...this.#subjectQuotations(record),
      ...this.#claimNodes(record).flatMap(({ statement, quotations }) => [statement, ...quotations]),
    ];
  }

  /** The record's own node and the places and roles it points to: its preferred ("truthy") values. */
  preferredNodesOf(record: EntityRecord): AnyLdNode[] {
    return [this.#main(record), ...this.#placesOf(record)];
  }

  /**
   * The record's nodes by named graph: its preferred values in the preferred graph; in the graph of
   * each report it cites, the quotations from that report, every claim citing it, and the triples
   * those claims support (a value a source states in its own voice, even where it is not preferred).
   */
  graphsOf(record: EntityRecord): GraphNodes[] {
    const byReport = new Map<string, AnyLdNode[]>();
    const nodesIn = (report: string) => {
      let nodes = byReport.get(report);
      if (!nodes) {
        nodes = [];
        byReport.set(report, nodes);
      }
      return nodes;
    };
    record.citations.forEach((citation, index) => {
      if (citation.quote !== null)
        nodesIn(citation.report).push(this.#quotation(this.#citationIri(record, index), citation));
    });
    for (const { claim, statement, quotations } of this.#claimNodes(record)) {
      const supported = this.supportedBy(record, claim);
      for (const report of new Set(claim.citations.map((citation) => citation.report))) {
        const reportIri = entityIri(this.base, 'report', report);
        const fromReport = quotations.filter((quotation) => quotation.isPartOf['@id'] === reportIri);
        nodesIn(report).push(statement, ...fromReport, ...supported);
      }
    }
    return [
      { graph: preferredGraphIri(this.base), nodes: this.preferredNodesOf(record) },
      ...[...byReport].map(([report, nodes]) => ({ graph: reportGraphIri(this.base, report), nodes })),
    ];
  }

  /** The Games series the data names, by their code (`PARALYMPIC_GAMES`), in a stable order. */
  series(): string[] {
    return [...new Set(this.store.all('games').map((games) => games.facts.series))].sort();
  }

  /** The node of a Games series. */
  seriesNode(series: string): LdNode<EventSeriesLeaf> {
    return {
      '@id': seriesIri(this.base, series),
      '@type': 'EventSeries',
      name: english(SERIES_NAMES[series] ?? series),
    };
  }

  /** Nodes that belong to no one record: the Games series. */
  sharedNodes(): AnyLdNode[] {
    return this.series().map((series) => this.seriesNode(series));
  }

  /**
   * The triples a claim supports, as small nodes: what its value says of the entity in the terms of
   * the entity's own node (the same triple as the preferred graph's where the claim is preferred).
   */
  supportedBy(record: EntityRecord, claim: Claim): AnyLdNode[] {
    // A bound ("by 2008") is not the value, and an unknown value states none: the claim's node says it.
    const value = claim.bound === null ? this.#claimValue(claim) : undefined;
    if (value === undefined) return [];
    const iri = this.iri(record);
    const on = (id: string, key: string, object: LdValue = value): AnyLdNode =>
      ({ '@id': id, [key]: object }) as AnyLdNode;
    const direct = NAMED_KEYS[claim.property] ?? DIRECT_KEYS[record.kind][claim.property];
    switch (`${record.kind}.${claim.property}`) {
      case 'report.name':
        return [on(iri, 'name'), on(iri, 'headline')];
      case 'athlete.gender':
        return [on(iri, 'gender', ref(GENDER[claim.value as keyof typeof GENDER]))];
      case 'games.series':
        return [on(iri, 'superEvent', ref(seriesIri(this.base, String(claim.value))))];
      case 'games.city':
        return [on(`${iri}#city`, 'name')];
      case 'games.venue': {
        const index = (record as Games).facts.venue.indexOf(String(claim.value));
        return index < 0 ? [] : [on(`${iri}#venue-${index}`, 'name')];
      }
      case 'games.hostCountry': {
        const { facts } = record as Games;
        if (facts.city !== null) return [on(`${iri}#city`, 'containedInPlace')];
        if (facts.venue.length === 0) return [on(iri, 'location')];
        return facts.venue.map((_, index) => on(`${iri}#venue-${index}`, 'containedInPlace'));
      }
      case 'npc.memberOf':
        return [on(iri, 'memberOf', ref(`${iri}#membership`)), on(`${iri}#membership`, 'memberOf')];
      case 'npc.ipcMembershipStatus':
        return [on(`${iri}#membership`, 'pg:ipcMembershipStatus')];
      case 'npc.ipcMemberSince':
        return [on(`${iri}#membership`, 'startDate')];
      case 'result.event':
        return [on(iri, 'pg:event'), on(String((value as { '@id': string })['@id']), 'competitor', ref(iri))];
      case 'organisation.location':
        return [on(iri, 'location', ref(`${iri}#location`)), on(`${iri}#location`, 'name')];
      case 'organisation.country':
        return (record as Organisation).facts.location === null
          ? [on(iri, 'location')]
          : [on(`${iri}#location`, 'containedInPlace')];
      case 'report.citedBy':
        return [on(String((value as { '@id': string })['@id']), 'citation', ref(iri))];
      default:
        return direct === undefined ? [] : [on(iri, direct)];
    }
  }

  #main(record: EntityRecord): AnyLdNode {
    switch (record.kind) {
      case 'country':
        return this.#country(record as Country);
      case 'npc':
        return this.#npc(record as Npc);
      case 'games':
        return this.#games(record as Games);
      case 'delegation':
        return this.#delegation(record as Delegation);
      case 'athlete':
        return this.#athlete(record as Athlete);
      case 'event':
        return this.#event(record as SportsEvent);
      case 'result':
        return this.#result(record as Result);
      case 'organisation':
        return this.#organisation(record as Organisation);
      case 'report':
        return this.#report(record as Report);
      case 'person':
        return this.#person(record as Person);
    }
  }

  /** What every node says of itself: names, descriptions, and the reports it is derived from. */
  #common(record: EntityRecord) {
    const facts = record.facts as { name?: string; description?: readonly string[] };
    const alternateNames = 'name' in record.facts ? this.store.alternateNames(record as never) : [];
    const text = this.#text(record);
    const quotations = record.citations.flatMap((citation, index) =>
      citation.quote === null ? [] : [this.#citationIri(record, index)],
    );
    return {
      name: text(facts.name, 'name'),
      alternateName: text(alternateNames, 'alternateName', 'name'),
      description: text(facts.description, 'description'),
      subjectOf: quotations.map(ref),
      'prov:wasDerivedFrom': this.#sourcesOf(record).map(ref),
    };
  }

  #sourcesOf(record: EntityRecord): string[] {
    return this.store.sourcesOf(record).map((slug) => entityIri(this.base, 'report', slug));
  }

  #to(kind: Kind, slug: string | null) {
    return slug === null ? undefined : ref(entityIri(this.base, kind, slug));
  }

  #all(kind: Kind, slugs: readonly string[]) {
    return slugs.map((slug) => ref(entityIri(this.base, kind, slug)));
  }

  #country(country: Country): LdNode<CountryLeaf> {
    return compact({
      '@id': this.iri(country),
      '@type': 'Country',
      ...this.#common(country),
      'pg:iocCode': country.facts.code,
      'pg:capital': this.#text(country)(country.facts.capital, 'capital'),
    } satisfies LdNode<CountryLeaf>);
  }

  #npc(npc: Npc): LdNode<SportsOrganizationLeaf> {
    return compact({
      '@id': this.iri(npc),
      '@type': 'SportsOrganization',
      ...this.#common(npc),
      additionalType: ref('pg:NationalParalympicCommittee'),
      'pg:iocCode': npc.facts.code,
      areaServed: this.#to('country', npc.facts.country),
      memberOf: npc.facts.memberOf === null ? undefined : ref(`${this.iri(npc)}#membership`),
    } satisfies LdNode<SportsOrganizationLeaf>);
  }

  #games(games: Games): LdNode<SportsEventLeaf> {
    const { facts } = games;
    const places = this.#placesOf(games);
    return compact({
      '@id': this.iri(games),
      '@type': 'SportsEvent',
      ...this.#common(games),
      superEvent: ref(seriesIri(this.base, facts.series)),
      startDate: facts.startDate === null ? undefined : dateLiteral(facts.startDate),
      endDate: facts.endDate === null ? undefined : dateLiteral(facts.endDate),
      // Where neither a city nor a venue is known, the host country is the place (as for an organisation).
      location: places.length > 0 ? places.map((place) => ref(place['@id'])) : this.#to('country', facts.hostCountry),
      'pg:year': facts.year,
      'pg:season': facts.season,
      'pg:edition': facts.edition ?? undefined,
    } satisfies LdNode<SportsEventLeaf>);
  }

  #delegation(delegation: Delegation): LdNode<SportsTeamLeaf> {
    const { facts } = delegation;
    const country = this.store.follow('country', facts.country);
    const games = this.store.follow('games', facts.games);
    return compact({
      '@id': this.iri(delegation),
      '@type': 'SportsTeam',
      ...this.#common(delegation),
      additionalType: ref('pg:Delegation'),
      name: english(`${country.facts.name} at the ${games.facts.name}`),
      athlete: this.#all('athlete', facts.athlete),
      member: this.#all('person', facts.member),
      memberOf: this.#to('npc', facts.npc),
      'pg:delegationOf': this.#to('country', facts.country),
      'pg:games': this.#to('games', facts.games),
      'pg:participated': facts.participated,
      'pg:competitorCount': facts.competitors ?? undefined,
      'pg:sportCount': facts.sports ?? undefined,
      'pg:officialCount': facts.officials ?? undefined,
      'pg:delegationSize': facts.delegationSize ?? undefined,
      'pg:flagbearer': this.#to('athlete', facts.flagbearer),
      'pg:goldMedals': facts.goldMedals ?? undefined,
      'pg:silverMedals': facts.silverMedals ?? undefined,
      'pg:bronzeMedals': facts.bronzeMedals ?? undefined,
      'pg:totalMedals': facts.totalMedals ?? undefined,
    } satisfies LdNode<SportsTeamLeaf>);
  }

  #athlete(athlete: Athlete): LdNode<PersonLeaf> {
    const { facts } = athlete;
    return compact({
      '@id': this.iri(athlete),
      '@type': 'Person',
      ...this.#common(athlete),
      gender: facts.gender === null ? undefined : ref(GENDER[facts.gender]),
      nationality: this.#to('country', facts.country),
      'pg:athleteRole': facts.role,
      'pg:sport': this.#text(athlete)(facts.sport, 'sport'),
      'pg:sportClass': this.#text(athlete)(facts.classification, 'classification'),
    } satisfies LdNode<PersonLeaf>);
  }

  #event(event: SportsEvent): LdNode<SportsEventLeaf> {
    const { facts } = event;
    return compact({
      '@id': this.iri(event),
      '@type': 'SportsEvent',
      ...this.#common(event),
      superEvent: this.#to('games', facts.games),
      sport: this.#text(event)(facts.sport, 'sport'),
      competitor: this.store.resultsOf(event).map((result) => ref(this.iri(result))),
      'pg:discipline': this.#text(event)(facts.discipline, 'discipline'),
      'pg:sportClass': this.#text(event)(facts.classification, 'classification'),
      'pg:eventGender': facts.gender ?? undefined,
    } satisfies LdNode<SportsEventLeaf>);
  }

  #result(result: Result): LdNode<RoleLeaf<never, 'competitor'>> {
    const { facts } = result;
    return compact({
      '@id': this.iri(result),
      '@type': 'Role',
      ...this.#common(result),
      additionalType: ref('pg:Result'),
      name: english(
        `${this.store.follow('athlete', facts.athlete).facts.name}, ${this.store.follow('event', facts.event).facts.name}`,
      ),
      competitor: this.#to('athlete', facts.athlete),
      'pg:event': this.#to('event', facts.event),
      'pg:guide': this.#to('athlete', facts.guide),
      'pg:round': facts.round ?? undefined,
      'pg:heat': facts.heat ?? undefined,
      'pg:heatRank': facts.heatRank ?? undefined,
      'pg:resultTime': facts.time === null ? undefined : decimal(facts.time),
      'pg:mark': facts.mark === null ? undefined : decimal(facts.mark),
      'pg:resultStatus': facts.status,
      'pg:rank': facts.rank ?? undefined,
      'pg:fieldSize': facts.fieldSize ?? undefined,
    } satisfies LdNode<RoleLeaf<never, 'competitor'>>);
  }

  #organisation(
    organisation: Organisation,
  ): LdNode<
    OrganizationLeaf | SportsOrganizationLeaf | NGOLeaf | GovernmentOrganizationLeaf | NewsMediaOrganizationLeaf
  > {
    const { facts } = organisation;
    const type = {
      SPORTS: 'SportsOrganization',
      NGO: 'NGO',
      GOVERNMENT: 'GovernmentOrganization',
      EMBASSY: 'GovernmentOrganization',
      NEWS_MEDIA: 'NewsMediaOrganization',
      INTERGOVERNMENTAL: 'Organization',
      CENTRE: 'Organization',
    } as const;
    const places = this.#placesOf(organisation);
    return compact({
      '@id': this.iri(organisation),
      '@type': withSupertype(type[facts.organisationKind], 'Organization'),
      ...this.#common(organisation),
      location: places.length > 0 ? places.map((place) => ref(place['@id'])) : this.#to('country', facts.country),
      areaServed: this.#all('country', facts.areaServed),
      parentOrganization: this.#to('organisation', facts.parentOrganisation),
      'pg:organisationKind': facts.organisationKind,
      'pg:areaServedSince': facts.areaServedSince === null ? undefined : dateLiteral(facts.areaServedSince),
    } satisfies LdNode<
      OrganizationLeaf | SportsOrganizationLeaf | NGOLeaf | GovernmentOrganizationLeaf | NewsMediaOrganizationLeaf
    >);
  }

  #report(report: Report): LdNode<ReportLeaf | NewsArticleLeaf | ArticleLeaf | WebPageLeaf> {
    const { facts } = report;
    const type = {
      NEWS_ARTICLE: 'NewsArticle',
      ENCYCLOPEDIA_ARTICLE: 'Article',
      WEB_PAGE: 'WebPage',
      REPORT: 'Report',
      STUDY: 'Report',
      HEARING: 'Report',
      TESTIMONY: 'Report',
      STATEMENT: 'Report',
    } as const;
    return compact({
      '@id': this.iri(report),
      '@type': withSupertype(type[facts.reportKind], 'CreativeWork'),
      ...this.#common(report),
      headline: this.#text(report)(facts.name, 'name'),
      author: this.store.authorsOf(report).map((author) => ref(this.iri(author))),
      publisher: this.#to('organisation', facts.publisher),
      datePublished: facts.datePublished === null ? undefined : dateLiteral(facts.datePublished),
      url: facts.url ?? undefined,
      // Our copy of the report's text, where the data holds one: what its quotes are checked against.
      archivedAt: report.textFile === null ? undefined : ref(`${this.base}/${report.textFile}`),
      about: this.store.aboutOf(report).map((entity) => ref(this.iri(entity))),
      citation: this.store.reportsCitedBy(report).map((cited) => ref(this.iri(cited))),
      'pg:reportKind': facts.reportKind,
    } satisfies LdNode<ReportLeaf | NewsArticleLeaf | ArticleLeaf | WebPageLeaf>);
  }

  #person(person: Person): LdNode<PersonLeaf> {
    const { facts } = person;
    return compact({
      '@id': this.iri(person),
      '@type': 'Person',
      ...this.#common(person),
      jobTitle: this.#text(person)(facts.jobTitle, 'jobTitle'),
      affiliation: this.#all('organisation', facts.affiliation),
      nationality: this.#to('country', facts.nationality),
    } satisfies LdNode<PersonLeaf>);
  }

  /** Places and membership roles that a record's own node points to. */
  #placesOf(record: EntityRecord): (LdNode<PlaceLeaf> | LdNode<RoleLeaf<never, 'memberOf'>>)[] {
    const iri = this.iri(record);
    if (record.kind === 'games') {
      const { facts } = record as Games;
      const country = this.#to('country', facts.hostCountry);
      const city: LdNode<PlaceLeaf>[] =
        facts.city === null
          ? []
          : [
              compact({
                '@id': `${iri}#city`,
                '@type': 'Place',
                name: this.#text(record)(facts.city, 'city'),
                containedInPlace: country,
              } satisfies LdNode<PlaceLeaf>),
            ];
      const venues = facts.venue.map(
        (venue, index): LdNode<PlaceLeaf> =>
          compact({
            '@id': `${iri}#venue-${index}`,
            '@type': 'Place',
            name: this.#text(record)(venue, 'venue'),
            containedInPlace: city[0] ? ref(city[0]['@id']) : country,
          } satisfies LdNode<PlaceLeaf>),
      );
      return [...city, ...venues];
    }
    if (record.kind === 'organisation') {
      const { facts } = record as Organisation;
      if (facts.location === null) return [];
      return [
        compact({
          '@id': `${iri}#location`,
          '@type': 'Place',
          name: this.#text(record)(facts.location, 'location'),
          containedInPlace: this.#to('country', facts.country),
        } satisfies LdNode<PlaceLeaf>),
      ];
    }
    if (record.kind === 'npc') {
      const { facts } = record as Npc;
      if (facts.memberOf === null) return [];
      return [
        compact({
          '@id': `${iri}#membership`,
          '@type': 'Role',
          memberOf: this.#to('organisation', facts.memberOf),
          startDate: facts.ipcMemberSince === null ? undefined : dateLiteral(facts.ipcMemberSince),
          'pg:ipcMembershipStatus': facts.ipcMembershipStatus ?? undefined,
        } satisfies LdNode<RoleLeaf<never, 'memberOf'>>),
      ];
    }
    return [];
  }

  #citationIri(record: EntityRecord, index: number): string {
    return `${this.iri(record)}#citation-${index}`;
  }

  #quotation(iri: string, citation: Citation): LdNode<QuotationLeaf> & { readonly isPartOf: { '@id': string } } {
    return {
      '@id': iri,
      '@type': 'Quotation',
      text: english(citation.quote ?? ''),
      isPartOf: ref(entityIri(this.base, 'report', citation.report)),
    };
  }

  #subjectQuotations(record: EntityRecord): LdNode<QuotationLeaf>[] {
    return record.citations.flatMap((citation, index) =>
      citation.quote === null ? [] : [this.#quotation(this.#citationIri(record, index), citation)],
    );
  }

  /** Every claim as a statement node: its value, rank, reason, and the reports it appears in. */
  #claimNodes(record: EntityRecord): {
    claim: Claim;
    statement: LdNode<ClaimLeaf>;
    quotations: (LdNode<QuotationLeaf> & { isPartOf: { '@id': string } })[];
  }[] {
    return record.claims.map((claim) => {
      const iri = `${this.iri(record)}#claim-${claim.property}-${claim.index}`;
      const quotations = claim.citations.flatMap((citation, at) =>
        citation.quote === null ? [] : [this.#quotation(`${iri}-citation-${at}`, citation)],
      );
      const reports = [...new Set(claim.citations.map((citation) => citation.report))].map((slug) =>
        ref(entityIri(this.base, 'report', slug)),
      );
      const statement: LdNode<ClaimLeaf> = compact({
        '@id': iri,
        '@type': ['Claim', 'pg:Statement'] as const,
        about: ref(this.iri(record)),
        appearance: reports,
        citation: quotations.map((quotation) => ref(quotation['@id'])),
        'prov:wasDerivedFrom': reports,
        'pg:property': claim.property,
        'pg:value': this.#claimValue(claim),
        'pg:statementRank': ref(RANK[claim.rank]),
        'pg:rankReason': claim.reason === null ? undefined : english(claim.reason),
        'pg:derived': claim.derived,
        'pg:note': claim.note === null ? undefined : english(claim.note),
        ...this.#qualifiers(claim),
      } satisfies LdNode<ClaimLeaf>);
      return { claim, statement, quotations };
    });
  }

  /** How vague the source is about the value, as Wikidata's qualifiers say it; only what applies. */
  #qualifiers(claim: Claim) {
    const bound = claim.bound === null ? undefined : dateLiteral(String(claim.value));
    return {
      'pg:latestDate': claim.bound === 'onOrBefore' ? bound : undefined,
      'pg:earliestDate': claim.bound === 'onOrAfter' ? bound : undefined,
      'pg:approximate': claim.approximate ? true : undefined,
      'pg:hedge': claim.hedge === null ? undefined : english(claim.hedge),
    } satisfies Record<`pg:${string}`, LdValue | undefined>;
  }

  /**
   * Text values of a record tagged with their language: each value with the language of the claim
   * that states it (of the first of `properties` that has one); plain where no claim gives one.
   */
  #text(record: EntityRecord) {
    function tag(value: string, properties: readonly string[]): LdValue;
    function tag(value: string | null | undefined, properties: readonly string[]): LdValue | undefined;
    function tag(value: string | null | undefined, properties: readonly string[]): LdValue | undefined {
      if (value === null || value === undefined) return undefined;
      const claim = record.claims.find(
        (candidate) =>
          properties.includes(candidate.property) && candidate.value === value && candidate.rank !== 'deprecated',
      );
      return claim?.lang ? inLanguage(value, claim.lang) : value;
    }
    function text(value: string | null | undefined, ...properties: string[]): LdValue | undefined;
    function text(values: readonly string[] | undefined, ...properties: string[]): LdValue[] | undefined;
    function text(
      values: string | null | undefined | readonly string[],
      ...properties: string[]
    ): LdValue | LdValue[] | undefined {
      if (Array.isArray(values)) return values.map((value) => tag(value, properties));
      return tag(values as string | null | undefined, properties);
    }
    return text;
  }

  /** A claim's value: the IRI of the entity it names (resolved by the loader), else a typed literal. */
  #claimValue(claim: Claim): LdValue | undefined {
    if (claim.target) return ref(entityIri(this.base, claim.target.kind, claim.target.slug));
    if (claim.value === null) return undefined;
    if (typeof claim.value === 'string' && claim.lang) return inLanguage(claim.value, claim.lang);
    return this.#literal(claim.property, claim.value);
  }

  #literal(property: string, value: ClaimValue): LdValue {
    if (typeof value === 'string' && DATE_FACTS.has(property)) return dateLiteral(value);
    if (typeof value === 'number' && DECIMAL_FACTS.has(property)) return decimal(value);
    return value;
  }
}
