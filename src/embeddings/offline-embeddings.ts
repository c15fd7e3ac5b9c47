// The offline default embedder: SIF-weighted averages of GloVe word vectors. No network, no
// model download, deterministic. Words GloVe does not know (names such as "Mogami") get a
// stable pseudo-random vector so identical rare words still match each other.
import { Embeddings } from '@langchain/core/embeddings';
import { tokenize } from '../text/tokens.js';
import { loadWordVectors, type WordVectors } from './word-vectors.js';
import { BoundedCache } from '../util/bounded-cache.js';

/** SIF smoothing constant (Arora et al. 2017): frequent words weigh a/(a + p(w)). */
const SIF_A = 1e-3;
const COMMON_COMPONENT_WORDS = 20_000;

export const OFFLINE_EMBEDDER_ID = 'offline-glove-sif-v2';

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A deterministic unit-scale vector for an out-of-vocabulary word, written into `vector`. */
function hashedVector(word: string, vector: Float32Array, scale: number): Float32Array {
  const dimensions = vector.length;
  let state = fnv1a(word) || 1;
  for (let d = 0; d < dimensions; d++) {
    // xorshift32: cheap, deterministic, good enough to make unrelated words near-orthogonal.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    vector[d] = ((state / 0xffffffff) * 2 - 1) * scale;
  }
  return vector;
}

export class OfflineEmbeddings extends Embeddings {
  readonly id = OFFLINE_EMBEDDER_ID;
  private readonly cacheDir: string;
  private readonly recentQueries = new BoundedCache<string, number[]>(256);
  private model?: { words: WordVectors; commonComponent: Float32Array; harmonic: number; oovScale: number; scratch: { sum: Float64Array; word: Float32Array<ArrayBuffer> } };

  constructor(options: { cacheDir: string }) {
    super({});
    this.cacheDir = options.cacheDir;
  }

  get dimensions(): number {
    return 100;
  }

  private async load() {
    if (this.model) return this.model;
    const words = await loadWordVectors(this.cacheDir);
    // The vectors of frequent words share a common direction; removing it spreads sentence
    // vectors apart (the "common component removal" step of SIF, estimated from the vocabulary).
    const commonComponent = new Float32Array(words.dimensions);
    let typicalNorm = 0;
    const vector = new Float32Array(words.dimensions);
    for (let rank = 0; rank < Math.min(COMMON_COMPONENT_WORDS, words.size); rank++) {
      words.vectorAtRank(rank, vector);
      let norm = 0;
      for (let d = 0; d < vector.length; d++) {
        commonComponent[d]! += vector[d]! / COMMON_COMPONENT_WORDS;
        norm += vector[d]! * vector[d]!;
      }
      typicalNorm += Math.sqrt(norm) / COMMON_COMPONENT_WORDS;
    }
    // Zipf's law estimate of word probability from frequency rank: p(r) = 1 / ((r + 1) * H_N).
    const harmonic = Math.log(words.size) + 0.5772;
    // Embedding is synchronous, so one set of buffers serves every call: a typed array of this
    // size lives outside the JavaScript heap, and allocating one costs more than filling it.
    const scratch = { sum: new Float64Array(words.dimensions), word: new Float32Array(words.dimensions) };
    this.model = { words, commonComponent, harmonic, oovScale: typicalNorm / Math.sqrt(words.dimensions / 3), scratch };
    return this.model;
  }

  private embedText(model: NonNullable<OfflineEmbeddings['model']>, text: string): number[] {
    const { words, commonComponent, harmonic, oovScale } = model;
    const sum = model.scratch.sum.fill(0);
    // Each word's vector is written here in turn.
    const wordVector = model.scratch.word;
    let weightTotal = 0;
    for (const { word } of tokenize(text)) {
      const wordRank = words.rank(word);
      const parts = wordRank === undefined && word.includes('-') ? word.split('-') : [word];
      for (const part of parts) {
        const rank = part === word ? wordRank : words.rank(part);
        const probability = rank === undefined ? 0 : 1 / ((rank + 1) * harmonic);
        const weight = SIF_A / (SIF_A + probability);
        const vector = rank === undefined ? hashedVector(part, wordVector, oovScale) : words.vectorAtRank(rank, wordVector);
        const centre = rank === undefined ? 0 : 1;
        for (let d = 0; d < sum.length; d++) sum[d]! += weight * (vector[d]! - centre * commonComponent[d]!);
        weightTotal += weight;
      }
    }
    let norm = 0;
    for (let d = 0; d < sum.length; d++) norm += sum[d]! * sum[d]!;
    norm = Math.sqrt(norm);
    if (weightTotal === 0 || norm === 0) {
      // Text without words still needs a valid unit vector for cosine search.
      return Array.from({ length: sum.length }, (_, d) => (d === 0 ? 1 : 0));
    }
    // A loop rather than Array.from(sum, ...), which goes through the typed array's iterator.
    const unit = new Array<number>(sum.length);
    for (let d = 0; d < sum.length; d++) unit[d] = sum[d]! / norm;
    return unit;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const model = await this.load();
    return documents.map((text) => this.embedText(model, text));
  }

  async embedQuery(document: string): Promise<number[]> {
    const model = await this.load();
    // Retrieval and answering both embed the question; the second time is free.
    return this.recentQueries.getOrCompute(document, () => this.embedText(model, document));
  }

  /** Word-level similarity, used by the answerer to accept synonyms such as warplanes/jets. */
  async wordVectors(): Promise<WordVectors> {
    return (await this.load()).words;
  }
}
