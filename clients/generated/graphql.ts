/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Predicates on related Athlete records; every one given must hold. */
export type AthleteListFilter = {
  /** Every related Athlete passes this filter (true when there is none). */
  every?: AthleteWhere | null | undefined;
  /** No related Athlete passes this filter. */
  none?: AthleteWhere | null | undefined;
  /** At least one related Athlete passes this filter. */
  some?: AthleteWhere | null | undefined;
};

/** One key of an order of Athlete records. */
export type AthleteOrder = {
  /** Which way: ascending unless given. */
  direction?: OrderDirection | null | undefined;
  /** What to sort by. */
  field: AthleteOrderField;
};

/** What Athlete records can be sorted by. */
export type AthleteOrderField =
  /** The name of the country. */
  | 'COUNTRY_NAME'
  /** Gender, in the order of the enum. */
  | 'GENDER'
  /** The preferred name. */
  | 'NAME'
  /** The slug (the tie-breaker of every order). */
  | 'SLUG';

/** What an athlete does at the Games. */
export type AthleteRole =
  /** Competes in events. */
  | 'COMPETITOR'
  /** A sighted athlete who runs or skis beside a visually impaired one. */
  | 'GUIDE';

/** Predicates on a AthleteRole value; every one given must hold. */
export type AthleteRoleFilter = {
  /** Equal to this. */
  eq?: AthleteRole | null | undefined;
  /** Equal to one of these. */
  in?: Array<AthleteRole> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on a list of AthleteRole values; every one given must hold. */
export type AthleteRoleListFilter = {
  /** Every value passes this filter (true of an empty list). */
  every?: AthleteRoleFilter | null | undefined;
  /** No value passes this filter. */
  none?: AthleteRoleFilter | null | undefined;
  /** At least one value passes this filter. */
  some?: AthleteRoleFilter | null | undefined;
};

/** A filter on Athlete records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type AthleteWhere = {
  /** Every one of these filters holds. */
  AND?: Array<AthleteWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: AthleteWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<AthleteWhere> | null | undefined;
  /** Other names and spellings the sources use. */
  alternateNames?: StringListFilter | null | undefined;
  /** Sport classes, e.g. "S6". */
  classifications?: StringListFilter | null | undefined;
  /** The country the athlete competes for. Only records where it exists and passes this filter. */
  country?: CountryWhere | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** Gender, where stated. */
  gender?: GenderFilter | null | undefined;
  /** Results of the athletes this one guided. */
  guidedResults?: ResultListFilter | null | undefined;
  /** Reports about the entity. */
  mentionedIn?: ReportListFilter | null | undefined;
  /** The preferred name. */
  name?: StringFilter | null | undefined;
  /** The delegations the athlete was part of. */
  participations?: ParticipationListFilter | null | undefined;
  /** The athlete's own results. */
  results?: ResultListFilter | null | undefined;
  /** Competitor, guide, or both. */
  roles?: AthleteRoleListFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
  /** Sports, as named in the sources. */
  sports?: StringListFilter | null | undefined;
};

/** Predicates on a true-or-false value; every one given must hold. */
export type BooleanFilter = {
  /** Equal to this. */
  eq?: boolean | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on related Country records; every one given must hold. */
export type CountryListFilter = {
  /** Every related Country passes this filter (true when there is none). */
  every?: CountryWhere | null | undefined;
  /** No related Country passes this filter. */
  none?: CountryWhere | null | undefined;
  /** At least one related Country passes this filter. */
  some?: CountryWhere | null | undefined;
};

/** A filter on Country records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type CountryWhere = {
  /** Every one of these filters holds. */
  AND?: Array<CountryWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: CountryWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<CountryWhere> | null | undefined;
  /** Other names and spellings the sources use. */
  alternateNames?: StringListFilter | null | undefined;
  /** Athletes of the country. */
  athletes?: AthleteListFilter | null | undefined;
  /** The capital city. */
  capital?: StringFilter | null | undefined;
  /** The IOC code, e.g. "PRK". */
  code?: StringFilter | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** Reports about the entity. */
  mentionedIn?: ReportListFilter | null | undefined;
  /** The preferred name. */
  name?: StringFilter | null | undefined;
  /** Organisations based in the country. */
  organisations?: OrganisationListFilter | null | undefined;
  /** Every Games the sources list for the country, attended or not. */
  participations?: ParticipationListFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
};

/** Who an event is for. */
export type EventGender =
  /** Women's event. */
  | 'FEMALE'
  /** Men's event. */
  | 'MALE'
  /** Mixed event, open to men and women. */
  | 'MIXED';

/** Predicates on a EventGender value; every one given must hold. */
export type EventGenderFilter = {
  /** Equal to this. */
  eq?: EventGender | null | undefined;
  /** Equal to one of these. */
  in?: Array<EventGender> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on related Event records; every one given must hold. */
export type EventListFilter = {
  /** Every related Event passes this filter (true when there is none). */
  every?: EventWhere | null | undefined;
  /** No related Event passes this filter. */
  none?: EventWhere | null | undefined;
  /** At least one related Event passes this filter. */
  some?: EventWhere | null | undefined;
};

/** A filter on Event records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type EventWhere = {
  /** Every one of these filters holds. */
  AND?: Array<EventWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: EventWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<EventWhere> | null | undefined;
  /** Other names and spellings the sources use. */
  alternateNames?: StringListFilter | null | undefined;
  /** The sport class, e.g. "S6". */
  classification?: StringFilter | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** The discipline. */
  discipline?: StringFilter | null | undefined;
  /** The Games. Only records where it exists and passes this filter. */
  games?: GamesWhere | null | undefined;
  /** Men, women or mixed. */
  gender?: EventGenderFilter | null | undefined;
  /** Reports about the entity. */
  mentionedIn?: ReportListFilter | null | undefined;
  /** The preferred name. */
  name?: StringFilter | null | undefined;
  /** Results in the event. */
  results?: ResultListFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
  /** The sport. */
  sport?: StringFilter | null | undefined;
};

/** Predicates on a number; every one given must hold. */
export type FloatFilter = {
  /** Equal to this. */
  eq?: number | null | undefined;
  /** Greater than this. */
  gt?: number | null | undefined;
  /** Greater than or equal to this. */
  gte?: number | null | undefined;
  /** Equal to one of these. */
  in?: Array<number> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
  /** Less than this. */
  lt?: number | null | undefined;
  /** Less than or equal to this. */
  lte?: number | null | undefined;
};

/** Which Games: the Paralympics, or the Olympics where the sources tell of them. */
export type GamesSeries =
  /** The Olympic Games, where a source tells of a country taking part in them. */
  | 'OLYMPIC_GAMES'
  /** The Paralympic Games. */
  | 'PARALYMPIC_GAMES';

/** Predicates on a GamesSeries value; every one given must hold. */
export type GamesSeriesFilter = {
  /** Equal to this. */
  eq?: GamesSeries | null | undefined;
  /** Equal to one of these. */
  in?: Array<GamesSeries> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** A filter on Games records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type GamesWhere = {
  /** Every one of these filters holds. */
  AND?: Array<GamesWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: GamesWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<GamesWhere> | null | undefined;
  /** Other names and spellings the sources use. */
  alternateNames?: StringListFilter | null | undefined;
  /** The host city. */
  city?: StringFilter | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** The ordinal of the edition within its season. */
  edition?: IntFilter | null | undefined;
  /** The closing day, as precise as the sources. */
  endDate?: PartialDateFilter | null | undefined;
  /** The medal events held at these Games. */
  events?: EventListFilter | null | undefined;
  /** The host country. Only records where it exists and passes this filter. */
  hostCountry?: CountryWhere | null | undefined;
  /** Reports about the entity. */
  mentionedIn?: ReportListFilter | null | undefined;
  /** The preferred name. */
  name?: StringFilter | null | undefined;
  /** The countries the sources place at these Games. */
  participations?: ParticipationListFilter | null | undefined;
  /** Summer or winter. */
  season?: SeasonFilter | null | undefined;
  /** Paralympic or Olympic Games. */
  series?: GamesSeriesFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
  /** The opening day, as precise as the sources. */
  startDate?: PartialDateFilter | null | undefined;
  /** The venues. */
  venues?: StringListFilter | null | undefined;
  /** The year. */
  year?: IntFilter | null | undefined;
};

/** An athlete's gender, as the sources state it. */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE';

/** Predicates on a Gender value; every one given must hold. */
export type GenderFilter = {
  /** Equal to this. */
  eq?: Gender | null | undefined;
  /** Equal to one of these. */
  in?: Array<Gender> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on a whole number; every one given must hold. */
export type IntFilter = {
  /** Equal to this. */
  eq?: number | null | undefined;
  /** Greater than this. */
  gt?: number | null | undefined;
  /** Greater than or equal to this. */
  gte?: number | null | undefined;
  /** Equal to one of these. */
  in?: Array<number> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
  /** Less than this. */
  lt?: number | null | undefined;
  /** Less than or equal to this. */
  lte?: number | null | undefined;
};

/** Predicates on IpcMembership; every one given must hold. */
export type IpcMembershipFilter = {
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
  /** Since when, as precise as the sources. */
  since?: PartialDateFilter | null | undefined;
  /** The membership status. */
  status?: IpcMembershipStatusFilter | null | undefined;
};

/** An NPC's standing in the International Paralympic Committee. */
export type IpcMembershipStatus =
  /** A full member. */
  | 'FULL'
  /** A provisional member. */
  | 'PROVISIONAL'
  /** A member whose membership is suspended. */
  | 'SUSPENDED';

/** Predicates on a IpcMembershipStatus value; every one given must hold. */
export type IpcMembershipStatusFilter = {
  /** Equal to this. */
  eq?: IpcMembershipStatus | null | undefined;
  /** Equal to one of these. */
  in?: Array<IpcMembershipStatus> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on Medals; every one given must hold. */
export type MedalsFilter = {
  /** Bronze medals. */
  bronze?: IntFilter | null | undefined;
  /** Gold medals. */
  gold?: IntFilter | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
  /** Silver medals. */
  silver?: IntFilter | null | undefined;
  /** All medals. */
  total?: IntFilter | null | undefined;
};

/** A filter on NPC records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type NpcWhere = {
  /** Every one of these filters holds. */
  AND?: Array<NpcWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: NpcWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<NpcWhere> | null | undefined;
  /** Other names and spellings the sources use. */
  alternateNames?: StringListFilter | null | undefined;
  /** The NPC code. */
  code?: StringFilter | null | undefined;
  /** The country the NPC serves. Only records where it exists and passes this filter. */
  country?: CountryWhere | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** Its IPC membership; null where the sources state none. */
  ipcMembership?: IpcMembershipFilter | null | undefined;
  /** The international body the NPC is a member of. Only records where it exists and passes this filter. */
  memberOf?: OrganisationWhere | null | undefined;
  /** Reports about the entity. */
  mentionedIn?: ReportListFilter | null | undefined;
  /** The preferred name. */
  name?: StringFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
};

/** Which way an `orderBy` key sorts. Nulls sort last going up and first going down. */
export type OrderDirection =
  /** Smallest, earliest or first in the alphabet first. */
  | 'ASC'
  /** Largest, latest or last in the alphabet first. */
  | 'DESC';

/** What kind of body an organisation is. */
export type OrganisationKind =
  /** A centre: a rehabilitation, cultural or sports centre. */
  | 'CENTRE'
  /** An embassy. */
  | 'EMBASSY'
  /** A government, ministry or state agency. */
  | 'GOVERNMENT'
  /** An intergovernmental body: a United Nations body or agency. */
  | 'INTERGOVERNMENTAL'
  /** A news agency, newspaper or broadcaster. */
  | 'NEWS_MEDIA'
  /** A non-governmental organisation. */
  | 'NGO'
  /** A sports body: a federation, a committee, the IPC. */
  | 'SPORTS';

/** Predicates on a OrganisationKind value; every one given must hold. */
export type OrganisationKindFilter = {
  /** Equal to this. */
  eq?: OrganisationKind | null | undefined;
  /** Equal to one of these. */
  in?: Array<OrganisationKind> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on related Organisation records; every one given must hold. */
export type OrganisationListFilter = {
  /** Every related Organisation passes this filter (true when there is none). */
  every?: OrganisationWhere | null | undefined;
  /** No related Organisation passes this filter. */
  none?: OrganisationWhere | null | undefined;
  /** At least one related Organisation passes this filter. */
  some?: OrganisationWhere | null | undefined;
};

/** A filter on Organisation records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type OrganisationWhere = {
  /** Every one of these filters holds. */
  AND?: Array<OrganisationWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: OrganisationWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<OrganisationWhere> | null | undefined;
  /** Other names and spellings the sources use. */
  alternateNames?: StringListFilter | null | undefined;
  /** Countries it works in. */
  areaServed?: CountryListFilter | null | undefined;
  /** Since when it has worked there. */
  areaServedSince?: PartialDateFilter | null | undefined;
  /** Where it is based. Only records where it exists and passes this filter. */
  country?: CountryWhere | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** What kind of body it is. */
  kind?: OrganisationKindFilter | null | undefined;
  /** The city. */
  location?: StringFilter | null | undefined;
  /** Reports about the entity. */
  mentionedIn?: ReportListFilter | null | undefined;
  /** The preferred name. */
  name?: StringFilter | null | undefined;
  /** The body it belongs to. Only records where it exists and passes this filter. */
  parentOrganisation?: OrganisationWhere | null | undefined;
  /** Reports it published. */
  publications?: ReportListFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
};

/** Predicates on a date as precise as its source ("2006", "2012-03", "2012-08-29"); every one given must hold. Dates compare as the periods they name: `gte: "2012"` holds for any date from 2012 on, `lte: "2012"` for any up to the end of 2012, `lt` and `gt` only for periods wholly before or after. `eq` and `in` are exact: "2012" equals only "2012". */
export type PartialDateFilter = {
  /** Exactly this date, at this precision. */
  eq?: string | null | undefined;
  /** Wholly after this period. */
  gt?: string | null | undefined;
  /** Starting from the start of this period. */
  gte?: string | null | undefined;
  /** Exactly one of these dates. */
  in?: Array<string> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
  /** Wholly before this period. */
  lt?: string | null | undefined;
  /** Ending by the end of this period. */
  lte?: string | null | undefined;
};

/** Predicates on related Participation records; every one given must hold. */
export type ParticipationListFilter = {
  /** Every related Participation passes this filter (true when there is none). */
  every?: ParticipationWhere | null | undefined;
  /** No related Participation passes this filter. */
  none?: ParticipationWhere | null | undefined;
  /** At least one related Participation passes this filter. */
  some?: ParticipationWhere | null | undefined;
};

/** A filter on Participation records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type ParticipationWhere = {
  /** Every one of these filters holds. */
  AND?: Array<ParticipationWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: ParticipationWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<ParticipationWhere> | null | undefined;
  /** Competitors and guides. */
  athletes?: AthleteListFilter | null | undefined;
  /** How many competed. */
  competitors?: IntFilter | null | undefined;
  /** The country. Only records where it exists and passes this filter. */
  country?: CountryWhere | null | undefined;
  /** Everyone sent. */
  delegationSize?: IntFilter | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** The flagbearer. Only records where it exists and passes this filter. */
  flagbearer?: AthleteWhere | null | undefined;
  /** The Games. Only records where it exists and passes this filter. */
  games?: GamesWhere | null | undefined;
  /** Its medals; null where the country did not take part or no source counts them. */
  medals?: MedalsFilter | null | undefined;
  /** The NPC that sent the delegation. Only records where it exists and passes this filter. */
  npc?: NpcWhere | null | undefined;
  /** How many officials went. */
  officials?: IntFilter | null | undefined;
  /** Whether the country took part. */
  participated?: BooleanFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
  /** How many sports the delegation entered. */
  sports?: IntFilter | null | undefined;
};

/** What kind of document a report is. */
export type ReportKind =
  /** An encyclopedia article. */
  | 'ENCYCLOPEDIA_ARTICLE'
  /** A hearing before a parliament or other body. */
  | 'HEARING'
  /** A news article or agency report. */
  | 'NEWS_ARTICLE'
  /** A report by an organisation or official: a UN rapporteur's report, an NGO's report. */
  | 'REPORT'
  /** A statement by a government, body or person. */
  | 'STATEMENT'
  /** A study or survey. */
  | 'STUDY'
  /** Testimony given by a witness. */
  | 'TESTIMONY'
  /** A web page, such as an organisation's country page. */
  | 'WEB_PAGE';

/** Predicates on a ReportKind value; every one given must hold. */
export type ReportKindFilter = {
  /** Equal to this. */
  eq?: ReportKind | null | undefined;
  /** Equal to one of these. */
  in?: Array<ReportKind> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on related Report records; every one given must hold. */
export type ReportListFilter = {
  /** Every related Report passes this filter (true when there is none). */
  every?: ReportWhere | null | undefined;
  /** No related Report passes this filter. */
  none?: ReportWhere | null | undefined;
  /** At least one related Report passes this filter. */
  some?: ReportWhere | null | undefined;
};

/** A filter on Report records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type ReportWhere = {
  /** Every one of these filters holds. */
  AND?: Array<ReportWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: ReportWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<ReportWhere> | null | undefined;
  /** Other names and spellings the sources use. */
  alternateNames?: StringListFilter | null | undefined;
  /** Reports that cite this one. */
  citedBy?: ReportListFilter | null | undefined;
  /** Reports this one cites. */
  cites?: ReportListFilter | null | undefined;
  /** When it was published. */
  datePublished?: PartialDateFilter | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** What kind of document it is. */
  kind?: ReportKindFilter | null | undefined;
  /** Reports about the entity. */
  mentionedIn?: ReportListFilter | null | undefined;
  /** The preferred name. */
  name?: StringFilter | null | undefined;
  /** Its publisher. Only records where it exists and passes this filter. */
  publisher?: OrganisationWhere | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
  /** Where it is published. */
  url?: StringFilter | null | undefined;
};

/** Predicates on related Result records; every one given must hold. */
export type ResultListFilter = {
  /** Every related Result passes this filter (true when there is none). */
  every?: ResultWhere | null | undefined;
  /** No related Result passes this filter. */
  none?: ResultWhere | null | undefined;
  /** At least one related Result passes this filter. */
  some?: ResultWhere | null | undefined;
};

/** How an athlete's race or attempt ended. */
export type ResultStatus =
  /** Started, but did not finish. */
  | 'DID_NOT_FINISH'
  /** Entered, but did not start. */
  | 'DID_NOT_START'
  /** Disqualified. */
  | 'DISQUALIFIED'
  /** Finished, with a time, mark or rank. */
  | 'FINISHED';

/** Predicates on a ResultStatus value; every one given must hold. */
export type ResultStatusFilter = {
  /** Equal to this. */
  eq?: ResultStatus | null | undefined;
  /** Equal to one of these. */
  in?: Array<ResultStatus> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** A filter on Result records: every field given must hold, as must every filter of `AND`, one of `OR` and not `NOT`. Fields left out or null do not filter. */
export type ResultWhere = {
  /** Every one of these filters holds. */
  AND?: Array<ResultWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: ResultWhere | null | undefined;
  /** At least one of these filters holds (none does of an empty list). */
  OR?: Array<ResultWhere> | null | undefined;
  /** The athlete. Only records where it exists and passes this filter. */
  athlete?: AthleteWhere | null | undefined;
  /** Facts stated in free sentences. */
  descriptions?: StringListFilter | null | undefined;
  /** The event. Only records where it exists and passes this filter. */
  event?: EventWhere | null | undefined;
  /** How many took part in the round ranked. */
  fieldSize?: IntFilter | null | undefined;
  /** The Games of the event. Only records where it exists and passes this filter. */
  games?: GamesWhere | null | undefined;
  /** The guide. Only records where it exists and passes this filter. */
  guide?: AthleteWhere | null | undefined;
  /** The heat. */
  heat?: IntFilter | null | undefined;
  /** Place within the heat. */
  heatRank?: IntFilter | null | undefined;
  /** Metres. */
  mark?: FloatFilter | null | undefined;
  /** Place in the round. */
  rank?: IntFilter | null | undefined;
  /** The round. */
  round?: RoundFilter | null | undefined;
  /** The slug: exact with `eq` and `in`. */
  slug?: StringFilter | null | undefined;
  /** Every report the record or one of its claims cites. */
  sources?: ReportListFilter | null | undefined;
  /** Finished, or why not. */
  status?: ResultStatusFilter | null | undefined;
  /** Seconds. */
  time?: FloatFilter | null | undefined;
};

/** The round of an event a result belongs to. */
export type Round =
  /** The final. */
  | 'FINAL'
  /** The heats (first round). */
  | 'HEATS'
  /** A semifinal. */
  | 'SEMIFINAL';

/** Predicates on a Round value; every one given must hold. */
export type RoundFilter = {
  /** Equal to this. */
  eq?: Round | null | undefined;
  /** Equal to one of these. */
  in?: Array<Round> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Summer or Winter Games. */
export type Season =
  /** The Summer Games. */
  | 'SUMMER'
  /** The Winter Games. */
  | 'WINTER';

/** Predicates on a Season value; every one given must hold. */
export type SeasonFilter = {
  /** Equal to this. */
  eq?: Season | null | undefined;
  /** Equal to one of these. */
  in?: Array<Season> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
};

/** Predicates on a text; every one given must hold. `eq` and `in` are exact; `contains` and `startsWith` ignore case, accents and punctuation. */
export type StringFilter = {
  /** Contains these words or letters, ignoring case, accents and punctuation. */
  contains?: string | null | undefined;
  /** Exactly this text. */
  eq?: string | null | undefined;
  /** Exactly one of these texts. */
  in?: Array<string> | null | undefined;
  /** True: only where there is no value; false: only where there is one. */
  isNull?: boolean | null | undefined;
  /** Starts with these words or letters, ignoring case, accents and punctuation. */
  startsWith?: string | null | undefined;
};

/** Predicates on a list of texts; every one given must hold. */
export type StringListFilter = {
  /** Every text passes this filter (true of an empty list). */
  every?: StringFilter | null | undefined;
  /** No text passes this filter. */
  none?: StringFilter | null | undefined;
  /** At least one text passes this filter. */
  some?: StringFilter | null | undefined;
};

export type AthleteBrowserQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  where?: AthleteWhere | null | undefined;
  orderBy?: Array<AthleteOrder> | AthleteOrder | null | undefined;
}>;


export type AthleteBrowserQuery = { __typename: 'Query', allAthletes: { __typename: 'AthleteConnection', totalCount: number, edges: Array<{ __typename: 'AthleteEdge', cursor: string, node: { __typename: 'Athlete', id: string, name: string, classifications: Array<string>, country: { __typename: 'Country', id: string, code: string } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type AthleteRanksQueryVariables = Exact<{
  slug: string;
}>;


export type AthleteRanksQuery = { __typename: 'Query', athlete: { __typename: 'Athlete', id: string, name: string, results: { __typename: 'ResultConnection', nodes: Array<{ __typename: 'Result', id: string, event: { __typename: 'Event', id: string, name: string }, claims: Array<{ __typename: 'Claim', preferred: boolean, value:
            | { __typename: 'BooleanValue' }
            | { __typename: 'CodeValue' }
            | { __typename: 'DateValue' }
            | { __typename: 'DecimalValue' }
            | { __typename: 'EntityValue' }
            | { __typename: 'IntValue', int: number }
            | { __typename: 'TextValue' }
            | { __typename: 'UrlValue' }
           | null, citations: Array<{ __typename: 'Citation', report: { __typename: 'Report', id: string, name: string } }> }> }> } } | null };

export type AthleteWithLinkedDataQueryVariables = Exact<{
  slug: string;
}>;


export type AthleteWithLinkedDataQuery = { __typename: 'Query', athlete: { __typename: 'Athlete', id: string, name: string } & ({ __typename: 'Athlete', jsonld: { '@context': Record<string, string>; '@graph': Array<{ '@id': string; '@type': string | string[]; [property: string]: unknown }> } } | { __typename: 'Athlete', jsonld?: never }) | null };


export const AthleteBrowserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteBrowser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AthleteWhere"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AthleteOrder"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allAthletes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"classifications"}},{"kind":"Field","name":{"kind":"Name","value":"country"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AthleteBrowserQuery, AthleteBrowserQueryVariables>;
export const AthleteRanksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteRanks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"property"},"value":{"kind":"StringValue","value":"rank","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preferred"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IntValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"int"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"citations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthleteRanksQuery, AthleteRanksQueryVariables>;
export const AthleteWithLinkedDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteWithLinkedData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"linkedData","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jsonld"}}]}}]}}]}}]} as unknown as DocumentNode<AthleteWithLinkedDataQuery, AthleteWithLinkedDataQueryVariables>;