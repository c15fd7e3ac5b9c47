// The article viewer for researchers: the stored text exactly as citations count it, laid out in
// headings and paragraphs, with the requested quote spans highlighted and the excluded
// boilerplate set apart.
import type { Response } from 'express';
import { LIMITS } from '../config.js';
import type { Article, TextRange } from '../types.js';
import { escapeHtml, page, PAGE_SECURITY_HEADERS, safeHref } from './html.js';
import { textBlocks, type BlockKind } from './text-layout.js';

export class HighlightError extends Error {}

function integers(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Reads ?start=..&end=.. pairs (repeatable for several spans) and checks them against the text. */
export function parseHighlights(query: Record<string, unknown>, textLength: number): TextRange[] {
  const starts = integers(query.start);
  const ends = integers(query.end);
  const pairs = Math.max(starts.length, ends.length);
  if (pairs > LIMITS.maxHighlights) throw new HighlightError(`The link asks for ${pairs} highlighted spans; give at most ${LIMITS.maxHighlights} start/end pairs.`);
  if (starts.length !== ends.length) throw new HighlightError(`Give "start" and "end" in pairs; got ${starts.length} start and ${ends.length} end values.`);
  return starts.map((rawStart, i) => {
    const rawEnd = ends[i]!;
    if (!/^\d+$/.test(rawStart) || !/^\d+$/.test(rawEnd)) throw new HighlightError(`"start" and "end" must be whole numbers; got start=${rawStart.slice(0, 20)}, end=${rawEnd.slice(0, 20)}.`);
    const start = Number(rawStart);
    const end = Number(rawEnd);
    if (end > textLength) throw new HighlightError(`end ${end} is past the end of the article (${textLength} characters); use an end of at most ${textLength}.`);
    if (start >= end) throw new HighlightError(`start ${start} must be below end ${end}: the span ${start}-${end} is empty or reversed.`);
    return { start, end };
  });
}

const BLOCK_TAGS: Record<BlockKind, string> = { heading: 'h2', item: 'li', paragraph: 'p' };

/**
 * Lays the text out in blocks and splits it at every highlight and exclusion boundary, wrapping
 * each piece. Every character of the text lands in exactly one piece, in order, so the article's
 * textContent is the stored text and a highlight's pieces join to text.slice(start, end).
 */
function renderText(article: Article, highlights: TextRange[]): string {
  const blocks = textBlocks(article.text, article.excluded);
  const points = new Set([0, article.text.length]);
  for (const range of [...highlights, ...article.excluded, ...blocks]) {
    points.add(range.start);
    points.add(range.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const opened = new Set<number>();
  let html = '';
  let next = 0;
  blocks.forEach((block, blockIndex) => {
    let inner = '';
    for (; next + 1 < sorted.length && sorted[next + 1]! <= block.end; next++) {
      const start = sorted[next]!;
      const end = sorted[next + 1]!;
      let piece = escapeHtml(article.text.slice(start, end));
      if (article.excluded.some((range) => range.start <= start && end <= range.end)) piece = `<span class="excluded">${piece}</span>`;
      // Overlapping spans nest, so each span's marks still join to its exact quote.
      highlights.forEach((range, highlight) => {
        if (range.start > start || end > range.end) return;
        // The first piece of each span carries its anchor, so #quote-N scrolls to it.
        const id = opened.has(highlight) ? '' : ` id="quote-${highlight + 1}"`;
        opened.add(highlight);
        piece = `<mark class="quote" data-quote="${highlight + 1}"${id}>${piece}</mark>`;
      });
      inner += piece;
    }
    const tag = BLOCK_TAGS[block.kind];
    // Consecutive list items share one list.
    if (block.kind === 'item' && blocks[blockIndex - 1]?.kind !== 'item') html += '<ul class="items">';
    html += `<${tag}>${inner}</${tag}>`;
    if (block.kind === 'item' && blocks[blockIndex + 1]?.kind !== 'item') html += '</ul>';
  });
  return html;
}

export function articlePage(article: Article, highlights: TextRange[], notice?: string): string {
  const meta = [article.publisher, article.published ? `published ${article.published}` : 'publication date unknown'].filter(Boolean).map((part) => escapeHtml(part!)).join(' · ');
  const source = safeHref(article.url);
  const legend = `${highlights.length ? `${highlights.length} quoted passage${highlights.length > 1 ? 's are' : ' is'} highlighted. ` : ''}Greyed italic text (link lists, captions) is never used for answers.`;
  const body = `
<header><p><a href="/">Japan's defence export rules: questions and answers</a></p></header>
<main>
<h1>${escapeHtml(article.title)}</h1>
<p class="meta">${meta}${article.publishedNote ? `<br>${escapeHtml(article.publishedNote)}` : ''}${source ? `<br><a href="${escapeHtml(source)}" rel="noopener noreferrer">Original source</a>` : ''}</p>
${notice ? `<p class="error" role="alert">${escapeHtml(notice)}</p>` : ''}
<p class="legend">${legend}</p>
<article class="article-text" data-article-id="${escapeHtml(article.id)}">${renderText(article, highlights)}</article>
</main>`;
  // Without a #quote-N fragment in the link, the script scrolls to the first highlight.
  return page(article.title, body, highlights.length ? '<script src="/viewer.js" defer></script>' : '');
}

export function messagePage(title: string, message: string): string {
  return page(title, `<main><h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(message)}</p><p><a href="/">Back to the start page</a></p></main>`);
}

export function sendPage(response: Response, status: number, html: string): void {
  response.status(status).set(PAGE_SECURITY_HEADERS).type('html').send(html);
}
