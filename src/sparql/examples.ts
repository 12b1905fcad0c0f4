/**
 * Example SPARQL queries: the query page offers them, the README shows some, and the tests check that
 * the first five answer the README's GraphQL examples with the same values. They name entities by their
 * codes and names, not by IRI, so that they run unchanged under any PUBLIC_BASE_URL.
 */
export interface SparqlExample {
  readonly name: string;
  readonly query: string;
}

const PREFIXES = `PREFIX schema: <https://schema.org/>
PREFIX pg: <https://w3id.org/paralympics-graph/vocab#>
PREFIX prov: <http://www.w3.org/ns/prov#>
`;

export const COUNTRY_HISTORY: SparqlExample = {
  name: "A country's Games",
  query: `${PREFIXES}
# Every Games listed for North Korea, attended or not, with its competitors and medals
SELECT ?games ?year ?season ?city ?participated ?competitors ?medals WHERE {
  ?country a schema:Country ; pg:iocCode "PRK" .
  ?delegation pg:delegationOf ?country ; pg:games ?edition ; pg:participated ?participated .
  ?edition schema:name ?games ; pg:year ?year ; pg:season ?season .
  OPTIONAL { ?edition schema:location/schema:name ?city }
  OPTIONAL { ?delegation pg:competitorCount ?competitors }
  OPTIONAL { ?delegation pg:totalMedals ?medals }
}
ORDER BY ?year ?games
`,
};

export const DISPUTED_RANK: SparqlExample = {
  name: 'A disputed fact',
  query: `${PREFIXES}
# Rim Ju-song's rank in the 50 m freestyle S6 of 2012: every claim, its rank and reason, and its sources
SELECT ?value ?statementRank ?reason ?report ?quote WHERE {
  ?result schema:competitor/schema:name "Rim Ju-song"@en ; pg:event/schema:name "Men's 50m freestyle S6"@en .
  ?claim schema:about ?result ; pg:property "rank" ; pg:value ?value ; pg:statementRank ?statementRank ;
         schema:citation ?citation .
  OPTIONAL { ?claim pg:rankReason ?reason }
  ?citation schema:text ?quote ; schema:isPartOf/schema:name ?report .
}
ORDER BY ?claim ?citation
`,
};

export const DERIVED_VALUE: SparqlExample = {
  name: 'A derived value',
  query: `${PREFIXES}
# The heat winner's time, computed from "17.89 seconds behind", with the statement it comes from
SELECT ?time ?value ?derived ?note ?quote WHERE {
  ?result schema:competitor/schema:name "Lorenzo Perez"@en ; pg:resultTime ?time .
  ?claim schema:about ?result ; pg:property "time" ; pg:value ?value ; pg:derived ?derived ;
         schema:citation/schema:text ?quote .
  OPTIONAL { ?claim pg:note ?note }
}
`,
};

export const SEARCH_BY_SPELLING: SparqlExample = {
  name: 'Search by spelling',
  query: `${PREFIXES}
# Athletes known by any spelling of "rim ju song", with each of their sport classes
SELECT DISTINCT ?athlete ?name ?class WHERE {
  ?athlete pg:athleteRole ?role ; schema:name ?name .
  { ?athlete schema:name ?spelling } UNION { ?athlete schema:alternateName ?spelling }
  FILTER(CONTAINS(REPLACE(LCASE(?spelling), "-", " "), "rim ju song"))
  OPTIONAL { ?athlete pg:sportClass ?class }
}
ORDER BY ?name ?class
`,
};

export const DISPUTED_PUBLISHER: SparqlExample = {
  name: 'A disputed publisher',
  query: `${PREFIXES}
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
# Who published the 2012 report, by each source's claim; and when, as precisely as the source says
SELECT ?datePublished ?precision ?publisher ?publisherName ?statementRank WHERE {
  ?report schema:name "2012 news report on the Taedonggong Cultural Center for the Disabled in Pyongyang"@en ;
          schema:datePublished ?datePublished .
  BIND(IF(DATATYPE(?datePublished) = xsd:gYear, "YEAR",
       IF(DATATYPE(?datePublished) = xsd:gYearMonth, "MONTH", "DAY")) AS ?precision)
  ?claim schema:about ?report ; pg:property "publisher" ; pg:value ?publisher ; pg:statementRank ?statementRank .
  ?publisher schema:name ?publisherName .
}
ORDER BY ?claim
`,
};

export const SPARQL_EXAMPLES: readonly SparqlExample[] = [
  COUNTRY_HISTORY,
  DISPUTED_RANK,
  DERIVED_VALUE,
  DISPUTED_PUBLISHER,
  SEARCH_BY_SPELLING,
  {
    name: 'What one source says',
    query: `${PREFIXES}
# Every claim that the 2012 article supports: trust one source, read only its statements
SELECT ?subject ?property ?value ?statementRank WHERE {
  ?report schema:name "North Korea at the 2012 Summer Paralympics"@en .
  ?claim prov:wasDerivedFrom ?report ; schema:about ?subject ; pg:property ?property ; pg:value ?value ;
         pg:statementRank ?statementRank .
}
ORDER BY ?subject ?property
LIMIT 100
`,
  },
  {
    name: 'Results of a heat',
    query: `${PREFIXES}
# The 50 m freestyle S6 heats of 2012: who swam, in which heat, their time and rank
SELECT ?athlete ?country ?heat ?time ?rank WHERE {
  ?event schema:name "Men's 50m freestyle S6"@en ; schema:superEvent/pg:year 2012 .
  ?result pg:event ?event ; schema:competitor ?person .
  ?person schema:name ?athlete .
  OPTIONAL { ?person schema:nationality/schema:name ?country }
  OPTIONAL { ?result pg:heat ?heat }
  OPTIONAL { ?result pg:resultTime ?time }
  OPTIONAL { ?result pg:rank ?rank }
}
ORDER BY ?heat ?time
`,
  },
  {
    name: 'Did they attend?',
    query: `${PREFIXES}
# Did North Korea take part in the 2020 Summer Paralympics?
ASK {
  ?delegation pg:delegationOf/pg:iocCode "PRK" ; pg:games/schema:name "2020 Summer Paralympics"@en ;
              pg:participated true .
}
`,
  },
  {
    name: 'An athlete as a graph',
    query: `${PREFIXES}
# Rim Ju-song, his results and their events, as RDF (Turtle, JSON-LD, N-Triples…)
CONSTRUCT {
  ?athlete schema:name ?name .
  ?result schema:competitor ?athlete ; pg:event ?event ; pg:resultTime ?time ; pg:rank ?rank .
  ?event schema:name ?eventName .
} WHERE {
  ?athlete schema:name "Rim Ju-song"@en ; schema:name ?name .
  ?result schema:competitor ?athlete ; pg:event ?event .
  ?event schema:name ?eventName .
  OPTIONAL { ?result pg:resultTime ?time }
  OPTIONAL { ?result pg:rank ?rank }
}
`,
  },
];
