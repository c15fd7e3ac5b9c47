// Cited results for clients outside the widget (OpenAI-compatible API, MCP, LangChain): each
// citation with a link to its quote highlighted in the article viewer, and the answer or verdict
// as plain text with a numbered source list that carries the same links.
import type { Request } from 'express';
import { formatAnswer, formatVerdict } from '../cli/format-answer.js';
import type { Verdict } from '../factcheck/verdict.js';
import { viewerPath } from '../server/article-view.js';
import type { Answer, Citation } from '../types.js';

export type LinkedCitation = Citation & {
  /** The article viewer with the quote highlighted: absolute when the server's origin is known, else a path on the server. */
  link: string;
};

/** The origin a client reached the server at (behind a trusted proxy, the one the proxy names). */
export function requestOrigin(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

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
