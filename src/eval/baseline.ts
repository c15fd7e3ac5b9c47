// The baseline the answerer has to beat: "quote the best BM25 sentence, never refuse".
// Every quotable sentence of the index is a document in a BM25 index of its own (the same
// lexical index retrieval uses, over sentences instead of chunks); the answer is the best
// sentence (top-1) or the two best (top-2).
import type { Article, Chunk } from '../types.js';
import { LexicalIndex } from '../index-store/lexical-index.js';
import { allFactsPresent, type EvalQuestion } from './answer-eval.js';

export class Bm25SentenceBaseline {
  private readonly sentences: string[] = [];
  private readonly lexical: LexicalIndex;

  constructor(articles: ReadonlyMap<string, Article>, chunks: readonly Chunk[]) {
    const seen = new Set<string>();
    for (const chunk of chunks) {
      const article = articles.get(chunk.articleId);
      if (!article) continue;
      for (const { start, end } of chunk.sentences) {
        // Overlapping chunks share sentences: count each one once.
        const key = `${chunk.articleId}:${start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        this.sentences.push(article.text.slice(start, end));
      }
    }
    this.lexical = LexicalIndex.build(this.sentences.map((text, id) => ({ id, text })));
  }

  /** The n best sentences for the question, best first. */
  best(question: string, n: number): string[] {
    return this.lexical.search(question, n).map((hit) => this.sentences[hit.ordinal]!);
  }

  /** Whether the top-1 and the top-2 answers contain every key fact of the question. */
  keyFacts(item: EvalQuestion): { top1: boolean; top2: boolean } {
    const [first = '', second = ''] = this.best(item.question, 2);
    return { top1: allFactsPresent(first, item.facts), top2: allFactsPresent(`${first}\n${second}`, item.facts) };
  }
}
