// Scores fact-checking on the public claim set: verdict accuracy per class and citation validity.
import { readFile } from 'node:fs/promises';
import type { Verdict, VerdictLabel } from '../factcheck/verdict.js';
import type { QaService } from '../qa-service.js';

export interface EvalClaim {
  id: string;
  claim: string;
  verdict: VerdictLabel;
  /** Articles whose sentences decide the claim. */
  articles?: string[];
  kind?: string;
}

export interface ClaimResult {
  item: EvalClaim;
  result: Verdict;
  correct: boolean;
}

export interface ClaimMetrics {
  claims: number;
  accuracy: number;
  accuracyByClass: Record<VerdictLabel, number>;
  /** Share of citations whose quote is exactly the article text at its offsets. */
  citationValidity: number;
  /** Share of citations of correct supported/refuted verdicts that come from a deciding article. */
  citationRelevance: number;
}

export async function readEvalClaims(path: string): Promise<EvalClaim[]> {
  return JSON.parse(await readFile(path, 'utf8')) as EvalClaim[];
}

export async function evaluateClaim(service: QaService, item: EvalClaim): Promise<ClaimResult> {
  const result = await service.factcheck(item.claim);
  return { item, result, correct: result.verdict === item.verdict };
}

export async function evaluateClaims(service: QaService, claims: EvalClaim[]): Promise<{ metrics: ClaimMetrics; results: ClaimResult[] }> {
  const results: ClaimResult[] = [];
  for (const item of claims) results.push(await evaluateClaim(service, item));
  const classes: VerdictLabel[] = ['supported', 'refuted', 'not_enough_info'];
  const accuracyByClass = Object.fromEntries(
    classes.map((label) => {
      const inClass = results.filter((entry) => entry.item.verdict === label);
      return [label, inClass.length ? inClass.filter((entry) => entry.correct).length / inClass.length : 1];
    }),
  ) as Record<VerdictLabel, number>;
  const citations = results.flatMap((entry) => entry.result.citations);
  const articles = await service.index.articlesById(citations.map((citation) => citation.articleId));
  const valid = citations.filter((citation) => articles.get(citation.articleId)?.text.slice(citation.start, citation.end) === citation.quote).length;
  const decided = results.filter((entry) => entry.correct && entry.item.verdict !== 'not_enough_info');
  const decidedCitations = decided.flatMap((entry) => entry.result.citations.map((citation) => (entry.item.articles ?? []).includes(citation.articleId)));
  return {
    results,
    metrics: {
      claims: results.length,
      accuracy: results.filter((entry) => entry.correct).length / Math.max(1, results.length),
      accuracyByClass,
      citationValidity: citations.length ? valid / citations.length : 1,
      citationRelevance: decidedCitations.length ? decidedCitations.filter(Boolean).length / decidedCitations.length : 1,
    },
  };
}
