// Finds where a claim and an article sentence disagree: a different number for the same thing,
// a different year, a different name of the same kind, or the opposite action.
import type { WordVectors } from '../embeddings/word-vectors.js';
import { quantities } from '../text/quantities.js';
import { stem, tokenize, STOP_WORDS } from '../text/tokens.js';

export type ConflictKind = 'number' | 'date' | 'entity' | 'polarity';

export interface Conflict {
  kind: ConflictKind;
  claim: string;
  article: string;
  /** Stems of the claim words involved, left out when measuring how well the rest matches. */
  stems: string[];
}

function numberConflicts(claim: string, sentence: string): Conflict[] {
  const claimed = quantities(claim).filter((quantity) => !quantity.year);
  const stated = quantities(sentence).filter((quantity) => !quantity.year);
  const conflicts: Conflict[] = [];
  for (const quantity of claimed) {
    const sameThing = stated.filter((other) => other.units.some((unit) => quantity.units.includes(unit)));
    if (sameThing.length === 0 || sameThing.some((other) => other.value === quantity.value)) continue;
    conflicts.push({ kind: 'number', claim: quantity.surface, article: sameThing[0]!.surface, stems: [stem(quantity.surface.toLowerCase())] });
  }
  return conflicts;
}

function dateConflicts(claim: string, sentence: string): Conflict[] {
  const claimedYears = quantities(claim).filter((quantity) => quantity.year);
  const statedYears = quantities(sentence).filter((quantity) => quantity.year);
  if (statedYears.length === 0) return [];
  return claimedYears
    .filter((year) => !statedYears.some((other) => other.value === year.value))
    .map((year) => ({ kind: 'date' as const, claim: year.surface, article: statedYears.map((other) => other.surface).join(', '), stems: [year.surface] }));
}

/** Capitalised words after the first: names of people, places, countries and organisations. */
function names(text: string): { word: string; surface: string }[] {
  return tokenize(text)
    .filter((token) => token.start > 0 && /^\p{Lu}/u.test(text.slice(token.start, token.end)) && !STOP_WORDS.has(token.word))
    .map((token) => ({ word: token.word, surface: text.slice(token.start, token.end) }));
}

/** Similarity above which two names are of the same kind (Canada and Australia, not Canada and Hayashi). */
const SAME_KIND = 0.5;

function entityConflicts(claim: string, sentence: string, vectors: WordVectors): Conflict[] {
  const sentenceNames = names(sentence);
  const sentenceWords = new Set(tokenize(sentence).map((token) => token.word));
  const claimWords = new Set(tokenize(claim).map((token) => token.word));
  const conflicts: Conflict[] = [];
  for (const name of names(claim)) {
    if (sentenceWords.has(name.word)) continue;
    const substitute = sentenceNames
      .filter((other) => !claimWords.has(other.word))
      .map((other) => ({ other, similarity: vectors.similarity(name.word, other.word) ?? 0 }))
      .sort((a, b) => b.similarity - a.similarity)[0];
    if (substitute && substitute.similarity >= SAME_KIND) {
      conflicts.push({ kind: 'entity', claim: name.surface, article: substitute.other.surface, stems: [stem(name.word)] });
    }
  }
  return conflicts;
}

// Opposite actions: a claim using a word from one side contradicts a sentence using the other.
const OPPOSITES: [string[], string[]][] = [
  [['welcom', 'prais', 'support', 'back', 'endors', 'applaud', 'favor', 'favour'], ['critic', 'criticis', 'criticiz', 'oppos', 'condemn', 'reject', 'protest', 'denounc', 'object']],
  [['approv', 'allow', 'permit', 'author', 'enabl', 'lift', 'eas', 'relax', 'loosen'], ['ban', 'prohibit', 'block', 'forbid', 'impos', 'tighten', 'restrict', 'reject', 'refus']],
  [['increas', 'rais', 'boost', 'expand', 'doubl', 'surg'], ['cut', 'reduc', 'decreas', 'lower', 'shrink', 'slash']],
  [['promot', 'enhanc', 'contribut', 'strengthen', 'improv', 'bolster'], ['harm', 'damag', 'undermin', 'hurt', 'weaken', 'threaten']],
  [['dovish', 'pacifist', 'cautiou'], ['hawkish', 'aggress', 'militarist']],
  [['eas', 'relax', 'loosen', 'widen'], ['tighten', 'narrow', 'harden']],
];
const NEGATIONS = new Set(['not', 'never', 'no', "n't", 'nor', 'without']);

/** Stems of the words within three words after a negation ("not", "never", "n't"). */
function negatedStems(text: string): Set<string> {
  const tokens = tokenize(text);
  const negated = new Set<string>();
  tokens.forEach((token, i) => {
    if (!NEGATIONS.has(token.word) && !token.word.endsWith("n't")) return;
    for (const next of tokens.slice(i + 1, i + 4)) negated.add(stem(next.word));
  });
  return negated;
}

function polarityConflicts(claim: string, sentence: string): Conflict[] {
  const claimTokens = tokenize(claim);
  const sentenceTokens = tokenize(sentence);
  const sentenceStems = new Set(sentenceTokens.map((token) => stem(token.word)));
  const conflicts: Conflict[] = [];
  for (const token of claimTokens) {
    const claimStem = stem(token.word);
    for (const [one, other] of OPPOSITES) {
      const side = one.includes(claimStem) ? other : other.includes(claimStem) ? one : undefined;
      if (!side || sentenceStems.has(claimStem)) continue;
      // Report the article's own word ("welcomed"), not its stem.
      const opposite = sentenceTokens.find((candidate) => side.includes(stem(candidate.word)));
      if (opposite) conflicts.push({ kind: 'polarity', claim: claim.slice(token.start, token.end), article: sentence.slice(opposite.start, opposite.end), stems: [claimStem] });
    }
  }
  // A negation matters only where it negates something both texts talk about: "not communist
  // blocs" in a sentence does not contradict a claim that never mentions communist blocs.
  const claimNegated = negatedStems(claim);
  const sentenceNegated = negatedStems(sentence);
  const claimStems = new Set(claimTokens.map((token) => stem(token.word)));
  for (const shared of [...claimStems].filter((candidate) => sentenceStems.has(candidate) && !STOP_WORDS.has(candidate))) {
    if (claimNegated.has(shared) !== sentenceNegated.has(shared)) {
      conflicts.push({ kind: 'polarity', claim: claimNegated.has(shared) ? `not ${shared}` : shared, article: sentenceNegated.has(shared) ? `not ${shared}` : shared, stems: [shared] });
      break;
    }
  }
  return conflicts;
}

export function findConflicts(claim: string, sentence: string, vectors: WordVectors): Conflict[] {
  return [...numberConflicts(claim, sentence), ...dateConflicts(claim, sentence), ...entityConflicts(claim, sentence, vectors), ...polarityConflicts(claim, sentence)];
}
