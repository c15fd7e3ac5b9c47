// The baseline the answerer has to beat: "quote the best BM25 sentence, never refuse".
// Every quotable sentence of the index is a document, scored against the question with Okapi
// BM25; the answer is the best sentence (top-1) or the two best (top-2).
import type { QaService } from '../qa-service.js';
import { stem, STOP_WORDS, tokenize } from '../text/tokens.js';
import { allFactsPresent, type EvalQuestion } from './answer-eval.js';

const K1 = 1.2;
const B = 0.75;

function terms(text: string): string[] {
  return tokenize(text)
    .filter((token) => !STOP_WORDS.has(token.word))
    .map((token) => stem(token.word));
}

interface Sentence {
  text: string;
  length: number;
  counts: Map<string, number>;
}

export class Bm25SentenceBaseline {
  private readonly sentences: Sentence[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(index: QaService['index']) {
    const seen = new Set<string>();
    for (const chunk of index.chunks) {
      const article = index.articles.get(chunk.articleId);
      if (!article) continue;
      for (const { start, end } of chunk.sentences) {
        // Overlapping chunks share sentences: count each one once.
        const key = `${chunk.articleId}:${start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const text = article.text.slice(start, end);
        const words = terms(text);
        const counts = new Map<string, number>();
        for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
        for (const word of counts.keys()) this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
        this.sentences.push({ text, length: words.length, counts });
      }
    }
    this.averageLength = this.sentences.reduce((sum, sentence) => sum + sentence.length, 0) / Math.max(1, this.sentences.length);
  }

  private score(query: string[], sentence: Sentence): number {
    let score = 0;
    for (const term of query) {
      const tf = sentence.counts.get(term) ?? 0;
      if (tf === 0) continue;
      const df = this.documentFrequency.get(term) ?? 0;
      const idf = Math.log(1 + (this.sentences.length - df + 0.5) / (df + 0.5));
      score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * sentence.length) / this.averageLength));
    }
    return score;
  }

  /** The n best sentences for the question, best first (ties keep index order). */
  best(question: string, n: number): string[] {
    const query = [...new Set(terms(question))];
    const scored = this.sentences.map((sentence) => ({ text: sentence.text, score: this.score(query, sentence) }));
    return scored.sort((a, b) => b.score - a.score).slice(0, n).map((entry) => entry.text);
  }

  /** Whether the top-1 and the top-2 answers contain every key fact of the question. */
  keyFacts(item: EvalQuestion): { top1: boolean; top2: boolean } {
    const [first = '', second = ''] = this.best(item.question, 2);
    return { top1: allFactsPresent(first, item.facts), top2: allFactsPresent(`${first}\n${second}`, item.facts) };
  }
}
