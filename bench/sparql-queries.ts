/**
 * The SPARQL the benchmark times: the athlete page of the frontend mix (bench/queries.ts), asked of the
 * dump's triples. `{base}` is the base IRI the dump was written under.
 */
export const athletePageSparql = (base: string): string => `PREFIX schema: <https://schema.org/>
PREFIX pg: <https://w3id.org/paralympics-graph/vocab#>
SELECT ?name ?alternateName ?gender ?sportClass ?countryName ?countryCode ?eventName ?gamesName ?year
       ?round ?heat ?time ?mark ?rank ?fieldSize ?status ?claimedRank ?statementRank ?quote ?reportName
WHERE {
  BIND(<${base}/id/athlete/rim-ju-song> AS ?athlete)
  ?athlete schema:name ?name ; schema:gender ?gender ; schema:nationality ?country .
  ?country schema:name ?countryName ; pg:iocCode ?countryCode .
  OPTIONAL { ?athlete schema:alternateName ?alternateName }
  OPTIONAL { ?athlete pg:sportClass ?sportClass }
  OPTIONAL {
    ?result schema:competitor ?athlete ; pg:event ?event .
    ?event schema:name ?eventName ; schema:superEvent ?games .
    ?games schema:name ?gamesName ; pg:year ?year .
    OPTIONAL { ?result pg:round ?round }
    OPTIONAL { ?result pg:heat ?heat }
    OPTIONAL { ?result pg:resultTime ?time }
    OPTIONAL { ?result pg:mark ?mark }
    OPTIONAL { ?result pg:rank ?rank }
    OPTIONAL { ?result pg:fieldSize ?fieldSize }
    OPTIONAL { ?result pg:resultStatus ?status }
    OPTIONAL {
      ?claim schema:about ?result ; pg:property "rank" ; pg:value ?claimedRank ; pg:statementRank ?statementRank ;
             schema:citation ?citation .
      ?citation schema:text ?quote ; schema:isPartOf ?report .
      ?report schema:name ?reportName .
    }
  }
}`;
