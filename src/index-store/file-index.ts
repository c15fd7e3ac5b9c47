// The file backend's loaded generation: everything in memory, searched in process. Hit keys are
// chunk ordinals, which already run in generation order.
import { basename } from 'node:path';
import type { Article, ArticleMetadata, Chunk } from '../types.js';
import { articleMetadata } from '../corpus/metadata.js';
import type { Manifest } from './index-files.js';
import type { LexicalIndex } from './lexical-index.js';
import { metadataWords, type ChunkHit, type ChunkWithArticle, type GenerationInfo, type SearchIndex } from './search-index.js';
import { ExactVectorIndex, type VectorIndex, type VectorSearch } from './vector-index.js';

/** Below this many chunks a scan is cheaper than the graph, and exact. */
export const EXACT_SEARCH_LIMIT = 2000;

export interface FileIndexParts {
  /** The generation's directory; its name is the generation's identity. */
  directory: string;
  manifest: Manifest;
  articles: Map<string, Article>;
  chunks: Chunk[];
  vectors: Float32Array;
  vectorIndex: VectorIndex;
  lexicalIndex: LexicalIndex;
}

export class FileIndex implements SearchIndex {
  readonly backend = 'file';
  readonly directory: string;
  readonly manifest: Manifest;
  readonly articles: Map<string, Article>;
  readonly chunks: Chunk[];
  /**
   * The chunk vectors, kept where they are searched exactly (up to EXACT_SEARCH_LIMIT chunks).
   * Above that the graph holds its own copy, and a second would cost 32 MB at 10,005 articles.
   */
  readonly vectors?: Float32Array;
  readonly vectorIndex: VectorIndex;
  readonly lexicalIndex: LexicalIndex;
  readonly generation: GenerationInfo;
  readonly metadataWords: ReadonlySet<string>;
  private readonly dense: VectorSearch;

  constructor(parts: FileIndexParts) {
    this.directory = parts.directory;
    this.manifest = parts.manifest;
    this.articles = parts.articles;
    this.chunks = parts.chunks;
    this.vectorIndex = parts.vectorIndex;
    this.lexicalIndex = parts.lexicalIndex;
    const { createdAt, embedder, counts } = parts.manifest;
    // The directory, not the manifest's own field, names the generation: the field is data it carries.
    this.generation = { name: basename(parts.directory), createdAt, embedder, counts };
    this.metadataWords = metadataWords(parts.articles.values());
    if (parts.chunks.length <= EXACT_SEARCH_LIMIT) {
      this.vectors = parts.vectors;
      this.dense = new ExactVectorIndex(parts.vectors, embedder.dimensions);
    } else {
      this.dense = parts.vectorIndex;
    }
  }

  get termStatistics(): LexicalIndex {
    return this.lexicalIndex;
  }

  private hit(ordinal: number, score: number): ChunkHit {
    const chunk = this.chunks[ordinal]!;
    return { key: ordinal, articleId: chunk.articleId, start: chunk.start, score };
  }

  async denseSearch(vector: readonly number[], k: number): Promise<ChunkHit[]> {
    return this.dense.search(vector, k).map((hit) => this.hit(hit.ordinal, hit.similarity));
  }

  async lexicalSearch(text: string, k: number): Promise<ChunkHit[]> {
    return this.lexicalIndex.search(text, k).map((hit) => this.hit(hit.ordinal, hit.score));
  }

  async chunksByKey(keys: readonly number[]): Promise<ChunkWithArticle[]> {
    return keys.map((ordinal) => {
      const chunk = this.chunks[ordinal]!;
      return { chunk, article: this.articles.get(chunk.articleId)! };
    });
  }

  async article(id: string): Promise<Article | undefined> {
    return this.articles.get(id);
  }

  async articlesById(ids: Iterable<string>): Promise<Map<string, Article>> {
    const found = new Map<string, Article>();
    for (const id of ids) {
      const article = this.articles.get(id);
      if (article) found.set(id, article);
    }
    return found;
  }

  async listArticles(): Promise<ArticleMetadata[]> {
    return [...this.articles.values()].map(articleMetadata);
  }

  async snapshot(): Promise<{ articles: Map<string, Article>; chunks: Chunk[] }> {
    return { articles: this.articles, chunks: this.chunks };
  }

  async health(): Promise<{ ok: true }> {
    return { ok: true };
  }
}
