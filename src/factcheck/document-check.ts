// Checks a whole text: splits it into sentences with offsets, skips those that state nothing to
// check (questions, headings, opinions, fragments) with the reason, and fact-checks the rest.
import { splitSentences } from '../chunking/sentences.js';
import { LIMITS } from '../config.js';
import { looksLikeHeadingLine, MARKDOWN_HEADING, wordCount } from '../corpus/cleaning.js';
import { InputError, WorkLimitError } from '../errors.js';
import type { TextRange } from '../types.js';
import type { Verdict, VerdictLabel } from './verdict.js';

export type SkipReason = 'question' | 'heading' | 'fragment' | 'opinion' | 'too_long';

export const SKIP_EXPLANATIONS: Record<SkipReason, string> = {
  question: 'A question asks rather than states: there is nothing to check.',
  heading: 'A heading or title, not a statement.',
  fragment: 'Too short to state a fact (fewer than three words).',
  opinion: 'An opinion, hope or recommendation, not a statement of fact.',
  too_long: `Longer than ${LIMITS.maxQuestionChars} characters, the limit for one claim: split it into shorter sentences.`,
};

interface Span extends TextRange {
  /** Always text.slice(start, end) of the submitted (or extracted) text. */
  text: string;
}

export interface CheckedSentence extends Span {
  status: 'checked';
  result: Verdict;
}

export interface SkippedSentence extends Span {
  status: 'skipped';
  reason: SkipReason;
  explanation: string;
}

export type DocumentSentence = CheckedSentence | SkippedSentence;

export type DocumentSummary = { sentences: number; checked: number; skipped: number } & Record<VerdictLabel, number>;

export interface DocumentCheck {
  text: string;
  sentences: DocumentSentence[];
  summary: DocumentSummary;
}

export interface PlannedSentence extends Span {
  skip?: SkipReason;
}

// Markdown and list layout in front of a sentence is not part of what it claims.
const LEADING_MARKUP = /^(?:#{1,6}\s+|>\s*|[-*+•–]\s+|\d{1,3}[.)]\s+|[QA]:\s+)+/;
const QUESTION = /\?["”’)\]*_]*$/;
const OPINION = /^(?:i|we)\s+(?:think|believe|feel|hope|suspect|guess|would argue)\b|\b(?:in my (?:view|opinion)|it seems to me|arguably|hopefully)\b/i;
const NORMATIVE = /\b(?:should|ought to)\b/i;
// "X said the rules should ..." reports what someone said, which the articles can confirm.
const REPORTING = /\b(?:said|says|say|stated|argued|told|according to|announced|warned|urged)\b/i;

function lineAround(text: string, range: TextRange): string {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const newline = text.indexOf('\n', range.end);
  return text.slice(lineStart, newline === -1 ? text.length : newline).trim();
}

function skipReason(text: string, sentence: string, range: TextRange, raw: string): SkipReason | undefined {
  const words = wordCount(sentence);
  // A Markdown heading line may hold several sentences; any other heading is a line of its own.
  if (MARKDOWN_HEADING.test(raw) || (lineAround(text, range) === raw && looksLikeHeadingLine(raw))) return 'heading';
  if (QUESTION.test(sentence)) return 'question';
  if (words < 3) return 'fragment';
  if (OPINION.test(sentence)) return 'opinion';
  const normative = NORMATIVE.exec(sentence);
  if (normative && !REPORTING.test(sentence.slice(0, normative.index))) return 'opinion';
  if (sentence.length > LIMITS.maxQuestionChars) return 'too_long';
  return undefined;
}

/** Every sentence of the text with its offsets, and for those not to be checked, why. */
export function planDocument(text: string): PlannedSentence[] {
  return splitSentences(text).map((range) => {
    const raw = text.slice(range.start, range.end);
    const markup = LEADING_MARKUP.exec(raw)?.[0].length ?? 0;
    const start = range.start + markup;
    const sentence = text.slice(start, range.end);
    const planned: PlannedSentence = { start, end: range.end, text: sentence };
    const skip = sentence.trim() === '' ? 'fragment' : skipReason(text, sentence, range, raw);
    if (skip) planned.skip = skip;
    return planned;
  });
}

/** The plan for a text, refused before any work when the text is blank or over a work limit. */
export function planWithinLimits(text: string): PlannedSentence[] {
  if (text.trim() === '') throw new InputError('blank_text', 'The text is blank; paste the draft to check, or upload it as a .md, .txt, .html or .pdf file.');
  if (text.length > LIMITS.maxDocumentChars) {
    throw new WorkLimitError(
      'document_too_long',
      `The text has ${text.length} characters; one request may check at most ${LIMITS.maxDocumentChars}. Split the document and check the parts separately.`,
      LIMITS.maxDocumentChars,
      text.length,
    );
  }
  const plan = planDocument(text);
  const toCheck = plan.filter((sentence) => !sentence.skip).length;
  if (toCheck > LIMITS.maxDocumentSentences) {
    throw new WorkLimitError(
      'too_many_sentences',
      `The text has ${toCheck} sentences to check; one request may check at most ${LIMITS.maxDocumentSentences}. Split the document and check the parts separately.`,
      LIMITS.maxDocumentSentences,
      toCheck,
    );
  }
  return plan;
}

export interface Pacing {
  /** Awaited before each sentence is judged (the server yields the event loop here). */
  beforeEach?: () => Promise<void>;
  /** True once nobody waits for the result any more (the client disconnected): checking stops. */
  stopped?: () => boolean;
}

export function summarize(sentences: readonly DocumentSentence[]): DocumentSummary {
  const summary: DocumentSummary = { sentences: sentences.length, checked: 0, skipped: 0, supported: 0, refuted: 0, not_enough_info: 0 };
  for (const sentence of sentences) {
    if (sentence.status === 'skipped') summary.skipped++;
    else {
      summary.checked++;
      summary[sentence.result.verdict]++;
    }
  }
  return summary;
}

/** Checks every planned sentence in order; undefined when stopped before the end. */
export async function checkDocument(text: string, plan: readonly PlannedSentence[], check: (claim: string) => Promise<Verdict>, pacing: Pacing = {}): Promise<DocumentCheck | undefined> {
  const sentences: DocumentSentence[] = [];
  for (const { skip, ...span } of plan) {
    if (skip) {
      sentences.push({ ...span, status: 'skipped', reason: skip, explanation: SKIP_EXPLANATIONS[skip] });
      continue;
    }
    await pacing.beforeEach?.();
    if (pacing.stopped?.()) return undefined;
    sentences.push({ ...span, status: 'checked', result: await check(span.text) });
  }
  return { text, sentences, summary: summarize(sentences) };
}
