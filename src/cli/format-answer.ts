// Plain-text rendering for the terminal and for text-only clients (chat UIs, MCP, LangChain
// tools): the answer or verdict, then a numbered source list.
import type { Verdict } from '../factcheck/verdict.js';
import type { Answer, Citation, RelatedPassage } from '../types.js';

export interface SourceListOptions {
  /** Where a source's quote can be read; the article id and character offsets when not given. */
  locate?: (citation: Citation) => string;
}

const SOURCES_HEADING = 'Sources:';
const RELATED_HEADING = 'Closest passages (not answers):';
const NOTE_PREFIX = 'Note: ';

/**
 * The prose of a formatted answer without the note, sources and closest passages appended to it,
 * for a reply that comes back as the history of a follow-up question.
 */
export function answerProse(formatted: string): string {
  const ends = [NOTE_PREFIX, `${SOURCES_HEADING}\n`, RELATED_HEADING].map((heading) => formatted.indexOf(`\n\n${heading}`)).filter((index) => index !== -1);
  return ends.length === 0 ? formatted : formatted.slice(0, Math.min(...ends));
}

export function formatAnswer(answer: Answer, options: SourceListOptions = {}): string {
  return formatCited(answer.answer, answer.citations, answer.related, answer.notice, options);
}

const VERDICT_LABELS = { supported: 'SUPPORTED', refuted: 'REFUTED', not_enough_info: 'NOT ENOUGH INFO' } as const;

export function formatVerdict(verdict: Verdict, options: SourceListOptions = {}): string {
  return `Claim: ${verdict.claim}\nVerdict: ${VERDICT_LABELS[verdict.verdict]}\n\n${formatCited(verdict.explanation, verdict.citations, verdict.related, verdict.notice, options)}`;
}

function offsets(citation: Citation): string {
  return `${citation.articleId} characters ${citation.start}-${citation.end}`;
}

function formatCited(text: string, citations: Citation[], relatedPassages: RelatedPassage[] | undefined, notice: string | undefined, options: SourceListOptions): string {
  const locate = options.locate ?? offsets;
  const lines = [text];
  if (notice) lines.push('', `${NOTE_PREFIX}${notice}`);
  if (citations.length > 0) {
    lines.push('', SOURCES_HEADING);
    for (const citation of citations) {
      const date = citation.published ? `, ${citation.published}` : '';
      const publisher = citation.publisher ? ` (${citation.publisher})` : '';
      lines.push(`[${citation.n}] ${citation.title}${publisher}${date}`, `    "${citation.quote}"`, `    ${locate(citation)}`);
    }
  }
  if (relatedPassages?.length) {
    lines.push('', RELATED_HEADING);
    for (const related of relatedPassages) lines.push(`- ${related.title}${related.published ? `, ${related.published}` : ''}: "${related.quote}"`);
  }
  return lines.join('\n');
}
