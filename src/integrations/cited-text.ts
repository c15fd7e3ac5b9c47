// Cited results for clients outside the widget (OpenAI-compatible API, MCP, LangChain): each
// citation with a link to its quote highlighted in the article viewer, and the answer or verdict
// as plain text with a numbered source list that carries the same links.
import { formatAnswer, formatVerdict } from '../cli/format-answer.js';
import type { Verdict } from '../factcheck/verdict.js';
import type { Answer, Citation } from '../types.js';
import { viewerPath } from '../viewer-path.js';

export type LinkedCitation = Citation & {
  /** The article viewer with the quote highlighted: absolute when the server's origin is known, else a path on the server. */
  link: string;
};

/** `origin` (such as http://localhost:3000) makes the links absolute; without it they are paths. */
export function linkCitations(citations: readonly Citation[], origin = ''): LinkedCitation[] {
  return citations.map((citation) => ({ ...citation, link: origin + viewerPath(citation) }));
}

export function answerText(answer: Answer, origin = ''): string {
  return formatAnswer(answer, { locate: (citation) => origin + viewerPath(citation) });
}

export function verdictText(verdict: Verdict, origin = ''): string {
  return formatVerdict(verdict, { locate: (citation) => origin + viewerPath(citation) });
}
