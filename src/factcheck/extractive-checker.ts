// The offline fact-checker: finds the article sentences that speak to a claim and decides
// whether they state it (supported), state something incompatible with it (refuted), or do
// not settle it. Every verdict quotes the deciding sentences verbatim.
import { composeAnswer, relatedFor, type Statement } from '../answering/compose.js';
import { candidateSentences, type CandidateSentence, type EvidenceScorer, type WeightedTerm } from '../answering/evidence.js';
import { analyzeQuestion } from '../answering/question.js';
import type { Retriever } from '../retrieval/hybrid-retriever.js';
import { findConflicts, type Conflict } from './conflicts.js';
import type { FactChecker, Verdict, VerdictLabel } from './verdict.js';

export interface FactCheckOptions {
  /** Passages retrieved per claim. */
  k: number;
  /** Weighted share of the claim's words a sentence must state to support it. */
  supportCoverage: number;
  /** Share of the claim's other words a conflicting sentence must state to refute it. */
  refuteCoverage: number;
  /** Share of the claim's words a newer sentence must share to count as being on the same subject. */
  subjectCoverage: number;
}

export const DEFAULT_FACT_CHECK: FactCheckOptions = { k: 8, supportCoverage: 0.8, refuteCoverage: 0.65, subjectCoverage: 0.5 };

interface Judged {
  sentence: CandidateSentence;
  verdict: Exclude<VerdictLabel, 'not_enough_info'>;
  coverage: number;
  conflict?: Conflict;
}

function describe(conflict: Conflict): string {
  switch (conflict.kind) {
    case 'number':
      return `the claim says ${conflict.claim}, the article says ${conflict.article}`;
    case 'date':
      return `the claim says ${conflict.claim}, the article says ${conflict.article}`;
    case 'entity':
      return `the claim names ${conflict.claim}, the article names ${conflict.article}`;
    case 'polarity':
      return `the claim says "${conflict.claim}", the article says "${conflict.article}"`;
  }
}

function dateOf(sentence: CandidateSentence): string {
  return sentence.article.published ?? '';
}

export class ExtractiveFactChecker implements FactChecker {
  private readonly retriever: Retriever;
  private readonly scorer: EvidenceScorer;
  private readonly options: FactCheckOptions;

  constructor(retriever: Retriever, scorer: EvidenceScorer, options: Partial<FactCheckOptions> = {}) {
    this.retriever = retriever;
    this.scorer = scorer;
    this.options = { ...DEFAULT_FACT_CHECK, ...options };
  }

  async check(claim: string): Promise<Verdict> {
    const passages = await this.retriever.retrieve(claim, this.options.k);
    const candidates = candidateSentences(passages);
    const focus = this.scorer.weigh(analyzeQuestion(claim).focus);
    const judged: Judged[] = [];
    for (const sentence of candidates) {
      const conflicts = findConflicts(claim, sentence.text, this.scorer.vectors);
      if (conflicts.length === 0) {
        const coverage = this.scorer.coverage(focus, [sentence]);
        if (coverage >= this.options.supportCoverage) judged.push({ sentence, verdict: 'supported', coverage });
        continue;
      }
      // Two or more disagreements (another number *and* another country) describe a different
      // event, which neither confirms nor contradicts the claim.
      if (conflicts.length > 1) continue;
      const conflict = conflicts[0]!;
      const rest = focus.filter(({ term }) => !conflict.stems.includes(term.stem) && !conflict.stems.includes(term.word));
      const coverage = this.scorer.coverage(rest, [sentence]);
      if (coverage >= this.options.refuteCoverage) judged.push({ sentence, verdict: 'refuted', coverage, conflict });
    }

    if (judged.length === 0) return this.notEnough(claim, candidates);
    // The newest article decides (the rules changed over time); among equally new ones the
    // closest match does.
    judged.sort((a, b) => dateOf(b.sentence).localeCompare(dateOf(a.sentence)) || b.coverage - a.coverage);
    const decisive = judged[0]!;
    const statements: Statement[] = [this.statement(decisive)];
    const older = judged.find((entry) => entry.verdict !== decisive.verdict && dateOf(entry.sentence) < dateOf(decisive.sentence));
    if (older) {
      statements.push({ text: `An earlier article (${older.sentence.article.published ?? 'undated'}) said otherwise: "${older.sentence.text}"`, evidence: [older.sentence] });
    }
    // A newer article on the same subject that decides nothing by these rules may still mean
    // the rules have moved on; the reader should see it.
    const newer = this.newerOnSubject(focus, candidates, decisive);
    if (newer) {
      statements.push({ text: `A newer article (${newer.article.published}) also speaks to this; check whether the rules have changed since: "${newer.text}"`, evidence: [newer] });
    }
    const composed = composeAnswer(statements, 'extractive');
    return {
      claim,
      verdict: decisive.verdict,
      explanation: composed.answer,
      citations: composed.citations,
      confidence: Number(Math.min(1, decisive.coverage).toFixed(2)),
      mode: 'extractive',
    };
  }

  private newerOnSubject(focus: WeightedTerm[], candidates: CandidateSentence[], decisive: Judged): CandidateSentence | undefined {
    const decidedDate = dateOf(decisive.sentence);
    let best: { sentence: CandidateSentence; coverage: number } | undefined;
    for (const sentence of candidates) {
      if (!decidedDate || dateOf(sentence) <= decidedDate) continue;
      const coverage = this.scorer.coverage(focus, [sentence]);
      if (coverage >= this.options.subjectCoverage && (!best || coverage > best.coverage)) best = { sentence, coverage };
    }
    return best?.sentence;
  }

  private statement(entry: Judged): Statement {
    const date = entry.sentence.article.published ? ` (${entry.sentence.article.published})` : '';
    const lead =
      entry.verdict === 'supported'
        ? `Supported: the article${date} states it`
        : `Refuted: ${describe(entry.conflict!)}${date}`;
    return { text: `${lead}: "${entry.sentence.text}"`, evidence: [entry.sentence] };
  }

  private notEnough(claim: string, candidates: CandidateSentence[]): Verdict {
    const related = candidates.slice(0, 3).map(relatedFor);
    const verdict: Verdict = {
      claim,
      verdict: 'not_enough_info',
      explanation: 'Not enough information: none of the stored articles states this or anything that contradicts it.',
      citations: [],
      confidence: 0.5,
      mode: 'extractive',
    };
    if (related.length > 0) verdict.related = related;
    return verdict;
  }
}
