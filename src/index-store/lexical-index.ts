// BM25 keyword search over chunks with a compact inverted index (typed arrays), stored as one
// binary file. Uses the same tokens and stems as the rest of the pipeline.
import { STOP_WORDS, stem, tokenize } from '../text/tokens.js';
import { TopK } from '../util/top-k.js';
import type { TermStatistics } from './search-index.js';
import { hasTermFamily } from './term-table.js';

export interface LexicalDocument {
  /** Chunk ordinal in the index. */
  id: number;
  text: string;
}

export interface LexicalHit {
  ordinal: number;
  score: number;
}

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
const FORMAT = 'bm25-v1';

/** The index terms of a text: stemmed content words. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const { word } of tokenize(text)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

/** BM25's inverse document frequency of a term in `documentFrequency` of `documentCount` documents. */
export function bm25Idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

interface Header {
  format: string;
  documentCount: number;
  averageLength: number;
  terms: string[];
  /** Start of each term's postings; one extra entry closes the last term. */
  offsets: number[];
}

export class LexicalIndex implements TermStatistics {
  private readonly termIndex: Map<string, number>;
  private readonly sortedTerms: string[];
  private readonly offsets: Int32Array;
  private readonly documents: Int32Array;
  private readonly frequencies: Float32Array;
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  // Scratch space for search, reused: a common word touches most chunks, and arrays of that size
  // allocated per query would be garbage that only a full collection frees.
  private scores?: Float32Array;
  private touched?: Int32Array;

  private constructor(header: Header, documents: Int32Array, frequencies: Float32Array, lengths: Float32Array) {
    this.termIndex = new Map(header.terms.map((term, i) => [term, i]));
    this.sortedTerms = header.terms;
    this.offsets = Int32Array.from(header.offsets);
    this.documents = documents;
    this.frequencies = frequencies;
    this.lengths = lengths;
    this.averageLength = header.averageLength;
  }

  static build(documents: readonly LexicalDocument[]): LexicalIndex {
    const postings = new Map<string, [number, number][]>();
    const lengths = new Float32Array(documents.reduce((max, document) => Math.max(max, document.id + 1), 0));
    for (const document of documents) {
      const terms = indexTerms(document.text);
      lengths[document.id] = terms.length;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        list.push([document.id, count]);
      }
    }
    const terms = [...postings.keys()].sort();
    const offsets = [0];
    const total = terms.reduce((sum, term) => sum + postings.get(term)!.length, 0);
    const ids = new Int32Array(total);
    const frequencies = new Float32Array(total);
    let cursor = 0;
    for (const term of terms) {
      for (const [id, count] of postings.get(term)!) {
        ids[cursor] = id;
        frequencies[cursor++] = count;
      }
      offsets.push(cursor);
    }
    const averageLength = lengths.length ? lengths.reduce((sum, length) => sum + length, 0) / lengths.length : 0;
    return new LexicalIndex({ format: FORMAT, documentCount: lengths.length, averageLength, terms, offsets }, ids, frequencies, lengths);
  }

  /** Layout: u32 header length, header JSON, padding to 4 bytes, then ids, frequencies, lengths. */
  serialize(): Uint8Array {
    const terms = [...this.termIndex.keys()];
    const header: Header = { format: FORMAT, documentCount: this.lengths.length, averageLength: this.averageLength, terms, offsets: Array.from(this.offsets) };
    const headerBytes = new TextEncoder().encode(JSON.stringify(header));
    const headerEnd = 4 + headerBytes.length;
    const bodyStart = Math.ceil(headerEnd / 4) * 4;
    const output = new Uint8Array(bodyStart + (this.documents.length * 2 + this.lengths.length) * 4);
    new DataView(output.buffer).setUint32(0, headerBytes.length, true);
    output.set(headerBytes, 4);
    let offset = bodyStart;
    for (const array of [this.documents, this.frequencies, this.lengths]) {
      output.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
      offset += array.byteLength;
    }
    return output;
  }

  static deserialize(bytes: Uint8Array): LexicalIndex {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLength = view.getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as Header;
    if (header.format !== FORMAT) throw new Error(`unknown lexical index format ${header.format}`);
    const bodyStart = Math.ceil((4 + headerLength) / 4) * 4;
    // Copy into a fresh, aligned buffer (Buffer#slice would share the file's pooled memory).
    const body = new Uint8Array(bytes.subarray(bodyStart));
    const postings = header.offsets[header.offsets.length - 1]!;
    const ids = new Int32Array(body.buffer, 0, postings);
    const frequencies = new Float32Array(body.buffer, postings * 4, postings);
    const lengths = new Float32Array(body.buffer, postings * 8, header.documentCount);
    return new LexicalIndex(header, ids, frequencies, lengths);
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** The indexed terms (stems), sorted. */
  terms(): readonly string[] {
    return this.sortedTerms;
  }

  /** How many chunks contain the word (after stemming). */
  documentFrequency(word: string): number {
    const index = this.termIndex.get(stem(word.toLowerCase()));
    return index === undefined ? 0 : this.offsets[index + 1]! - this.offsets[index]!;
  }

  /** Whether an indexed term is the word or a short extension of it (america -> american). */
  hasTermFamily(word: string): boolean {
    return hasTermFamily(this.sortedTerms, word);
  }

  search(query: string, k: number): LexicalHit[] {
    const count = this.documentCount;
    if (count === 0 || k <= 0) return [];
    const scores = (this.scores ??= new Float32Array(count));
    const touched = (this.touched ??= new Int32Array(count));
    let touchedCount = 0;
    for (const term of new Set(indexTerms(query))) {
      const index = this.termIndex.get(term);
      if (index === undefined) continue;
      const start = this.offsets[index]!;
      const end = this.offsets[index + 1]!;
      const idf = bm25Idf(count, end - start);
      for (let p = start; p < end; p++) {
        const id = this.documents[p]!;
        const tf = this.frequencies[p]!;
        const norm = BM25_K1 * (1 - BM25_B + (BM25_B * this.lengths[id]!) / (this.averageLength || 1));
        if (scores[id] === 0) touched[touchedCount++] = id;
        scores[id]! += (idf * tf * (BM25_K1 + 1)) / (tf + norm);
      }
    }
    // Common words touch thousands of chunks; keeping the k best beats sorting them all.
    const best = new TopK<LexicalHit>(k, (a, b) => a.ordinal - b.ordinal);
    for (let i = 0; i < touchedCount; i++) {
      const ordinal = touched[i]!;
      if (best.admits(scores[ordinal]!)) best.add({ ordinal, score: scores[ordinal]! });
      scores[ordinal] = 0;
    }
    return best.items;
  }
}
