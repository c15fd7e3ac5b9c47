// What a refusal says: what is missing, in the reader's own terms, once.
import { AUXILIARIES, type QuestionPart } from '../grounding/question.js';
import { escapeRegExp } from '../text/tokens.js';

export const NOTHING_RELEVANT = 'None of the stored articles answers this question.';

export const ONLY_INTENDED = 'The articles report only that this was planned or allowed, not whether it was done.';

export const WITHHELD = 'The articles report that this has not been disclosed or decided.';

export function rephraseRequest(question: string): string {
  const shown = question.trim().slice(0, 40);
  return `"${shown}" gives nothing to look up. Ask a question in words about Japan's defence-equipment export rules, for example which weapons Japan may now export and to whom.`;
}

export function topicOnlyMessage(question: string): string {
  const shown = question.trim().replace(/[?.!]+$/, '').slice(0, 60);
  return `"${shown}" names a subject but asks nothing about it. The closest passages are listed; ask what you want to know about it (who, what, when, how many) for a direct answer.`;
}

/** A job asked of the service that is not a question about the articles ("translate ..."). */
export function taskMessage(task: string): string {
  return `This service answers questions from its articles on Japan's defence-equipment export rules, with a citation for each statement; it cannot ${task} for you. Ask what the articles say, for example which weapons Japan may now export and to whom.`;
}

export function unknownTermsMessage(terms: string[]): string {
  const unique = [...new Set(terms)];
  const list = unique.length === 1 ? unique[0]! : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
  return `The articles do not mention ${list}, so they cannot answer this question.`;
}

/** The articles use the words, but never in a passage that answers the question. */
export function unmatchedMessage(terms: string[]): string {
  const unique = [...new Set(terms)].map((term) => `"${term}"`);
  const list = unique.length === 1 ? unique[0]! : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  return `None of the stored articles answers this question: no passage about the rest of it mentions ${list}.`;
}

const DETAIL: Record<QuestionPart['type'], string> = {
  date: 'the date',
  count: 'the number',
  duration: 'the length of time',
  amount: 'the amount',
  money: 'the amount of money',
  percent: 'the percentage',
  person: 'the person',
  organization: 'the organisation',
  place: 'the place',
  reason: 'the reason',
  statement: 'the statement',
  yesno: 'the answer',
  any: 'the answer',
};

/**
 * "Which company makes the Patriot missiles?" -> "The articles do not name the company that
 * makes the Patriot missiles." That short form needs the rest of the question to read as a
 * relative clause: not when it opens with an auxiliary ("what year *did* Japan sell ...", "who
 * *will* Japan sell to"; a few subject questions with "is" lose the short form too) nor when the
 * noun phrase is partitive ("which *of the* frigates"). Otherwise the message names the kind of
 * detail and quotes the question, unless it followed earlier turns: a follow-up ("And when was
 * that?") means little quoted on its own.
 */
export function describeMissingDetail(part: QuestionPart, options: { followsHistory: boolean }): string {
  // One side of a comparison, in the reader's words rather than the question it was read as.
  if (part.compares) return `The articles do not give the value of ${part.compares}.`;
  const text = part.text.replace(/[?.!\s]+$/, '');
  const which = part.head ? new RegExp(`^\\s*(?:which|what)\\s+((?:\\w+\\s+){0,2}?${escapeRegExp(part.head.surface)})\\s+(.*)$`, 'i').exec(text) : null;
  // "What *is the* range ..." puts a copula, not a noun phrase, between "what" and the noun.
  if (which && !/^of\b/i.test(which[1]!) && !startsWithAuxiliary(which[1]!) && !startsWithAuxiliary(which[2]!)) return `The articles do not name the ${which[1]!.toLowerCase()} that ${which[2]}.`;
  const who = /^\s*who\s+(.*)$/i.exec(text);
  if (who && !startsWithAuxiliary(who[1]!)) return `The articles do not name who ${who[1]}.`;
  // "How long is the boat" asks for a size, which is no amount of anything; "top speed of the
  // P-1?" for the measure it names.
  const detail = part.measuredIn ? `the ${part.head?.lower ?? (part.measuredIn.includes('age') ? 'age' : 'size')}` : DETAIL[part.type];
  if (options.followsHistory) return `The articles do not give ${detail} asked for.`;
  return `The articles do not give ${detail} asked for in "${text}".`;
}

function startsWithAuxiliary(clause: string): boolean {
  return AUXILIARIES.has(/^\s*(\w+)/.exec(clause)?.[1]?.toLowerCase() ?? '');
}
