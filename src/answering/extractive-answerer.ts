// The offline answerer: answers with the retrieved sentences that best answer the question,
// each quoted verbatim and cited, and refuses when the evidence does not cover what is asked.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { WordVectors } from '../embeddings/word-vectors.js';
import type { Answer } from '../types.js';
import type { AnswerRequest, Answerer } from './answerer.js';
import { carriesAnswerType, isStrictType } from './answer-types.js';
import { composeAnswer, refusal, type Evidence, type Statement } from './compose.js';
import { candidateSentences, passageFeatures, termMatch, type CandidateSentence, type TermWeights, type WordBag } from './evidence.js';
import { analyzeQuestion, type FocusTerm, type QuestionAnalysis } from './question.js';
import { datedStatements } from './dates.js';

export interface ExtractiveOptions {
  /** Weighted share of the question's focus terms the evidence must cover. */
  minCoverage: number;
  maxSentences: number;
  /** A further sentence must score at least this fraction of the best one. */
  companionRatio: number;
  /** A sentence from another article must score at least this fraction of the best one. */
  otherArticleRatio: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveOptions = { minCoverage: 0.6, maxSentences: 3, companionRatio: 0.8, otherArticleRatio: 0.9 };

interface WeightedTerm {
  term: FocusTerm;
  weight: number;
}

interface Scored {
  sentence: CandidateSentence;
  score: number;
  coverage: number;
  typed: boolean;
}

export interface ExtractiveDependencies {
  weights: TermWeights;
  vectors: WordVectors;
  /** Sentence embeddings for semantic closeness; the offline embedder keeps this local. */
  embeddings: EmbeddingsInterface;
}

export class ExtractiveAnswerer implements Answerer {
  readonly mode = 'extractive' as const;
  private readonly dependencies: ExtractiveDependencies;
  private readonly options: ExtractiveOptions;
  private readonly vectorCache = new Map<string, number[]>();

  constructor(dependencies: ExtractiveDependencies, options: Partial<ExtractiveOptions> = {}) {
    this.dependencies = dependencies;
    this.options = { ...DEFAULT_EXTRACTIVE, ...options };
  }

  async answer(request: AnswerRequest): Promise<Answer> {
    const analysis = analyzeQuestion(request.question, request.history);
    const candidates = candidateSentences(request.passages);
    const related = relatedEvidence(request);
    if (candidates.length === 0) return refusal(this.mode, related);

    const focus = this.weigh(analysis.focus);
    // A name or number the corpus never mentions cannot be answered, whatever else matches.
    if (focus.some(({ term }) => term.exact && !this.dependencies.weights.inCorpus(term.word))) return refusal(this.mode, related);
    const context = this.weigh(analyzeQuestion(analysis.searchText).focus.filter((term) => !focus.some((f) => f.term.stem === term.stem)));

    const scored = await this.score(analysis, focus, context, candidates);
    const strict = isStrictType(analysis.answerType);
    const eligible = scored.filter((entry) => entry.coverage > 0 && (!strict || entry.typed));
    const best = eligible[0];
    if (!best) return refusal(this.mode, related);

    const chosen = [best];
    for (const entry of eligible.slice(1)) {
      if (chosen.length >= this.options.maxSentences || entry.score < best.score * this.options.companionRatio) break;
      if (entry.coverage < this.options.minCoverage) continue;
      const addsTerms = focus.some(({ term }) => !this.covers(term, chosen) && this.covers(term, [entry]));
      // Another article's view is worth adding only when it is nearly as good an answer.
      const addsArticle = !chosen.some((c) => c.sentence.article.id === entry.sentence.article.id) && entry.score >= best.score * this.options.otherArticleRatio;
      if (addsTerms || addsArticle) chosen.push(entry);
    }
    if (this.coverage(focus, chosen.map((entry) => entry.sentence), true) < this.options.minCoverage) return refusal(this.mode, related);

    const statements: Statement[] = chosen.map(({ sentence }) => ({ text: sentence.text, evidence: [sentence] }));
    return composeAnswer(datedStatements(statements), this.mode);
  }

  /** Sentence vectors never change for a loaded index; computing each once keeps requests cheap. */
  private async sentenceVectors(candidates: CandidateSentence[]): Promise<number[][]> {
    const keys = candidates.map((candidate) => `${candidate.article.id}:${candidate.start}:${candidate.end}`);
    const missing = candidates.filter((_, i) => !this.vectorCache.has(keys[i]!));
    if (missing.length > 0) {
      const vectors = await this.dependencies.embeddings.embedDocuments(missing.map((candidate) => candidate.text));
      missing.forEach((candidate, i) => {
        if (this.vectorCache.size >= VECTOR_CACHE_LIMIT) this.vectorCache.delete(this.vectorCache.keys().next().value!);
        this.vectorCache.set(`${candidate.article.id}:${candidate.start}:${candidate.end}`, vectors[i]!);
      });
    }
    return keys.map((key) => this.vectorCache.get(key)!);
  }

  private weigh(terms: FocusTerm[]): WeightedTerm[] {
    return terms.map((term) => ({ term, weight: Math.max(this.dependencies.weights.idf(term.word), 0.05) * (term.head ? 2 : 1) }));
  }

  private covers(term: FocusTerm, entries: Scored[]): boolean {
    return entries.some((entry) => termMatch(term, entry.sentence, this.dependencies.vectors) > 0);
  }

  /**
   * Weighted share of the terms found in the sentences. With `withPassage`, the words around the
   * sentences count too: "the jets ... deployed by 2035" answers a question naming Britain and
   * Italy when the surrounding passage names them.
   */
  private coverage(terms: WeightedTerm[], sentences: CandidateSentence[], withPassage = false): number {
    if (terms.length === 0) return 1;
    const parts: WordBag[] = sentences.map((sentence) => (withPassage ? passageFeatures(sentence.passage) : sentence));
    const bag: WordBag = parts.length === 1 ? parts[0]! : { words: parts.flatMap((part) => part.words), stems: new Set(parts.flatMap((part) => [...part.stems])) };
    let total = 0;
    let matched = 0;
    for (const { term, weight } of terms) {
      total += weight;
      matched += weight * termMatch(term, bag, this.dependencies.vectors);
    }
    return matched / total;
  }

  private async score(analysis: QuestionAnalysis, focus: WeightedTerm[], context: WeightedTerm[], candidates: CandidateSentence[]): Promise<Scored[]> {
    const questionVector = await this.dependencies.embeddings.embedQuery(analysis.searchText);
    const sentenceVectors = await this.sentenceVectors(candidates);
    return candidates
      .map((sentence, i) => {
        const coverage = this.coverage(focus, [sentence]);
        const contextCoverage = context.length > 0 ? this.coverage(context, [sentence], true) : 0;
        const dense = cosine(questionVector!, sentenceVectors[i]!);
        const typed = carriesAnswerType(sentence.text, analysis.answerType);
        const score =
          0.55 * coverage + 0.15 * contextCoverage + 0.35 * dense + (typed && analysis.answerType !== 'any' ? 0.15 : 0) - 0.01 * sentence.passageRank;
        return { sentence, score, coverage, typed };
      })
      .sort((a, b) => b.score - a.score);
  }
}

const VECTOR_CACHE_LIMIT = 50_000;

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let left = 0;
  let right = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    left += a[i]! * a[i]!;
    right += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(left * right || 1);
}

/** The first sentence of each of the top passages: shown under "related" when refusing. */
export function relatedEvidence(request: AnswerRequest, limit = 3): Evidence[] {
  return request.passages.slice(0, limit).flatMap((passage) => {
    const sentence = passage.chunk.sentences[0];
    return sentence ? [{ article: passage.article, start: sentence.start, end: sentence.end }] : [];
  });
}
