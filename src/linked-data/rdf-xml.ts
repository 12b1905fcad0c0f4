import type { Quad } from 'n3';
import { Writer } from 'n3';
import { defaultGraph, Store } from 'oxigraph';

/**
 * Serialises triples as RDF/XML with Oxigraph's writer (RDF/XML holds no named graphs: the quads'
 * graphs are dropped). For one document at a time: the triples are held in memory.
 */
export function writeRdfXml(quads: Iterable<Quad>): string {
  const writer = new Writer({ format: 'N-Triples' });
  let triples = '';
  for (const item of quads) triples += writer.quadToString(item.subject, item.predicate, item.object);
  const store = new Store();
  store.load(triples, { format: 'application/n-triples' });
  return store.dump({ format: 'application/rdf+xml', from_graph_name: defaultGraph() });
}
