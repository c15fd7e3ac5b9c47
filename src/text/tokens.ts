// Word tokens, stop words and stems shared by the lexical index, the embedder and the answerer,
// so every part of the pipeline agrees on what a "word" is.
import { stemmer } from 'stemmer';
import { BoundedCache } from '../util/bounded-cache.js';

export interface Token {
  /** Lower-cased surface form with curly apostrophes normalised. */
  word: string;
  start: number;
  end: number;
}

// Hyphenated compounds split into their parts ("non-combat" -> non, combat), as BM25 does; a
// model designator ("P-1", "F-35s") stays one word.
const WORD = /\p{L}{1,4}-\d{1,3}[a-rt-z]?(?:['’]?s)?(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;
const DESIGNATOR = /^(\p{L}{1,4})-?(\d{1,3}[a-rt-z]?)(?:'?s)?$/u;

/**
 * A model designator is one word however it is typed: "P-1", "p1" and "p-1s" are "p1", "HS-45"
 * is "hs45" (letters, an optional hyphen, digits, a plural "s"). Undefined for other words.
 */
export function designatorForm(lower: string): string | undefined {
  const match = DESIGNATOR.exec(lower);
  return match ? `${match[1]}${match[2]}` : undefined;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = match[0].toLowerCase().replace(/’/g, "'");
    const designator = designatorForm(word);
    if (designator) {
      tokens.push({ word: designator, start: match.index, end: match.index + match[0].length });
      continue;
    }
    let end = match.index + match[0].length;
    // "Japan's" -> "japan": the possessive carries no meaning for matching.
    if (word.endsWith("'s")) {
      word = word.slice(0, -2);
      end -= 2;
    }
    tokens.push({ word, start: match.index, end });
  }
  return tokens;
}

// "According", "behalf": the nouns of prepositions made of several words ("according to", "on
// behalf of"), which say no more than "by" or "for".
// The last two lines are chat register: contractions, greetings and interjections that carry no
// content, so "lol" is not repaired to "local" nor "gonna" taken for a term the articles lack.
export const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself his
  how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you your yours yourself
  yourselves s t said says say tell told did does do done ever still yet may might must shall upon per via whose whether
  according among amid behalf
  gonna wanna gotta lemme kinda sorta dunno lol lmao haha hehe pls plz thx thanks ty btw imo imho tbh idk ok okay hi hello hey
  yeah yep nope r u ur ya`
    .split(/\s+/)
    .filter(Boolean),
);

/** Question words and phrasing that say what kind of answer is wanted, not what it is about. */
export const QUESTION_WORDS = new Set(
  ('what which who whom whose when where why how many much long often kind kinds type types happen happened does do did is are was were can could will would please explain describe list name give ' +
    // Words about the articles themselves rather than their subject.
    'article articles coverage mention mentioned mentions report reported reports according brief named say says said tell').split(
    ' ',
  ),
);

// The Porter stemmer is regex-heavy and the same words recur in every request.
const stems = new BoundedCache<string, string>(100_000);

export function stem(word: string): string {
  return /^\d/.test(word) ? word : stems.getOrCompute(word, () => stemmer(word));
}

/** Content words of a text: tokens that are neither stop words nor punctuation-like. */
export function contentTokens(text: string): Token[] {
  return tokenize(text).filter((token) => !STOP_WORDS.has(token.word) && token.word.length > 1);
}

export function contentStems(text: string): string[] {
  return contentTokens(text).map((token) => stem(token.word));
}

/** The text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The text with each letter that carries a mark replaced by its base letter ("ț" by "t", "š" by
 * "s"), one character for one, so offsets into it are offsets into the text.
 */
export function foldMarks(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let folded = '';
  for (const character of text) {
    const base = character.normalize('NFD').replace(/\p{M}/gu, '');
    folded += base.length === character.length ? base : character;
  }
  return folded;
}
