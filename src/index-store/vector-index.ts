// Approximate nearest-neighbour search over chunk vectors (hnswlib, cosine space). Labels are
// chunk ordinals in the index, so results map straight back to chunks.
import hnswlib from 'hnswlib-node';
import { TopK } from '../util/top-k.js';

const { HierarchicalNSW } = hnswlib;

export interface VectorHit {
  ordinal: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

/** How the graph is built; recorded in the manifest because changing them needs a rebuild. */
export interface HnswParameters {
  /** Graph degree; 16 is the usual balance of memory and recall. */
  m: number;
  /** Build breadth; above 100 it costs build time without raising recall (measured at 80k chunks). */
  efConstruction: number;
}

export const DEFAULT_HNSW: HnswParameters = { m: 16, efConstruction: 100 };

/** Search breadth, a setting of the reader: hnswlib's default of 10 loses a third of true neighbours. */
export const DEFAULT_EF_SEARCH = 128;

export class VectorIndex implements VectorSearch {
  readonly dimensions: number;
  private readonly index: InstanceType<typeof HierarchicalNSW>;
  private efSearch: number;

  private constructor(index: InstanceType<typeof HierarchicalNSW>, dimensions: number, efSearch: number) {
    this.index = index;
    this.dimensions = dimensions;
    this.efSearch = efSearch;
    index.setEf(efSearch);
  }

  static build(vectors: Float32Array, dimensions: number, parameters: HnswParameters = DEFAULT_HNSW): VectorIndex {
    const count = vectors.length / dimensions;
    const index = new HierarchicalNSW('cosine', dimensions);
    index.initIndex({ maxElements: Math.max(count, 1), m: parameters.m, efConstruction: parameters.efConstruction, randomSeed: 100 });
    for (let ordinal = 0; ordinal < count; ordinal++) {
      index.addPoint(Array.from(vectors.subarray(ordinal * dimensions, (ordinal + 1) * dimensions)), ordinal);
    }
    return new VectorIndex(index, dimensions, DEFAULT_EF_SEARCH);
  }

  static read(path: string, dimensions: number, efSearch = DEFAULT_EF_SEARCH): VectorIndex {
    const index = new HierarchicalNSW('cosine', dimensions);
    index.readIndexSync(path);
    return new VectorIndex(index, dimensions, efSearch);
  }

  write(path: string): void {
    this.index.writeIndexSync(path);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  setEf(efSearch: number): void {
    this.efSearch = efSearch;
    this.index.setEf(efSearch);
  }

  search(query: ArrayLike<number>, k: number): VectorHit[] {
    const count = Math.min(k, this.size);
    if (count === 0) return [];
    // hnswlib needs ef >= k to return k results.
    if (count > this.efSearch) this.index.setEf(count);
    const result = this.index.searchKnn(Array.from(query), count);
    if (count > this.efSearch) this.index.setEf(this.efSearch);
    return result.neighbors.map((ordinal, i) => ({ ordinal, similarity: 1 - result.distances[i]! }));
  }
}

/** The one operation retrieval needs from a vector index. */
export interface VectorSearch {
  search(query: ArrayLike<number>, k: number): VectorHit[];
}

/**
 * Exact cosine search by scanning every vector: cheaper than the graph for small indexes, and
 * the ground truth for measuring HNSW recall.
 */
export class ExactVectorIndex implements VectorSearch {
  private readonly vectors: Float32Array;
  private readonly dimensions: number;
  private readonly norms: Float32Array;

  constructor(vectors: Float32Array, dimensions: number) {
    this.vectors = vectors;
    this.dimensions = dimensions;
    this.norms = new Float32Array(vectors.length / dimensions);
    for (let ordinal = 0; ordinal < this.norms.length; ordinal++) {
      let sum = 0;
      for (let d = ordinal * dimensions; d < (ordinal + 1) * dimensions; d++) sum += vectors[d]! * vectors[d]!;
      this.norms[ordinal] = Math.sqrt(sum) || 1;
    }
  }

  search(query: ArrayLike<number>, k: number): VectorHit[] {
    const { vectors, dimensions, norms } = this;
    let queryNorm = 0;
    for (let d = 0; d < dimensions; d++) queryNorm += query[d]! * query[d]!;
    queryNorm = Math.sqrt(queryNorm) || 1;
    const best = new TopK<{ ordinal: number; score: number }>(k, (a, b) => a.ordinal - b.ordinal);
    for (let ordinal = 0; ordinal < norms.length; ordinal++) {
      let dot = 0;
      for (let d = 0, offset = ordinal * dimensions; d < dimensions; d++) dot += vectors[offset + d]! * query[d]!;
      const score = dot / (norms[ordinal]! * queryNorm);
      if (best.admits(score)) best.add({ ordinal, score });
    }
    return best.items.map(({ ordinal, score }) => ({ ordinal, similarity: score }));
  }
}
