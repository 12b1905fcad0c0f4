import { DataFactory, type Quad } from 'n3';
import { expandIri, NS } from './namespaces.js';
import { TURTLE_PREFIXES, writeRdf } from './rdf.js';
import { VOCABULARY, VOCABULARY_IRI } from './vocab.js';

const { namedNode, literal, quad } = DataFactory;
const rdf = (name: string) => namedNode(`${NS.rdf}${name}`);
const rdfs = (name: string) => namedNode(`${NS.rdfs}${name}`);

/** The triples of `schema/vocab.ttl`: each term typed, labelled, commented, with domain and range. */
export function* vocabularyQuads(): Generator<Quad> {
  const ontology = namedNode(VOCABULARY_IRI);
  yield quad(ontology, rdf('type'), namedNode(`${NS.owl}Ontology`));
  yield quad(ontology, rdfs('label'), literal('paralympics-graph vocabulary', 'en'));
  yield quad(
    ontology,
    rdfs('comment'),
    literal(
      'Terms for what schema.org lacks: Paralympic results, delegations, and ranked statements with their sources.',
      'en',
    ),
  );
  for (const term of VOCABULARY) {
    const subject = namedNode(`${NS.pg}${term.name}`);
    if (term.kind === 'Class') {
      yield quad(subject, rdf('type'), rdfs('Class'));
      if (term.type) yield quad(subject, rdfs('subClassOf'), namedNode(expandIri(term.type)));
    } else if (term.kind === 'Property') {
      yield quad(subject, rdf('type'), rdf('Property'));
    } else if (term.type) {
      yield quad(subject, rdf('type'), namedNode(expandIri(term.type)));
    }
    yield quad(subject, rdfs('label'), literal(term.label, 'en'));
    yield quad(subject, rdfs('comment'), literal(term.comment, 'en'));
    yield quad(subject, rdfs('isDefinedBy'), ontology);
    for (const domain of term.domain ?? []) yield quad(subject, rdfs('domain'), namedNode(expandIri(domain)));
    if (term.range) yield quad(subject, rdfs('range'), namedNode(expandIri(term.range)));
  }
}

/** `schema/vocab.ttl` and `/vocab.ttl`, byte for byte. */
export const printedVocabulary = (): Promise<string> =>
  writeRdf(vocabularyQuads(), 'turtle', { ...TURTLE_PREFIXES, owl: NS.owl, rdf: NS.rdf });
