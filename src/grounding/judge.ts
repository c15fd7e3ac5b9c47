// The evidence judge: does this sentence say this hypothesis (a question's focus, a generated
// statement, a claim)? Each part of the hypothesis is aligned to the sentence through lexical
// knowledge (same lemma, alias, WordNet relation, GloVe relatedness), weighted by how
// informative it is; names, places and numbers must align to the same value or they conflict.
// The answerer, the LLM verifier and the fact-checker all ask the question here.
import type { Lexicon, MatchKind } from './lexicon/lexicon.js';
import { designatorForm, STOP_WORDS } from '../text/tokens.js';
import { numberValue, ordinalValue } from './numbers.js';
import { clauseBreakBefore, FUTURE, NEGATORS, OPEN_QUESTION, rateFollows, REPORTING_VERBS, TELLING, UNIT_RATE, WEEKDAY_NAMES, type AnalyzedText, type NameSpan, type PlaceMention, type Quantity, type Word } from './text-analysis.js';
import { ALIGNMENT_STRENGTH, JUDGE, WEIGHTS } from './tuning.js';
import { BoundedCache } from '../util/bounded-cache.js';

export type UnitKind = 'word' | 'place' | 'quantity' | 'name';

/** One thing the hypothesis says: a content word, a place, a number or a personal name. */
export interface HypothesisUnit {
  kind: UnitKind;
  /** Word indexes in the hypothesis text. */
  words: number[];
  surface: string;
  weight: number;
  /** Names, places and numbers must be matched by the same value. */
  specific: boolean;
  /** A one-word acronym as written ("LDP", "MoU"), which its long form also matches. */
  acronym?: string;
  /** A noun no article uses, in any form ("telephone"): a sentence with nothing related to it does not say the hypothesis. */
  absentFromCorpus?: boolean;
  /**
   * A figure given as a value since replaced (see HypothesisOptions.earlierValues), or a name or
   * place of a hypothesis that tells of a change: either may be matched by what a sentence gives as replaced.
   */
  earlier?: true;
  /** A word of a relative clause ("the trucks *the lasers are mounted on*", "Tsutsui, *who criticised the sale*"): it says which thing is meant, which the sentence's passage may tell. */
  describes?: true;
}

export interface Hypothesis {
  analysis: AnalyzedText;
  units: HypothesisUnit[];
  /** The informative units (see requiredUnits), computed once for every sentence judged. */
  required: ReadonlySet<HypothesisUnit>;
  /** The two sides of a poll the hypothesis compares, if it does (see sidesCompared), read once too. */
  sides?: SidesCompared;
}

export interface AlignedUnit {
  unit: HypothesisUnit;
  strength: number;
  kind: MatchKind | 'none';
  /** The sentence words that match, for explanations. */
  sentenceWords: number[];
  /** Unmatched because the sentence gives it only as what something replaces: how it would match otherwise. */
  replaced?: { strength: number; sentenceWords: number[] };
}

export type ConflictKind = 'number' | 'date' | 'place' | 'person' | 'opposite' | 'negation' | 'replaced' | 'withdrawn' | 'comparison';

export interface Conflict {
  kind: ConflictKind;
  hypothesis: string;
  sentence: string;
  unit: HypothesisUnit;
  /** The sentence's own figure, for a figure or date given otherwise: its first word. */
  at?: number;
}

export type JudgeLabel = 'entails' | 'contradicts' | 'neutral';

export interface Judgement {
  label: JudgeLabel;
  /** Weighted share of the hypothesis the sentence matches (0-1). */
  support: number;
  alignment: AlignedUnit[];
  /** Why it contradicts, when it does. */
  conflict?: Conflict;
  /** The hypothesis says something was done, the sentence only that it is intended or allowed ("aim to sign"). */
  onlyIntended?: true;
  /**
   * Another figure or date the sentence gives, among the words the hypothesis has around its own,
   * on a point it shares most of but not every informative word of ("the first battery is now due
   * in 2029" against "scheduled for delivery in 2028"), or that it gives in place of the
   * hypothesis's own ("falls to 51% from 54%"): no contradiction alone, but how a later report
   * revises what an earlier one said.
   */
  otherValue?: Conflict;
}

export interface HypothesisOptions {
  /** Words that say what is asked rather than what about ("when", "how many"). */
  ignore?: (word: Word, index: number) => boolean;
  /** Word indexes of the thing asked about, weighted up. */
  head?: ReadonlySet<number>;
  /** Words before this index come from an earlier question and weigh less. */
  contextEnd?: number;
  /**
   * The hypothesis speaks of a value since replaced ("the ¥50 billion proposed in the draft", of
   * "..., down from the ¥50 billion proposed in the draft"): a sentence's old value ("down from
   * the ¥50 billion in the draft") may say its figures.
   */
  earlierValues?: boolean;
}

const YEARLIKE = new Set(['year', 'date']);

/** WordNet kinds of the nouns a place before them says where they are: "a Wellington *firm*", "the Nagoya *plant*". */
const ESTABLISHMENTS = ['business', 'facility', 'structure'];

/** Prepositions that put a name in the role of a place. */
const LOCATIVE = new Set(['in', 'at', 'on', 'near', 'from']);

/** Alignment strength from which a part of the hypothesis counts as matched. */
export const MATCHED = 0.5;

/** The words of a name may stand this many words further apart than in the name itself ("Hayashima Shipbuilding & Engineering Co."). */
const NAME_SLACK = 2;

/** The informative parts of a hypothesis, which a sentence (or its passage) must all match. */
export function requiredUnits(hypothesis: Pick<Hypothesis, 'units'>, except: (unit: HypothesisUnit) => boolean = () => false): HypothesisUnit[] {
  const units = hypothesis.units.filter((unit) => !except(unit));
  const heaviest = Math.max(0, ...units.map((unit) => unit.weight));
  return units.filter((unit) => unit.weight >= JUDGE.requiredShare * heaviest);
}

/**
 * Whether the aligned units match every name, place and number and every informative word. A
 * sentence that says nearly all of it may say one ordinary word its own way ("collaboration" for
 * "project", "the move" for "loosening").
 */
function saysTheRest(hypothesis: Hypothesis, alignment: readonly AlignedUnit[], support: number): boolean {
  if (alignment.some((entry) => entry.unit.specific && entry.strength < MATCHED)) return false;
  const unmatchedRequired = alignment.filter((entry) => hypothesis.required.has(entry.unit) && entry.strength < MATCHED);
  return unmatchedRequired.length === 0 || (unmatchedRequired.length === 1 && support >= JUDGE.nearlyAllSupport);
}

const RELATIVIZERS: ReadonlySet<string> = new Set(['which', 'who', 'whose', 'whom', 'that', 'where']);

/**
 * The words of relative clauses: from a relative pronoun after a noun ("the sale *that Tokyo
 * approved*", "Tsutsui, *who criticised it*,") or a clause opened right after a noun by its own
 * subject ("the trucks *the lasers are mounted on*"), to the next comma or the end; and a
 * participle with its doer ("the drones *bought by New Zealand*"), to the main clause's verb.
 * After the one told ("told reporters *the deal would go ahead*") such a clause is what was said,
 * not a relative.
 */
function relativeClauseWords(text: AnalyzedText): Set<number> {
  const words = text.words;
  const inside = new Set<number>();
  const nounAt = (i: number) => words[i] !== undefined && ['NOUN', 'PROPN'].includes(words[i]!.pos);
  const toldAt = (i: number) => words[i]?.pos === 'VERB' && REPORTING_VERBS.has(words[i]!.lemma);
  words.forEach((word, i) => {
    if (!nounAt(i - 1)) return;
    const relativePronoun = RELATIVIZERS.has(word.lower);
    const ownSubject = word.pos === 'DET' && nounAt(i + 1) && ['AUX', 'VERB'].includes(words[i + 2]?.pos ?? '') && !toldAt(i - 2) && !toldAt(i - 3);
    // The relative pronoun left out ("the drones [that were] bought by New Zealand are to be
    // delivered"), the clause ends where the main clause's verb begins.
    const participle = word.pos === 'VERB' && /(?:ed|en|wn|ght)$/.test(word.lower) && words[i + 1]?.lower === 'by';
    if (!relativePronoun && !ownSubject && !participle) return;
    for (let k = relativePronoun ? i + 1 : i; k < words.length; k++) {
      if (k > i && /[,;]/.test(text.text.slice(words[k - 1]!.end, words[k]!.start))) break;
      if (participle && k > i + 1 && ['AUX', 'VERB'].includes(words[k]!.pos)) break;
      inside.add(k);
    }
  });
  return inside;
}

/** How far before a figure "each" or "per" may give it by the unit, within its clause: "*Each* MZ-7 drone costs New Zealand about ¥6 billion". */
const UNIT_RATE_REACH = 10;

/**
 * Whether a figure is given by the unit or by the period ("¥6 billion each", "each drone costs
 * ¥6 billion", "300 million yen a year"): such a figure and a total ("an order worth ¥75.6
 * billion") are not two values of one thing.
 */
function byTheUnit(text: AnalyzedText, quantity: Quantity): boolean {
  if (rateFollows(text, quantity)) return true;
  const first = quantity.boundFrom ?? quantity.first;
  for (let k = first - 1; k >= Math.max(0, first - UNIT_RATE_REACH); k--) {
    if (clauseBreakBefore(text.text, text.words, k + 1)) return false;
    if (UNIT_RATE.has(text.words[k]!.lower)) return true;
  }
  return false;
}

/** The positions (in `words`) of a name's parts a possessive joins: "Keidanren's | Fumiko Yanagawa". */
function possessiveParts(text: AnalyzedText, words: readonly number[]): number[][] {
  const parts: number[][] = [[]];
  words.forEach((index, k) => {
    if (k > 0 && /['’]/.test(text.text.slice(text.words[words[k - 1]!]!.end, text.words[index]!.start))) parts.push([]);
    parts[parts.length - 1]!.push(k);
  });
  return parts;
}

/** A word's matches in one sentence (see EvidenceJudge.wordMatches). */
interface SentenceWordMatches {
  /** The word's lemma, which depends on its context: one spelling can have several. */
  lemma: string;
  /** The phrasal verb it makes with its particle, matched as a whole ("set aside"). */
  phrasal: string | undefined;
  best?: { strength: number; kind: MatchKind; index: number };
  /** Sentence words opposite to the word, in order. */
  opposites: number[];
}

// The words of the questions and claims a sentence was recently judged against.
const WORDS_KEPT_PER_SENTENCE = 256;

export class EvidenceJudge {
  // Keyed by the sentence's analysis, so an entry goes when the analysis does.
  // Within it, keyed by the word as written, whose string's hash V8 keeps (a key joined with the
  // lemma would be built and hashed again for every sentence); its lemmas are told apart in the entry.
  private readonly matchesBySentence = new WeakMap<AnalyzedText, BoundedCache<string, SentenceWordMatches[]>>();

  // Whether a hypothesis tells what someone does now or will do (see withdrawnDoer): read once per
  // hypothesis, not for each of the sentences it is judged against.
  private readonly saysCurrentDoing = new WeakMap<Hypothesis, boolean>();

  constructor(readonly lexicon: Lexicon) {}

  hypothesis(analysis: AnalyzedText, options: HypothesisOptions = {}): Hypothesis {
    const used = new Set<number>();
    const units: HypothesisUnit[] = [];
    const words = analysis.words;
    const span = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, k) => first + k);
    const weightOf = (indexes: number[], specific: boolean) => {
      const idf = Math.max(...indexes.map((i) => this.lexicon.corpus.idf(words[i]!.lower)), WEIGHTS.minimum);
      const head = indexes.some((i) => options.head?.has(i)) ? WEIGHTS.head : 1;
      const predicate = indexes.length === 1 && words[indexes[0]!]!.pos === 'VERB' ? WEIGHTS.predicate : 1;
      const context = indexes.every((i) => i < (options.contextEnd ?? 0)) ? WEIGHTS.earlierQuestion : 1;
      return idf * (specific ? WEIGHTS.specific : 1) * head * predicate * context;
    };
    // "Moved from Halifax to Esquimalt", "originally Halifax": a hypothesis that tells of a change
    // may name what was replaced.
    const speaksOfChange = CHANGE_TOLD.test(analysis.text);
    const add = (kind: UnitKind, indexes: number[], specific: boolean) => {
      if (indexes.some((i) => used.has(i))) return;
      if (indexes.every((i) => options.ignore?.(words[i]!, i))) return;
      indexes.forEach((i) => used.add(i));
      const surface = indexes.map((i) => words[i]!.surface).join(' ');
      const acronym = indexes.length === 1 ? (acronymCapitals(surface) ? surface : this.typedAcronym(words[indexes[0]!]!)) : undefined;
      // Nouns only: a particle or adverb ("put *together*") is said in other words too easily.
      const absentFromCorpus = kind === 'word' && words[indexes[0]!]!.pos === 'NOUN' && !this.lexicon.knownToCorpus(words[indexes[0]!]!);
      const earlier = kind === 'quantity' ? options.earlierValues === true : (kind === 'name' || kind === 'place') && (options.earlierValues === true || speaksOfChange);
      units.push({ kind, words: indexes, surface, weight: weightOf(indexes, specific), specific, ...(acronym ? { acronym } : {}), ...(absentFromCorpus ? { absentFromCorpus } : {}), ...(earlier ? { earlier } : {}) });
    };
    for (const place of analysis.places) add('place', span(place.first, place.last), true);
    // "One" is mostly an article ("inside one enclosed mast", "one of the 17"), not a figure to match.
    for (const quantity of analysis.quantities) if ((!Number.isNaN(quantity.value) || quantity.months !== undefined) && quantity.surface.toLowerCase() !== 'one') add('quantity', span(quantity.first, quantity.last), true);
    for (const name of analysis.names) add('name', span(name.first, name.last), true);
    // An adverb just before a figure says how exact it is ("*roughly* 57 million", "*almost*
    // half"), which the figure's own comparison decides: it is no part to match.
    const hedgesFigure = (i: number) =>
      analysis.quantities.some((quantity) => (words[i]!.pos === 'ADV' && quantity.first === i + 1) || (quantity.boundFrom !== undefined && quantity.boundFrom <= i && i < quantity.first));
    // "The plaintiffs *intend* to appeal" says of the appeal what "will" would: the verb of
    // intention is no fact a sentence must repeat ("said they would appeal").
    const statesIntention = (i: number) => words[i]!.pos === 'VERB' && INTENTIONS.has(words[i]!.lemma) && words[i + 1]?.lower === 'to' && words[i + 2]?.pos === 'VERB';
    // "Six months later than originally planned": the shift says it all; the words that compare
    // it with the plan are no fact a sentence must repeat ("now due in September instead of March").
    const shifts = analysis.quantities.filter((quantity) => dateShift(analysis, quantity) !== undefined);
    // Nor is the verb that says it moved ("slipped by six months"), which the two dates say.
    const describesShift = (i: number) =>
      shifts.some(
        (shift) =>
          (i > shift.last && i <= shift.last + SHIFT_REACH && SHIFT_WORDS.has(words[i]!.lower)) ||
          (i < shift.first && i >= shift.first - SHIFT_REACH && words[shift.first - 1]?.lower === 'by' && (DELAYING.has(words[i]!.lemma) || words[i]!.lower === 'back')),
      );
    // "Is *currently* scheduled for", "is *still* supplying": an adverb that places the statement at
    // the present says when it holds, which the articles' dates decide, not a fact a sentence repeats.
    const placesInPresent = (i: number) => words[i]!.pos === 'ADV' && PRESENT_TIME.has(words[i]!.lower);
    // "Due now *after the amendment*", "*since the expansion*": a change that dates the statement,
    // which an update's sentences leave to their article, as they do "now".
    const datesByChange = (i: number) => words[i]!.pos === 'NOUN' && TIME_FRAMES.has(words[i - 2]?.lower ?? '') && words[i - 1]?.pos === 'DET' && this.lexicon.wordnet.isKindOf(words[i]!.lemma, 'change');
    words.forEach((word, i) => {
      if (!word.content || used.has(i) || options.ignore?.(word, i) || hedgesFigure(i) || statesIntention(i) || describesShift(i) || placesInPresent(i) || datesByChange(i)) return;
      add('word', [i], false);
    });
    const describing = relativeClauseWords(analysis);
    for (const unit of units) if (!unit.specific && unit.words.every((index) => describing.has(index))) unit.describes = true;
    const sides = sidesCompared(analysis);
    return { analysis, units, required: new Set(requiredUnits({ units })), ...(sides ? { sides } : {}) };
  }

  /** An acronym typed in lower case ("dbj"): a short word that is neither English nor the corpus's. */
  private typedAcronym(word: Word): string | undefined {
    if (!/^[a-z]{2,5}$/.test(word.surface)) return undefined;
    // WordNet lists some acronyms as words ("nsc"): those it spells out are acronyms, even where
    // an article prints them ("the NSC"), since another may spell them out ("the National
    // Security Council adopted ...").
    if (this.lexicon.isInitialism(word.lower)) return word.surface.toUpperCase();
    if (this.lexicon.corpus.has(word.lower) || this.lexicon.wordnet.has(word.lower)) return undefined;
    return word.surface.toUpperCase();
  }

  /**
   * `context` is the passage around the sentence, after a first line with its article's title
   * and date (see passageAnalysis): names,
   * places and dates the sentence leaves to its context ("the jets" of "the UK-Italy fighter")
   * may be matched there, a little more weakly, and so may the words of a relative clause, which
   * say which thing is meant ("the trucks the lasers are mounted on"), not what is claimed of it.
   */
  judge(hypothesis: Hypothesis, sentence: AnalyzedText, context?: AnalyzedText): Judgement {
    const alignment = hypothesis.units.map((unit) => {
      const own = this.align(hypothesis.analysis, unit, sentence);
      // What the sentence gives as replaced, it speaks of itself: its passage does not restore it.
      if (!context || !(unit.specific || unit.describes) || own.strength >= MATCHED || own.replaced) return own;
      const onWeekday = unit.kind === 'quantity' ? weekdayMatch(hypothesis.analysis, unit, sentence, context) : undefined;
      if (onWeekday) return onWeekday;
      const around = this.align(hypothesis.analysis, unit, context);
      if (around.strength < MATCHED) return own;
      // A sentence with a value of its own of the same kind gives that value, not the rest of its
      // passage: "The first battery is now due in 2029" does not say 2028 because the passage
      // does. The article's date still dates what it reports ("in July 2026 Tokyo said"), unless
      // the sentence gives a day of its own.
      const inDateLine = around.sentenceWords.every((index) => context.words[index]!.start < context.text.indexOf('\n'));
      if (unit.kind === 'quantity' && (!inDateLine || this.hasOwnDay(hypothesis.analysis, unit, sentence) || ownDeadline(hypothesis.analysis, unit, sentence)) && this.hasOwnValue(hypothesis.analysis, unit, sentence)) return own;
      // So does a name in the same role: "a factory in Komaki" is not in the Sagamihara its passage names.
      if (unit.kind === 'name' && (hasOwnName(hypothesis.analysis, unit, sentence) || this.subjectIsAnother(hypothesis.analysis, unit, sentence))) return own;
      return { unit, strength: around.strength * JUDGE.contextDiscount, kind: around.kind, sentenceWords: [] };
    });
    const total = alignment.reduce((sum, entry) => sum + entry.unit.weight, 0);
    const matched = alignment.reduce((sum, entry) => sum + entry.unit.weight * entry.strength, 0);
    const support = total === 0 ? 0 : matched / total;
    const conflict = this.conflict(hypothesis, sentence, alignment) ?? (context && weekdayConflict(hypothesis.analysis, sentence, context, alignment));
    let otherValue: Conflict | undefined;
    if (conflict) {
      // A figure given otherwise may leave the rest of the hypothesis, ordinary words too, to its
      // passage: "Each battery will consist of ... four launcher vehicles", in an article on
      // Indonesia's Chu-SAM, against "each Chu-SAM battery Indonesia buys has six". The figures'
      // own slots already tie the two to one thing (sameThing, sameSlot).
      // What the sentence gives as replaced it still speaks of: "at Kanoya air base in Kagoshima
      // rather than at *Atsugi*" is about where the training the hypothesis places at Atsugi, in
      // Kanagawa, will be; "instead of HMC Dockyard Halifax in Nova *Scotia*" names what it names.
      const spoken = alignment.map((entry) => (entry.replaced ? { ...entry, ...entry.replaced } : entry));
      // A date is another date of the same act only where the sentence itself tells the act ("take
      // effect on June 1" against "take effect on July 1"): the passage then supplies the rest.
      const tellsTheAct = () => spoken.some((entry) => entry.sentenceWords.length > 0 && entry.strength >= MATCHED && entry.kind !== 'related' && entry.unit.words.some((index) => hypothesis.analysis.words[index]!.pos === 'VERB'));
      const gated = context && (conflict.kind === 'number' || (conflict.kind === 'date' && tellsTheAct())) ? this.withPassageWords(hypothesis.analysis, spoken, context, conflict.unit) : spoken;
      const rest = gated.filter((entry) => entry.unit !== conflict.unit);
      const restTotal = rest.reduce((sum, entry) => sum + entry.unit.weight, 0);
      const restSupport = supportOf(gated, conflict.unit);
      const needed = conflict.kind === 'person' ? JUDGE.personConflictContext : JUDGE.conflictContext;
      // ... and the sentence itself, not only its passage, says some of it: "sales of 21 billion
      // yen" is no value of a contract because its passage names the two companies the claim does.
      const restOwn = restTotal === 0 ? 0 : rest.reduce((sum, entry) => sum + (entry.sentenceWords.length > 0 ? entry.unit.weight * entry.strength : 0), 0) / restTotal;
      // A sentence that gives the hypothesis's figure as the one replaced ("Sanuki's share falls to
      // 51% from 54%"), where it or its passage says every name the hypothesis gives, revises it
      // however little else of the hypothesis it repeats: a later report may revise an earlier one so.
      const replacedFigure = () => {
        // Not of what held then ("the original order was for ¥48.6 billion").
        if (conflict.kind !== 'number' || conflict.unit.kind !== 'quantity' || conflict.unit.earlier) return false;
        if (toldInThePast(hypothesis.analysis) || hypothesis.analysis.words.some((word) => FIRST_VERSION.has(word.lower))) return false;
        const quantity = quantityOf(hypothesis.analysis, conflict.unit);
        const names = spoken.filter((entry) => entry.unit.kind === 'name' || entry.unit.kind === 'place');
        return names.length > 0 && names.every((entry) => entry.strength >= MATCHED) && sentence.quantities.some((candidate) => candidate.superseded && compatible(quantity, candidate) && sameValue(quantity, candidate));
      };
      // The disagreement is about the same fact only if everything else informative matches.
      if (restSupport >= needed && restOwn >= JUDGE.conflictOwnContext) {
        // Its support is what the sentence itself says of the rest: a sentence that entails the
        // hypothesis is not outranked by one whose agreement its passage lends it.
        if (saysTheRest(hypothesis, rest, restSupport)) return { label: 'contradicts', support: supportOf(spoken, conflict.unit), alignment, conflict };
        // Short of that, a figure given otherwise among the words the hypothesis has around its own
        // ("the first *battery* is now due in 2029") is kept: a later report may revise an earlier one so.
        if (conflict.at !== undefined && inSameSlot(conflict.unit.words, [conflict.at], alignment)) otherValue = conflict;
      }
      if (!otherValue && replacedFigure()) otherValue = conflict;
    }
    // A noun no article uses, with nothing related in the sentence, is something the sentence does
    // not say ("by telephone"); a claim that says more than the articles can still be refuted.
    const leavesAbsentNoun = alignment.some((entry) => entry.unit.absentFromCorpus && entry.strength === 0);
    // "They signed it" is not said by "they aim to sign it": an intention is not a past event.
    const intendedOnly = alignment.some((entry) => {
      const word = hypothesis.analysis.words[entry.unit.words[0]!]!;
      // Only a word the sentence says can be said there as a mere intention: "based", related to
      // "plans to buy" only loosely, is not what "plans" intends.
      if (entry.unit.kind !== 'word' || entry.sentenceWords.length === 0 || entry.strength < MATCHED) return false;
      // The tagger often takes a question's verb for a noun ("did Japan *sign* the agreement"):
      // the same word as a verb in the sentence shows what it is.
      const verb = word.pos === 'VERB' || (entry.kind === 'same' && sentence.words[entry.sentenceWords[0]!]!.pos === 'VERB');
      return verb && saysDone(hypothesis.analysis, entry.unit.words[0]!) && onlyIntended(sentence, entry.sentenceWords[0]!);
    });
    // Looked at last, only for a sentence that would otherwise entail: it may not assert the verb
    // it shares with the hypothesis ("must be exercised" for "will exercise", "whether Japan
    // would offer" for "will offer").
    const asserts = () => !alignment.some((entry) => entry.unit.kind === 'word' && entry.sentenceWords.length > 0 && unasserted(hypothesis.analysis, entry.unit.words[0]!, sentence, entry.sentenceWords[0]!));
    // "More respondents opposed it than supported it" against "43 per cent supported ..., 38 per
    // cent opposed it": the shares the sentence gives decide the comparison.
    const compared = !conflict ? comparedShares(hypothesis, sentence, alignment) : undefined;
    if (compared) return compared.holds ? { label: 'entails', support: compared.restSupport, alignment } : { label: 'contradicts', support: compared.restSupport, alignment, conflict: compared.conflict };
    const label = support >= JUDGE.entailSupport && saysTheRest(hypothesis, alignment, support) && !leavesAbsentNoun && !intendedOnly && !conflict && asserts() ? 'entails' : 'neutral';
    return { label, support, alignment, ...(intendedOnly ? { onlyIntended: true as const } : {}), ...(otherValue && label === 'neutral' ? { otherValue } : {}) };
  }

  /**
   * The hypothesis's name ends on an ordinary word that says what it is ("Air *Base*", "Heavy
   * *Industries*"), and the sentence's name holding the words found ends on another.
   */
  private namesAnotherKind(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, found: number[]): boolean {
    const kind = hypothesis.words[unit.words[unit.words.length - 1]!]!;
    if (unit.words.length < 2 || !this.lexicon.isOrdinaryWord(kind.lower)) return false;
    const at = found.find((index) => index >= 0);
    const name = at === undefined ? undefined : sentence.names.find((span) => span.first <= at && at <= span.last);
    if (!name) return false;
    const own = sentence.words[name.last]!;
    return this.lexicon.isOrdinaryWord(own.lower) && own.lemma !== kind.lemma;
  }

  /** The alignment with each word the sentence leaves unmatched matched in its passage instead, where the passage has it. */
  private withPassageWords(hypothesis: AnalyzedText, alignment: AlignedUnit[], context: AnalyzedText, except: HypothesisUnit): AlignedUnit[] {
    return alignment.map((entry) => {
      if (entry.unit === except || entry.strength >= MATCHED || entry.unit.kind !== 'word') return entry;
      const around = this.align(hypothesis, entry.unit, context);
      return around.strength >= MATCHED ? { ...entry, strength: around.strength * JUDGE.contextDiscount, sentenceWords: [] } : entry;
    });
  }

  /**
   * "Went up by 8 billion yen" against "risen to 46 billion yen from 38 billion yen": the new and
   * the old value whose difference the change is, as sentence word indexes. "Five percentage
   * points" is a difference of percentages.
   */
  private changeBetween(change: Quantity, sentence: AnalyzedText): number[] | undefined {
    const values = this.changeValues(change, sentence, (difference) => within(difference, change));
    return values && [values.newer.first, values.older.first];
  }

  /** The new value ("to 46 billion yen") and the old one ("from 38 billion yen") of a change of the figure's kind, their difference accepted. */
  private changeValues(change: Quantity, sentence: AnalyzedText, accepts: (difference: number) => boolean = () => true): { newer: Quantity; older: Quantity } | undefined {
    const points = change.kind === 'count' && change.units.includes('point');
    const ofKind = (candidate: Quantity) => (points ? candidate.kind === 'percent' : compatible(change, candidate) && !this.countsOtherThings(change, candidate));
    return statedChanges(sentence).find((pair) => ofKind(pair.newer) && accepts(Math.abs(pair.newer.value - pair.older.value)));
  }

  private hasOwnValue(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText): boolean {
    const quantity = quantityOf(hypothesis, unit);
    return sentence.quantities.some((candidate) => compatible(quantity, candidate) && !candidate.superseded);
  }

  /**
   * The hypothesis dates a day and the sentence names a day of its own ("issued the licence on
   * March 14"): that is the day of what it reports, not the article's date. So is a day the
   * sentence dates in full, to a month the hypothesis names ("signed in Athens on September 9,
   * 2036", against "signed in January 2037" in an article of January 2037).
   */
  private hasOwnDay(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText): boolean {
    const quantity = quantityOf(hypothesis, unit);
    if (quantity.day === undefined && quantity.months === undefined) return false;
    return sentence.quantities.some((candidate) => candidate.day !== undefined && candidate.months !== undefined && (quantity.day !== undefined || !Number.isNaN(candidate.value)) && compatible(quantity, candidate));
  }

  /**
   * The sentence's subject takes up another organisation than the one the unit names: "The company
   * currently has 2,140 employees", after a sentence on Tsurugi, is not about the Aegean Power
   * Systems its passage also names. Its passage cannot supply the unit. The names' distinctive
   * words decide ("Systems" is in many).
   */
  subjectIsAnother(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText): boolean {
    const subject = sentence.words.slice(0, 2).find((word) => word.refersTo !== undefined);
    if (!subject) return false;
    const words = unit.words.map((index) => hypothesis.words[index]!.lower);
    const distinctive = words.filter((word) => !this.lexicon.isOrdinaryWord(word));
    return !(distinctive.length > 0 ? distinctive : words).some((word) => subject.refersTo!.includes(word));
  }

  /**
   * "Kitaura Cable Works is making the cable" against "Kitaura Cable Works, which was to make the
   * cable, has withdrawn from the program": the sentence says the company the hypothesis has do
   * something has left it, which a hypothesis about what it does now or will do is not. A
   * hypothesis that tells of the change or of the past ("was to", "withdrew") is left to the rest.
   */
  private withdrawnDoer(hypothesis: Hypothesis, sentence: AnalyzedText, alignment: AlignedUnit[]): Conflict | undefined {
    const analysis = hypothesis.analysis;
    let saysDoing = this.saysCurrentDoing.get(hypothesis);
    if (saysDoing === undefined) {
      // The first verb says when: "is making", "will make", "supplies" tell of now and after; "was
      // making", "made", or a part of a claim with no tense of its own ("..., saying it was short") do not.
      const first = analysis.words.find((word) => word.pos === 'VERB' || word.pos === 'AUX');
      const present = first !== undefined && (PRESENT_OR_FUTURE.has(first.lower) || (first.pos === 'VERB' && first.lower !== first.lemma && first.lower.endsWith('s')));
      saysDoing = present && !CHANGE_TOLD.test(analysis.text) && !analysis.words.some((word, i) => tellsWithdrawal(analysis.words, i));
      this.saysCurrentDoing.set(hypothesis, saysDoing);
    }
    // Most sentences tell of no withdrawal: the doer is looked for only in one that does.
    if (!saysDoing || !sentence.words.some((word, i) => tellsWithdrawal(sentence.words, i))) return undefined;
    // The doer: the sentence's first name the hypothesis names too, not after a preposition ("of Kawasaki").
    const doers = alignment
      .filter((entry) => (entry.unit.kind === 'name' || entry.unit.kind === 'word') && entry.kind === 'same' && entry.strength >= MATCHED && unitRole(analysis, entry.unit) === undefined)
      .flatMap((entry) => sentence.names.filter((name) => !name.model && entry.sentenceWords.some((index) => index >= name.first && index <= name.last)).map((name) => ({ entry, name })))
      .sort((a, b) => a.name.first - b.name.first);
    for (const { entry, name } of doers.slice(0, 1)) {
      const from = name.last + 1;
      for (let i = from; i < Math.min(sentence.words.length, from + WITHDRAWAL_REACH); i++) {
        const word = sentence.words[i]!;
        // Another name before the verb is another subject ("..., and Sorano Electronics will withdraw"),
        // unless a preposition ties it to the first ("Tsurumi Seimitsu Co. *of Kawasaki*").
        if (sentence.names.some((other) => other.first === i && !other.model) && sentence.words[i - 1]?.pos !== 'ADP') break;
        if (tellsWithdrawal(sentence.words, i)) {
          return { kind: 'withdrawn', hypothesis: name.surface, sentence: sentence.text.slice(sentence.words[name.first]!.start, word.end), unit: entry.unit };
        }
      }
    }
    return undefined;
  }

  /**
   * The name or noun a place begins, as the city or region it is: "the *Tokyo* District Court",
   * "a *Wellington* firm", "the *Nagoya* plant"; not one it owns ("Tokyo's NSC"), nor people it
   * stands for as a government ("Tokyo officials").
   */
  private placeQualifies(text: AnalyzedText, place: { last: number }): { last: number; noun?: string } | undefined {
    const next = text.words[place.last + 1];
    if (!next || !/^\s+$/.test(text.text.slice(text.words[place.last]!.end, next.start))) return undefined;
    const name = text.names.find((candidate) => candidate.first === place.last + 1);
    if (name) return { last: name.last };
    const establishment = next.pos === 'NOUN' && ESTABLISHMENTS.some((kind) => this.lexicon.wordnet.isKindOf(next.lemma, kind));
    return establishment ? { last: place.last + 1, noun: next.lemma } : undefined;
  }

  /**
   * A name in the sentence that ends on the same ordinary words as the unit's ("Democratic Party",
   * "District Court") and differs in the words before them: another body of the same kind. So is
   * another place's firm or building ("a Christchurch firm" against "a Wellington firm").
   */
  private sameKindOfBody(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, isAligned: (index: number) => boolean): { own: string; other: string } | undefined {
    // A place just before the name is part of it: "the *Tokyo* District Court".
    const withPlace = (text: AnalyzedText, first: number, last: number) => {
      const place = text.places.find((mention) => mention.last === first - 1);
      return { first: place?.first ?? first, last };
    };
    const qualified = unit.kind === 'place' ? this.placeQualifies(hypothesis, { last: unit.words.at(-1)! }) : undefined;
    if (unit.kind === 'place' && !qualified) return undefined;
    const ownSpan = qualified ? { first: unit.words[0]!, last: qualified.last } : withPlace(hypothesis, unit.words[0]!, unit.words.at(-1)!);
    const own = hypothesis.words.slice(ownSpan.first, ownSpan.last + 1).map((word) => word.lower);
    const head = own.at(-1)!;
    if (own.length < 2 || !this.lexicon.isOrdinaryWord(head)) return undefined;
    for (const name of sentence.names) {
      // "A *Christchurch* firm" against "a *Wellington* firm": a name before the noun the place qualifies.
      const qualifies = qualified?.noun !== undefined && sentence.words[name.last + 1]?.lemma === qualified.noun;
      const span = withPlace(sentence, name.first, qualifies ? name.last + 1 : name.last);
      const other = sentence.words.slice(span.first, span.last + 1).map((word) => word.lower);
      if (other.length !== own.length || other.at(-1) !== head || other.every((word, k) => word === own[k])) continue;
      // The words that differ name it: none of them is matched by another part of the hypothesis.
      if (other.some((word, k) => word !== own[k] && isAligned(span.first + k))) continue;
      const surface = (text: AnalyzedText, first: number, last: number) => text.text.slice(text.words[first]!.start, text.words[last]!.end);
      return { own: surface(hypothesis, ownSpan.first, ownSpan.last), other: surface(sentence, span.first, span.last) };
    }
    return undefined;
  }

  /**
   * Which way a word says something moved: up (1), down (-1), or neither (0). The words listed,
   * comparatives among them ("larger"), a phrasal verb ("went up"), and the verbs WordNet has as
   * kinds of a rise or a fall ("surges", "soared", "plunged", "slumped").
   */
  private direction(word: Word): number {
    if (GROWTH.has(word.lemma) || word.phrasal === 'go up') return 1;
    if (SHRINKING.has(word.lemma) || word.phrasal === 'go down') return -1;
    // Only as a verb: "radar-*mounting*" is no rise.
    if (word.pos !== 'VERB') return 0;
    const wordnet = this.lexicon.wordnet;
    if (wordnet.isKindOf(word.lemma, 'increase') || wordnet.isKindOf(word.lemma, 'rise')) return 1;
    if (wordnet.isKindOf(word.lemma, 'decrease') || wordnet.isKindOf(word.lemma, 'fall')) return -1;
    return 0;
  }

  /**
   * A rise the sentence gives where the hypothesis says a fall, or the other way round: "the share
   * went up" against "its share falls to 52% from 55%", "the budget went down" against "surges
   * defense spending by 16 percent". Only when the sentence moves nothing the hypothesis's way there.
   */
  private reversedChange(hypothesis: AnalyzedText, word: Word, sentence: AnalyzedText, unit: HypothesisUnit, alignment: AlignedUnit[], isAligned: (index: number) => boolean): string | undefined {
    const direction = this.direction(word);
    if (direction === 0) return undefined;
    // "The price fell after Greece enlarged its order": what moves the other way in the sentence may
    // be what the hypothesis's other word says ("enlarged its order from 12 units to 16, raising ...").
    if (hypothesis.words.some((other) => other !== word && this.direction(other) === -direction)) return undefined;
    const own = alignment.find((entry) => entry.unit === unit)!.sentenceWords;
    // A word that says another part of the hypothesis moves that part, not this one.
    const otherPart = (index: number) => isAligned(index) && !own.includes(index);
    const changes = statedChanges(sentence);
    const moved = (sign: number) => changes.filter((pair) => Math.sign(pair.newer.value - pair.older.value) === sign);
    // A word moving something is about the unit if it is the word the unit is aligned to, or in its slot.
    const inSlot = (index: number) => own.includes(index) || inSameSlot(unit.words, [index], alignment);
    // A word hyphened to the one before is part of a compound, not a verb: "radar-*mounting* tasks".
    const compounded = (index: number) => index > 0 && sentence.text.slice(sentence.words[index - 1]!.end, sentence.words[index]!.start) === '-';
    const said = (sign: number) => sentence.words.flatMap((other, index) => (this.direction(other) === sign && !otherPart(index) && !compounded(index) && inSlot(index) ? [index] : []));
    if (moved(direction).length > 0 || said(direction).length > 0) return undefined;
    // The figure must be of something the hypothesis names.
    const ofNamed = (index: number) => alignment.some((entry) => entry.unit !== unit && entry.strength >= MATCHED && entry.sentenceWords.some((at) => at !== index && Math.abs(at - index) <= JUDGE.slotDistance));
    const figure = moved(-direction).find((pair) => !isAligned(pair.newer.first) && ofNamed(pair.newer.first));
    if (figure) return `${figure.newer.surface} from ${figure.older.surface}`;
    const opposite = said(-direction)[0];
    return opposite === undefined ? undefined : sentence.words[opposite]!.surface;
  }

  /** A name that ends on a word for a place ("Shizuoka *Prefecture*", "Subic *Bay*"): no one who could do what a person or company does. */
  private namesPlace(text: AnalyzedText, name: NameSpan): boolean {
    const last = text.words[name.last]!;
    return this.lexicon.isOrdinaryWord(last.lower) && (this.lexicon.wordnet.isKindOf(last.lemma, 'location') || this.lexicon.wordnet.isKindOf(last.lemma, 'body of water'));
  }

  /** How the sentence matches one part of the hypothesis: judge()'s alignment of it, without context or verdict. */
  align(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText): AlignedUnit {
    if (unit.kind === 'place') return this.alignCurrent(hypothesis, unit, sentence);
    if (unit.kind === 'quantity') {
      const quantity = quantityOf(hypothesis, unit);
      // An open bound ("up to 5,000 drones") holds for many values: only one counting the same thing matches it.
      const open = quantity.bound === 'above' || quantity.bound === 'below';
      const match = sentence.quantities.find(
        (candidate) => compatible(quantity, candidate) && sameValue(quantity, candidate) && (!candidate.superseded || unit.earlier || quantity.superseded) && (open ? this.sameThing(quantity, candidate) : !this.countsOtherThings(quantity, candidate)),
      );
      if (match) return { unit, strength: 1, kind: 'number', sentenceWords: [match.first] };
      const shift = dateShift(hypothesis, quantity);
      const shifted = shift === undefined ? undefined : shiftBetween(shift, sentence);
      if (shifted) return { unit, strength: 1, kind: 'number', sentenceWords: shifted };
      const change = changeBy(hypothesis, quantity) ? this.changeBetween(quantity, sentence) : undefined;
      return change ? { unit, strength: 1, kind: 'number', sentenceWords: change } : unaligned(unit);
    }
    const expansion = unit.acronym ? acronymExpansion(unit.acronym, sentence.text) : undefined;
    if (expansion) {
      const spelled = sentence.words.flatMap((word, index) => (word.start >= expansion.start && word.end <= expansion.end ? [index] : []));
      return { unit, strength: ALIGNMENT_STRENGTH.alias, kind: 'alias', sentenceWords: spelled };
    }
    if (unit.kind === 'name') return this.alignCurrent(hypothesis, unit, sentence);
    const word = hypothesis.words[unit.words[0]!]!;
    const aligned = this.alignWord(hypothesis, word, unit, sentence);
    if (aligned.strength >= MATCHED) return aligned;
    // "The *enlarged* contract" is said by "worth 39.6 billion yen, up from 27.2 billion": a word
    // for a rise or a fall is matched by a figure the sentence gives as risen or fallen.
    const direction = this.direction(word);
    const change = direction === 0 ? undefined : statedChanges(sentence).find((pair) => Math.sign(pair.newer.value - pair.older.value) === direction);
    return change ? { unit, strength: ALIGNMENT_STRENGTH.synonym, kind: 'synonym', sentenceWords: [change.newer.first] } : aligned;
  }

  /**
   * A name or place the sentence gives as replaced ("to Esquimalt instead of *Halifax*") says
   * what the hypothesis says only where the hypothesis gives it as replaced or old too.
   */
  private alignCurrent(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText): AlignedUnit {
    const current = (word: Word, own: Word) => !word.replaced || own.replaced === true || unit.earlier === true;
    const named = this.alignNamed(hypothesis, unit, sentence, current);
    if (named.strength >= 1 || !sentence.words.some((word) => word.replaced)) return named;
    // Named in part elsewhere, in full as replaced ("Auckland rather than RNZAF Base Ohakea,
    // because ... at Ohakea"): the sentence gives it as replaced.
    const replaced = this.alignNamed(hypothesis, unit, sentence, () => true);
    return replaced.strength > named.strength ? { ...named, replaced: { strength: replaced.strength, sentenceWords: replaced.sentenceWords } } : named;
  }

  /** A place or name unit aligned to the sentence's words that `admits`, the hypothesis's word beside each. */
  private alignNamed(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, admits: (word: Word, own: Word) => boolean): AlignedUnit {
    if (unit.kind === 'place') {
      const country = hypothesis.places.find((place) => place.first === unit.words[0])!;
      // A capital that begins a name ("the *Tokyo* District Court") or says where a firm or a
      // building is ("a *Wellington* firm") is the city, not the government it stands for
      // elsewhere ("Tokyo welcomed the plan"): it is matched by itself alone.
      const theCity = (text: AnalyzedText, place: PlaceMention) => place.form === 'capital' && this.placeQualifies(text, place) !== undefined;
      const ownCity = theCity(hypothesis, country);
      const match = sentence.places.find(
        (place) =>
          place.country === country.country &&
          admits(sentence.words[place.first]!, hypothesis.words[unit.words[0]!]!) &&
          (!(ownCity || theCity(sentence, place)) || place.surface.toLowerCase() === country.surface.toLowerCase()),
      );
      if (!match) return unaligned(unit);
      const same = match.surface.toLowerCase() === country.surface.toLowerCase();
      const capital = !same && (match.form === 'capital') !== (country.form === 'capital');
      const kind: MatchKind = same ? 'same' : capital ? 'capital' : 'alias';
      return { unit, strength: ALIGNMENT_STRENGTH[kind], kind, sentenceWords: [match.first] };
    }
    // A designator in the plural names the same model ("P-1s", "P-1").
    const sameWord = (word: Word, own: Word) => (word.lower === own.lower || (designatorForm(own.lower) !== undefined && word.lemma === own.lemma)) && admits(word, own);
    // The distinctive words decide: a surname alone names the person ("Kishida" for "Fumio
    // Kishida"), while "Industries" alone does not name "Mitsubishi Heavy Industries".
    const distinctive = unit.words.map((i, k) => ({ k, common: this.lexicon.isOrdinaryWord(hypothesis.words[i]!.lower) })).filter((entry) => !entry.common);
    const counted = distinctive.length > 0 ? distinctive.map((entry) => entry.k) : unit.words.map((_, k) => k);
    // The words found must name one thing, standing together: "RNZAF Base Ohakea" is not named by
    // the "RNZAF" of "RNZAF Base Auckland" and the "Ohakea" of "runway work at Ohakea". A
    // possessive joins two names ("Keidanren's Fumiko Yanagawa"), each of which stands together.
    const occurrences = unit.words.map((i) => sentence.words.flatMap((word, at) => (sameWord(word, hypothesis.words[i]!) ? [at] : [])));
    const found = occurrences.map((list) => list[0] ?? -1);
    for (const part of possessiveParts(hypothesis, unit.words)) {
      let most = -1;
      for (const start of new Set(part.flatMap((k) => occurrences[k]!))) {
        const together = part.map((k) => occurrences[k]!.find((at) => at >= start && at < start + part.length + NAME_SLACK) ?? -1);
        const count = part.filter((k, n) => together[n]! >= 0 && counted.includes(k)).length;
        if (count > most) {
          most = count;
          part.forEach((k, n) => (found[k] = together[n]!));
        }
      }
    }
    const share = counted.filter((k) => found[k]! >= 0).length / counted.length;
    // A name of ordinary words is named only in full: "Bank" alone is any bank, "Sea" any sea.
    // Nor is a name whose own kind differs the same one: "Al Dhafra Air Base" is not "Al Dhafra Aero Engineering".
    // Nor is a name matched in part by another name the sentence gives: "RNZAF Base Auckland" is
    // not "RNZAF Base Ohakea".
    const insideAnother = () => {
      const at = found.filter((index) => index >= 0);
      const own = new Set(unit.words.map((i) => hypothesis.words[i]!.lower));
      return sentence.names.some((name) => at.every((index) => index >= name.first && index <= name.last) && spanOf(name).some((index) => !own.has(sentence.words[index]!.lower) && !this.lexicon.isOrdinaryWord(sentence.words[index]!.lower)));
    };
    const strength = ((namesOrganization(hypothesis, unit) || distinctive.length === 0) && share < 1) || this.namesAnotherKind(hypothesis, unit, sentence, found) || (share < 1 && share > 0 && insideAnother()) ? 0 : share;
    // A name is matched by the name, never by a word related to one of its parts ("Industries").
    if (strength > 0) return { unit, strength, kind: 'same', sentenceWords: found.filter((index) => index >= 0) };
    // ... or by "the company" or "it" taking the name up, a little more weakly than if it said it.
    const reference = sentence.words.findIndex((word) => word.refersTo !== undefined && counted.every((k) => word.refersTo!.includes(hypothesis.words[unit.words[k]!]!.lower)) && admits(word, hypothesis.words[unit.words[0]!]!));
    return reference >= 0 ? { unit, strength: JUDGE.contextDiscount, kind: 'same', sentenceWords: [reference] } : unaligned(unit);
  }

  private alignWord(hypothesis: AnalyzedText, word: Word, unit: HypothesisUnit, sentence: AnalyzedText): AlignedUnit {
    const matches = this.wordMatches(word, sentence);
    // A place in a series past the first ("a *second* production line") is a detail said as it is,
    // not by a related word ("one", "next").
    // Written in figures or words alike ("3rd", "third"), or as the count it ends ("the three
    // countries" of a third partner); a name's ("the Second World War") is no place in a series.
    const ordinal = /^\p{Ll}/u.test(word.surface) ? (ordinalValue(word.lower) ?? 0) : 0;
    if (ordinal > 1) {
      const same = sentence.words.findIndex((other) => ordinalValue(other.lower) === ordinal || numberValue(other.lower) === ordinal);
      return same === -1 ? unaligned(unit) : { unit, strength: ALIGNMENT_STRENGTH.same, kind: 'same', sentenceWords: [same] };
    }
    let best: AlignedUnit = matches.best ? { unit, strength: matches.best.strength, kind: matches.best.kind, sentenceWords: [matches.best.index] } : unaligned(unit);
    // "America buys from Japan" says what "Japan sells to America" says. The earlier word wins a tie, as in reading order.
    for (const index of matches.opposites) {
      if (!isConverse(hypothesis, unit.words[0]!, sentence, index)) continue;
      const strength = ALIGNMENT_STRENGTH.converse;
      if (strength > best.strength || (strength === best.strength && index < best.sentenceWords[0]!)) best = { unit, strength, kind: 'converse', sentenceWords: [index] };
    }
    return best;
  }

  /**
   * How one word is matched in a sentence: its strongest match, and the words opposite to it. It
   * depends only on the word and the sentence, whose analysis is kept between requests, so it is
   * kept with the sentence: the answerer reads the same sentences for question after question.
   */
  private wordMatches(word: Word, sentence: AnalyzedText): SentenceWordMatches {
    let known = this.matchesBySentence.get(sentence);
    if (!known) this.matchesBySentence.set(sentence, (known = new BoundedCache(WORDS_KEPT_PER_SENTENCE)));
    let byLemma = known.get(word.lower);
    if (!byLemma) known.set(word.lower, (byLemma = []));
    for (const entry of byLemma) if (entry.lemma === word.lemma && entry.phrasal === word.phrasal) return entry;
    const matches: SentenceWordMatches = { lemma: word.lemma, phrasal: word.phrasal, opposites: [] };
    const words = sentence.words;
    for (let index = 0; index < words.length; index++) {
      const candidate = words[index]!;
      // "The company" stands for "Tsurugi Field Systems", a name typed in lower case too ("tsurugi"),
      // a little more weakly than if it said so.
      if (candidate.refersTo?.includes(word.lower) && !this.lexicon.isOrdinaryWord(word.lower) && JUDGE.contextDiscount > (matches.best?.strength ?? 0)) matches.best = { strength: JUDGE.contextDiscount, kind: 'same', index };
      if (!candidate.content && candidate.lower !== word.lower) continue;
      const match = this.lexicon.match(word, candidate);
      if (!match) continue;
      if (match.kind === 'opposite') matches.opposites.push(index);
      else if (match.strength > (matches.best?.strength ?? 0)) matches.best = { strength: match.strength, kind: match.kind, index };
      // "The jets" stands for the "fighter jets" named before it, a little more weakly than if it said so.
      const standsFor = candidate.antecedent && this.lexicon.match(word, candidate.antecedent);
      if (standsFor && standsFor.kind !== 'opposite' && standsFor.strength * JUDGE.contextDiscount > (matches.best?.strength ?? 0)) {
        matches.best = { strength: standsFor.strength * JUDGE.contextDiscount, kind: standsFor.kind, index };
      }
    }
    byLemma.push(matches);
    return matches;
  }

  /**
   * Another country the sentence gives in the place of the hypothesis's: in the same role ("sell
   * to China" against "sell to the U.S.", not "developing with Britain"), or, without a
   * preposition, as the owner of the same thing ("the Polish Navy" against "the Japanese navy"):
   * a subject alone is no such place, as two countries can both ask, welcome or buy.
   */
  anotherCountryInPlace(analysis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, alignment: AlignedUnit[]): PlaceMention | undefined {
    const role = unitRole(analysis, unit);
    const foreign = (place: PlaceMention) => !analysis.places.some((own) => own.country === place.country);
    return role === undefined ? this.otherCountrysThing(analysis, unit, sentence, alignment, foreign) : sentence.places.find((place) => foreign(place) && roleOf(sentence, place.first, place.last) === role);
  }

  /**
   * "The *Japanese* navy" against "the *Polish* navy": the noun a country qualifies in the
   * hypothesis is matched by one another country qualifies in the sentence.
   */
  private otherCountrysThing(analysis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, alignment: AlignedUnit[], foreign: (place: PlaceMention) => boolean): PlaceMention | undefined {
    const qualified = qualifiedNoun(analysis, unit.words[unit.words.length - 1]!);
    if (qualified === undefined) return undefined;
    const noun = alignment.find((entry) => entry.unit.kind === 'word' && entry.unit.words.includes(qualified) && entry.strength >= MATCHED && entry.kind !== 'related');
    const matched = noun?.sentenceWords[0];
    if (matched === undefined) return undefined;
    return sentence.places.find((place) => foreign(place) && qualifiedNoun(sentence, place.last) === matched);
  }

  /** The first disagreement between hypothesis and sentence on something both talk about. */
  private conflict(hypothesis: Hypothesis, sentence: AnalyzedText, alignment: AlignedUnit[]): Conflict | undefined {
    const analysis = hypothesis.analysis;
    // Needed only for names and for words with an opposite in the sentence: built on first use.
    let aligned: number[] | undefined;
    const isAligned = (index: number) => (aligned ??= alignedSentenceWords(alignment)).includes(index);
    let replaced: Conflict | undefined;
    const withdrawn = this.withdrawnDoer(hypothesis, sentence, alignment);
    if (withdrawn) return withdrawn;
    for (const entry of alignment) {
      const unit = entry.unit;
      // "Delivered to Halifax" against "delivered to Esquimalt instead of Halifax": unless the
      // sentence gives something else of the hypothesis otherwise.
      if (entry.replaced) {
        replaced ??= { kind: 'replaced', hypothesis: unit.surface, sentence: replacedPhrase(sentence, entry.replaced.sentenceWords), unit };
        continue;
      }
      if (unit.kind === 'quantity' && entry.strength === 0) {
        const quantity = quantityOf(analysis, unit);
        // A change ("went up by 5 billion yen") is contradicted only by a change the sentence
        // gives otherwise ("by 16 percent", "to 46 billion yen from 38 billion yen"), not by a
        // value; nor is a value contradicted by a change.
        const change = changeBy(analysis, quantity);
        const values = change ? this.changeValues(quantity, sentence) : undefined;
        if (values) return { kind: 'number', hypothesis: figureText(analysis, quantity), sentence: `${figureText(sentence, values.newer)} from ${figureText(sentence, values.older)}`, unit };
        // "Asahidai still holds 15%" gives Asahidai's share, not the Aurelis its passage names.
        if (doneByAnother(analysis, sentence, alignment, isAligned)) continue;
        // "The *amended* transfer" is not the "*original* transfer" whose date the hypothesis gives.
        if (anotherVersion(analysis, sentence, alignment)) continue;
        // A name of the hypothesis stands beside the sentence's figure: "Harima's falls to 65 percent".
        const ownersSlot = (candidate: Quantity) =>
          alignment.some((named) => named.unit.kind === 'name' && named.strength >= MATCHED && named.sentenceWords.some((index) => Math.abs(index - candidate.first) <= JUDGE.slotDistance));
        const others = sentence.quantities.filter(
          (candidate) =>
            compatible(quantity, candidate) &&
            differentValue(quantity, candidate) &&
            !candidate.superseded &&
            // A figure that says another part of the hypothesis ("since 2003") is not another value of this one.
            !alignment.some((other) => other.unit.kind === 'quantity' && other.sentenceWords.includes(candidate.first)) &&
            change === changeBy(sentence, candidate) &&
            this.sameThing(quantity, candidate) &&
            (quantity.kind !== 'money' || byTheUnit(analysis, quantity) === byTheUnit(sentence, candidate)) &&
            (sameSlot(analysis, quantity, sentence, candidate, alignment) || samePrice(analysis, quantity, sentence, candidate, alignment) || ownersSlot(candidate)) &&
            !(YEARLIKE.has(quantity.kind) && datesAnotherEvent(sentence, candidate, isAligned)),
        );
        // Of several, the one beside the name the hypothesis gives it to: "Redcastle's share rises
        // to 35 percent, and Harima's falls to 65 percent" gives Harima's as 65.
        const other = others.find(ownersSlot) ?? others[0];
        if (other) return { kind: YEARLIKE.has(quantity.kind) ? 'date' : 'number', hypothesis: figureText(analysis, quantity), sentence: figureText(sentence, other), unit, at: other.first };
      }
      if (unit.kind === 'quantity' && entry.strength >= MATCHED && entry.sentenceWords.length > 0) {
        const other = shareOfNamed(analysis, unit, entry.sentenceWords[0]!, sentence, alignment);
        if (other) return { kind: 'number', hypothesis: figureText(analysis, quantityOf(analysis, unit)), sentence: figureText(sentence, other), unit, at: other.first };
      }
      if (unit.kind === 'place' && entry.strength === 0) {
        const other = this.anotherCountryInPlace(analysis, unit, sentence, alignment);
        if (other) return { kind: 'place', hypothesis: unit.surface, sentence: other.surface, unit };
      }
      // A name of ordinary words ("National Security Council") is said in other words too often
      // for another name to contradict it, or to contradict another name.
      // A name its passage supplies is still contradicted by another the sentence gives as the doer
      // of the very act: "will now be written by Kuusk Systems" against "Baltyk will write it", in
      // an article that names Baltyk elsewhere.
      const fromPassage = entry.strength > 0 && entry.sentenceWords.length === 0;
      // "The Constitutional Democratic Party" against "the Liberal Democratic Party", "the Tokyo
      // District Court" against "the Nagano District Court": another body of the same kind.
      if ((unit.kind === 'name' || unit.kind === 'place') && entry.strength === 0) {
        const sameKind = this.sameKindOfBody(analysis, unit, sentence, isAligned);
        if (sameKind) return { kind: 'person', hypothesis: sameKind.own, sentence: sameKind.other, unit };
      }
      if (unit.kind === 'name' && (entry.strength === 0 || fromPassage) && !namesOrganization(analysis, unit)) {
        // A name after a preposition ("based at Ranai") conflicts only with one in the same role
        // ("at Komaki"), not with a person named elsewhere in the sentence.
        const role = unitRole(analysis, unit);
        // "Kure mayor Tetsuo Kawamoto" is the mayor the hypothesis speaks of ("the mayor of Kure
        // backs Hayashima's bid"), not someone in Hayashima's place: a title the hypothesis gives
        // to someone unnamed accounts for the name. The same title before both names does not
        // ("Prime Minister Fumio Kishida", "Prime Minister Shinzo Abe").
        const titledElsewhere = (name: NameSpan) =>
          alignment.some((other) => other.strength >= MATCHED && other.sentenceWords.includes(name.first - 1) && !other.unit.words.includes(unit.words[0]! - 1));
        // Without a role, only a person's full name stands in for another: a subject may be
        // named many ways. In a stated role ("developed *by* NEC", "based *in* Kure") any name does.
        const other = sentence.names.find(
          (name) =>
            // A name part of which the hypothesis already matches ("Kawasaki P-1" for "the P-1") is accounted for.
            !spanOf(name).some(isAligned) &&
            ((!fromPassage && (role === undefined ? name.last > name.first && !name.organization && !this.namesPlace(sentence, name) : roleOf(sentence, name.first, name.last) === role)) ||
              sameDoer(analysis, unit, sentence, name, alignment) ||
              otherSpeaker(analysis, unit, sentence, name)) &&
            !titledElsewhere(name) &&
            // A model ("C295", "P-1") is another model's rival, not a person's or a company's.
            Boolean(analysis.names.find((own) => own.first === unit.words[0])?.model) === Boolean(name.model),
        );
        if (other) return { kind: role !== undefined && LOCATIVE.has(role) ? 'place' : 'person', hypothesis: unit.surface, sentence: other.surface, unit };
      }
      if (unit.kind === 'word') {
        const word = analysis.words[unit.words[0]!]!;
        const reversed = this.reversedChange(analysis, word, sentence, unit, alignment, isAligned);
        if (reversed) return { kind: 'opposite', hypothesis: word.phrasal ? analysis.text.slice(word.start, analysis.words[unit.words[0]! + 1]?.end ?? word.end) : word.surface, sentence: reversed, unit };
        if (entry.strength < JUDGE.negationAlignment) {
          // The opposite must fill the same slot, not stand elsewhere in the sentence or stand for
          // another word of the hypothesis ("reach a war zone" is not contradicted by "war").
          const oppositeIndex = this.wordMatches(word, sentence).opposites.find(
            (index) => !isAligned(index) && !isConverse(analysis, unit.words[0]!, sentence, index) && inSameSlot(unit.words, [index], alignment),
          );
          const opposite = oppositeIndex === undefined ? undefined : sentence.words[oppositeIndex]!;
          if (opposite && opposite.negated === word.negated) return { kind: 'opposite', hypothesis: word.surface, sentence: opposite.surface, unit };
          const denial = deniedTelling(analysis, unit.words[0]!, sentence, alignment);
          if (denial !== undefined) return { kind: 'negation', hypothesis: word.surface, sentence: negatedSurface(sentence.words[denial]!), unit };
        } else if (entry.sentenceWords.length > 0) {
          const matched = sentence.words[entry.sentenceWords[0]!]!;
          if (matched.negated !== word.negated && (word.pos === 'VERB' || word.pos === 'ADJ')) {
            return { kind: 'negation', hypothesis: negatedSurface(word), sentence: negatedSurface(matched), unit };
          }
          // A noun denied in its own phrase: "pay for a simulator, but not for the missiles".
          // (A noun after a denied verb, "did not sell missiles", is the verb's negation, above.)
          // A hypothesis that denies anything itself ("*None* of the grant will go to the missiles") is left to the verb rule.
          if (word.pos === 'NOUN' && deniedInPhrase(sentence, entry.sentenceWords[0]!) && !analysis.words.some((other) => DENIALS.has(other.lower))) {
            return { kind: 'negation', hypothesis: word.surface, sentence: `not ${matched.surface}`, unit };
          }
        }
      }
    }
    return replaced;
  }

  /**
   * Both counts say what they count, and nothing relates the two: "about 5,000 members" is no "4,500-tonne
   * design", while "115 firms" are "115 companies" and "146 people" are "146 residents".
   */
  private countsOtherThings(a: Quantity, b: Quantity): boolean {
    if (a.kind !== 'count' || a.units.length === 0 || b.units.length === 0) return false;
    // People of any kind are counted as people ("146 people" are "146 residents"), but two kinds
    // of people are two things ("80 pilots" are not "80 technicians").
    const people = (quantity: Quantity, unit: string) => this.lexicon.countsPeopleIn(quantity, unit);
    const person = (unit: string) => this.lexicon.wordnet.isKindOf(unit, 'person');
    return !a.units.some((x) =>
      b.units.some((y) => {
        if ((people(a, x) && (people(b, y) || person(y))) || (person(x) && people(b, y))) return true;
        if (this.lexicon.countsAny(x, y)) return true;
        const match = this.lexicon.match({ lower: x, lemma: x }, { lower: y, lemma: y });
        return match !== undefined && match.kind !== 'opposite';
      }),
    );
  }

  /** Whether two numbers count the same thing ("11 frigates" and "20 warships", not "11 frigates" and "5 areas"). */
  private sameThing(a: Quantity, b: Quantity): boolean {
    if (a.kind !== 'count') return true;
    return a.units.some((x) =>
      b.units.some((y) => {
        if (this.lexicon.countsAny(x, y)) return true;
        const match = this.lexicon.match({ lower: x, lemma: x }, { lower: y, lemma: y });
        return match !== undefined && match.kind !== 'opposite' && match.strength >= ALIGNMENT_STRENGTH.broader;
      }),
    );
  }
}

/** A figure as the text gives it, with the words that bound it ("fewer than 30"). */
function figureText(analysis: AnalyzedText, quantity: Quantity): string {
  if (quantity.boundFrom === undefined) return quantity.surface;
  return `${analysis.text.slice(analysis.words[quantity.boundFrom]!.start, analysis.words[quantity.first]!.start)}${quantity.surface}`;
}

/**
 * The sentence words the units are aligned to. Judging builds this for every sentence it reads,
 * so it is a plain array: a Set of a flatMap costs more than the few lookups made in it.
 */
export function alignedSentenceWords(alignment: readonly AlignedUnit[]): number[] {
  const indexes: number[] = [];
  for (const entry of alignment) for (const index of entry.sentenceWords) indexes.push(index);
  return indexes;
}

/** A unit the sentence does not match. Made only when needed: align() runs for every unit of every sentence judged. */
function unaligned(unit: HypothesisUnit): AlignedUnit {
  return { unit, strength: 0, kind: 'none', sentenceWords: [] };
}

/** The quantity a quantity unit stands for. */
function quantityOf(analysis: AnalyzedText, unit: HypothesisUnit): Quantity {
  return analysis.quantities.find((candidate) => candidate.first === unit.words[0])!;
}

/** Whether a name unit is a name of ordinary words for an organisation ("Development Bank"). */
function namesOrganization(analysis: AnalyzedText, unit: HypothesisUnit): boolean {
  return analysis.names.find((name) => name.first === unit.words[0])?.organization === true;
}

/**
 * Whether two amounts of money or shares fill the same slot: a word next to one is aligned to a
 * word next to the other ("a 5 billion yen *loan*" against "60 billion yen on *subsidies*" is
 * not); a new value's words reach back to the verb that set it (slotStart). Counts are compared
 * by what they count, and dates by their event, elsewhere.
 */
function sameSlot(hypothesis: AnalyzedText, a: Quantity, sentence: AnalyzedText, b: Quantity, alignment: AlignedUnit[]): boolean {
  if (a.kind !== 'money' && a.kind !== 'percent') return true;
  return inSameSlot([slotStart(hypothesis, a), a.last], [slotStart(sentence, b), b.last], alignment, (unit) => !unit.specific);
}

/** Words just before a sum that make it the price of what the clause is about: "buy three batteries *for* 41.5 billion yen", "a contract *worth* ...", "*valued at* ...". */
const PRICE_MARKERS = [['for'], ['worth'], ['valued', 'at'], ['priced', 'at'], ['cost', 'of'], ['price', 'of'], ['value', 'of']];

/**
 * Whether two sums are prices of one thing, however far the words about it stand from them:
 * "Indonesia signed a contract on Friday to buy three batteries of ... Chu-SAM ... *for* 41.5
 * billion yen" against "the Chu-SAM contract is *worth* 51.5 billion yen". Each is given as a
 * price, and the sentence itself says every noun of the hypothesis: "Vietnam's *option* for a
 * fourth P-1 is priced at ..." is not priced by the contract for three.
 */
function samePrice(hypothesis: AnalyzedText, a: Quantity, sentence: AnalyzedText, b: Quantity, alignment: AlignedUnit[]): boolean {
  if (!statesPrice(hypothesis, a) || !statesPrice(sentence, b)) return false;
  const isNoun = (entry: AlignedUnit) => entry.unit.kind === 'word' && entry.unit.words.some((index) => hypothesis.words[index]!.pos === 'NOUN');
  return alignment.filter(isNoun).every((entry) => entry.strength >= MATCHED && entry.sentenceWords.length > 0);
}

function statesPrice(text: AnalyzedText, quantity: Quantity): boolean {
  if (quantity.kind !== 'money') return false;
  const before = (length: number) => text.words.slice(Math.max(0, quantity.first - length), quantity.first).map((word) => word.lower);
  return PRICE_MARKERS.some((marker) => before(marker.length).join(' ') === marker.join(' '));
}

/**
 * Whether hypothesis words and sentence words stand in the same place: some other unit of the
 * hypothesis within JUDGE.slotDistance of the first is aligned to a sentence word within that
 * distance of the second. Word indexes are given as the first and last (or the only) ones.
 */
function inSameSlot(hypothesisWords: readonly number[], sentenceWords: readonly number[], alignment: AlignedUnit[], counts: (unit: HypothesisUnit) => boolean = () => true): boolean {
  const near = (span: readonly number[], index: number) => index >= Math.min(...span) - JUDGE.slotDistance && index <= Math.max(...span) + JUDGE.slotDistance;
  return alignment.some(
    (entry) =>
      entry.strength >= MATCHED &&
      counts(entry.unit) &&
      !entry.unit.words.some((index) => hypothesisWords.includes(index)) &&
      entry.unit.words.some((index) => near(hypothesisWords, index)) &&
      entry.sentenceWords.some((index) => near(sentenceWords, index)),
  );
}

/** How far after a verb its object's noun may stand: "disclosed *how many shells*", "declined to give *the price*". */
const OBJECT_REACH = 4;

/**
 * The sentence denies making known what the hypothesis says was made known: "declined to say
 * how many shells" against "disclosed how many shells", "did not name the countries" against
 * "the report names the countries". Not saying a thing denies every narrower way of telling it
 * (natural logic: a denial reverses entailment), so any verb of telling will do in the sentence;
 * but the two must take the same thing: the first noun after each verb, matched ("did not name
 * the *companies*" is no denial of "disclosed the *price* of the company's bid"). Returns the
 * denied sentence verb.
 */
function deniedTelling(hypothesis: AnalyzedText, verbIndex: number, sentence: AnalyzedText, alignment: AlignedUnit[]): number | undefined {
  const verb = hypothesis.words[verbIndex]!;
  if (verb.pos !== 'VERB' || verb.negated || !TELLING.has(verb.lemma)) return undefined;
  // "Disclosed how much the redesign cost" takes a question: the sentence's verb must take the same one ("declined to say how much").
  const question = questionAfter(hypothesis, verbIndex);
  const object = question === undefined ? objectNounAfter(hypothesis, verbIndex) : undefined;
  const matched = object === undefined ? undefined : alignment.find((entry) => entry.unit.words.includes(object) && entry.strength >= MATCHED);
  if (question === undefined && !matched) return undefined;
  const denied = sentence.words.findIndex((word, index) => {
    if (!deniesTelling(word)) return false;
    if (question !== undefined) return questionAfter(sentence, index) === question;
    const taken = objectNounAfter(sentence, index);
    return taken !== undefined && matched!.sentenceWords.includes(taken);
  });
  return denied === -1 ? undefined : denied;
}

function objectNounAfter(text: AnalyzedText, verbIndex: number): number | undefined {
  for (let index = verbIndex + 1; index <= verbIndex + OBJECT_REACH && index < text.words.length; index++) {
    if (['NOUN', 'PROPN'].includes(text.words[index]!.pos)) return index;
  }
  return undefined;
}

/** A verb of telling, denied: "did not say", "declined to give". */
function deniesTelling(word: Word): boolean {
  return word.negated && word.pos === 'VERB' && TELLING.has(word.lemma);
}

/** The question word a verb of telling takes ("disclosed *how* much", "did not say *where*"), if it takes one. */
function questionAfter(text: AnalyzedText, verbIndex: number): string | undefined {
  const next = text.words[verbIndex + 1]?.lower;
  return next !== undefined && OPEN_QUESTION.has(next) ? next : undefined;
}

const WEEKDAY = new RegExp(`^(?:${WEEKDAY_NAMES.join('|')})$`);
/** A weekday names a day within this many days of the article's date, before or after it. */
const WEEKDAY_REACH = 7;

/**
 * "The court on Thursday dismissed the suit", in an article of February 17, 2028: a weekday alone
 * dates what the sentence reports within a week of its article, so a hypothesis that dates it
 * otherwise ("in March 2028") is contradicted, when the sentence gives no date of its own. The
 * article's date is the first line of the passage context (see passageAnalysis).
 */
function weekdayConflict(hypothesis: AnalyzedText, sentence: AnalyzedText, context: AnalyzedText, alignment: AlignedUnit[]): Conflict | undefined {
  const weekday = weekdayOnly(sentence);
  if (!weekday) return undefined;
  // The weekday dates the verb next to it, which must be the hypothesis's own: "said on Thursday"
  // dates the saying, not the founding the hypothesis dates.
  const dated = nearestVerb(sentence, weekday.first);
  const datesHypothesisVerb = alignment.some((entry) => entry.strength >= MATCHED && entry.sentenceWords.includes(dated ?? -1) && entry.unit.words.some((index) => hypothesis.words[index]!.pos === 'VERB'));
  if (!datesHypothesisVerb) return undefined;
  const published = publishedDate(context);
  if (!published?.months || published.day === undefined) return undefined;
  // The months the week either side of the article's date touches, within its year.
  const month = published.months[0];
  const first = published.day <= WEEKDAY_REACH ? month - 1 : month;
  const last = published.day > DAYS_IN_SHORTEST_MONTH - WEEKDAY_REACH ? month + 1 : month;
  if (first < 1 || last > 12) return undefined;
  const window: Quantity = { ...published, months: [first, last], day: undefined };
  for (const entry of alignment) {
    if (entry.unit.kind !== 'quantity' || entry.strength > 0) continue;
    const quantity = quantityOf(hypothesis, entry.unit);
    if (YEARLIKE.has(quantity.kind) && differentDate(quantity.kind === 'date' ? quantity : { ...quantity, months: quantity.months ?? [1, 12] }, window)) {
      return { kind: 'date', hypothesis: figureText(hypothesis, quantity), sentence: `${weekday.surface} (${published.surface})`, unit: entry.unit };
    }
  }
  return undefined;
}

const DAYS_IN_SHORTEST_MONTH = 28;

/** The sentence's one date, when it is a weekday alone ("signed on Monday"). */
function weekdayOnly(sentence: AnalyzedText): Quantity | undefined {
  const weekday = sentence.quantities.find((quantity) => quantity.kind === 'date' && WEEKDAY.test(quantity.surface));
  return weekday && !sentence.quantities.some((quantity) => quantity !== weekday && YEARLIKE.has(quantity.kind)) ? weekday : undefined;
}

/** The article's date: the first line of the passage context (see passageAnalysis). */
function publishedDate(context: AnalyzedText): Quantity | undefined {
  const firstLine = context.text.indexOf('\n');
  return context.quantities.find((quantity) => quantity.kind === 'year' && quantity.day !== undefined && quantity.months && context.words[quantity.first]!.start < firstLine);
}

/**
 * "The amendment was signed in Canberra on Monday", in an article of Wednesday, January 19,
 * 2033: news tells of the days just past, so the weekday is the last one on or before the
 * article's date (January 17), and a hypothesis that gives that day is dated by it.
 */
function weekdayMatch(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, context: AnalyzedText): AlignedUnit | undefined {
  const quantity = quantityOf(hypothesis, unit);
  const month = quantity.months?.[0];
  if (quantity.kind !== 'year' || quantity.day === undefined || month === undefined || quantity.months![1] !== month) return undefined;
  const weekday = weekdayOnly(sentence);
  const published = publishedDate(context);
  if (!weekday || !published?.months || published.day === undefined) return undefined;
  const day = new Date(Date.UTC(published.value, published.months[0] - 1, published.day));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() - WEEKDAY_NAMES.indexOf(weekday.surface) + 7) % 7));
  const same = day.getUTCFullYear() === quantity.value && day.getUTCMonth() + 1 === month && day.getUTCDate() === quantity.day;
  return same ? { unit, strength: 1, kind: 'number', sentenceWords: [weekday.first] } : undefined;
}

/** The verb nearest to a word, within four words either side; before it on a tie ("said on Thursday that"). */
function nearestVerb(text: AnalyzedText, index: number): number | undefined {
  for (let distance = 1; distance <= 4; distance++) {
    for (const at of [index - distance, index + distance]) if (text.words[at]?.pos === 'VERB') return at;
  }
  return undefined;
}

/** Words that take a side in a poll, by lemma or by form: "supported", "backers", "were opposed", "against". */
const STANCES: ReadonlyMap<string, Stance> = new Map([
  ...['support', 'supported', 'supporter', 'back', 'backed', 'backer', 'favour', 'favor', 'endorse'].map((word) => [word, 'for'] as const),
  ...['oppose', 'opposed', 'opponent', 'object', 'reject', 'against'].map((word) => [word, 'against'] as const),
]);

type Stance = 'for' | 'against';

/** A word of a side within this many words after a share: "48 percent *said they supported*", "39 percent *were opposed*". */
const STANCE_REACH = 4;

// A capitalised first word keeps its plural as its lemma ("Opponents"): the singular is tried too.
const stanceOf = (word: Word | undefined): Stance | undefined => (word ? (STANCES.get(word.lemma) ?? STANCES.get(word.lower) ?? STANCES.get(word.lower.replace(/s$/, ''))) : undefined);

/**
 * A comparison of two sides the hypothesis makes ("more respondents opposed exporting them than
 * supported it", "opponents outnumbered supporters", "most respondents backed it"): the side said
 * to be larger, the other side (or half of all), and the words that make the comparison.
 */
interface SidesCompared {
  larger: Stance;
  smaller: Stance | 'half';
  /** The words that make the comparison, left out of what the sentence must also say. */
  words: ReadonlySet<number>;
}

function sidesCompared(hypothesis: AnalyzedText): SidesCompared | undefined {
  const words = hypothesis.words;
  const stanceWithin = (from: number, reach: number) => {
    for (let i = from; i < Math.min(words.length, from + reach); i++) if (stanceOf(words[i])) return i;
    return -1;
  };
  const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  for (let i = 0; i < words.length; i++) {
    const lower = words[i]!.lower;
    if (lower === 'more' || lower === 'fewer') {
      const first = stanceWithin(i + 1, STANCE_REACH);
      const than = first < 0 ? -1 : words.findIndex((word, k) => k > first && word.lower === 'than');
      const second = than < 0 ? -1 : stanceWithin(than + 1, 3);
      if (second < 0) continue;
      const [a, b] = [stanceOf(words[first])!, stanceOf(words[second])!];
      if (a === b) continue;
      return { larger: lower === 'more' ? a : b, smaller: lower === 'more' ? b : a, words: new Set([...span(i, first), ...span(than, second)]) };
    }
    if (words[i]!.lemma === 'outnumber') {
      // "Opponents (of exporting the radars) outnumbered supporters": the subject may take a phrase.
      const before = span(Math.max(0, i - STANCE_REACH - 2), i - 1).reverse().find((k) => stanceOf(words[k]));
      const after = stanceWithin(i + 1, 2);
      if (before === undefined || after < 0 || stanceOf(words[before]) === stanceOf(words[after])) continue;
      return { larger: stanceOf(words[before])!, smaller: stanceOf(words[after])!, words: new Set([before, i, after]) };
    }
    if (lower === 'most' || lower === 'majority') {
      // The side is the verb of the phrase "most" opens, however long: "most respondents in the May poll *opposed* ...".
      const verb = words.findIndex((word, k) => k > i && (word.pos === 'VERB' || stanceOf(word) !== undefined));
      if (verb < 0 || !stanceOf(words[verb])) continue;
      // Who is counted ("most *respondents*", "a majority of *the public*") is the poll's, not a word to match.
      let counted = i + 1;
      while (counted < verb && ['of', 'the'].includes(words[counted]!.lower)) counted++;
      return { larger: stanceOf(words[verb])!, smaller: 'half', words: new Set([...span(Math.max(0, i - 1), Math.min(counted, verb - 1)), verb]) };
    }
  }
  return undefined;
}

/** The share of each side a sentence gives: "46 per cent supported ..., 37 per cent opposed it". */
function sidesShares(sentence: AnalyzedText): Map<Stance, Quantity> {
  const shares = new Map<Stance, Quantity>();
  for (const quantity of sentence.quantities) {
    if (quantity.kind !== 'percent' || Number.isNaN(quantity.value)) continue;
    for (let i = quantity.last + 1; i <= quantity.last + STANCE_REACH && i < sentence.words.length; i++) {
      const stance = stanceOf(sentence.words[i]);
      if (stance === undefined) continue;
      if (!shares.has(stance)) shares.set(stance, quantity);
      break;
    }
  }
  return shares;
}

/**
 * Whether the sentence's shares bear out the comparison the hypothesis makes, when the sentence
 * gives both and says the rest of the hypothesis (what was asked about); the rest's support.
 */
function comparedShares(hypothesis: Hypothesis, sentence: AnalyzedText, alignment: AlignedUnit[]): { holds: boolean; restSupport: number; conflict: Conflict } | undefined {
  const sides = hypothesis.sides;
  if (!sides) return undefined;
  const shares = sidesShares(sentence);
  const larger = shares.get(sides.larger);
  const smaller = sides.smaller === 'half' ? 50 : shares.get(sides.smaller)?.value;
  if (!larger || smaller === undefined) return undefined;
  const comparing = alignment.filter((entry) => entry.unit.words.some((index) => sides.words.has(index)));
  const rest = alignment.filter((entry) => !comparing.includes(entry));
  const total = rest.reduce((sum, entry) => sum + entry.unit.weight, 0);
  const restSupport = total === 0 ? 0 : rest.reduce((sum, entry) => sum + entry.unit.weight * entry.strength, 0) / total;
  if (restSupport < JUDGE.conflictContext || !saysTheRest(hypothesis, rest, restSupport)) return undefined;
  const given = [...shares].map(([stance, quantity]) => `${figureText(sentence, quantity)} ${stance}`).join(', ');
  const said = sides.smaller === 'half' ? `most were ${sides.larger}` : `more were ${sides.larger} than ${sides.smaller}`;
  return { holds: larger.value > smaller, restSupport, conflict: { kind: 'comparison', hypothesis: said, sentence: given, unit: (comparing[0] ?? alignment[0]!).unit } };
}

/** The weighted share of the hypothesis matched, leaving out one unit. */
function supportOf(alignment: readonly AlignedUnit[], except: HypothesisUnit): number {
  let total = 0;
  let matched = 0;
  for (const entry of alignment) {
    if (entry.unit === except) continue;
    total += entry.unit.weight;
    matched += entry.unit.weight * entry.strength;
  }
  return total === 0 ? 0 : matched / total;
}

/** The word indexes a name spans. */
function spanOf(name: NameSpan): number[] {
  return Array.from({ length: name.last - name.first + 1 }, (_, k) => name.first + k);
}

/**
 * The preposition that attaches a phrase ("to" in "to the U.S."), looking back over a
 * determiner and a coordination ("with the UK and Italy").
 */
function prepositionBefore(text: AnalyzedText, index: number): string | undefined {
  for (let i = index - 1; i >= Math.max(0, index - 5); i--) {
    const word = text.words[i]!;
    // "On the northern *coast of* Luzon", "at the *port of* Sines": a part of the place named
    // takes the place's role.
    if (word.lower === 'of' && text.words[i - 1]?.placePart) {
      let j = i - 2;
      while (j >= 0 && ['ADJ', 'DET'].includes(text.words[j]!.pos)) j--;
      if (text.words[j]?.pos === 'ADP' && text.words[j]!.lower !== 'of') return text.words[j]!.lower;
    }
    // "Oberkamp Optronik *of* Jena": "of" after a name says where it is, as "in" does.
    if (word.pos === 'ADP') return word.lower === 'of' && text.words[i - 1]?.pos === 'PROPN' ? 'in' : word.lower;
    // "under then-Prime Minister Shinzo Abe", "ex-Defence Minister": a word hyphened to the
    // title belongs to it.
    const hyphened = text.text.slice(word.end, text.words[i + 1]?.start) === '-';
    if (word.pos !== 'DET' && word.pos !== 'CCONJ' && word.pos !== 'PROPN' && word.pos !== 'PUNCT' && !hyphened) return undefined;
  }
  return undefined;
}

/** The role of a name or place spanning these words: "in" for one hyphened to "based" ("an Osaka-based maker" is based in Osaka), else its preposition. */
function roleOf(text: AnalyzedText, first: number, last: number): string | undefined {
  const next = text.words[last + 1];
  if (next?.lemma === 'base' && text.text.slice(text.words[last]!.end, next.start) === '-') return 'in';
  return prepositionBefore(text, first);
}

/**
 * Whether the date dates a past event the hypothesis does not speak of: "founded in 1972" or
 * "listed in 2004" is no date of the sales or the deliveries the hypothesis dates. Only a past
 * form counts: "expected to arrive in 2029" may be the hypothesis's delivery in other words.
 */
function datesAnotherEvent(sentence: AnalyzedText, date: Quantity, isAligned: (index: number) => boolean): boolean {
  for (let i = (date.boundFrom ?? date.first) - 1; i >= Math.max(0, date.first - 4); i--) {
    const word = sentence.words[i]!;
    if (word.pos === 'ADP' || word.pos === 'DET' || word.lower === 'end' || word.lower === 'of') continue;
    return word.pos === 'VERB' && word.lower.endsWith('ed') && !isAligned(i);
  }
  return false;
}

/**
 * The two names do the same act, one of them as the agent of a passive verb: "Song Hong Aviation
 * Engineering, a state-owned company, will *maintain* the aircraft" against "the P-1s will be
 * *maintained by* Viettel", or "will be *written by* Kuusk Systems" against "Baltyk will *write*
 * it". A passive agent names the one who does it; two subjects alone ("Norway has asked",
 * "Finland asked") may both do it.
 */
function sameDoer(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, name: NameSpan, alignment: AlignedUnit[]): boolean {
  const own = doerOf(hypothesis, unit.words[0]!, unit.words[unit.words.length - 1]!);
  const other = own && doerOf(sentence, name.first, name.last);
  if (!own || !other || (!own.passive && !other.passive)) return false;
  return alignment.some((entry) => entry.strength >= MATCHED && entry.kind !== 'converse' && entry.unit.words.includes(own.verb) && entry.sentenceWords.includes(other.verb));
}

/**
 * The sentence gives the hypothesis's act to a doer of its own ("Asahidai still holds 15%") where
 * the hypothesis's doer ("Aurelis holds 22%") is only in the sentence's passage: what the
 * sentence says of its figures is about another.
 */
function doneByAnother(hypothesis: AnalyzedText, sentence: AnalyzedText, alignment: AlignedUnit[], isAligned: (index: number) => boolean): boolean {
  return alignment.some((entry) => {
    if (entry.unit.kind !== 'name' || entry.sentenceWords.length > 0) return false;
    const own = doerOf(hypothesis, entry.unit.words[0]!, entry.unit.words[entry.unit.words.length - 1]!);
    if (!own || own.passive) return false;
    const act = alignment.find((other) => other.strength >= MATCHED && other.unit.words.includes(own.verb) && other.sentenceWords.length > 0);
    const subject = act && nameBefore(sentence, act.sentenceWords[0]!);
    return subject !== undefined && !spanOf(subject).some(isAligned);
  });
}

/** Words that say which version of a deal or a text is meant, each set against the other. */
const FIRST_VERSION: ReadonlySet<string> = new Set(['original', 'initial']);
const LATER_VERSION: ReadonlySet<string> = new Set(['amended', 'revised', 'enlarged', 'expanded', 'updated', 'new']);

/**
 * A noun the hypothesis and the sentence share is of one version in one and of the other in the
 * other: "the *original* transfer" against "the *amended* transfer", "the *revised* guidelines"
 * against "the *original* guidelines". What one says of its figures is not the other's.
 */
function anotherVersion(hypothesis: AnalyzedText, sentence: AnalyzedText, alignment: AlignedUnit[]): boolean {
  const version = (text: AnalyzedText, noun: number) => {
    const before = text.words[noun - 1]?.lower ?? '';
    return FIRST_VERSION.has(before) ? 'first' : LATER_VERSION.has(before) ? 'later' : undefined;
  };
  return alignment.some((entry) => {
    if (entry.unit.kind !== 'word' || entry.strength < MATCHED || entry.sentenceWords.length === 0) return false;
    const own = version(hypothesis, entry.unit.words[0]!);
    const other = version(sentence, entry.sentenceWords[0]!);
    return own !== undefined && other !== undefined && own !== other;
  });
}

/** The nearest name before a verb with no other verb between: its subject ("Asahidai Precision Industries of Sendai still holds"). */
function nameBefore(text: AnalyzedText, verb: number): NameSpan | undefined {
  const name = [...text.names].reverse().find((span) => span.last < verb);
  return name && !text.words.slice(name.last + 1, verb).some((word) => word.pos === 'VERB') ? name : undefined;
}

/**
 * The statement the hypothesis gives its name ("Natsuhara warned that ...") the sentence gives to
 * another person, by full name ("Daisuke Kanamori, who chairs ..., said ..."): a quote is one
 * speaker's, though the sentence's passage names the other too.
 */
function otherSpeaker(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText, name: NameSpan): boolean {
  const speaks = (text: AnalyzedText, first: number, last: number) => {
    const doer = doerOf(text, first, last);
    return doer !== undefined && !doer.passive && REPORTING_VERBS.has(text.words[doer.verb]!.lemma);
  };
  return name.last > name.first && !name.organization && speaks(hypothesis, unit.words[0]!, unit.words[unit.words.length - 1]!) && speaks(sentence, name.first, name.last);
}

/**
 * The verb a name is the doer of: the passive verb before "by" ("maintained by Viettel"), or the
 * verb a subject does, after it with nothing between but auxiliaries, adverbs and an aside set off
 * by commas ("Song Hong, a state-owned company, will maintain"). A name after another
 * preposition ("bought from Kawasaki, will be maintained") does nothing here.
 */
function doerOf(text: AnalyzedText, first: number, last: number): { verb: number; passive: boolean } | undefined {
  if (text.words[first - 1]?.lower === 'by') return text.words[first - 2]?.pos === 'VERB' ? { verb: first - 2, passive: true } : undefined;
  if (roleOf(text, first, last) !== undefined) return undefined;
  let aside = false;
  for (let i = last + 1; i < text.words.length; i++) {
    const word = text.words[i]!;
    // Words keep their place in the text, punctuation does not: a comma opens or closes an aside.
    if (text.text.slice(text.words[i - 1]!.end, word.start).includes(',')) aside = !aside;
    if (aside) continue;
    if (word.pos === 'VERB') return { verb: i, passive: false };
    if (!['AUX', 'ADV', 'PART'].includes(word.pos)) return undefined;
  }
  return undefined;
}

/** The role of a hypothesis's name or place (see roleOf). */
function unitRole(text: AnalyzedText, unit: HypothesisUnit): string | undefined {
  return roleOf(text, unit.words[0]!, unit.words[unit.words.length - 1]!);
}

/** Words by which a hypothesis denies something itself. */
const DENIALS: ReadonlySet<string> = new Set([...NEGATORS, 'none', 'neither', 'nor', 'nothing']);

/** Whether "not" or "no" opens the noun's own phrase ("not for the missiles", "no missiles"), with no verb between. */
function deniedInPhrase(text: AnalyzedText, index: number): boolean {
  for (let i = index - 1; i >= Math.max(0, index - 4); i--) {
    const word = text.words[i]!;
    if (NEGATORS.has(word.lower)) return true;
    if (!['DET', 'ADP', 'ADJ', 'NUM', 'NOUN', 'PROPN', 'CCONJ'].includes(word.pos)) return false;
  }
  return false;
}

const INTENTIONS = new Set(['aim', 'plan', 'hope', 'intend', 'seek', 'want', 'expect', 'try', 'propose', 'agree']);
const MODALS = new Set(['would', 'could', 'may', 'might', 'should', 'can', 'must']);

/** A modal verb: the month in "Sunday, *May* 22" and a tin "can" are nouns, no modal. */
function isModal(word: Word, modals: ReadonlySet<string> = MODALS): boolean {
  return modals.has(word.lower) && word.pos !== 'NOUN' && word.pos !== 'PROPN';
}
/** Modals of what may or must happen, which is not what will. */
const POSSIBILITY = new Set(['may', 'might', 'could', 'can', 'must']);

/** Whether one of the auxiliaries stands within three words before the verb: "will exercise", "must be exercised". */
function auxiliaryBefore(text: AnalyzedText, index: number, auxiliaries: ReadonlySet<string>): boolean {
  return text.words.slice(Math.max(0, index - 3), index).some((other) => isModal(other, auxiliaries));
}

/** Words that make what follows allowed rather than done: "rules *allowing* lethal transfers", "*eligible* to receive". */
const PERMISSIONS = new Set(['allow', 'permit', 'enable', 'let', 'authorize', 'authorise', 'eligible', 'able']);

/** Whether a verb says something was done: a past form ("signed", "has signed"), not "will sign" or "plans to sign". */
function saysDone(text: AnalyzedText, index: number): boolean {
  const word = text.words[index]!;
  // A participle before its noun describes the thing ("the shipment of *completed* weapons"): no event.
  const previous = text.words[index - 1];
  if (text.words[index + 1]?.pos === 'NOUN' && (previous === undefined || ['DET', 'ADP', 'ADJ', 'CCONJ'].includes(previous.pos))) return false;
  const before = text.words.slice(Math.max(0, index - 3), index);
  // ... nor does a condition ("if Italy passed them on").
  if (before.some((other) => isModal(other) || CONDITIONS.has(other.lower) || other.lower === 'will' || other.lower === 'to')) return false;
  // A question in the past asks about a done thing in the verb's base form ("did they sign it?").
  if (PAST_AUXILIARIES.has(text.words[0]?.lower ?? '') && index > 0) return true;
  return /ed$/.test(word.lower) || (word.lower !== word.lemma && !/(ing|s)$/.test(word.lower));
}

const PAST_AUXILIARIES = new Set(['did', 'has', 'have', 'had']);

/** Whether a verb is only intended, possible or allowed: "aim to sign", "plans to build", "would assemble", "allow transfers". */
function onlyIntended(text: AnalyzedText, index: number): boolean {
  const before = text.words.slice(Math.max(0, index - 3), index);
  // A condition is not an event: "If concluded, the deal would be Japan's first ...".
  if (before.some((other) => isModal(other) || CONDITIONS.has(other.lower))) return true;
  if (text.words.slice(Math.max(0, index - 5), index).some((other) => PERMISSIONS.has(other.lemma))) return true;
  const to = before.map((other) => other.lower).lastIndexOf('to');
  if (to > 0 && INTENTIONS.has(before[to - 1]!.lemma)) return true;
  // What someone was asked to do is a request, not a deed: "had asked the court to revoke the licence".
  return text.words[index - 1]?.lower === 'to' && text.words.slice(Math.max(0, index - 6), index - 1).some((other) => other.pos === 'VERB' && REQUESTS.has(other.lemma));
}

const REQUESTS = new Set(['ask', 'urge', 'request', 'demand', 'press', 'petition', 'call']);

/**
 * Whether the sentence leaves unasserted the verb the hypothesis asserts: what may, could or must
 * happen is not what will ("the option must be exercised by 2031" for "the UAE will exercise
 * it"), and a question left open is no statement ("did not say whether Japan would offer
 * financing"), unless the hypothesis asks it too ("asked whether drones could reach ...").
 */
function unasserted(hypothesis: AnalyzedText, at: number, sentence: AnalyzedText, own: number): boolean {
  // "Officials declined to give a price for each laser": what a denial of telling takes is not
  // said to be so ("Kaga's share price dropped" is not entailed), unless the hypothesis denies it too.
  if (withheldBy(sentence, own) && !withheldBy(hypothesis, at)) return true;
  if (hypothesis.words[at]!.pos !== 'VERB') return false;
  if (auxiliaryBefore(hypothesis, at, FUTURE) && auxiliaryBefore(sentence, own, POSSIBILITY)) return true;
  return sentence.words[own]!.pos === 'VERB' && inOpenQuestion(sentence, own) && !inOpenQuestion(hypothesis, at);
}

/** Whether the word follows a denied verb of telling in its sentence, before a "but" or a semicolon opens another statement. */
function withheldBy(text: AnalyzedText, index: number): boolean {
  for (let k = index - 1; k >= 0; k--) {
    const word = text.words[k]!;
    if (word.lower === 'but' || /;/.test(text.text.slice(word.end, text.words[k + 1]!.start))) return false;
    if (deniesTelling(word)) return true;
  }
  return false;
}

/** Whether the word stands in a clause of "whether" ("did not say whether Japan would offer ..."), which asserts nothing. */
function inOpenQuestion(text: AnalyzedText, index: number): boolean {
  for (let k = index - 1; k >= Math.max(0, index - OPEN_QUESTION_REACH); k--) {
    const word = text.words[k]!;
    if (word.lower === 'whether') return true;
    if (/[,;:]/.test(text.text.slice(word.end, text.words[k + 1]!.start))) return false;
  }
  return false;
}
const OPEN_QUESTION_REACH = 6;

/** Words that open a condition. */
const CONDITIONS = new Set(['if', 'unless']);

/** Whether the sentence names someone or somewhere of its own after the preposition that introduces the name unit ("in Komaki"). */
function hasOwnName(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText): boolean {
  const role = unitRole(hypothesis, unit);
  return role !== undefined && sentence.names.some((name) => !name.organization && roleOf(sentence, name.first, name.last) === role);
}

/**
 * "Aurelia holds 51 percent" against "51 percent owned by Tsubasa Dynamics and 49 percent by
 * Aurelia Sistemi": the share the sentence gives beside the hypothesis's name, where the figure
 * it matched stands beside none of the names the hypothesis gives.
 */
function shareOfNamed(hypothesis: AnalyzedText, unit: HypothesisUnit, matchedAt: number, sentence: AnalyzedText, alignment: AlignedUnit[]): Quantity | undefined {
  const quantity = quantityOf(hypothesis, unit);
  if (quantity.kind !== 'percent') return undefined;
  const near = (a: number, b: number) => Math.abs(a - b) <= JUDGE.slotDistance;
  const named = alignment.filter((entry) => entry.unit.kind === 'name' && entry.strength >= MATCHED).flatMap((entry) => entry.sentenceWords);
  if (named.length === 0 || named.some((at) => near(at, matchedAt))) return undefined;
  // Beside it in one clause: "15 percent, and Tsuruga ..." gives another company's.
  const together = (a: number, b: number) => near(a, b) && !sentence.words.slice(Math.min(a, b) + 1, Math.max(a, b) + 1).some((_, k) => clauseBreakBefore(sentence.text, sentence.words, Math.min(a, b) + 1 + k));
  return sentence.quantities.find((candidate) => candidate.kind === quantity.kind && candidate.first !== matchedAt && differentValue(quantity, candidate) && named.some((at) => together(at, candidate.first)));
}

/** Past forms that open a clause's verb group: "was", "had sold", "did". */
const PAST_OPENERS = new Set(['was', 'were', 'had', 'did']);

/**
 * Whether a claim's first verb is in the past tense ("received", "was valued"), not the present or
 * the present perfect ("has exported"): it tells of then, which a later change does not revise.
 */
export function toldInThePast(analysis: AnalyzedText): boolean {
  const verb = analysis.words.find((word) => word.pos === 'VERB' || word.pos === 'AUX');
  if (!verb) return false;
  if (verb.pos === 'AUX') return PAST_OPENERS.has(verb.lower);
  // An inflected form that is neither the third person ("sells") nor a participle in -ing is a past form.
  return verb.lower !== verb.lemma && !/(ing|s)$/.test(verb.lower);
}

/** Prepositions that make a date a deadline: "by the end of 2027", "before June". */
const DEADLINES: ReadonlySet<string> = new Set(['by', 'before', 'until']);

/** The preposition that makes a figure a deadline, the article left out: "by (the end of) 2027". */
function deadlineOf(text: AnalyzedText, quantity: Quantity): string | undefined {
  let k = (quantity.boundFrom ?? quantity.first) - 1;
  if (text.words[k]?.pos === 'DET') k--;
  const word = text.words[k]?.lower;
  return word !== undefined && DEADLINES.has(word) ? word : undefined;
}

/**
 * "Expects to choose a builder *by the end of 2027*" gives its own deadline for "by mid-2027":
 * the article's date, which dates what the sentence reports, is not that deadline.
 */
function ownDeadline(hypothesis: AnalyzedText, unit: HypothesisUnit, sentence: AnalyzedText): boolean {
  const deadline = deadlineOf(hypothesis, quantityOf(hypothesis, unit));
  return deadline !== undefined && sentence.quantities.some((candidate) => YEARLIKE.has(candidate.kind) && deadlineOf(sentence, candidate) === deadline);
}

/** Countries and people on one side of a word: before it (its subject) or after it. */
function participants(text: AnalyzedText, index: number, before: boolean): string[] {
  const inRange = (first: number) => (before ? first < index : first > index);
  const found: string[] = [];
  for (const place of text.places) if (inRange(place.first)) found.push(place.country);
  for (const name of text.names) if (inRange(name.first)) found.push(text.words[name.last]!.lower);
  return found;
}

/**
 * Converse verbs with their participants swapped ("X buys from Y" and "Y sells to X"): the
 * subject of one is the object of the other. Checked on countries and names on each side.
 */
function isConverse(hypothesis: AnalyzedText, hypothesisWord: number, sentence: AnalyzedText, sentenceWord: number): boolean {
  const subject = participants(hypothesis, hypothesisWord, true);
  const object = participants(hypothesis, hypothesisWord, false);
  const sentenceSubject = participants(sentence, sentenceWord, true);
  const sentenceObject = participants(sentence, sentenceWord, false);
  const overlaps = (a: readonly string[], b: readonly string[]) => a.some((item) => b.includes(item));
  return (overlaps(subject, sentenceObject) || overlaps(object, sentenceSubject)) && !overlaps(subject, sentenceSubject);
}

/** Prepositions that date a statement by an event: "after the amendment", "since the expansion". */
const TIME_FRAMES: ReadonlySet<string> = new Set(['after', 'since', 'following']);

/** Adverbs that place a statement at the present. */
const PRESENT_TIME: ReadonlySet<string> = new Set(['currently', 'presently', 'nowadays']);

/**
 * How far from a figure "about" it reaches. "About 70 percent" is 70 rounded, so less than half
 * its rounding step off: 68 is about 70, 65 is not (it would be "about 65"). A figure rounded
 * coarsely ("about 2,000") still reaches at most NEAR of itself.
 */
function nearTolerance(value: number): number {
  const halfStep = roundingStep(value) / 2;
  return Math.min(NEAR * Math.abs(value), halfStep * (1 - 1e-9));
}

/**
 * The step a figure is rounded to: 70 -> 10, 75 -> 5, 1,900 -> 100, 6.2 -> 0.1. A figure of more
 * than two decimals ("two-thirds", 66.67) is not written rounded: it has no step.
 */
function roundingStep(value: number): number {
  if (!Number.isFinite(value) || value === 0) return Infinity;
  const isMultiple = (step: number) => Math.abs(Math.round(value / step) * step - value) <= 1e-9 * Math.abs(value);
  let step = 1;
  // Decimals first: 6.2 is rounded to tenths.
  while (!isMultiple(step)) {
    step /= 10;
    if (step < 0.01) return Infinity;
  }
  while (isMultiple(step * 10)) step *= 10;
  return isMultiple(step * 5) ? step * 5 : step;
}

/** The largest share of a figure that "about" it may be off, however coarsely it is rounded. */
const NEAR = 0.1;

/** Words for a rise and for a fall, which a figure given with its old value says ("up from", "to 12 from eight"). */
const GROWTH = new Set(['enlarge', 'increase', 'raise', 'rise', 'grow', 'expand', 'boost', 'enlarged', 'increased', 'raised', 'expanded', 'larger', 'bigger', 'higher']);
const SHRINKING = new Set(['reduce', 'decrease', 'cut', 'lower', 'shrink', 'fall', 'drop', 'decline', 'reduced', 'decreased', 'smaller']);

/** Verbs that take a value to a new one, by lemma: "*raising* the value of its contract ... to ¥31.68 billion". */
const CHANGING_TO = new Set([...GROWTH, ...SHRINKING, 'bring', 'lift', 'revise']);
/** How far before its new value the verb that changes a value may stand. */
const CHANGING_REACH = 16;

/**
 * Where a figure's slot begins. A new value ("to ¥31.68 billion") is the value of what the verb
 * that changed it takes, however far off in its clause: "*raising the value of its contract* with
 * Asagiri Aerostatics Co. by ¥8.58 billion to ¥31.68 billion".
 */
function slotStart(text: AnalyzedText, quantity: Quantity): number {
  const first = quantity.boundFrom ?? quantity.first;
  if (text.words[first - 1]?.lower !== 'to') return quantity.first;
  for (let k = first - 2; k >= Math.max(0, first - CHANGING_REACH); k--) {
    if (clauseBreakBefore(text.text, text.words, k + 1)) break;
    const word = text.words[k]!;
    if (word.pos === 'VERB' && CHANGING_TO.has(word.lemma)) return k;
  }
  return quantity.first;
}

/**
 * The figures a sentence gives with the value they replace: "worth 39.6 billion yen, *up from*
 * 27.2 billion yen", "raised its order *to* 12 systems *from* eight". Dates are left out: a
 * later date is no rise.
 */
function statedChanges(sentence: AnalyzedText): { newer: Quantity; older: Quantity }[] {
  const changes: { newer: Quantity; older: Quantity }[] = [];
  for (const newer of sentence.quantities) {
    if (newer.superseded || YEARLIKE.has(newer.kind) || Number.isNaN(newer.value)) continue;
    // "Raised to 11 billion yen from 9 billion", or "will now cost 11 billion yen, up from 9 billion".
    const raisedTo = sentence.words[newer.first - 1]?.lower === 'to';
    for (const older of sentence.quantities) {
      const givenAsOld = raisedTo || (older.first > newer.first && ['up', 'down'].includes(sentence.words[older.first - 2]?.lower ?? ''));
      // A sum in another currency is no earlier value of this one: "¥75.6 billion, or about NZ$840
      // million, up from ¥62.4 billion" raised the yen, it did not cut the dollars.
      const otherCurrency = older.currency !== undefined && newer.currency !== undefined && older.currency !== newer.currency;
      if (older.superseded && older.kind === newer.kind && !Number.isNaN(older.value) && givenAsOld && !otherCurrency) changes.push({ newer, older });
    }
  }
  return changes;
}

/** Whether the figure is a change ("went up *by* 8 billion yen", "cut by about two"); "by 2027" is a date. */
function changeBy(text: AnalyzedText, figure: Quantity): boolean {
  if (YEARLIKE.has(figure.kind)) return false;
  // "Went up by 5 billion yen", or "cost two billion yen more than first planned": a figure before
  // a comparison is the difference between two values, as a bound is only before its figure.
  const after = text.words.slice(figure.last + 1, figure.last + 3).map((word) => word.lower).join(' ');
  return text.words[(figure.boundFrom ?? figure.first) - 1]?.lower === 'by' || COMPARED.test(after);
}

const COMPARED = /^(?:more|less|fewer|higher|lower) than$/;

/**
 * A span of months or years by which a date moved, in months, later positive: "six months later
 * than planned", "slipped by six months", "two years earlier".
 */
function dateShift(text: AnalyzedText, figure: Quantity): number | undefined {
  const months = figure.kind === 'count' && figure.units.length === 1 ? MONTHS_IN.get(figure.units[0]!) : undefined;
  if (months === undefined) return undefined;
  const after = text.words[figure.last + 1]?.lower ?? '';
  const before = text.words.slice(Math.max(0, (figure.boundFrom ?? figure.first) - 3), figure.boundFrom ?? figure.first);
  const direction = LATER.has(after) || (before[before.length - 1]?.lower === 'by' && before.some((word) => DELAYING.has(word.lemma))) ? 1 : EARLIER.has(after) ? -1 : 0;
  return direction === 0 ? undefined : direction * figure.value * months;
}

/** Words that compare a shift of a date with the plan, up to this far after it: "later than originally planned". */
const SHIFT_WORDS = new Set(['later', 'late', 'earlier', 'early', 'sooner', 'originally', 'initially', 'first', 'planned', 'scheduled', 'expected', 'intended', 'agreed']);
const SHIFT_REACH = 4;

const MONTHS_IN: ReadonlyMap<string, number> = new Map([
  ['month', 1],
  ['year', 12],
]);

const LATER = new Set(['later', 'late']);
const EARLIER = new Set(['earlier', 'early', 'sooner']);
const DELAYING = new Set(['slip', 'delay', 'postpone', 'push', 'put', 'set']);

/** The new date and the old one a sentence gives ("now due in September 2035 instead of March 2035") when they lie `months` apart, as word indexes. */
function shiftBetween(months: number, sentence: AnalyzedText): number[] | undefined {
  const monthOf = (date: Quantity) => date.value * 12 + (date.months ? date.months[0] - 1 : 0);
  for (const newer of sentence.quantities) {
    if (!YEARLIKE.has(newer.kind) || newer.superseded) continue;
    const older = sentence.quantities.find((candidate) => candidate.superseded && YEARLIKE.has(candidate.kind) && Boolean(candidate.months) === Boolean(newer.months) && monthOf(newer) - monthOf(candidate) === months);
    if (older) return [newer.first, older.first];
  }
  return undefined;
}

/** Whether a value lies within the bounds of a figure (its value, when it has no bound). */
function within(value: number, figure: Quantity): boolean {
  switch (figure.bound) {
    case 'above':
      return value > figure.value || (figure.boundIncludes === true && value === figure.value);
    case 'below':
      return value < figure.value || (figure.boundIncludes === true && value === figure.value);
    case 'near':
      return Math.abs(value - figure.value) <= nearTolerance(figure.value);
    default:
      return value === figure.value;
  }
}

/**
 * The sentence's figure says what the hypothesis's does: the same value, or one inside the
 * hypothesis's bounds ("more than 30" for 38). A bounded figure of the sentence states no exact value.
 * A date that names no month is said by any month of its year ("in 2025" by "September 2025"),
 * one that names no year by the same month of any year ("in July" by "July 2025"), and a part of a
 * year by the months inside it ("the first half of 2028" by "March 2028"), but not the other way
 * round: "in 2028" does not say "in March 2028".
 */
function sameValue(hypothesis: Quantity, sentence: Quantity): boolean {
  // Two days of the month are two dates: "September 19" does not say "September 12".
  if (hypothesis.day !== undefined && sentence.day !== undefined && hypothesis.day !== sentence.day) return false;
  // Nor does a month say a day of it: "in June 2039" does not say "on June 1, 2039".
  if (hypothesis.day !== undefined && sentence.day === undefined) return false;
  const [from, to] = hypothesis.months ?? [1, 12];
  const monthsAgree = sentence.months === undefined ? hypothesis.months === undefined : from <= sentence.months[0] && sentence.months[1] <= to;
  // A date of the sentence without a year is in its article's year: "on Tuesday, October 1" of
  // an article of 2028 does not say "by the end of 2031".
  if (hypothesis.kind === 'year' && sentence.kind === 'date' && sentence.impliedYear !== undefined && sentence.impliedYear !== hypothesis.value) return false;
  if (YEARLIKE.has(hypothesis.kind) && (hypothesis.kind === 'date' || sentence.kind === 'date')) return monthsAgree;
  if (YEARLIKE.has(hypothesis.kind)) return hypothesis.value === sentence.value && monthsAgree;
  if (sentence.bound && sentence.bound !== 'near') return hypothesis.bound === sentence.bound && hypothesis.value === sentence.value;
  return within(sentence.value, hypothesis);
}

/** The two figures cannot both be true: no value lies within the bounds of both. */
function differentValue(hypothesis: Quantity, sentence: Quantity): boolean {
  if (YEARLIKE.has(hypothesis.kind)) return differentDate(hypothesis, sentence);
  if (!hypothesis.bound) return !within(hypothesis.value, sentence);
  if (!sentence.bound) return !within(sentence.value, hypothesis);
  // Bounded alike, they state the bound itself: "up to 5,000 drones a year" is not "up to 1,500".
  if (hypothesis.bound === sentence.bound) return hypothesis.value !== sentence.value;
  // Bounded otherwise: "more than 30" and "about 40" can both hold; "more than 50" and "fewer than 40" cannot.
  const range = (figure: Quantity): [number, number] =>
    figure.bound === 'above' ? [figure.value, Infinity] : figure.bound === 'below' ? [-Infinity, figure.value] : [figure.value - nearTolerance(figure.value), figure.value + nearTolerance(figure.value)];
  const [low1, high1] = range(hypothesis);
  const [low2, high2] = range(sentence);
  return high1 < low2 || high2 < low1;
}

/** The last month a dated year-kind figure names, counted from year 0. */
function latestMonth(date: Quantity): number {
  return date.value * 12 + (date.months?.[1] ?? 12);
}

/**
 * Two dates that cannot both be true: other years, or months of the year that do not overlap
 * ("mid-2027" and "the end of 2027"). A date that says less than the other ("2028" against
 * "the first half of 2028") is neither the same nor another.
 */
function differentDate(hypothesis: Quantity, sentence: Quantity): boolean {
  // A deadline holds for any date up to it: "in 2030" is no other date than "by the end of 2031".
  // Two deadlines are two target dates: "by 2040" is not "by 2035".
  if (hypothesis.kind === 'year' && sentence.kind === 'year' && sentence.deadline && !hypothesis.deadline && latestMonth(hypothesis) <= latestMonth(sentence)) return false;
  if (hypothesis.kind === 'year' && sentence.kind === 'year' && hypothesis.value !== sentence.value) return true;
  if (!hypothesis.months || !sentence.months) return false;
  if (hypothesis.months[1] < sentence.months[0] || sentence.months[1] < hypothesis.months[0]) return true;
  // The same month, other days.
  return hypothesis.day !== undefined && sentence.day !== undefined && hypothesis.day !== sentence.day && hypothesis.months[0] === sentence.months[0];
}

/** Quantities that can be compared: of one kind, and dates when both give a year or both a month. */
function compatible(a: Quantity, b: Quantity): boolean {
  if (YEARLIKE.has(a.kind)) return YEARLIKE.has(b.kind) && ((a.kind === 'year' && b.kind === 'year') || (a.months !== undefined && b.months !== undefined));
  // Sums in two currencies say nothing of each other: "$1.9 billion" is no "11 billion ringgit".
  if (a.kind === 'money' && a.currency !== undefined && b.currency !== undefined && a.currency !== b.currency) return false;
  return a.kind === b.kind;
}

function negatedSurface(word: Word): string {
  return word.negated ? `not ${word.surface}` : word.surface;
}

// Words an expanded acronym may skip: "Ministry of Defence" is "MoD".
const ACRONYM_FILLERS = ['of', 'and', 'the', 'for', '&'];

/** Verbs by which a company leaves a programme it had a part in: "has withdrawn", "pulled out", "quit". */
const WITHDRAWING: ReadonlySet<string> = new Set(['withdraw', 'quit', 'pull out', 'drop out', 'back out', 'exit']);
/** The word at `index` tells, undenied, that someone left: "has withdrawn", "pulled out", "was replaced". */
function tellsWithdrawal(words: readonly Word[], index: number): boolean {
  const word = words[index]!;
  if (word.negated) return false;
  return WITHDRAWING.has(word.lemma) || (word.phrasal !== undefined && WITHDRAWING.has(word.phrasal)) || (word.lemma === 'replace' && words[index - 1]?.lemma === 'be');
}

/** Auxiliaries that put a statement now or after it. */
const PRESENT_OR_FUTURE: ReadonlySet<string> = new Set(['is', 'are', 'will', 'has', 'have']);
/** How many words after the company's name its withdrawal may be told: "..., which was to make the armoured undersea cable, has withdrawn". */
const WITHDRAWAL_REACH = 14;

/** Words by which a text tells of a change, and so may name what was replaced. */
const CHANGE_TOLD = /\b(?:instead|rather than|originally|initially|previously|formerly|no longer|(?:was|were) to|had been|replac\w*|mov(?:e|ed|es|ing)|switch\w*|shift\w*|chang\w*|swap\w*|relocat\w*|from\b.*\bto)\b/i;

/** The phrase that gives these words as replaced, from its "instead of" or "rather than" to its end: "instead of HMC Dockyard Halifax in Nova Scotia". */
function replacedPhrase(text: AnalyzedText, indexes: readonly number[]): string {
  let first = Math.min(...indexes);
  while (first > 0 && text.words[first - 1]!.replaced) first--;
  let last = Math.max(...indexes);
  while (last + 1 < text.words.length && text.words[last + 1]!.replaced) last++;
  return text.text.slice(text.words[Math.max(0, first - 2)]!.start, text.words[last]!.end);
}

/** The capitals of an acronym-shaped word ("LDP", "MoD"), or undefined for other words. */
export function acronymCapitals(surface: string): string | undefined {
  const capitals = surface.replace(/[^A-Z]/g, '');
  if (capitals.length < 2 || capitals.length > 6 || !/^[A-Z][A-Za-z]*$/.test(surface) || surface.length > capitals.length * 2) return undefined;
  return capitals;
}

const expansionPatterns = new BoundedCache<string, RegExp>(1_000);

/**
 * Where the text spells out the acronym with these capitals ("Liberal Democratic Party" for LDP,
 * "Ministry of Defence" for MoD): capitalised words whose initials are the capitals, in order,
 * with "of", "and", "the" between them.
 */
export function acronymExpansion(acronym: string, text: string): { start: number; end: number } | undefined {
  const capitals = acronym.replace(/[^A-Z]/g, '');
  const pattern = expansionPatterns.getOrCompute(capitals, () => {
    const fillers = `(?:(?:${ACRONYM_FILLERS.join('|')})\\s+)*`;
    // A capital's word may run on after a hyphen in lower case ("Co-operation"); a hyphen before
    // a capital starts the next word ("Self-Defense Force" is SDF). A possessive keeps its word
    // ("Japan's Maritime Self-Defense Force" is the JMSDF).
    const word = (capital: string) => `${capital}\\p{L}*(?:-\\p{Ll}\\p{L}*)*(?:['’]s)?`;
    // A list in the name keeps its commas ("Ministry of Economy, Trade and Industry" is METI).
    return new RegExp(`(?<![\\p{L}])${[...capitals].map(word).join(`(?:,?\\s+${fillers}|-)`)}(?![\\p{L}])`, 'u');
  });
  const match = pattern.exec(text);
  if (match) return { start: match.index, end: match.index + match[0].length };
  return acronym.length >= SPELLED_IN_LOWER_CASE ? lowerCaseExpansion(acronym, text) : undefined;
}

/** An acronym of this many letters may be spelt out in lower case ("remotely operated vehicle" for ROV); two letters begin too many word pairs. */
const SPELLED_IN_LOWER_CASE = 3;

/**
 * "Remotely operated vehicle" for ROV, "memorandum of understanding" for MoU: words in any case
 * whose initials are the acronym's letters, in order. A letter written in capitals stands for a
 * word that is no function word ("about the drones" spells no ATD); one in lower case for any
 * ("of" in MoU).
 */
function lowerCaseExpansion(acronym: string, text: string): { start: number; end: number } | undefined {
  const pattern = expansionPatterns.getOrCompute(`~${acronym}`, () => new RegExp(`(?<!\\p{L})${[...acronym].map((letter) => `(${letter}\\p{L}*)`).join('[\\s-]+')}(?!\\p{L})`, 'giu'));
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const spelled = match.slice(1).every((word, k) => acronym[k] !== acronym[k]!.toUpperCase() || !STOP_WORDS.has(word.toLowerCase()));
    if (spelled) return { start: match.index, end: match.index + match[0].length };
    pattern.lastIndex = match.index + 1;
  }
  return undefined;
}

/**
 * The noun a place qualifies from just before it: "Japanese *navy*", "Japan's *navy*", "the
 * Polish Navy's *boats*" is not one ("Navy" is). Adjectives may stand between ("Japanese coastal *radars*").
 */
function qualifiedNoun(text: AnalyzedText, placeLast: number): number | undefined {
  for (let i = placeLast + 1; i <= placeLast + 3 && i < text.words.length; i++) {
    const word = text.words[i]!;
    if (word.pos === 'NOUN' || (word.pos === 'PROPN' && i === placeLast + 1)) {
      // The head of a compound is its last noun: "Japanese air *force*".
      let head = i;
      while (text.words[head + 1]?.pos === 'NOUN' && text.text.slice(text.words[head]!.end, text.words[head + 1]!.start).trim() === '') head++;
      return head;
    }
    if (word.pos !== 'ADJ') return undefined;
  }
  return undefined;
}
