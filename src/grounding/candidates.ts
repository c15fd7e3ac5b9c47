// The quotable sentences of retrieved passages: each with its article offsets, the passage it
// came from, and its analysis, computed once per sentence for a loaded index.
import type { Passage } from '../types.js';
import { BoundedCache } from '../util/bounded-cache.js';
import type { Evidence } from './citations.js';
import { MONTH_NAMES, type AnalyzedText, type TextAnalyzer } from './text-analysis.js';

export interface CandidateSentence extends Evidence {
  text: string;
  /** Rank of the passage it came from (0 = best). */
  passageRank: number;
  passage: Passage;
  /** Index of the sentence within its chunk. */
  indexInChunk: number;
  /** Words with a letter or digit in them. */
  wordCount: number;
  /** Facts about the sentence that never change for a loaded index. */
  memo: SentenceMemo;
}

export interface SentenceMemo {
  analysis?: AnalyzedText;
  vector?: number[];
  /** Stemmed content words, for keyword scoring. */
  terms?: string[];
}

interface SentenceFeatures {
  start: number;
  end: number;
  text: string;
  wordCount: number;
  quotable: boolean;
  memo: SentenceMemo;
}

/** List bullets and FAQ labels are layout, not part of the quotable statement. */
const LEADING_LABEL = /^(?:[-*•–]\s+|[QA]:\s+)/;
const MIN_WORDS = 5;
// Text that addresses an AI system is an injection attempt, never evidence.
const INSTRUCTION_LIKE = /\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules)\b|\bsystem prompt\b|\b(you are|as) an? (ai|assistant|language model)\b/i;

/**
 * Chunks whose sentences (and their analyses) are kept. An analysed chunk holds about 15 KB, so
 * this bounds the caches below to about 30 MB each, whatever the corpus size and however varied
 * the questions: the passages of the last hundred-odd questions stay analysed.
 */
const CACHED_CHUNKS = 2_000;

/** Keyed by chunk object: popular passages are split and analysed once. */
const chunkCache = new BoundedCache<Passage['chunk'], SentenceFeatures[]>(CACHED_CHUNKS);

function chunkSentences(passage: Passage): SentenceFeatures[] {
  return chunkCache.getOrCompute(passage.chunk, () =>
    passage.chunk.sentences.map((range) => {
      let start = range.start;
      const label = LEADING_LABEL.exec(passage.article.text.slice(start, range.end));
      if (label) start += label[0].length;
      const text = passage.article.text.slice(start, range.end);
      const wordCount = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
      // Questions (FAQ prompts), headings and injected instructions do not state anything.
      const quotable = wordCount >= MIN_WORDS && !text.endsWith('?') && /[.!"”’)]$/.test(text) && !INSTRUCTION_LIKE.test(text);
      return { start, end: range.end, text, wordCount, quotable, memo: {} };
    }),
  );
}

export function candidateSentences(passages: readonly Passage[]): CandidateSentence[] {
  const seen = new Set<string>();
  const candidates: CandidateSentence[] = [];
  passages.forEach((passage, passageRank) => {
    chunkSentences(passage).forEach((features, indexInChunk) => {
      // Overlapping chunks share sentences; each is a candidate once.
      const key = `${passage.article.id}:${features.start}`;
      if (!features.quotable || seen.has(key)) return;
      seen.add(key);
      candidates.push({ article: passage.article, start: features.start, end: features.end, text: features.text, passageRank, passage, indexInChunk, wordCount: features.wordCount, memo: features.memo });
    });
  });
  return candidates;
}

/** The sentence's analysis, computed on first use. */
export function analysisOf(sentence: CandidateSentence, analyzer: TextAnalyzer): AnalyzedText {
  return (sentence.memo.analysis ??= analyzer.analyze(sentence.text));
}

const passageAnalyses = new BoundedCache<Passage['chunk'], AnalyzedText>(CACHED_CHUNKS);

/**
 * The analysis of a whole passage with its article's title and date: the context a sentence is
 * read in ("the April 2026 decision" is about an article of April 2026).
 */
export function passageAnalysis(passage: Passage, analyzer: TextAnalyzer): AnalyzedText {
  return passageAnalyses.getOrCompute(passage.chunk, () => analyzer.analyze(`${passage.article.title} (${readableDate(passage.article.published)}).\n${passage.text}`));
}

/** "2026-04-21" -> "April 21, 2026", as article text writes dates. */
function readableDate(published: string | undefined): string {
  if (!published) return 'undated';
  const [year, month, day] = published.split('-');
  if (!month) return year!;
  return day ? `${MONTH_NAMES[Number(month) - 1]} ${Number(day)}, ${year}` : `${MONTH_NAMES[Number(month) - 1]} ${year}`;
}

/** The candidate next to this one in its chunk (offset -1 before, +1 after), if quotable. */
export function neighbourOf(sentence: CandidateSentence, candidates: readonly CandidateSentence[], offset: number): CandidateSentence | undefined {
  const range = sentence.passage.chunk.sentences[sentence.indexInChunk + offset];
  return range ? candidates.find((candidate) => candidate.article.id === sentence.article.id && candidate.end === range.end) : undefined;
}
