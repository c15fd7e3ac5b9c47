// How well a retrieved sentence answers a question part, as one score: a linear model over a few
// features of the judge's verdict and of the sentence. The weights (RANKER in tuning.ts) are
// fitted on the dev splits by `npm run fit`, so the balance between matching the words,
// carrying the asked-for detail and being a compact statement is measured, not set by hand.
import { indexTerms, BM25_B, BM25_K1 } from '../index-store/lexical-index.js';
import { contentTokens, stem } from '../text/tokens.js';
import type { CandidateSentence } from './candidates.js';
import type { CorpusTerms } from './lexicon/lexicon.js';
import { RANKER } from './tuning.js';

export interface RankingFeatures {
  /** The judge's weighted share of the question matched by the sentence (0-1). */
  support: number;
  /** The sentence carries the detail a strict question asks for, next to what the question matches. */
  detailNear: number;
  /** ... or elsewhere in the sentence. */
  detailFar: number;
  /** Cosine similarity of the question's and the sentence's embeddings. */
  dense: number;
  /** BM25 of the sentence for the question, as a share of the best candidate's (0-1). */
  keywords: number;
  /** Rank of the retrieved passage the sentence came from (0 = best). */
  passageRank: number;
  /** How far into its article the sentence starts: log(1 + characters / 1000). Leads state the news. */
  position: number;
  /** The sentence's article is the newest of the retrieved ones (0/1). */
  newest: number;
  /** ... and the question asks about the current state ("now", "latest", "still"). */
  newestAsked: number;
  /** log(words): long sentences match more words without answering better. */
  length: number;
}

export type FeatureName = keyof RankingFeatures;

export const FEATURE_NAMES: readonly FeatureName[] = ['support', 'detailNear', 'detailFar', 'dense', 'keywords', 'passageRank', 'position', 'newest', 'newestAsked', 'length'];

export function rankingVector(features: RankingFeatures): number[] {
  return FEATURE_NAMES.map((name) => features[name]);
}

export function rankingScore(features: RankingFeatures, weights: Readonly<Record<FeatureName, number>> = RANKER): number {
  let score = 0;
  for (const name of FEATURE_NAMES) score += weights[name] * features[name];
  return score;
}

/** Sentence length assumed by BM25's length normalisation: about a typical news sentence. */
const AVERAGE_SENTENCE_TERMS = 15;

/**
 * BM25 of each candidate for the question, divided by the best candidate's: the sentence-level
 * keyword match that the simple "best BM25 sentence" answer relies on, with idf from the corpus.
 */
export function keywordScores(question: string, candidates: readonly CandidateSentence[], corpus: CorpusTerms): number[] {
  // idf is looked up by the word as written: the corpus stems it itself, and a stem is not always
  // its own stem.
  const idf = new Map<string, number>();
  for (const { word } of contentTokens(question)) {
    const term = stem(word);
    if (!idf.has(term)) idf.set(term, corpus.idf(word));
  }
  const scores = candidates.map((candidate) => {
    const terms = (candidate.memo.terms ??= indexTerms(candidate.text));
    // The question's terms the sentence has, in the order they first occur (the order the
    // score is summed in), with their counts: a question has a handful of terms, so two short
    // arrays rather than a Map for every candidate of every request.
    const found: string[] = [];
    const counts: number[] = [];
    for (const term of terms) {
      if (!idf.has(term)) continue;
      const at = found.indexOf(term);
      if (at === -1) {
        found.push(term);
        counts.push(1);
      } else counts[at]!++;
    }
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * terms.length) / AVERAGE_SENTENCE_TERMS);
    let score = 0;
    for (let i = 0; i < found.length; i++) score += (idf.get(found[i]!)! * counts[i]! * (BM25_K1 + 1)) / (counts[i]! + norm);
    return score;
  });
  const best = Math.max(...scores, 0);
  return scores.map((score) => (best > 0 ? score / best : 0));
}

/** The newest publication date among the candidates' articles, to mark sentences from it. */
export function newestPublished(candidates: readonly CandidateSentence[]): string | undefined {
  let newest: string | undefined;
  for (const candidate of candidates) {
    const published = candidate.article.published;
    if (published && (!newest || published > newest)) newest = published;
  }
  return newest;
}
