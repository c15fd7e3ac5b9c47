// Countries with every name a reader may use for them: common and official names, alternate
// spellings, demonyms and capitals from the world-countries package, widened with the names
// WordNet lists for the same country ("America", "the States"). A capital stands for its
// government ("Tokyo plans ...", "Washington welcomed ..."): metonymy as a rule over the data.
import { createRequire } from 'node:module';
import type { WordNet } from './wordnet.js';

const require = createRequire(import.meta.url);

interface CountryRecord {
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

  constructor(countries: readonly CountryRecord[], wordnet: WordNet) {
    let maxWords = 1;
    const add = (surface: string, country: string, form: PlaceForm) => {
      const key = placeKey(surface);
      if (key.length < 2 || /^\d/.test(key)) return;
      // The first claim on an alias wins ("Georgia" the country, not a later match), except that
      // a demonym gives way to a name or capital spelt the same.
      const claimed = this.aliases.get(key);
      if (claimed && (claimed.form !== 'demonym' || form === 'demonym')) return;
      this.aliases.set(key, { country, form, needsCapitals: key.length <= 3 && !key.includes(' ') });
      const words = key.split(' ');
      maxWords = Math.max(maxWords, words.length);
      for (let length = 1; length <= words.length; length++) this.aliasStarts.add(words.slice(0, length).join(' '));
    };
    for (const record of countries) {
      add(record.name.common, record.cca3, 'name');
      add(record.name.official, record.cca3, 'name');
      // Two- and three-letter codes ("PM", "IT") collide with ordinary words; the short forms
      // people write for a country ("US", "UK") come from WordNet below.
      for (const spelling of record.altSpellings) if (spelling.length > 3) add(spelling, record.cca3, 'name');
      for (const synonym of wordnet.firstSenseSynonyms(record.name.common.toLowerCase())) add(synonym, record.cca3, 'name');
    }
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
