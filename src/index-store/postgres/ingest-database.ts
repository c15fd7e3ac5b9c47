// Ingest into PostgreSQL: the same corpus reading, chunking and embedding as the file backend,
// written as a new generation beside the current one. Unchanged articles keep their rows and
// vectors; changed and new ones get new rows, invisible to readers until one transaction makes the
// generation current. One ingest at a time (a session advisory lock, which a killed ingest's
// connection takes with it); the next ingest removes what a killed one left.
import pgvector from 'pgvector';
import { chunkArticle, chunkingVersion, DEFAULT_CHUNKING } from '../../chunking/chunker.js';
import { redactedDatabaseUrl, type DatabaseConfig } from '../../config.js';
import { IndexDatabaseLockedError } from '../../errors.js';
import type { Article, Chunk } from '../../types.js';
import { crashPoint } from '../crash-points.js';
import { contentHash, embedInBatches, type IngestInputs, type IngestSummary, readSortedCorpus, StageClock } from '../ingest-steps.js';
import { FORMAT_VERSION } from '../index-files.js';
import { indexTerms } from '../lexical-index.js';
import { TermTable } from '../term-table.js';
import { DEFAULT_HNSW, type HnswParameters } from '../vector-index.js';
import { createPool, explainFailure, query, type PoolClient } from './database.js';
import { applyMigrations, currentGeneration, ensurePgvector, GENERATION_CHANNEL, type GenerationRow, visibleIn } from './schema.js';

export interface DatabaseIngestOptions extends IngestInputs {
  database: DatabaseConfig;
}

/** The advisory lock key of "ingest writes the index" (any constant no other application uses). */
const INGEST_LOCK_KEY = 7_368_011_235;

/** Rows per INSERT: large enough to amortise the round trip, small enough for one JSON parameter. */
const ARTICLES_PER_INSERT = 100;

/**
 * HNSW build memory for ingest's session: pgvector builds much faster while the graph fits
 * (80,039 100-d vectors took 57 MB on disk; 800,000 need about ten times that).
 */
const HNSW_BUILD_MEMORY = '1GB';

function hnswIndexName(dimensions: number): string {
  return `chunks_embedding_hnsw_${dimensions}`;
}

async function takeLock(client: PoolClient, database: DatabaseConfig): Promise<void> {
  const [row] = await query<{ locked: boolean }>(client, database, 'SELECT pg_try_advisory_lock($1) AS locked', [INGEST_LOCK_KEY]);
  if (row!.locked) return;
  const [holder] = await query<{ pid: number }>(
    client,
    database,
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1 LIMIT 1`,
    [INGEST_LOCK_KEY],
  );
  throw new IndexDatabaseLockedError(redactedDatabaseUrl(database.url), holder?.pid);
}

/**
 * What killed ingests left: generations never published (their rows, and the retirement marks they
 * set on current rows), and generations older than the one before the current one, with their rows.
 */
async function removeLeftovers(client: PoolClient, database: DatabaseConfig, current: GenerationRow | undefined): Promise<string[]> {
  const removed: string[] = [];
  const building = await query<{ id: number; name: string }>(client, database, `SELECT id, name FROM index_generations WHERE state = 'building'`);
  if (building.length > 0) {
    const ids = building.map((row) => row.id);
    await query(client, database, 'DELETE FROM chunks WHERE alive_from = ANY($1)', [ids]);
    await query(client, database, 'DELETE FROM articles WHERE alive_from = ANY($1)', [ids]);
    await query(client, database, 'DELETE FROM index_generations WHERE id = ANY($1)', [ids]);
    removed.push(...building.map((row) => `unpublished generation ${row.name}`));
  }
  if (current) {
    // Only an unpublished generation retires articles through the current one: undo its marks.
    const marks = await query(client, database, 'DELETE FROM retired_articles WHERE alive_until >= $1 RETURNING article_row', [current.id]);
    if (marks.length > 0) removed.push(`${marks.length} retirement marks`);
    // An ingest killed between its publish and its pruning left older generations behind.
    removed.push(...(await pruneBefore(client, database, current.previous_id ?? current.id)));
  }
  return removed;
}

/**
 * Removes rows only generations before `keepFrom` could see, and those generations: after a
 * publish, the generation before it stays for rollback and for servers still moving over.
 */
async function pruneBefore(client: PoolClient, database: DatabaseConfig, keepFrom: number): Promise<string[]> {
  const gone = 'SELECT article_row FROM retired_articles WHERE alive_until < $1';
  const chunks = await query(client, database, `DELETE FROM chunks WHERE article_row IN (${gone}) RETURNING row_id`, [keepFrom]);
  // Their retirement marks go with them (ON DELETE CASCADE).
  const articles = await query(client, database, `DELETE FROM articles WHERE row_id IN (${gone}) RETURNING row_id`, [keepFrom]);
  await query(client, database, 'UPDATE index_generations SET previous_id = NULL WHERE previous_id < $1', [keepFrom]);
  const generations = await query<{ name: string }>(client, database, 'DELETE FROM index_generations WHERE id < $1 RETURNING name', [keepFrom]);
  const removed = generations.map((row) => `generation ${row.name}`);
  if (articles.length + chunks.length > 0) removed.push(`${articles.length} articles and ${chunks.length} chunks only older generations held`);
  return removed;
}

/** Creates the HNSW index for vectors of this size, or rebuilds it when m or ef_construction changed. */
async function ensureHnswIndex(client: PoolClient, database: DatabaseConfig, dimensions: number, hnsw: HnswParameters): Promise<void> {
  const name = hnswIndexName(dimensions);
  const [existing] = await query<{ options: string[] | null }>(client, database, `SELECT reloptions AS options FROM pg_class WHERE relname = $1 AND relkind = 'i'`, [name]);
  const wanted = [`m=${hnsw.m}`, `ef_construction=${hnsw.efConstruction}`];
  if (existing && wanted.every((option) => existing.options?.includes(option))) return;
  if (existing) await query(client, database, `DROP INDEX ${name}`);
  await query(client, database, `SET maintenance_work_mem = '${HNSW_BUILD_MEMORY}'`);
  // Integers checked by config and the embedder; identifiers cannot be parameters.
  await query(
    client,
    database,
    `CREATE INDEX ${name} ON chunks USING hnsw ((embedding::vector(${Number(dimensions)})) vector_cosine_ops) ` +
      `WITH (m = ${Number(hnsw.m)}, ef_construction = ${Number(hnsw.efConstruction)}) WHERE dimensions = ${Number(dimensions)}`,
  );
  await query(client, database, 'RESET maintenance_work_mem');
}

interface ChunkRow {
  article_row: string;
  article_id: string;
  start_offset: number;
  end_offset: number;
  text: string;
  sentences: Chunk['sentences'];
  terms: string[];
  term_frequencies: number[];
  term_count: number;
  embedding: string;
}

function chunkRow(articleRow: string, chunk: Chunk, vector: number[]): ChunkRow {
  const terms = indexTerms(chunk.text);
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return {
    article_row: articleRow,
    article_id: chunk.articleId,
    start_offset: chunk.start,
    end_offset: chunk.end,
    text: chunk.text,
    sentences: chunk.sentences,
    terms: [...counts.keys()],
    term_frequencies: [...counts.values()],
    term_count: terms.length,
    embedding: pgvector.toSql(vector) as string,
  };
}

async function insertArticles(client: PoolClient, database: DatabaseConfig, articles: Article[], hashes: Map<string, string>, generation: number): Promise<Map<string, string>> {
  const rowIds = new Map<string, string>();
  for (let offset = 0; offset < articles.length; offset += ARTICLES_PER_INSERT) {
    const batch = articles.slice(offset, offset + ARTICLES_PER_INSERT).map(({ id, text, ...metadata }) => ({ id, content_hash: hashes.get(id), metadata, text }));
    const rows = await query<{ row_id: string; id: string }>(
      client,
      database,
      `INSERT INTO articles (id, content_hash, metadata, text, alive_from)
       SELECT r.id, r.content_hash, r.metadata, r.text, $2 FROM jsonb_to_recordset($1::jsonb) AS r(id text, content_hash text, metadata jsonb, text text)
       RETURNING row_id, id`,
      [JSON.stringify(batch), generation],
    );
    for (const row of rows) rowIds.set(row.id, row.row_id);
  }
  return rowIds;
}

async function insertChunks(client: PoolClient, database: DatabaseConfig, rows: ChunkRow[], dimensions: number, generation: number): Promise<void> {
  await query(
    client,
    database,
    `INSERT INTO chunks (article_row, article_id, start_offset, end_offset, text, sentences, terms, term_frequencies, term_count, dimensions, embedding, alive_from)
     SELECT r.article_row, r.article_id, r.start_offset, r.end_offset, r.text, r.sentences, r.terms, r.term_frequencies, r.term_count, $2, r.embedding::vector, $3
     FROM jsonb_to_recordset($1::jsonb) AS r(article_row bigint, article_id text, start_offset integer, end_offset integer, text text, sentences jsonb,
                                             terms text[], term_frequencies integer[], term_count integer, embedding text)`,
    [JSON.stringify(rows), dimensions, generation],
  );
}

/** Document frequencies and lengths over the generation's chunks, computed where the rows are. */
async function termStatistics(client: PoolClient, database: DatabaseConfig, generation: number): Promise<TermTable> {
  const [totals] = await query<{ documents: number; average: number }>(
    client,
    database,
    `SELECT count(*)::integer AS documents, coalesce(avg(term_count), 0)::float8 AS average FROM chunks WHERE ${visibleIn('$1', 'chunks')}`,
    [generation],
  );
  const rows = await query<{ term: string; frequency: number }>(
    client,
    database,
    `SELECT t.term, count(*)::integer AS frequency FROM chunks c CROSS JOIN LATERAL unnest(c.terms) AS t(term) WHERE ${visibleIn('$1', 'chunks', 'c')} GROUP BY t.term`,
    [generation],
  );
  // Sorted as JavaScript sorts strings, which the prefix search over terms relies on.
  rows.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return new TermTable({ documentCount: totals!.documents, averageLength: totals!.average, terms: rows.map((row) => row.term), documentFrequencies: rows.map((row) => row.frequency) });
}

async function databaseBytes(client: PoolClient, database: DatabaseConfig): Promise<number> {
  const [row] = await query<{ bytes: string }>(client, database, `SELECT (pg_total_relation_size('articles') + pg_total_relation_size('chunks'))::text AS bytes`);
  return Number(row!.bytes);
}

function generationName(): string {
  return `${new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-')}-${process.pid}`;
}

export async function ingestIntoDatabase(options: DatabaseIngestOptions): Promise<IngestSummary> {
  const { corpusDir, database, embedder } = options;
  const log = options.log ?? console.error;
  const clock = new StageClock(options.onProgress);
  const hnsw = { ...DEFAULT_HNSW, ...options.hnsw };
  const chunking = chunkingVersion(DEFAULT_CHUNKING);
  // Bulk statements and index builds may run long: no statement timeout for ingest.
  const pool = createPool(database, { statementTimeoutMs: 0, max: 1, applicationName: 'export-rules-qa ingest' });
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end();
    throw explainFailure(database, error);
  }
  let locked = false;
  try {
    await takeLock(client, database);
    locked = true;
    crashPoint('locked');
    await ensurePgvector(client, database);
    const migrated = await applyMigrations(client, database);
    if (migrated.length > 0) log(`Applied database migrations: ${migrated.join(', ')}.`);
    const current = await currentGeneration(client, database);
    const removed = await removeLeftovers(client, database, current);
    if (removed.length > 0) log(`Removed what earlier ingests left behind: ${removed.join(', ')}.`);
    crashPoint('leftovers-removed');

    const { articles, failures } = await readSortedCorpus(corpusDir, clock.progress);
    // The embedder is part of the hash, its vectors being part of the row; so is the index
    // format, which fixes how the row's terms were cut from the text.
    const hashes = new Map(articles.map((article) => [article.id, contentHash(article, `${chunking}\n${embedder.id}\nformat ${FORMAT_VERSION}`)]));
    const summaryBase = { articles: articles.length, failures };
    const finish = (rest: Omit<IngestSummary, 'articles' | 'failures' | 'seconds' | 'stageSeconds'>): IngestSummary => ({
      ...summaryBase,
      ...rest,
      seconds: clock.elapsedSeconds(),
      stageSeconds: clock.close(),
    });
    if (articles.length === 0) return finish({ chunks: 0, reusedArticles: 0, embeddedChunks: 0, published: false, indexBytes: 0 });

    const currentRows = current
      ? await query<{ row_id: string; id: string; content_hash: string }>(client, database, `SELECT row_id, id, content_hash FROM articles WHERE ${visibleIn('$1', 'articles')}`, [current.id])
      : [];
    const reusable = new Map(currentRows.filter((row) => hashes.get(row.id) === row.content_hash).map((row) => [row.id, row.row_id]));
    const sameSettings = current && current.embedder_id === embedder.id && current.chunking === chunking && current.hnsw_m === hnsw.m && current.hnsw_ef_construction === hnsw.efConstruction;
    if (current && sameSettings && reusable.size === articles.length && currentRows.length === articles.length) {
      return finish({ chunks: current.chunk_count, reusedArticles: articles.length, embeddedChunks: 0, published: false, generation: current.name, indexBytes: await databaseBytes(client, database) });
    }

    const [{ next }] = (await query<{ next: number }>(client, database, 'SELECT coalesce(max(id), 0) + 1 AS next FROM index_generations')) as [{ next: number }];
    const name = generationName();
    const dimensionsGuess = embedder.dimensions ?? current?.dimensions ?? 0;
    await query(
      client,
      database,
      `INSERT INTO index_generations (id, name, state, previous_id, embedder_id, dimensions, chunking, hnsw_m, hnsw_ef_construction) VALUES ($1, $2, 'building', $3, $4, $5, $6, $7, $8)`,
      [next, name, current?.id ?? null, embedder.id, Math.max(dimensionsGuess, 1), chunking, hnsw.m, hnsw.efConstruction],
    );
    // Articles of the current generation that the new one drops (or replaces) stay visible through the current one.
    const retired = currentRows.filter((row) => !reusable.has(row.id)).map((row) => row.row_id);
    if (current && retired.length > 0) {
      await query(client, database, 'INSERT INTO retired_articles (article_row, alive_until) SELECT unnest($1::bigint[]), $2', [retired, current.id]);
    }

    const pending = articles.filter((article) => !reusable.has(article.id));
    const rowIds = await insertArticles(client, database, pending, hashes, next);
    const pendingChunks = pending.flatMap((article) => chunkArticle(article));
    let dimensions = current?.embedder_id === embedder.id ? current.dimensions : undefined;
    const embeddedDimensions = await embedInBatches(embedder, pendingChunks.map((chunk) => chunk.text), clock.progress, async (vectors, offset) => {
      const size = vectors[0]?.length;
      if (dimensions !== undefined && size !== undefined && size !== dimensions) throw new Error(`The embedder returned vectors of ${size} and ${dimensions} dimensions.`);
      if (size !== undefined) dimensions = size;
      const rows = vectors.map((vector, i) => {
        const chunk = pendingChunks[offset + i]!;
        return chunkRow(rowIds.get(chunk.articleId)!, chunk, vector);
      });
      clock.progress('writing', offset, pendingChunks.length);
      await insertChunks(client, database, rows, dimensions!, next);
      clock.progress('embedding', offset + vectors.length, pendingChunks.length);
    });
    dimensions = embeddedDimensions ?? dimensions;
    if (!dimensions) throw new Error('The embedder returned no vectors.');
    crashPoint('rows-written');

    clock.progress('indexing', 0, 1);
    await ensureHnswIndex(client, database, dimensions, hnsw);
    crashPoint('hnsw-indexed');
    const statistics = await termStatistics(client, database, next);
    await query(
      client,
      database,
      `UPDATE index_generations SET dimensions = $2, term_statistics = $3, chunk_count = $4,
         article_count = (SELECT count(*) FROM articles WHERE ${visibleIn('$1', 'articles')}) WHERE id = $1`,
      [next, dimensions, statistics.serialize(), statistics.documentCount],
    );
    clock.progress('indexing', 1, 1);
    crashPoint('statistics-written');

    // The publish: one transaction switches the current generation and tells the query servers.
    await query(client, database, 'BEGIN');
    await query(client, database, `UPDATE index_generations SET state = 'published', published_at = now() WHERE id = $1`, [next]);
    await query(
      client,
      database,
      'INSERT INTO index_current (singleton, generation_id) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET generation_id = EXCLUDED.generation_id',
      [next],
    );
    await query(client, database, 'SELECT pg_notify($1, $2)', [GENERATION_CHANNEL, name]);
    await query(client, database, 'COMMIT');
    crashPoint('published');
    if (current) await pruneBefore(client, database, current.id);
    return finish({
      chunks: statistics.documentCount,
      reusedArticles: reusable.size,
      embeddedChunks: pendingChunks.length,
      published: true,
      generation: name,
      indexBytes: await databaseBytes(client, database),
    });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw explainFailure(database, error);
  } finally {
    // Closing the session releases the advisory lock too, but the server notices a closed
    // connection a moment later: an ingest that starts right after this one fails would still
    // find the lock taken.
    if (locked) await client.query('SELECT pg_advisory_unlock($1)', [INGEST_LOCK_KEY]).catch(() => undefined);
    client.release(true);
    await pool.end().catch(() => undefined);
  }
}
