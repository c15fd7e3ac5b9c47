-- The index in PostgreSQL: articles and chunks kept across generations while unchanged, each row
-- visible from the generation that added it (alive_from) until its article is retired (a row in
-- retired_articles), and one current generation that readers follow. Rows are never updated: a
-- chunk row rewritten would be inserted into the HNSW index again. pgvector itself is created by ingest before
-- the migrations run, so that a missing extension is reported on its own.

CREATE TABLE index_generations (
  id integer PRIMARY KEY,
  name text NOT NULL UNIQUE,
  -- building: being written, invisible to readers; published: complete, current or kept for rollback.
  state text NOT NULL CHECK (state IN ('building', 'published')),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  previous_id integer,
  embedder_id text NOT NULL,
  dimensions integer NOT NULL CHECK (dimensions > 0),
  chunking text NOT NULL,
  hnsw_m integer NOT NULL,
  hnsw_ef_construction integer NOT NULL,
  article_count integer NOT NULL DEFAULT 0,
  chunk_count integer NOT NULL DEFAULT 0,
  -- Sorted stems with their document frequencies, gzipped: what query servers load instead of postings.
  term_statistics bytea
);

-- Exactly one row once anything is published; switching it is the atomic publish.
CREATE TABLE index_current (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  generation_id integer NOT NULL REFERENCES index_generations (id)
);

CREATE TABLE articles (
  row_id bigserial PRIMARY KEY,
  id text COLLATE "C" NOT NULL,
  -- sha256 of the article's content, the chunking version and the embedder: equal means reusable.
  content_hash text NOT NULL,
  -- title, publisher, published, publishedNote, url, excluded ranges, sourceFile
  metadata jsonb NOT NULL,
  text text NOT NULL,
  alive_from integer NOT NULL
);
CREATE INDEX articles_by_id ON articles (id);

-- Articles (with their chunks) that the generations after alive_until no longer hold.
CREATE TABLE retired_articles (
  article_row bigint PRIMARY KEY REFERENCES articles (row_id) ON DELETE CASCADE,
  alive_until integer NOT NULL
);

CREATE TABLE chunks (
  row_id bigserial PRIMARY KEY,
  article_row bigint NOT NULL REFERENCES articles (row_id) ON DELETE CASCADE,
  article_id text COLLATE "C" NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  text text NOT NULL,
  sentences jsonb NOT NULL,
  -- The BM25 index terms (the pipeline's own stems) with their counts, aligned; term_count is the length.
  terms text[] NOT NULL,
  term_frequencies integer[] NOT NULL,
  term_count integer NOT NULL,
  -- PostgreSQL's own full-text vector, for the full-text ranking measured against BM25.
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  dimensions integer NOT NULL,
  -- Untyped, so that embedders of any size fit; the HNSW index (one per size, created by ingest
  -- with the generation's m and ef_construction) is on embedding::vector(dimensions).
  embedding vector NOT NULL,
  alive_from integer NOT NULL
);
CREATE INDEX chunks_by_article ON chunks (article_row);
CREATE INDEX chunks_terms ON chunks USING gin (terms);
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);
