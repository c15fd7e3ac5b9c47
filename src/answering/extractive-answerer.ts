// The offline answerer: answers with the retrieved sentences that best answer the question,
// each quoted verbatim and cited, and refuses when the evidence does not cover what is asked.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Answer } from '../types.js';
import type { AnswerRequest, Answerer } from './answerer.js';
import { carriesAnswerType, isStrictType } from './answer-types.js';
import { composeAnswer, refusal, type Evidence, type Statement } from './compose.js';
import { candidateSentences, type CandidateSentence, type EvidenceScorer, type WeightedTerm } from './evidence.js';
import { quantities } from '../text/quantities.js';
import { tokenize } from '../text/tokens.js';
import type { WordVectors } from '../embeddings/word-vectors.js';
import { analyzeQuestion, type QuestionAnalysis } from './question.js';
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

interface Scored {
  sentence: CandidateSentence;
  score: number;
  coverage: number;
  typed: boolean;
}

export interface ExtractiveDependencies {
  scorer: EvidenceScorer;
  /** Sentence embeddings for semantic closeness; the offline embedder keeps this local. */
  embeddings: EmbeddingsInterface;
}

export class ExtractiveAnswerer implements Answerer {
  readonly mode = 'extractive' as const;
  private readonly dependencies: ExtractiveDependencies;
  private readonly options: ExtractiveOptions;
  private readonly scorer: EvidenceScorer;

  constructor(dependencies: ExtractiveDependencies, options: Partial<ExtractiveOptions> = {}) {
    this.dependencies = dependencies;
    this.scorer = dependencies.scorer;
    this.options = { ...DEFAULT_EXTRACTIVE, ...options };
  }

  async answer(request: AnswerRequest): Promise<Answer> {
    const analysis = analyzeQuestion(request.question, request.history);
    const candidates = candidateSentences(request.passages);
    if (candidates.length === 0) return refusal(this.mode, relatedEvidence(request));

    const focus = this.scorer.weigh(analysis.focus);
    const context = this.scorer.weigh(analyzeQuestion(analysis.searchText).focus.filter((term) => !focus.some((f) => f.term.stem === term.stem)));
    const scored = await this.score(analysis, focus, context, candidates);
    // When refusing, the closest sentences are shown (not cited) so the reader can judge.
    const related = closestSentences(scored);
    // A name or number the corpus never mentions cannot be answered, whatever else matches.
    if (focus.some(({ term }) => term.exact && !this.scorer.weights.inCorpus(term.word))) return refusal(this.mode, related);

    const strict = isStrictType(analysis.answerType);
    const eligible = scored.filter((entry) => entry.coverage > 0 && (!strict || entry.typed));
    const best = eligible[0];
    if (!best) return refusal(this.mode, related);

    const chosen = [best];
    for (const entry of eligible.slice(1)) {
      if (chosen.length >= this.options.maxSentences || entry.score < best.score * this.options.companionRatio) break;
      if (entry.coverage < this.options.minCoverage) continue;
      const addsTerms = focus.some(({ term }) => !chosen.some((c) => this.scorer.covers(term, c.sentence)) && this.scorer.covers(term, entry.sentence));
      // Another article's view is worth adding only when it is nearly as good an answer.
      const addsArticle = !chosen.some((c) => c.sentence.article.id === entry.sentence.article.id) && entry.score >= best.score * this.options.otherArticleRatio;
      if (addsTerms || addsArticle) chosen.push(entry);
    }
    if (this.scorer.coverage(focus, chosen.map((entry) => entry.sentence), true) < this.options.minCoverage) return refusal(this.mode, related);

    const sentences = withContinuations(chosen[0]!.sentence, candidates).concat(chosen.slice(1).map((entry) => entry.sentence));
    const unique = sentences.filter((sentence, i) => sentences.findIndex((other) => other.article.id === sentence.article.id && other.start === sentence.start) === i);
    const statements: Statement[] = unique.map((sentence) => ({ text: sentence.text, evidence: [sentence] }));
    return composeAnswer(datedStatements(statements), this.mode);
  }

  /**
   * "How many countries" wants a number of countries, not any number; "how much does it cost"
   * wants an amount of money.
   */
  private countsWhatIsAsked(analysis: QuestionAnalysis, sentence: CandidateSentence): boolean {
    if (analysis.answerType !== 'number') return true;
    if (analysis.asksForMoney) return MONEY.test(sentence.text);
    const head = analysis.focus.find((term) => term.head);
    if (!head) return true;
    return (sentence.memo.quantities ??= quantities(sentence.text)).some(
      (quantity) =>
        !quantity.year &&
        quantity.unitWords.some((word, i) => quantity.units[i] === head.stem || (this.scorer.vectors.similarity(head.word, word) ?? 0) >= COUNTED_THING_SIMILARITY),
    );
  }

  /** Sentence vectors never change for a loaded index; each is computed once. */
  private async sentenceVectors(candidates: CandidateSentence[]): Promise<number[][]> {
    const missing = candidates.filter((candidate) => !candidate.memo.vector);
    if (missing.length > 0) {
      const vectors = await this.dependencies.embeddings.embedDocuments(missing.map((candidate) => candidate.text));
      missing.forEach((candidate, i) => {
        candidate.memo.vector = vectors[i]!;
      });
    }
    return candidates.map((candidate) => candidate.memo.vector!);
  }

  private async score(analysis: QuestionAnalysis, focus: WeightedTerm[], context: WeightedTerm[], candidates: CandidateSentence[]): Promise<Scored[]> {
    const questionVector = await this.dependencies.embeddings.embedQuery(analysis.searchText);
    const questionPairs = adjacentPairs(analysis.focus.map((term) => term.stem));
    const focusStems = new Set(analysis.focus.map((term) => term.stem));
    const sentenceVectors = await this.sentenceVectors(candidates);
    return candidates
      .map((sentence, i) => {
        const coverage = this.scorer.coverage(focus, [sentence]);
        const contextCoverage = context.length > 0 ? this.scorer.coverage(context, [sentence], true) : 0;
        const dense = cosine(questionVector!, sentenceVectors[i]!);
        const typed = answerTypeOf(sentence, analysis.answerType) && this.countsWhatIsAsked(analysis, sentence);
        const phrases = phraseMatches(questionPairs, sentence);
        const named = analysis.answerType === 'person' && namesSomeoneNear(sentence, focusStems, this.scorer.vectors);
        const score =
          0.55 * coverage + 0.15 * contextCoverage + 0.35 * dense + (typed && analysis.answerType !== 'any' ? 0.15 : 0) + 0.05 * Math.min(phrases, 3) + (named ? 0.1 : 0) - 0.01 * sentence.passageRank;
        return { sentence, score, coverage, typed };
      })
      .sort((a, b) => b.score - a.score);
  }
}

// Stricter than paraphrase matching: "areas" (0.6) is not "countries", "nations" (0.88) is.
const COUNTED_THING_SIMILARITY = 0.7;
// A sentence opening with these leans on the one before it ("This perspective ... was expanded").
const LEANS_BACK = /^(this|that|these|those|it|they|such|even then)\b/i;
// A sentence opening with these carries on the one before it ("Previously, only components ...").
const CARRIES_ON = /^(previously|however|but|instead|even then|meanwhile|that|this|these|those|it|they)\b/i;

/** The best sentence with the neighbours it cannot be understood without, in article order. */
function withContinuations(best: CandidateSentence, candidates: readonly CandidateSentence[]): CandidateSentence[] {
  const ranges = best.passage.chunk.sentences;
  const index = ranges.findIndex((range) => range.end === best.end);
  const neighbour = (offset: number) => {
    const range = ranges[index + offset];
    return range ? candidates.find((candidate) => candidate.article.id === best.article.id && candidate.end === range.end) : undefined;
  };
  const before = LEANS_BACK.test(best.text) ? neighbour(-1) : undefined;
  const after = neighbour(1);
  return [...(before ? [before] : []), best, ...(after && CARRIES_ON.test(after.text) ? [after] : [])];
}

const MONEY = /[$¥€£]|\b(dollars?|yen|euros?|pounds?|cents?)\b/i;

function answerTypeOf(sentence: CandidateSentence, type: QuestionAnalysis['answerType']): boolean {
  let matches = sentence.memo.answerTypes.get(type);
  if (matches === undefined) {
    matches = carriesAnswerType(sentence.text, type);
    sentence.memo.answerTypes.set(type, matches);
  }
  return matches;
}

/**
 * "Who is the chief cabinet secretary?" is answered by a sentence that puts a personal name
 * right beside the role: "Yoshimasa Hayashi, the chief Cabinet secretary" or "Defence Minister
 * Minoru Kihara". A name is two capitalised words the question does not use, at least one of
 * them rare in English ("National Security" is an institution, not a person).
 */
function namesSomeoneNear(sentence: CandidateSentence, focusStems: ReadonlySet<string>, vectors: WordVectors): boolean {
  const tokens = tokenize(sentence.text);
  const capitalised = tokens.map((token, i) => /^\p{Lu}\p{Ll}/u.test(sentence.text.slice(token.start, token.end)) && !focusStems.has(sentence.stemList[i] ?? ''));
  const rare = (word: string) => (vectors.rank(word) ?? Infinity) > RARE_WORD_RANK;
  const roleAt = sentence.stemList.flatMap((word, i) => (focusStems.has(word) ? [i] : []));
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!capitalised[i] || !capitalised[i + 1] || !(rare(tokens[i]!.word) || rare(tokens[i + 1]!.word))) continue;
    if (roleAt.some((position) => Math.abs(position - i) <= 4 || Math.abs(position - (i + 1)) <= 4)) return true;
  }
  return false;
}

/** Words past this frequency rank are rare enough to be part of a personal name. */
const RARE_WORD_RANK = 2500;

function adjacentPairs(stems: readonly string[]): [string, string][] {
  return stems.slice(1).map((second, i) => [stems[i]!, second]);
}

/** How many of the question's adjacent word pairs appear as a phrase (within one word) in the sentence. */
function phraseMatches(pairs: readonly [string, string][], sentence: CandidateSentence): number {
  if (pairs.length === 0) return 0;
  const stems = sentence.stemList;
  let found = 0;
  for (const [first, second] of pairs) {
    for (let i = 0; i < stems.length; i++) {
      if (stems[i] === first && (stems[i + 1] === second || stems[i + 2] === second)) {
        found++;
        break;
      }
    }
  }
  return found;
}

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

/** The best-scoring sentences, one per article. */
function closestSentences(scored: readonly Scored[], limit = 3): Evidence[] {
  const chosen: Evidence[] = [];
  for (const { sentence } of scored) {
    if (chosen.length >= limit) break;
    if (!chosen.some((evidence) => evidence.article.id === sentence.article.id)) chosen.push({ article: sentence.article, start: sentence.start, end: sentence.end });
  }
  return chosen;
}

/** The first sentence of each of the top passages: shown under "related" when refusing. */
export function relatedEvidence(request: AnswerRequest, limit = 3): Evidence[] {
  return request.passages.slice(0, limit).flatMap((passage) => {
    const sentence = passage.chunk.sentences[0];
    return sentence ? [{ article: passage.article, start: sentence.start, end: sentence.end }] : [];
  });
}
