/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A JSON-LD 1.1 document in schema.org vocabulary, as a JSON object: `@context` is the context of `/context.jsonld`, embedded (schema.org as the default vocabulary; `pg:` our own terms, `prov:`, `xsd:`, `rdfs:`), and `@graph` a flat array of node objects, each with an `@id` (an IRI) and an `@type`. It holds the same triples as the Turtle and N-Quads of the same records. */
  JSONLD: { input: { '@context': Record<string, string>; '@graph': Array<{ '@id': string; '@type': string | string[]; [property: string]: unknown }> }; output: { '@context': Record<string, string>; '@graph': Array<{ '@id': string; '@type': string | string[]; [property: string]: unknown }> }; }
  /** A calendar date as precise as its source states it, in ISO 8601: a year ("2006"), a year and month ("2012-03") or a full date ("2012-08-29"). Never completed with a made-up month or day; its precision is its form (4, 7 or 10 characters), and `DateValue.precision` names it. */
  PartialDate: { input: string; output: string; }
};

/** What an athlete does at the Games. */
export type AthleteRole =
  /** Competes in events. */
  | 'COMPETITOR'
  /** A sighted athlete who runs or skis beside a visually impaired one. */
  | 'GUIDE';

/** A claim's rank, as in Wikidata: the preferred value is shown; deprecated ones are known to be wrong. */
export type ClaimRank =
  /** A value known to be wrong (a misprint), kept with its source. */
  | 'DEPRECATED'
  /** A value stated by a source, not chosen over another. */
  | 'NORMAL'
  /** The value the plain field shows, chosen where sources disagree. */
  | 'PREFERRED';

/** How a date value bounds a date its source does not give, as Wikidata's `latest date` and `earliest date` qualifiers do. */
export type DateBound =
  /** The date is on or after the value. */
  | 'ON_OR_AFTER'
  /** The date is on or before the value ("by 2008"). */
  | 'ON_OR_BEFORE';

/** How much of a date its source gives. */
export type DatePrecision =
  /** A full date: "2012-08-29". */
  | 'DAY'
  /** A year and month: "2012-03". */
  | 'MONTH'
  /** A year only: "2006". */
  | 'YEAR';

/** The types of named entity, to narrow a search. */
export type EntityType =
  /** Athletes and guides (`Athlete`). */
  | 'ATHLETE'
  /** Countries (`Country`). */
  | 'COUNTRY'
  /** Medal events (`Event`). */
  | 'EVENT'
  /** Editions of the Games (`Games`). */
  | 'GAMES'
  /** National Paralympic Committees (`NPC`). */
  | 'NPC'
  /** Organisations (`Organisation`). */
  | 'ORGANISATION'
  /** People who are neither athletes nor guides (`Person`). */
  | 'PERSON'
  /** Source documents (`Report`). */
  | 'REPORT';

/** Who an event is for. */
export type EventGender =
  /** Women's event. */
  | 'FEMALE'
  /** Men's event. */
  | 'MALE'
  /** Mixed event, open to men and women. */
  | 'MIXED';

/** Which Games: the Paralympics, or the Olympics where the sources tell of them. */
export type GamesSeries =
  /** The Olympic Games, where a source tells of a country taking part in them. */
  | 'OLYMPIC_GAMES'
  /** The Paralympic Games. */
  | 'PARALYMPIC_GAMES';

/** An athlete's gender, as the sources state it. */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE';

/** An NPC's standing in the International Paralympic Committee. */
export type IpcMembershipStatus =
  /** A full member. */
  | 'FULL'
  /** A provisional member. */
  | 'PROVISIONAL'
  /** A member whose membership is suspended. */
  | 'SUSPENDED';

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

/** The round of an event a result belongs to. */
export type Round =
  /** The final. */
  | 'FINAL'
  /** The heats (first round). */
  | 'HEATS'
  /** A semifinal. */
  | 'SEMIFINAL';

/** Which text of an entity a snippet is. */
export type SearchField =
  /** Another name it is known by, or another spelling a source gives. */
  | 'ALTERNATE_NAME'
  /** A sentence describing it, or one of its participations or results. */
  | 'DESCRIPTION'
  /** Its name. */
  | 'NAME'
  /** A sentence quoted from a report, as the source of a fact about it or about one of its participations or results. */
  | 'QUOTE';

/** Summer or Winter Games. */
export type Season =
  /** The Summer Games. */
  | 'SUMMER'
  /** The Winter Games. */
  | 'WINTER';

export type AthleteBrowserQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  country?: string | null | undefined;
}>;


export type AthleteBrowserQuery = { __typename: 'Query', allAthletes: { __typename: 'AthleteConnection', totalCount: number, edges: Array<{ __typename: 'AthleteEdge', cursor: string, node: { __typename: 'Athlete', id: string, name: string, classifications: Array<string>, country: { __typename: 'Country', id: string, code: string } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type AthleteRanksQueryVariables = Exact<{
  slug: string;
}>;


export type AthleteRanksQuery = { __typename: 'Query', athlete: { __typename: 'Athlete', id: string, name: string, results: Array<{ __typename: 'Result', id: string, event: { __typename: 'Event', id: string, name: string }, claims: Array<{ __typename: 'Claim', preferred: boolean, value:
          | { __typename: 'BooleanValue' }
          | { __typename: 'CodeValue' }
          | { __typename: 'DateValue' }
          | { __typename: 'DecimalValue' }
          | { __typename: 'EntityValue' }
          | { __typename: 'IntValue', int: number }
          | { __typename: 'TextValue' }
          | { __typename: 'UrlValue' }
         | null, citations: Array<{ __typename: 'Citation', report: { __typename: 'Report', id: string, name: string } }> }> }> } | null };

export type AthleteWithLinkedDataQueryVariables = Exact<{
  slug: string;
}>;


export type AthleteWithLinkedDataQuery = { __typename: 'Query', athlete: { __typename: 'Athlete', id: string, name: string } & ({ __typename: 'Athlete', jsonld: { '@context': Record<string, string>; '@graph': Array<{ '@id': string; '@type': string | string[]; [property: string]: unknown }> } } | { __typename: 'Athlete', jsonld?: never }) | null };


export const AthleteBrowserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteBrowser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"country"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allAthletes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"classifications"}},{"kind":"Field","name":{"kind":"Name","value":"country"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AthleteBrowserQuery, AthleteBrowserQueryVariables>;
export const AthleteRanksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteRanks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"property"},"value":{"kind":"StringValue","value":"rank","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"preferred"}},{"kind":"Field","name":{"kind":"Name","value":"value"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IntValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"int"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"citations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AthleteRanksQuery, AthleteRanksQueryVariables>;
export const AthleteWithLinkedDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AthleteWithLinkedData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"athlete"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"label"},"value":{"kind":"StringValue","value":"linkedData","block":false}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jsonld"}}]}}]}}]}}]} as unknown as DocumentNode<AthleteWithLinkedDataQuery, AthleteWithLinkedDataQueryVariables>;