// The article viewer for researchers: the stored text exactly as citations count it, with the
// requested quote spans highlighted and the excluded boilerplate greyed out.
import type { Response } from 'express';
import type { Article, TextRange } from '../types.js';
import { escapeHtml, page, PAGE_SECURITY_HEADERS, safeHref } from './html.js';

export class HighlightError extends Error {}

/** The viewer's address for an article with one quote highlighted, as citations link to it. */
export function viewerPath(quote: { articleId: string; start: number; end: number }): string {
  return `/articles/${encodeURIComponent(quote.articleId)}?start=${quote.start}&end=${quote.end}`;
}

function integers(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Reads ?start=..&end=.. pairs (repeatable for several spans) and checks them against the text. */
export function parseHighlights(query: Record<string, unknown>, textLength: number): TextRange[] {
  const starts = integers(query.start);
  const ends = integers(query.end);
  if (starts.length !== ends.length) throw new HighlightError(`Give "start" and "end" in pairs; got ${starts.length} start and ${ends.length} end values.`);
  return starts.map((rawStart, i) => {
    const rawEnd = ends[i]!;
    if (!/^\d+$/.test(rawStart) || !/^\d+$/.test(rawEnd)) throw new HighlightError(`"start" and "end" must be whole numbers; got start=${rawStart.slice(0, 20)}, end=${rawEnd.slice(0, 20)}.`);
    const start = Number(rawStart);
    const end = Number(rawEnd);
    if (start >= end || end > textLength) throw new HighlightError(`The span ${start}-${end} is not inside this article, whose text has ${textLength} characters (start must be below end).`);
    return { start, end };
  });
}

/** Splits the text at every highlight and exclusion boundary and wraps each piece. */
function renderText(article: Article, highlights: TextRange[]): string {
  const points = new Set([0, article.text.length]);
  for (const range of [...highlights, ...article.excluded]) {
    points.add(range.start);
    points.add(range.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const opened = new Set<number>();
  let html = '';
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    let piece = escapeHtml(article.text.slice(start, end));
    if (article.excluded.some((range) => range.start <= start && end <= range.end)) piece = `<span class="excluded" title="Not used for answers">${piece}</span>`;
    const highlight = highlights.findIndex((range) => range.start <= start && end <= range.end);
    if (highlight !== -1) {
      // The first piece of each span carries its anchor, so #quote-N scrolls to it.
      const id = opened.has(highlight) ? '' : ` id="quote-${highlight + 1}"`;
      opened.add(highlight);
      piece = `<mark class="quote" data-quote="${highlight + 1}"${id}>${piece}</mark>`;
    }
    html += piece;
  }
  return html;
}

export function articlePage(article: Article, highlights: TextRange[], notice?: string): string {
  const meta = [article.publisher, article.published ? `published ${article.published}` : 'publication date unknown'].filter(Boolean).map((part) => escapeHtml(part!)).join(' · ');
  const source = safeHref(article.url);
  const body = `
<header>
  <p><a href="/">Japan's defence export rules: questions and answers</a></p>
  <h1>${escapeHtml(article.title)}</h1>
  <p class="meta">${meta}${article.publishedNote ? `<br>${escapeHtml(article.publishedNote)}` : ''}${source ? `<br><a href="${escapeHtml(source)}" rel="noopener noreferrer">Original source</a>` : ''}</p>
</header>
${notice ? `<p class="error" role="alert">${escapeHtml(notice)}</p>` : ''}
${highlights.length ? `<p class="legend">${highlights.length} quoted passage${highlights.length > 1 ? 's are' : ' is'} highlighted. Greyed text (link lists, captions) is never used for answers.</p>` : '<p class="legend">Greyed text (link lists, captions) is never used for answers.</p>'}
<article class="article-text" data-article-id="${escapeHtml(article.id)}">${renderText(article, highlights)}</article>`;
  return page(article.title, body);
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(message)}</p><p><a href="/">Back to the start page</a></p>`);
}

export function sendPage(response: Response, status: number, html: string): void {
  response.status(status).set(PAGE_SECURITY_HEADERS).type('html').send(html);
}
