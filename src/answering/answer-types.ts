// Recognisers for the kind of information a sentence carries, matched against what the
// question asks for ("when" wants a date, "how many" a number, "who" a name).
import type { AnswerType } from './question.js';

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan\\.|feb\\.|aug\\.|sept?\\.|oct\\.|nov\\.|dec\\.';
const DATE = new RegExp(`\\b((19|20)\\d{2}|${MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|this week|last year|next year)\\b`, 'i');
const NUMBER = /\b(\d+(\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozen|hundred|thousand|million|billion|percent|double|half)\b/i;
const PERSON = /\b(\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+|minister|secretary|spokesman|spokeswoman|ambassador|adviser|official|president|party|parties|government|cabinet|council)\b/u;
const PLACE = /\b(\p{Lu}\p{Ll}+|U\.S\.|UK|U\.K\.)\b/u;
const REASON = /\b(because|citing|aim(ed|ing)? to|in order to|so that|rationale|response to|to (boost|bolster|stimulate|strengthen|maintain|ensure|help|promote|expand)|seeking to|hoping to|necessary|amid)\b/i;

const RECOGNISERS: Record<Exclude<AnswerType, 'any'>, RegExp> = { date: DATE, number: NUMBER, person: PERSON, place: PLACE, reason: REASON };

export function carriesAnswerType(sentence: string, type: AnswerType): boolean {
  if (type === 'any') return true;
  // The first word is capitalised anyway; it says nothing about names or places.
  const body = type === 'place' || type === 'person' ? sentence.replace(/^\W*\S+/, '') : sentence;
  return RECOGNISERS[type].test(body);
}

/** Types that a sentence must carry for it to answer the question at all. */
export function isStrictType(type: AnswerType): boolean {
  return type === 'date' || type === 'number';
}
