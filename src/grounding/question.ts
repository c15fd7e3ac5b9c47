// What a question asks: its parts ("how much ... and what will it buy?"), for each the kind of
// answer wanted (a date, a count, an amount, a person, an organisation, a place, a reason,
// yes or no) and the hypothesis the evidence must match. Analysed once per request.
import type { ChatTurn } from '../types.js';
import { QUESTION_WORDS } from '../text/tokens.js';
import { BoundedCache } from '../util/bounded-cache.js';
import type { EvidenceJudge, Hypothesis } from './judge.js';
import type { Lexicon } from './lexicon/lexicon.js';
import { FUTURE, hyphenedToNext, opensNumberOf, RATE_WORDS, writtenWord, type AnalyzedText, type Word } from './text-analysis.js';

export type AnswerType = 'date' | 'duration' | 'count' | 'amount' | 'money' | 'percent' | 'person' | 'organization' | 'place' | 'reason' | 'statement' | 'yesno' | 'any';

export interface QuestionPart {
  text: string;
  type: AnswerType;
  hypothesis: Hypothesis;
  /** The noun asked about ("which *company*"), when there is one. */
  head?: Word;
  /**
   * For "who is/was/will be the <role> ..." the hypothesis word indexes of the role ("foreign
   * minister", "chief executive"): the person named must be the one the sentence gives that role.
   */
  role?: number[];
  /**
   * "Top *speed* of the P-1?", "*payload* and *range*": the hypothesis word indexes of the measures
   * asked, which the figure's unit answers; a sentence need not name them.
   */
  measures?: number[];
  /**
   * "What is the top *speed* of ...": an attribute of something, which the answer must name; a
   * goal or a status asked about is described in other words.
   */
  asksAttribute?: boolean;
  /**
   * When the date asked about lies for the article that gives it: "when will ..." asks for one
   * still ahead, not one it reports as past; "when did ..." for one already past, not a plan.
   */
  asksWhen?: 'ahead' | 'past';
  /** "What changed in the deal", "how has the fund changed": the answer lists what an update changed. */
  asksChange?: true;
  /** "How much does each radar cost", "how many a year": an amount by the unit or by the year, which a total does not give. */
  asksRate?: true;
  /** For one side of "which is the bigger deal, X or Y", that side as the reader named it ("X"). */
  compares?: string;
  /** "How long is the boat", "how heavy is the ship": the WordNet kinds of unit the size is given in. */
  measuredIn?: string[];
}

export interface QuestionAnalysis {
  question: string;
  /** The question with chat typing repaired ("wat" -> "what"). */
  repaired: string;
  /** What retrieval searches: the repaired question, with the previous one for follow-ups. */
  searchText: string;
  parts: QuestionPart[];
  /** Nothing to look up: a single letter, an emoji, punctuation. */
  empty: boolean;
  /** A subject and nothing asked about it ("frigate", "Mitsubishi Electric"): no answer to give, only passages to read. */
  topicOnly: boolean;
  /**
   * A request for a job other than answering from the articles ("translate hello into Thai",
   * "can you help me write a cover letter"): the verb of the job. Its words may all be in the
   * corpus ("cover", "letter"), so it is read from the request's form, not looked up.
   */
  task?: string;
  /** Asks about the state of things now ("currently", "still", "latest"): the newest article decides. */
  wantsCurrent: boolean;
  /** Asks about the state of things before a change ("originally", "back in September"): the newest article does not decide. */
  wantsEarlier: boolean;
}

/**
 * Jobs a reader may ask of a chat box that no passage can answer: making text (write, translate),
 * working something out for them, or acting for them. Asking for what the articles say ("tell",
 * "explain", "summarise", "list", "compare") is a question, and is not here.
 */
const TASK_VERBS = new Set(['write', 'rewrite', 'compose', 'draft', 'translate', 'paraphrase', 'proofread', 'draw', 'code', 'program', 'debug', 'calculate', 'solve', 'book', 'reserve', 'email', 'text', 'sing', 'recommend']);
/** What may come before the verb of a request: "please", "can you", "help me", "i want you to". */
const REQUEST_OPENERS = new Set(['please', 'pls', 'plz', 'can', 'could', 'would', 'will', 'you', 'help', 'me', 'to', 'i', 'want', 'need', "'d", 'like', 'kindly', 'just']);

/** Shortened magnitudes of sums in chat ("bn", "mn", "tn"), by their first letter. */
const MAGNITUDES: Record<string, string> = { b: 'billion', m: 'million', t: 'trillion' };

/** Comparatives of size or price, which compare values when said of deals. */
const BY_VALUE = 'bigger|larger|smaller|more expensive|less expensive|cheaper|costlier|more valuable|worth more|worth less';
/** "Which is the bigger deal, X or Y", "which contract is bigger: X or Y", "which one is bigger, X or Y". */
const COMPARED_BY_NAME = new RegExp(`^(?:which|what)(?:\\s+(?<asked>[\\p{L}-]+))?\\s+(?:is|was|are|were|will be)\\s+(?:the\\s+)?(?:${BY_VALUE})(?:\\s+(?<noun>[\\p{L}-]+))?\\s*[,:]?\\s+(?<first>.+?)\\s+or\\s+(?<second>.+?)[\\s?.!]*$`, 'iu');
/** "Is X bigger than Y?" */
const COMPARED_BY_THAN = new RegExp(`^(?:is|was|are|were)\\s+(?<first>.+?)\\s+(?:${BY_VALUE})\\s+than\\s+(?<second>.+?)[\\s?.!]*$`, 'iu');
/** Kinds of things with a value in money: deals and contracts, sales, funds, grants and loans. */
const VALUED = ['agreement', 'transaction', 'fund', 'possession'];

/** Words that ask for a size after "how". */
const SIZE_WORDS = new Set(['big', 'large', 'long', 'heavy', 'tall', 'wide', 'far', 'old']);
/** "How big is ...", "how long are ...": a size asked of something. */
const SIZE_ASKED = new RegExp(` how (${[...SIZE_WORDS].join('|')}) (is|are|was|were) `);
/** A part that is only its question words: "how long" of "how long and how heavy is the ship". */
const BARE_QUESTION = new RegExp(`^(?:how|when|where|who|what|which|why)(?:\\s+(?:${[...SIZE_WORDS, 'much', 'many'].join('|')}))?$`, 'i');
/** The question words a part opens with: "how heavy" of "how heavy is the ship". */
const OPENING_QUESTION = /^(?:how\s+\S+|\S+)\s+/i;

/** Words that ask a question of each of the things before them: "Sweden and Finland *each*". */
const DISTRIBUTIVE = new Set(['each', 'respectively']);

/** The most words a thing asked about may take on either side of "and" ("the thai coastal radars"). */
const CONJUNCT_WORDS = 5;

/**
 * "When did Sweden and Finland each sign ...": a question asked of each of two things, as one
 * question for each ("when did Sweden sign ...", "when did Finland sign ..."). The first thing
 * starts after the auxiliary, verb or question word before it.
 */
function askedOfEach(analysis: AnalyzedText): string[] | undefined {
  const words = analysis.words;
  const each = words.findIndex((word) => DISTRIBUTIVE.has(word.lower));
  const and = words.slice(0, Math.max(0, each)).map((word) => word.lower).lastIndexOf('and');
  if (each < 0 || and < 1 || each - and < 2 || each - and > CONJUNCT_WORDS) return undefined;
  let start = and - 1;
  const opensPhrase = (word: Word) => AUXILIARIES.has(word.lower) || QUESTION_WORDS.has(word.lower) || word.pos === 'VERB' || word.pos === 'ADP';
  while (start > 0 && and - start < CONJUNCT_WORDS && !opensPhrase(words[start - 1]!)) start--;
  if (start === 0 || !opensPhrase(words[start - 1]!)) return undefined;
  const text = analysis.text;
  const before = text.slice(0, words[start]!.start);
  const after = text.slice(words[each]!.end);
  return [text.slice(words[start]!.start, words[and - 1]!.end), text.slice(words[and + 1]!.start, words[each - 1]!.end)].map((thing) => `${before}${thing}${after}`);
}

/**
 * "The P-1 and the C-2, where are they built?": two things put before the question, which a
 * pronoun takes up, are asked about one by one ("where are the P-1 built", "... the C-2 built").
 */
function askedOfTopics(text: string): string[] | undefined {
  const topics = FRONTED_TOPICS.exec(text);
  if (!topics) return undefined;
  const [, first, second, question] = topics;
  if (!TAKEN_UP.test(question!)) return undefined;
  return [first!, second!].map((thing) => question!.replace(TAKEN_UP, thing!.trim()));
}
const FRONTED_TOPICS = /^\s*([^,?]{2,40}?)\s+and\s+([^,?]{2,40}?)\s*,\s*((?:what|where|when|who|how|which|why)\b[^,]*)$/i;
const TAKEN_UP = /\b(?:they|them)\b/i;

/** "How long and how heavy is the ship": a part of bare question words asks of what the next part asks ("how long is the ship"). */
function withSharedEnd(pieces: string[]): string[] {
  return pieces.map((piece, i) => (i + 1 < pieces.length && BARE_QUESTION.test(piece) ? `${piece} ${pieces[i + 1]!.replace(OPENING_QUESTION, '')}` : piece));
}

/** The units a size is measured in, by WordNet kind: "how long is the boat" is answered by "14-metre". */
const MEASURED_IN: Record<string, string[]> = {
  long: ['linear unit', 'time period'],
  tall: ['linear unit'],
  wide: ['linear unit'],
  far: ['linear unit'],
  heavy: ['weight unit', 'mass unit'],
  // "How old is the president": an age, which articles give as "61-year-old" or "Maruyama, 71, said".
  old: ['age'],
};

/**
 * Attributes measured in units, by the kinds of unit they are measured in: "the P-1's top
 * *speed*", "*range* of the shell?". "Speed" is a distance over a time ("km/h", "knots"), and a
 * "distance" a length that is no size of a thing ("fly 7,600 kilometres", not "128 metres long").
 */
const MEASURED_ATTRIBUTES: Record<string, string[]> = {
  speed: ['speed'],
  velocity: ['speed'],
  range: ['distance'],
  distance: ['distance'],
  altitude: ['linear unit'],
  length: ['linear unit'],
  height: ['linear unit'],
  depth: ['linear unit'],
  weight: ['weight unit', 'mass unit'],
  payload: ['weight unit', 'mass unit'],
  tonnage: ['weight unit', 'mass unit'],
  displacement: ['weight unit', 'mass unit'],
  endurance: ['time period'],
  power: ['power unit'],
};

/**
 * The measured attributes a part asks for and nothing else: "top speed of the P-1?", "c-2
 * payload and range", "what is the range of the sonar". Not "design name and tonnage", which
 * also asks for a name.
 */
function measuredAttributes(words: readonly Word[]): Word[] {
  const isAttribute = (word: Word | undefined) => word !== undefined && word.pos === 'NOUN' && Object.hasOwn(MEASURED_ATTRIBUTES, word.lemma);
  // ... or right after the question word: "what *power* does the laser have", "above what *range*".
  const attributes = words.filter((word, i) => isAttribute(word) && (i === words.length - 1 || ['of', 'and'].includes(words[i + 1]!.lower) || ['what', 'which'].includes(words[i - 1]?.lower ?? '')));
  if (attributes.length === 0) return [];
  // Each "and" joins two attributes: "payload and (its) range".
  const joinsAttributes = words.every((word, i) => word.lower !== 'and' || (isAttribute(words[i - 1]) && isAttribute(['its', 'the'].includes(words[i + 1]?.lower ?? '') ? words[i + 2] : words[i + 1])));
  return joinsAttributes ? attributes : [];
}

/** Words that make a past question ask about a plan: "when was it supposed to go". */
const PLANNED = new Set(['suppose', 'schedule', 'expect', 'due', 'plan', 'go', 'intend', 'set']);

/** A follow-up reads the answer before it this far, and keeps this many of the names it gives. */
const ANSWER_READ_CHARS = 400;
const ANSWER_NAMES_KEPT = 3;

/** Verbs that open a question's clause ("did Japan sell ...", "is it ..."). */
export const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'has', 'have', 'had', 'should', 'may', 'might', 'must', 'shall']);
const FOLLOW_UP_OPENERS = /^(and|also|what about|how about|then|so)\b/i;
const PRONOUNS = /\b(they|them|their|it|its|those|these|that|he|she|his|her|this)\b/i;
/** "How many people work *there*": a place said before; not "how many are there", "is there a penalty". */
const THERE_POINTING_BACK = /(?<!\b(?:is|are|was|were|be|been)\s+)\bthere\b(?!\s+(?:is|are|was|were|be|been|will|would|have|has|had)\b|['’]s\b)/i;
const CURRENT = /\b(now|currently|current|latest|still|today|anymore|at present|these days|most recent)\b/i;
/** Words that ask about an earlier state of things, which a later article may have changed. */
export const EARLIER = /\b(originally|original|initially|initial|at first|back in|used to|previously|first planned)\b/i;
// A new question inside the same sentence: ", and what ...", "; when ...".
const PART_BOUNDARY = /(?:,?\s+and\s+|;\s*|\?\s+)(?=(?:what|when|where|who|whom|which|why|how|is|are|was|were|does|did|do|will|can|has|have)\b)/i;

/**
 * "How much does *one* HSV-60 cost", "the price of *a single* mast": a sum asked for one of a
 * kind is a price by the unit, as "each" asks. Not "the first one", "one of the ships".
 */
const ONE_OF_THEM = /(?<!\b(?:the|this|that|which|first|last|new|next|other|same|no)\s+)\bone\s+(?!of\b|more\b|or\b)\p{L}|\ba single\b/iu;

/**
 * An adverb that opens a question right before its question word qualifies the question, not
 * what it asks about: "*roughly* how much", "*exactly* when". The answer need not say it. Inside
 * a question it may be what is asked: "does the brief say *exactly* which kinds".
 */
function qualifiesQuestion(words: readonly Word[], index: number): boolean {
  const opens = index === 0 || words[index - 1]!.pos === 'CCONJ';
  return opens && words[index]!.pos === 'ADV' && QUESTION_WORDS.has(words[index + 1]?.lower ?? '');
}

/** A question word a verb of telling or knowing takes: "did they say *when* ...", "can you tell me *where* ...", "is it known how much". */
const EMBEDDED_QUESTION = / (say|said|says|tell|told|know|knew|known|announce|announced|explain|explained|reveal|revealed|disclose|disclosed|decide|decided|confirm|confirmed|specify|specified|show|showed|shown|ask|asked|wonder|clear|sure)( (me|us|you|them|him|her))? (when|where|why|who|whom|whose|which|what|how|whether)\b/;

/** Question-type words of English grammar, mapped to the answer they ask for. */
function typeFromWords(words: string[], lexicon: Lexicon, head: Word | undefined): AnswerType {
  const text = ` ${words.join(' ')} `;
  // The first question phrase asks; a later one opens a clause of its own: "who was foreign
  // minister *when* the rule was adopted" asks for a person.
  const asked = firstMatch(text, [
    [/ (when|what year|which year|what date|what month|since when|by when|how long ago) /, 'date'],
    [/ (what percent|what percentage|what share) /, 'percent'],
    // "How big is the fund", "how heavy is the ship": a size, in money, a count or a measure.
    [SIZE_ASKED, 'amount'],
    [/ (how long|for how many (years|months|weeks|days)) /, 'duration'],
    [/ how many | what(s| is| was| are| were)? (the )?(total )?number of /, 'count'],
    // Verbs whose object is a sum ("how much did they bid", "... has Malaysia budgeted") ask for money.
    [/ how much /, / (cost|costs|price|priced|pay|pays|paying|paid|worth|charge|money|funding|spend|spends|spent|budgeted|bid|bids|invest|invests|invested|lend|lends|lent) /.test(text) ? 'money' : 'amount'],
    [/ (why|how come|for what reason|what for) | what (is|was|are|were) the (reason|rationale|motivation|purpose) /, 'reason'],
    [/ (who|whom|whose) /, 'person'],
    [/ where /, 'place'],
    // "What's the price of ...", "... worth?", "... worth in yen?", and a fragment that ends on one ("chu-sam deal price?").
    // So do "what does it cost", and a fragment that opens on one ("value of the maintenance contract?", "price per boat?").
    [/ what(s| is| was| are| were)? (the )?(price|cost|value) | (worth|price|cost|value)( (per|each|apiece|a) \w+)?( in \w+)? $| what (do|does|did|will|would) .* (?<!(the|a|its|their|of) )cost |^ (price|cost|value) (of|per|for) /, 'money'],
    // "What did the minister say about ...": what someone said, which a sentence reports.
    [/ what (did|does|do|has|have|had|will|would) .*(say|said|tell|told|state|stated|announce|announced|respond|responded|reply|replied|comment|commented) /, 'statement'],
    // Any other "what" or "which" asks first: "what must countries commit to *when* they receive
    // it" asks for a commitment, not a date.
    [/ (what|which|whats) (?!.* (worth|price|cost|value)( in \w+)? $)/, 'any'],
  ]);
  // "Did she say anything when the order grew?": after an auxiliary that opens the question, a
  // question word opens a clause of its own, unless a verb of telling or knowing takes it ("did
  // they say when ..."). So does a fragment's word for money: "is installation included in the
  // price?" asks yes or no of the price, not for it.
  if (asked && asked !== 'any' && AUXILIARIES.has(words[0] ?? '') && !EMBEDDED_QUESTION.test(text)) return 'yesno';
  if (asked && asked !== 'any') return asked;
  if (head && / (which|what) /.test(text)) {
    const typed = typeOfNoun(head, lexicon);
    if (typed) return typed;
  }
  if (AUXILIARIES.has(words[0] ?? '')) return 'yesno';
  return 'any';
}

// "Who was named chief executive" asks for the holder of a role as "who is the chief executive" does.
/**
 * The kind of answer a noun asks for ("which *company*", "the name of the *judge*"), by WordNet.
 * A time is tried first: WordNet also has "date" as a person one dates.
 */
export function typeOfNoun(head: Pick<Word, 'lemma'>, lexicon: Lexicon): AnswerType | undefined {
  const noun = head.lemma;
  const wordnet = lexicon.wordnet;
  if (wordnet.isKindOf(noun, 'time period') || wordnet.isKindOf(noun, 'calendar day') || wordnet.isKindOf(noun, 'day')) return 'date';
  if (wordnet.isKindOf(noun, 'person')) return 'person';
  if (wordnet.isKindOf(noun, 'country') || wordnet.isKindOf(noun, 'nation') || wordnet.isKindOf(noun, 'location')) return 'place';
  // An organisation as a social group: WordNet's "organization" is also an arrangement ("design", "plan").
  if (wordnet.isKindOf(noun, 'social group') || wordnet.isKindOf(noun, 'business')) return 'organization';
  return undefined;
}

function opensNameOf(words: readonly Word[], index: number): boolean {
  return words[index]?.lower === 'name' && words[index + 1]?.lower === 'of';
}

const COPULA = /^(is|was|are|were|will be|would be|has been|had been|is going to be)( named| appointed)?$/;

/**
 * "Who is [the] <role> [of ...]": the nouns and adjectives after the copula, up to the first word
 * that is neither ("of", "when", a verb). Places in it are what the role is of, not the role.
 */
function roleAsked(analysis: AnalyzedText, lexicon: Lexicon): number[] {
  const words = analysis.words;
  // "Name of the chief cabinet secretary ..." asks for whoever holds the role, as "who is" does.
  const nameOf = opensNameOf(words, 0);
  if (words[0]?.lower !== 'who' && !nameOf) return [];
  let i = nameOf ? 2 : 1;
  for (const length of nameOf ? [] : [4, 3, 2, 1]) {
    if (COPULA.test(words.slice(1, 1 + length).map((word) => word.lower).join(' '))) {
      i = 1 + length;
      break;
    }
  }
  // "Who's the defence minister": the analysis keeps no word for the "'s".
  if (i === 1 && !nameOf && !/^['’]s\b/i.test(analysis.text.slice(words[0]!.end))) return [];
  const inPlace = (index: number) => analysis.places.some((place) => place.first <= index && index <= place.last);
  const role: number[] = [];
  for (; i < words.length; i++) {
    const word = words[i]!;
    if (word.pos === 'DET' || word.pos === 'PART' || inPlace(i)) {
      if (role.length > 0) break;
      continue;
    }
    if (word.pos !== 'NOUN' && word.pos !== 'ADJ') break;
    // "Who is Dewi Anggraini" names the person and asks what she is: no role.
    if (!lexicon.isOrdinaryWord(word.lower)) return [];
    role.push(i);
  }
  return role;
}

/**
 * Nouns that name the kind of detail asked rather than a thing the answer speaks of: "HS-45 crew
 * *size*?", "*deadline* for abu dhabi to use the option", "ownership *split*", "inspection
 * *interval*". Articles give it as a figure, a share, a date or a period ("a crew of 95", "by the
 * end of 2031", "51 percent", "every two years"), seldom in that word, as they give a sum
 * without saying "price".
 */
const DETAIL_NOUNS = new Set(['deadline', 'timeline', 'timeframe', 'timing', 'size', 'split', 'breakdown', 'interval', 'frequency']);

/**
 * Whether a noun names the kind of detail an answer gives rather than a thing the articles
 * must mention: "crew *size*", "*deadline*", or a measure ("*tonnage*"), which an article gives
 * as a figure in its unit ("a 4,500-tonne design").
 */
export function namesKindOfDetail(word: Pick<Word, 'lemma'>): boolean {
  return DETAIL_NOUNS.has(word.lemma) || Object.hasOwn(MEASURED_ATTRIBUTES, word.lemma);
}

/** The last noun of a compound that names the kind of detail asked ("crew *size*", not "*size* limits"). */
function detailNoun(analysis: AnalyzedText): { word: Word; index: number } | undefined {
  const index = analysis.words.findIndex((word, i) => word.pos === 'NOUN' && DETAIL_NOUNS.has(word.lemma) && analysis.words[i + 1]?.pos !== 'NOUN');
  return index === -1 ? undefined : { word: analysis.words[index]!, index };
}

function moneyWord(analysis: AnalyzedText): { word: Word; index: number } | undefined {
  // Not after "how much": in "how much does a drone cost" the word says what the money must be.
  if (analysis.words.some((word) => word.lower === 'much')) return undefined;
  const index = analysis.words.findIndex((word) => ['price', 'cost', 'value', 'worth'].includes(word.lemma));
  return index === -1 ? undefined : { word: analysis.words[index]!, index };
}

/**
 * A noun for what a business earns ("revenue", "profit", "earnings"), by WordNet: a question about
 * it asks for a sum. Not one that qualifies another ("profit *margin*", "interest *rate*").
 */
function earningsWord(analysis: AnalyzedText, lexicon: Lexicon): { word: Word; index: number } | undefined {
  const index = analysis.words.findIndex((word, i) => word.pos === 'NOUN' && analysis.words[i + 1]?.pos !== 'NOUN' && lexicon.wordnet.isKindOf(word.lemma, 'financial gain'));
  return index === -1 ? undefined : { word: analysis.words[index]!, index };
}

/** The type of the pattern that matches earliest in the text (the first listed on a tie). */
function firstMatch(text: string, patterns: [RegExp, AnswerType][]): AnswerType | undefined {
  let best: { index: number; type: AnswerType } | undefined;
  for (const [pattern, type] of patterns) {
    const index = text.search(pattern);
    if (index !== -1 && (!best || index < best.index)) best = { index, type };
  }
  return best?.type;
}

/**
 * The noun after "which", "what" or "how many", skipping names and numbers: the last noun of a
 * compound ("how many indian navy *ships*"), since English compounds put the head last.
 */
function headNoun(analysis: AnalyzedText): { word: Word; index: number; afterCopula: boolean; named?: true } | undefined {
  const words = analysis.words;
  // A fragment that opens on "name of" ("name of the judge in ...") asks for one: the noun is
  // sought from the word after "of".
  const marker = opensNameOf(words, 0) ? 1 : words.findIndex((word) => word.lower === 'which' || word.lower === 'what' || word.lower === 'many' || word.lower === 'much');
  if (marker === -1) return undefined;
  let named = opensNameOf(words, 0);
  const inPlace = (i: number) => analysis.places.some((place) => place.first <= i && i <= place.last);
  const isNoun = (i: number) => words[i]?.pos === 'NOUN' && !QUESTION_WORDS.has(words[i]!.lower) && !inPlace(i);
  // "How many of the 38 companies" counts companies: a partitive reaches past "of the 38".
  let reach = words[marker]!.lower === 'many' && words[marker + 1]?.lower === 'of' ? 6 : 4;
  // "What's" keeps no word for its "'s".
  let afterCopula = /^['’]s\b/.test(analysis.text.slice(words[marker]!.end));
  for (let i = marker + 1; i < Math.min(words.length, marker + reach); i++) {
    const word = words[i]!;
    // "What *is* the top speed", "what is *the Airone-3's* top speed": the copula and a
    // possessor stand between the question word and the noun asked about.
    if (word.lemma === 'be' && word.pos === 'AUX') {
      afterCopula = true;
      reach++;
      continue;
    }
    // The possessor may be a common noun or a name typed in lower case: "what was *kiso marine's* profit".
    // It opens the phrase, after the copula or an article; "the two other systems sweden's fmv
    // evaluated" has its noun before one.
    const possessor = i === marker + 1 || ['AUX', 'DET'].includes(words[i - 1]!.pos) ? possessorFrom(analysis, i) : undefined;
    if (possessor !== undefined) {
      afterCopula = true;
      reach += possessor - i + 2;
      i = possessor;
      continue;
    }
    // "What is the number of countries" asks for a count of countries, as "how many" would, and
    // "what is the name of the judge" for the judge, named.
    if (opensNumberOf(words, i) || opensNameOf(words, i)) {
      named ||= opensNameOf(words, i);
      reach += 3;
      i++;
      continue;
    }
    // "which Japanese company": the demonym qualifies the head, it is not the head.
    if (isNoun(i)) {
      // A plural does not modify the noun after it; there the noun is a verb the tagger missed:
      // "how many people *work* at ...", "how many ships *sail* to ...", "how many people *work* there".
      const verbAfterPlural = (j: number) => (words[j]!.lower !== words[j]!.lemma || words[j]!.lower === 'people') && (j + 2 === words.length || ['ADP', 'DET', 'ADV', 'PRON'].includes(words[j + 2]!.pos));
      // "The *cut-off* value": a hyphenated word before a noun qualifies it, as a noun does.
      const hyphenatedQualifier = (j: number) => hyphenedToNext(analysis.text, words, j) && isNoun(j + 2);
      // Nor does a plural end a compound before a noun and a verb: that noun opens a clause on it,
      // "the five domains *Kyodo listed*".
      const clauseAfterPlural = (j: number) => words[j]!.lower !== words[j]!.lemma && words[j + 2]?.pos === 'VERB';
      while ((isNoun(i + 1) && !verbAfterPlural(i) && !clauseAfterPlural(i)) || hyphenatedQualifier(i)) i += isNoun(i + 1) ? 1 : 2;
      return { word: words[i]!, index: i, afterCopula, ...(named ? { named: true as const } : {}) };
    }
    // An article and a number do not count against the reach: "what were *the two* other systems".
    if (word.pos === 'DET' || word.pos === 'NUM') reach++;
    if (word.pos === 'VERB' || word.pos === 'AUX') return undefined;
    // "How many *after* the change": a preposition opens a phrase of its own; the thing counted is left unsaid.
    if (word.pos === 'ADP' && word.lower !== 'of') return undefined;
    // "Which american and european planes": qualifiers joined by "and" reach further.
    if (word.pos === 'CCONJ') reach += 2;
  }
  return undefined;
}

/** Words that may make up a possessor ("the Airone-3's", "kiso marine's"): the last of them, or undefined. */
function possessorFrom(analysis: AnalyzedText, from: number): number | undefined {
  for (let i = from; i < Math.min(analysis.words.length, from + POSSESSOR_WORDS); i++) {
    if (!['NOUN', 'PROPN', 'ADJ'].includes(analysis.words[i]!.pos)) return undefined;
    if (/^['’]s\b/.test(analysis.text.slice(analysis.words[i]!.end))) return i;
  }
  return undefined;
}
const POSSESSOR_WORDS = 3;

// Words that chat typing joins to "is" without the apostrophe ("whats", "hows"); not "it",
// since "its" is a word of its own.
const WH_WORDS = new Set(['what', 'who', 'where', 'when', 'how', 'why', 'that', 'there']);

/**
 * A contraction typed without its apostrophe: "whats" is "what's", "didnt" is "didn't" (a
 * negation the claim must keep). The auxiliaries and wh-words are closed classes; "cant" and
 * "wont" are left alone, being words of their own.
 */
function withApostrophe(lower: string): string | undefined {
  if (lower.endsWith('s') && WH_WORDS.has(lower.slice(0, -1))) return `${lower.slice(0, -1)}'s`;
  if (lower.endsWith('nt') && AUXILIARIES.has(lower.slice(0, -2))) return `${lower.slice(0, -2)}n't`;
  return undefined;
}

/** Phrases that ask for a figure ("how many"): they say what kind of answer is wanted, not what about. */
const ASKING_FOR_A_FIGURE = /\bhow\s+(?:many|much|long|often)\b/gi;

/**
 * A question as search terms: without the phrases that ask for a figure, which as keywords find
 * every passage that says "how many" or "how much" ("did not say how many it might want") rather
 * than the one about what is asked. Dev (all): key facts 70.0 -> 70.8%, answerable refused 8.0 -> 7.5%,
 * unanswerable refused 79.9 -> 79.5%.
 */
export function searchTerms(question: string): string {
  const terms = question.replace(ASKING_FOR_A_FIGURE, ' ');
  return /[\p{L}\p{N}]/u.test(terms) ? terms : question;
}

export function isFollowUp(question: string, analysis: AnalyzedText): boolean {
  const content = analysis.words.filter((word) => word.content && !QUESTION_WORDS.has(word.lower));
  return FOLLOW_UP_OPENERS.test(question.trim()) || ((PRONOUNS.test(question) || THERE_POINTING_BACK.test(question)) && content.length <= 3) || content.length <= 1;
}

export class QuestionAnalyzer {
  constructor(
    private readonly lexicon: Lexicon,
    private readonly judge: EvidenceJudge,
  ) {}

  /**
   * What a text describes without naming it: an aim, a reason or a role (kinds of psychological
   * feature), a status or a name (kinds of state), unlike a speed, a range or a population.
   */
  private isDescribed(lemma: string): boolean {
    return this.lexicon.wordnet.isKindOf(lemma, 'psychological feature') || this.lexicon.wordnet.isKindOf(lemma, 'state');
  }

  /** A made thing, whose "how much" is its price: a plane, a missile; not a load or a measure. */
  private isPricedThing(lemma: string): boolean {
    const wordnet = this.lexicon.wordnet;
    return wordnet.isKindOf(lemma, 'artifact') && !wordnet.isKindOf(lemma, 'load') && !wordnet.isKindOf(lemma, 'measure');
  }

  /** Replaces misspelt words with what they most likely meant, keeping everything else as typed. */
  repair(text: string): string {
    // "Pilots/loadmasters": chat joins the words of a list with a slash, and shortens "with" and
    // "without" to "w/" and "w/o".
    const listed = text
      .replace(/(?<![\p{L}\p{N}])w\/o(?![\p{L}\p{N}])/giu, 'without')
      .replace(/(?<![\p{L}\p{N}])w\/(?=\s|$)/giu, 'with')
      .replace(/(?<=\p{L}{2})\/(?=\p{L}{2})/gu, ' and ');
    // Whole tokens, so "3rd" and "hadn't" are not taken apart into "rd" and "hadn"; a
    // possessive or "'s" keeps its word repairable ("japn's").
    return listed.replace(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu, (token, offset: number) => {
      // "FY2028", "fy28": the fiscal year, as articles write it ("fiscal 2028").
      const fiscal = /^fy(\d{2}|\d{4})?$/i.exec(token);
      if (fiscal) return fiscal[1] === undefined ? 'fiscal year' : `fiscal ${fiscal[1].length === 2 ? `20${fiscal[1]}` : fiscal[1]}`;
      // "21.6 bn", "270mn": the magnitude of a sum, as articles write it ("21.6 billion").
      const magnitude = /^(\p{N}*)(bn|bln|bil|mn|mln|mil|tn|trn)$/iu.exec(token);
      if (magnitude && (magnitude[1] || /\p{N}\s?$/u.test(listed.slice(0, offset)))) return `${magnitude[1]}${magnitude[1] ? ' ' : ''}${MAGNITUDES[magnitude[2]!.toLowerCase()[0]!]}`;
      // "C$597m", "£24m", "$2.5b", "700m lei": one letter is a magnitude only after a currency sign
      // or before a currency's name ("128m" is metres).
      const sum = /^(\p{N}+)([mb])$/iu.exec(token);
      if (sum && (/\p{Sc}[\p{N}.,]*$/u.test(listed.slice(0, offset)) || this.currencyFollows(listed.slice(offset + token.length)))) return `${sum[1]} ${MAGNITUDES[sum[2]!.toLowerCase()]}`;
      const [, word, suffix = ''] = /^(\p{L}+)((?:['’][sS])?)$/u.exec(token) ?? [];
      if (!word) return token;
      // A capitalised word inside a sentence is a name as written ("based at Ranai"), not a typo for "range".
      if (/^\p{Lu}\p{Ll}/u.test(word) && /\p{L}[^.!?]*$/u.test(listed.slice(0, offset))) return token;
      // So is an acronym in capitals in a question not typed all in capitals ("HS", not "his"),
      // and a word joined to a number ("HS-45", "Type-03").
      if ((/^\p{Lu}{2,}$/u.test(word) && listed !== listed.toUpperCase()) || /^-\p{N}/u.test(listed.slice(offset + token.length)) || /\p{N}-$/u.test(listed.slice(0, offset))) return token;
      const lower = word.toLowerCase();
      const contraction = suffix === '' ? withApostrophe(lower) : undefined;
      if (contraction) return contraction;
      const repaired = this.lexicon.repair(lower);
      return repaired === lower ? token : `${repaired}${suffix}`;
    });
  }

  /** Whether the text goes on with the name of a currency ("lei", "dollars"), by its lemma: "lei" is the leu's plural. */
  private currencyFollows(rest: string): boolean {
    const next = /^\s+(\p{L}+)/u.exec(rest)?.[1];
    if (next === undefined) return false;
    const word = this.lexicon.analyzer.analyze(`5 ${next}`).words[1];
    return word !== undefined && this.lexicon.currencyNamed(word.lemma) !== undefined;
  }

  private readonly recent = new BoundedCache<string, QuestionAnalysis>(1_000);

  /** Pure for a loaded index, and popular questions recur: memoised on the question, the one before and its answer. */
  analyze(question: string, history: readonly ChatTurn[] = []): QuestionAnalysis {
    const previous = [...history].reverse().find((turn) => turn.role === 'user')?.content ?? '';
    const last = history[history.length - 1];
    const answered = last?.role === 'assistant' ? last.content.slice(0, ANSWER_READ_CHARS) : '';
    return this.recent.getOrCompute(`${previous}\u0000${answered}\u0000${question}`, () => this.compute(question, history));
  }

  private compute(question: string, history: readonly ChatTurn[]): QuestionAnalysis {
    const repaired = this.repair(question.trim());
    const own = this.lexicon.analyzer.analyze(repaired);
    const previous = [...history].reverse().find((turn) => turn.role === 'user')?.content;
    const followUp = previous !== undefined && isFollowUp(repaired, own);
    // "How big is that company?" after an answer naming Miura Ocean Acoustics: the follow-up
    // speaks of what the question before it and its answer named.
    const earlier = followUp ? [this.repair(previous), ...this.namedInAnswer(history)].join(', ') : '';
    // A noun no article uses is searched for by the articles' words for it ("upkeep": maintenance).
    const standIns = own.words.flatMap((word) => (word.content && word.pos === 'NOUN' && word.lower.length > 3 ? this.lexicon.standIns(word) : []));
    // "How old is the company": articles date a company by its founding, which the words asked do not reach.
    const ageAsked = SIZE_ASKED.exec(` ${own.words.map((word) => word.lower).join(' ')} `)?.[1] === 'old' ? ['founded'] : [];
    const searchText = [followUp ? `${earlier} ${repaired}` : repaired, ...new Set(standIns), ...ageAsked].join(' ');
    const compared = this.comparedValues(repaired);
    const split = repaired.split(PART_BOUNDARY).map((piece) => piece.trim()).filter((piece) => /[\p{L}\p{N}]/u.test(piece));
    const distributed = compared ? undefined : (askedOfEach(own) ?? askedOfTopics(own.text));
    const pieces = compared?.map((side) => side.question) ?? distributed ?? withSharedEnd(split);
    // The part whose end the bare part before it took ("... and how heavy is the ship") says all it asks.
    const endShared = (i: number) => !compared && !distributed && i > 0 && BARE_QUESTION.test(split[i - 1]!);
    const parts: QuestionPart[] = [];
    for (const [i, piece] of (pieces.length > 0 ? pieces : [repaired]).entries()) {
      // Most questions are one piece: the whole question, analysed above already.
      const analysis = piece === repaired ? own : this.lexicon.analyzer.analyze(piece);
      const nounAsked = headNoun(analysis);
      // "Which *company*" says what kind of answer is wanted; "what is the *goal*" asks about an attribute.
      // After a copula the noun is an attribute asked about ("what is the top speed"), not a kind
      // of answer, unless its name is what is asked ("what's the name of the judge").
      const typed = nounAsked?.named ? typeOfNoun(nounAsked.word, this.lexicon) ?? 'any' : typeFromWords(analysis.words.map((word) => word.lower), this.lexicon, nounAsked?.afterCopula ? undefined : nounAsked?.word);
      // "How much is Krungthep getting", "how many are left": after a copula the noun is what the
      // amount belongs to, a word the answer must match, not the kind of answer.
      // "Top speed of the P-1?": a measure, in units of its kind.
      const attributes = typed === 'any' ? measuredAttributes(analysis.words) : [];
      const ofSubject = nounAsked?.afterCopula === true && (typed === 'count' || typed === 'amount');
      // "How much is one plane": what a made thing amounts to is its price, not its weight. A
      // load ("how much is the payload") is weighed.
      const size = SIZE_ASKED.exec(` ${analysis.words.map((word) => word.lower).join(' ')} `)?.[1];
      const priced = ofSubject && typed === 'amount' && size === undefined && this.isPricedThing(nounAsked.word.lemma);
      // "Mizunami electric revenue last year?", "what was kaga's profit": a company's earnings are a sum of money.
      const earnings = typed === 'any' && attributes.length === 0 ? earningsWord(analysis, this.lexicon) : undefined;
      const type: AnswerType = priced || earnings ? 'money' : attributes.length > 0 ? 'amount' : typed;
      // "The deal's price?": the word for money is what the answer supplies, not a word to match.
      const attributeAsked = attributes[0] && { word: attributes[0], index: analysis.words.indexOf(attributes[0]) };
      const head = (ofSubject ? undefined : nounAsked) ?? attributeAsked ?? earnings ?? (type === 'money' ? moneyWord(analysis) : undefined) ?? detailNoun(analysis);
      // A later part or a follow-up leans on what came before ("... and what will the money buy?").
      const leans = ((i > 0 && !distributed) || followUp) && this.contentCount(analysis) < 3 && !endShared(i);
      const context = i > 0 ? pieces[0]! : followUp ? earlier : '';
      const hypothesisText = leans ? `${context} ${piece}` : piece;
      const hypothesisAnalysis = leans ? this.lexicon.analyzer.analyze(hypothesisText) : analysis;
      const offset = leans ? hypothesisAnalysis.words.length - analysis.words.length : 0;
      // "The number of" asks as "how many" does; the words say nothing the answer must match.
      // ... nor does "the name of" say anything the answer must match.
      const countWords = (_: Word, index: number) => (type === 'count' && opensNumberOf(hypothesisAnalysis.words, index)) || (nounAsked?.named === true && opensNameOf(hypothesisAnalysis.words, index));
      // ... nor the size asked: "how *big* is the fund" is answered by "250 billion yen".
      const sizeWord = (word: Word, index: number) => type === 'amount' && hypothesisAnalysis.words[index - 1]?.lower === 'how' && SIZE_WORDS.has(word.lower);
      // ... nor the currency a sum is asked in: "worth *in yen*", "worth? *yen and euros*" are
      // answered by "¥27.6 billion, or €162 million": articles write currencies as symbols.
      const currencyWord = (word: Word) => type === 'money' && this.lexicon.currencyNamed(word.lemma) !== undefined;
      const hypothesis = this.judge.hypothesis(hypothesisAnalysis, {
        ignore: (word, index) => QUESTION_WORDS.has(word.lower) || AUXILIARIES.has(word.lower) || countWords(word, index) || sizeWord(word, index) || currencyWord(word) || qualifiesQuestion(hypothesisAnalysis.words, index),
        head: head ? new Set([head.index + offset]) : undefined,
        contextEnd: offset,
      });
      const role = type === 'person' ? roleAsked(analysis, this.lexicon).map((index) => index + offset) : [];
      const measures = attributes.map((word) => analysis.words.indexOf(word) + offset);
      // A profit asked for is a measure the sentence must name, as "top speed" is: sales or revenue
      // are other sums, which WordNet keeps apart from net income. Revenue is asked loosely, and
      // sales answer it.
      const netIncome = earnings !== undefined && head?.word === earnings.word && this.lexicon.wordnet.isKindOf(earnings.word.lemma, 'net income');
      const attribute = netIncome || (type === 'any' && nounAsked?.afterCopula === true && !this.isDescribed(nounAsked.word.lemma) && !DETAIL_NOUNS.has(nounAsked.word.lemma));
      const ahead = analysis.words.some((word, index) => FUTURE.has(word.lower) || (word.lower === 'going' && analysis.words[index + 1]?.lower === 'to'));
      // "When did ...", and "when was it handed over" (not "when was it supposed to go", a plan).
      const past = analysis.words.some((word) => word.lower === 'did') || (analysis.words.some((word) => (word.lower === 'was' || word.lower === 'were') && word.pos === 'AUX') && !analysis.words.some((word) => PLANNED.has(word.lemma)));
      const asksWhen = type !== 'date' ? undefined : ahead ? 'ahead' : past ? 'past' : undefined;
      // "Why did Japan change its rules" asks for a reason, "when did it change" for a date: only
      // "what changed" and "how has it changed" ask for the changes.
      const asksChange = type === 'any' && analysis.words.some((word) => word.lemma === 'change' && word.pos === 'VERB');
      const compares = compared?.[i]?.side;
      const asksRate = ['money', 'amount', 'count'].includes(type) && (RATE_WORDS.test(hypothesisText) || (type === 'money' && ONE_OF_THEM.test(hypothesisText)));
      const measuredIn =
        attributes.length > 0 ? [...new Set(attributes.flatMap((word) => MEASURED_ATTRIBUTES[word.lemma]!))] : type === 'amount' ? MEASURED_IN[size ?? ''] : undefined;
      parts.push({ text: piece, type, hypothesis, head: head?.word, ...(role.length > 0 ? { role } : {}), ...(measures.length > 0 ? { measures } : {}), ...(attribute ? { asksAttribute: true } : {}), ...(asksWhen ? { asksWhen } : {}), ...(asksChange ? { asksChange } : {}), ...(asksRate ? { asksRate } : {}), ...(compares ? { compares } : {}), ...(measuredIn ? { measuredIn } : {}) });
    }
    // A single letter or symbol is nothing to look up, even when tagged as a noun ("x").
    const empty = parts.every((part) => part.hypothesis.units.every((unit) => unit.surface.replace(/[^\p{L}\p{N}]/gu, '').length < 2));
    const asks = own.words.some((word) => QUESTION_WORDS.has(word.lower) || AUXILIARIES.has(word.lower));
    // "C-2 payload?" asks for a measure, in the words it leaves out of its hypothesis.
    const topicOnly = !empty && !followUp && !asks && parts.length === 1 && parts[0]!.hypothesis.units.length === 1 && !parts[0]!.measuredIn;
    const wantsEarlier = EARLIER.test(repaired);
    const task = taskAsked(own);
    return { question, repaired, searchText, parts, empty, topicOnly, ...(task ? { task } : {}), wantsCurrent: CURRENT.test(repaired) && !wantsEarlier, wantsEarlier };
  }

  /**
   * "Which is the bigger deal, Vietnam's P-1s or Indonesia's Chu-SAM?": two deals compared by
   * value, each a question of its own ("how much is Vietnam's P-1s deal worth"), answered side by
   * side for the reader to compare. Only deals, contracts, sales, funds and grants have a value
   * to compare: "which is bigger, the HS-45 or the Mogami" is left as asked.
   */
  private comparedValues(question: string): { side: string; question: string }[] | undefined {
    const match = COMPARED_BY_NAME.exec(question) ?? COMPARED_BY_THAN.exec(question);
    if (!match?.groups) return undefined;
    const { asked, noun, first, second } = match.groups as { asked?: string; noun?: string; first: string; second: string };
    const hasValue = (option: string) => this.lexicon.analyzer.analyze(option).words.some((word) => word.pos === 'NOUN' && VALUED.some((kind) => this.lexicon.wordnet.isKindOf(word.lemma, kind)));
    // An option that does not say what it is takes the compared noun: "Vietnam's P-1s" is the "deal" of "the bigger deal".
    const kind = noun ?? (asked?.toLowerCase() === 'one' ? undefined : asked);
    const options = [first, second].map((option) => (hasValue(option) || !kind ? option : `${option} ${kind}`));
    if (!options.every(hasValue)) return undefined;
    return options.map((option) => ({ side: option, question: `how much is ${option} worth` }));
  }

  /** The names and places of the answer to the last question, if the conversation holds it. */
  private namedInAnswer(history: readonly ChatTurn[]): string[] {
    const last = history[history.length - 1];
    if (last?.role !== 'assistant') return [];
    const analysis = this.lexicon.analyzer.analyze(last.content.slice(0, ANSWER_READ_CHARS));
    const mentions = [...analysis.names, ...analysis.places].sort((a, b) => a.first - b.first);
    // As written: the tagger's pieces of "Vyškov" are no name of their own.
    const written = (mention: { first: number; last: number }) => writtenWord(analysis.text, analysis.words[mention.first]!, analysis.words[mention.last]!);
    return [...new Set(mentions.map(written))].slice(0, ANSWER_NAMES_KEPT);
  }

  private contentCount(analysis: AnalyzedText): number {
    return analysis.words.filter((word) => word.content && !QUESTION_WORDS.has(word.lower) && !AUXILIARIES.has(word.lower)).length;
  }
}

/**
 * The job a request asks for, when its first verb after the words of asking ("please", "can you
 * help me") is one no passage does: "translate hello into Thai", "could you write me a poem".
 * "Who wrote the report" opens with a question word, so its verb is not a request.
 */
function taskAsked(analysis: AnalyzedText): string | undefined {
  const verb = analysis.words.find((word) => !REQUEST_OPENERS.has(word.lower));
  return verb && verb.pos === 'VERB' && TASK_VERBS.has(verb.lemma) ? verb.lemma : undefined;
}
