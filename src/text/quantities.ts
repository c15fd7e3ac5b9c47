// Numbers in text with what they count: "11 upgraded Mogami-class frigates" -> 11, [upgrad, mogami, class, frigat].
import { stem, tokenize, STOP_WORDS } from './tokens.js';

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, double: 2, twice: 2, triple: 3, quadruple: 4, half: 0.5,
};

export interface Quantity {
  value: number;
  surface: string;
  /** Stems of the content words right after the number: what it counts. */
  units: string[];
  /** The same words unstemmed, for comparing meanings. */
  unitWords: string[];
  year: boolean;
}

export function quantities(text: string): Quantity[] {
  const tokens = tokenize(text);
  const found: Quantity[] = [];
  tokens.forEach((token, i) => {
    const digits = token.word.replace(/,/g, '');
    const value = /^\d+(\.\d+)?$/.test(digits) ? Number(digits) : NUMBER_WORDS[token.word];
    if (value === undefined) return;
    const year = /^(19|20)\d{2}$/.test(digits);
    const unitWords = tokens
      .slice(i + 1, i + 5)
      .map((next) => next.word)
      .filter((word) => !STOP_WORDS.has(word) && !/^\d/.test(word));
    found.push({ value, surface: text.slice(token.start, token.end), units: unitWords.map(stem), unitWords, year });
  });
  return found;
}
