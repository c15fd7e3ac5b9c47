// Checks model-written text against the passages it cites: each sentence keeps only the
// markers whose passage contains a sentence that supports it, and is cited by that sentence.
import { splitSentences } from '../chunking/sentences.js';
import type { WordVectors } from '../embeddings/word-vectors.js';
import { contentTokens, stem } from '../text/tokens.js';
import type { Passage } from '../types.js';
import { stripMarkers, type Evidence, type Statement } from './compose.js';
import { candidateSentences, SYNONYM_SIMILARITY, type CandidateSentence } from './evidence.js';

/** Share of a statement's content words that one sentence of the cited passage must contain. */
const MIN_SUPPORT = 0.6;

export interface Verification {
  statements: Statement[];
  /** Sentences removed because no cited passage supports them. */
  dropped: number;
}

/** The sentence of the passage that best supports the statement, if one does. */
export function supportingSentence(statement: string, passage: Passage, vectors: WordVectors): Evidence | undefined {
  const terms = [...new Set(contentTokens(statement).map((token) => token.word))];
  if (terms.length === 0) return undefined;
  let best: { sentence: CandidateSentence; share: number } | undefined;
  for (const sentence of candidateSentences([passage])) {
    // Numbers are facts: a sentence lacking a number the statement states does not support it.
    if (terms.some((term) => /\d/.test(term) && !sentence.stems.has(term))) continue;
    const found = terms.filter((term) => sentence.stems.has(stem(term)) || sentence.words.some((word) => (vectors.similarity(term, word) ?? 0) >= SYNONYM_SIMILARITY));
    const share = found.length / terms.length;
    if (!best || share > best.share) best = { sentence, share };
  }
  if (!best || best.share < MIN_SUPPORT) return undefined;
  return { article: best.sentence.article, start: best.sentence.start, end: best.sentence.end };
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

export function verifyStatements(text: string, passages: readonly Passage[], vectors: WordVectors): Verification {
  const statements: Statement[] = [];
  let dropped = 0;
  for (const sentence of sentencesWithMarkers(text)) {
    const body = stripMarkers(sentence);
    if (contentTokens(body).length === 0) continue;
    const cited = [...new Set([...sentence.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))];
    const evidence = cited.flatMap((n) => {
      const passage = passages[n - 1];
      const support = passage ? supportingSentence(body, passage, vectors) : undefined;
      return support ? [support] : [];
    });
    if (evidence.length === 0) dropped++;
    else statements.push({ text: body, evidence });
  }
  return { statements, dropped };
}
