// Hybrid retrieval: dense (HNSW) and BM25 candidates fused with reciprocal rank fusion, then
// diversified so a question several articles touch gets passages from several articles.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { StoredIndex } from '../index-store/load-index.js';
import type { Passage } from '../types.js';
import { ExactVectorIndex, type VectorSearch } from './vector-index.js';

export interface RetrievalOptions {
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  /** RRF constant: larger values flatten the advantage of top ranks. */
  rrfK: number;
  denseWeight: number;
  lexicalWeight: number;
  /** Passages allowed from one article before other articles get their turn. */
  perArticle: number;
}

const EXACT_SEARCH_LIMIT = 2000;

export const DEFAULT_RETRIEVAL: RetrievalOptions = { candidates: 40, rrfK: 60, denseWeight: 1, lexicalWeight: 1, perArticle: 3 };

export interface Retriever {
  /** Several queries (a follow-up and its context) are searched together and fused. */
  retrieve(queries: string | readonly string[], k: number): Promise<Passage[]>;
}

export class HybridRetriever implements Retriever {
  private readonly index: StoredIndex;
  private readonly embeddings: EmbeddingsInterface;
  private readonly options: RetrievalOptions;
  private readonly dense: VectorSearch;

  constructor(index: StoredIndex, embeddings: EmbeddingsInterface, options: Partial<RetrievalOptions> = {}) {
    this.index = index;
    this.embeddings = embeddings;
    this.options = { ...DEFAULT_RETRIEVAL, ...options };
    // Below a few thousand chunks a scan is cheaper than the graph, and exact.
    this.dense = index.chunks.length <= EXACT_SEARCH_LIMIT ? new ExactVectorIndex(index.vectors, index.manifest.embedder.dimensions) : index.vectorIndex;
  }

  async retrieve(queries: string | readonly string[], k: number): Promise<Passage[]> {
    const { candidates, rrfK, denseWeight, lexicalWeight } = this.options;
    const texts = typeof queries === 'string' ? [queries] : queries;
    const vectors = await Promise.all(texts.map((text) => this.embeddings.embedQuery(text)));
    const fused = new Map<number, number>();
    const add = (ordinal: number, rank: number, weight: number) => fused.set(ordinal, (fused.get(ordinal) ?? 0) + weight / (rrfK + rank + 1));
    texts.forEach((text, i) => {
      this.dense.search(vectors[i]!, candidates).forEach((hit, rank) => add(hit.ordinal, rank, denseWeight));
      this.index.lexicalIndex.search(text, candidates).forEach((hit, rank) => add(hit.ordinal, rank, lexicalWeight));
    });
    const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return this.diversify(ranked, k).map(([ordinal, score]) => {
      const chunk = this.index.chunks[ordinal]!;
      return { chunk, article: this.index.articles.get(chunk.articleId)!, text: chunk.text, score };
    });
  }

  /** Takes at most `perArticle` passages per article in a first pass, then fills up in rank order. */
  private diversify(ranked: [number, number][], k: number): [number, number][] {
    const chosen: [number, number][] = [];
    const perArticle = new Map<string, number>();
    const deferred: [number, number][] = [];
    for (const entry of ranked) {
      if (chosen.length >= k) break;
      const articleId = this.index.chunks[entry[0]]!.articleId;
      const count = perArticle.get(articleId) ?? 0;
      if (count >= this.options.perArticle) deferred.push(entry);
      else {
        chosen.push(entry);
        perArticle.set(articleId, count + 1);
      }
    }
    for (const entry of deferred) {
      if (chosen.length >= k) break;
      chosen.push(entry);
    }
    return chosen;
  }
}
