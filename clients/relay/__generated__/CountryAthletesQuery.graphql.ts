/**
 * @generated SignedSource<<4a1feaf0a567fa0ddb7a0ba92a881379>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type AthleteRole = "COMPETITOR" | "GUIDE" | "%future added value";
export type EventGender = "FEMALE" | "MALE" | "MIXED" | "%future added value";
export type GamesSeries = "OLYMPIC_GAMES" | "PARALYMPIC_GAMES" | "%future added value";
export type Gender = "FEMALE" | "MALE" | "%future added value";
export type IpcMembershipStatus = "FULL" | "PROVISIONAL" | "SUSPENDED" | "%future added value";
export type OrganisationKind = "CENTRE" | "EMBASSY" | "GOVERNMENT" | "INTERGOVERNMENTAL" | "NEWS_MEDIA" | "NGO" | "SPORTS" | "%future added value";
export type ReportKind = "ENCYCLOPEDIA_ARTICLE" | "HEARING" | "NEWS_ARTICLE" | "REPORT" | "STATEMENT" | "STUDY" | "TESTIMONY" | "WEB_PAGE" | "%future added value";
export type ResultStatus = "DID_NOT_FINISH" | "DID_NOT_START" | "DISQUALIFIED" | "FINISHED" | "%future added value";
export type Round = "FINAL" | "HEATS" | "SEMIFINAL" | "%future added value";
export type Season = "SUMMER" | "WINTER" | "%future added value";
export type AthleteWhere = {
  AND?: ReadonlyArray<AthleteWhere> | null | undefined;
  NOT?: AthleteWhere | null | undefined;
  OR?: ReadonlyArray<AthleteWhere> | null | undefined;
  alternateNames?: StringListFilter | null | undefined;
  classifications?: StringListFilter | null | undefined;
  country?: CountryWhere | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  gender?: GenderFilter | null | undefined;
  guidedResults?: ResultListFilter | null | undefined;
  mentionedIn?: ReportListFilter | null | undefined;
  name?: StringFilter | null | undefined;
  participations?: ParticipationListFilter | null | undefined;
  results?: ResultListFilter | null | undefined;
  roles?: AthleteRoleListFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
  sports?: StringListFilter | null | undefined;
};
export type StringFilter = {
  contains?: string | null | undefined;
  eq?: string | null | undefined;
  in?: ReadonlyArray<string> | null | undefined;
  isNull?: boolean | null | undefined;
  startsWith?: string | null | undefined;
};
export type StringListFilter = {
  every?: StringFilter | null | undefined;
  none?: StringFilter | null | undefined;
  some?: StringFilter | null | undefined;
};
export type ReportListFilter = {
  every?: ReportWhere | null | undefined;
  none?: ReportWhere | null | undefined;
  some?: ReportWhere | null | undefined;
};
export type ReportWhere = {
  AND?: ReadonlyArray<ReportWhere> | null | undefined;
  NOT?: ReportWhere | null | undefined;
  OR?: ReadonlyArray<ReportWhere> | null | undefined;
  alternateNames?: StringListFilter | null | undefined;
  citedBy?: ReportListFilter | null | undefined;
  cites?: ReportListFilter | null | undefined;
  datePublished?: PartialDateFilter | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  kind?: ReportKindFilter | null | undefined;
  mentionedIn?: ReportListFilter | null | undefined;
  name?: StringFilter | null | undefined;
  publisher?: OrganisationWhere | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
  url?: StringFilter | null | undefined;
};
export type ReportKindFilter = {
  eq?: ReportKind | null | undefined;
  in?: ReadonlyArray<ReportKind> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type PartialDateFilter = {
  eq?: string | null | undefined;
  gt?: string | null | undefined;
  gte?: string | null | undefined;
  in?: ReadonlyArray<string> | null | undefined;
  isNull?: boolean | null | undefined;
  lt?: string | null | undefined;
  lte?: string | null | undefined;
};
export type OrganisationWhere = {
  AND?: ReadonlyArray<OrganisationWhere> | null | undefined;
  NOT?: OrganisationWhere | null | undefined;
  OR?: ReadonlyArray<OrganisationWhere> | null | undefined;
  alternateNames?: StringListFilter | null | undefined;
  areaServed?: CountryListFilter | null | undefined;
  areaServedSince?: PartialDateFilter | null | undefined;
  country?: CountryWhere | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  kind?: OrganisationKindFilter | null | undefined;
  location?: StringFilter | null | undefined;
  mentionedIn?: ReportListFilter | null | undefined;
  name?: StringFilter | null | undefined;
  parentOrganisation?: OrganisationWhere | null | undefined;
  publications?: ReportListFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
};
export type OrganisationKindFilter = {
  eq?: OrganisationKind | null | undefined;
  in?: ReadonlyArray<OrganisationKind> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type CountryWhere = {
  AND?: ReadonlyArray<CountryWhere> | null | undefined;
  NOT?: CountryWhere | null | undefined;
  OR?: ReadonlyArray<CountryWhere> | null | undefined;
  alternateNames?: StringListFilter | null | undefined;
  athletes?: AthleteListFilter | null | undefined;
  capital?: StringFilter | null | undefined;
  code?: StringFilter | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  mentionedIn?: ReportListFilter | null | undefined;
  name?: StringFilter | null | undefined;
  organisations?: OrganisationListFilter | null | undefined;
  participations?: ParticipationListFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
};
export type AthleteListFilter = {
  every?: AthleteWhere | null | undefined;
  none?: AthleteWhere | null | undefined;
  some?: AthleteWhere | null | undefined;
};
export type OrganisationListFilter = {
  every?: OrganisationWhere | null | undefined;
  none?: OrganisationWhere | null | undefined;
  some?: OrganisationWhere | null | undefined;
};
export type ParticipationListFilter = {
  every?: ParticipationWhere | null | undefined;
  none?: ParticipationWhere | null | undefined;
  some?: ParticipationWhere | null | undefined;
};
export type ParticipationWhere = {
  AND?: ReadonlyArray<ParticipationWhere> | null | undefined;
  NOT?: ParticipationWhere | null | undefined;
  OR?: ReadonlyArray<ParticipationWhere> | null | undefined;
  athletes?: AthleteListFilter | null | undefined;
  competitors?: IntFilter | null | undefined;
  country?: CountryWhere | null | undefined;
  delegationSize?: IntFilter | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  flagbearer?: AthleteWhere | null | undefined;
  games?: GamesWhere | null | undefined;
  medals?: MedalsFilter | null | undefined;
  npc?: NPCWhere | null | undefined;
  officials?: IntFilter | null | undefined;
  participated?: BooleanFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
  sports?: IntFilter | null | undefined;
};
export type GamesWhere = {
  AND?: ReadonlyArray<GamesWhere> | null | undefined;
  NOT?: GamesWhere | null | undefined;
  OR?: ReadonlyArray<GamesWhere> | null | undefined;
  alternateNames?: StringListFilter | null | undefined;
  city?: StringFilter | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  edition?: IntFilter | null | undefined;
  endDate?: PartialDateFilter | null | undefined;
  events?: EventListFilter | null | undefined;
  hostCountry?: CountryWhere | null | undefined;
  mentionedIn?: ReportListFilter | null | undefined;
  name?: StringFilter | null | undefined;
  participations?: ParticipationListFilter | null | undefined;
  season?: SeasonFilter | null | undefined;
  series?: GamesSeriesFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
  startDate?: PartialDateFilter | null | undefined;
  venues?: StringListFilter | null | undefined;
  year?: IntFilter | null | undefined;
};
export type GamesSeriesFilter = {
  eq?: GamesSeries | null | undefined;
  in?: ReadonlyArray<GamesSeries> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type IntFilter = {
  eq?: number | null | undefined;
  gt?: number | null | undefined;
  gte?: number | null | undefined;
  in?: ReadonlyArray<number> | null | undefined;
  isNull?: boolean | null | undefined;
  lt?: number | null | undefined;
  lte?: number | null | undefined;
};
export type SeasonFilter = {
  eq?: Season | null | undefined;
  in?: ReadonlyArray<Season> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type EventListFilter = {
  every?: EventWhere | null | undefined;
  none?: EventWhere | null | undefined;
  some?: EventWhere | null | undefined;
};
export type EventWhere = {
  AND?: ReadonlyArray<EventWhere> | null | undefined;
  NOT?: EventWhere | null | undefined;
  OR?: ReadonlyArray<EventWhere> | null | undefined;
  alternateNames?: StringListFilter | null | undefined;
  classification?: StringFilter | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  discipline?: StringFilter | null | undefined;
  games?: GamesWhere | null | undefined;
  gender?: EventGenderFilter | null | undefined;
  mentionedIn?: ReportListFilter | null | undefined;
  name?: StringFilter | null | undefined;
  results?: ResultListFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
  sport?: StringFilter | null | undefined;
};
export type EventGenderFilter = {
  eq?: EventGender | null | undefined;
  in?: ReadonlyArray<EventGender> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type ResultListFilter = {
  every?: ResultWhere | null | undefined;
  none?: ResultWhere | null | undefined;
  some?: ResultWhere | null | undefined;
};
export type ResultWhere = {
  AND?: ReadonlyArray<ResultWhere> | null | undefined;
  NOT?: ResultWhere | null | undefined;
  OR?: ReadonlyArray<ResultWhere> | null | undefined;
  athlete?: AthleteWhere | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  event?: EventWhere | null | undefined;
  fieldSize?: IntFilter | null | undefined;
  games?: GamesWhere | null | undefined;
  guide?: AthleteWhere | null | undefined;
  heat?: IntFilter | null | undefined;
  heatRank?: IntFilter | null | undefined;
  mark?: FloatFilter | null | undefined;
  rank?: IntFilter | null | undefined;
  round?: RoundFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
  status?: ResultStatusFilter | null | undefined;
  time?: FloatFilter | null | undefined;
};
export type RoundFilter = {
  eq?: Round | null | undefined;
  in?: ReadonlyArray<Round> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type FloatFilter = {
  eq?: number | null | undefined;
  gt?: number | null | undefined;
  gte?: number | null | undefined;
  in?: ReadonlyArray<number> | null | undefined;
  isNull?: boolean | null | undefined;
  lt?: number | null | undefined;
  lte?: number | null | undefined;
};
export type ResultStatusFilter = {
  eq?: ResultStatus | null | undefined;
  in?: ReadonlyArray<ResultStatus> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type NPCWhere = {
  AND?: ReadonlyArray<NPCWhere> | null | undefined;
  NOT?: NPCWhere | null | undefined;
  OR?: ReadonlyArray<NPCWhere> | null | undefined;
  alternateNames?: StringListFilter | null | undefined;
  code?: StringFilter | null | undefined;
  country?: CountryWhere | null | undefined;
  descriptions?: StringListFilter | null | undefined;
  ipcMembership?: IpcMembershipFilter | null | undefined;
  memberOf?: OrganisationWhere | null | undefined;
  mentionedIn?: ReportListFilter | null | undefined;
  name?: StringFilter | null | undefined;
  slug?: StringFilter | null | undefined;
  sources?: ReportListFilter | null | undefined;
};
export type IpcMembershipFilter = {
  isNull?: boolean | null | undefined;
  since?: PartialDateFilter | null | undefined;
  status?: IpcMembershipStatusFilter | null | undefined;
};
export type IpcMembershipStatusFilter = {
  eq?: IpcMembershipStatus | null | undefined;
  in?: ReadonlyArray<IpcMembershipStatus> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type BooleanFilter = {
  eq?: boolean | null | undefined;
  isNull?: boolean | null | undefined;
};
export type MedalsFilter = {
  bronze?: IntFilter | null | undefined;
  gold?: IntFilter | null | undefined;
  isNull?: boolean | null | undefined;
  silver?: IntFilter | null | undefined;
  total?: IntFilter | null | undefined;
};
export type CountryListFilter = {
  every?: CountryWhere | null | undefined;
  none?: CountryWhere | null | undefined;
  some?: CountryWhere | null | undefined;
};
export type GenderFilter = {
  eq?: Gender | null | undefined;
  in?: ReadonlyArray<Gender> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type AthleteRoleListFilter = {
  every?: AthleteRoleFilter | null | undefined;
  none?: AthleteRoleFilter | null | undefined;
  some?: AthleteRoleFilter | null | undefined;
};
export type AthleteRoleFilter = {
  eq?: AthleteRole | null | undefined;
  in?: ReadonlyArray<AthleteRole> | null | undefined;
  isNull?: boolean | null | undefined;
};
export type CountryAthletesQuery$variables = {
  code: string;
  first?: number | null | undefined;
  where?: AthleteWhere | null | undefined;
};
export type CountryAthletesQuery$data = {
  readonly country: {
    readonly id: string;
    readonly " $fragmentSpreads": FragmentRefs<"CountryAthletes_country">;
  } | null | undefined;
};
export type CountryAthletesQuery = {
  response: CountryAthletesQuery$data;
  variables: CountryAthletesQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "code"
  },
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "first"
  },
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "where"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "code",
    "variableName": "code"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v3 = {
  "kind": "Variable",
  "name": "first",
  "variableName": "first"
},
v4 = {
  "kind": "Variable",
  "name": "where",
  "variableName": "where"
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v6 = [
  (v3/*:: as any*/),
  {
    "kind": "Literal",
    "name": "orderBy",
    "value": [
      {
        "direction": "ASC",
        "field": "NAME"
      }
    ]
  },
  (v4/*:: as any*/)
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "CountryAthletesQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Country",
        "kind": "LinkedField",
        "name": "country",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          {
            "args": [
              (v3/*:: as any*/),
              (v4/*:: as any*/)
            ],
            "kind": "FragmentSpread",
            "name": "CountryAthletes_country"
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "CountryAthletesQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Country",
        "kind": "LinkedField",
        "name": "country",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v5/*:: as any*/),
          {
            "alias": null,
            "args": (v6/*:: as any*/),
            "concreteType": "AthleteConnection",
            "kind": "LinkedField",
            "name": "athletes",
            "plural": false,
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "totalCount",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "concreteType": "AthleteEdge",
                "kind": "LinkedField",
                "name": "edges",
                "plural": true,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "Athlete",
                    "kind": "LinkedField",
                    "name": "node",
                    "plural": false,
                    "selections": [
                      (v5/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "sports",
                        "storageKey": null
                      },
                      (v2/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "__typename",
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "cursor",
                    "storageKey": null
                  }
                ],
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "concreteType": "PageInfo",
                "kind": "LinkedField",
                "name": "pageInfo",
                "plural": false,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "hasNextPage",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "endCursor",
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": (v6/*:: as any*/),
            "filters": [
              "where",
              "orderBy"
            ],
            "handle": "connection",
            "key": "CountryAthletes_athletes",
            "kind": "LinkedHandle",
            "name": "athletes"
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "3a22fd98d60971acd8c4a1d43ba95a67",
    "id": null,
    "metadata": {},
    "name": "CountryAthletesQuery",
    "operationKind": "query",
    "text": "query CountryAthletesQuery(\n  $code: String!\n  $first: Int\n  $where: AthleteWhere\n) {\n  country(code: $code) {\n    id\n    ...CountryAthletes_country_4wmlBX\n  }\n}\n\nfragment CountryAthletes_country_4wmlBX on Country {\n  name\n  athletes(first: $first, where: $where, orderBy: [{field: NAME, direction: ASC}]) {\n    totalCount\n    edges {\n      node {\n        name\n        sports\n        id\n        __typename\n      }\n      cursor\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  id\n}\n"
  }
};
})();

(node as any).hash = "b96060f6bc99014f8aed810ade5ea49e";

export default node;
