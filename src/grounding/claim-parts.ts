// A claim often joins several facts that articles state in separate sentences: "The guidelines
// were adopted on June 16 and take effect on July 1", "Kurose quit in January, saying it could not
// guarantee capacity", "sales of ¥30 billion need ministers' approval, down from ¥50 billion in
// the draft". No one sentence entails the whole, yet each part can be checked on its own.
import type { AnalyzedText, Word } from './text-analysis.js';

/** Subordinators that open a clause of its own after a comma: "..., as Mizunagi's line is tied up". */
const CLAUSE_OPENERS = new Set(['as', 'because', 'when', 'while', 'although', 'though', 'since', 'after', 'before']);
/** Words that open a comparison with another figure after a comma: ", down from the ¥50 billion in the draft". */
const COMPARISON_OPENERS = [['down', 'from'], ['up', 'from'], ['rather', 'than'], ['instead', 'of'], ['compared', 'with'], ['from'], ['half'], ['double'], ['twice']];

const isVerb = (word: Word | undefined) => word?.pos === 'VERB' || word?.pos === 'AUX';
/** Words that may stand between a conjunction and its verb: "and usually carries", "but could not get". */
const isVerbLead = (word: Word) => word.pos === 'ADV' || word.pos === 'PART' || word.pos === 'AUX';

interface Segment {
  first: number;
  last: number;
  /** The segment's verb needs the claim's subject before it ("and take effect on 1 July"). */
  needsSubject: boolean;
  /** The segment gives a value since replaced, which the claim compares its own with. */
  earlier: boolean;
}

export interface ClaimPart {
  text: string;
  /** The part speaks of a value since replaced ("the ¥50 billion proposed in the draft"). */
  earlier: boolean;
}

/**
 * The claim's parts, each a statement of its own, or none when it makes one statement. A part
 * that leaves its subject to the first ("... and take effect on July 1") takes it from there.
 */
export function claimParts(claim: AnalyzedText): ClaimPart[] {
  const { words, text } = claim;
  const commaBefore = (index: number) => index > 0 && /,\s*$/.test(text.slice(words[index - 1]!.end, words[index]!.start));
  const segments: Segment[] = [];
  let first = 0;
  let needsSubject = false;
  let earlier = false;
  const close = (last: number) => {
    if (last >= first) segments.push({ first, last, needsSubject, earlier });
  };
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    let opens: { at: number; needsSubject: boolean; earlier?: boolean } | undefined;
    if (word.pos === 'CCONJ' && (word.lower === 'and' || word.lower === 'but')) {
      // "and take effect", "but could not get them": the same subject does something more. Nouns
      // joined by "and" ("Tokyo and New Delhi hope") are one subject, not two statements.
      let verb = i + 1;
      let auxiliary = false;
      for (; words[verb] && isVerbLead(words[verb]!); verb++) auxiliary ||= words[verb]!.pos === 'AUX';
      if (words[verb]?.pos === 'VERB' || auxiliary) opens = { at: i + 1, needsSubject: true };
      // ", but the hulls cost nothing": a clause with a subject of its own.
      else if (word.lower === 'but' || commaBefore(i)) opens = hasVerb(words, i + 1) ? { at: i + 1, needsSubject: false } : undefined;
    } else if (commaBefore(i) && CLAUSE_OPENERS.has(word.lower) && hasVerb(words, i + 1)) {
      opens = { at: i + 1, needsSubject: false };
    } else if (word.lower === 'because' && hasVerb(words, i + 1)) {
      opens = { at: i + 1, needsSubject: false };
    } else if (commaBefore(i) && word.pos === 'VERB' && word.lower.endsWith('ing')) {
      // "..., saying a surge in orders meant ...": what the subject said or did with it.
      opens = { at: i, needsSubject: true };
    } else if (commaBefore(i)) {
      // A comparison closing the claim: ", down from the ¥50 billion proposed in the draft",
      // ", tighter than the three-yearly checks in the draft". Short of an opener that can only
      // compare, a segment with a verb of its own states something else.
      const end = nextComma(words, text, i);
      const opener = COMPARISON_OPENERS.find((phrase) => phrase.every((part, k) => words[i + k]?.lower === part));
      const than = words.slice(i, end + 1).findIndex((candidate) => candidate.lower === 'than');
      if (opener && (opener.length > 1 || !hasFiniteVerb(words, i, end))) opens = { at: i + opener.length, needsSubject: false, earlier: true };
      else if (than >= 0 && !hasFiniteVerb(words, i, end)) opens = { at: i + than + 1, needsSubject: false, earlier: true };
    }
    if (!opens) continue;
    close(i - 1);
    first = opens.at;
    needsSubject = opens.needsSubject;
    earlier = opens.earlier ?? false;
    i = opens.at;
  }
  close(words.length - 1);
  if (segments.length < 2) return [];
  const subjectEnd = words.findIndex((word, index) => index <= segments[0]!.last && isVerb(word));
  const subject = subjectEnd > 0 ? text.slice(words[0]!.start, words[subjectEnd - 1]!.end) : '';
  return segments.map(({ first, last, needsSubject, earlier }) => {
    const own = text.slice(words[first]!.start, words[last]!.end);
    return { text: needsSubject && subject ? `${subject} ${own}` : own, earlier };
  });
}

function hasVerb(words: readonly Word[], from: number): boolean {
  return words.slice(from).some(isVerb);
}

/** A verb that states something, not a participle describing a noun ("the ¥50 billion proposed in the draft"). */
function hasFiniteVerb(words: readonly Word[], from: number, to: number): boolean {
  return words.slice(from, to + 1).some((word, k) => word.pos === 'AUX' || (word.pos === 'VERB' && !/(ed|en|ing)$/.test(word.lower) && words[from + k - 1]?.pos !== 'DET'));
}

/** The last word before the next comma after `from`, or the claim's last word. */
function nextComma(words: readonly Word[], text: string, from: number): number {
  for (let i = from + 1; i < words.length; i++) if (/,/.test(text.slice(words[i - 1]!.end, words[i]!.start))) return i - 1;
  return words.length - 1;
}
