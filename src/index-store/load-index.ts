// Loads the published index generation and checks it before use: a damaged or incompatible
// index fails with a message that says what is wrong and what to run.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IndexError } from '../errors.js';
import { LexicalIndex } from '../retrieval/lexical-index.js';
import { VectorIndex } from '../retrieval/vector-index.js';
import type { Article, Chunk } from '../types.js';
import { sha256File } from './durable-files.js';
import { DATA_FILES, FORMAT_VERSION, type Manifest, paths } from './index-files.js';

export interface ExpectedEmbedder {
  id: string;
  /** Unknown for remote models until they answer; then only the id is checked. */
  dimensions?: number;
}

export interface StoredIndex {
  directory: string;
  manifest: Manifest;
  articles: Map<string, Article>;
  chunks: Chunk[];
  vectors: Float32Array;
  vectorIndex: VectorIndex;
  lexicalIndex: LexicalIndex;
}

const REBUILD = 'run `npm run ingest` to rebuild it';

export async function readCurrentGeneration(indexDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(paths.current(indexDir), 'utf8')).trim();
    return name || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function readManifest(indexDir: string): Promise<{ manifest: Manifest; directory: string }> {
  const name = await readCurrentGeneration(indexDir);
  if (!name) throw new IndexError('index_missing', indexDir, `No index found in ${indexDir}; ${REBUILD} (or set INDEX_DIR to where it is).`);
  const directory = paths.generation(indexDir, name);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')) as Manifest;
  } catch (error) {
    throw new IndexError('index_damaged', indexDir, `The index manifest in ${directory} is missing or unreadable; ${REBUILD}.`, { cause: error });
  }
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new IndexError(
      'index_incompatible',
      indexDir,
      `The index in ${indexDir} has format version ${String(manifest.formatVersion)}, this version reads ${FORMAT_VERSION}; ${REBUILD}.`,
    );
  }
  return { manifest, directory };
}

export function checkEmbedder(indexDir: string, manifest: Manifest, expected: ExpectedEmbedder): void {
  if (manifest.embedder.id !== expected.id) {
    throw new IndexError(
      'embedder_mismatch',
      indexDir,
      `The index in ${indexDir} was built with embedder "${manifest.embedder.id}" but the configured embedder is "${expected.id}"; ` +
        `${REBUILD} with the configured embedder, or set EMBEDDINGS_PROVIDER to match the index.`,
    );
  }
  if (expected.dimensions !== undefined && manifest.embedder.dimensions !== expected.dimensions) {
    throw new IndexError(
      'dimension_mismatch',
      indexDir,
      `The index in ${indexDir} holds ${manifest.embedder.dimensions}-dimensional vectors but the embedder produces ${expected.dimensions}; ${REBUILD}.`,
    );
  }
}

/** Checks that every data file of a generation exists with its recorded size and checksum. */
export async function verifyFiles(indexDir: string, directory: string, manifest: Manifest): Promise<void> {
  for (const file of DATA_FILES) {
    const expected = manifest.files[file];
    const path = join(directory, file);
    const size = await stat(path).then((info) => info.size, () => undefined);
    if (!expected || size === undefined) {
      throw new IndexError('index_damaged', indexDir, `Index file ${path} is missing; ${REBUILD}.`);
    }
    if (size !== expected.bytes) {
      throw new IndexError('index_damaged', indexDir, `Index file ${path} is truncated or changed (${size} bytes, expected ${expected.bytes}); ${REBUILD}.`);
    }
    if ((await sha256File(path)) !== expected.sha256) {
      throw new IndexError('index_damaged', indexDir, `Index file ${path} does not match its checksum; ${REBUILD}.`);
    }
  }
}

function parseJsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

export async function loadIndex(indexDir: string, expected: ExpectedEmbedder, options: { efSearch?: number } = {}): Promise<StoredIndex> {
  const { manifest, directory } = await readManifest(indexDir);
  checkEmbedder(indexDir, manifest, expected);
  await verifyFiles(indexDir, directory, manifest);
  const [articleLines, chunkLines, vectorBytes, lexicalBytes] = await Promise.all([
    readFile(join(directory, 'articles.jsonl'), 'utf8'),
    readFile(join(directory, 'chunks.jsonl'), 'utf8'),
    readFile(join(directory, 'vectors.f32')),
    readFile(join(directory, 'lexical.bin')),
  ]);
  const articles = new Map(parseJsonLines<Article>(articleLines).map((article) => [article.id, article]));
  const chunks = parseJsonLines<Chunk>(chunkLines);
  const aligned = vectorBytes.byteOffset % 4 === 0 ? vectorBytes : Buffer.from(vectorBytes);
  const vectors = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  if (chunks.length !== manifest.counts.chunks || vectors.length !== chunks.length * manifest.embedder.dimensions) {
    throw new IndexError('index_damaged', indexDir, `The index in ${directory} has inconsistent chunk and vector counts; ${REBUILD}.`);
  }
  return {
    directory,
    manifest,
    articles,
    chunks,
    vectors,
    vectorIndex: VectorIndex.read(join(directory, 'hnsw.bin'), manifest.embedder.dimensions, options.efSearch),
    lexicalIndex: LexicalIndex.deserialize(lexicalBytes),
  };
}
