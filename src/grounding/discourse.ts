// How news sentences lean on one another: a sentence that points back to the one before ("It
// employs ...", "Previously, ...", '"...," he said.', "The venture will be ..."), a sentence that
// gives its own cause, and one that reports a change. The answerer quotes such sentences
// together, and lists the changes an update reports.
import type { AnalyzedText } from './text-analysis.js';

/** Openings that point back to the sentence before: a pronoun, or a connective that continues it. */
const POINTS_BACK = /^(previously|instead|even then|it|its|they|their|them|she|he|his|her|this|that|these|those|such|both|however|but|also|still|yet)\b/i;

/** A quote said by someone the sentence names only as "he" or "she": '"We want Thai hands on these radars," he said.' */
const QUOTED_PRONOUN = /["”’],?\s+(he|she|they)\s+(said|says|added|adds|told|tells|argued|warned|explained)\b/i;

/** Connectives that give a cause or purpose. */
const CAUSE = /\b(because|since|due to|owing to|as a result|thanks to|after (finding|learning|discovering|failing)|citing|so that|in order to|to (avoid|prevent|ensure|cut|reduce|protect|replace|counter|meet|fill)|could not agree|failed to|reasons?|concerns? (about|over)|fears? (of|that))\b/i;

/** Words by which a report says what changed: "no longer", "instead", "now expected", "raised to 90 from 60". */
const CHANGED = /\b(no longer|instead|now (expected|due|scheduled|set|planned|be|begin|take)|will now|has been (raised|cut|increased|reduced|moved|delayed|pushed|brought|dropped|expanded|enlarged|trimmed)|(raised|cut|increased|reduced|lowered|trimmed|expanded|enlarged|delayed|postponed|moved|pushed back|brought forward|dropped) (to|from|by)|up from|down from|than (it|they) had (planned|expected)|than (originally|first|previously) (planned|expected)|originally|rather than|fewer than (it|they) had|more than (it|they) had)\b/i;

/** The sentence opens by pointing back, or quotes someone only the sentence before names. */
export function leansBack(text: string): boolean {
  return POINTS_BACK.test(text) || QUOTED_PRONOUN.test(text);
}

/** The sentence opens with a definite noun the one before it used: "... set up a joint venture. The venture will be 51 percent owned by ...". */
export function takesUpNoun(sentence: AnalyzedText, before: AnalyzedText): boolean {
  const [determiner, noun] = sentence.words;
  if (determiner?.lower !== 'the' || noun?.pos !== 'NOUN') return false;
  return before.words.some((word) => word.pos === 'NOUN' && word.lemma === noun.lemma);
}

/** The sentence gives a cause or purpose of its own. */
export function statesCause(text: string): boolean {
  return CAUSE.test(text);
}

/** The sentence reports a change. */
export function reportsChange(text: string): boolean {
  return CHANGED.test(text);
}
