import { NS } from './namespaces.js';

/**
 * The JSON-LD `@context` of every document we publish: schema.org as the default vocabulary, prefixes
 * for our vocabulary and the few others used. `schema/context.jsonld` is generated from it.
 */
export const JSONLD_CONTEXT = {
  '@vocab': NS.schema,
  schema: NS.schema,
  pg: NS.pg,
  prov: NS.prov,
  xsd: NS.xsd,
  rdfs: NS.rdfs,
  owl: NS.owl,
  void: NS.void,
  dcterms: NS.dcterms,
  dcat: NS.dcat,
  foaf: NS.foaf,
} as const;

export const contextDocument = () => ({ '@context': JSONLD_CONTEXT });

/** `schema/context.jsonld` and `/context.jsonld`, byte for byte. */
export const printedContext = (): string => `${JSON.stringify(contextDocument(), null, 2)}\n`;
