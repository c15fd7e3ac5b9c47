// Countries with every name a reader may use for them: common and official names, alternate
// spellings, demonyms and capitals from the world-countries package, widened with the names
// WordNet lists for the same country ("America", "the States"). A capital stands for its
// government ("Tokyo plans ...", "Washington welcomed ..."): metonymy as a rule over the data.
import { createRequire } from 'node:module';
import { BoundedCache } from '../../util/bounded-cache.js';
import type { WordNet } from './wordnet.js';

const require = createRequire(import.meta.url);

/** Senses of a people-noun read for a demonym among its synonyms. */
const PEOPLE_SENSES = 5;

/** People-nouns whose country is remembered. */
const PEOPLE_KEPT = 2_000;

interface CountryRecord {
  cca2: string;
  cca3: string;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { m: string; f: string } };
  unMember?: boolean;
}

export type PlaceForm = 'name' | 'demonym' | 'capital';

export interface PlaceAlias {
  /** ISO 3166 alpha-3 code of the country. */
  country: string;
  form: PlaceForm;
  /** Short codes such as "US" or "UK" are names only when written in capitals or with dots. */
  needsCapitals: boolean;
  /** The country's ISO 3166 code ("AUS", "NZ"), which chat types in lower case too. */
  code?: true;
}

/** The key under which an alias is stored: lower case, dots and apostrophes removed, single spaces. */
export function placeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export class Places {
  private readonly aliases = new Map<string, PlaceAlias>();
  /** Every alias's key and the keys of its first words ("united", "united states"). */
  private readonly aliasStarts = new Set<string>();
  /** Longest alias in words, to bound the n-gram scan. */
  readonly maxWords: number;

  /** Countries' common names and demonyms in lower case, for people-nouns (peopleOf). */
  private readonly countryWords: { word: string; country: string; unMember: boolean }[] = [];
  // Every plural word a request holds is looked up: bounded, as requests are.
  private readonly peopleCache = new BoundedCache<string, string | null>(PEOPLE_KEPT);

  constructor(
    countries: readonly CountryRecord[],
    private readonly wordnet: WordNet,
  ) {
    let maxWords = 1;
    const ordinaryWord = (spelling: string) => wordnet.isOnlyCommonWord(spelling.toLowerCase()) && !wordnet.isKindOf(spelling.toLowerCase(), 'person');
    const add = (surface: string, country: string, form: PlaceForm, code = false) => {
      const key = placeKey(surface);
      if (key.length < 2 || /^\d/.test(key)) return;
      // The first claim on an alias wins ("Georgia" the country, not a later match), except that
      // a demonym gives way to a name or capital spelt the same.
      const claimed = this.aliases.get(key);
      if (claimed && (claimed.form !== 'demonym' || form === 'demonym')) return;
      this.aliases.set(key, { country, form, needsCapitals: key.length <= 3 && !key.includes(' '), ...(code ? { code: true as const } : {}) });
      const words = key.split(' ');
      maxWords = Math.max(maxWords, words.length);
      for (let length = 1; length <= words.length; length++) this.aliasStarts.add(words.slice(0, length).join(' '));
    };
    for (const record of countries) {
      add(record.name.common, record.cca3, 'name');
      add(record.name.official, record.cca3, 'name');
      // Two- and three-letter codes ("PM", "IT") collide with ordinary words; the short forms
      // people write for a country ("US", "UK") come from WordNet below.
      // Nor do spellings that are ordinary English words ("Island" for Iceland, "Reunion"): they
      // would make Easter Island Icelandic. A people-noun ("Saudi", "Thai") still names its country.
      for (const spelling of record.altSpellings) if (spelling.length > 3 && !ordinaryWord(spelling)) add(spelling, record.cca3, 'name');
      for (const synonym of wordnet.firstSenseSynonyms(record.name.common.toLowerCase())) add(synonym, record.cca3, 'name');
    }
    // Codes last: a name or demonym spelt the same keeps its claim.
    for (const record of countries) add(record.cca3, record.cca3, 'name', true);
    for (const record of countries) add(record.cca2, record.cca3, 'name', true);
    // A demonym several places share ("Indian": India and the British Indian Ocean Territory,
    // "Norwegian": Norway and Svalbard) means the sovereign state: UN members claim theirs first.
    const sovereignFirst = [...countries].sort((a, b) => Number(b.unMember ?? false) - Number(a.unMember ?? false));
    for (const record of sovereignFirst) {
      const demonym = record.demonyms?.eng;
      for (const form of new Set(demonym ? [demonym.m, demonym.f] : [])) {
        add(form, record.cca3, 'demonym');
        // The people: "the Americans", "Australians"; "Japanese", "British" and "French" stay as they are.
        if (!/(s|sh|ch|ese|x|z)$/i.test(form)) add(`${form}s`, record.cca3, 'demonym');
      }
      for (const capital of record.capital ?? []) {
        add(capital, record.cca3, 'capital');
        // "Washington D.C." is "Washington" in the news.
        const bare = capital.replace(/,.*$|\s+[A-Z]\.[A-Z]\.$/, '');
        if (bare !== capital) add(bare, record.cca3, 'capital');
      }
    }
    this.maxWords = maxWords;
    for (const record of countries) {
      const words = [record.name.common, record.demonyms?.eng?.m].filter((word): word is string => word !== undefined);
      for (const word of words) this.countryWords.push({ word: word.toLowerCase(), country: record.cca3, unMember: record.unMember ?? false });
    }
  }

  /**
   * The country of a people-noun the data gives no demonym for: one WordNet gives the demonym as a
   * synonym of ("Aussie": Australian), or, in the plural, "Swedes", "Finns", "Danes", "Poles",
   * "Brits". It must be a kind of inhabitant in WordNet. A plural's stem must then begin one
   * country's name or demonym ("swed" Sweden, "dan" Danish), or one UN member's where other places
   * share it ("brit": British, not the British Indian Ocean Territory); none where two states do
   * ("turk": Turkey and Turkmenistan).
   */
  peopleOf(word: string): string | undefined {
    const lower = word.toLowerCase();
    if (lower.length < 4) return undefined;
    let known = this.peopleCache.get(lower);
    if (known === undefined) this.peopleCache.set(lower, (known = this.findPeople(lower) ?? null));
    return known ?? undefined;
  }

  private findPeople(lower: string): string | undefined {
    const plural = lower.endsWith('s') && lower.length >= 5;
    const singular = plural ? lower.slice(0, -1) : lower;
    if (!this.wordnet.isKindOf(singular, 'inhabitant')) return undefined;
    for (const synonym of this.wordnet.firstSenseSynonyms(singular)) {
      const alias = this.aliases.get(placeKey(synonym));
      if (alias?.form === 'demonym') return alias.country;
    }
    // "Kiwi" is a fruit and a bird first, and a New Zealander only in a later sense.
    const synonyms = [...this.wordnet.related(singular, PEOPLE_SENSES)].filter(([, relation]) => relation === 'synonym').map(([lemma]) => lemma);
    const demonymsOf = new Set(synonyms.map((synonym) => this.aliases.get(placeKey(synonym))).flatMap((alias) => (alias?.form === 'demonym' ? [alias.country] : [])));
    if (demonymsOf.size === 1) return [...demonymsOf][0];
    if (!plural) return undefined;
    const stem = singular.replace(/e$/, '');
    if (stem.length < 3) return undefined;
    const matches = this.countryWords.filter((entry) => entry.word.startsWith(stem));
    const members = matches.some((entry) => entry.unMember) ? matches.filter((entry) => entry.unMember) : matches;
    const countries = new Set(members.map((entry) => entry.country));
    return countries.size === 1 ? [...countries][0] : undefined;
  }

  lookup(key: string): PlaceAlias | undefined {
    return this.aliases.get(key);
  }

  /** Whether some alias begins with these whole words: if not, no longer span starting so is one either. */
  beginsAlias(key: string): boolean {
    return this.aliasStarts.has(key);
  }
}

export function loadPlaces(wordnet: WordNet): Places {
  return new Places(require('world-countries') as CountryRecord[], wordnet);
}
