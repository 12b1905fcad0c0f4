/**
 * Every namespace IRI the linked data uses; nothing else in the code spells one out.
 * Our own vocabulary lives at a fixed IRI, independent of where the server runs.
 */
export const NS = {
  schema: 'https://schema.org/',
  pg: 'https://w3id.org/paralympics-graph/vocab#',
  prov: 'http://www.w3.org/ns/prov#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  void: 'http://rdfs.org/ns/void#',
  dcterms: 'http://purl.org/dc/terms/',
  dcat: 'http://www.w3.org/ns/dcat#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  sh: 'http://www.w3.org/ns/shacl#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  formats: 'http://www.w3.org/ns/formats/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

export type Prefix = keyof typeof NS;

/** Expands a compact IRI such as `pg:rank` or `schema:name`; anything else is returned unchanged. */
export function expandIri(compact: string): string {
  const colon = compact.indexOf(':');
  const prefix = compact.slice(0, colon);
  return colon > 0 && prefix in NS ? NS[prefix as Prefix] + compact.slice(colon + 1) : compact;
}
