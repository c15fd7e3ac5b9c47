// What a refusal says: what is missing, in the reader's own terms, once.
import type { QuestionPart } from '../grounding/question.js';

export const NOTHING_RELEVANT = 'None of the stored articles answers this question.';

export function rephraseRequest(question: string): string {
  const shown = question.trim().slice(0, 40);
  return `"${shown}" gives nothing to look up. Ask a question in words about Japan's defence-equipment export rules, for example which weapons Japan may now export and to whom.`;
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
  date: 'a date',
  count: 'the number',
  amount: 'the amount',
  money: 'the amount of money',
  percent: 'the percentage',
  person: 'the person',
  organization: 'the organisation',
  place: 'the place',
  reason: 'the reason',
  yesno: 'the answer',
  any: 'the answer',
};

/**
 * "Which company makes the Patriot missiles?" -> "The articles do not name the company that
 * makes the Patriot missiles."; other types name the detail and quote the question.
 */
export function describeMissingDetail(part: QuestionPart): string {
  const text = part.text.replace(/[?.!\s]+$/, '');
  const which = part.head ? new RegExp(`^\\s*(?:which|what)\\s+((?:\\w+\\s+){0,2}?${part.head.surface.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})\\s+(.*)$`, 'i').exec(text) : null;
  if (which) return `The articles do not name the ${which[1]!.toLowerCase()} that ${which[2]}.`;
  const who = /^\s*who\s+(.*)$/i.exec(text);
  if (who) return `The articles do not name who ${who[1]}.`;
  return `The articles do not give ${DETAIL[part.type]} asked for in "${text}".`;
}
