// Sentence boundaries with exact offsets, so any single sentence can be quoted verbatim.
import type { ExcludedRange, TextRange } from '../types.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU breaks after every period followed by a space; these are the places where it must not.
const TITLE_ABBREVIATIONS = new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'prof.', 'gen.', 'lt.', 'col.', 'sen.', 'rep.', 'gov.', 'st.', 'no.', 'vs.', 'e.g.', 'i.e.', 'approx.']);
const MONTH_ABBREVIATIONS = new Set(['jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.']);
const SENTENCE_STARTERS = new Set(['the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'this', 'that', 'these', 'those', 'but', 'and', 'in', 'on', 'at', 'for', 'however', 'meanwhile', 'its', 'their', 'his', 'her', 'there', 'while', 'after', 'as', 'when', 'if']);

function lastWord(segment: string): string {
  const match = /(\S+)\s*$/.exec(segment);
  return match ? match[1]!.toLowerCase() : '';
}

function shouldJoin(previous: string, next: string): boolean {
  const word = lastWord(previous);
  const nextWord = /^\s*(\S+)/.exec(next)?.[1] ?? '';
  if (TITLE_ABBREVIATIONS.has(word)) return true;
  if (MONTH_ABBREVIATIONS.has(word)) return /^\d/.test(nextWord);
  // Dotted initialisms such as U.S. or U.K.: a following capitalised word that does not
  // usually open a sentence ("U.S. Army") continues the same sentence.
  if (/^([a-z]\.){2,}$/.test(word)) return !SENTENCE_STARTERS.has(nextWord.toLowerCase().replace(/[^a-z]/g, ''));
  return false;
}

/** Sentences of text[from, to), split at line breaks and sentence ends, whitespace trimmed. */
export function splitSentences(text: string, from = 0, to = text.length): TextRange[] {
  const sentences: TextRange[] = [];
  let lineStart = from;
  while (lineStart < to) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > to ? to : newline;
    const line = text.slice(lineStart, lineEnd);
    let pending: TextRange | undefined;
    for (const { segment, index } of segmenter.segment(line)) {
      const range = { start: lineStart + index, end: lineStart + index + segment.length };
      if (pending && shouldJoin(text.slice(pending.start, pending.end), segment)) pending.end = range.end;
      else {
        if (pending) sentences.push(pending);
        pending = range;
      }
    }
    if (pending) sentences.push(pending);
    lineStart = lineEnd + 1;
  }
  return sentences.map((range) => trimRange(text, range)).filter((range) => range.end > range.start);
}

export function trimRange(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** The stretches of text between excluded ranges, where chunks may live. */
export function includedSections(text: string, excluded: readonly ExcludedRange[]): TextRange[] {
  const sorted = [...excluded].sort((a, b) => a.start - b.start);
  const sections: TextRange[] = [];
  let cursor = 0;
  for (const range of sorted) {
    if (range.start > cursor) sections.push({ start: cursor, end: range.start });
    cursor = Math.max(cursor, range.end);
  }
  if (cursor < text.length) sections.push({ start: cursor, end: text.length });
  return sections;
}
