/**
 * @generated SignedSource<<4f6d64d300f23baa956e2e4674b90b4a>>
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
  readonly results: {
    readonly nodes: ReadonlyArray<{
      readonly event: {
        readonly name: string;
      };
      readonly rank: number | null | undefined;
    }>;
  };
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
      "args": [
        {
          "kind": "Literal",
          "name": "first",
          "value": 10
        }
      ],
      "concreteType": "ResultConnection",
      "kind": "LinkedField",
      "name": "results",
      "plural": false,
      "selections": [
        {
          "alias": null,
          "args": null,
          "concreteType": "Result",
          "kind": "LinkedField",
          "name": "nodes",
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
      "storageKey": "results(first:10)"
    }
  ],
  "type": "Athlete",
  "abstractKey": null
};
})();

(node as any).hash = "b145e1bbe55671cce630d0fc20a410f7";

export default node;
