// Quality floor on the public eval set: a change that makes answers worse fails here.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateAnswers, readEvalQuestions, type AnswerMetrics } from '../src/eval/answer-eval.js';
import { evaluateClaims, readEvalClaims, type ClaimMetrics } from '../src/eval/claim-eval.js';
import { testService } from './helpers.js';

let metrics: AnswerMetrics;
let claimMetrics: ClaimMetrics;

beforeAll(async () => {
  const { service, config } = await testService();
  const questions = await readEvalQuestions(resolve('eval/questions.json'));
  ({ metrics } = await evaluateAnswers(service, questions, config.defaultK));
  ({ metrics: claimMetrics } = await evaluateClaims(service, await readEvalClaims(resolve('eval/claims.json'))));
});

describe('answer quality on eval/questions.json (offline default)', () => {
  it('retrieves an answering article for nearly every answerable question', () => {
    expect(metrics.retrievalHitAtK).toBeGreaterThanOrEqual(0.95);
  });
  it('states the key facts', () => {
    expect(metrics.keyFactAccuracy).toBeGreaterThanOrEqual(0.8);
  });
  it('cites the articles that answer', () => {
    expect(metrics.citationPrecision).toBeGreaterThanOrEqual(0.9);
  });
  it('refuses exactly the questions the articles cannot answer, mostly', () => {
    expect(metrics.refusalAccuracy).toBeGreaterThanOrEqual(0.88);
  });
  it('quotes every citation verbatim', () => {
    expect(metrics.quoteValidity).toBe(1);
  });
});

describe('fact-check quality on eval/claims.json (offline default)', () => {
  it('gets each verdict class mostly right', () => {
    expect(claimMetrics.claims).toBeGreaterThanOrEqual(30);
    expect(claimMetrics.accuracyByClass.supported).toBeGreaterThanOrEqual(0.85);
    expect(claimMetrics.accuracyByClass.refuted).toBeGreaterThanOrEqual(0.85);
    expect(claimMetrics.accuracyByClass.not_enough_info).toBeGreaterThanOrEqual(0.85);
  });
  it('quotes every citation verbatim, mostly from the deciding article', () => {
    expect(claimMetrics.citationValidity).toBe(1);
    expect(claimMetrics.citationRelevance).toBeGreaterThanOrEqual(0.85);
  });
});
