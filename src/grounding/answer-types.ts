// Whether a sentence carries the kind of detail a question part asks for, beyond what the
// question itself says ("when" wants a date the question does not give), and the words that
// carry it, for a short direct lead ("By 2035.").
import { publicationParts } from '../corpus/metadata.js';
import { alignedSentenceWords, MATCHED, type Judgement } from './judge.js';
import { WORD_PREFIXES, type Lexicon } from './lexicon/lexicon.js';
import { EARLIER, typeOfNoun, type QuestionPart } from './question.js';
import { clauseBreakBefore, countedLemma, currencySignBefore, GENERIC_COUNTERS, hyphenedToNext, isNoun, NEGATORS, OPEN_QUESTION, opensPreposition, POSSESSIVES, rateFollows, RATE_WORDS, REPORTING_VERBS, TELLING, UNIT_RATE, type AnalyzedText, type NameSpan, type Quantity, type Word } from './text-analysis.js';
import { ALIGNMENT_STRENGTH, ANSWERING } from './tuning.js';

export interface DetailFound {
  /** The words of the sentence that give the detail; empty for types without one (why, yes/no). */
  lead: string;
  /** The detail stands near words the question matches ("deployed by 2035"), not elsewhere in the sentence. */
  near: boolean;
}

/** Words that open or close a span of time: "since 2003" says how long, "in July" says when. */
const SPAN_START_OR_END = new Set(['since', 'until', 'till', 'through']);

/** Prepositions before the name of a place. */
const LOCATING = new Set(['in', 'at', 'near']);

const QUOTE_MARKS = /["“”]/;

/** Types the answer cannot do without: a "when" question is not answered without a date. */
export function isStrict(type: QuestionPart['type']): boolean {
  return type !== 'any' && type !== 'reason' && type !== 'yesno';
}

/**
 * Where a date lies against its article's publication date ("2024-03"): wholly before it
 * (what the article reports as past), wholly after it (what it expects), or neither. A date
 * without a year is taken in the article's year.
 */
function sideOfPublication(date: Quantity, published: string | undefined): 'before' | 'after' | undefined {
  const dateYear = date.kind === 'year' ? date.value : date.impliedYear;
  if (!published || dateYear === undefined || Number.isNaN(dateYear)) return undefined;
  const { year, month } = publicationParts(published);
  if (dateYear !== year) return dateYear < year ? 'before' : 'after';
  if (month === undefined || date.months === undefined) return undefined;
  return date.months[1] < month ? 'before' : date.months[0] > month ? 'after' : undefined;
}

export function findDetail(part: QuestionPart, sentence: AnalyzedText, judgement: Judgement, lexicon: Lexicon, published?: string): DetailFound | undefined {
  // The noun asked about says what the answer is: what it matches ("Tuesday, October 12" for
  // "what *day*") can be the answer, not something the question already names.
  const asked = (entry: Judgement['alignment'][number]) => part.head !== undefined && entry.unit.words.some((index) => part.hypothesis.analysis.words[index] === part.head);
  const aligned = alignedSentenceWords(judgement.alignment.filter((entry) => !asked(entry)));
  // A detail the sentence denies ("will no longer go to *Sattahip*") answers no question that
  // denies nothing.
  const questionDenies = part.hypothesis.analysis.words.some((word) => word.negated);
  const denied = (item: { first: number }) => !questionDenies && sentence.words[item.first]?.negated === true;
  const fresh = <T extends { first: number }>(items: T[]) => items.filter((item) => !aligned.includes(item.first) && !denied(item));
  // Nor is a country the question names, however the sentence names it again ("DUBAI ... The
  // United Arab Emirates" for "who maintains the uae c-2s").
  // Read only by the questions for a person or a place.
  const freshPlaces = () => fresh(sentence.places).filter((place) => !part.hypothesis.analysis.places.some((asked) => asked.country === place.country));
  // A name the question already names, in part ("Kawasaki P-1" for "the p-1"), is no new detail;
  // a word of it merely related to one of the question's ("Security" for "conflict") does not name it.
  const named = judgement.alignment.filter((entry) => entry.strength >= MATCHED && !asked(entry)).flatMap((entry) => entry.sentenceWords);
  // A model's name ("F-35") answers no question of who or where.
  const freshNames = (names: NameSpan[]) => names.filter((name) => !name.model && !aligned.includes(name.first) && !denied(name) && !named.some((index) => index >= name.first && index <= name.last));
  const near = (item: { first: number }) => aligned.some((index) => Math.abs(index - item.first) <= ANSWERING.detailDistance);
  const found = (item: { first: number; surface: string } | undefined, lead = item?.surface ?? '') => (item ? { lead, near: near(item) } : undefined);
  // A weekday or "the same day" says less than a date that names its month or year: "on Tuesday,
  // June 9" answers "when" with June 9.
  const informative = (candidate: Quantity) => candidate.kind !== 'date' || candidate.months !== undefined || !Number.isNaN(candidate.value);
  const quantity = (kinds: Quantity['kind'][], counted = false, accepts: (candidate: Quantity) => boolean = () => true) => {
    // A date without a number ("since April") still answers "when"; other quantities need a value.
    const found = fresh(sentence.quantities).filter((candidate) => kinds.includes(candidate.kind) && (!Number.isNaN(candidate.value) || candidate.kind === 'date') && (!counted || countsHead(candidate, part, lexicon)) && accepts(candidate) && (!part.asksRate || givesRate(candidate)));
    // "The last hospital, originally due in November 2039, is now scheduled for July 2040": a value
    // the sentence gives as replaced answers only a question about the plan before.
    const current = found.filter((candidate) => !candidate.superseded);
    const candidates = current.length > 0 && !EARLIER.test(part.hypothesis.analysis.text) ? current : found;
    const chosen = candidates.find((candidate) => near(candidate) && informative(candidate)) ?? candidates.find(near) ?? candidates.find(informative) ?? candidates[0];
    if (!chosen) return undefined;
    // "96 billion yen, or about $640 million": the sum in another currency restates the first,
    // which leads, unless the question asks for a currency.
    const best = part.type === 'money' && currencyAsked(part, lexicon) ? chosen : (restated(chosen) ?? chosen);
    // A weekday alone ("on Thursday") dates the news, not what a question asks the date of: it
    // ranks as a detail far from the question's words, and is no direct answer to "when" (the
    // sentence is quoted without a lead).
    if (part.type === 'date' && !informative(best) && part.head?.lemma !== 'day') return { lead: '', near: false };
    // "Up to 1,500 drones a year" is a rate: no near answer to how many were ordered.
    return { lead: leadOf(sentence, best), near: near(best) && informative(best) && (part.asksRate === true || !givesRate(best)) };
  };
  // "How much does each radar cost", "how much a year": a rate, which a total does not give.
  // "$3 million *each*" after the figure, or "*Each shot* costs about 100 yen" before it, when the
  // thing priced by the unit is one the question names ("one shot of the hotaru", not "each system").
  const givesRate = (quantity: Quantity) =>
    rateFollows(sentence, quantity) ||
    sentence.words.slice(Math.max(0, quantity.first - RATE_REACH), quantity.first).some((word, k, before) => UNIT_RATE.has(word.lower) && aligned.includes(quantity.first - before.length + k + 1));
  const restated = (quantity: Quantity) => {
    if (quantity.kind !== 'money') return undefined;
    const before = sentence.quantities.find((other) => other.kind === 'money' && other.last < quantity.first && quantity.first - other.last <= 3);
    const between = before ? sentence.words.slice(before.last + 1, quantity.first).map((word) => word.lower) : [];
    return before && between.includes('or') ? before : undefined;
  };
  const nearest = <T extends { first: number }>(items: T[]) => items.find(near) ?? items[0];
  switch (part.type) {
    case 'date':
      // "When will the jets enter service" is not answered by "in December 2022" of an article of
      // 2024, nor by a weekday alone ("said on Tuesday"); "when did the radar start operating" is
      // not answered by the "second half of 2030" an article of 2029 expects.
      return quantity(['year', 'date'], false, (candidate) => {
        // "On what *date*" asks for one in the calendar: "on Thursday" is none.
        if (part.head?.lemma === 'date' && !informative(candidate)) return false;
        const side = sideOfPublication(candidate, published);
        return part.asksWhen === 'ahead' ? side !== 'before' && informative(candidate) : part.asksWhen === 'past' ? side !== 'after' : true;
      });
    case 'duration':
      // "For 20 years", or failing that a date it runs since or until ("since 1967"); any other
      // date ("in July") says when, not how long.
      return (
        quantity(['count'], false, (candidate) => candidate.units.some((unit) => lexicon.wordnet.isKindOf(unit, 'time period'))) ??
        quantity(['year', 'date'], false, (candidate) => [candidate.first - 1, candidate.first].some((i) => SPAN_START_OR_END.has(sentence.words[i]?.lower ?? '')))
      );
    case 'count':
      return quantity(['count'], true) ?? (part.head ? undefined : quantity(['percent']));
    case 'amount': {
      // "How long is the boat" is answered by a length ("14-metre"), "how heavy" by a weight.
      const measuredIn = part.measuredIn;
      // The kinds of unit are in order of preference: "how long is the ship" is more likely its length than a time.
      if (measuredIn) {
        for (const kind of measuredIn) {
          const measure = quantity(['count'], false, (candidate) => measuredInKind(sentence, candidate, kind, lexicon));
          if (measure) return measure;
        }
        // A company's age is told by the year it was founded ("founded in 1958").
        return measuredIn.includes('age') ? quantity(['year'], false, (candidate) => sentence.words.slice(Math.max(0, candidate.first - 3), candidate.first).some((word) => FOUNDED.has(word.lemma))) : undefined;
      }
      // "How much" is not answered by a length of time ("seven years of maintenance"); "how long"
      // asks for one. Nor by a number of people or things ("about 1,900 people"), which "how many"
      // asks for: a count answers it only in a unit of measure ("30 tonnes"). A size ("how large
      // is the group") may be a count.
      const much = part.hypothesis.analysis.words.some((word) => word.lower === 'much');
      return quantity(
        ['money', 'percent', 'count'],
        false,
        (candidate) =>
          !candidate.units.some((unit) => lexicon.wordnet.isKindOf(unit, 'time period')) &&
          (!much || candidate.kind !== 'count' || candidate.units.length === 0 || candidate.units.some((unit) => lexicon.wordnet.isKindOf(unit, 'unit of measurement'))),
      );
    }
    case 'money': {
      // "In pounds?": a sum in the currency asked, however the sentence writes it ("£245 million").
      const currency = currencyAsked(part, lexicon);
      return currency ? quantity(['money'], false, (candidate) => candidate.currency === currency) : quantity(['money']);
    }
    case 'percent':
      return quantity(['percent']);
    case 'person': {
      // A name the sentence places something at ("the cable stations at Sines") is no one.
      const placedAt = (name: NameSpan) => LOCATING.has(sentence.words[name.first - 1]?.lower ?? '');
      if (part.role) {
        // The one holding the role asked about, closest to its title: a person, or an
        // organisation ("the first customers").
        const titles = roleWordPositions(part, sentence, lexicon);
        const people = sentence.names.filter((name) => looksLikePerson(sentence, name, lexicon));
        const holders = freshNames(sentence.names)
          .map((name) => ({ name, distance: roleDistance(part, sentence, name, titles, people, lexicon) }))
          .filter((holder) => holder.distance <= ANSWERING.detailDistance * part.role!.length)
          .sort((a, b) => a.distance - b.distance)
          .map((holder) => holder.name);
        return found(holders.find((name) => looksLikePerson(sentence, name, lexicon)) ?? holders.find((name) => !placedAt(name)));
      }
      // "Who" is best answered by a person, then an organisation, then a country named as one
      // ("U.S.", "Tokyo"), and only then an adjective of nationality ("the Japanese government").
      const names = freshNames(sentence.names);
      const places = freshPlaces();
      const countries = places.filter((place) => place.form !== 'demonym');
      const person = nearest(names.filter((name) => looksLikePerson(sentence, name, lexicon)));
      if (person) return found(person);
      // Anyone else still answers, but ranks as a detail far from the question's words: "who
      // signed the contract" is better answered by the ambassador than by the company.
      // An ordinary word written as a name ("the Minister of Economy, *Trade* and Industry") names
      // no one on its own: it is no lead, though the sentence may still say who.
      const named = names.filter((name) => (name.first !== name.last || !lexicon.isOrdinaryWord(sentence.words[name.first]!.lower)) && !placedAt(name));
      const other = found(nearest(named) ?? nearest(countries) ?? nearest(places)) ?? (names.length > 0 ? { lead: '', near: false } : undefined);
      return other && { ...other, near: false };
    }
    case 'organization': {
      // "Fumio Kishida" is a person, not a company: two or more words, none of them ordinary.
      // A name that ends on a word for another kind of body ("the Security *Committee*") is no
      // "party" asked for.
      const head = part.head;
      const anotherKind = (name: NameSpan) => {
        const last = sentence.words[name.last]!;
        if (!head || !lexicon.isOrdinaryWord(last.lower) || !lexicon.wordnet.isKindOf(last.lemma, 'organization')) return false;
        const match = lexicon.match(head, last);
        return match === undefined || match.kind === 'opposite' || match.strength < ALIGNMENT_STRENGTH.narrower;
      };
      return found(nearest(freshNames(sentence.names).filter((name) => !looksLikePerson(sentence, name, lexicon) && !anotherKind(name))));
    }
    case 'place': {
      // "Where" is answered by a place: one after "in", "at" or "near" first ("a factory in
      // Komaki"), then a country, then any name; an adjective of nationality ("Japanese") is none.
      // "Stored at the Adazi military base": a determiner may stand between.
      const locatedAt = (first: number) => LOCATING.has(sentence.words[first - (sentence.words[first - 1]?.pos === 'DET' ? 2 : 1)]?.lower ?? '');
      const located = <T extends { first: number }>(items: T[]) => items.filter((item) => locatedAt(item.first));
      // To "where", a country that owns or makes the thing ("Japan's Chu-SAM", "buy three
      // aircraft from Japan") says whose it is, not where it goes.
      const owner = (place: { first: number; last: number }) =>
        !part.head && (/^['’]s\b/.test(sentence.text.slice(sentence.words[place.last]!.end)) || ['from', 'by'].includes(sentence.words[place.first - 1]?.lower ?? ''));
      const places = freshPlaces().filter((place) => place.form !== 'demonym' && !owner(place));
      // "Which countries" wants a country, not any name ("the Cabinet Secretariat").
      // Nor does the maker or doer of something ("made *by* Mitsubishi Electric") say where.
      // Nor is a person or a body ("the Japanese Communist Party") a place.
      const names =
        part.head && lexicon.wordnet.isKindOf(part.head.lemma, 'country')
          ? []
          : freshNames(sentence.names).filter((name) => sentence.words[name.first - 1]?.lower !== 'by' && !looksLikePerson(sentence, name, lexicon) && !lexicon.wordnet.isKindOf(sentence.words[name.last]!.lemma, 'social group'));
      const atPlace = found(nearest([...located(places), ...located(names)].sort((a, b) => a.first - b.first)));
      if (atPlace) return atPlace;
      // A place not said to be where anything is ("Britain had asked") answers only as a detail far from the question.
      const other = found(nearest(places) ?? nearest(names));
      return other && { ...other, near: false };
    }
    case 'statement':
      // What someone said is reported ("said", "told") or quoted.
      return sentence.words.some((word) => REPORTING_VERBS.has(word.lemma) || QUOTE_MARKS.test(word.surface)) ? { lead: '', near: true } : undefined;
    default:
      return { lead: '', near: true };
  }
}

/** How far before a figure a word that puts the thing after it by the unit (UNIT_RATE) may stand. */
const RATE_REACH = 4;

/** A question of manner: "how is ...", "how will they ...", not "how much" or "how long". */
const MANNER_QUESTION = /^\s*how\s+(?:is|are|was|were|will|would|do|does|did|can|could|should)\b/i;

/** Verbs by which a text says a detail is (not) known: "did not say how much", "has not decided which". */
const DISCLOSING: ReadonlySet<string> = new Set([...TELLING, 'decide', 'know', 'determine', 'choose', 'select']);
/**
 * Verbs that give a detail only as their object: "declined to *put a value* on the request".
 * Nothing else they take is withheld ("radars, which the navy did not put into service").
 */
const VALUING: ReadonlySet<string> = new Set(['put']);
// The question word follows the verb within this many words ("did not say *exactly* how much"),
// and the withheld clause after it is read this far.
const WITHHELD_REACH = 3;
// "Which he did not name": the "which" a denied verb takes back stands this far before it.
const RELATIVE_REACH = 5;
const WITHHELD_CLAUSE = 8;

/** The question words by which a sentence names the detail each type asks for. */
const WITHHELD_WORDS: Partial<Record<QuestionPart['type'], string[]>> = {
  money: ['how much'],
  amount: ['how much', 'how many'],
  count: ['how many'],
  date: ['when'],
  duration: ['how long', 'when'],
  place: ['where'],
  person: ['who', 'which', 'what'],
  organization: ['who', 'which', 'what'],
  yesno: ['whether', 'if'],
  any: ['which', 'what', 'how much', 'how many'],
};

/**
 * Whether the sentence says that the detail the part asks for has not been given or decided:
 * "did not say how much it had requested" for "how big a loan", "has still not decided what
 * anti-ship missiles it will fit" for "which anti-ship missiles". After "which" or "what" the
 * noun asked about must follow; after any other question word, a word of the question.
 */
export function withholdsDetail(part: QuestionPart, sentence: AnalyzedText, lexicon: Lexicon): boolean {
  // "Which air base": a place built for a purpose, which "did not say where" withholds.
  const site = part.type === 'any' && part.head !== undefined && ['facility', 'structure'].some((kind) => lexicon.wordnet.isKindOf(part.head!.lemma, kind));
  // "How is the work split": a question of manner, which "did not say how the work would be divided" withholds.
  const manner = part.type === 'any' && MANNER_QUESTION.test(part.text) ? ['how'] : [];
  const asked = site ? [...WITHHELD_WORDS.any!, 'where'] : [...(WITHHELD_WORDS[part.type] ?? []), ...manner];
  if (asked.length === 0) return false;
  const words = sentence.words;
  return words.some((word, i) => {
    const valuing = VALUING.has(word.lemma);
    if (!DISCLOSING.has(word.lemma) && !valuing) return false;
    // The denial governs the verb: "did not say", "declined to say", "neither side would say",
    // "neither the company nor officials said" (the analysis marks these); not a "not" of another
    // clause ("it has not stopped," said Tanabe).
    const denied =
      word.negated ||
      (NEGATORS.has(words[i - 1]?.lower ?? '') || (NEGATORS.has(words[i - 2]?.lower ?? '') && ['AUX', 'ADV', 'PART'].includes(words[i - 1]!.pos))) ||
      (['decline', 'refuse'].includes(words[i - 2]?.lemma ?? '') && words[i - 1]?.lower === 'to');
    if (!denied) return false;
    const head = part.head;
    const means = (wanted: Word, word: Word, least: number = ALIGNMENT_STRENGTH.narrower) => word.lemma === wanted.lemma || (lexicon.match(wanted, word)?.strength ?? 0) >= least;
    const namesHead = (from: number, to: number) => head !== undefined && words.slice(from, to).some((after) => means(head, after));
    // What is withheld must be what the question is about: "did not say how much *it had
    // requested*" withholds the loan asked for, not the size of a fund.
    const questionWords = part.hypothesis.units.flatMap((unit) => unit.words.map((index) => part.hypothesis.analysis.words[index]!)).filter((word) => word.content);
    const questionWordsIn = (from: number) => {
      const clause = clauseFrom(sentence, from).filter((word) => word.content);
      return questionWords.filter((wanted) => clause.some((word) => means(wanted, word, ALIGNMENT_STRENGTH.broader))).length;
    };
    const speaksOfQuestion = (from: number) => questionWordsIn(from) > 0;
    // "Two other aircraft, one American and one European, which he did not name": the thing
    // asked about, before a "which" that the denied verb takes back.
    const relativeFrom = Math.max(0, i - RELATIVE_REACH);
    const relative = words.slice(relativeFrom, i).findIndex((before) => before.lower === 'which');
    if (relative !== -1 && head && asksForHead(part) && !valuing) {
      const at = relativeFrom + relative;
      if (words.slice(Math.max(0, at - WITHHELD_CLAUSE), at).some((before) => means(head, before, ALIGNMENT_STRENGTH.broader))) return true;
    }
    // "Declined to give a price for each shell", "did not name the maker": the noun the denied
    // verb takes is the detail withheld, when it is the kind of detail asked for (a price for
    // "how much"), the noun asked about, or, after "name", what the question speaks of.
    const object = detailedNoun(words, objectNoun(words, i));
    if (object !== undefined) {
      const noun = words[object]!;
      const ofKind = DETAIL_NOUNS[part.type]?.includes(noun.lemma) === true;
      // Naming a thing withholds which it is, not how many or how much: "does not name the
      // countries" leaves the number of refusals said.
      const asksWhich = IDENTITY_TYPES.has(part.type);
      const isHead = asksWhich && head !== undefined && means(head, noun);
      const named = asksWhich && NAMING.has(word.lemma) && questionWords.some((wanted) => means(wanted, noun, ALIGNMENT_STRENGTH.broader));
      const headless = part.type === 'any' && head === undefined && questionWords.some((wanted) => means(wanted, noun));
      // "Who makes the tyres": "declined to name *the company* that will supply the tyres" names no one.
      const who = (part.type === 'person' || part.type === 'organization') && NAMING.has(word.lemma) && ['person', 'organization'].includes(typeOfNoun(noun, lexicon) ?? '');
      // "A price for each radar" is not the value of the whole contract, nor the reverse.
      const sameRate = RATE_WORDS.test(clauseFrom(sentence, object + 1).map((word) => word.lower).join(' ')) === RATE_WORDS.test(part.text);
      if (valuing) return ofKind && sameRate && speaksOfQuestion(object + 1);
      if ((ofKind || isHead || named || headless || who) && sameRate && speaksOfQuestion(object + 1)) return true;
      if ((isHead || named) && speaksOfQuestion(object)) return true;
    }
    if (valuing) return false;
    const phraseAt = (j: number) => asked.find((wh) => wh === words.slice(j, j + wh.split(' ').length).map((w) => w.lower).join(' '));
    for (let j = i + 1; j <= i + WITHHELD_REACH && j < words.length; j++) {
      const phrase = phraseAt(j);
      if (!phrase) continue;
      const after = j + phrase.split(' ').length;
      // "Would not say how many *missiles*" withholds a count of missiles, not of years.
      if (phrase === 'how many' && head && words[after]?.pos === 'NOUN') return namesHead(after, after + 1);
      if ((phrase === 'which' || phrase === 'what') && asksForHead(part)) return namesHead(after, after + 4);
      return speaksOfQuestion(after);
    }
    // "Declined to say how much it had been paid ..., or whether it owes a penalty": a question
    // joined to the one the denied verb takes is withheld too. Far from the verb, it must speak
    // of two things the question does ("owes" and "penalty"; "the checks" alone are no "consent condition").
    if (!words.slice(i + 1, i + 1 + WITHHELD_REACH).some((after) => OPEN_QUESTION.has(after.lower))) return false;
    for (let j = i + WITHHELD_REACH + 1; j < words.length; j++) {
      const phrase = JOINING.has(words[j - 1]!.lower) ? phraseAt(j) : undefined;
      if (!phrase) continue;
      // The two may be split between the clauses: "how much certifying the winches will cost *or
      // which side will pay* for it" withholds who pays for certifying them.
      const joined = questionWordsIn(j + phrase.split(' ').length);
      return joined >= 2 || (joined >= 1 && questionWordsIn(i + 1) >= 2);
    }
    return false;
  });
}

/** Types that ask which thing or who: what a sentence withholds by not naming it. */
const IDENTITY_TYPES: ReadonlySet<QuestionPart['type']> = new Set(['person', 'organization', 'place', 'any']);

/** Verbs whose object is itself what is withheld: "did not name the maker". */
const NAMING: ReadonlySet<string> = new Set(['name', 'identify']);

/** Nouns by which a sentence names the detail each type asks for: "declined to give a *price*". */
const DETAIL_NOUNS: Partial<Record<QuestionPart['type'], string[]>> = {
  money: ['price', 'cost', 'value', 'figure', 'sum', 'amount'],
  amount: ['figure', 'number', 'amount', 'size', 'value'],
  count: ['number', 'figure', 'count'],
  date: ['date', 'schedule', 'timetable'],
  place: ['location', 'place', 'site'],
  person: ['name'],
  organization: ['name'],
};

/** The withheld clause read from `from`: up to its punctuation, at most WITHHELD_CLAUSE words. */
function clauseFrom(sentence: AnalyzedText, from: number): Word[] {
  const words = sentence.words;
  const clause: Word[] = [];
  for (let k = from; k < words.length && clause.length < WITHHELD_CLAUSE && (k === from || !clauseBreakBefore(sentence.text, words, k)); k++) clause.push(words[k]!);
  return clause;
}

/** The noun a verb takes as its object, past a determiner and qualifiers: "give *a* precise *price*", "an estimated *value*". */
function objectNoun(words: readonly Word[], verb: number): number | undefined {
  for (let k = verb + 1; k <= verb + WITHHELD_REACH + 1 && k < words.length; k++) {
    const word = words[k]!;
    if (word.pos === 'NOUN') return k;
    // A participle after the determiner qualifies the noun as an adjective does: "an *estimated* value".
    const participle = word.pos === 'VERB' && word.lower.endsWith('ed') && words[k - 1]?.pos === 'DET';
    if (!participle && !['DET', 'ADJ', 'NUM'].includes(word.pos) && !POSSESSIVES.has(word.lower)) return undefined;
  }
  return undefined;
}

/** Words that join a second question to the first a verb takes ("how much ..., or whether ..."). */
const JOINING: ReadonlySet<string> = new Set(['or', 'and']);

/** Nouns for particulars of something, which is what they withhold: "declined to give *details* of penalties". */
const PARTICULARS: ReadonlySet<string> = new Set(['detail', 'information', 'particular', 'breakdown', 'term']);

/** The noun whose particulars the object gives ("details of *penalties*"), or the object itself. */
function detailedNoun(words: readonly Word[], object: number | undefined): number | undefined {
  if (object === undefined || !PARTICULARS.has(words[object]!.lemma) || !['of', 'on', 'about'].includes(words[object + 1]?.lower ?? '')) return object;
  return objectNoun(words, object + 1) ?? object;
}

/** "Which *radar*", "what anti-ship *missiles*": the question word opens the phrase of the noun asked about. */
export function asksForHead(part: QuestionPart): boolean {
  const words = part.hypothesis.analysis.words;
  for (let i = words.findIndex((word) => word === part.head) - 1; i >= 0; i--) {
    if (words[i]!.lower === 'which' || words[i]!.lower === 'what') return true;
    // Qualifiers may stand between: "which anti-ship missiles", "which american and european
    // planes"; so may a copula: "what were the two other systems".
    const copula = words[i]!.lemma === 'be' && words[i]!.pos === 'AUX';
    if (!['ADJ', 'NOUN', 'PROPN', 'CCONJ', 'DET', 'NUM'].includes(words[i]!.pos) && !copula) return false;
  }
  return false;
}

function looksLikePerson(sentence: AnalyzedText, name: { first: number; last: number }, lexicon: Lexicon): boolean {
  const words = sentence.words.slice(name.first, name.last + 1);
  return words.length >= 2 && words.every((word) => !lexicon.isOrdinaryWord(word.lower));
}

/** For each role word, the sentence words that mean it (the same word, a synonym, a narrower one). */
function roleWordPositions(part: QuestionPart, sentence: AnalyzedText, lexicon: Lexicon): number[][] {
  return part.role!.map((index) => {
    const roleWord = part.hypothesis.analysis.words[index]!;
    // "CEO" is "chief executive (officer)": the first two words of what its letters stand for.
    const spelledOut = lexicon.spelledOut(roleWord.lower).map((phrase) => phrase.slice(0, 2));
    const opensSpelledOut = (i: number) => spelledOut.some((phrase) => phrase.every((wanted, k) => sentence.words[i + k]?.lemma === wanted));
    return sentence.words.flatMap((word, i) => {
      if (opensSpelledOut(i)) return [i, i + 1];
      if (i > 0 && opensSpelledOut(i - 1)) return [];
      // "Undersecretary", "vicepresident": a prefix written into the title makes another office too.
      if (word.lower.endsWith(roleWord.lower) && WORD_PREFIXES.has(word.lower.slice(0, -roleWord.lower.length))) return [];
      const match = lexicon.match(roleWord, word);
      return match && match.kind !== 'opposite' && match.strength >= ALIGNMENT_STRENGTH.narrower ? [i] : [];
    });
  });
}

/**
 * How far the name stands from the role asked about: for each role word, the nearest sentence
 * word that means it, summed ("Prime Minister Sanae Takaichi" is far from "foreign"; "Foreign
 * Minister Takeshi Iwaya" is not).
 * Titles stand next to names: "Defence Minister Gen Nakatani", "Giulia Ferraro, chief executive of".
 */
function roleDistance(part: QuestionPart, sentence: AnalyzedText, name: NameSpan, titles: number[][], holders: readonly NameSpan[], lexicon: Lexicon): number {
  // A title before the name binds closer than an apposition after it.
  const distanceTo = (i: number, to: NameSpan) => (i < to.first ? to.first - i : i > to.last ? i - to.last + 1 : 0);
  // A title word nearer another name is that one's title: in "its permanent secretary, Kristjan
  // Tamm, Poland's deputy defence minister, Agnieszka Wróblewska" the minister is not Tamm.
  // Only a person holds a title: in "Masahiro Kurata, the Japanese Communist Party lawmaker" the
  // lawmaker is Kurata.
  const othersTitle = (i: number, distance: number) => holders.some((other) => other !== name && distanceTo(i, other) < distance);
  let total = 0;
  let titleStart = name.first;
  let titleEnd = -1;
  for (const positions of titles) {
    let nearestWord = Infinity;
    let nearestIndex = name.first;
    for (const i of positions) {
      const distance = distanceTo(i, name);
      if (distance < nearestWord && !othersTitle(i, distance)) [nearestWord, nearestIndex] = [distance, i];
    }
    total += nearestWord;
    titleStart = Math.min(titleStart, nearestIndex);
    titleEnd = Math.max(titleEnd, nearestIndex);
  }
  // "Deputy Defence Minister Arief Wibisono" is not the defence minister.
  const asked = new Set(part.hypothesis.analysis.words.map((word) => word.lower));
  const title = sentence.words.slice(Math.max(0, titleStart - 1), name.first);
  if (title.some((word) => RANK_MODIFIERS.has(word.lower) && !asked.has(word.lower))) return Infinity;
  // Nor is "chief executive of Aurelia Sistemi" the chief executive "of the joint venture": when
  // both say what the office is of, the sentence must name the question's thing.
  const questionWords = part.hypothesis.analysis.words;
  const askedOf = nounPhraseAfterOf(questionWords, part.role![part.role!.length - 1]! + 1);
  // The title runs on over the words that spell it out ("chief executive" for "CEO").
  while (titles.some((positions) => positions.includes(titleEnd + 1))) titleEnd++;
  const statedOf = nounPhraseAfterOf(sentence.words, titleEnd + 1);
  if (askedOf.length > 0 && statedOf.length > 0) {
    const head = questionWords[askedOf.filter((index) => ['NOUN', 'PROPN'].includes(questionWords[index]!.pos)).pop() ?? askedOf[askedOf.length - 1]!]!;
    const named = statedOf.some((index) => {
      const word = sentence.words[index]!;
      return word.lemma === head.lemma || (lexicon.match(head, word)?.strength ?? 0) >= ALIGNMENT_STRENGTH.narrower;
    });
    if (!named) return Infinity;
  }
  return total;
}

/** The words of the noun phrase after an "of" at `at` ("of the Tsubasa-Aurelia joint venture"), or none. */
function nounPhraseAfterOf(words: readonly Word[], at: number): number[] {
  if (words[at]?.lower !== 'of') return [];
  const phrase: number[] = [];
  for (let i = at + 1; i < words.length && ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(words[i]!.pos); i++) phrase.push(i);
  return phrase;
}

/** Words that make a title another office than the one they qualify. */
const RANK_MODIFIERS = new Set(['deputy', 'vice', 'former', 'acting', 'assistant', 'ex', 'junior', 'senior', 'parliamentary', 'interim']);

/**
 * "How many ships" wants a number of ships, or of a kind of ship (frigates, warships): not any
 * number, nor a number of something broader ("four launcher vehicles" counts no missiles).
 */
function countsHead(quantity: Quantity, part: QuestionPart, lexicon: Lexicon): boolean {
  const head = part.head;
  if (!head) return true;
  // "How many workers" is answered by a number of people, "people" being counted as persons.
  const counted = countedLemma(head);
  const countsPeople = lexicon.wordnet.isKindOf(counted, 'person');
  // "How many aerostats": a plural the dictionary lacks (the tagger leaves it as it is) names
  // equipment as often as not, which "11 systems" counts as it counts lasers. A name is seldom in
  // the plural ("sanuki").
  const unlistedThings = /[^s]s$/.test(head.lower) && !lexicon.wordnet.has(counted) && !lexicon.wordnet.has(head.lower.slice(0, -1));
  const counter = quantity.units[quantity.units.length - 1];
  return quantity.units.some((unit) => {
    // "How many sailors" is answered by "a crew of 95": the size of a group of people counts its
    // members. Only the noun counted does: "10 *unmanned* patrol aircraft" count no crew.
    if (countsPeople && unit === counter && lexicon.countsPeopleIn(quantity, unit)) return true;
    if (lexicon.countsAny(counted, unit) || (unlistedThings && GENERIC_COUNTERS.has(unit))) return true;
    const match = lexicon.match({ lower: head.lower, lemma: counted }, { lower: unit, lemma: unit });
    return match !== undefined && match.kind !== 'opposite' && match.strength >= ALIGNMENT_STRENGTH.narrower;
  });
}

/** The currency a question asks a sum in ("value of the order *in pounds*?"), as sums carry it (Quantity.currency). */
function currencyAsked(part: QuestionPart, lexicon: Lexicon): string | undefined {
  return part.hypothesis.analysis.words.map((word) => (isNoun(word) ? lexicon.currencyNamed(word.lemma) : undefined)).find((currency) => currency !== undefined);
}

/** The quantity with the words it counts: "11 upgraded Mogami-class frigates". */
function leadOf(sentence: AnalyzedText, quantity: Quantity): string {
  let last = quantity.last;
  if (quantity.kind === 'count') {
    for (let i = quantity.last + 1; i < Math.min(sentence.words.length, quantity.last + 6); i++) {
      const word = sentence.words[i]!;
      // Punctuation ends the phrase: "about 3,400 people, most of them in Kure".
      if (/[,;:()\u2013\u2014]/.test(sentence.text.slice(sentence.words[i - 1]!.end, word.start))) break;
      if (hyphenedToNext(sentence.text, sentence.words, i)) continue;
      if (!['NOUN', 'PROPN', 'ADJ', 'VERB'].includes(word.pos) || (word.pos === 'VERB' && i > quantity.last + 1) || opensPreposition(sentence.words, i)) break;
      last = i;
    }
  }
  // A currency sign before the figure is part of it: "£24 million".
  const start = sentence.words[quantity.first]!.start;
  return sentence.text.slice(currencySignBefore(sentence.text, start) ?? start, sentence.words[last]!.end);
}

/** Units of speed written as one word. */
const SPEED_UNITS: ReadonlySet<string> = new Set(['knot', 'mph', 'kph', 'mach']);

/**
 * Whether a figure's units are of the kind: a WordNet kind ("linear unit"), or "speed", a
 * distance over a time ("890 km/h", "996 kilometres per hour", "20 knots").
 */
function measuredInKind(sentence: AnalyzedText, figure: Quantity, kind: string, lexicon: Lexicon): boolean {
  const units = figure.units.map((unit) => unit.replace(/\W+$/, ''));
  const distance = units.some((unit) => lexicon.wordnet.isKindOf(unit, 'linear unit'));
  const after = sentence.words.slice(figure.last + 1, figure.last + 5).map((word) => word.lower).join(' ');
  const speed = units.some((unit) => SPEED_UNITS.has(unit)) || (distance && (units.some((unit) => ['h', 'hr', 'hour'].includes(unit)) || /\b(per|an|a) hour\b/.test(after)));
  // "996 kilometres per hour" is a speed, no distance; "128 metres long" a size, no range.
  if (kind === 'speed') return speed;
  if (kind === 'age') return statedAsAge(sentence, figure);
  if (kind === 'distance') return distance && !speed && !sentence.words.slice(figure.first, figure.last + 4).some((word) => DIMENSIONS.has(word.lower));
  return !speed && units.some((unit) => lexicon.wordnet.isKindOf(unit, kind));
}

/** Verbs that date the start of a company or body: "founded in 1958", "established in 1972". */
const FOUNDED: ReadonlySet<string> = new Set(['found', 'establish', 'form', 'create', 'incorporate']);

/**
 * An age: "the 44-year-old engineer", "61 years old", or a bare number set off by commas after
 * a name ("Maruyama, 71, said"). Not any count of years ("spare parts for three years").
 */
function statedAsAge(sentence: AnalyzedText, figure: Quantity): boolean {
  const through = sentence.words[Math.min(figure.last + 2, sentence.words.length - 1)]!.end;
  if (/\byears?[- ]old\b/.test(sentence.text.slice(sentence.words[figure.first]!.start, through))) return true;
  const before = sentence.words[figure.first - 1];
  const after = sentence.words[figure.last + 1];
  if (figure.units.length > 0 || !before || !after || before.pos !== 'PROPN') return false;
  const gap = (from: number, to: number) => sentence.text.slice(from, to).trim();
  return gap(before.end, sentence.words[figure.first]!.start) === ',' && gap(sentence.words[figure.last]!.end, after.start) === ',';
}

/** Adjectives after a length that make it a size of a thing ("128 metres long"). */
const DIMENSIONS: ReadonlySet<string> = new Set(['long', 'tall', 'wide', 'high', 'deep', 'thick', 'across']);
