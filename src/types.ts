// The data that flows from corpus files to cited answers. Offsets always refer to Article.text.

/** A half-open character range [start, end) in an article's text. */
export interface TextRange {
  start: number;
  end: number;
}

export interface ExcludedRange extends TextRange {
  /** Why the range is kept out of chunks, e.g. "related-links", "photo-caption". */
  reason: string;
}

export interface ArticleMetadata {
  id: string;
  title: string;
  publisher?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  published?: string;
  /** Whether the date is stated or inferred, and from what. */
  publishedNote?: string;
  url?: string;
}

export interface Article extends ArticleMetadata {
  /** The article text exactly as stored; every offset in the system points into it. */
  text: string;
  /** Boilerplate (link lists, captions, source lists) that is never chunked or cited. */
  excluded: ExcludedRange[];
  /** The corpus file the article came from, relative to the corpus directory. */
  sourceFile: string;
}

export interface Chunk extends TextRange {
  articleId: string;
  /** The chunk's key in the index: in a generation directory its position (0-based) and vector label, in PostgreSQL its row id. */
  ordinal: number;
  /** Always article.text.slice(start, end). */
  text: string;
  /** Sentence ranges inside the chunk, in article offsets, so single sentences can be quoted. */
  sentences: TextRange[];
}

/** A retrieved chunk with its text and article, ready for answering. */
export interface Passage {
  chunk: Chunk;
  article: Article;
  text: string;
  score: number;
}

export interface Citation {
  n: number;
  articleId: string;
  title: string;
  publisher?: string;
  published?: string;
  url?: string;
  quote: string;
  start: number;
  end: number;
}

export interface RelatedPassage {
  articleId: string;
  title: string;
  published?: string;
  quote: string;
  start: number;
  end: number;
}

export type AnswerMode = 'extractive' | 'llm';

/**
 * Why a language model's answer or verdict was replaced by the offline one: timed out, could not
 * be reached, found no answer, said nothing verifiable, gave no verdict, gave a verdict its cited
 * sentences do not bear out, or called the passages inconclusive when a sentence decides the claim.
 */
export type FallbackReason = 'llm_timeout' | 'llm_unreachable' | 'llm_no_answer' | 'llm_unverified' | 'llm_no_verdict' | 'llm_verdict_not_supported' | 'llm_inconclusive';

export interface Answer {
  answer: string;
  refused: boolean;
  mode: AnswerMode;
  citations: Citation[];
  related?: RelatedPassage[];
  /** A short note for the reader, e.g. why the LLM answer fell back to extractive. */
  notice?: string;
  /** Set when the LLM answer fell back to extractive: why, as a code. */
  fallback?: FallbackReason;
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}
