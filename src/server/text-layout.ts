// How the viewer lays out stored article text for reading: headings, list items and paragraphs,
// as ranges that together cover every character, so the layout never moves a citation offset.
import { LIST_ITEM, looksLikeHeadingLine, MARKDOWN_HEADING } from '../corpus/cleaning.js';
import type { TextRange } from '../types.js';

export type BlockKind = 'heading' | 'item' | 'paragraph';

export interface TextBlock extends TextRange {
  kind: BlockKind;
}

/** A subheading is a heading line that more text follows; the last line is prose unless marked up as a heading. */
function looksLikeHeading(line: string, isLast: boolean): boolean {
  return isLast ? MARKDOWN_HEADING.test(line) : looksLikeHeadingLine(line);
}

/**
 * One block per non-blank line. Each block runs from its line's start to the next non-blank
 * line's start, so it carries the newline and blank lines after it; leading blank lines belong
 * to the first block. Lines inside `plain` ranges (boilerplate) are never headings.
 */
export function textBlocks(text: string, plain: readonly TextRange[] = []): TextBlock[] {
  const lines: TextRange[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (text.slice(start, end).trim() !== '') lines.push({ start, end });
    start = end + 1;
  }
  if (lines.length === 0) return text.length > 0 ? [{ start: 0, end: text.length, kind: 'paragraph' }] : [];
  return lines.map((line, i) => {
    const content = text.slice(line.start, line.end).trim();
    const isPlain = plain.some((range) => range.start <= line.start && line.end <= range.end);
    const kind: BlockKind = !isPlain && looksLikeHeading(content, i === lines.length - 1) ? 'heading' : LIST_ITEM.test(content) ? 'item' : 'paragraph';
    return { start: i === 0 ? 0 : line.start, end: i + 1 < lines.length ? lines[i + 1]!.start : text.length, kind };
  });
}
