// The grounding core assembled for one loaded index: lexical knowledge, the evidence judge and
// question analysis, shared by the answerers and the fact-checkers.
import type { WordVectors } from '../embeddings/word-vectors.js';
import { bm25Idf } from '../index-store/lexical-index.js';
import type { TermStatistics } from '../index-store/search-index.js';
import { analysisOf, passageAnalysis, type PassageContext, type QuotedSentence } from './candidates.js';
import type { Passage } from '../types.js';
import { EvidenceJudge } from './judge.js';
import { loadLexicon, type CorpusTerms, type Lexicon } from './lexicon/lexicon.js';
import { QuestionAnalyzer } from './question.js';
import type { AnalyzedText } from './text-analysis.js';
import { WEIGHTS } from './tuning.js';

export class Grounding {
  readonly judge: EvidenceJudge;
  readonly questions: QuestionAnalyzer;

  constructor(readonly lexicon: Lexicon) {
    this.judge = new EvidenceJudge(lexicon);
    this.questions = new QuestionAnalyzer(lexicon, this.judge);
  }

  analyze(text: string): AnalyzedText {
    return this.lexicon.analyzer.analyze(text);
  }

  sentence(candidate: QuotedSentence): AnalyzedText {
    return analysisOf(candidate, this.lexicon.analyzer);
  }

  passage(passage: Passage, context: PassageContext = 'passage'): AnalyzedText {
    return passageAnalysis(passage, this.lexicon.analyzer, context);
  }
}

/**
 * Word statistics from the index's term statistics. `metadataWords` are words the articles carry outside
 * their text (publication years, publishers), so "the 2026 decision" or "the Kyodo story" is not
 * mistaken for an unknown fact.
 */
export function corpusTerms(lexical: TermStatistics, vectors: WordVectors, metadataWords: ReadonlySet<string> = new Set()): CorpusTerms {
  const total = lexical.documentCount;
  const maximum = bm25Idf(total, 0);
  return {
    idf: (word) => {
      const frequency = lexical.documentFrequency(word);
      if (frequency > 0) return bm25Idf(total, frequency);
      // A word the corpus lacks: informative if rare in English (a name), not if common ("supposed").
      const rank = vectors.rank(word) ?? Infinity;
      return Math.min(maximum, Math.log(1 + rank / WEIGHTS.absentRankScale));
    },
    has: (word) => lexical.documentFrequency(word) > 0 || metadataWords.has(word) || lexical.hasTermFamily(word),
    words: () => lexical.terms(),
  };
}

export async function loadGrounding(cacheDir: string, vectors: WordVectors, lexical: TermStatistics, metadataWords: ReadonlySet<string>): Promise<Grounding> {
  return new Grounding(await loadLexicon(cacheDir, vectors, corpusTerms(lexical, vectors, metadataWords)));
}
