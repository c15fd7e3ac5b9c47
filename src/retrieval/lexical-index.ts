// BM25 keyword search over chunks (minisearch), with the same tokens and stems as the rest
// of the pipeline. Serialisable so it is stored in the index generation.
import MiniSearch, { type Options } from 'minisearch';
import { STOP_WORDS, stem } from '../text/tokens.js';

export interface LexicalDocument {
  /** Chunk ordinal in the index. */
  id: number;
  title: string;
  text: string;
}

export interface LexicalHit {
  ordinal: number;
  score: number;
}

function processTerm(term: string): string | null {
  const word = term.toLowerCase().replace(/’/g, "'").replace(/'s$/, '');
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  return stem(word);
}

const OPTIONS: Options<LexicalDocument> = {
  fields: ['title', 'text'],
  storeFields: [],
  processTerm,
  // Titles repeat for every chunk of an article; a light boost lets them break ties only.
  searchOptions: { boost: { title: 0.3 }, processTerm },
};

export class LexicalIndex {
  private readonly engine: MiniSearch<LexicalDocument>;

  private constructor(search: MiniSearch<LexicalDocument>) {
    this.engine = search;
  }

  static build(documents: LexicalDocument[]): LexicalIndex {
    const search = new MiniSearch<LexicalDocument>(OPTIONS);
    search.addAll(documents);
    return new LexicalIndex(search);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<LexicalDocument>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.engine);
  }

  search(query: string, k: number): LexicalHit[] {
    return this.engine
      .search(query, { combineWith: 'OR' })
      .slice(0, k)
      .map((result) => ({ ordinal: result.id as number, score: result.score }));
  }

  /** How many chunks contain the stem: a document frequency for weighting question words. */
  documentFrequency(term: string): number {
    const processed = processTerm(term);
    if (!processed) return 0;
    return this.engine.search(processed, { fields: ['text'], prefix: false, fuzzy: false, processTerm: (t) => t }).length;
  }

  get documentCount(): number {
    return this.engine.documentCount;
  }
}
