// Turns a sentence, question or claim into what the judge compares: words with lemma, part of
// speech and negation (wink-nlp's English model), quantities with their kind and what they
// count, places resolved to countries, and proper-name spans.
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Places, PlaceAlias, PlaceForm } from './lexicon/places.js';
import { placeKey } from './lexicon/places.js';
import { combinedValue, numberValue } from './numbers.js';
import { designatorForm, foldMarks } from '../text/tokens.js';

export interface Word {
  surface: string;
  lower: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  negated: boolean;
  /** Carries meaning of its own (not a stop word, punctuation or auxiliary). */
  content: boolean;
  /** The dictionary's verb this verb makes with its particle ("set aside"), which then carries no meaning of its own. */
  phrasal?: string;
  /**
   * For a definite noun that shortens a compound said earlier in its article ("the jets" after
   * "fighter jets"), the compound's modifier: what the noun stands for there.
   */
  antecedent?: Word;
  /** Named as what something else replaces: "to Esquimalt *instead of Halifax*", "Whenuapai *rather than Ohakea*". */
  replaced?: true;
  /** A part of the place named after it ("the northern *coast* of Luzon", "the *port* of Sines"), which takes the place's role. */
  placePart?: true;
  /**
   * For "the company" or an opening "It" that takes up an organisation named just before ("Tsurugi
   * Field Systems said ... The company has 2,140 employees"), the words of that name, lower-cased.
   */
  refersTo?: readonly string[];
}

export type QuantityKind = 'year' | 'date' | 'money' | 'percent' | 'count';

export interface Quantity {
  kind: QuantityKind;
  value: number;
  surface: string;
  /** Word indexes [first, last] of the quantity in the text. */
  first: number;
  last: number;
  /** Lemmas of the noun phrase counted ("11 upgraded Mogami-class frigates" -> mogami, class, frigate). */
  units: string[];
  /** A value the text says was replaced ("250 billion yen, up from 150 billion"): not the current one. */
  superseded?: boolean;
  /** The size of what `units` names, counted in its members ("a crew of 95"). */
  membersOf?: true;
  /** A sum's currency, by the lemma of its name ("yen", "dollar", "dirham"), where the text gives one by sign or name. */
  currency?: string;
  /**
   * The months (1-12, first and last) of its year that a date names: "July 2025" is [7, 7] and
   * is not "September 2025"; "the first half of 2028" is [1, 6] and "mid-2027" [5, 8].
   */
  months?: MonthRange;
  /** The day of the month a date names ("September 19", "19 September"). */
  day?: number;
  /** For a date that names no year ("on Tuesday, October 1"), the year of the article that gives it. */
  impliedYear?: number;
  /**
   * How the text bounds the value rather than stating it: "more than 30" (above), "fewer than
   * half" (below), "about 40", "almost half" (near).
   */
  bound?: Bound;
  /** The bound holds the value itself: "up to 150", "at least 30", unlike "fewer than 150" or "more than 30". */
  boundIncludes?: true;
  /** Index of the first word of the phrase that bounds it ("*more* than 30"). */
  boundFrom?: number;
  /** A date given as a deadline ("by the end of 2031", "by 2032"): any date up to it may hold. */
  deadline?: true;
}

export type Bound = 'above' | 'below' | 'near';

export type MonthRange = readonly [first: number, last: number];

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Indexed as Date.getUTCDay() counts: Sunday is 0. */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The month a word of a date names ("July", "Sept.", "aug"), 1-12. */
function monthOf(lower: string): number | undefined {
  const bare = lower.replace(/\.$/, '');
  if (bare.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase() === bare || name.toLowerCase().slice(0, 3) === bare || (bare === 'sept' && name === 'September'));
  return index === -1 ? undefined : index + 1;
}

// The part of a year a date names when it names no month ("early 2028", "the end of 2027"), in
// thirds: words for one part say the same ("the start of 2027" is "early 2027").
const YEAR_PARTS: Record<string, MonthRange> = {
  early: [1, 4], beginning: [1, 4], start: [1, 4],
  mid: [5, 8], middle: [5, 8],
  late: [9, 12], end: [9, 12],
  spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11],
};
const ORDINAL_PARTS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, latter: 2, last: -1 };

/** The months a date's words name: a month ("March 2029"), a half or quarter ("the first half of"), or a part ("mid-2027"). */
function monthsOf(words: Word[], withYear: boolean): MonthRange | undefined {
  const month = words.map((word) => monthOf(word.lower)).find((value) => value !== undefined);
  if (month !== undefined) return [month, month];
  if (!withYear) return undefined;
  for (const [i, word] of words.entries()) {
    const size = word.lemma === 'half' ? 6 : word.lemma === 'quarter' ? 3 : 0;
    const ordinal = ORDINAL_PARTS[words[i - 1]?.lower ?? ''];
    if (size > 0 && ordinal !== undefined) {
      const index = ordinal === -1 ? 12 / size : ordinal;
      if (index * size <= 12) return [(index - 1) * size + 1, index * size];
    }
    const part = YEAR_PARTS[word.lower.replace(/-.*$/, '')];
    if (part) return part;
  }
  return undefined;
}

export interface PlaceMention {
  country: string;
  form: PlaceForm;
  first: number;
  last: number;
  surface: string;
}

export interface NameSpan {
  first: number;
  last: number;
  surface: string;
  /** A name made of ordinary words for an organisation ("Development Bank", "Opinion Institute"). */
  organization?: boolean;
  /** A model's name: one of its words is a designator ("Kawasaki P-1", "F-35"). Neither a person nor a company. */
  model?: boolean;
}

export interface AnalyzedText {
  text: string;
  words: Word[];
  quantities: Quantity[];
  places: PlaceMention[];
  names: NameSpan[];
}

/**
 * A news dateline at the start of a text: a city in capitals, maybe its country, a date, maybe
 * the agency, then a dash ("TOKYO, July 16, 2026 — ", "MANILA, Sept 15 (Wire) - ").
 */
const DATELINE = /^\s*\p{Lu}[\p{Lu}.'’-]*(?:\s+\p{Lu}[\p{Lu}.'’-]*)*(?:,\s+\p{Lu}\p{Ll}+)?(?:,\s+(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{4})\s*(?:\([^)]{2,60}\))?|\s*\([^)]{2,60}\))\s*(?:—|–|--?)\s+/u;

/** Words that deny what follows them. */
export const NEGATORS: ReadonlySet<string> = new Set(['not', "n't", 'never', 'no']);

/** Auxiliaries of the future tense. */
export const FUTURE: ReadonlySet<string> = new Set(['will', 'shall', "'ll"]);

/** Verbs whose object or gerund is an activity that no longer goes on. */
const CEASING = new Set(['stop', 'cease', 'halt', 'quit', 'abandon', 'suspend', 'discontinue', 'drop', 'scrap', 'shelve', 'cancel']);

/** Nouns of intention: what is dropped with them ("dropped its plan to open an office") will not happen. */
const INTENTION_NOUNS = new Set(['plan', 'proposal', 'bid', 'intention', 'idea', 'offer']);

/** Verbs whose complement did not happen: "declined to say" did not say. */
const NEGATIVE_IMPLICATIVES = new Set(['decline', 'refuse', 'fail', 'neglect']);
/** Verbs of a decision, which "against" turns against the act after it ("decided against joining"). */
const DECIDING = new Set(['decide', 'vote', 'opt', 'choose', 'rule']);

const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an']);
/** How far after "neither" its verb may stand: "Neither Tsurugi nor the Acquisition, Technology and Logistics Agency would *say*". */
const NEITHER_REACH = 12;
/** Modal verbs, after which a word in its base form is a verb: "would *count* as part", "will not *fall* under". */
const MODALS: ReadonlySet<string> = new Set(['will', 'would', 'can', 'could', 'shall', 'should', 'may', 'might', 'must']);

/** Nouns that count made things of any kind: "12 systems" are the 12 lasers ordered, "four units" the radars. */
export const GENERIC_COUNTERS: ReadonlySet<string> = new Set(['system', 'unit']);

/**
 * Verbs by which a text makes a detail known: "disclosed the price", "named the countries". To
 * deny one ("did not say", "declined to give") denies each narrower way of making it known.
 */
export const TELLING: ReadonlySet<string> = new Set(['say', 'disclose', 'reveal', 'specify', 'announce', 'confirm', 'name', 'identify', 'detail', 'give', 'state', 'release', 'explain']);

/** Verbs that report speech: "said", "warned", "insisted". */
export const REPORTING_VERBS: ReadonlySet<string> = new Set(['say', 'tell', 'state', 'announce', 'add', 'note', 'warn', 'argue', 'insist', 'explain', 'comment', 'respond', 'reply', 'claim', 'stress', 'ask', 'call', 'describe', 'write']);

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'ADV', 'NUM', 'X']);
const YEAR = /^(19|20)\d{2}$/;

/** What the dictionary says of a word, which the tagger alone does not know. */
export interface WordKinds {
  /** Ordinary words (titles such as "Defence Minister") are not part of a personal name. */
  isOrdinaryWord(lower: string): boolean;
  /** Nouns for organisations ("bank", "institute"), which make capitalised ordinary words a name. */
  isOrganizationNoun(lemma: string): boolean;
  /** A verb and particle the dictionary has as one verb ("set aside"). */
  isPhrasalVerb(lemma: string): boolean;
  /** Nouns for people ("minister"): a title standing alone ("the Minister said") names no one. */
  isPersonNoun(lemma: string): boolean;
  /** Nouns for a part of a place ("coast", "tip", "port", "outskirts"). */
  isPlacePart(lemma: string): boolean;
  /** The lemma has a sense as a verb ("name" has, "sale" has not). */
  isVerb(lemma: string): boolean;
  /** A word of English, in a dictionary or frequent: "nor" is, a country's code "aus" is not. */
  isEnglishWord(lower: string): boolean;
  /** The currency a noun names, by the lemma sums carry ("pound" for "sterling"): a figure counting one is a sum ("1.95 billion dirhams"). */
  currencyNamed(lemma: string): string | undefined;
}

export class TextAnalyzer {
  private readonly nlp: WinkMethods;

  constructor(
    private readonly places: Places,
    private readonly stopWords: ReadonlySet<string>,
    readonly kinds: WordKinds,
  ) {
    // Every annotation but sentiment (and custom entities, none being defined), which nothing
    // reads: a question is tagged on every request, and the sentiment pass is one more automaton.
    this.nlp = winkNLP(model, ['sbd', 'negation', 'pos', 'ner']);
  }

  analyze(text: string): AnalyzedText {
    const its = this.nlp.its;
    // The model breaks a word at a letter with a mark it does not know ("Kog|ă|lniceanu"): it
    // reads the text with such letters folded to their base letters, one for one, so every offset
    // holds. Words keep their surface as written; their forms for matching are folded, so
    // "Constanta" as typed is "Constanța".
    const folded = foldMarks(text);
    const doc = this.nlp.readDoc(folded);
    const tokens = doc.tokens();
    const values = tokens.out(its.value) as string[];
    const lemmas = tokens.out(its.lemma as never) as string[];
    const tags = tokens.out(its.pos) as string[];
    const types = tokens.out(its.type) as string[];
    const negations = tokens.out(its.negationFlag) as unknown as boolean[];
    const spaces = tokens.out(its.precedingSpaces) as string[];
    const words: Word[] = [];
    let offset = 0;
    const wordIndexOfToken: number[] = [];
    values.forEach((token, i) => {
      offset += spaces[i]!.length;
      // wink keeps the text losslessly; find the token where it is in case of odd spacing.
      const at = folded.indexOf(token, offset);
      let start = at === -1 ? offset : at;
      offset = start + token.length;
      let value = token;
      const type = types[i]!;
      if (type === 'punctuation' || type === 'emoji' || type === 'symbol' || type === 'emoticon') {
        wordIndexOfToken.push(-1);
        return;
      }
      // "Ex-Japanese ships", "ex-JMSDF escorts": the tagger keeps "ex-" on the word; what
      // matters for matching is the word after it, so the word starts there.
      const former = /^ex-(?=\p{L})/iu.exec(value)?.[0].length ?? 0;
      if (former > 0) {
        value = value.slice(former);
        start += former;
      }
      // wink keeps a word it has once read before punctuation ("after Sweden's, so") as one
      // token from then on, possessive and all: the possessive is split off here as it is
      // the first time, so that a text reads the same whatever was read before it.
      const possessive = /^(.*\p{L})['’][sS]$/u.exec(value)?.[1];
      if (possessive) value = possessive;
      const lower = value.toLowerCase().replace(/’/g, "'");
      if (lower === "'s" || lower === "'") {
        wordIndexOfToken.push(-1);
        return;
      }
      // "HSV-60s": the model reads "60s" as a decade and splits the designator at its hyphen;
      // written together, the pieces are one designator, as "P-1s" is.
      const previous = words[words.length - 1];
      if (previous && values[i - 1] === '-' && spaces[i] === '' && spaces[i - 1] === '' && previous.end === start - 1 && designatorForm(`${previous.lower}-${lower}`) !== undefined) {
        previous.surface = text.slice(previous.start, start + value.length);
        previous.lower = folded.slice(previous.start, start + value.length).toLowerCase();
        previous.lemma = designatorForm(previous.lower)!;
        previous.end = start + value.length;
        previous.pos = 'PROPN';
        wordIndexOfToken.push(words.length - 1);
        return;
      }
      const tagged = possessive ? lower : (lemmas[i] ?? lower).toLowerCase();
      const lemma = designatorForm(lower) ?? (former > 0 ? tagged.replace(/^ex-/, '') : tagged);
      const pos = tags[i] ?? 'X';
      // "Own" is a stop word as in "its own", not as the verb ("51 percent owned by Tsubasa"), unless
      // hyphened into an adjective ("state-owned").
      const ownership = pos === 'VERB' && lemma === 'own' && !this.stopWords.has(lower) && text[start - 1] !== '-';
      const content = CONTENT_POS.has(pos) && !this.stopWords.has(lower) && (!this.stopWords.has(lemma) || ownership) && /[\p{L}\p{N}]/u.test(lower);
      wordIndexOfToken.push(words.length);
      words.push({ surface: text.slice(start, start + value.length), lower, lemma, pos, start, end: start + value.length, negated: negations[i] === true, content });
    });
    // "The report *names* the countries": a plural-looking noun between a noun and an article
    // is a verb in the present tense, which the tagger reads as a noun after a noun.
    words.forEach((word, i) => {
      const before = words[i - 1];
      if (word.pos === 'NOUN' && word.lower.endsWith('s') && word.lemma !== word.lower && ARTICLES.has(words[i + 1]?.lower ?? '') && (before?.pos === 'NOUN' || before?.pos === 'PROPN') && this.kinds.isVerb(word.lemma)) word.pos = 'VERB';
    });
    // "The packs would *count* as part of the vehicle and not *fall* under ...": a word in its
    // base form after a modal (and "not" or an adverb) is a verb, which the tagger reads as a noun
    // where it is one too. Not the subject of a question ("when will *work* begin"), which a
    // verb follows, nor a word after a modal that opens a question ("can *drones* fly").
    words.forEach((word, i) => {
      let modal = i - 1;
      while (modal > i - 3 && (words[modal]?.pos === 'ADV' || words[modal]?.pos === 'PART')) modal--;
      if (word.pos !== 'NOUN' || word.lemma !== word.lower || !MODALS.has(words[modal]?.lower ?? '') || modal === 0) return;
      if (words[i + 1]?.pos === 'VERB' || !this.kinds.isVerb(word.lemma)) return;
      word.pos = 'VERB';
    });
    // A verb and its particle that the dictionary has as one verb ("set aside", "shore up",
    // "hand over") mean what that verb means: "earmarked" is "set aside", not "set".
    words.forEach((word, i) => {
      const particle = words[i + 1];
      if (word.pos !== 'VERB' || !particle || !PARTICLE_POS.has(particle.pos)) return;
      const phrasal = `${word.lemma} ${particle.lower}`;
      if (!this.kinds.isPhrasalVerb(phrasal)) return;
      word.phrasal = phrasal;
      particle.content = false;
    });
    // Nor does a denial reach into the question it leaves open: "did not say whether Japan would
    // offer financing" denies nothing of the offer.
    let leftOpen = false;
    for (const word of words) {
      if (!word.negated) leftOpen = false;
      else if (OPEN_QUESTION.has(word.lower)) leftOpen = true;
      if (leftOpen) word.negated = false;
    }
    // The model's denial runs on to the end of the clause. It ends where "and" opens another
    // predicate with its own "to" or auxiliary ("not to pass them on *and to let* officials
    // inspect them", "will not sell the boats *and will* lease them"), and a "without" within it
    // denies the denial: "not to transfer them *without* Japan's consent" says consent is needed.
    // The denial before "without" may be the model's or not ("may not resell them without").
    const deniedBefore = (index: number) => {
      for (let k = index - 1; k >= 0 && !clauseBreakBefore(text, words, k + 1); k--) if (words[k]!.negated || NEGATORS.has(words[k]!.lower)) return true;
      return false;
    };
    let scope: 'open' | 'ended' | 'reversed' = 'open';
    words.forEach((word, i) => {
      if (word.lower === 'without' && deniedBefore(i)) scope = 'reversed';
      else if (!word.negated) scope = 'open';
      else if (scope !== 'open') word.negated = false;
      else if (word.lower === 'and' && opensPredicate(words, i + 1)) {
        scope = 'ended';
        word.negated = false;
      }
    });
    // The model's negation stops at an adverb: "has not yet chosen", "did not fully agree".
    words.forEach((word, i) => {
      if (!NEGATORS.has(word.lower)) return;
      let next = i + 1;
      while (words[next]?.pos === 'ADV' && next < i + 3) next++;
      if (next > i + 1 && words[next]?.pos === 'VERB') words[next]!.negated = true;
    });
    // "Neither side gave a price", "neither Tsurugi nor the agency would say how much": the verb
    // after "neither" is denied, which the model does not read.
    words.forEach((word, i) => {
      if (word.lower !== 'neither') return;
      const verb = words.slice(i + 1, i + NEITHER_REACH).find((other) => other.pos === 'VERB');
      if (verb) verb.negated = true;
    });
    // "Stopped developing", "ceased production": the activity after a verb of stopping is denied.
    words.forEach((word, i) => {
      const next = words[i + 1];
      // A verb after it must be a gerund ("stopped developing", not "stopped to develop").
      if (!CEASING.has(word.lemma) || word.pos !== 'VERB' || !next) return;
      if (next.pos === 'NOUN' || (next.pos === 'VERB' && next.lower.endsWith('ing'))) next.negated = !next.negated;
      // "Dropped its plan to open a support office": the office will not be opened.
      let noun = i + 1;
      while (noun < words.length && (words[noun]!.pos === 'DET' || words[noun]!.pos === 'PRON')) noun++;
      const action = words[noun + 2];
      if (INTENTION_NOUNS.has(words[noun]?.lemma ?? '') && words[noun + 1]?.lower === 'to' && action?.pos === 'VERB') action.negated = !action.negated;
    });
    // "Declined to say", "refused to sign", "failed to deliver": verbs that imply their complement
    // did not happen (negative implicatives, in natural logic) deny the verb after "to".
    words.forEach((word, i) => {
      const action = words[i + 2];
      if (word.pos === 'VERB' && NEGATIVE_IMPLICATIVES.has(word.lemma) && words[i + 1]?.lower === 'to' && action?.pos === 'VERB') action.negated = !action.negated;
    });
    // "Decided against joining", "voted against extending": a decision against an act denies it,
    // as "decided not to join" does.
    words.forEach((word, i) => {
      const action = words[i + 2];
      if (word.pos === 'VERB' && DECIDING.has(word.lemma) && words[i + 1]?.lower === 'against' && (action?.pos === 'VERB' || action?.pos === 'NOUN') && action.lower.endsWith('ing')) action.negated = !action.negated;
    });
    markReplaced(text, words);
    words.forEach((word, i) => {
      if (word.pos === 'NOUN' && words[i + 1]?.lower === 'of' && this.kinds.isPlacePart(word.lemma)) word.placePart = true;
    });
    // "Has said how much it will spend": a verb of telling that takes a question says that
    // something was made known, which is what the text states, though "say" is a stop word.
    // Denied ("did not say how much"), it states nothing to match; the judge reads the denial.
    words.forEach((word, i) => {
      if (word.pos === 'VERB' && !word.negated && TELLING.has(word.lemma) && OPEN_QUESTION.has(words[i + 1]?.lower ?? '')) word.content = true;
    });
    const entities: Entity[] = [];
    doc.entities().each((entity: { out: (f: unknown) => unknown }) => {
      const detail = entity.out(its.detail) as unknown as { type: string; value: string };
      const [firstToken, lastToken] = entity.out(its.span) as unknown as [number, number];
      const inside = wordIndexOfToken.slice(firstToken, lastToken + 1).filter((index) => index >= 0);
      const first = inside[0];
      const last = inside[inside.length - 1];
      if (first !== undefined && last !== undefined) entities.push({ type: detail.type, first, last, value: detail.value });
    });
    // A dateline ("JAKARTA, November 20, 2026 — ") says where and when the story was filed, not
    // what it reports: its words match nothing and give no date, place or name.
    const datelineEnd = DATELINE.exec(text)?.[0].length ?? 0;
    const inDateline = (span: { first: number }) => words[span.first]!.start < datelineEnd;
    if (datelineEnd > 0) for (const word of words) if (word.start < datelineEnd) word.content = false;
    const places = this.findPlaces(words).filter((place) => !inDateline(place));
    const quantities = findQuantities(text, words, splitDateSpans(text, words, entities)).filter((quantity) => !inDateline(quantity));
    for (const quantity of quantities) {
      // "1.95 billion dirhams": the model knows the common currencies, the dictionary the rest.
      if (quantity.kind === 'count' && quantity.units.length > 0 && this.kinds.currencyNamed(quantity.units[0]!) !== undefined) {
        quantity.kind = 'money';
        quantity.units = [];
        delete quantity.membersOf;
      }
      if (quantity.kind === 'money') {
        const currency = currencyOf(text, words, quantity, this.kinds);
        if (currency) quantity.currency = currency;
      }
    }
    return { text, words, quantities, places, names: findNames(text, words, places, quantities, this.kinds).filter((name) => !inDateline(name)) };
  }

  private findPlaces(words: Word[]): PlaceMention[] {
    const mentions: PlaceMention[] = [];
    // Each word is normalised once rather than once for every span it is in.
    const keys = words.map((word) => placeKey(word.surface));
    for (let i = 0; i < words.length; i++) {
      const spans = this.aliasSpansFrom(keys, i);
      const word = words[i]!;
      // "The Swedes", "the poles" as chat types it: a people the country data has no word for.
      const people = spans.length === 0 && word.pos !== 'VERB' ? this.places.peopleOf(word.surface) : undefined;
      if (people) mentions.push({ country: people, form: 'demonym', first: i, last: i, surface: word.surface });
      // The longest alias wins.
      for (let k = spans.length - 1; k >= 0; k--) {
        const { length, alias } = spans[k]!;
        const surface = words.slice(i, i + length).map((word) => word.surface).join(' ');
        // A country's code ("AUS", "aus" as chat types it) where it is no English word: not "AND" or "nor".
        if (alias.code && this.kinds.isEnglishWord(keys[i]!)) continue;
        // "US" and "UK" are names in capitals or with dots ("u.s."), or after "the" in chat typing.
        if (alias.needsCapitals && !alias.code && !(surface === surface.toUpperCase() || surface.includes('.') || words[i - 1]?.lower === 'the')) continue;
        if (inFeatureName(words, i, i + length - 1)) break;
        mentions.push({ country: alias.country, form: alias.form, first: i, last: i + length - 1, surface });
        i += length - 1;
        break;
      }
    }
    return mentions;
  }

  /**
   * The spans of words from `first` on that are place aliases, shortest first. A span's key is
   * its words' keys joined by single spaces (words whose key is empty left out), grown a word at
   * a time: most words begin no alias, so the scan stops at the first lookup.
   */
  private aliasSpansFrom(keys: readonly string[], first: number): { length: number; alias: PlaceAlias }[] {
    const spans: { length: number; alias: PlaceAlias }[] = [];
    let key = '';
    for (let length = 1; length <= Math.min(this.places.maxWords, keys.length - first); length++) {
      const next = keys[first + length - 1]!;
      if (next !== '') key = key === '' ? next : `${key} ${next}`;
      if (key === '') continue;
      if (!this.places.beginsAlias(key)) break;
      const alias = this.places.lookup(key);
      if (alias) spans.push({ length, alias });
    }
    return spans;
  }
}

/** Whether the words from `first` open a predicate of their own: "to let ...", "will lease ...", "has since asked ...". */
function opensPredicate(words: readonly Word[], first: number): boolean {
  let next = first;
  while (words[next] !== undefined && next < first + 3 && (words[next]!.lower === 'to' || words[next]!.pos === 'AUX' || words[next]!.pos === 'ADV' || words[next]!.pos === 'PART')) next++;
  return next > first && words[next]?.pos === 'VERB' && words.slice(first, next).some((word) => word.lower === 'to' || word.pos === 'AUX');
}

const COMPASS = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central']);
const FEATURES = new Set(['sea', 'ocean', 'strait', 'straits', 'gulf', 'bay', 'island', 'islands', 'peninsula', 'sea-lanes']);

/** A country's name inside a geographic name ("South China Sea", "Indian Ocean") is not the country. */
function inFeatureName(words: Word[], first: number, last: number): boolean {
  const capitalised = (word: Word | undefined) => word !== undefined && /^\p{Lu}/u.test(word.surface);
  const before = words[first - 1];
  const after = words[last + 1];
  return (capitalised(before) && COMPASS.has(before!.lower)) || (capitalised(after) && FEATURES.has(after!.lower));
}

/** The day of the month next to a month's name in a date: "September 19", "19 September". */
function dayOfMonth(span: readonly Word[]): number | undefined {
  const month = span.findIndex((word) => monthOf(word.lower) !== undefined);
  if (month === -1) return undefined;
  for (const word of [span[month + 1], span[month - 1]]) {
    if (word && /^\d{1,2}(st|nd|rd|th)?$/.test(word.lower)) {
      const day = parseInt(word.lower, 10);
      if (day >= 1 && day <= 31) return day;
    }
  }
  return undefined;
}

/**
 * "Delivered to Esquimalt instead of Halifax in Nova Scotia": what follows "instead of" or
 * "rather than", to the end of its clause, is what the rest replaces, not what the text states.
 */
function markReplaced(text: string, words: Word[]): void {
  for (let i = 0; i + 2 < words.length; i++) {
    const pair = `${words[i]!.lower} ${words[i + 1]!.lower}`;
    if (pair !== 'instead of' && pair !== 'rather than') continue;
    // "Instead of Vyškov in South Moravia, they will be handed over in Bechyně": the words hold
    // no punctuation, so the clause ends where the text between two words has some.
    for (let k = i + 2; k < words.length && (k === i + 2 || !clauseBreakBefore(text, words, k)) && !CLAUSE_OPENERS.has(words[k]!.lower); k++) words[k]!.replaced = true;
  }
}

/**
 * The word as written around a word of the analysis, which the tagger may have broken at a
 * letter it does not know: "Vyškov" for its piece "Vy". `to` is the last word of a span.
 */
export function writtenWord(text: string, word: Pick<Word, 'start' | 'end'>, to: Pick<Word, 'end'> = word): string {
  let start = word.start;
  let end = to.end;
  while (start > 0 && /\p{L}/u.test(text[start - 1]!)) start--;
  while (end < text.length && /\p{L}/u.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** Punctuation that ends a clause, between two words. */
const CLAUSE_BREAK = /[,;:.!?()\u2013\u2014]/;

/** Whether a clause ends before word `index`: the words hold no punctuation, the text between them may. */
export function clauseBreakBefore(text: string, words: readonly Word[], index: number): boolean {
  return CLAUSE_BREAK.test(text.slice(words[index - 1]!.end, words[index]!.start));
}
const CLAUSE_OPENERS: ReadonlySet<string> = new Set(['because', 'as', 'after', 'when', 'while', 'and', 'but', 'which', 'who', 'that', 'said', 'says']);

/**
 * "From April 28 to May 26", "between October 2036 and June 2038": the model reads a span of
 * dates as one date, whose month and day are the first end's. Each end that names a month or a
 * year is a date of its own, so "until June 26" is not said by "to May 26". An end of a day alone
 * ("May 3 to 9") stays with its month.
 */
function splitDateSpans(text: string, words: Word[], entities: Entity[]): Entity[] {
  const namesDate = (first: number, last: number) => words.slice(first, last + 1).some((word) => monthOf(word.lower) !== undefined || YEAR.test(word.lower));
  const part = (entity: Entity, first: number, last: number): Entity => ({ ...entity, first, last, value: text.slice(words[first]!.start, words[last]!.end) });
  return entities.flatMap((entity) => {
    if (!DATE_ENTITIES.has(entity.type)) return [entity];
    const opener = words[entity.first]!.lower;
    const start = opener === 'from' || opener === 'between' ? entity.first + 1 : entity.first;
    for (let joiner = start + 1; joiner < entity.last; joiner++) {
      const word = words[joiner]!.lower;
      if (!(SPAN_JOINERS.has(word) || (word === 'and' && opener === 'between'))) continue;
      if (namesDate(start, joiner - 1) && namesDate(joiner + 1, entity.last)) return [part(entity, start, joiner - 1), part(entity, joiner + 1, entity.last)];
    }
    return [entity];
  });
}

/**
 * "By October 15, 2035": the model may read a day and its year as a date and a year of their own;
 * together they are one date of that year. Only a year right after the day, or after its comma.
 */
function joinYears(text: string, words: Word[], quantities: Quantity[]): void {
  for (let i = quantities.length - 2; i >= 0; i--) {
    const [day, year] = [quantities[i]!, quantities[i + 1]!];
    if (day.kind !== 'date' || day.months === undefined || year.kind !== 'year' || year.months !== undefined) continue;
    const between = words.slice(day.last + 1, year.first);
    if (!(between.length === 0 || (between.length === 1 && between[0]!.lower === ','))) continue;
    quantities.splice(i, 2, { ...day, kind: 'year', value: year.value, surface: text.slice(words[day.first]!.start, words[year.last]!.end), last: year.last });
  }
}

const DATE_ENTITIES: ReadonlySet<string> = new Set(['DATE', 'DURATION', 'TIME']);
const SPAN_JOINERS: ReadonlySet<string> = new Set(['to', 'until', 'till', 'through', 'and']);

type Entity = { type: string; first: number; last: number; value: string };

function findQuantities(text: string, words: Word[], entities: Entity[]): Quantity[] {
  const quantities: Quantity[] = [];
  const covered = new Set<number>();
  for (const entity of entities) {
    const span = words.slice(entity.first, entity.last + 1);
    const numbers = span.map((word) => numberValue(word.lower)).filter((value): value is number => value !== undefined);
    const year = span.find((word) => YEAR.test(word.lower));
    for (let i = entity.first; i <= entity.last; i++) covered.add(i);
    // "Since 2003" or "since April" is a duration to the model, but its year or month is a date like any other.
    const month = span.some((word) => monthOf(word.lower) !== undefined);
    if (entity.type === 'DATE' || entity.type === 'TIME' || (entity.type === 'DURATION' && (year || month))) {
      // The model leaves a separate "mid" out of the date ("in mid 2027").
      const first = year && words[entity.first - 1]?.lower === 'mid' ? entity.first - 1 : entity.first;
      // A part of a year without its year ("the end of the year") is too vague to compare.
      const months = monthsOf(words.slice(first, entity.last + 1), year !== undefined);
      const surface = first < entity.first ? `mid ${entity.value}` : entity.value;
      const day = dayOfMonth(span);
      quantities.push({ kind: year ? 'year' : 'date', value: year ? Number(year.lower) : (numbers[0] ?? NaN), surface, first, last: entity.last, units: [], ...(months ? { months } : {}), ...(day ? { day } : {}) });
      continue;
    }
    if (numbers.length === 0) continue;
    const value = combinedValue(numbers);
    // A duration counts its own unit: "ten years (of spare parts)" answers "how many years".
    if (entity.type === 'DURATION') {
      quantities.push({ kind: 'count', value, surface: entity.value, first: entity.first, last: entity.last, units: span.filter((word) => word.pos === 'NOUN').map(countedLemma) });
      continue;
    }
    const kind: QuantityKind = entity.type === 'MONEY' ? 'money' : entity.type === 'PERCENT' ? 'percent' : YEAR.test(span[0]!.lower) ? 'year' : 'count';
    quantities.push({ kind, value, surface: entity.value, first: entity.first, last: entity.last, units: kind === 'count' ? countedThing(text, words, entity.last) : [] });
  }
  // Numbers the model did not mark ("double", a bare year) still count.
  words.forEach((word, i) => {
    if (covered.has(i)) return;
    // "Mid-2027" is one word to the tokenizer, and no date to the model.
    const partOfYear = /^(mid|early|late)-((?:19|20)\d{2})$/.exec(word.lower);
    if (partOfYear) {
      quantities.push({ kind: 'year', value: Number(partOfYear[2]), surface: word.surface, first: i, last: i, units: [], months: YEAR_PARTS[partOfYear[1]!] });
      return;
    }
    const value = numberValue(word.lower);
    if (value === undefined || word.pos === 'PROPN') return;
    const kind: QuantityKind = YEAR.test(word.lower) ? 'year' : 'count';
    quantities.push({ kind, value, surface: word.surface, first: i, last: i, units: kind === 'count' ? countedThing(text, words, i) : [] });
  });
  // "£24 million": a figure after a currency sign is a sum, though the model may read it as a count.
  for (const quantity of quantities) {
    if (quantity.kind === 'count' && currencySignBefore(text, words[quantity.first]!.start) !== undefined) {
      quantity.kind = 'money';
      quantity.units = [];
    }
    // The sign, a word of its own, is part of the figure, as the model makes "$" and "¥" but not
    // "£" or "€": the words before the figure are then those before its sign ("rises *from*
    // €162 million *to* €214 million").
    const sign = words[quantity.first - 1];
    if (quantity.kind === 'money' && sign && CURRENCY_SIGNS[sign.surface] !== undefined) {
      quantity.first -= 1;
      quantity.surface = `${sign.surface}${quantity.surface}`;
    }
  }
  // A share the model read as a count and an ordinal ("two", "thirds") replaces them.
  words.forEach((_, i) => {
    const share = shareOf(words, i);
    if (!share) return;
    const overlapping = quantities.filter((quantity) => quantity.first <= share.last && quantity.last >= share.first);
    if (overlapping.some((quantity) => quantity.kind !== 'count')) return;
    for (const quantity of overlapping) quantities.splice(quantities.indexOf(quantity), 1);
    quantities.push(share);
  });
  quantities.sort((a, b) => a.first - b.first);
  joinYears(text, words, quantities);
  for (const quantity of quantities) readShare(words, quantity);
  // "The number of Indonesian personnel ... has been raised to 90": a bare count counts what
  // "the number of" before it names.
  const numberOf = words.findIndex((_, i) => opensNumberOf(words, i));
  quantities.forEach((quantity, i) => {
    if (quantity.kind === 'count' && quantity.units.length === 0 && numberOf !== -1 && numberOf < quantity.first) quantity.units = countedThing(text, words, numberOf + 1);
    // "The shells will come from the 60,000 that Britain ordered": a bare count after "the"
    // counts the plural noun before it, when there is only one ("the countries the articles
    // name as among the 17" could count either).
    if (quantity.kind === 'count' && quantity.units.length === 0 && words[quantity.first - 1]?.lower === 'the') {
      const plurals = new Set(words.slice(0, quantity.first - 1).filter((word) => word.pos === 'NOUN' && word.lower !== word.lemma).map(countedLemma));
      if (plurals.size === 1) quantity.units = [...plurals];
    }
    // "A crew of 95", "a staff of 20": a bare count after "of" counts the noun before it.
    const group = words[quantity.first - 2];
    if (quantity.kind === 'count' && quantity.units.length === 0 && words[quantity.first - 1]?.lower === 'of' && group?.pos === 'NOUN') {
      quantity.units = [countedLemma(group)];
      quantity.membersOf = true;
    }
    // "45 staff", "300 personnel": more than one of a noun in the singular counts its members.
    const counted = words[quantity.last + 1];
    if (quantity.kind === 'count' && quantity.value > 1 && counted?.pos === 'NOUN' && counted.lower === counted.lemma && quantity.units.includes(countedLemma(counted))) quantity.membersOf = true;
    const before = words.slice(Math.max(0, quantity.first - 3), quantity.first).map((word) => word.lower).join(' ');
    // The words a figure's own span may open with ("about $2.5 billion") count as before it.
    const opening = words.slice(quantity.first, quantity.last + 1).findIndex((word) => numberValue(word.lower) !== undefined);
    const lead = `${before} ${words.slice(quantity.first, quantity.first + Math.max(0, opening)).map((word) => word.lower).join(' ')}`.trim();
    const bounding = BOUNDS.map(([pattern, bound, includes]) => ({ phrase: pattern.exec(lead)?.[0], bound, includes })).find(({ phrase }) => phrase !== undefined);
    // "More than 30 companies" bounds the figure; "more than the 150 billion" compares with an old
    // one. A count of other things before it is no old value: "a 24-metre wingspan and ... up to 30 hours".
    const countsAlike = (earlier: Quantity) => earlier.kind !== 'count' || earlier.units.length === 0 || quantity.units.length === 0 || earlier.units.some((unit) => quantity.units.includes(unit));
    if (bounding && !quantities.slice(0, i).some((earlier) => earlier.kind === quantity.kind && countsAlike(earlier))) {
      quantity.bound = bounding.bound;
      if (bounding.includes) quantity.boundIncludes = true;
      const phraseWords = bounding.phrase!.split(' ').length;
      const inside = Math.max(0, opening);
      quantity.boundFrom = quantity.first + inside - phraseWords;
    } else if (SUPERSEDED.test(before) || ORIGINAL_PLAN.test(planLead(words, quantity.first))) quantity.superseded = true;
    // "Raised to 90 from 60", "raise subsidies to 85 billion yen this year, from 60 billion yen",
    // "risen to 46 billion yen from the 38 billion yen announced":
    // the value after "from" is the old one when a value of its kind came after "to" before it.
    // ("From 2028 to 2031" is a range: there "from" comes first.)
    const from = words[quantity.first - (words[quantity.first - 1]?.pos === 'DET' ? 2 : 1)]?.lower === 'from';
    // "11 billion yen, up from 9 billion", "to 35 percent from 30": an old value leaves out the
    // unit of the new one it is compared with.
    const compared = from && quantity.kind === 'count' && quantity.units.length === 0 ? quantities.slice(0, i).reverse().find((earlier) => earlier.kind === 'money' || earlier.kind === 'percent') : undefined;
    if (compared) quantity.kind = compared.kind;
    const raisedTo = quantities.slice(0, i).some((earlier) => earlier.kind === quantity.kind && words[earlier.first - 1]?.lower === 'to');
    if (from && raisedTo) quantity.superseded = true;
  });
  // "Enlarged its order from six systems to eight", "from 26% to 27%": the value after "from" is
  // the old one when a value of its kind follows "to" right after it, and the new one counts what
  // the old one counted. Not a range ("ranging from 5 to 10"), nor years ("from 2028 to 2031").
  quantities.forEach((quantity, i) => {
    const next = quantities[i + 1];
    if (!next || !CHANGING_KINDS.has(quantity.kind) || next.kind !== quantity.kind || next.first - quantity.last > FROM_TO_GAP) return;
    const from = quantity.first - (words[quantity.first - 1]?.pos === 'DET' ? 2 : 1);
    if (words[from]?.lower !== 'from' || RANGE_OPENERS.has(words[from - 1]?.lower ?? '') || words[next.first - 1]?.lower !== 'to') return;
    quantity.superseded = true;
    if (next.units.length === 0) next.units = quantity.units;
  });
  for (const quantity of quantities) {
    const before = (back: number) => words[quantity.first - back]?.lower;
    const by = words[quantity.first]!.lower === 'by' || before(1) === 'by' || (before(1) === 'the' && before(2) === 'by');
    // "Made possible by the April 2026 rule change": a date that qualifies a noun is no deadline.
    const qualifies = ['NOUN', 'PROPN'].includes(words[quantity.last + 1]?.pos ?? '');
    if ((quantity.kind === 'year' || quantity.kind === 'date') && by && !qualifies) quantity.deadline = true;
  }
  return quantities.filter((quantity) => !isDesignator(words, quantity));
}

/**
 * A bare number that names rather than counts: after a capitalised name word ("Type 03",
 * "Article 9", "Project 17B") or written together with letters ("17B"). It is part of a name,
 * and comparing it with counts would find conflicts that are not there.
 */
function isDesignator(words: Word[], quantity: Quantity): boolean {
  if (quantity.kind !== 'count' || quantity.first !== quantity.last) return false;
  const word = words[quantity.first]!;
  const before = words[quantity.first - 1];
  const after = words[quantity.first + 1];
  // Only a space between: "Japan's three principles" counts principles.
  const namedBefore = before !== undefined && before.end + 1 === word.start && before.pos === 'PROPN' && /^\p{Lu}/u.test(before.surface);
  // A measure written onto its number ("30kw", "2km") is a figure all the same.
  const lettersAttached = after !== undefined && after.start === word.end && /^\p{L}/u.test(after.surface) && !MEASURE_ABBREVIATIONS.has(after.lower);
  return namedBefore || lettersAttached;
}

/** Words that open a question left open in a clause ("whether", "how much", "which"). */
export const OPEN_QUESTION: ReadonlySet<string> = new Set(['whether', 'if', 'how', 'what', 'which', 'who', 'whom', 'when', 'where', 'why']);

/** Parts of speech the particle of a phrasal verb is tagged with. */
const PARTICLE_POS = new Set(['ADP', 'PART', 'ADV']);

/** Words just before a figure that bound it instead of stating it. */
// The phrases that end in another's ("no more than", "no fewer than") come first.
const BOUNDS: readonly [RegExp, Bound, boolean][] = [
  [/(at least|no fewer than|no less than)$/, 'above', true],
  // "As long as thirty hours", "as many as 40", "as deep as 150 metres" give a maximum, as "up to" does.
  [/(at most|up to|no more than|as (?:long|many|much|high|far|deep|fast|large|big|heavy|wide) as)$/, 'below', true],
  [/(more than|over|above|beyond|upwards of|in excess of|exceeding|(?:greater|larger|bigger|higher|stronger|longer|heavier|more powerful) than)$/, 'above', false],
  [/(fewer than|less than|under|below|(?:smaller|lower|shorter|lighter|weaker|less powerful) than)$/, 'below', false],
  [/(about|around|roughly|approximately|nearly|almost|close to|some|an estimated)$/, 'near', false],
];

/** "Half a percent" is 0.5 percent, as the model already reads it ("half of the residents" is a share: shareOf). */
function readShare(words: Word[], quantity: Quantity): void {
  if (quantity.kind !== 'count' || quantity.value !== 0.5 || words[quantity.last]?.lower !== 'half') return;
  const next = words[quantity.last + 1]?.lower;
  if ((next !== 'a' && next !== 'an') || !/^per ?cent/.test(words[quantity.last + 2]?.lower ?? '')) return;
  quantity.last += 2;
  quantity.kind = 'percent';
  quantity.units = [];
}

/** Parts of a whole, by the word that names one. */
const FRACTIONS: Record<string, number> = { half: 1 / 2, third: 1 / 3, thirds: 1 / 3, quarter: 1 / 4, quarters: 1 / 4, fifth: 1 / 5, fifths: 1 / 5 };

/**
 * "Half of the residents", "a quarter of the cost", "two-thirds of eligible costs": a share, in
 * percent, ending at the word that names the part. "The third of the ships" and "the first
 * quarter of 2028" are no share; "half" needs no article.
 */
function shareOf(words: readonly Word[], index: number): Quantity | undefined {
  const fraction = FRACTIONS[words[index]?.lower ?? ''];
  if (fraction === undefined || words[index + 1]?.lower !== 'of') return undefined;
  const before = words[index - 1];
  const count = before ? numberValue(before.lower) : undefined;
  if (count === undefined && !['a', 'one'].includes(before?.lower ?? '') && words[index]!.lower !== 'half') return undefined;
  const first = count === undefined ? index : index - 1;
  const value = (count ?? 1) * fraction * 100;
  // A fraction is a round figure: "two-thirds" is said of 67 percent.
  return { kind: 'percent', value, surface: words.slice(first, index + 1).map((word) => word.surface).join(' '), first, last: index, units: [], bound: 'near' };
}

/** Whether "number of" begins at the word: "the number of personnel" counts personnel, as "how many" asks. */
export function opensNumberOf(words: readonly Word[], index: number): boolean {
  return words[index]?.lemma === 'number' && words[index + 1]?.lower === 'of';
}

/** Words before a value that mark it as the old one: "up from 150", "rather than three". */
const SUPERSEDED = /(up from|down from|rather than|instead of|than|compared with)( the)?$/;

/** A plan since changed, a few words before its value: "*originally* due in March 2038", "initially set at 40", "the *original* deal was worth". */
const ORIGINAL_PLAN = /\b(originally|initially|previously|formerly|original)\b/;

/** The four words before a value: "originally scheduled for delivery in". */
function planLead(words: readonly Word[], first: number): string {
  return words
    .slice(Math.max(0, first - 4), first)
    .map((word) => word.lower)
    .join(' ');
}

/** Kinds of figure a report changes from one value to another; years and dates make ranges. */
const CHANGING_KINDS: ReadonlySet<Quantity['kind']> = new Set(['count', 'money', 'percent']);

/** Words between the old value's end and the new one's start in "from six systems to eight": at most a unit and "to". */
const FROM_TO_GAP = 4;

/** Words before "from" that make "from ... to ..." a range of values, not a change. */
const RANGE_OPENERS: ReadonlySet<string> = new Set(['ranging', 'range', 'ranges', 'ranged', 'anywhere', 'varying', 'vary', 'varies', 'between']);

/** A word hyphened to the next is part of a modifier ("14 *on*-site checks"), whatever its part of speech. */
export function hyphenedToNext(text: string, words: readonly Word[], index: number): boolean {
  const next = words[index + 1];
  return next !== undefined && text.slice(words[index]!.end, next.start) === '-';
}

/** What a counted word counts: "320 people" are 320 persons (WordNet's "people" is a group). */
export function countedLemma(word: Pick<Word, 'lower' | 'lemma'>): string {
  return word.lower === 'people' ? 'person' : (MEASURE_ABBREVIATIONS.get(word.lower) ?? word.lemma);
}

/** Units of measure as chat and headlines shorten them ("a 30 kW laser", "2km"), by the word articles spell out. */
const MEASURE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['kw', 'kilowatt'],
  ['mw', 'megawatt'],
  ['km', 'kilometer'],
  ['kg', 'kilogram'],
]);

/** Two-word prepositions whose first word a tagger takes for a noun. */
const PREPOSITION_OPENERS = new Set(['thanks to', 'instead of', 'ahead of', 'because of', 'regardless of']);

/** Whether the word opens a preposition of two words ("*thanks* to"). */
export function opensPreposition(words: readonly Word[], index: number): boolean {
  return PREPOSITION_OPENERS.has(`${words[index]?.lower} ${words[index + 1]?.lower}`);
}

/** A common or proper noun: "the *real* cost" names no Brazilian currency. */
export function isNoun(word: Word): boolean {
  return word.pos === 'NOUN' || word.pos === 'PROPN';
}

/** Currencies by their sign; "A$" and "US$" are dollars too. */
const CURRENCY_SIGNS: Readonly<Record<string, string>> = { '£': 'pound', '€': 'euro', $: 'dollar', '¥': 'yen' };

/** A sum's currency: the sign before it ("£24 million") or the name in or just after it ("46.8 billion yen"). */
function currencyOf(text: string, words: readonly Word[], sum: Quantity, kinds: Pick<WordKinds, 'currencyNamed'>): string | undefined {
  // The sum holds its sign ("¥5.2 billion", "A$70 million", findQuantities); a sign before a count is not in it.
  const signed = /^(?:A|US|NZ|C|HK|S)?([£€$¥])/.exec(sum.surface)?.[1];
  const before = currencySignBefore(text, words[sum.first]!.start);
  const sign = signed ?? (before === undefined ? undefined : text[before]);
  if (sign !== undefined) return CURRENCY_SIGNS[sign];
  return words
    .slice(sum.first, sum.last + 2)
    .map((word) => (isNoun(word) ? kinds.currencyNamed(word.lemma) : undefined))
    .find((currency) => currency !== undefined);
}

/** Where the currency sign written before a figure starting at `start` stands ("£24 million"), if there is one. */
export function currencySignBefore(text: string, start: number): number | undefined {
  return /[£€$¥]\s*$/.exec(text.slice(0, start))?.index;
}

/** Phrases that give an amount by the unit or by the period. */
const RATE_PHRASES = ['each', 'per', 'apiece', 'annually', 'every year', 'a year', 'a month', 'yearly'];

/** Words that make a figure one per unit or per period: "a price for *each* shell", "how much *a year*". */
export const RATE_WORDS = new RegExp(`\\b(${RATE_PHRASES.join('|')})\\b`, 'i');

/** An amount given by the unit or by the year, within a few words after its figure ("1,500 drones a year", "$3 million each", "€2 million a piece"). */
const RATE_GIVEN = new RegExp(`\\b(${[...RATE_PHRASES, 'a piece', 'a unit'].join('|')})\\b`, 'i');

/** Words that put the thing after them by the unit, before a figure: "*each* shot costs", "*per* shell". */
export const UNIT_RATE: ReadonlySet<string> = new Set(['each', 'per', 'every']);

/** Whether the words just after a figure give it by the unit or by the period: "$3 million *each*". */
export function rateFollows(text: AnalyzedText, quantity: Quantity): boolean {
  const words = text.words;
  return RATE_GIVEN.test(text.text.slice(words[quantity.last]!.end, words[Math.min(words.length - 1, quantity.last + 4)]!.end));
}

/** Possessive pronouns, which open a partitive as a determiner does ("8,000 of its shells"). */
export const POSSESSIVES: ReadonlySet<string> = new Set(['its', 'their', 'his', 'her', 'our', 'your', 'my']);

/** The nouns of the phrase a number counts, within seven words after it. */
function countedThing(text: string, words: Word[], last: number): string[] {
  // A measure joined to its number counts that unit only: a "38-year-old ship" is one ship
  // of 38 years, a "4,500-tonne design" one design of 4,500 tonnes.
  if (hyphenedToNext(text, words, last)) return [countedLemma(words[last + 1]!)];
  const nouns: string[] = [];
  let calibre = -1;
  for (const [k, word] of words.slice(last + 1, last + 8).entries()) {
    if (last + 1 + k === calibre) continue;
    // "Eight of the boats" counts boats: a determiner after "of" is part of the phrase.
    const afterOf = words[last + k]!.lower === 'of';
    if (hyphenedToNext(text, words, last + 1 + k)) continue;
    // A calibre or size written onto its unit ("155mm artillery shells") qualifies the thing
    // counted: neither the figure nor its unit is counted.
    if (word.pos === 'NUM' && words[last + 2 + k] && text.slice(word.end, words[last + 2 + k]!.start) === '') {
      calibre = last + 2 + k;
      continue;
    }
    // "A crew of 95 *thanks to* automation": a preposition of two words ends the phrase.
    if (opensPreposition(words, last + 1 + k)) break;
    if (word.pos === 'NOUN' || word.pos === 'PROPN') nouns.push(countedLemma(word));
    else if (word.pos !== 'ADJ' && word.pos !== 'VERB' && !(word.pos === 'ADP' && word.lower === 'of') && !((word.pos === 'DET' || POSSESSIVES.has(word.lower)) && afterOf)) break;
    else if (word.pos === 'VERB' && nouns.length > 0) break;
  }
  return nouns;
}

/**
 * Names: runs of capitalised proper nouns that are not places, from the first word that is not
 * an ordinary English word ("Prime Minister Fumio Kishida" -> "Fumio Kishida"; "Komeito"), and
 * runs of ordinary words that end in a noun for an organisation ("Development Bank").
 */
function findNames(
  text: string,
  words: Word[],
  places: PlaceMention[],
  quantities: Quantity[],
  { isOrdinaryWord, isOrganizationNoun, isPersonNoun }: Pick<WordKinds, 'isOrdinaryWord' | 'isOrganizationNoun' | 'isPersonNoun'>,
): NameSpan[] {
  const inPlace = new Set(places.flatMap((place) => Array.from({ length: place.last - place.first + 1 }, (_, k) => place.first + k)));
  const spans: NameSpan[] = [];
  let current: number[] = [];
  const surfaceOf = (run: number[]) => run.map((i) => words[i]!.surface).join(' ');
  // An ordinary word written alone with a capital inside a sentence ("a project named Amber",
  // "12 Amber boats") or as the possessor opening one ("Amber's cost") is a name given to
  // something; a title ("the Minister") or a body ("the Navy") standing alone is not, nor a day
  // or month ("on Friday"), nor a word of a longer name, joined by "of" ("Ministry of Defence")
  // or beside a country's ("the Royal Malaysian Navy").
  const inQuantity = (i: number) => quantities.some((quantity) => quantity.first <= i && i <= quantity.last);
  const opensSentence = (i: number) => /(^|[.!?]["”’]?\s)["“]?\s*$/u.test(text.slice(0, words[i]!.start));
  const capitalisedAt = (i: number) => /^\p{Lu}/u.test(words[i]?.surface ?? '');
  const joinedByOf = (i: number) => (words[i - 1]?.lower === 'of' && capitalisedAt(i - 2)) || (words[i + 1]?.lower === 'of' && capitalisedAt(i + 2));
  // Only a word right beside it, a space between, is part of its name: "Poland's Amber" is not.
  const spaceBetween = (a: number, b: number) => words[a] !== undefined && words[b] !== undefined && /^\s+$/.test(text.slice(words[a]!.end, words[b]!.start));
  const besideCapital = (i: number) => (capitalisedAt(i - 1) && !opensSentence(i - 1) && spaceBetween(i - 1, i)) || (capitalisedAt(i + 1) && spaceBetween(i, i + 1));
  const coinedName = (i: number) => {
    const word = words[i]!;
    if (inQuantity(i) || joinedByOf(i) || besideCapital(i)) return false;
    const possessive = /^['’]s\b/.test(text.slice(word.end));
    return word.pos === 'PROPN' && (!opensSentence(i) || possessive) && !isPersonNoun(word.lemma) && !isOrganizationNoun(word.lemma);
  };
  const flush = () => {
    const start = current.length === 1 && coinedName(current[0]!) ? 0 : current.findIndex((i) => !isOrdinaryWord(words[i]!.lower));
    if (start !== -1) {
      const run = current.slice(start);
      const model = run.some((i) => designatorForm(words[i]!.lower) !== undefined);
      spans.push({ first: run[0]!, last: run[run.length - 1]!, surface: surfaceOf(run), ...(model ? { model } : {}) });
    } else if (current.length >= 2 && isOrganizationNoun(words[current[current.length - 1]!]!.lemma)) {
      spans.push({ first: current[0]!, last: current[current.length - 1]!, surface: surfaceOf(current), organization: true });
    } else if (current.length >= 2 && FEATURES.has(words[current[current.length - 1]!]!.lower)) {
      // "The Baltic Sea", "the Red Sea": ordinary words capitalised before "Sea", "Strait" or "Ocean" name one.
      spans.push({ first: current[0]!, last: current[current.length - 1]!, surface: surfaceOf(current) });
    }
    current = [];
  };
  words.forEach((word, i) => {
    // A model designator names its model however it is capitalised ("P-1", "HS-45").
    const capitalised = (/^\p{Lu}/u.test(word.surface) && (word.surface !== word.surface.toUpperCase() || designatorForm(word.lower) !== undefined)) || /^\p{Lu}{2,}$/u.test(word.surface);
    // An adjective opens or continues a name when a capitalised word follows: "the *Liberal
    // Democratic* Party" (the tagger's adjectives), not "the *Japanese* government".
    const nameAdjective = word.pos === 'ADJ' && i > 0 && !opensSentence(i) && capitalisedAt(i + 1) && spaceBetween(i, i + 1) && ['NOUN', 'PROPN', 'ADJ'].includes(words[i + 1]!.pos);
    // A comma or a bracket ends a name: "the Barents Sea, ATLA said" names two things.
    const previous = current[current.length - 1];
    if (previous !== undefined && /[,;:()]/.test(text.slice(words[previous]!.end, word.start))) flush();
    if (capitalised && (word.pos === 'PROPN' || (i > 0 && word.pos === 'NOUN') || nameAdjective) && !inPlace.has(i)) current.push(i);
    else flush();
  });
  flush();
  return spans;
}
