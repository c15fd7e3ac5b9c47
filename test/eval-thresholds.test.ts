// Quality targets. The frozen test split (eval/test/) is only ever scored here, never tuned on;
// the dev-seed split (eval/questions.json, eval/claims.json) keeps the floor a change must not
// break. Both use the split indexes of src/eval/splits.ts with the offline default.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateAnswers, type AnswerMetrics } from '../src/eval/answer-eval.js';
import { evaluateClaims, type ClaimMetrics } from '../src/eval/claim-eval.js';
import { evaluateSplit, runMetrics, type SplitMetrics } from '../src/eval/split-eval.js';
import { openSplitService, readSplit, splitFiles, type SplitName } from '../src/eval/splits.js';

/** The split's service (offline default, whatever the environment says) and its items. */
async function openSplit(name: SplitName) {
  const data = await readSplit(name);
  const opened = await openSplitService(name, {});
  if (!data || !opened) throw new Error(`split ${name} is missing ${splitFiles(name).questionsFile}`);
  return { ...opened, data };
}

const testQuestions = splitFiles('test').questionsFile;
const testSplitPresent = existsSync(testQuestions);
if (!testSplitPresent) console.warn(`eval-thresholds: ${testQuestions} is missing; skipping the test-split targets.`);

/** A share that must exist (null means the split has no items to measure it on). */
function measured(value: number | null, what: string): number {
  expect(value, `the test split has no items for ${what}`).not.toBeNull();
  return value!;
}

describe.skipIf(!testSplitPresent)(`targets on the test split (eval/test/, offline default)${testSplitPresent ? '' : ' - skipped: eval/test/questions.json is missing'}`, () => {
  let metrics: SplitMetrics;

  beforeAll(async () => {
    const { service, config, data } = await openSplit('test');
    metrics = runMetrics(await evaluateSplit('test', service, config, data));
  });

  // Floors at the measured level, so a regression fails here. The grounding issue's targets
  // (key facts 0.85, answerable refused 0.05, unanswerable refused 0.85, each claim class 0.85,
  // key facts 15 points above the baseline's two best sentences) are not reached yet.
  it('states the key facts of answerable questions', () => {
    expect(measured(metrics.keyFacts, 'key facts')).toBeGreaterThanOrEqual(0.72);
  });
  it('rarely refuses an answerable question', () => {
    expect(measured(metrics.answerableRefused, 'answerable refused')).toBeLessThanOrEqual(0.1);
  });
  it('refuses the questions the articles do not answer', () => {
    expect(measured(metrics.unanswerableRefused, 'unanswerable refused')).toBeGreaterThanOrEqual(0.5);
  });
  it('gets each claim verdict class right', () => {
    expect(measured(metrics.claimAccuracy.supported, 'supported claims')).toBeGreaterThanOrEqual(0.76);
    expect(measured(metrics.claimAccuracy.refuted, 'refuted claims')).toBeGreaterThanOrEqual(0.5);
    expect(measured(metrics.claimAccuracy.not_enough_info, 'not_enough_info claims')).toBeGreaterThanOrEqual(0.75);
  });
  it('resolves every marker and quotes verbatim in every answer and verdict', () => {
    expect(measured(metrics.quotesAndMarkers, 'quotes and markers')).toBe(1);
  });
  it('stays within 5 points of the best-BM25-sentence baseline (top-2) on key facts (target: 15 points above it)', () => {
    expect(measured(metrics.keyFacts, 'key facts')).toBeGreaterThanOrEqual(measured(metrics.baselineTop2, 'baseline') - 0.05);
  });
  it('keeps answers short: at most 2.5 marked statements on average', () => {
    expect(measured(metrics.markedStatements, 'marked statements')).toBeLessThanOrEqual(2.5);
  });
});

describe('floor on the dev-seed split (eval/questions.json, eval/claims.json, offline default)', () => {
  let metrics: AnswerMetrics;
  let claimMetrics: ClaimMetrics;

  beforeAll(async () => {
    const { service, config, data } = await openSplit('dev-seed');
    ({ metrics } = await evaluateAnswers(service, data.questions, config.defaultK));
    ({ metrics: claimMetrics } = await evaluateClaims(service, data.claims));
  });

  describe('answers', () => {
    it('retrieves an answering article for nearly every answerable question', () => {
      expect(metrics.retrievalHitAtK).toBeGreaterThanOrEqual(0.95);
    });
    it('states the key facts', () => {
      expect(metrics.keyFactAccuracy).toBeGreaterThanOrEqual(0.8);
    });
    it('cites the articles that answer', () => {
      expect(metrics.citationPrecision).toBeGreaterThanOrEqual(0.8);
    });
    it('refuses exactly the questions the articles cannot answer, mostly', () => {
      expect(metrics.refusalAccuracy).toBeGreaterThanOrEqual(0.9);
    });
    it('quotes every citation verbatim', () => {
      expect(metrics.quoteValidity).toBe(1);
    });
  });

  describe('fact-checks', () => {
    it('gets each verdict class mostly right', () => {
      expect(claimMetrics.claims).toBeGreaterThanOrEqual(30);
      expect(claimMetrics.accuracyByClass.supported).toBeGreaterThanOrEqual(0.85);
      expect(claimMetrics.accuracyByClass.refuted).toBeGreaterThanOrEqual(0.85);
      expect(claimMetrics.accuracyByClass.not_enough_info).toBeGreaterThanOrEqual(0.7);
    });
    it('quotes every citation verbatim, mostly from the deciding article', () => {
      expect(claimMetrics.citationValidity).toBe(1);
      expect(claimMetrics.citationRelevance).toBeGreaterThanOrEqual(0.8);
    });
  });
});
