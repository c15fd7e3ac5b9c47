// The quotable sentences of retrieved passages: each with its article offsets, the passage it
// came from, and its analysis, computed once per sentence for a loaded index.
import { includedSections, splitSentences } from '../chunking/sentences.js';
import { publicationParts } from '../corpus/metadata.js';
import type { Article, Passage, TextRange } from '../types.js';
import { escapeRegExp } from '../text/tokens.js';
import { BoundedCache } from '../util/bounded-cache.js';
import type { Evidence } from './citations.js';
import { MONTH_NAMES, WEEKDAY_NAMES, type AnalyzedText, type NameSpan, type TextAnalyzer } from './text-analysis.js';
import { FACT_CHECK } from './tuning.js';

/** A sentence an answer may quote, with what is known about it. */
export interface QuotedSentence extends Evidence {
  text: string;
  /** Facts about the sentence that never change for a loaded index. */
  memo: SentenceMemo;
}

export interface CandidateSentence extends QuotedSentence {
  /** Rank of the passage it came from (0 = best). */
  passageRank: number;
  passage: Passage;
  /** Index of the sentence within its chunk. */
  indexInChunk: number;
  /** Words with a letter or digit in them. */
  wordCount: number;
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
  return chunkCache.getOrCompute(passage.chunk, () => passage.chunk.sentences.map((range) => ({ ...quotableText(passage.article, range), memo: {} })));
}

/** A sentence of an article as it would be quoted, and whether it states anything to quote. */
function quotableText(article: Article, range: TextRange): Omit<SentenceFeatures, 'memo'> {
  let start = range.start;
  const label = LEADING_LABEL.exec(article.text.slice(start, range.end));
  if (label) start += label[0].length;
  const text = article.text.slice(start, range.end);
  const wordCount = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  // Questions (FAQ prompts), headings and injected instructions do not state anything.
  const quotable = wordCount >= MIN_WORDS && !text.endsWith('?') && /[.!"”’)]$/.test(text) && !INSTRUCTION_LIKE.test(text);
  return { start, end: range.end, text, wordCount, quotable };
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
export function analysisOf(sentence: QuotedSentence, analyzer: TextAnalyzer): AnalyzedText {
  return (sentence.memo.analysis ??= withImpliedYears(withAntecedents(analyzer.analyze(sentence.text), sentence, analyzer), sentence.article.published));
}

/** A date without a year ("on Tuesday, October 1") is in the year of the article that reports it. */
function withImpliedYears(analysis: AnalyzedText, published: string | undefined): AnalyzedText {
  if (!published || !analysis.quantities.some((quantity) => quantity.kind === 'date')) return analysis;
  const { year } = publicationParts(published);
  return { ...analysis, quantities: analysis.quantities.map((quantity) => (quantity.kind === 'date' ? { ...quantity, impliedYear: year } : quantity)) };
}

const DEFINITE = new Set(['the', 'these', 'those']);
const ARTICLES = new Set([...DEFINITE, 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'of', 'and', 'or']);

/**
 * News articles name a thing in full once and shorten it after: "the jets are expected to be
 * deployed by 2035" follows "fighter jets". Each definite, unmodified noun of the sentence gets
 * the noun modifier of the last compound with the same head before it in its article (title
 * included), so it can be matched as what it stands for.
 */
function withAntecedents(analysis: AnalyzedText, sentence: QuotedSentence, analyzer: TextAnalyzer): AnalyzedText {
  let before: string | undefined;
  let organization: readonly string[] | null | undefined;
  const referent = () => (organization === undefined ? (organization = organizationBefore(sentence, analyzer) ?? null) : organization);
  // "It is the first time ...", "It was not clear ...": an opening "it" that stands for nothing.
  const standsForNothing = ['is', 'was'].includes(analysis.words[1]?.lower ?? '') && analysis.words[2]?.pos !== 'VERB';
  const words = analysis.words.map((word, i) => {
    // "It reported revenue of ...": an opening pronoun takes up the organisation the sentences before open with.
    if (i === 0 && (word.lower === 'it' || word.lower === 'its') && !standsForNothing) {
      const named = referent();
      return named ? { ...word, refersTo: named } : word;
    }
    if (word.pos !== 'NOUN' || i === 0 || !DEFINITE.has(analysis.words[i - 1]!.lower)) return word;
    before ??= `${sentence.article.title}\n${sentence.article.text.slice(0, sentence.start)}`;
    const head = escapeRegExp(word.lemma);
    const compounds = [...before.matchAll(new RegExp(`([\\p{L}][\\p{L}-]*)\\s+(?:${head}|${escapeRegExp(word.lower)})(?![\\p{L}-])`, 'giu'))];
    for (const compound of compounds.reverse()) {
      if (ARTICLES.has(compound[1]!.toLowerCase())) continue;
      const phrase = analyzer.analyze(`${compound[1]!.toLowerCase()} ${word.lower}`).words;
      // Only a noun names a kind of the thing ("fighter jets"); "new jets" or "the jets" do not.
      if (phrase.length === 2 && phrase[1]!.lemma === word.lemma && phrase[0]!.pos === 'NOUN') return { ...word, antecedent: phrase[0]! };
    }
    // "The company", "the ministry": an organisation the article has just named.
    if (analyzer.kinds.isOrganizationNoun(word.lemma) && analysis.words[i + 1]?.pos !== 'PROPN') {
      const named = organizationIn(analysis, analyzer, i, sentence.article) ?? referent();
      if (named) return { ...word, refersTo: named };
    }
    return word;
  });
  return words.some((word, i) => word !== analysis.words[i]) ? { ...analysis, words } : analysis;
}

/** Sentences before a sentence that "the company" or "it" may reach back over to its organisation. */
const REFERENCE_REACH = 2;

/**
 * The organisation the sentences just before this one open with, as the words of its name: a
 * name of ordinary words at its end ("Tsurugi Field *Systems*", "Mizunami *Electric*"), which no
 * person's name has. The nearest sentence decides; it must name one as its subject.
 */
function organizationBefore(sentence: QuotedSentence, analyzer: TextAnalyzer): readonly string[] | undefined {
  const earlier = sentencesOf(sentence.article).filter((other) => other.end <= sentence.start).slice(-REFERENCE_REACH).reverse();
  for (const other of earlier) {
    const analysis = analyzer.analyze(other.text);
    const subject = analysis.names.find((name) => name.first <= 1 && !name.model);
    if (subject) return organizationWords(analysis, analyzer, subject, sentence.article);
  }
  return undefined;
}

/** The last organisation a sentence names before a word of its own: "Shares of Tsurugi Field Systems rose after *the company* ...". */
function organizationIn(analysis: AnalyzedText, analyzer: TextAnalyzer, before: number, article: Article): readonly string[] | undefined {
  const names = analysis.names.filter((name) => name.last < before && !name.model);
  for (const name of names.reverse()) {
    const words = organizationWords(analysis, analyzer, name, article);
    if (words) return words;
  }
  return undefined;
}

/**
 * The words of a name, if it names an organisation: it ends on an ordinary word ("Tsurugi Field
 * *Systems*"), which no person's name does, or its article writes it with a company's suffix
 * elsewhere ("Asagiri Aerostatics *Co.*", "Siret Hydraulic Systems *S.A.*").
 */
function organizationWords(analysis: AnalyzedText, analyzer: TextAnalyzer, name: NameSpan, article: Article): readonly string[] | undefined {
  const words = analysis.words.slice(name.first, name.last + 1);
  if (words.length < 2) return undefined;
  const isOrganization = analyzer.kinds.isOrdinaryWord(words[words.length - 1]!.lower) || new RegExp(`${escapeRegExp(name.surface)}${COMPANY_SUFFIX}`, 'u').test(article.text);
  return isOrganization ? words.map((word) => word.lower) : undefined;
}

/** What follows a company's name in its full form: "Co.", "Corp.", "Ltd", "Inc.", "S.A.", "plc", "GmbH". */
const COMPANY_SUFFIX = ',?\\s+(?:Co\\.|Corp\\.?|Corporation\\b|Ltd\\b|Limited\\b|Inc\\.?|S\\.A\\.|Pty\\b|plc\\b|PLC\\b|GmbH\\b|AG\\b|K\\.K\\.|LLC\\b|s\\.r\\.o\\.)';

const passageAnalyses = new BoundedCache<Passage['chunk'], AnalyzedText>(CACHED_CHUNKS);
const storyAnalyses = new BoundedCache<Passage['chunk'], AnalyzedText>(CACHED_CHUNKS);

/** How much of its article a passage is read with: its own context, or that and the story's recurring names too. */
export type PassageContext = 'passage' | 'story';

/**
 * The analysis of a whole passage with its article's title, date and lead: the context a
 * sentence is read in ("the April 2026 decision" is about an article of April 2026).
 */
export function passageAnalysis(passage: Passage, analyzer: TextAnalyzer, context: PassageContext = 'passage'): AnalyzedText {
  return (context === 'story' ? storyAnalyses : passageAnalyses).getOrCompute(passage.chunk, () => {
    const lead = leadSentence(passage.article);
    // The article's lead names who the story is about, which later paragraphs leave to it ("the
    // network would be used against smuggling" is the Thai navy's network). So does the sentence
    // that names the story's project or design ("The project, named Amber, ..."): later ones say
    // "the project".
    const before = (range: TextRange | undefined) => range !== undefined && range.end <= passage.chunk.start;
    const naming = sentencesOf(passage.article).find((sentence) => sentence.start < passage.chunk.start && NAMES_IT.test(sentence.text));
    const ranges = [lead, naming?.start === lead?.start ? undefined : naming].filter(before) as TextRange[];
    if (context === 'story') ranges.push(...storyNamings(passage, ranges));
    ranges.sort((a, b) => a.start - b.start);
    const text = ranges.map((range) => `${passage.article.text.slice(range.start, range.end)}\n`).join('');
    return analyzer.analyze(`${passage.article.title} (${readableDate(passage.article.published)}).\n${text}${passage.text}`);
  });
}

/**
 * A claim is checked against a sentence as part of its story: "The first array is now due by
 * February 2, 2036" is about Hamanaka's arrays, which the article names two paragraphs before.
 * For each name the article repeats (FACT_CHECK.storyNameMentions times or more) and the passage
 * context lacks, the first sentence outside the chunk that gives it.
 */
function storyNamings(passage: Passage, context: readonly TextRange[]): TextRange[] {
  const { article, chunk } = passage;
  const shown = [article.title, ...context.map((range) => article.text.slice(range.start, range.end)), passage.text].join('\n');
  const namings: TextRange[] = [];
  for (const { name, sentence } of recurringNames(article)) {
    const inChunk = sentence.start >= chunk.start && sentence.end <= chunk.end;
    if (shown.includes(name) || inChunk || context.some((range) => range.start === sentence.start) || namings.includes(sentence)) continue;
    namings.push(sentence);
  }
  return namings;
}

/** The names an article repeats, each with the first sentence that gives it; computed once per article. */
function recurringNames(article: Article): { name: string; sentence: TextRange }[] {
  return recurringNameCache.getOrCompute(article, () => {
    const counts = new Map<string, number>();
    // A capitalised word inside a sentence is a name or part of one; dates' names are no actors.
    for (const [name] of article.text.matchAll(INNER_CAPITALISED)) if (!CALENDAR_NAMES.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
    const sentences = sentencesOf(article);
    return [...counts].filter(([, count]) => count >= FACT_CHECK.storyNameMentions).flatMap(([name]) => {
      const sentence = sentences.find((candidate) => candidate.text.includes(name));
      return sentence ? [{ name, sentence }] : [];
    });
  });
}

const recurringNameCache = new BoundedCache<Article, { name: string; sentence: TextRange }[]>(CACHED_CHUNKS);

/**
 * A capitalised word of three letters or more, or a model's designator ("AK-40", "P-1"), after a
 * lower-case word or a comma: not a sentence's first word.
 */
const INNER_CAPITALISED = /(?<=[\p{Ll},;] )(?:\p{Lu}\p{Ll}{2,}|\p{Lu}{1,4}-\p{N}+\p{Lu}?(?![\p{L}\p{N}]))/gu;

const CALENDAR_NAMES: ReadonlySet<string> = new Set([...MONTH_NAMES, ...WEEKDAY_NAMES]);

/** The article's first sentence, after anything excluded from its text. */
function leadSentence(article: Article): TextRange | undefined {
  const [section] = includedSections(article.text, article.excluded);
  return section && splitSentences(article.text, section.start, Math.min(section.end, section.start + LEAD_SEARCH_CHARS))[0];
}

/** A sentence giving something a name of its own: "known as Chu-SAM", "a design called the HS-45". */
const NAMES_IT = /\b(?:known as|named|called|dubbed|code-named)\s+(?:the\s+)?["“]?\p{Lu}/u;

/** A lead sentence starts within this many characters of its text. */
const LEAD_SEARCH_CHARS = 2_000;

/** "2026-04-21" -> "April 21, 2026", as article text writes dates. */
function readableDate(published: string | undefined): string {
  if (!published) return 'undated';
  const { year, month, day } = publicationParts(published);
  if (!month) return String(year);
  return day ? `${MONTH_NAMES[month - 1]} ${day}, ${year}` : `${MONTH_NAMES[month - 1]} ${year}`;
}

/**
 * The sentence next to this one (offset -1 before, +1 after), if quotable: from its chunk, or at
 * the chunk's edge from its article, where another chunk (often not retrieved) holds it.
 */
export function neighbourOf(sentence: CandidateSentence, candidates: readonly CandidateSentence[], offset: -1 | 1): QuotedSentence | undefined {
  const range = sentence.passage.chunk.sentences[sentence.indexInChunk + offset];
  if (range) return candidates.find((candidate) => candidate.article.id === sentence.article.id && candidate.end === range.end);
  const all = sentencesOf(sentence.article);
  const index = all.findIndex((other) => other.end === sentence.end);
  const next = index === -1 ? undefined : all[index + offset];
  return next?.quotable ? next : undefined;
}

/** The quotable sentences of an article's included text, in order: for reading past the retrieved passages. */
export function articleSentences(article: Article): QuotedSentence[] {
  return sentencesOf(article).filter((sentence) => sentence.quotable);
}

/** Articles read past their retrieved passages, with their sentences' analyses; bounded as the chunks are. */
const articleCache = new BoundedCache<Article, (QuotedSentence & { quotable: boolean })[]>(CACHED_CHUNKS);

/** Every sentence of an article's included text, in order, as it would be quoted. */
function sentencesOf(article: Article): (QuotedSentence & { quotable: boolean })[] {
  return articleCache.getOrCompute(article, () =>
    includedSections(article.text, article.excluded).flatMap((section) =>
      splitSentences(article.text, section.start, section.end).map((range) => {
        const { start, end, text, quotable } = quotableText(article, range);
        return { article, start, end, text, quotable, memo: {} };
      }),
    ),
  );
}
