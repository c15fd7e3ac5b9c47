// Sentence-level evidence: splits retrieved passages into quotable sentences and measures how
// well a sentence (or a set of them) covers a question's focus terms.
import type { LexicalIndex } from '../retrieval/lexical-index.js';
import type { WordVectors } from '../embeddings/word-vectors.js';
import { stem, tokenize } from '../text/tokens.js';
import type { Passage } from '../types.js';
import type { Evidence } from './compose.js';
import type { FocusTerm } from './question.js';

export interface CandidateSentence extends Evidence {
  text: string;
  /** Rank of the passage it came from (0 = best). */
  passageRank: number;
  passage: Passage;
  stems: Set<string>;
  words: string[];
}

/** List bullets and FAQ labels are layout, not part of the quotable statement. */
const LEADING_LABEL = /^(?:[-*•–]\s+|[QA]:\s+)/;
const MIN_WORDS = 5;
// Text that addresses an AI system is an injection attempt, never evidence.
const INSTRUCTION_LIKE = /\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules)\b|\bsystem prompt\b|\b(you are|as) an? (ai|assistant|language model)\b/i;

export function candidateSentences(passages: readonly Passage[]): CandidateSentence[] {
  const seen = new Set<string>();
  const candidates: CandidateSentence[] = [];
  passages.forEach((passage, passageRank) => {
    for (const range of passage.chunk.sentences) {
      let start = range.start;
      const label = LEADING_LABEL.exec(passage.article.text.slice(start, range.end));
      if (label) start += label[0].length;
      const key = `${passage.article.id}:${start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const text = passage.article.text.slice(start, range.end);
      const tokens = tokenize(text);
      // Questions (FAQ prompts) and headings do not state anything.
      if (tokens.length < MIN_WORDS || text.endsWith('?') || !/[.!"”’)]$/.test(text) || INSTRUCTION_LIKE.test(text)) continue;
      const words = tokens.map((token) => token.word);
      candidates.push({ article: passage.article, start, end: range.end, text, passageRank, passage, words, stems: new Set(words.map(stem)) });
    }
  });
  return candidates;
}

export interface TermWeights {
  /** Inverse document frequency of a word over chunks; 0 for words in every chunk. */
  idf(word: string): number;
  /** Whether any chunk of the corpus contains the word. */
  inCorpus(word: string): boolean;
}

export function termWeights(lexical: LexicalIndex): TermWeights {
  const cache = new Map<string, number>();
  const frequency = (word: string) => {
    let df = cache.get(word);
    if (df === undefined) {
      df = lexical.documentFrequency(word);
      cache.set(word, df);
    }
    return df;
  };
  const total = lexical.documentCount;
  return {
    idf: (word) => Math.log(1 + (total - frequency(word) + 0.5) / (frequency(word) + 0.5)),
    inCorpus: (word) => frequency(word) > 0,
  };
}

/** Similarity at which a paraphrase counts as the same idea (warplanes ~ jets is 0.64). */
export const SYNONYM_SIMILARITY = 0.6;
const PARAPHRASE_CREDIT = 0.7;

/** How strongly the words cover one focus term: 1 exact, the similarity for a paraphrase, else 0. */
export function termMatch(term: FocusTerm, stems: ReadonlySet<string>, words: readonly string[], vectors: WordVectors): number {
  if (stems.has(term.stem)) return 1;
  if (term.exact) return 0;
  let best = 0;
  for (const word of words) {
    const similarity = vectors.similarity(term.word, word) ?? 0;
    if (similarity > best) best = similarity;
  }
  // A paraphrase is weaker evidence than the word itself.
  return best >= SYNONYM_SIMILARITY ? PARAPHRASE_CREDIT * best : 0;
}
