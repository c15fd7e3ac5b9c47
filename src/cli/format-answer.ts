// Plain-text rendering for the terminal: the answer or verdict, then a numbered source list.
import type { Verdict } from '../factcheck/verdict.js';
import type { Answer, Citation, RelatedPassage } from '../types.js';

export function formatAnswer(answer: Answer): string {
  return formatCited(answer.answer, answer.citations, answer.related, answer.notice);
}

const VERDICT_LABELS = { supported: 'SUPPORTED', refuted: 'REFUTED', not_enough_info: 'NOT ENOUGH INFO' } as const;

export function formatVerdict(verdict: Verdict): string {
  return `Claim: ${verdict.claim}\nVerdict: ${VERDICT_LABELS[verdict.verdict]}\n\n${formatCited(verdict.explanation, verdict.citations, verdict.related, verdict.notice)}`;
}

function formatCited(text: string, citations: Citation[], relatedPassages: RelatedPassage[] | undefined, notice: string | undefined): string {
  const answer = { citations, related: relatedPassages };
  const lines = [text];
  if (notice) lines.push('', `Note: ${notice}`);
  if (answer.citations.length > 0) {
    lines.push('', 'Sources:');
    for (const citation of answer.citations) {
      const date = citation.published ? `, ${citation.published}` : '';
      const publisher = citation.publisher ? ` (${citation.publisher})` : '';
      lines.push(`[${citation.n}] ${citation.title}${publisher}${date}`, `    "${citation.quote}"`, `    ${citation.articleId} characters ${citation.start}-${citation.end}`);
    }
  }
  if (answer.related?.length) {
    lines.push('', 'Closest passages (not answers):');
    for (const related of answer.related) lines.push(`- ${related.title}${related.published ? `, ${related.published}` : ''}: "${related.quote}"`);
  }
  return lines.join('\n');
}
