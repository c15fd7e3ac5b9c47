// A published generation in PostgreSQL, searched by the database: dense hits from pgvector's HNSW
// index (exact scan on small generations, as the file backend does), BM25 over the stored terms
// with the generation's statistics, articles and chunks read when asked for. A query server loads
// only the generation row and its term statistics.
import pgvector from 'pgvector';
import { redactedDatabaseUrl, type DatabaseConfig } from '../../config.js';
import { articleMetadata } from '../../corpus/metadata.js';
import { IndexError } from '../../errors.js';
import type { Article, ArticleMetadata, Chunk } from '../../types.js';
import { EXACT_SEARCH_LIMIT } from '../file-index.js';
import { bm25Idf, BM25_B, BM25_K1, indexTerms } from '../lexical-index.js';
import { checkEmbedder, type ExpectedEmbedder } from '../load-index.js';
import { generationOrder, metadataWords, type ChunkHit, type ChunkWithArticle, type GenerationInfo, type SearchIndex } from '../search-index.js';
import { TermTable } from '../term-table.js';
import { DEFAULT_EF_SEARCH } from '../vector-index.js';
import { BoundedCache } from '../../util/bounded-cache.js';
import { describeDatabaseError, inTransaction, query, sharedPool, type Pool } from './database.js';
import { currentGeneration, termStatisticsOf, visibleIn, type GenerationRow } from './schema.js';

/**
 * bm25: the file backend's BM25 over the stored terms and the generation's statistics (the
 * default: it ranks as the file backend does). fulltext: PostgreSQL's own english text search
 * ranked by ts_rank_cd, kept to measure against it.
 */
export type LexicalRanking = 'bm25' | 'fulltext';

export interface PostgresIndexOptions {
  efSearch?: number;
  lexicalRanking?: LexicalRanking;
  /** exact: always scan every vector (the ground truth when measuring HNSW recall); auto: HNSW above EXACT_SEARCH_LIMIT chunks. */
  denseSearch?: 'auto' | 'exact';
}

interface ArticleRow {
  id: string;
  metadata: Omit<Article, 'id' | 'text'>;
  text: string;
}

interface HitRow {
  row_id: string;
  article_id: string;
  start_offset: number;
  score: number;
}

/** An article row with its row id, which stays the same for as long as the article's text does. */
interface StoredArticleRow extends ArticleRow {
  row_id: string;
}

function toArticle(row: ArticleRow): Article {
  return { id: row.id, ...row.metadata, text: row.text };
}

function toHit(row: HitRow): ChunkHit {
  return { key: Number(row.row_id), articleId: row.article_id, start: row.start_offset, score: Number(row.score) };
}

/**
 * Postings a keyword search scores at most once its rarest term is in: about 25 µs each on the
 * 2-core machine, so a question of common words costs tens of milliseconds, not a second.
 */
const BM25_CANDIDATE_BUDGET = 4000;

const CHUNK_COLUMNS = 'c.row_id, c.article_id, c.start_offset, c.end_offset, c.text, c.sentences';

interface ChunkRow {
  row_id: string;
  article_id: string;
  start_offset: number;
  end_offset: number;
  text: string;
  sentences: Chunk['sentences'];
}

function toChunk(row: ChunkRow): Chunk {
  return { articleId: row.article_id, ordinal: Number(row.row_id), start: row.start_offset, end: row.end_offset, text: row.text, sentences: row.sentences };
}

/**
 * Chunk and article objects by row id, shared by every generation a process serves (rows never
 * change). Besides saving reads, the same chunk comes back as the same object, which is what the
 * grounding layer's per-chunk analysis caches are keyed by: new objects on every question made
 * asking twice as slow.
 */
const chunkObjects = new BoundedCache<number, ChunkWithArticle>(20_000);
const articleObjects = new BoundedCache<string, Article>(5_000);

/** Articles a generation keeps by id: the ones its questions cite, far fewer than the corpus. */
const GENERATION_ARTICLE_CACHE = 2_000;

export class PostgresIndex implements SearchIndex {
  readonly backend = 'postgres';
  readonly generation: GenerationInfo;
  private readonly generationId: number;
  private readonly pool: Pool;
  private readonly database: DatabaseConfig;
  private readonly efSearch: number;
  private readonly lexicalRanking: LexicalRanking;
  private readonly exact: boolean;
  /**
   * This generation's articles by id (they never change within it), the same objects its chunks
   * carry: every question's citation check and every fact-check audit reads the cited articles,
   * and the audit's text hashes are cached per article object.
   */
  private readonly articles = new BoundedCache<string, Article>(GENERATION_ARTICLE_CACHE);

  constructor(
    pool: Pool,
    database: DatabaseConfig,
    row: GenerationRow,
    readonly termStatistics: TermTable,
    readonly metadataWords: ReadonlySet<string>,
    options: PostgresIndexOptions = {},
  ) {
    this.pool = pool;
    this.database = database;
    this.generationId = row.id;
    this.generation = {
      name: row.name,
      createdAt: row.created_at.toISOString(),
      embedder: { id: row.embedder_id, dimensions: row.dimensions },
      counts: { articles: row.article_count, chunks: row.chunk_count },
    };
    this.efSearch = options.efSearch ?? database.hnswEfSearch;
    this.lexicalRanking = options.lexicalRanking ?? 'bm25';
    this.exact = options.denseSearch === 'exact' || this.generation.counts.chunks <= EXACT_SEARCH_LIMIT;
  }

  async denseSearch(vector: readonly number[], k: number): Promise<ChunkHit[]> {
    if (k <= 0) return [];
    const dimensions = Number(this.generation.embedder.dimensions);
    const literal = pgvector.toSql(Array.from(vector));
    if (this.exact) {
      // An expression the HNSW index does not cover: a scan, exact like the file backend's.
      const rows = await query<HitRow>(
        this.pool,
        this.database,
        `SELECT row_id, article_id, start_offset, 1 - (embedding <=> $1::vector) AS score FROM chunks
         WHERE dimensions = ${dimensions} AND ${visibleIn('$2', 'chunks')} ORDER BY embedding <=> $1::vector, article_id, start_offset LIMIT $3`,
        [literal, this.generationId, k],
      );
      return rows.map(toHit);
    }
    // ef below k would return fewer than k; iterative scanning (a session setting, see
    // hnswSessionOptions) keeps going when rows of other generations are filtered out. Relaxed
    // order may swap near neighbours: sorted again below.
    const ef = Math.max(this.efSearch, k);
    const sql = `SELECT row_id, article_id, start_offset, 1 - (embedding::vector(${dimensions}) <=> $1::vector(${dimensions})) AS score FROM chunks
       WHERE dimensions = ${dimensions} AND ${visibleIn('$2', 'chunks')} ORDER BY embedding::vector(${dimensions}) <=> $1::vector(${dimensions}) LIMIT $3`;
    const values = [literal, this.generationId, k];
    // The session's ef serves every request (k is at most 20); another one (a bench sweeping ef,
    // a k above HNSW_EF_SEARCH) is set for one transaction.
    const rows =
      ef === this.database.hnswEfSearch
        ? await query<HitRow>(this.pool, this.database, sql, values)
        : await inTransaction(this.pool, this.database, async (client) => (await client.query<HitRow>(sql, values)).rows, `SET LOCAL hnsw.ef_search = ${Number(ef)}`);
    return rows.map(toHit).sort((a, b) => b.score - a.score || generationOrder(a, b));
  }

  async lexicalSearch(text: string, k: number): Promise<ChunkHit[]> {
    if (k <= 0 || this.termStatistics.documentCount === 0) return [];
    return this.lexicalRanking === 'fulltext' ? this.fullTextSearch(text, k) : this.bm25Search(text, k);
  }

  /**
   * BM25 top k without scoring every chunk a common word touches ("new" is in half of a large
   * corpus): candidates are the chunks holding the rarest query terms, scored on all of them. A
   * chunk holding none of those terms scores below the sum of the other terms' upper bounds (idf
   * times k1 + 1); once the k-th candidate scores at least that, no other chunk can enter the top
   * k, and the result is exact. Otherwise the next rarest term joins, until the candidates would
   * exceed BM25_CANDIDATE_BUDGET postings: a question made only of common words is then ranked
   * among the chunks holding its rarer words (measured against the file backend in the README).
   * Every term that fits the budget is essential from the first query: adding them one round trip
   * at a time ends with the same candidates, or stops earlier with the same exact top k.
   */
  private async bm25Search(text: string, k: number): Promise<ChunkHit[]> {
    const statistics = this.termStatistics;
    const terms = [...new Set(indexTerms(text))]
      .filter((term) => statistics.termFrequency(term) > 0)
      .sort((a, b) => statistics.termFrequency(a) - statistics.termFrequency(b) || (a < b ? -1 : 1));
    if (terms.length === 0) return [];
    const idfs = terms.map((term) => bm25Idf(statistics.documentCount, statistics.termFrequency(term)));
    const bounds = idfs.map((idf) => idf * (BM25_K1 + 1));
    let essential = 1;
    let postings = statistics.termFrequency(terms[0]!);
    while (essential < terms.length && postings + statistics.termFrequency(terms[essential]!) <= BM25_CANDIDATE_BUDGET) {
      postings += statistics.termFrequency(terms[essential++]!);
    }
    for (; ; essential++) {
      const rows = await this.bm25Candidates(terms, idfs, terms.slice(0, essential), k);
      const othersBound = bounds.slice(essential).reduce((sum, bound) => sum + bound, 0);
      if (essential === terms.length || (rows.length === k && othersBound <= Number(rows[k - 1]!.score))) return rows.map(toHit);
      postings += statistics.termFrequency(terms[essential]!);
      if (postings > BM25_CANDIDATE_BUDGET && rows.length > 0) return rows.map(toHit);
    }
  }

  /** BM25 over all query terms of the chunks that hold one of the `essential` terms. */
  private bm25Candidates(terms: string[], idfs: number[], essential: string[], k: number): Promise<HitRow[]> {
    return query<HitRow>(
      this.pool,
      this.database,
      `WITH wanted(term, idf) AS (SELECT * FROM unnest($1::text[], $2::float8[]))
       SELECT c.row_id, c.article_id, c.start_offset,
              sum(w.idf * t.tf * ${BM25_K1 + 1} / (t.tf + ${BM25_K1} * (1 - ${BM25_B} + ${BM25_B} * c.term_count / $3::float8))) AS score
       FROM chunks c
       CROSS JOIN LATERAL unnest(c.terms, c.term_frequencies) AS t(term, tf)
       JOIN wanted w ON w.term = t.term
       WHERE c.terms && $6::text[] AND ${visibleIn('$4', 'chunks', 'c')}
       GROUP BY c.row_id
       ORDER BY score DESC, c.article_id, c.start_offset
       LIMIT $5`,
      [terms, idfs, this.termStatistics.averageLength || 1, this.generationId, k, essential],
    );
  }

  private async fullTextSearch(text: string, k: number): Promise<ChunkHit[]> {
    // Any of the words, as BM25 does; PostgreSQL stems them and drops its stop words.
    const words = [...new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? [])];
    if (words.length === 0) return [];
    const rows = await query<HitRow>(
      this.pool,
      this.database,
      `WITH q AS (SELECT to_tsquery('english', $1) AS query)
       SELECT c.row_id, c.article_id, c.start_offset, ts_rank_cd(c.tsv, q.query) AS score
       FROM chunks c, q WHERE c.tsv @@ q.query AND ${visibleIn('$2', 'chunks', 'c')}
       ORDER BY score DESC, c.article_id, c.start_offset LIMIT $3`,
      [words.join(' | '), this.generationId, k],
    );
    return rows.map(toHit);
  }

  async chunksByKey(keys: readonly number[]): Promise<ChunkWithArticle[]> {
    // The result is built from what this call found and read, never by looking in the shared
    // caches again after a query: a concurrent request may have evicted a key meanwhile, and a
    // dropped chunk would shift every later score against its passage.
    const found = new Map<number, ChunkWithArticle>();
    const missing: number[] = [];
    for (const key of keys) {
      const cached = chunkObjects.get(key);
      if (cached) found.set(key, cached);
      else missing.push(key);
    }
    if (missing.length > 0) {
      const rows = await query<ChunkRow & { article_row: string }>(
        this.pool,
        this.database,
        `SELECT ${CHUNK_COLUMNS}, c.article_row FROM chunks c WHERE c.row_id = ANY($1::bigint[])`,
        [missing],
      );
      const articles = await this.articlesOfChunks(rows);
      for (const row of rows) {
        const entry = { chunk: toChunk(row), article: articles.get(row.article_id)! };
        chunkObjects.set(Number(row.row_id), entry);
        found.set(Number(row.row_id), entry);
      }
    }
    return keys.flatMap((key) => found.get(key) ?? []);
  }

  /** The articles of these chunk rows: the cached ones, and the others read once each. */
  private async articlesOfChunks(rows: readonly { article_id: string; article_row: string }[]): Promise<Map<string, Article>> {
    const found = new Map<string, Article>();
    const missingRows = new Set<string>();
    for (const row of rows) {
      const cached = this.articles.get(row.article_id);
      if (cached) found.set(row.article_id, cached);
      else missingRows.add(row.article_row);
    }
    if (missingRows.size > 0) {
      const articleRows = await query<StoredArticleRow>(this.pool, this.database, 'SELECT row_id, id, metadata, text FROM articles WHERE row_id = ANY($1::bigint[])', [[...missingRows]]);
      for (const row of articleRows) found.set(row.id, this.remember(row));
    }
    return found;
  }

  /** The one object for this article row, kept by id for this generation. */
  private remember(row: StoredArticleRow): Article {
    const article = articleObjects.getOrCompute(row.row_id, () => toArticle(row));
    this.articles.set(row.id, article);
    return article;
  }

  async article(id: string): Promise<Article | undefined> {
    return (await this.articlesById([id])).get(id);
  }

  async articlesById(ids: Iterable<string>): Promise<Map<string, Article>> {
    const found = new Map<string, Article>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.articles.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await query<StoredArticleRow>(
        this.pool,
        this.database,
        `SELECT row_id, id, metadata, text FROM articles WHERE id = ANY($1::text[]) AND ${visibleIn('$2', 'articles')}`,
        [missing, this.generationId],
      );
      for (const row of rows) found.set(row.id, this.remember(row));
    }
    return found;
  }

  async listArticles(): Promise<ArticleMetadata[]> {
    const rows = await query<ArticleRow>(this.pool, this.database, `SELECT id, metadata, '' AS text FROM articles WHERE ${visibleIn('$1', 'articles')} ORDER BY id`, [this.generationId]);
    return rows.map((row) => articleMetadata(toArticle(row)));
  }

  async snapshot(): Promise<{ articles: Map<string, Article>; chunks: Chunk[] }> {
    const articleRows = await query<ArticleRow>(this.pool, this.database, `SELECT id, metadata, text FROM articles WHERE ${visibleIn('$1', 'articles')} ORDER BY id`, [this.generationId]);
    const chunkRows = await query<ChunkRow>(this.pool, this.database, `SELECT ${CHUNK_COLUMNS} FROM chunks c WHERE ${visibleIn('$1', 'chunks', 'c')} ORDER BY c.article_id, c.start_offset`, [
      this.generationId,
    ]);
    return { articles: new Map(articleRows.map((row) => [row.id, toArticle(row)])), chunks: chunkRows.map(toChunk) };
  }

  async health(): Promise<{ ok: true } | { ok: false; problem: string }> {
    try {
      await this.pool.query('SELECT 1');
      return { ok: true };
    } catch (error) {
      return { ok: false, problem: describeDatabaseError(this.database, error, this.pool) };
    }
  }
}

/** The current generation, checked against the configured embedder; loads its term statistics. */
export async function openPostgresIndex(database: DatabaseConfig, expected: ExpectedEmbedder, options: PostgresIndexOptions = {}): Promise<PostgresIndex> {
  const pool = sharedPool(database);
  const where = redactedDatabaseUrl(database.url);
  const row = await currentGeneration(pool, database);
  if (!row) throw new IndexError('index_missing', where, `The index database ${where} holds no published index; run \`npm run ingest\` with INDEX_BACKEND=postgres to build it.`);
  checkEmbedder(where, { id: row.embedder_id, dimensions: row.dimensions }, expected);
  const bytes = await termStatisticsOf(pool, database, row.id);
  if (!bytes) throw new IndexError('index_damaged', where, `Index generation ${row.name} in ${where} has no term statistics; run \`npm run ingest\` to rebuild it.`);
  const metadata = await query<{ published: string | null; publisher: string | null }>(
    pool,
    database,
    `SELECT DISTINCT metadata->>'published' AS published, metadata->>'publisher' AS publisher FROM articles WHERE ${visibleIn('$1', 'articles')}`,
    [row.id],
  );
  const articles = metadata.map((entry) => ({ published: entry.published ?? undefined, publisher: entry.publisher ?? undefined }));
  return new PostgresIndex(pool, database, row, TermTable.deserialize(bytes), metadataWords(articles), options);
}
