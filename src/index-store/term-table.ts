// Corpus term statistics without the postings: sorted stems and their document frequencies, stored
// compactly beside a generation so that a process can know the corpus vocabulary without loading
// the BM25 index itself.
import { gunzipSync, gzipSync } from 'node:zlib';
import { stem } from '../text/tokens.js';
import type { TermStatistics } from './search-index.js';

const FORMAT = 'terms-v1';

/** Whether a sorted term list holds the word or a short extension of it (america -> american). */
export function hasTermFamily(sortedTerms: readonly string[], word: string): boolean {
  const prefix = word.toLowerCase();
  if (prefix.length < 5) return false;
  // Binary search for the first term >= prefix, then scan the run.
  let low = 0;
  let high = sortedTerms.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sortedTerms[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < sortedTerms.length && sortedTerms[i]!.startsWith(prefix); i++) {
    if (sortedTerms[i]!.length - prefix.length <= 3) return true;
  }
  return false;
}

export interface TermCounts {
  documentCount: number;
  /** Mean number of index terms per chunk, BM25's length normaliser. */
  averageLength: number;
  /** Sorted. */
  terms: string[];
  documentFrequencies: number[];
}

export class TermTable implements TermStatistics {
  readonly documentCount: number;
  readonly averageLength: number;
  private readonly sortedTerms: string[];
  private readonly frequencies: Map<string, number>;

  constructor(counts: TermCounts) {
    this.documentCount = counts.documentCount;
    this.averageLength = counts.averageLength;
    this.sortedTerms = counts.terms;
    this.frequencies = new Map(counts.terms.map((term, i) => [term, counts.documentFrequencies[i]!]));
  }

  /** Document frequency of an index term (already stemmed). */
  termFrequency(term: string): number {
    return this.frequencies.get(term) ?? 0;
  }

  documentFrequency(word: string): number {
    return this.termFrequency(stem(word.toLowerCase()));
  }

  hasTermFamily(word: string): boolean {
    return hasTermFamily(this.sortedTerms, word);
  }

  terms(): readonly string[] {
    return this.sortedTerms;
  }

  /** gzip of one JSON object: about 3 bytes a term. */
  serialize(): Buffer {
    const frequencies = this.sortedTerms.map((term) => this.frequencies.get(term)!);
    return gzipSync(JSON.stringify({ format: FORMAT, documentCount: this.documentCount, averageLength: this.averageLength, terms: this.sortedTerms.join('\n'), frequencies }));
  }

  static deserialize(bytes: Uint8Array): TermTable {
    const stored = JSON.parse(gunzipSync(bytes).toString('utf8')) as { format: string; documentCount: number; averageLength: number; terms: string; frequencies: number[] };
    if (stored.format !== FORMAT) throw new Error(`unknown term statistics format ${stored.format}`);
    return new TermTable({ documentCount: stored.documentCount, averageLength: stored.averageLength, terms: stored.terms ? stored.terms.split('\n') : [], documentFrequencies: stored.frequencies });
  }
}
