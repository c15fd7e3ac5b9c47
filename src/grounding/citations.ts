// Turns statements with evidence spans into the public answer shape. Marker numbers are
// assigned here and only here, so every [n] has exactly one citation and every citation is
// used, whichever answerer produced the statements.
import type { Answer, AnswerMode, Article, Citation, RelatedPassage, TextRange } from '../types.js';

export interface Evidence extends TextRange {
  article: Article;
}

export interface Statement {
  text: string;
  evidence: Evidence[];
}

export function citationFor(n: number, evidence: Evidence): Citation {
  const { article, start, end } = evidence;
  const citation: Citation = { n, articleId: article.id, title: article.title, quote: article.text.slice(start, end), start, end };
  if (article.publisher) citation.publisher = article.publisher;
  if (article.published) citation.published = article.published;
  if (article.url) citation.url = article.url;
  return citation;
}

export function relatedFor(evidence: Evidence): RelatedPassage {
  const { article, start, end } = evidence;
  const related: RelatedPassage = { articleId: article.id, title: article.title, quote: article.text.slice(start, end), start, end };
  if (article.published) related.published = article.published;
  return related;
}

/** Removes any [n] markers a statement's text already carries. */
export function stripMarkers(text: string): string {
  return text.replace(/\s*\[\d+\]/g, '').trim();
}

export function composeAnswer(statements: Statement[], mode: AnswerMode, notice?: string): Answer {
  const citations: Citation[] = [];
  const numberOf = new Map<string, number>();
  const parts = statements.map((statement) => {
    const markers = statement.evidence.map((evidence) => {
      const key = `${evidence.article.id}:${evidence.start}:${evidence.end}`;
      let n = numberOf.get(key);
      if (n === undefined) {
        n = citations.length + 1;
        numberOf.set(key, n);
        citations.push(citationFor(n, evidence));
      }
      return `[${n}]`;
    });
    return `${stripMarkers(statement.text)} ${markers.join('')}`.trim();
  });
  const answer: Answer = { answer: parts.join(' '), refused: false, mode, citations };
  if (notice) answer.notice = notice;
  return answer;
}

/** A refusal says what is missing (`message`) and lists the closest passages, uncited. */
export function refusal(mode: AnswerMode, related: Evidence[], message: string, notice?: string): Answer {
  const answer: Answer = { answer: message, refused: true, mode, citations: [] };
  if (related.length > 0) answer.related = related.map(relatedFor);
  if (notice) answer.notice = notice;
  return answer;
}

/**
 * Checks the citation contract of an answer against the articles; returns the problems found
 * (empty when the answer is sound). Used as a last guard before answering and by the tests.
 */
export function citationProblems(answer: Answer, articles: ReadonlyMap<string, Article>): string[] {
  const problems: string[] = [];
  const used = new Set([...answer.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
  const numbers = answer.citations.map((citation) => citation.n);
  if (new Set(numbers).size !== numbers.length) problems.push('duplicate citation numbers');
  for (const n of used) if (!numbers.includes(n)) problems.push(`marker [${n}] has no citation`);
  for (const citation of answer.citations) {
    if (!used.has(citation.n)) problems.push(`citation ${citation.n} is not used in the answer`);
    const article = articles.get(citation.articleId);
    if (!article) problems.push(`citation ${citation.n} names unknown article ${citation.articleId}`);
    else if (article.text.slice(citation.start, citation.end) !== citation.quote) problems.push(`citation ${citation.n} quote does not match the article text`);
  }
  if (answer.refused && answer.citations.length > 0) problems.push('a refused answer carries citations');
  return problems;
}
