// The value of a number written in digits or in words ("11", "1,500", "seventeen", "double").
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000, million: 1e6, billion: 1e9,
  trillion: 1e12, dozen: 12, double: 2, twice: 2, triple: 3, quadruple: 4, half: 0.5, a: NaN,
};

export function numberValue(word: string): number | undefined {
  const digits = word.replace(/[,$¥€£]/g, '');
  if (/^\d+(\.\d+)?$/.test(digits)) return Number(digits);
  // Own keys only: "constructor" or "toString" is no number word.
  const value = Object.hasOwn(UNITS, word) ? UNITS[word] : undefined;
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/** The place an ordinal names: "4th" and "fourth" are 4. */
export function ordinalValue(word: string): number | undefined {
  const digits = /^(\d+)(st|nd|rd|th)$/.exec(word);
  if (digits) return Number(digits[1]);
  const index = ORDINAL_WORDS.indexOf(word);
  return index === -1 ? undefined : index + 1;
}

/**
 * The value of the numbers of one written figure, in order: "two hundred" (200), "twenty five",
 * "two thousand five hundred", "1.5 billion". A number that does not continue the figure ("5 and
 * 10") ends it.
 */
export function combinedValue(numbers: readonly number[]): number {
  let total = 0;
  let current = 0;
  let previous: number | undefined;
  for (const number of numbers) {
    if (previous === undefined) current = number;
    else if (number === 100 && current > 0 && current < 100) current *= 100;
    else if (number >= 1000) {
      total += (current || 1) * number;
      current = 0;
    } else if (previous === 100 || previous >= 1000 || (previous >= 20 && previous < 100 && previous % 10 === 0 && number < 10)) current += number;
    else break;
    previous = number;
  }
  return total + current;
}
