// Finds the boilerplate that real articles carry (link lists, source lists, captions,
// attribution lines) so it is never chunked or cited. The text itself is left untouched.
import type { ExcludedRange } from '../types.js';

interface Line {
  start: number;
  end: number; // excludes the newline
  text: string;
}

const LIST_HEADING = /^(related coverage|related articles|related stories|related|read more|see also|more on this|sources?|source transparency|references)\s*:?\s*$/i;
export const LIST_ITEM = /^\s*([-*•–]|\d+[.)])\s+/;
const ATTRIBUTION = /^(this article is based on|originally published|read the original|published\s+\d{4}-\d{2}(-\d{2})?\s*$)/i;
// A caption is a line ending in a parenthesised credit such as "(Kyodo)" or "(AP Photo/Jane Doe)".
const CAPTION_CREDIT = /\((?:[A-Z][\w.&'-]*)(?:[ /][A-Z][\w.&'-]*|\sPhoto\b[^)]*){0,4}\)\s*$/;

export const MARKDOWN_HEADING = /^#{1,6}\s+\S/;
const MAX_HEADING_CHARS = 80;
const MAX_HEADING_WORDS = 12;
// Sentence punctuation, a colon or a list comma at the end, before any closing quote, bracket or emphasis.
const CLOSING_PUNCTUATION = /[.!?…:;,]["'”’)\]*_]*$/;

/** Words with at least one letter or digit: a dash or a bullet on its own is not a word. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/**
 * Whether a whole line (trimmed) reads as a heading: a Markdown heading, or a short line that
 * starts with a capital or a digit and has no closing punctuation ("What We Know", "The 2026
 * decision"). A line ending in a colon leads into what follows ("The statement read:"), so it
 * is prose, as is one ending in a quotation mark, a list item, and "Q: ...?". The viewer lays
 * headings out as such and the draft checker skips them; whether the line stands alone (not the
 * last line, not part of a longer one) is for each of them to say.
 */
export function looksLikeHeadingLine(line: string): boolean {
  if (MARKDOWN_HEADING.test(line)) return true;
  if (LIST_ITEM.test(line) || line.length > MAX_HEADING_CHARS || !/^[A-Z0-9]/.test(line)) return false;
  return wordCount(line) <= MAX_HEADING_WORDS && !CLOSING_PUNCTUATION.test(line) && !/["'”’]$/.test(line);
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lines.push({ start, end, text: text.slice(start, end) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** A short line without closing punctuation reads as a headline in a link list. */
function looksLikeLinkTitle(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length > 0 && trimmed.length <= 160 && !/[.!?:"”]$/.test(trimmed);
}

export function findExcludedRanges(text: string): ExcludedRange[] {
  const lines = splitLines(text);
  const ranges: ExcludedRange[] = [];
  const exclude = (from: Line, to: Line, reason: string) => {
    const previous = ranges[ranges.length - 1];
    if (previous && previous.reason === reason && previous.end >= from.start - 1) previous.end = to.end;
    else ranges.push({ start: from.start, end: to.end, reason });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.text.trim();
    if (trimmed === '') continue;

    if (LIST_HEADING.test(trimmed)) {
      // The list runs over blank lines, bullet items and bare headlines until real prose resumes.
      let last = line;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const candidate = lines[j]!.text;
        if (candidate.trim() === '') continue;
        if (LIST_ITEM.test(candidate) || looksLikeLinkTitle(candidate)) {
          if (LIST_HEADING.test(candidate.trim())) break;
          last = lines[j]!;
          continue;
        }
        break;
      }
      exclude(line, last, 'link-list');
      i = lines.indexOf(last);
      continue;
    }
    if (ATTRIBUTION.test(trimmed)) {
      exclude(line, line, 'attribution');
      continue;
    }
    if (CAPTION_CREDIT.test(trimmed)) {
      exclude(line, line, 'photo-caption');
    }
  }
  return ranges.filter((range) => range.end > range.start);
}

/** True when [start, end) overlaps any excluded range. */
export function overlapsExcluded(excluded: readonly ExcludedRange[], start: number, end: number): boolean {
  return excluded.some((range) => start < range.end && range.start < end);
}
