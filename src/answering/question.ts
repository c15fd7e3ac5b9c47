// What a question asks for: the kind of answer (a date, a number, a name, a place, a reason)
// and the words the evidence must cover.
import { contentTokens, QUESTION_WORDS, STOP_WORDS, stem, tokenize } from '../text/tokens.js';

const NUMBER_WORDS = new Set('one two three four five six seven eight nine ten eleven twelve'.split(' '));
import type { ChatTurn } from '../types.js';
import { BoundedCache } from '../util/bounded-cache.js';

export type AnswerType = 'date' | 'number' | 'person' | 'place' | 'reason' | 'any';

export interface FocusTerm {
  word: string;
  stem: string;
  /** Proper names and numbers must appear in the evidence as written; other words may be paraphrased. */
  exact: boolean;
  /** The noun the question is about ("which *ministers*", "how many *frigates*"): weighs double. */
  head: boolean;
}

export interface QuestionAnalysis {
  /** The text used for retrieval: the question, with the previous question for follow-ups. */
  searchText: string;
  answerType: AnswerType;
  /** A "how much" question about cost or price: the answer must be an amount of money. */
  asksForMoney: boolean;
  focus: FocusTerm[];
}

const FOLLOW_UP_OPENERS = /^(and|also|what about|how about|then|so)\b/i;
const PRONOUNS = /\b(they|them|their|it|its|those|these|that|he|she|his|her|this)\b/i;

export function detectAnswerType(question: string): AnswerType {
  const text = question.toLowerCase();
  // "when" asks for a time only as a question word, not as a conjunction ("... when they receive it").
  if (/^\W*(and |so |then )?when\b|\bwhen (did|will|was|is|were|are|does|do|has|have|had|would|could|can|should)\b|\b(what year|which year|what date|what month|by what time|since when|by when)\b/.test(text)) return 'date';
  if (/\b(how many|how much|what percent(age)?|what number|by how much|how large|how big)\b/.test(text)) return 'number';
  if (/\b(who|whom|which (\w+ )?(officials?|ministers?|person|people|politicians?|part(y|ies)|leaders?|secretary|adviser))\b/.test(text)) return 'person';
  if (/\b(where|which countr(y|ies)|what countr(y|ies)|to which|which nations?|which partners?)\b/.test(text)) return 'place';
  if (/\b(why|for what reason|what (was|is) the (reason|rationale|motivation|purpose))\b/.test(text)) return 'reason';
  return 'any';
}

export function isFollowUp(question: string): boolean {
  const words = contentTokens(question).filter((token) => !QUESTION_WORDS.has(token.word));
  return FOLLOW_UP_OPENERS.test(question.trim()) || (PRONOUNS.test(question) && words.length <= 3) || words.length <= 1;
}

const HEAD_MARKERS = new Set(['which', 'what', 'many']);

function focusTerms(question: string): FocusTerm[] {
  const terms = new Map<string, FocusTerm>();
  const firstWordEnd = /^\W*\S+/.exec(question)?.[0].length ?? 0;
  const tokens = tokenize(question);
  // The head is the first content word after "which", "what" or "how many", skipping numbers
  // and capitalised modifiers ("which Japanese company"); a content word right after it is
  // part of the same noun ("partner countries", "combat aircraft").
  const marker = tokens.findIndex((token) => HEAD_MARKERS.has(token.word));
  const isContent = (i: number) => !QUESTION_WORDS.has(tokens[i]!.word) && !STOP_WORDS.has(tokens[i]!.word) && !NUMBER_WORDS.has(tokens[i]!.word);
  const capitalised = (i: number) => /^\p{Lu}/u.test(question.slice(tokens[i]!.start, tokens[i]!.end));
  const firstHead = marker === -1 ? -1 : tokens.findIndex((_, i) => i > marker && isContent(i) && !capitalised(i));
  const headIndexes = new Set(firstHead === -1 ? [] : firstHead + 1 < tokens.length && isContent(firstHead + 1) ? [firstHead, firstHead + 1] : [firstHead]);
  for (const [index, token] of tokens.entries()) {
    if (QUESTION_WORDS.has(token.word) || token.word.length < 2) continue;
    const surface = question.slice(token.start, token.end);
    const properName = token.start >= firstWordEnd && /^\p{Lu}/u.test(surface);
    const number = /\d/.test(token.word);
    const term: FocusTerm = { word: token.word, stem: stem(token.word), exact: properName || number, head: headIndexes.has(index) };
    if (contentTokens(surface).length === 0 && !term.exact) continue;
    const known = terms.get(term.stem);
    if (!known) terms.set(term.stem, term);
    else terms.set(term.stem, { ...known, exact: known.exact || term.exact, head: known.head || term.head });
  }
  return [...terms.values()];
}

const recentAnalyses = new BoundedCache<string, QuestionAnalysis>(256);

/** Pure and called several times per request (retrieval, answering), so memoised. */
export function analyzeQuestion(question: string, history: readonly ChatTurn[] = []): QuestionAnalysis {
  const previousQuestion = [...history].reverse().find((turn) => turn.role === 'user')?.content ?? '';
  return recentAnalyses.getOrCompute(`${previousQuestion}\u0000${question}`, () => computeAnalysis(question, history));
}

function computeAnalysis(question: string, history: readonly ChatTurn[]): QuestionAnalysis {
  const previous = [...history].reverse().find((turn) => turn.role === 'user');
  const searchText = previous && isFollowUp(question) ? `${previous.content} ${question}` : question;
  const asksForMoney = /\b(cost|costs|price|priced|worth|pay|paid|spend|spent)\b/i.test(question);
  return { searchText, answerType: detectAnswerType(question), asksForMoney, focus: focusTerms(question) };
}
