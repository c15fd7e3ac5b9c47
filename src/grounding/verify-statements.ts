// Checks model-written text against the passages it cites: a statement is kept only when the
// evidence judge finds a sentence of a cited passage that entails it, and it is cited by that
// sentence, quoted verbatim.
import { splitSentences } from '../chunking/sentences.js';
import type { Passage } from '../types.js';
import { candidateSentences, type CandidateSentence } from './candidates.js';
import { stripMarkers, type Statement } from './citations.js';
import type { Grounding } from './grounding.js';
import type { Judgement } from './judge.js';

export interface VerifiedStatement extends Statement {
  /** The judge's findings for the sentence each evidence span quotes. */
  judgements: Judgement[];
}

export interface Verification {
  statements: VerifiedStatement[];
  /** Statements removed because no cited passage entails them. */
  dropped: number;
}

/** The sentence of the passage that best entails the statement, if one does. */
export function entailingSentence(statement: string, passage: Passage, grounding: Grounding): { sentence: CandidateSentence; judgement: Judgement } | undefined {
  const hypothesis = grounding.judge.hypothesis(grounding.analyze(statement));
  if (hypothesis.units.length === 0) return undefined;
  let best: { sentence: CandidateSentence; judgement: Judgement } | undefined;
  for (const sentence of candidateSentences([passage])) {
    const judgement = grounding.judge.judge(hypothesis, grounding.sentence(sentence));
    if (judgement.label !== 'entails') continue;
    if (!best || judgement.support > best.judgement.support) best = { sentence, judgement };
  }
  return best;
}

/**
 * Sentences of model output with their markers. "… by 2035. [1]" splits after the full stop,
 * leaving "[1]" on its own; markers that open a piece belong to the sentence before it.
 */
function sentencesWithMarkers(text: string): string[] {
  const pieces: string[] = [];
  for (const range of splitSentences(text)) {
    const piece = text.slice(range.start, range.end);
    const leading = /^(\s*\[\d+\])+/.exec(piece)?.[0];
    if (leading && pieces.length > 0) {
      pieces[pieces.length - 1] += ` ${leading.trim()}`;
      const rest = piece.slice(leading.length).trim();
      if (rest) pieces.push(rest);
    } else pieces.push(piece);
  }
  return pieces;
}

export function verifyStatements(text: string, passages: readonly Passage[], grounding: Grounding): Verification {
  const statements: VerifiedStatement[] = [];
  let dropped = 0;
  for (const sentence of sentencesWithMarkers(text)) {
    const body = stripMarkers(sentence);
    if (!/[\p{L}\p{N}]/u.test(body)) continue;
    const cited = [...new Set([...sentence.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))];
    const support = cited.flatMap((n) => {
      const passage = passages[n - 1];
      const found = passage ? entailingSentence(body, passage, grounding) : undefined;
      return found ? [found] : [];
    });
    if (support.length === 0) dropped++;
    else statements.push({ text: body, evidence: support.map(({ sentence }) => sentence), judgements: support.map(({ judgement }) => judgement) });
  }
  return { statements, dropped };
}
