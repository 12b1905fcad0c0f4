/**
 * The PostgreSQL schema of the graph (`npm run compile -- --to postgres`): the same validated graph as
 * a snapshot, in tables a person can query with SQL, and that the server reads with batched queries.
 *
 * Record ids number every record, kind after kind (in KINDS order), in each kind's display order; so
 * `ORDER BY id` lists records as the API does, and every list of ids below is in that order.
 */
export const SCHEMA = 'paralympics';

/** Tables, in the order they are loaded; `{schema}` is replaced by the schema being loaded. */
export const TABLES = `
-- What was loaded: the data's version (a hash of its files), the format, each kind's id range.
CREATE TABLE {schema}.meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Every record: a country, a Games, an athlete, a result, a report…
CREATE TABLE {schema}.records (
  id integer PRIMARY KEY,
  kind text NOT NULL,
  slug text NOT NULL,
  file text NOT NULL,          -- the data file it came from
  text_file text,              -- a report's own text, under sources/
  citations integer NOT NULL,  -- the record's own citations (citation_lists.list)
  UNIQUE (kind, slug)
);

-- Every claim: one value of one property as its sources state it, ranked, never overwritten.
CREATE TABLE {schema}.claims (
  record integer NOT NULL,
  position integer NOT NULL,   -- its place among the record's claims
  property text NOT NULL,
  index integer NOT NULL,      -- its place among the claims of the same property, as in the data file
  value jsonb NOT NULL,        -- a string, number or boolean; null where the sources give none
  rank text NOT NULL,          -- preferred, normal or deprecated
  preferred boolean NOT NULL,
  shown boolean NOT NULL,      -- the plain field shows it (the preferred value, not a mere bound)
  citations integer NOT NULL,  -- citation_lists.list
  extra jsonb NOT NULL,        -- its other fields: reason, derived, note, qualifiers, language
  PRIMARY KEY (record, position)
);

-- A citation: a report, and the sentence of it that states the fact where there is one.
CREATE TABLE {schema}.citations (
  id integer PRIMARY KEY,
  report text NOT NULL,
  quote text
);

-- Lists of citations, shared by every record and claim that cites the same.
CREATE TABLE {schema}.citation_lists (
  list integer NOT NULL,
  position integer NOT NULL,
  citation integer NOT NULL,
  PRIMARY KEY (list, position)
);

-- Relations: for a record (key), the records pointing at it (resultsByAthlete, reportsAbout…).
CREATE TABLE {schema}.relations (
  relation text NOT NULL,
  key integer NOT NULL,
  size integer NOT NULL,       -- cardinality(items), read without reading the array
  items integer[] NOT NULL,
  PRIMARY KEY (relation, key)
);

-- Records by a value of theirs (gamesByYear, athletesBySport…), the value folded where it is text.
CREATE TABLE {schema}.keyed (
  index text NOT NULL,
  key text NOT NULL,
  items integer[] NOT NULL,
  PRIMARY KEY (index, key)
);

-- Which properties of each kind name another record: of one kind (target), or of several, as kind/slug.
CREATE TABLE {schema}.refs (
  kind text NOT NULL,
  property text NOT NULL,
  target text,
  PRIMARY KEY (kind, property)
);

CREATE TABLE {schema}.codes (
  kind text NOT NULL,
  code text NOT NULL,
  record integer NOT NULL,
  PRIMARY KEY (kind, code)
);

-- Medals summed over the Paralympic Games each country took part in.
CREATE TABLE {schema}.medals (
  country integer PRIMARY KEY,
  gold integer NOT NULL,
  silver integer NOT NULL,
  bronze integer NOT NULL,
  total integer NOT NULL
);

CREATE TABLE {schema}.texts (
  record integer PRIMARY KEY,
  text text NOT NULL
);

-- The full-text index (src/graph/fulltext/index.ts) as its file, cut into parts: built once for the
-- load, read by each server once it has started instead of being built again from the whole graph.
CREATE TABLE {schema}.fulltext (
  part integer PRIMARY KEY,
  body bytea NOT NULL
);
`;

/** Indexes, created once the tables are loaded. */
export const INDEXES = `
CREATE INDEX ON {schema}.claims (property, value, record) WHERE shown;
`;
