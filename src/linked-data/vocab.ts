import { NS } from './namespaces.js';

/** One term of our own vocabulary, for what schema.org lacks. */
export interface VocabTerm {
  readonly name: string;
  readonly kind: 'Class' | 'Property' | 'Individual';
  readonly label: string;
  readonly comment: string;
  /** Compact IRIs: the class a property applies to, and what its values are. */
  readonly domain?: readonly string[];
  readonly range?: string;
  /** For classes: what they specialise; for individuals: their class. */
  readonly type?: string;
}

const cls = (name: string, label: string, comment: string, type?: string): VocabTerm => ({
  name,
  kind: 'Class',
  label,
  comment,
  ...(type ? { type } : {}),
});
const prop = (name: string, label: string, comment: string, domain: readonly string[], range: string): VocabTerm => ({
  name,
  kind: 'Property',
  label,
  comment,
  domain,
  range,
});
const individual = (name: string, label: string, comment: string, type: string): VocabTerm => ({
  name,
  kind: 'Individual',
  label,
  comment,
  type,
});

const RESULT = 'pg:Result';
const STATEMENT = 'pg:Statement';
const DELEGATION = 'pg:Delegation';

/**
 * The vocabulary at {@link NS.pg}: results (rank, time, status, sport class, guide), delegations,
 * and the statement model for claims. `schema/vocab.ttl` is generated from this list.
 */
export const VOCABULARY: readonly VocabTerm[] = [
  cls(
    'Result',
    'Result',
    "One athlete's outcome in one event or heat: a schema:Role between the event and the athlete.",
    'schema:Role',
  ),
  cls('Delegation', 'Delegation', 'One country at one edition of the Games: a schema:SportsTeam.', 'schema:SportsTeam'),
  cls(
    'NationalParalympicCommittee',
    'National Paralympic Committee',
    "A nation's Paralympic committee.",
    'schema:SportsOrganization',
  ),
  cls(
    'Statement',
    'Statement',
    'One value of one property of an entity as its sources state it, ranked as in Wikidata.',
    'schema:Claim',
  ),
  cls('StatementRank', 'Statement rank', 'The rank of a statement: preferred, normal or deprecated.'),
  individual('PreferredRank', 'preferred rank', 'The value shown: the best of conflicting values.', 'pg:StatementRank'),
  individual('NormalRank', 'normal rank', 'A value stated by a source, not preferred over others.', 'pg:StatementRank'),
  individual(
    'DeprecatedRank',
    'deprecated rank',
    'A value a source states that is known to be wrong.',
    'pg:StatementRank',
  ),
  prop('rank', 'rank', 'Place in the round or event ranked.', [RESULT], 'xsd:integer'),
  prop('heatRank', 'heat rank', 'Place within the heat.', [RESULT], 'xsd:integer'),
  prop('heat', 'heat', 'Number of the heat.', [RESULT], 'xsd:integer'),
  prop('round', 'round', 'The round: HEATS, SEMIFINAL or FINAL.', [RESULT], 'xsd:string'),
  prop('fieldSize', 'field size', 'How many took part in the round or event ranked.', [RESULT], 'xsd:integer'),
  prop('resultTime', 'result time', 'Time in seconds.', [RESULT], 'xsd:decimal'),
  prop('mark', 'mark', 'Distance or height in metres.', [RESULT], 'xsd:decimal'),
  prop(
    'resultStatus',
    'result status',
    'FINISHED, DISQUALIFIED, DID_NOT_START or DID_NOT_FINISH.',
    [RESULT],
    'xsd:string',
  ),
  prop('guide', 'guide', 'The guide who ran with a visually impaired athlete.', [RESULT], 'schema:Person'),
  prop('event', 'event', 'The event the result is in.', [RESULT], 'schema:SportsEvent'),
  prop(
    'sportClass',
    'sport class',
    'A Paralympic sport class, e.g. S6 or F56-57.',
    ['schema:Person', 'schema:SportsEvent'],
    'xsd:string',
  ),
  prop('eventGender', 'event gender', 'MALE, FEMALE or MIXED.', ['schema:SportsEvent'], 'xsd:string'),
  prop(
    'discipline',
    'discipline',
    'The discipline within the sport, e.g. Freestyle.',
    ['schema:SportsEvent'],
    'rdf:langString',
  ),
  prop('athleteRole', 'athlete role', 'COMPETITOR or GUIDE.', ['schema:Person'], 'xsd:string'),
  prop('sport', 'sport', "An athlete's sport.", ['schema:Person'], 'rdf:langString'),
  prop('season', 'season', 'SUMMER or WINTER.', ['schema:SportsEvent'], 'xsd:string'),
  prop('year', 'year', 'The year of an edition of the Games.', ['schema:SportsEvent'], 'xsd:integer'),
  prop(
    'edition',
    'edition',
    'The ordinal of an edition of the Games within its season.',
    ['schema:SportsEvent'],
    'xsd:integer',
  ),
  prop(
    'iocCode',
    'IOC code',
    'Three-letter code of the International Olympic Committee.',
    ['schema:Country', 'schema:SportsOrganization'],
    'xsd:string',
  ),
  prop('capital', 'capital', "The country's capital city.", ['schema:Country'], 'rdf:langString'),
  prop(
    'ipcMembershipStatus',
    'IPC membership status',
    'PROVISIONAL, FULL or SUSPENDED.',
    ['schema:Role'],
    'xsd:string',
  ),
  prop('delegationOf', 'delegation of', 'The country a delegation represents.', [DELEGATION], 'schema:Country'),
  prop('games', 'games', 'The edition of the Games a delegation went to.', [DELEGATION], 'schema:SportsEvent'),
  prop(
    'participated',
    'participated',
    'False where the country did not take part in the Games.',
    [DELEGATION],
    'xsd:boolean',
  ),
  prop('competitorCount', 'competitors', 'How many competitors the delegation sent.', [DELEGATION], 'xsd:integer'),
  prop('sportCount', 'sports', 'How many sports the delegation entered.', [DELEGATION], 'xsd:integer'),
  prop('officialCount', 'officials', 'How many officials the delegation sent.', [DELEGATION], 'xsd:integer'),
  prop('delegationSize', 'delegation size', 'Everyone sent, athletes or not.', [DELEGATION], 'xsd:integer'),
  prop('flagbearer', 'flagbearer', 'Who carried the flag at the opening ceremony.', [DELEGATION], 'schema:Person'),
  prop('goldMedals', 'gold medals', 'Gold medals won.', [DELEGATION], 'xsd:integer'),
  prop('silverMedals', 'silver medals', 'Silver medals won.', [DELEGATION], 'xsd:integer'),
  prop('bronzeMedals', 'bronze medals', 'Bronze medals won.', [DELEGATION], 'xsd:integer'),
  prop('totalMedals', 'total medals', 'Medals won in all.', [DELEGATION], 'xsd:integer'),
  prop(
    'organisationKind',
    'organisation kind',
    'SPORTS, NGO, GOVERNMENT, INTERGOVERNMENTAL, NEWS_MEDIA, EMBASSY or CENTRE.',
    ['schema:Organization'],
    'xsd:string',
  ),
  prop(
    'areaServedSince',
    'area served since',
    'Since when the organisation has worked in the area it serves.',
    ['schema:Organization'],
    'xsd:string',
  ),
  prop(
    'reportKind',
    'report kind',
    'What kind of source document: a news article, report, study, hearing, testimony...',
    ['schema:CreativeWork'],
    'xsd:string',
  ),
  prop(
    'property',
    'property',
    'The property a statement gives a value of, as named in the GraphQL API and the data files.',
    [STATEMENT],
    'xsd:string',
  ),
  prop('value', 'value', 'The value a statement gives.', [STATEMENT], 'rdfs:Resource'),
  prop('statementRank', 'statement rank', "The statement's rank.", [STATEMENT], 'pg:StatementRank'),
  prop('rankReason', 'rank reason', 'Why the statement has its rank.', [STATEMENT], 'rdf:langString'),
  prop('derived', 'derived', 'Whether the value is computed from stated ones.', [STATEMENT], 'xsd:boolean'),
  prop('note', 'note', 'A remark on the statement or how it was derived.', [STATEMENT], 'rdf:langString'),
  prop(
    'latestDate',
    'latest date',
    'The source gives the date only as a bound: it is on or before this date ("by 2008"). Wikidata P1326.',
    [STATEMENT],
    'rdfs:Literal',
  ),
  prop(
    'earliestDate',
    'earliest date',
    'The source gives the date only as a bound: it is on or after this date. Wikidata P1319.',
    [STATEMENT],
    'rdfs:Literal',
  ),
  prop(
    'approximate',
    'approximate',
    'True where the source gives the quantity as approximate ("around 500"): Wikidata\'s sourcing circumstances "circa".',
    [STATEMENT],
    'xsd:boolean',
  ),
  prop(
    'hedge',
    'hedge',
    'The word with which the source declines to vouch for the statement ("reportedly"): the statement is the source\'s only.',
    [STATEMENT],
    'rdf:langString',
  ),
];

export const VOCABULARY_IRI = NS.pg.replace(/#$/, '');
