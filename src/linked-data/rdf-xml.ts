import type { Quad } from 'n3';
import { Writer } from 'n3';

let oxigraph: Promise<typeof import('oxigraph')> | undefined;

/**
 * Serialises triples as RDF/XML with Oxigraph's writer (RDF/XML holds no named graphs: the quads'
 * graphs are dropped). For one document at a time: the triples are held in memory. Oxigraph (a
 * WebAssembly module) is loaded on the first use, not at start; the server loads it in the
 * background once ready.
 */
export async function writeRdfXml(quads: Iterable<Quad>): Promise<string> {
  const writer = new Writer({ format: 'N-Triples' });
  let triples = '';
  for (const item of quads) triples += writer.quadToString(item.subject, item.predicate, item.object);
  const { Store, defaultGraph } = await loadRdfXmlWriter();
  const store = new Store();
  store.load(triples, { format: 'application/n-triples' });
  return store.dump({ format: 'application/rdf+xml', from_graph_name: defaultGraph() });
}

/** Oxigraph, loaded once. */
export function loadRdfXmlWriter(): Promise<typeof import('oxigraph')> {
  oxigraph ??= import('oxigraph');
  return oxigraph;
}
