// Scores the service on the public question set: retrieval hit@k, key-fact accuracy,
// citation precision, refusal accuracy and quote validity.
import { readFile } from 'node:fs/promises';
import type { QaService } from '../qa-service.js';
import type { Answer, ChatTurn } from '../types.js';

export interface EvalQuestion {
  id: string;
  question: string;
  history?: ChatTurn[];
  /** Articles that answer it; absent for questions the articles cannot answer. */
  articles?: string[];
  /** Key facts the answer must contain; an inner array lists acceptable alternatives. */
  facts?: (string | string[])[];
  answerable?: boolean;
}

export interface QuestionResult {
  id: string;
  question: string;
  answerable: boolean;
  retrievalHit: boolean;
  factsFound: boolean;
  refused: boolean;
  citations: number;
  relevantCitations: number;
  validQuotes: number;
  answer: Answer;
}

export interface AnswerMetrics {
  questions: number;
  retrievalHitAtK: number;
  keyFactAccuracy: number;
  citationPrecision: number;
  refusalAccuracy: number;
  quoteValidity: number;
}

export async function readEvalQuestions(path: string): Promise<EvalQuestion[]> {
  return JSON.parse(await readFile(path, 'utf8')) as EvalQuestion[];
}

export function containsFact(text: string, fact: string | string[]): boolean {
  const alternatives = Array.isArray(fact) ? fact : [fact];
  return alternatives.some((alternative) => text.toLowerCase().includes(alternative.toLowerCase()));
}

/** Every key fact is in the text (case-insensitive substring; an inner array lists alternatives). */
export function allFactsPresent(text: string, facts: (string | string[])[] = []): boolean {
  return facts.every((fact) => containsFact(text, fact));
}

export async function evaluateQuestion(service: QaService, item: EvalQuestion, k: number): Promise<QuestionResult> {
  const answerable = item.answerable !== false;
  const request = { question: item.question, history: item.history ?? [], k };
  const passages = await service.retrieve(request);
  const answer = await service.ask(request);
  const expected = new Set(item.articles ?? []);
  const articles = await service.index.articlesById(answer.citations.map((citation) => citation.articleId));
  const validQuotes = answer.citations.filter((citation) => articles.get(citation.articleId)?.text.slice(citation.start, citation.end) === citation.quote).length;
  return {
    id: item.id,
    question: item.question,
    answerable,
    retrievalHit: passages.some((passage) => expected.has(passage.article.id)),
    factsFound: !answer.refused && allFactsPresent(answer.answer, item.facts),
    refused: answer.refused,
    citations: answer.citations.length,
    relevantCitations: answer.citations.filter((citation) => expected.has(citation.articleId)).length,
    validQuotes,
    answer,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

export function summarise(results: QuestionResult[]): AnswerMetrics {
  const answerable = results.filter((result) => result.answerable);
  const cited = answerable.reduce((sum, result) => sum + result.citations, 0);
  const allCitations = results.reduce((sum, result) => sum + result.citations, 0);
  return {
    questions: results.length,
    retrievalHitAtK: ratio(answerable.filter((result) => result.retrievalHit).length, answerable.length),
    keyFactAccuracy: ratio(answerable.filter((result) => result.factsFound).length, answerable.length),
    citationPrecision: ratio(answerable.reduce((sum, result) => sum + result.relevantCitations, 0), cited),
    refusalAccuracy: ratio(results.filter((result) => result.refused === !result.answerable).length, results.length),
    quoteValidity: ratio(results.reduce((sum, result) => sum + result.validQuotes, 0), allCitations),
  };
}

export async function evaluateAnswers(service: QaService, questions: EvalQuestion[], k: number): Promise<{ metrics: AnswerMetrics; results: QuestionResult[] }> {
  const results: QuestionResult[] = [];
  for (const item of questions) results.push(await evaluateQuestion(service, item, k));
  return { metrics: summarise(results), results };
}
