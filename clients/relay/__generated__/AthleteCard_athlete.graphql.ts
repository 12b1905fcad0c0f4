/**
 * @generated SignedSource<<1caf670dd98bff85707df4f780aaf542>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type AthleteCard_athlete$data = {
  readonly classifications: ReadonlyArray<string>;
  readonly country: {
    readonly name: string;
  } | null | undefined;
  readonly name: string;
  readonly results: ReadonlyArray<{
    readonly event: {
      readonly name: string;
    };
    readonly rank: number | null | undefined;
  }>;
  readonly " $fragmentType": "AthleteCard_athlete";
};
export type AthleteCard_athlete$key = {
  readonly " $data"?: AthleteCard_athlete$data;
  readonly " $fragmentSpreads": FragmentRefs<"AthleteCard_athlete">;
};

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v1 = [
  (v0/*:: as any*/)
];
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": null,
  "name": "AthleteCard_athlete",
  "selections": [
    (v0/*:: as any*/),
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "classifications",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "Country",
      "kind": "LinkedField",
      "name": "country",
      "plural": false,
      "selections": (v1/*:: as any*/),
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "Result",
      "kind": "LinkedField",
      "name": "results",
      "plural": true,
      "selections": [
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "rank",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "concreteType": "Event",
          "kind": "LinkedField",
          "name": "event",
          "plural": false,
          "selections": (v1/*:: as any*/),
          "storageKey": null
        }
      ],
      "storageKey": null
    }
  ],
  "type": "Athlete",
  "abstractKey": null
};
})();

(node as any).hash = "d1f1fb68ba007dfbe3be4015f58adedf";

export default node;
