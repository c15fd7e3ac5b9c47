// The offline answerer: ranks the retrieved sentences with the evidence judge and answers with
// the best-supported ones, quoted verbatim and cited. It refuses only on evidence of absence:
// the question names something the corpus never mentions, the detail it asks for is in no
// relevant sentence, or nothing relevant was retrieved.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Answer, Passage } from '../types.js';
import type { AnswerRequest, Answerer } from './answerer.js';
import { asksForHead, findDetail, isStrict, withholdsDetail } from '../grounding/answer-types.js';
import { articleSentences, candidateSentences, neighbourOf, type CandidateSentence, type QuotedSentence } from '../grounding/candidates.js';
import { composeAnswer, refusal, type Evidence, type Statement } from '../grounding/citations.js';
import type { Grounding } from '../grounding/grounding.js';
import type { Lexicon } from '../grounding/lexicon/lexicon.js';
import { hyphenedToNext, writtenWord, type AnalyzedText, type Word } from '../grounding/text-analysis.js';
import { acronymExpansion, MATCHED, requiredUnits, type Hypothesis, type HypothesisUnit, type Judgement } from '../grounding/judge.js';
import { namesKindOfDetail, type QuestionAnalysis, type QuestionPart } from '../grounding/question.js';
import { keywordScores, newestPublished, rankingScore, type RankingFeatures } from '../grounding/sentence-ranking.js';
import { leansBack, reportsChange, statesCause, takesUpNoun } from '../grounding/discourse.js';
import { ordinalValue } from '../grounding/numbers.js';
import { ANSWERING, JUDGE } from '../grounding/tuning.js';
import { describeMissingDetail, rephraseRequest, taskMessage, topicOnlyMessage, unknownTermsMessage, unmatchedMessage, NOTHING_RELEVANT, ONLY_INTENDED, WITHHELD } from './refusals.js';

/** Types whose detail a sentence can carry while leaving the rest to its passage: a place, a date, a figure. */
const REACHING_TYPES: ReadonlySet<QuestionPart['type']> = new Set(['place', 'date', 'count', 'money', 'amount', 'percent']);

/** Whether the unit holds the noun the part asks about ("which *company*"). */
function isAskedUnit(part: QuestionPart, unit: HypothesisUnit): boolean {
  return unit.words.some((index) => part.hypothesis.analysis.words[index] === part.head);
}

/** A retrieved sentence scored for one part of a question. */
export interface Scored {
  sentence: CandidateSentence;
  judgement: Judgement;
  /** The judgement's support, counting what the passage supplies of the question, for a sentence that carries the detail asked for (see score). */
  reach: number;
  lead?: string;
  /** Carries the detail the part asks for (always true for why, yes/no and open questions). */
  typed: boolean;
  /** Every informative part of the question is matched by the sentence or its passage. */
  complete: boolean;
  /** Informative parts matched by neither. */
  unmatched: HypothesisUnit[];
  features: RankingFeatures;
  score: number;
}

export interface ExtractiveDependencies {
  grounding: Grounding;
  /** Sentence embeddings for semantic closeness; the offline embedder keeps this local. */
  embeddings: EmbeddingsInterface;
}

export class ExtractiveAnswerer implements Answerer {
  readonly mode = 'extractive' as const;
  private readonly grounding: Grounding;
  private readonly embeddings: EmbeddingsInterface;
  /** A quoted sentence read as a hypothesis, to compare two statements: the same for every request quoting it. */
  private readonly sentenceHypotheses = new WeakMap<AnalyzedText, Hypothesis>();

  constructor(dependencies: ExtractiveDependencies) {
    this.grounding = dependencies.grounding;
    this.embeddings = dependencies.embeddings;
  }

  async answer(request: AnswerRequest): Promise<Answer> {
    const analysis = request.analysis;
    if (analysis.empty) return refusal(this.mode, [], rephraseRequest(request.question));
    if (analysis.task) return refusal(this.mode, [], taskMessage(analysis.task));
    const candidates = candidateSentences(request.passages);
    if (candidates.length === 0) return refusal(this.mode, [], NOTHING_RELEVANT);
    const scoredParts = await this.scoreSentences(analysis, candidates);
    const related = closestSentences(scoredParts[0]!);

    const unknown = this.unknownUnits(analysis, scoredParts, request.passages);
    if (unknown.length > 0) return refusal(this.mode, related, unknownTermsMessage(unknown.map((unit) => unit.surface)));
    if (analysis.topicOnly) return refusal(this.mode, related, topicOnlyMessage(request.question));

    const statements: Statement[] = [];
    const chosen: Scored[] = [];
    const missing: string[] = [];
    // Sentences that say the articles lack what was asked ("did not say how much", "aim to
    // sign"): a refusal lists them first among the related passages.
    const saysWhatIsMissing: Evidence[] = [];
    analysis.parts.forEach((part, i) => {
      const { relevant, complete, eligible } = this.eligible(part, scoredParts[i]!);
      const withholds = (entry: Scored) => withholdsDetail(part, this.grounding.sentence(entry.sentence), this.grounding.lexicon);
      // The best account says the detail asked for was not given ("did not say how much"): that
      // is the answer, until a newer article gives it ("had not yet decided where the ships
      // would be based", then "will be based at Subic Bay").
      // A sentence that withholds a detail rarely carries one of its kind ("did not say where the
      // aircraft would be based"), so it can be the best complete account without being eligible.
      // So can one that ranks above the first eligible and matches the question as well ("The
      // Maritime Self-Defense Force has still not said how many it will buy", above another
      // navy's "two more boats").
      // So can the sentence right after it, which speaks of what it says, however little of the
      // question it repeats: "The Swedish Army will use the lasers to protect air bases and the
      // island of Gotland. It did not say which bases."
      const first = eligible[0];
      // "Where will Britain store the shells": "did not say where the shells would be stored" speaks
      // of the storing as an act, which "a price that covers transport and storage" names only as
      // a thing, beside a place: the sentence that withholds the act's place is the answer.
      const saysAsAct = (entry: Scored, unit: HypothesisUnit) => {
        const aligned = entry.judgement.alignment.find((candidate) => candidate.unit === unit);
        const words = this.grounding.sentence(entry.sentence).words;
        return aligned !== undefined && aligned.strength >= MATCHED && aligned.sentenceWords.some((index) => words[index]!.pos === 'VERB');
      };
      const withholdsTheAct = (entry: Scored, answer: Scored) => withholds(entry) && part.hypothesis.units.some((unit) => saysAsAct(entry, unit) && !saysAsAct(answer, unit));
      const withheld = first
        ? (complete.slice(0, complete.indexOf(first) + 1).find((entry) => withholds(entry) && entry.judgement.support >= first.judgement.support) ??
          scoredParts[i]!.find((entry) => nextSentence(first.sentence, entry.sentence) && withholds(entry)) ??
          (part.type === 'place' ? complete.find((entry) => withholdsTheAct(entry, first)) : undefined))
        : complete.find(withholds);
      if (withheld) {
        const published = withheld.sentence.article.published ?? '';
        // The newer sentence must speak of what is asked ("radars" for "which radars"), not merely of the subject.
        const speaksOfIt = (entry: Scored) => entry.judgement.alignment.every((aligned) => !isAskedUnit(part, aligned.unit) || aligned.strength >= MATCHED);
        const newer = eligible.findIndex((entry) => (entry.sentence.article.published ?? '') > published && !withholds(entry) && speaksOfIt(entry));
        if (newer === -1) {
          missing.push(WITHHELD);
          saysWhatIsMissing.push(withheld.sentence);
          return;
        }
        eligible.unshift(...eligible.splice(newer, 1));
      }
      // "Did they sign it?", when the best account says "they aim to sign it": the articles
      // report the plan, and answering yes or no from it would claim more than they say.
      if (part.type === 'yesno' && eligible[0]?.judgement.onlyIntended) {
        missing.push(ONLY_INTENDED);
        saysWhatIsMissing.push(eligible[0].sentence);
        return;
      }
      if (eligible.length === 0) {
        const unmatched = relevant[0]?.unmatched ?? [];
        if (complete.length > 0) missing.push(describeMissingDetail(part, { followsHistory: request.history.length > 0 }));
        else if (unmatched.length > 0) missing.push(unmatchedMessage(unmatched.map((unit) => unit.surface)));
        return;
      }
      const best = eligible[0]!;
      if (quotes(statements, best.sentence)) return;
      chosen.push(best);
      addQuotes(statements, this.statementsFor(best, candidates, part));
      // What changed is listed in place of companions, which would only restate the best answer.
      if (part.asksChange) this.addChanges(best, statements);
      else if (analysis.parts.length === 1) this.addCompanions(best, eligible, chosen, statements, candidates);
    });
    if (statements.length === 0) return refusal(this.mode, firstDistinct([...saysWhatIsMissing, ...related], RELATED_PASSAGES), [...new Set(missing)].join(' ') || NOTHING_RELEVANT);
    const answer = composeAnswer(this.dated(statements), this.mode);
    if (missing.length > 0) answer.notice = missing.join(' ');
    return answer;
  }

  /**
   * "What changed in the radar deal": the sentences of the best answer's article that say what an
   * update changed ("will no longer go to Sattahip", "now expected in 2030", "raised to 90 from
   * 60"), in the article's order. The whole article is read: an update spreads its changes over
   * paragraphs the retrieved passages may not hold.
   */
  private addChanges(best: Scored, statements: Statement[]): void {
    for (const sentence of articleSentences(best.sentence.article)) {
      if (statements.length >= ANSWERING.changesListed) break;
      if (reportsChange(sentence.text) && !quotes(statements, sentence)) statements.push({ text: sentence.text, evidence: [sentence] });
    }
  }

  /** The candidate sentences scored for each part of the question, best first. */
  async scoreSentences(analysis: QuestionAnalysis, candidates: CandidateSentence[]): Promise<Scored[][]> {
    const dense = await this.denseSimilarities(analysis, candidates);
    return analysis.parts.map((part) => this.score(part, analysis, candidates, dense));
  }

  /** The sentences a part may be answered with: relevant, complete and, for strict types, carrying the detail. */
  eligible(part: QuestionPart, scored: readonly Scored[]): { relevant: Scored[]; complete: Scored[]; eligible: Scored[] } {
    const relevant = scored.filter((entry) => entry.reach >= ANSWERING.minSupport);
    const complete = relevant.filter((entry) => entry.complete);
    return { relevant, complete, eligible: isStrict(part.type) ? complete.filter((entry) => entry.typed) : complete };
  }

  /** Further sentences that answer what the best one leaves out, or give another article's account. */
  private addCompanions(best: Scored, eligible: Scored[], chosen: Scored[], statements: Statement[], candidates: CandidateSentence[]): void {
    for (const entry of eligible) {
      if (statements.length >= ANSWERING.maxStatements || best.score - entry.score > ANSWERING.companionGap) break;
      // Already quoted, as an answer or as the sentence one leans on.
      if (quotes(statements, entry.sentence)) continue;
      const coveredBefore = coveredUnits(chosen);
      const addsUnits = entry.judgement.alignment.some((aligned) => aligned.strength >= MATCHED && !coveredBefore.has(aligned.unit));
      // Another article's account is worth adding only when it is nearly as good an answer.
      const addsArticle = !chosen.some((other) => other.sentence.article.id === entry.sentence.article.id) && best.score - entry.score <= ANSWERING.otherArticleGap;
      // A runner-up this close from the same article often holds the detail the best one lacks,
      // though its words say nothing new; another article's is held to otherArticleGap above.
      const closeRunnerUp = chosen.length === 1 && best.score - entry.score <= ANSWERING.runnerUpGap && entry.sentence.article.id === best.sentence.article.id;
      if (!addsUnits && !addsArticle && !closeRunnerUp) continue;
      chosen.push(entry);
      addQuotes(statements, this.statementsFor(entry, candidates, undefined));
    }
  }

  /**
   * The sentence as a statement, with the sentences that lean on it or that it leans on: after
   * the one before it when it opens by pointing back ("This perspective ... was expanded"), and
   * before the next when that one does ("Previously, only components were permitted", "Even
   * then, approvals would require ...") or takes up one of its nouns ("The venture will be 51
   * percent owned by ..."). The best sentence for a part (`part` given) opens with a direct lead
   * ("By 2035."), each part of a question of several parts its own.
   */
  private statementsFor(entry: Scored, candidates: CandidateSentence[], part: QuestionPart | undefined): Statement[] {
    const before = leansBack(entry.sentence.text) ? neighbourOf(entry.sentence, candidates, -1) : undefined;
    const lead = part && entry.lead ? leadFor(entry.lead, entry.sentence.text) : '';
    const main: Statement = { text: `${lead}${entry.sentence.text}`, evidence: [entry.sentence] };
    // News gives an event, then what explains it: "The first radar will no longer go to Sattahip.
    // The navy dropped the naval base from the plan after finding that ...". A "why" answered
    // with a sentence that states no cause takes the next sentence too, whatever its words: the
    // explanation is often a quote or a fact with no connective ("Legal scholars said the outcome
    // had been expected. [A professor] said courts almost never granted standing ...").
    const after = neighbourOf(entry.sentence, candidates, 1);
    const explains = part?.type === 'reason' && !statesCause(entry.sentence.text);
    const next = after && (explains || leansBack(after.text) || takesUpNoun(this.grounding.sentence(after), this.grounding.sentence(entry.sentence))) ? [{ text: after.text, evidence: [after] }] : [];
    return [...(before ? [{ text: before.text, evidence: [before] }] : []), main, ...next];
  }

  private score(part: QuestionPart, { wantsCurrent, wantsEarlier }: QuestionAnalysis, candidates: CandidateSentence[], dense: number[]): Scored[] {
    const judge = this.grounding.judge;
    const lexicon = this.grounding.lexicon;
    // Near misses: informative names, numbers and nouns the corpus knows, but no passage about the
    // rest of the question mentions. Words the corpus lacks altogether are refused earlier.
    // The head ("which *company*", "what *conditions* did it attach") is what the answer
    // supplies, so it is not required to match. An attribute asked of something ("what is the
    // top *speed* of ...") is what the sentence must speak of, however light its weight.
    // Nor is a measure asked ("top *speed*"), which the unit of the figure answers.
    const isHead = (unit: HypothesisUnit) => isAskedUnit(part, unit) || unit.words.some((index) => part.measures?.includes(index));
    const isNoun = (unit: HypothesisUnit) => unit.words.some((index) => part.hypothesis.analysis.words[index]!.pos === 'NOUN');
    const askedUnits = part.hypothesis.units.filter(isHead);
    const headUnits = part.asksAttribute ? askedUnits : [];
    // "Which radar" is answered by a sentence that names a radar (or a kind of one), not by one
    // about the frigates that will carry it.
    const mustName = part.type === 'any' && asksForHead(part);
    // "Which *4th* country", "the *second* radar": a place in a series past the first says which
    // one is asked about, and the sentence that names it must say so, not its passage ("a fourth
    // country could join" beside "became its third partner"). "The first" is often implicit
    // ("deliveries begin in 2027").
    const ordinals = part.hypothesis.units.filter((unit) => unit.words.some((index) => (ordinalValue(part.hypothesis.analysis.words[index]!.lower) ?? 0) > 1));
    const required = requiredUnits(part.hypothesis, isHead).filter((unit) => {
      if (ordinals.includes(unit)) return true;
      const words = unit.words.map((index) => part.hypothesis.analysis.words[index]!);
      const kindRequired = unit.specific || words.some((word) => word.pos === 'NOUN' || word.pos === 'PROPN');
      return kindRequired && words.some((word) => lexicon.knownToCorpus(word));
    });
    for (const unit of headUnits) if (!required.includes(unit)) required.push(unit);
    // Names, and names typed in lower case ("one shot of the hotaru"), which are names all the same.
    const named = new Set(part.hypothesis.units.filter((unit) => unit.specific || unit.words.every((index) => lexicon.isNameTypedLower(part.hypothesis.analysis.words[index]!))));
    // How strongly a sentence's passage matches a required part the sentence itself leaves out:
    // only these alignments of the passage are needed, not its whole judgement.
    const passageStrengths = new Map<CandidateSentence['passage'], Map<HypothesisUnit, number>>();
    const strengthInPassage = (sentence: CandidateSentence, unit: HypothesisUnit) => {
      let strengths = passageStrengths.get(sentence.passage);
      if (!strengths) passageStrengths.set(sentence.passage, (strengths = new Map()));
      let strength = strengths.get(unit);
      if (strength === undefined) strengths.set(unit, (strength = judge.align(part.hypothesis.analysis, unit, this.grounding.passage(sentence.passage)).strength));
      return strength;
    };
    // A word typed in lower case that the passage writes as a name ("amber" for the project "Amber")
    // is that name: the passage may supply it as it supplies other names.
    const namedInPassage = (sentence: CandidateSentence, unit: HypothesisUnit) => {
      if (unit.kind !== 'word' || unit.words.length !== 1) return false;
      const passage = this.grounding.passage(sentence.passage);
      const lower = part.hypothesis.analysis.words[unit.words[0]!]!.lower;
      return passage.names.some((name) => name.first === name.last && passage.words[name.first]!.lower === lower);
    };
    const keywords = keywordScores(part.hypothesis.analysis.text, candidates, lexicon.corpus);
    const newest = newestPublished(candidates);
    return candidates
      .map((sentence, i) => {
        const analysis = this.grounding.sentence(sentence);
        const judgement = judge.judge(part.hypothesis, analysis);
        // Alignments list the hypothesis units in order.
        // A broader word does not show the sentence is about what the question names: "defence
        // equipment" is not the "loitering munition" asked about.
        // Nor is a merely related word, or a word of another part of speech, the thing a question
        // asks about ("accelerates" for "the top *speed*").
        // Nor does a noun that only qualifies another ("*weather* radars", "medium-*range* missile"):
        // the phrase is about its last noun.
        const modifies = (index: number) => hyphenedToNext(analysis.text, analysis.words, index) || analysis.words[index + 1]?.pos === 'NOUN';
        const namesHead = (aligned: Judgement['alignment'][number]) => aligned.kind !== 'related' && aligned.sentenceWords.some((index) => ['NOUN', 'PROPN'].includes(analysis.words[index]!.pos) && !modifies(index));
        const strengthIn = (of: Judgement, unit: HypothesisUnit) => {
          const aligned = of.alignment[part.hypothesis.units.indexOf(unit)]!;
          // A noun said only by a loose GloVe relative is not said: "share" (of "market share") is no "market".
          if (aligned.kind === 'related' && aligned.strength < ANSWERING.unknownTermRelated && isNoun(unit)) return 0;
          return aligned.kind === 'broader' || (headUnits.includes(unit) && !namesHead(aligned)) ? 0 : aligned.strength;
        };
        // A name, in capitals or not, that the sentence's subject ("The company ...") is not.
        const namesAnotherSubject = (unit: HypothesisUnit) =>
          (named.has(unit) || !unit.words.some((index) => lexicon.isOrdinaryWord(part.hypothesis.analysis.words[index]!.lower))) && judge.subjectIsAnother(part.hypothesis.analysis, unit, analysis);
        // The passage may supply what the sentence leaves to it, but not the thing asked about,
        // nor what a sum is paid for: "pay $18 million to fit the ships" does not price the radars
        // its passage names; nor another company than the one the sentence speaks of.
        const fromPassage = (unit: HypothesisUnit) =>
          !headUnits.includes(unit) &&
          !ordinals.includes(unit) &&
          (named.has(unit) || part.type !== 'money' || namedInPassage(sentence, unit)) &&
          !namesAnotherSubject(unit) &&
          strengthInPassage(sentence, unit) >= MATCHED;
        // A yes/no question is answered "no" by a sentence that gives another value in the unit's place.
        const deniedPart = (unit: HypothesisUnit) => part.type === 'yesno' && judgement.conflict?.unit === unit;
        const unmatched = required.filter((unit) => strengthIn(judgement, unit) < MATCHED && !fromPassage(unit) && !deniedPart(unit));
        // A sentence that gives another year in place of the question's tells of that year, however
        // light the question's year weighs and whatever the passage says of it ("214 licences in
        // fiscal 2028", beside "the value for fiscal 2027", is no count for 2027).
        const year = anotherYear(judgement);
        if (year && !unmatched.includes(year) && !deniedPart(year)) unmatched.push(year);
        // A country the question gives a role or a thing ("the *Japanese* navy", "sell to
        // *Britain*") that the sentence gives another ("the Polish Navy"), however light the
        // country's weight: the sentence tells of another country's, not of the one asked about.
        for (const [k, unit] of part.hypothesis.units.entries()) {
          if (unit.kind !== 'place' || unmatched.includes(unit) || deniedPart(unit) || judgement.alignment[k]!.strength > 0) continue;
          if (judge.anotherCountryInPlace(part.hypothesis.analysis, unit, analysis, judgement.alignment)) unmatched.push(unit);
        }
        // The passage may supply names and dates, but the sentence itself must be about something
        // asked: a required part, or much of the rest ("the 2026 decision" dated by its article).
        // The thing asked for counts: "Senator Cecilia Baltazar ... said" is about the senator asked about.
        const sameWords = judgement.alignment.filter((aligned) => aligned.kind === 'same');
        const aboutIt =
          required.length === 0 ||
          required.some((unit) => strengthIn(judgement, unit) >= MATCHED) ||
          askedUnits.some((unit) => strengthIn(judgement, unit) >= MATCHED) ||
          // "The first missile system is now due in 2029" is about "fiji's first kestrel missile
          // system", its passage naming Fiji and the Kestrel: two nouns of the question, however light.
          part.hypothesis.units.filter((unit) => isNoun(unit) && strengthIn(judgement, unit) >= MATCHED).length >= 2 ||
          // ... or three of its words as they are: "the last in 2031" of "when is the last Kestrel system due".
          sameWords.length >= 3 ||
          judgement.support >= MATCHED;
        const detail = findDetail(part, analysis, judgement, this.grounding.lexicon, sentence.article.published);
        // ... or two, one of them informative, beside the detail asked for: "The last of the 10 is
        // expected by June 2038" of "when's the last of the nz drones now expected".
        const besideDetail = detail?.near === true && REACHING_TYPES.has(part.type) && sameWords.length >= 2 && sameWords.some((aligned) => part.hypothesis.required.has(aligned.unit));
        const typed = detail !== undefined;
        // Yes/no questions get no lead: a sentence can match every word and still deny it ("remain prohibited").
        const lead = detail?.lead || undefined;
        const strictDetail = typed && isStrict(part.type);
        const fromNewest = sentence.article.published !== undefined && sentence.article.published === newest;
        const features: RankingFeatures = {
          support: judgement.support,
          // The detail a "why" asks for is a cause: "withdrew in November, citing a shortage of engineers".
          detailNear: (strictDetail && detail.near) || (part.type === 'reason' && statesCause(sentence.text)) ? 1 : 0,
          detailFar: strictDetail && !detail.near ? 1 : 0,
          dense: dense[i]!,
          keywords: keywords[i]!,
          passageRank: sentence.passageRank,
          position: Math.log1p(sentence.start / 1000),
          newest: fromNewest && !wantsEarlier ? 1 : 0,
          newestAsked: fromNewest && wantsCurrent ? 1 : fromNewest && wantsEarlier ? -1 : 0,
          length: Math.log(Math.max(1, sentence.wordCount)),
        };
        const identifies = !mustName || askedUnits.some((unit) => strengthIn(judgement, unit) >= MATCHED);
        // A sentence that carries the place, date or figure asked for says the question with what
        // its passage supplies ("The first battery will be stationed at Ranai", in an article on
        // Indonesia's Chu-SAM); weighed only for those, as the passage is read unit by unit.
        const reaches = strictDetail && detail.near && REACHING_TYPES.has(part.type);
        const reach = reaches ? supportWithPassage(judgement, (unit) => (fromPassage(unit) ? JUDGE.contextDiscount * strengthInPassage(sentence, unit) : 0)) : judgement.support;
        return { sentence, judgement, reach, lead, typed, complete: unmatched.length === 0 && (aboutIt || besideDetail) && identifies, unmatched, features, score: rankingScore(features) };
      })
      .sort((a, b) => b.score - a.score);
  }

  /** Cosine similarity of the question to each sentence; sentence vectors are computed once. */
  private async denseSimilarities(analysis: QuestionAnalysis, candidates: CandidateSentence[]): Promise<number[]> {
    const missing = candidates.filter((candidate) => !candidate.memo.vector);
    if (missing.length > 0) {
      const vectors = await this.embeddings.embedDocuments(missing.map((candidate) => candidate.text));
      missing.forEach((candidate, i) => (candidate.memo.vector = vectors[i]!));
    }
    const question = await this.embeddings.embedQuery(analysis.searchText);
    return candidates.map((candidate) => cosine(question, candidate.memo.vector!));
  }

  /**
   * What the question names that neither any retrieved sentence matches nor the corpus contains
   * anywhere, after aliases and spelling repair: "Brazil", "submarines", "2019".
   */
  private unknownUnits(analysis: QuestionAnalysis, scoredParts: Scored[][], passages: readonly Passage[]): HypothesisUnit[] {
    const lexicon = this.grounding.lexicon;
    const articles = [...new Set(passages.map((passage) => passage.article))];
    const unknown: HypothesisUnit[] = [];
    analysis.parts.forEach((part, i) => {
      for (const unit of part.hypothesis.units) {
        if (!unit.specific && !isNounUnit(part, unit, lexicon)) continue;
        // The word for the sum asked ("*value* of the deal in pounds?") is what the answer
        // supplies, in figures: articles give a price without saying "price".
        if (part.type === 'money' && isAskedUnit(part, unit)) continue;
        // Nor is a word for the kind of detail asked ("original amber *timeline*", "design name and
        // *tonnage*"): articles give dates and figures, seldom that word.
        if (unit.words.some((index) => namesKindOfDetail(part.hypothesis.analysis.words[index]!))) continue;
        // A figure is no term the articles could lack: "40 frigates" is answered by "11 frigates".
        if (unit.kind === 'quantity') continue;
        // Chat shorthand ("r", "u") is not a term the articles could be missing, nor is "fy2025"
        // a term: its number is looked up as a number.
        if (unit.kind === 'word' && (unit.surface.length < 3 || /\d/.test(unit.surface))) continue;
        // A word no article uses needs more than a loose relative to count as found: "cup" is not
        // in the articles because GloVe puts it near "round" (of talks).
        // Nor does a noun's kin in the dictionary through a verb's sense: "cup" (to put in a cup) is
        // no kind of "laid".
        const found = (aligned: Judgement['alignment'][number], sentence: AnalyzedText) =>
          aligned.strength >= (aligned.kind === 'related' ? ANSWERING.unknownTermRelated : MATCHED) &&
          (!THROUGH_SENSES.has(aligned.kind) || aligned.sentenceWords.some((index) => sentence.words[index]!.pos !== 'VERB'));
        const matchedSomewhere = scoredParts[i]!.some((entry) => entry.judgement.alignment.some((aligned) => aligned.unit === unit && found(aligned, this.grounding.sentence(entry.sentence))));
        if (matchedSomewhere) continue;
        const words = unit.words.map((index) => part.hypothesis.analysis.words[index]!);
        if (words.some((word) => lexicon.knownToCorpus(word))) continue;
        // The tagger breaks a word at letters it does not know ("Vy|š|kov"): a piece is known when
        // the word written around it is ("Vyškov").
        if (words.some((word) => lexicon.corpus.has(writtenWord(part.hypothesis.analysis.text, word).toLowerCase()))) continue;
        // A currency ("in *pounds*") says how a sum is to be given, which articles write with a
        // symbol ("£245m") as often as in words.
        if (words.some((word) => lexicon.currencyNamed(word.lemma) !== undefined)) continue;
        // A common noun for a person ("the suppliers council *guy*") stands for whoever the articles
        // name; a title in initials ("CEO") is a term of its own, and "France" no person.
        const forAPerson = (word: Word) => word.pos === 'NOUN' && lexicon.isOrdinaryWord(word.lower) && !lexicon.isInitialism(word.lower) && lexicon.wordnet.isKindOf(word.lemma, 'person');
        if (words.some(forAPerson)) continue;
        // A country the passages found name in their own way ("Filipino" for "the Philippines").
        if (unit.kind === 'place') {
          const country = part.hypothesis.analysis.places.find((place) => place.first === unit.words[0])?.country;
          if (passages.some((passage) => this.grounding.passage(passage).places.some((place) => place.country === country))) continue;
        }
        // "In the Patriot *story*", "the April *brief*": words for the articles themselves, not facts
        // in them. Only a definite reference is one: "a good cover *letter*" is a thing asked about.
        if (unit.kind === 'word' && lexicon.wordnet.isKindOf(words[0]!.lemma, 'communication') && refersToText(part, unit.words[0]!)) continue;
        // An acronym the retrieved articles spell out ("LDP", "MoD") is known by its long form.
        const acronym = unit.acronym;
        if (acronym && articles.some((article) => acronymExpansion(acronym, article.text))) continue;
        unknown.push(unit);
      }
    });
    return unknown;
  }

  /** Newer and older labels, only where two statements from articles of different dates are on the same point. */
  private dated(statements: Statement[]): Statement[] {
    const dateOf = (statement: Statement) => statement.evidence[0]?.article.published;
    const labels = new Map<Statement, string>();
    for (let i = 0; i < statements.length; i++) {
      for (let j = i + 1; j < statements.length; j++) {
        const [a, b] = [statements[i]!, statements[j]!];
        const [dateA, dateB] = [dateOf(a), dateOf(b)];
        if (!dateA || !dateB || dateA === dateB || a.evidence[0]!.article.id === b.evidence[0]!.article.id) continue;
        if (!this.samePoint(a, b)) continue;
        const [newer, older] = dateA > dateB ? [a, b] : [b, a];
        labels.set(newer, `The more recent article (${dateOf(newer)}) says: `);
        labels.set(older, `An earlier article (${dateOf(older)}) says: `);
      }
    }
    // One label introduces an article's account: the statement right after it from the same
    // article goes on without repeating it.
    const repeats = (statement: Statement, i: number) => i > 0 && labels.get(statements[i - 1]!) === labels.get(statement) && statements[i - 1]!.evidence[0]!.article.id === statement.evidence[0]!.article.id;
    return statements.map((statement, i) => (labels.has(statement) && !repeats(statement, i) ? { ...statement, text: `${labels.get(statement)}${statement.text}` } : statement));
  }

  private samePoint(a: Statement, b: Statement): boolean {
    const judge = this.grounding.judge;
    // Statements here quote candidate sentences or their neighbours, each with its memo.
    const quoted = this.grounding.sentence(a.evidence[0] as QuotedSentence);
    let hypothesis = this.sentenceHypotheses.get(quoted);
    if (!hypothesis) this.sentenceHypotheses.set(quoted, (hypothesis = judge.hypothesis(quoted)));
    const judgement = judge.judge(hypothesis, this.grounding.sentence(b.evidence[0] as QuotedSentence));
    return judgement.label === 'contradicts' || judgement.support >= ANSWERING.samePointSupport;
  }
}

function isNounUnit(part: QuestionPart, unit: HypothesisUnit, lexicon: Lexicon): boolean {
  const index = unit.words[0]!;
  const words = part.hypothesis.analysis.words;
  const word = words[index]!;
  // A capital at the start of a question ("Max profit margin ...") does not make a common word a name.
  const properNoun = word.pos === 'PROPN' && !(index === 0 && lexicon.isOrdinaryWord(word.lower));
  // After a preposition a word the tagger took for a verb is a noun ("in *excel*"), unless it is a gerund.
  const objectOfPreposition = word.pos === 'VERB' && words[index - 1]?.pos === 'ADP' && !word.lower.endsWith('ing');
  // A gerund inside a noun phrase names a kind of thing ("the all-ireland *hurling* final").
  const gerundModifier = word.pos === 'VERB' && word.lower.endsWith('ing') && ['DET', 'ADJ', 'PROPN', 'NOUN'].includes(words[index - 1]?.pos ?? '') && ['NOUN', 'ADJ'].includes(words[index + 1]?.pos ?? '');
  return unit.kind === 'word' && (word.pos === 'NOUN' || properNoun || objectOfPreposition || gerundModifier);
}

/** The word is a definite reference ("the 2023 Kyodo *story*", "this *article*"), within three words of its determiner. */
function refersToText(part: QuestionPart, index: number): boolean {
  const words = part.hypothesis.analysis.words;
  return words.slice(Math.max(0, index - 3), index).some((word) => ['the', 'this', 'that', 'these', 'those', 'your'].includes(word.lower));
}

/** The judgement's weighted support, each part the sentence leaves unmatched counted at what its passage gives (`inPassage`). */
function supportWithPassage(judgement: Judgement, inPassage: (unit: HypothesisUnit) => number): number {
  const total = judgement.alignment.reduce((sum, aligned) => sum + aligned.unit.weight, 0);
  const reached = judgement.alignment.reduce((sum, aligned) => sum + aligned.unit.weight * (aligned.strength < MATCHED ? Math.max(aligned.strength, inPassage(aligned.unit)) : aligned.strength), 0);
  return total === 0 ? 0 : reached / total;
}

/**
 * The unit whose year the sentence gives another in place of. A year is a period of its own,
 * whereas a day or month in conflict is often another event's ("signed in September ... the
 * amendment adds"), which the passage may still date.
 */
function anotherYear(judgement: Judgement): HypothesisUnit | undefined {
  const conflict = judgement.conflict;
  return conflict?.kind === 'date' && /^\d{4}$/.test(conflict.hypothesis) ? conflict.unit : undefined;
}

/** Whether `next` is the sentence right after `sentence` in its article. */
function nextSentence(sentence: CandidateSentence, next: CandidateSentence): boolean {
  return next.article.id === sentence.article.id && next.start >= sentence.end && next.article.text.slice(sentence.end, next.start).trim() === '';
}

function coveredUnits(chosen: Scored[]): Set<HypothesisUnit> {
  return new Set(chosen.flatMap((entry) => entry.judgement.alignment.filter((aligned) => aligned.strength >= MATCHED).map((aligned) => aligned.unit)));
}

/** Whether a statement already quotes the sentence. */
function quotes(statements: readonly Statement[], sentence: Evidence): boolean {
  return statements.some((statement) => statement.evidence.some((evidence) => evidence.article.id === sentence.article.id && evidence.start === sentence.start));
}

/** Adds statements whose sentence is not quoted yet: a sentence one leans on may be another's answer. */
function addQuotes(statements: Statement[], added: readonly Statement[]): void {
  for (const statement of added) if (!quotes(statements, statement.evidence[0]!)) statements.push(statement);
}

/** "By 2035. " before the sentence, unless the sentence is no more than the lead. */
function leadFor(lead: string, sentence: string): string {
  if (lead.length >= sentence.length * 0.6) return '';
  const trimmed = lead.replace(/[\s,;:.]+$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}. `;
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let left = 0;
  let right = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    left += a[i]! * a[i]!;
    right += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(left * right || 1);
}

/** Matches through a word's senses in the dictionary, which may be the senses of another part of speech. */
const THROUGH_SENSES: ReadonlySet<string> = new Set(['synonym', 'broader', 'narrower', 'similar']);

/** How many passages a refusal lists as the closest. */
const RELATED_PASSAGES = 3;

/** The first `limit` pieces of evidence, each span once. */
function firstDistinct(evidence: readonly Evidence[], limit: number): Evidence[] {
  const chosen: Evidence[] = [];
  for (const item of evidence) {
    if (chosen.length >= limit) break;
    if (!chosen.some((other) => other.article.id === item.article.id && other.start === item.start)) chosen.push(item);
  }
  return chosen;
}

/** The best-scoring sentences, one per article: shown (not cited) beside a refusal. */
function closestSentences(scored: readonly Scored[], limit = RELATED_PASSAGES): Evidence[] {
  const chosen: Evidence[] = [];
  for (const { sentence } of scored) {
    if (chosen.length >= limit) break;
    if (!chosen.some((evidence) => evidence.article.id === sentence.article.id)) chosen.push({ article: sentence.article, start: sentence.start, end: sentence.end });
  }
  return chosen;
}
