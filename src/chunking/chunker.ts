// Sentence-aware chunking: a few sentences per chunk with overlap, never crossing an article
// or an excluded range, with offsets into the article text.
import type { Article, Chunk, TextRange } from '../types.js';
import { includedSections, splitSentences } from './sentences.js';

export interface ChunkingOptions {
  /** Soft limit: a chunk closes once it reaches this many characters. */
  maxChars: number;
  maxSentences: number;
  /** Sentences repeated at the start of the next chunk. */
  overlapSentences: number;
}

export const DEFAULT_CHUNKING: ChunkingOptions = { maxChars: 700, maxSentences: 4, overlapSentences: 1 };

/** Changes whenever chunk boundaries would change, so stored vectors are not reused wrongly. */
export function chunkingVersion(options: ChunkingOptions): string {
  return `sentences-v1:${options.maxChars}:${options.maxSentences}:${options.overlapSentences}`;
}

export function chunkArticle(article: Article, options: ChunkingOptions = DEFAULT_CHUNKING): Chunk[] {
  const chunks: Chunk[] = [];
  for (const section of includedSections(article.text, article.excluded)) {
    const sentences = splitSentences(article.text, section.start, section.end);
    let first = 0;
    while (first < sentences.length) {
      let last = first;
      while (
        last + 1 < sentences.length &&
        last + 1 - first < options.maxSentences &&
        sentences[last + 1]!.end - sentences[first]!.start <= options.maxChars
      ) {
        last++;
      }
      const members: TextRange[] = sentences.slice(first, last + 1);
      chunks.push({
        articleId: article.id,
        ordinal: chunks.length,
        start: members[0]!.start,
        end: members[members.length - 1]!.end,
        text: article.text.slice(members[0]!.start, members[members.length - 1]!.end),
        sentences: members,
      });
      if (last + 1 >= sentences.length) break;
      first = Math.max(first + 1, last + 1 - options.overlapSentences);
    }
  }
  return chunks;
}
