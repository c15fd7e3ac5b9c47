// Sentence-level evidence: splits retrieved passages into quotable sentences and measures how
// well a sentence (or a set of them) covers a question's focus terms.
import type { LexicalIndex } from '../retrieval/lexical-index.js';
import type { WordVectors } from '../embeddings/word-vectors.js';
import { stem, tokenize } from '../text/tokens.js';
import type { Passage } from '../types.js';
import type { Evidence } from './compose.js';
import type { FocusTerm } from './question.js';
import { BoundedCache } from '../util/bounded-cache.js';
import type { Quantity } from '../text/quantities.js';

/** Facts about one sentence that never change for a loaded index, computed at most once. */
export interface SentenceMemo {
  vector?: number[];
  answerTypes: Map<string, boolean>;
  quantities?: Quantity[];
}

export interface CandidateSentence extends Evidence, WordBag {
  text: string;
  /** Stems in sentence order, for phrase matching. */
  stemList: string[];
  /** Rank of the passage it came from (0 = best). */
  passageRank: number;
  passage: Passage;
  stems: Set<string>;
  words: string[];
  memo: SentenceMemo;
}

/** List bullets and FAQ labels are layout, not part of the quotable statement. */
const LEADING_LABEL = /^(?:[-*•–]\s+|[QA]:\s+)/;
const MIN_WORDS = 5;
// Text that addresses an AI system is an injection attempt, never evidence.
const INSTRUCTION_LIKE = /\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules)\b|\bsystem prompt\b|\b(you are|as) an? (ai|assistant|language model)\b/i;

interface SentenceFeatures extends WordBag {
  start: number;
  end: number;
  text: string;
  words: string[];
  stemList: string[];
  stems: Set<string>;
  quotable: boolean;
  memo: SentenceMemo;
}

interface ChunkFeatures {
  sentences: SentenceFeatures[];
  /** The whole passage with its article's title and year. */
  passage: WordBag;
}

/**
 * Features are the same every time a chunk is retrieved; a bounded cache keyed by the chunk
 * object keeps tokenising and stemming off the request path for popular passages.
 */
const chunkCache = new BoundedCache<Passage['chunk'], ChunkFeatures>(20_000);

function chunkFeatures(passage: Passage): ChunkFeatures {
  return chunkCache.getOrCompute(passage.chunk, () => {
    const words = [...tokenize(passage.text).map((token) => token.word), ...metadataWords(passage)];
    return {
      sentences: passage.chunk.sentences.map((range) => sentenceFeatures(passage, range)),
      passage: { words, stems: new Set(words.map(stem)), nearest: new Map<string, number>() },
    };
  });
}

function sentenceFeatures(passage: Passage, range: { start: number; end: number }): SentenceFeatures {
  let start = range.start;
  const label = LEADING_LABEL.exec(passage.article.text.slice(start, range.end));
  if (label) start += label[0].length;
  const text = passage.article.text.slice(start, range.end);
  const words = tokenize(text).map((token) => token.word);
  // Questions (FAQ prompts), headings and injected instructions do not state anything.
  const quotable = words.length >= MIN_WORDS && !text.endsWith('?') && /[.!"”’)]$/.test(text) && !INSTRUCTION_LIKE.test(text);
  const stemList = words.map(stem);
  return { start, end: range.end, text, words, stemList, stems: new Set(stemList), quotable, nearest: new Map<string, number>(), memo: { answerTypes: new Map() } };
}

/** Words and stems of a whole passage, including its article's title and year. */
export function passageFeatures(passage: Passage): WordBag {
  return chunkFeatures(passage).passage;
}

export function candidateSentences(passages: readonly Passage[]): CandidateSentence[] {
  const seen = new Set<string>();
  const candidates: CandidateSentence[] = [];
  passages.forEach((passage, passageRank) => {
    for (const features of chunkFeatures(passage).sentences) {
      // Overlapping chunks share sentences; each is a candidate once.
      const key = `${passage.article.id}:${features.start}`;
      if (!features.quotable || seen.has(key)) continue;
      seen.add(key);
      const { start, end, text, words, stemList, stems, nearest, memo } = features;
      candidates.push({ article: passage.article, start, end, text, passageRank, passage, words, stemList, stems, nearest, memo });
    }
  });
  return candidates;
}

export interface TermWeights {
  /** Inverse document frequency of a word over chunks; 0 for words in every chunk. */
  idf(word: string): number;
  /** Whether any chunk of the corpus contains the word. */
  inCorpus(word: string): boolean;
}

/**
 * Term statistics from the lexical index. `metadataWords` are words the articles carry outside
 * their text (publication years), so "the 2026 decision" is not mistaken for an unknown fact.
 */
export function termWeights(lexical: LexicalIndex, metadataWords: ReadonlySet<string> = new Set()): TermWeights {
  const cache = new BoundedCache<string, number>(20_000);
  const frequency = (word: string) => cache.getOrCompute(word, () => lexical.documentFrequency(word));
  const total = lexical.documentCount;
  return {
    idf: (word) => Math.log(1 + (total - frequency(word) + 0.5) / (frequency(word) + 0.5)),
    inCorpus: (word) => frequency(word) > 0 || metadataWords.has(word) || lexical.hasTermFamily(word),
  };
}

/** Words of an article's metadata that a question may use to point at it: title and year. */
function metadataWords(passage: Passage): string[] {
  const year = passage.article.published?.slice(0, 4);
  return [...tokenize(passage.article.title).map((token) => token.word), ...(year ? [year] : [])];
}

/** Similarity at which a paraphrase counts as the same idea (warplanes ~ jets is 0.64). */
export const SYNONYM_SIMILARITY = 0.6;
const PARAPHRASE_CREDIT = 0.7;

/** One word extends the other by a short suffix, and the shared part is a real name (5+ letters). */
export function sameNameFamily(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.startsWith(short) && long.length - short.length <= 3 && !/\d/.test(short);
}

/** The words of a sentence or passage; `nearest` remembers each term's best paraphrase score. */
export interface WordBag {
  words: readonly string[];
  stems: ReadonlySet<string>;
  nearest?: Map<string, number>;
}

function nearestSimilarity(term: string, bag: WordBag, vectors: WordVectors): number {
  const known = bag.nearest?.get(term);
  if (known !== undefined) return known;
  let best = 0;
  for (const word of bag.words) {
    const similarity = vectors.similarity(term, word) ?? 0;
    if (similarity > best) best = similarity;
  }
  bag.nearest?.set(term, best);
  return best;
}

/** How strongly the words cover one focus term: 1 exact, the similarity for a paraphrase, else 0. */
export function termMatch(term: FocusTerm, bag: WordBag, vectors: WordVectors): number {
  if (bag.stems.has(term.stem)) return 1;
  // Names match their own derived forms: America ~ American, Japan ~ Japanese.
  if (term.exact) return bag.words.some((word) => sameNameFamily(term.word, word)) ? 1 : 0;
  const best = nearestSimilarity(term.word, bag, vectors);
  // A paraphrase is weaker evidence than the word itself.
  return best >= SYNONYM_SIMILARITY ? PARAPHRASE_CREDIT * best : 0;
}

export interface WeightedTerm {
  term: FocusTerm;
  weight: number;
}

/** Weighs focus terms by rarity and measures how much of them a set of sentences covers. */
export class EvidenceScorer {
  readonly weights: TermWeights;
  readonly vectors: WordVectors;

  constructor(weights: TermWeights, vectors: WordVectors) {
    this.weights = weights;
    this.vectors = vectors;
  }

  weigh(terms: readonly FocusTerm[]): WeightedTerm[] {
    return terms.map((term) => ({ term, weight: Math.max(this.weights.idf(term.word), 0.05) * (term.head ? 2 : 1) }));
  }

  covers(term: FocusTerm, bag: WordBag): boolean {
    return termMatch(term, bag, this.vectors) > 0;
  }

  /**
   * Weighted share of the terms found in the sentences. With `withPassage`, the words around the
   * sentences count too: "the jets ... deployed by 2035" answers a question naming Britain and
   * Italy when the surrounding passage names them.
   */
  coverage(terms: readonly WeightedTerm[], sentences: readonly CandidateSentence[], withPassage = false): number {
    if (terms.length === 0) return 1;
    const bagOf = (sentence: CandidateSentence): WordBag => (withPassage ? passageFeatures(sentence.passage) : sentence);
    let bag: WordBag;
    if (sentences.length === 1) bag = bagOf(sentences[0]!);
    else {
      const parts = sentences.map(bagOf);
      bag = { words: parts.flatMap((part) => part.words), stems: new Set(parts.flatMap((part) => [...part.stems])) };
    }
    let total = 0;
    let matched = 0;
    for (const { term, weight } of terms) {
      total += weight;
      matched += weight * termMatch(term, bag, this.vectors);
    }
    return matched / total;
  }
}
