// Fits a linear scoring model by softmax: in each group of alternatives (the sentences that
// could answer a question, the verdicts a claim could get), the alternatives marked as targets
// should get the probability. A linear model over a handful of features is small and convex,
// so plain gradient descent finds the optimum.

/** Alternatives as feature vectors, and which of them are right. */
export interface SoftmaxGroup {
  id: string;
  features: number[][];
  target: boolean[];
}

export interface FitOptions {
  iterations?: number;
  learningRate?: number;
  /** L2 penalty: keeps weights of features the data hardly informs near zero. */
  l2?: number;
}

export function score(features: readonly number[], weights: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]! * features[i]!;
  return total;
}

/** Groups where the choice is informative: some alternatives are right and some wrong. */
function informative(groups: readonly SoftmaxGroup[]): SoftmaxGroup[] {
  return groups.filter((group) => group.target.some(Boolean) && !group.target.every(Boolean));
}

export function fitSoftmax(groups: readonly SoftmaxGroup[], start: readonly number[], options: FitOptions = {}): number[] {
  const { iterations = 4000, learningRate = 0.3, l2 = 0.002 } = options;
  const usable = informative(groups);
  const weights = [...start];
  if (usable.length === 0) return weights;
  for (let step = 0; step < iterations; step++) {
    const gradient = weights.map((weight) => l2 * weight);
    for (const group of usable) {
      const probabilities = softmax(group.features.map((features) => score(features, weights)));
      const targetMass = probabilities.reduce((sum, p, i) => sum + (group.target[i] ? p : 0), 0);
      group.features.forEach((features, i) => {
        // d(-log targetMass)/d score_i = p_i - (target_i ? p_i / targetMass : 0)
        const delta = probabilities[i]! - (group.target[i] ? probabilities[i]! / targetMass : 0);
        for (let k = 0; k < weights.length; k++) gradient[k]! += (delta * features[k]!) / usable.length;
      });
    }
    for (let k = 0; k < weights.length; k++) weights[k]! -= learningRate * gradient[k]!;
  }
  return weights;
}

/** Share of groups (with at least one target) whose best-scored alternative is a target. */
export function topOneAccuracy(groups: readonly SoftmaxGroup[], weights: readonly number[]): number {
  const usable = groups.filter((group) => group.target.some(Boolean));
  if (usable.length === 0) return 1;
  const hits = usable.filter((group) => {
    const scores = group.features.map((features) => score(features, weights));
    return group.target[scores.indexOf(Math.max(...scores))];
  }).length;
  return hits / usable.length;
}

function softmax(scores: number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((value) => Math.exp(value - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}
