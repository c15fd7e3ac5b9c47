// What retrieval, the answerers and the fact-checker ask of a published index generation, whichever
// backend stores it: the generation directory loaded into memory, or PostgreSQL with pgvector.
import type { Article, ArticleMetadata, Chunk } from '../types.js';

export type IndexBackendKind = 'file' | 'postgres';

export interface GenerationInfo {
  /** The generation's identity: the directory name, or the name in the generations table. */
  name: string;
  createdAt: string;
  embedder: { id: string; dimensions: number };
  counts: { articles: number; chunks: number };
}

/**
 * A chunk found by one search. `key` tells chunks of the generation apart when dense and lexical
 * hits are fused; `articleId` and `start` order equal scores the same way in every backend (the
 * order chunks have in the generation: by article id, then by position in the article).
 */
export interface ChunkHit {
  key: number;
  articleId: string;
  start: number;
  score: number;
}

/** Compares hits of equal score in generation order. */
export function generationOrder(a: Pick<ChunkHit, 'articleId' | 'start'>, b: Pick<ChunkHit, 'articleId' | 'start'>): number {
  return a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start;
}

/** Which words the corpus uses and how often: BM25's statistics, also what tells the grounding layer how informative a word is. */
export interface TermStatistics {
  /** Chunks in the generation. */
  readonly documentCount: number;
  /** How many chunks contain the word (after stemming). */
  documentFrequency(word: string): number;
  /** Whether an indexed term is the word or a short extension of it (america -> american). */
  hasTermFamily(word: string): boolean;
  /** The indexed terms (stems), sorted. */
  terms(): readonly string[];
}

/**
 * Words a question may use for an article rather than for what it says: its publication year
 * ("the 2026 decision") and its publisher's name ("the Kyodo story"). They are not unknown terms.
 */
export function metadataWords(articles: Iterable<Pick<ArticleMetadata, 'published' | 'publisher'>>): Set<string> {
  const words = new Set<string>();
  for (const article of articles) {
    if (article.published) words.add(article.published.slice(0, 4));
    for (const word of (article.publisher ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) words.add(word);
  }
  return words;
}

export interface ChunkWithArticle {
  chunk: Chunk;
  article: Article;
}

export interface SearchIndex {
  readonly backend: IndexBackendKind;
  readonly generation: GenerationInfo;
  readonly termStatistics: TermStatistics;
  /** Words the articles carry outside their text (see metadataWords). */
  readonly metadataWords: ReadonlySet<string>;
  /** Nearest chunks by cosine similarity (`score`), best first. */
  denseSearch(vector: readonly number[], k: number): Promise<ChunkHit[]>;
  /** Best BM25 chunks for the text, best first. */
  lexicalSearch(text: string, k: number): Promise<ChunkHit[]>;
  /** The chunks behind hit keys, with their articles, in the order asked. */
  chunksByKey(keys: readonly number[]): Promise<ChunkWithArticle[]>;
  article(id: string): Promise<Article | undefined>;
  /** The articles with these ids that the generation holds. */
  articlesById(ids: Iterable<string>): Promise<Map<string, Article>>;
  /** Every article's metadata, ordered by id. */
  listArticles(): Promise<ArticleMetadata[]>;
  /** Every article and chunk of the generation, in generation order: for evaluation and tests, heavy on a large corpus. */
  snapshot(): Promise<{ articles: Map<string, Article>; chunks: Chunk[] }>;
  /** Whether the store can answer now; a message saying what is wrong when it cannot. */
  health(): Promise<{ ok: true } | { ok: false; problem: string }>;
}
