// Scores one split (answers, verdicts, the BM25 baseline) into per-item records, and turns any
// set of records (one split, or several pooled) into the metrics the eval reports.
import { citationProblems } from '../grounding/citations.js';
import type { Config } from '../config.js';
import type { Verdict, VerdictLabel } from '../factcheck/verdict.js';
import type { QaService } from '../qa-service.js';
import type { Answer } from '../types.js';
import { evaluateQuestion, summarise, type EvalQuestion, type QuestionResult } from './answer-eval.js';
import { Bm25SentenceBaseline } from './baseline.js';
import { evaluateClaim, type EvalClaim } from './claim-eval.js';

export interface QuestionRecord {
  item: EvalQuestion;
  result: QuestionResult;
  /** Set when retrieving or answering threw; the item then counts as answered wrongly. */
  error?: string;
  /** citationProblems() of the answer; an error counts as a problem. */
  problems: string[];
  /** Runs of [n] markers in the answer text: the statements that carry a citation. */
  markedStatements: number;
  /** Whether the baseline's top-1 / top-2 sentences hold every key fact (answerable questions). */
  baseline: { top1: boolean; top2: boolean };
}

export interface ClaimRecord {
  item: EvalClaim;
  /** Undefined when the fact-check threw. */
  result?: Verdict;
  error?: string;
  correct: boolean;
  problems: string[];
}

export interface SplitRun {
  split: string;
  k: number;
  answerer: string;
  articles: number;
  questions: QuestionRecord[];
  claims: ClaimRecord[];
}

/** Shares are null when there is nothing to share over (e.g. a split without unanswerable questions). */
export interface SplitMetrics {
  questions: number;
  answerable: number;
  unanswerable: number;
  claims: number;
  /** Items whose answer or verdict threw instead of returning. */
  errors: number;
  keyFacts: number | null;
  answerableRefused: number | null;
  unanswerableRefused: number | null;
  claimAccuracy: Record<VerdictLabel | 'overall', number | null>;
  /** Share of answers and verdicts whose markers all resolve and whose quotes are verbatim. */
  quotesAndMarkers: number | null;
  /** Average marked statements per answered (not refused) question. */
  markedStatements: number | null;
  citationPrecision: number | null;
  retrievalHitAtK: number | null;
  baselineTop1: number | null;
  baselineTop2: number | null;
  /** Key facts minus baseline top-2. */
  margin: number | null;
}

export const MARKER_RUN = /(?:\s*\[\d+\])+/g;

export function countMarkedStatements(text: string): number {
  return [...text.matchAll(MARKER_RUN)].length;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failedResult(item: EvalQuestion, error: string): QuestionResult {
  const answer: Answer = { answer: `ERROR: ${error}`, refused: false, mode: 'extractive', citations: [] };
  return { id: item.id, question: item.question, answerable: item.answerable !== false, retrievalHit: false, factsFound: false, refused: false, citations: 0, relevantCitations: 0, validQuotes: 0, answer };
}

export async function evaluateSplit(split: string, service: QaService, config: Config, data: { questions: EvalQuestion[]; claims: EvalClaim[] }): Promise<SplitRun> {
  const { articles, chunks } = await service.index.snapshot();
  const baseline = new Bm25SentenceBaseline(articles, chunks);
  const questions: QuestionRecord[] = [];
  for (const item of data.questions) {
    const baselineFacts = baseline.keyFacts(item);
    try {
      const result = await evaluateQuestion(service, item, config.defaultK);
      const markedStatements = result.refused ? 0 : countMarkedStatements(result.answer.answer);
      questions.push({ item, result, problems: citationProblems(result.answer, articles), markedStatements, baseline: baselineFacts });
    } catch (error) {
      const text = message(error);
      questions.push({ item, result: failedResult(item, text), error: text, problems: [`error: ${text}`], markedStatements: 0, baseline: baselineFacts });
    }
  }
  const claims: ClaimRecord[] = [];
  for (const item of data.claims) {
    try {
      const { result, correct } = await evaluateClaim(service, item);
      const asAnswer: Answer = { answer: result.explanation, refused: result.verdict === 'not_enough_info', mode: result.mode, citations: result.citations };
      claims.push({ item, result, correct, problems: citationProblems(asAnswer, articles) });
    } catch (error) {
      const text = message(error);
      claims.push({ item, error: text, correct: false, problems: [`error: ${text}`] });
    }
  }
  return { split, k: config.defaultK, answerer: config.answerer, articles: articles.size, questions, claims };
}

function share<T>(items: T[], test: (item: T) => boolean): number | null {
  return items.length === 0 ? null : items.filter(test).length / items.length;
}

/** A question is right when it states every key fact (answerable) or refuses (unanswerable), with sound citations. */
export function questionCorrect(record: QuestionRecord): boolean {
  const { result } = record;
  return (result.answerable ? result.factsFound : result.refused) && record.problems.length === 0;
}

export function claimCorrect(record: ClaimRecord): boolean {
  return record.correct && record.problems.length === 0;
}

export function splitMetrics(questions: QuestionRecord[], claims: ClaimRecord[]): SplitMetrics {
  const answerable = questions.filter((record) => record.result.answerable);
  const unanswerable = questions.filter((record) => !record.result.answerable);
  const answered = questions.filter((record) => !record.result.refused && !record.error);
  const summary = questions.length ? summarise(questions.map((record) => record.result)) : undefined;
  const byClass = (label: VerdictLabel) =>
    share(
      claims.filter((record) => record.item.verdict === label),
      (record) => record.correct,
    );
  const keyFacts = share(answerable, (record) => record.result.factsFound);
  const baselineTop2 = share(answerable, (record) => record.baseline.top2);
  return {
    questions: questions.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    claims: claims.length,
    errors: questions.filter((record) => record.error).length + claims.filter((record) => record.error).length,
    keyFacts,
    answerableRefused: share(answerable, (record) => record.result.refused),
    unanswerableRefused: share(unanswerable, (record) => record.result.refused),
    claimAccuracy: {
      supported: byClass('supported'),
      refuted: byClass('refuted'),
      not_enough_info: byClass('not_enough_info'),
      overall: share(claims, (record) => record.correct),
    },
    quotesAndMarkers: share<{ problems: string[] }>([...questions, ...claims], (record) => record.problems.length === 0),
    markedStatements: answered.length ? answered.reduce((sum, record) => sum + record.markedStatements, 0) / answered.length : null,
    citationPrecision: summary ? summary.citationPrecision : null,
    retrievalHitAtK: answerable.length && summary ? summary.retrievalHitAtK : null,
    baselineTop1: share(answerable, (record) => record.baseline.top1),
    baselineTop2,
    margin: keyFacts !== null && baselineTop2 !== null ? keyFacts - baselineTop2 : null,
  };
}

export function runMetrics(...runs: SplitRun[]): SplitMetrics {
  return splitMetrics(
    runs.flatMap((run) => run.questions),
    runs.flatMap((run) => run.claims),
  );
}

export interface Gap {
  keyFacts: number | null;
  answerableRefused: number | null;
  unanswerableRefused: number | null;
  claimAccuracy: number | null;
}

/** dev minus test for the headline figures (positive key facts gap = the test split is harder). */
export function devTestGap(dev: SplitMetrics, test: SplitMetrics): Gap {
  const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  return {
    keyFacts: minus(dev.keyFacts, test.keyFacts),
    answerableRefused: minus(dev.answerableRefused, test.answerableRefused),
    unanswerableRefused: minus(dev.unanswerableRefused, test.unanswerableRefused),
    claimAccuracy: minus(dev.claimAccuracy.overall, test.claimAccuracy.overall),
  };
}
