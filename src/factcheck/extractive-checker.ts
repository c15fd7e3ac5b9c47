// The offline fact-checker: the evidence judge compares the claim with every retrieved sentence;
// a sentence that entails it supports it, one that contradicts it on the same point refutes
// it, and when articles of different dates disagree the newer one decides. Every verdict
// quotes the deciding sentences verbatim.
import { claimParts } from '../grounding/claim-parts.js';
import { articleSentences, candidateSentences, type CandidateSentence, type QuotedSentence } from '../grounding/candidates.js';
import { composeAnswer, relatedFor, type Statement } from '../grounding/citations.js';
import type { Grounding } from '../grounding/grounding.js';
import { toldInThePast, type Conflict, type Hypothesis, type HypothesisOptions, type HypothesisUnit, type Judgement } from '../grounding/judge.js';
import { FACT_CHECK } from '../grounding/tuning.js';
import type { Retriever } from '../retrieval/hybrid-retriever.js';
import type { Passage } from '../types.js';
import type { FactChecker, Verdict } from './verdict.js';

/** A judged sentence: of a retrieved passage, or read from its article past the passages (no passage). */
type JudgedSentence = QuotedSentence & { passage?: Passage };

interface Judged {
  sentence: JudgedSentence;
  judgement: Judgement;
}

function describeConflict(conflict: Conflict): string {
  switch (conflict.kind) {
    case 'number':
    case 'date':
      return `the claim says ${conflict.hypothesis}, the article says ${conflict.sentence}`;
    case 'place':
    case 'person':
      return `the claim names ${conflict.hypothesis}, the article names ${conflict.sentence}`;
    case 'opposite':
    case 'negation':
      return `the claim says "${conflict.hypothesis}", the article says "${conflict.sentence}"`;
    case 'replaced':
      return `the claim names ${conflict.hypothesis}, the article gives it as replaced: "${conflict.sentence}"`;
    case 'comparison':
      return `the claim says ${conflict.hypothesis}, the article gives ${conflict.sentence}`;
    case 'withdrawn':
      return `the claim has ${conflict.hypothesis} take part, the article says it has left: "${conflict.sentence}"`;
  }
}

const dateOf = (entry: Judged) => entry.sentence.article.published ?? '';

export class ExtractiveFactChecker implements FactChecker {
  constructor(
    private readonly retriever: Retriever,
    private readonly grounding: Grounding,
  ) {}

  /** The judge's findings on every retrieved sentence, best supported first. */
  async judgeClaim(claim: string, options: HypothesisOptions = {}): Promise<{ judged: Judged[]; candidates: CandidateSentence[]; hypothesis: Hypothesis }> {
    const repaired = this.grounding.questions.repair(claim);
    const passages = await this.retriever.retrieve(repaired, FACT_CHECK.passages);
    const candidates = candidateSentences(passages);
    const hypothesis = this.grounding.judge.hypothesis(this.grounding.analyze(repaired), options);
    return { judged: this.judgeSentences(hypothesis, candidates), candidates, hypothesis };
  }

  private judgeSentences(hypothesis: Hypothesis, sentences: readonly CandidateSentence[]): Judged[] {
    return sentences
      .map((sentence) => ({ sentence, judgement: this.grounding.judge.judge(hypothesis, this.grounding.sentence(sentence), this.grounding.passage(sentence.passage, 'story')) }))
      .sort((a, b) => b.judgement.support - a.judgement.support);
  }

  /**
   * Sentences of articles newer than the one that supports the claim, found by searching with
   * the supporting sentence itself: an update restates the point in the older article's words
   * ("Mizunagi's share falls to 52% from 55%" after "Mizunagi will carry out 55% of the work"),
   * which the claim's own words may not reach.
   */
  private async laterAccounts(hypothesis: Hypothesis, support: JudgedSentence, judged: readonly Judged[]): Promise<Judged[]> {
    const published = support.article.published;
    if (published === undefined) return [];
    const chunkOf = (passage: Passage) => `${passage.chunk.articleId}#${passage.chunk.start}`;
    const seen = new Set(judged.flatMap((entry) => (entry.sentence.passage ? [chunkOf(entry.sentence.passage)] : [])));
    const passages = await this.retriever.retrieve(support.text, FACT_CHECK.passages);
    const later = passages.filter((passage) => (passage.article.published ?? '') > published && !seen.has(chunkOf(passage)));
    return later.length === 0 ? [] : this.judgeSentences(hypothesis, candidateSentences(later));
  }

  async check(claim: string): Promise<Verdict> {
    const { judged, candidates, hypothesis } = await this.judgeClaim(claim);
    // "July" or "one" states nothing: any sentence with a related word would "support" it.
    if (hypothesis.units.length < MIN_CLAIM_UNITS) return notEnough(claim, candidates, TOO_LITTLE);
    let decision = decide(judged);
    if (decision?.label === 'entails' && !toldInThePast(hypothesis.analysis)) {
      // The rules and the deals change: a later article may revise what an earlier one states,
      // as it holds now. A claim told in the past ("the eight-laser deal was the first") is about
      // then, which a later change does not revise.
      const later = await this.laterAccounts(hypothesis, decision.sentence, judged);
      if (later.length > 0) decision = decide([...judged, ...later].sort((a, b) => b.judgement.support - a.judgement.support));
    }
    decision ??= await this.decideByParts(hypothesis);
    if (!decision) return notEnough(claim, candidates);
    const composed = composeAnswer(decision.statements, 'extractive');
    return {
      claim,
      verdict: decision.label === 'entails' ? 'supported' : 'refuted',
      explanation: composed.answer,
      citations: composed.citations,
      confidence: Number(Math.min(1, decision.support).toFixed(2)),
      mode: 'extractive',
    };
  }

  /** The judge's findings on every sentence of the article of a deciding sentence, read in that sentence's passage. */
  private judgeStory(hypothesis: Hypothesis, decided: JudgedSentence): Judged[] {
    const context = decided.passage ? this.grounding.passage(decided.passage, 'story') : undefined;
    return articleSentences(decided.article)
      .map((sentence) => ({ sentence, judgement: this.grounding.judge.judge(hypothesis, this.grounding.sentence(sentence), context) }))
      .sort((a, b) => b.judgement.support - a.judgement.support);
  }

  /**
   * A claim no one sentence decides may join facts the articles state apart ("adopted on June 16
   * and take effect on July 1"): when one article decides every part, the claim is supported if
   * every part is, and refuted if any part is contradicted.
   */
  private async decideByParts(hypothesis: Hypothesis): Promise<Decision | undefined> {
    const parts = claimParts(hypothesis.analysis);
    const decisions: Decision[] = [];
    for (const part of parts) {
      const { judged, hypothesis: own } = await this.judgeClaim(part.text, { earlierValues: part.earlier });
      // A part of too few words ("eight" of "ten rather than eight"), unless it names something in
      // particular ("originally planned", "deliveries slipped" do not), is no statement to check alone.
      if (own.units.length < MIN_CLAIM_UNITS || (own.units.length < MIN_PART_UNITS && !own.units.some((unit) => unit.specific))) continue;
      // The parts of one claim tell one story: a later part ("and they take effect on June 1") is
      // decided in the article that decided an earlier one when a sentence of it does, read whole
      // (the part alone may not find that article, nor the claim the paragraph that says it).
      const decision = (decisions.length > 0 ? decide(this.judgeStory(own, decisions[0]!.sentence), part.text) : undefined) ?? decide(judged, part.text);
      if (!decision) return undefined;
      decisions.push(decision);
    }
    if (decisions.length < 2) return undefined;
    // Facts joined in one claim are reported together: parts that only sentences of different
    // articles decide ("Chile chose the drone" / "it was cheaper") are loose matches, not one claim.
    if (new Set(decisions.map((decision) => decision.article)).size > 1) return undefined;
    const refuting = decisions.find((decision) => decision.label === 'contradicts');
    if (refuting) return refuting;
    // Parts decided alike may note the same other article: it is quoted once.
    const statements = [...new Map(decisions.flatMap((decision) => decision.statements).map((statement) => [statement.text, statement])).values()];
    return { label: 'entails', support: Math.min(...decisions.map((decision) => decision.support)), article: decisions[0]!.article, sentence: decisions[0]!.sentence, statements };
  }
}

/** A verdict reached on a claim or a part of one, with the statements that quote its evidence. */
interface Decision {
  label: 'entails' | 'contradicts';
  support: number;
  /** The article of the deciding sentence. */
  article: string;
  /** The deciding sentence. */
  sentence: JudgedSentence;
  statements: Statement[];
}

/** The verdict the judged sentences reach on a claim or on one `part` of it, or none when no sentence decides. */
function decide(judged: readonly Judged[], part?: string): Decision | undefined {
  const deciding = judged.filter((entry) => entry.judgement.label !== 'neutral');
  if (deciding.length === 0) return undefined;
  let decisive = deciding[0]!;
  // A sentence that states the point itself outweighs one that entails it only through its
  // passage: "build a factory in Komaki" refutes "built in Sagamihara" though the lead,
  // whose passage names Sagamihara, matches more of the claim.
  const direct = decisive.judgement.label === 'entails' ? deciding.find((entry) => entry.judgement.conflict && matchedThroughPassage(decisive.judgement, entry.judgement.conflict.unit)) : undefined;
  if (direct) decisive = direct;
  // The rules changed over time: a newer article that says otherwise on the same point decides.
  let newer = deciding.find((entry) => entry.judgement.label !== decisive.judgement.label && dateOf(entry) > dateOf(decisive) && entry.judgement.support >= decisive.judgement.support - FACT_CHECK.newerMargin);
  // What an earlier article states, a later one may revise in words of its own: another figure or
  // date for the claim's, on a point it shares most of (see Judgement.otherValue).
  newer ??= decisive.judgement.label === 'entails' ? judged.find((entry) => entry.judgement.otherValue && dateOf(entry) > dateOf(decisive) && entry.sentence.article.id !== decisive.sentence.article.id) : undefined;
  const older = newer ? decisive : deciding.find((entry) => entry.judgement.label !== decisive.judgement.label && dateOf(entry) < dateOf(decisive));
  if (newer) decisive = newer;
  const statements: Statement[] = [statement(decisive, part)];
  if (older && older.sentence.article.id !== decisive.sentence.article.id) {
    statements.push({ text: `An earlier article (${older.sentence.article.published ?? 'undated'}) said otherwise: "${older.sentence.text}"`, evidence: [older.sentence] });
  }
  // A newer article on the same subject that decides nothing may still mean the rules have moved on.
  const newerOnSubject = judged.find((entry) => dateOf(entry) > dateOf(decisive) && entry.judgement.label === 'neutral' && entry.judgement.support >= FACT_CHECK.subjectSupport);
  if (newerOnSubject && !newer) {
    statements.push({ text: `A newer article (${newerOnSubject.sentence.article.published}) also speaks to this; check whether the rules have changed since: "${newerOnSubject.sentence.text}"`, evidence: [newerOnSubject.sentence] });
  }
  const label = decisive.judgement.label === 'entails' ? 'entails' : 'contradicts';
  return { label, support: decisive.judgement.support, article: decisive.sentence.article.id, sentence: decisive.sentence, statements };
}

/** Whether the judgement matched the unit only in the sentence's passage (no word of the sentence itself). */
function matchedThroughPassage(judgement: Judgement, unit: HypothesisUnit): boolean {
  const aligned = judgement.alignment.find((entry) => entry.unit === unit);
  return aligned !== undefined && aligned.strength > 0 && aligned.sentenceWords.length === 0;
}

function statement(entry: Judged, part?: string): Statement {
  const date = entry.sentence.article.published ? ` (${entry.sentence.article.published})` : '';
  const label = entry.judgement.label === 'entails' ? 'Supported' : 'Refuted';
  const of = part === undefined ? '' : ` on "${part}"`;
  const lead = entry.judgement.label === 'entails' ? `${label}${of}: the article${date} states it` : `${label}${of}: ${describeConflict((entry.judgement.conflict ?? entry.judgement.otherValue)!)}${date}`;
  return { text: `${lead}: "${entry.sentence.text}"`, evidence: [entry.sentence] };
}

/** A claim says something about something: at least two names, numbers or content words. */
const MIN_CLAIM_UNITS = 2;
/** A part of a claim that names nothing in particular says something only in a few more words. */
const MIN_PART_UNITS = 3;
const TOO_LITTLE = 'Not enough information: the claim says too little to check. Write it as a statement, e.g. "Japan agreed to sell frigates to Australia."';

function notEnough(claim: string, candidates: CandidateSentence[], explanation = 'Not enough information: none of the stored articles states this or anything that contradicts it.'): Verdict {
  const related = candidates.slice(0, 3).map(relatedFor);
  const verdict: Verdict = {
    claim,
    verdict: 'not_enough_info',
    explanation,
    citations: [],
    confidence: 0.5,
    mode: 'extractive',
  };
  if (related.length > 0) verdict.related = related;
  return verdict;
}
