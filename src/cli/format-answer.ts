// Plain-text rendering of an answer for the terminal: the answer, then a numbered source list.
import type { Answer } from '../types.js';

export function formatAnswer(answer: Answer): string {
  const lines = [answer.answer];
  if (answer.notice) lines.push('', `Note: ${answer.notice}`);
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
