// Fits the sentence-ranking weights: a softmax over each question's eligible sentences,
// trained so that the sentences holding a key fact get the probability. Small and convex (a
// linear model over a handful of features), so plain gradient descent finds the optimum.
import { FEATURE_NAMES, rankingScore, type FeatureName, type RankingFeatures } from '../grounding/sentence-ranking.js';

/** One question part's eligible sentences, with which of them hold a key fact. */
export interface RankingGroup {
  id: string;
  features: RankingFeatures[];
  relevant: boolean[];
}

export type RankerWeights = Record<FeatureName, number>;

export interface FitOptions {
  iterations?: number;
  learningRate?: number;
  /** L2 penalty: keeps weights of features the data hardly informs near zero. */
  l2?: number;
}

export function fitRanker(groups: readonly RankingGroup[], start: Readonly<RankerWeights>, options: FitOptions = {}): RankerWeights {
  const { iterations = 4000, learningRate = 0.3, l2 = 0.002 } = options;
  const usable = groups.filter((group) => group.relevant.some(Boolean) && !group.relevant.every(Boolean));
  const weights = { ...start };
  if (usable.length === 0) return weights;
  for (let step = 0; step < iterations; step++) {
    const gradient = Object.fromEntries(FEATURE_NAMES.map((name) => [name, l2 * weights[name]])) as RankerWeights;
    for (const group of usable) {
      const probabilities = softmax(group.features.map((features) => rankingScore(features, weights)));
      const relevantMass = probabilities.reduce((sum, p, i) => sum + (group.relevant[i] ? p : 0), 0);
      group.features.forEach((features, i) => {
        // d(-log relevantMass)/d score_i = p_i - (relevant_i ? p_i / relevantMass : 0)
        const delta = probabilities[i]! - (group.relevant[i] ? probabilities[i]! / relevantMass : 0);
        for (const name of FEATURE_NAMES) gradient[name] += (delta * features[name]) / usable.length;
      });
    }
    for (const name of FEATURE_NAMES) weights[name] -= learningRate * gradient[name];
  }
  return weights;
}

/** Share of groups whose best-scored sentence holds a key fact (groups with any such sentence). */
export function topOneAccuracy(groups: readonly RankingGroup[], weights: Readonly<RankerWeights>): number {
  const usable = groups.filter((group) => group.relevant.some(Boolean));
  if (usable.length === 0) return 1;
  const hits = usable.filter((group) => {
    const scores = group.features.map((features) => rankingScore(features, weights));
    return group.relevant[scores.indexOf(Math.max(...scores))];
  }).length;
  return hits / usable.length;
}

function softmax(scores: number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}
