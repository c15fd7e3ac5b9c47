// The sentence-ranking model and its fitting: pure functions, checked on small made-up groups.
import { describe, expect, it } from 'vitest';
import { fitSoftmax, topOneAccuracy, type SoftmaxGroup } from '../src/eval/fit-softmax.js';
import { FEATURE_NAMES, keywordScores, rankingScore, rankingVector, type RankingFeatures } from '../src/grounding/sentence-ranking.js';
import type { CandidateSentence } from '../src/grounding/candidates.js';

const zero = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as unknown as RankingFeatures;
const weightsOf = (weights: Partial<RankingFeatures>) => rankingVector({ ...zero, ...weights });
const weightOf = (weights: number[], name: keyof RankingFeatures) => weights[FEATURE_NAMES.indexOf(name)]!;
const features = (overrides: Partial<RankingFeatures>): number[] => rankingVector({ ...zero, ...overrides });

describe('sentence ranking', () => {
  it('scores a sentence as the weighted sum of its features', () => {
    expect(rankingScore({ ...zero, support: 0.5, keywords: 1 }, { ...zero, support: 2, keywords: -1 })).toBeCloseTo(0);
    expect(rankingScore({ ...zero, support: 0.5, keywords: 1 }, { ...zero, support: 2, keywords: 1 })).toBeCloseTo(2);
  });

  it('learns which feature marks the sentence holding the fact', () => {
    // The relevant sentence has high keyword overlap but lower judge support: weights that
    // trust support alone rank it second; the fit must learn to trust keywords.
    const groups: SoftmaxGroup[] = Array.from({ length: 20 }, (_, i) => ({
      id: `g${i}`,
      features: [features({ support: 0.9, keywords: 0.2 }), features({ support: 0.6 + i / 100, keywords: 1 }), features({ support: 0.3, keywords: 0.1 })],
      target: [false, true, false],
    }));
    const start = weightsOf({ support: 1 });
    expect(topOneAccuracy(groups, start)).toBe(0);
    const fitted = fitSoftmax(groups, start);
    expect(topOneAccuracy(groups, fitted)).toBe(1);
    expect(weightOf(fitted, 'keywords')).toBeGreaterThan(0);
  });

  it('ignores groups where every sentence, or none, holds the fact', () => {
    const uninformative: SoftmaxGroup[] = [
      { id: 'all', features: [features({ support: 1 }), features({ support: 0 })], target: [true, true] },
      { id: 'none', features: [features({ support: 1 }), features({ support: 0 })], target: [false, false] },
    ];
    expect(fitSoftmax(uninformative, weightsOf({}))).toEqual(weightsOf({}));
  });

  it('scores keyword overlap relative to the best candidate, favouring rare words and short sentences', () => {
    const idf = (word: string) => (word === 'patriot' ? 3 : 1);
    const corpus = { idf, has: () => true, words: () => [] };
    const candidate = (text: string) => ({ text, memo: {} }) as unknown as CandidateSentence;
    const [short, long, none] = keywordScores('patriot missiles', [candidate('Patriot missiles.'), candidate('The Patriot missiles were sold to the United States after a long review by the cabinet.'), candidate('Nothing here.')], corpus);
    expect(short).toBe(1);
    expect(long).toBeGreaterThan(0);
    expect(long).toBeLessThan(1);
    expect(none).toBe(0);
  });

  it('looks up idf by the word as written, not by its stem, which the corpus would stem again', () => {
    // A stem is not always its own stem ("defense" -> "defens" -> "defen"): looked up by stem, a
    // common word would count as one the corpus lacks, at the highest idf.
    const idf = (word: string) => ({ defense: 3, missiles: 1 })[word] ?? 10;
    const corpus = { idf, has: () => true, words: () => [] };
    const candidate = (text: string) => ({ text, memo: {} }) as unknown as CandidateSentence;
    const [defense, missiles] = keywordScores('defense missiles', [candidate('Defense spending rose sharply.'), candidate('Missiles were sold abroad.')], corpus);
    expect(defense).toBe(1);
    expect(missiles).toBeLessThan(0.5);
  });
});
