// Repairs chat typing against the corpus vocabulary and common English ("wat" -> "what",
// "japn" -> "japan", "goverment" -> "government"). Words of the corpus are never changed.
import type { WordVectors } from '../../embeddings/word-vectors.js';
import { BoundedCache } from '../../util/bounded-cache.js';
import { SPELLING } from '../tuning.js';
import { CHAT_ABBREVIATIONS } from './abbreviations.js';

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped at limit + 1. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Whether b is a with two neighbouring letters swapped ("unicron" / "unicorn"). Runs for every candidate of a rare word: no allocation. */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i >= a.length - 1 || a[i] !== b[i + 1] || a[i + 1] !== b[i] || a[i] === a[i + 1]) return false;
  return a.slice(i + 2) === b.slice(i + 2);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const letter of long) if (letter === short[at]) at++;
  return at === short.length;
}

export class SpellingRepair {
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new BoundedCache<string, string>(10_000);

  /**
   * `corpusWords` are words the articles use; `inCorpus` says whether a word (or its stem) is
   * in the corpus, so words the articles use are kept as typed.
   */
  constructor(
    corpusWords: Iterable<string>,
    private readonly vectors: WordVectors,
    private readonly inCorpus: (word: string) => boolean,
    private readonly inDictionary: (word: string) => boolean,
  ) {
    const candidates = new Set<string>(corpusWords);
    for (let rank = 0; rank < SPELLING.commonRank && rank < vectors.size; rank++) candidates.add(this.wordAt(rank));
    for (const word of candidates) {
      if (!/^[a-z]+$/.test(word)) continue;
      let list = this.byLength.get(word.length);
      if (!list) this.byLength.set(word.length, (list = []));
      list.push(word);
    }
  }

  private wordAt(rank: number): string {
    return this.vectors.wordAtRank(rank);
  }

  /** The word as it was meant, or the word itself. */
  repair(word: string): string {
    if (!/^[a-z]{2,}$/.test(word) || this.inCorpus(word)) return word;
    const spelledOut = CHAT_ABBREVIATIONS.get(word);
    if (spelledOut) return spelledOut;
    return this.cache.getOrCompute(word, () => {
      const rank = this.vectors.rank(word) ?? Infinity;
      const joined = rank === Infinity && !this.inDictionary(word) ? this.hyphenated(word) : undefined;
      if (joined) return joined;
      const best = rank < SPELLING.trustedRank && !this.couldBeTypo(rank) ? word : this.bestRepair(word, rank);
      // The corpus vocabulary is kept as stems ("deliv", "engin"): a repair that is no word, or
      // none, is completed by the one-edit neighbour English spells that way ("delivery").
      // So is a typo common enough that GloVe lists it ("supression"), by a corpus word one edit
      // away that English uses far more often ("suppression").
      const rareTypo = best === word && rank > SPELLING.trustedRank && rank !== Infinity && !this.inDictionary(word);
      const repaired = (rank === Infinity && (best === word || this.vectors.rank(best) === undefined)) || rareTypo ? (this.spelledNeighbour(word, rank) ?? best) : best;
      // Everyday words ("with", "held", "ship") are never shortenings of longer ones.
      return repaired === word && this.couldBeTypo(rank) ? (this.expansion(word) ?? word) : repaired;
    });
  }

  /**
   * The corpus word a shortening stands for ("govt" for "government", "collab" for
   * "collaboration"): it keeps the first letters and spells the rest in order. Where both are
   * known, GloVe must find them related, so "port" is not "portugal".
   */
  private expansion(word: string): string | undefined {
    // A dictionary word ("none", "stake", "agree") is a word of its own, not a shortening.
    if (word.length < SPELLING.shorteningMinLength || this.inDictionary(word)) return undefined;
    const opening = word.slice(0, 3);
    let best: { word: string; rank: number } | undefined;
    for (const [length, list] of this.byLength) {
      if (length <= word.length) continue;
      for (const candidate of list) {
        if (!candidate.startsWith(opening) || !isSubsequence(word, candidate) || !this.inCorpus(candidate)) continue;
        const similarity = this.vectors.similarity(word, candidate);
        if (similarity !== undefined && similarity < SPELLING.shorteningSimilarity) continue;
        const rank = this.vectors.rank(candidate) ?? Infinity;
        if (!best || rank < best.rank) best = { word: candidate, rank };
      }
    }
    return best?.word;
  }

  /**
   * A name the articles hyphenate, typed as one word: "chusam" is "chu-sam", two words of the
   * corpus. Only for words English does not know, and parts of three letters or more.
   */
  private hyphenated(word: string): string | undefined {
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const [first, second] = [word.slice(0, cut), word.slice(cut)];
      if (this.inCorpus(first) && this.inCorpus(second)) return `${first}-${second}`;
    }
    return undefined;
  }

  /**
   * The most frequent English word one edit away (a letter dropped, doubled, swapped or struck
   * wrongly) whose stem the corpus has: "engineeers" is "engineers", "delivry" is "delivery".
   * Typos keep their first letter.
   */
  private spelledNeighbour(word: string, typedRank = Infinity): string | undefined {
    if (word.length < SPELLING.neighbourMinLength) return undefined;
    let best: { word: string; rank: number } | undefined;
    const consider = (candidate: string) => {
      if (candidate[0] !== word[0]) return;
      const rank = this.vectors.rank(candidate);
      if (rank === undefined || (best && rank >= best.rank) || rank * SPELLING.typoRatio > typedRank || !this.inCorpus(candidate)) return;
      best = { word: candidate, rank };
    };
    for (let i = 0; i <= word.length; i++) {
      const [before, after] = [word.slice(0, i), word.slice(i)];
      if (after) consider(before + after.slice(1));
      if (after.length > 1) consider(before + after[1] + after[0] + after.slice(2));
      for (const letter of ALPHABET) {
        if (after) consider(before + letter + after.slice(1));
        consider(before + letter + after);
      }
    }
    return best?.word;
  }

  /** Frequent short words ("wen") can still be typos for far more frequent ones ("when"). */
  private couldBeTypo(rank: number): boolean {
    return rank > SPELLING.commonRank;
  }

  private bestRepair(word: string, rank: number): string {
    const limit = word.length <= 4 ? SPELLING.shortEdits : SPELLING.longEdits;
    const reach = Math.max(limit, SPELLING.droppedLetters * 0.4);
    let best: { word: string; cost: number; corpus: boolean; rank: number } | undefined;
    for (let length = word.length - limit; length <= word.length + SPELLING.droppedLetters; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // Typos keep their first letter: "wat" -> "what", never "cat".
        if (candidate[0] !== word[0]) continue;
        // Chat typing mostly drops letters ("abt", "wen", "japn"): a word the typed letters
        // spell in order is the likeliest repair, ahead of substitutions.
        // A real English word is repaired only for one dropped letter ("wen"): "seal" is not "several".
        const droppable = rank < SPELLING.trustedRank ? 1 : SPELLING.droppedLetters;
        const dropped = candidate.length > word.length && candidate.length - word.length <= droppable && isSubsequence(word, candidate) ? 0.4 * (candidate.length - word.length) : Infinity;
        // Two letters are too few to tell a substitution from another word: only dropped letters ("hw").
        // A real English word ("tanks") is only ever short of letters, never a substitution ("take").
        const edited = word.length > 2 && rank === Infinity && length <= word.length + limit ? editDistance(word, candidate, limit) : Infinity;
        // Two letters swapped into a rarer word ("unicron") still mean the article's word ("unicorn"),
        // though English has both.
        const swapped = rank > SPELLING.trustedRank && isAdjacentSwap(word, candidate) && this.inCorpus(candidate);
        const cost = Math.min(dropped, edited, swapped ? 1 : Infinity);
        if (cost > reach) continue;
        const candidateRank = this.vectors.rank(candidate) ?? Infinity;
        if (!(rank === Infinity || candidateRank * SPELLING.frequencyRatio <= rank || (swapped && candidateRank < rank))) continue;
        const corpus = this.inCorpus(candidate);
        const better = !best || cost < best.cost || (cost === best.cost && ((corpus && !best.corpus) || (corpus === best.corpus && candidateRank < best.rank)));
        if (better) best = { word: candidate, cost, corpus, rank: candidateRank };
      }
    }
    return best?.word ?? word;
  }
}
