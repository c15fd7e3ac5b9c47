// Loads the published index generation and checks it before use: a damaged or incompatible
// index fails with a message that says what is wrong and what to run. Messages name files
// relative to INDEX_DIR: they reach /readyz and the demo page, where server paths do not belong.
//
// Files are read synchronously on purpose. Every asynchronous file operation waits for a full
// turn of the event loop, and on a busy server a turn holds every in-flight request's work: a
// load made of ~40 such steps took 6 s behind 50 concurrent askers. The bytes come from the page
// cache right after publishing, and parsing them blocks longer than reading them does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { IndexError } from '../errors.js';
import { LexicalIndex } from './lexical-index.js';
import { VectorIndex } from './vector-index.js';
import type { Article, Chunk } from '../types.js';
import { FileIndex } from './file-index.js';
import { BYTES_PER_FLOAT, DATA_FILES, type DataFile, FORMAT_VERSION, type Manifest, paths } from './index-files.js';
import { checkGenerationName, quoted, REBUILD, validateManifest } from './validate-manifest.js';

export interface ExpectedEmbedder {
  id: string;
  /** Unknown for remote models until they answer; then only the id is checked. */
  dimensions?: number;
}

/** The file backend's loaded generation. */
export type StoredIndex = FileIndex;

export interface GenerationManifest {
  name: string;
  directory: string;
  manifest: Manifest;
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The generation CURRENT names, checked to be a direct child of generations/; undefined when none is published. */
export async function readCurrentGeneration(indexDir: string): Promise<string | undefined> {
  const name = readIfPresent(paths.current(indexDir))?.toString('utf8').trim();
  if (!name) return undefined;
  checkGenerationName(indexDir, name);
  return name;
}

export async function readGenerationManifest(indexDir: string, name: string): Promise<GenerationManifest> {
  const directory = paths.generation(indexDir, name);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as Manifest;
  } catch (error) {
    throw new IndexError('index_damaged', indexDir, `The index manifest in generations/${name} is missing or unreadable; ${REBUILD}.`, { cause: error });
  }
  if (manifest?.formatVersion !== FORMAT_VERSION) {
    throw new IndexError(
      'index_incompatible',
      indexDir,
      `Index generation ${quoted(name)} has format version ${quoted(manifest?.formatVersion)}, this version reads ${FORMAT_VERSION}; ${REBUILD}.`,
    );
  }
  validateManifest(indexDir, name, manifest);
  return { name, directory, manifest };
}

/** The published generation's manifest, validated; fails when there is none. */
export async function readManifest(indexDir: string): Promise<GenerationManifest> {
  const name = await readCurrentGeneration(indexDir);
  if (!name) throw new IndexError('index_missing', indexDir, `No index found in INDEX_DIR; ${REBUILD} (or set INDEX_DIR to where it is).`);
  return readGenerationManifest(indexDir, name);
}

/** The index's embedder must be the configured one; `where` names the index in messages. */
export function checkEmbedder(where: string, stored: Manifest['embedder'], expected: ExpectedEmbedder): void {
  if (stored.id !== expected.id) {
    throw new IndexError(
      'embedder_mismatch',
      where,
      `The index was built with embedder "${stored.id}" but the configured embedder is "${expected.id}"; ` +
        `${REBUILD} with the configured embedder, or set EMBEDDINGS_PROVIDER to match the index.`,
    );
  }
  if (expected.dimensions !== undefined && stored.dimensions !== expected.dimensions) {
    throw new IndexError(
      'dimension_mismatch',
      where,
      `The index holds ${stored.dimensions}-dimensional vectors but the embedder produces ${expected.dimensions}; ${REBUILD}.`,
    );
  }
}

function readVerifiedFile(indexDir: string, generation: GenerationManifest, file: DataFile): Buffer {
  const expected = generation.manifest.files[file];
  const shownPath = `generations/${generation.name}/${file}`;
  const bytes = readIfPresent(join(generation.directory, file));
  if (!expected || bytes === undefined) throw new IndexError('index_damaged', indexDir, `Index file ${shownPath} is missing; ${REBUILD}.`);
  if (bytes.length !== expected.bytes) {
    throw new IndexError('index_damaged', indexDir, `Index file ${shownPath} is truncated or changed (${bytes.length} bytes, expected ${expected.bytes}); ${REBUILD}.`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== expected.sha256) {
    throw new IndexError('index_damaged', indexDir, `Index file ${shownPath} does not match its checksum; ${REBUILD}.`);
  }
  return bytes;
}

/** Every data file of a generation, each checked against its recorded size and checksum. */
export function readVerifiedFiles(indexDir: string, generation: GenerationManifest): Record<DataFile, Buffer> {
  return Object.fromEntries(DATA_FILES.map((file) => [file, readVerifiedFile(indexDir, generation, file)])) as Record<DataFile, Buffer>;
}

export interface PublishedContent {
  generation: GenerationManifest;
  chunks: Chunk[];
  vectors: Float32Array;
}

/**
 * The published generation's chunks and vectors, every file checked as a load checks them: what
 * ingest reuses for unchanged articles. Fails when there is none or it is damaged.
 */
export async function readPublishedContent(indexDir: string): Promise<PublishedContent> {
  const generation = await readManifest(indexDir);
  const files = readVerifiedFiles(indexDir, generation);
  return { generation, chunks: parseJsonLines<Chunk>(files['chunks.jsonl'].toString('utf8')), vectors: vectorsOf(files['vectors.f32']) };
}

function parseJsonLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}

function vectorsOf(bytes: Buffer): Float32Array {
  const aligned = bytes.byteOffset % BYTES_PER_FLOAT === 0 ? bytes : Buffer.from(bytes);
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / BYTES_PER_FLOAT);
}

/** The stored rows must agree with the manifest that describes them: counts, and each chunk's article. */
function checkRowsAgainstManifest(indexDir: string, generation: GenerationManifest, articles: Article[], chunks: Chunk[]): void {
  const { manifest, name } = generation;
  const damaged = (problem: string) => new IndexError('index_damaged', indexDir, `Index generation ${quoted(name)} ${problem}; ${REBUILD}.`);
  if (articles.length !== manifest.counts.articles || chunks.length !== manifest.counts.chunks) {
    throw damaged(`holds ${articles.length} articles and ${chunks.length} chunks, but its manifest counts ${manifest.counts.articles} and ${manifest.counts.chunks}`);
  }
  for (const entry of manifest.articles) {
    for (let ordinal = entry.firstChunk; ordinal < entry.firstChunk + entry.chunkCount; ordinal++) {
      if (chunks[ordinal]!.articleId !== entry.id) throw damaged(`stores chunk ${ordinal} under article ${quoted(chunks[ordinal]!.articleId)}, but its manifest gives it to ${quoted(entry.id)}`);
    }
  }
}

/**
 * Each chunk's text becomes a slice of its article's text, so the text is held once: the copy
 * chunks.jsonl carries (for readers of the file) is dropped after the load. A chunk whose text is
 * not its article's at its offsets is damage.
 */
function shareArticleText(indexDir: string, generation: GenerationManifest, articles: ReadonlyMap<string, Article>, chunks: Chunk[]): void {
  for (const chunk of chunks) {
    const text = articles.get(chunk.articleId)?.text.slice(chunk.start, chunk.end);
    if (text === undefined || text !== chunk.text) {
      throw new IndexError('index_damaged', indexDir, `Index generation ${quoted(generation.name)} stores chunk ${chunk.ordinal} with text that is not its article's at ${chunk.start}-${chunk.end}; ${REBUILD}.`);
    }
    chunk.text = text;
  }
}

export async function loadIndex(indexDir: string, expected: ExpectedEmbedder, options: { efSearch?: number } = {}): Promise<StoredIndex> {
  const generation = await readManifest(indexDir);
  const { manifest, directory } = generation;
  checkEmbedder(indexDir, manifest.embedder, expected);
  const files = readVerifiedFiles(indexDir, generation);
  const articleList = parseJsonLines<Article>(files['articles.jsonl'].toString('utf8'));
  const chunks = parseJsonLines<Chunk>(files['chunks.jsonl'].toString('utf8'));
  checkRowsAgainstManifest(indexDir, generation, articleList, chunks);
  const articles = new Map(articleList.map((article) => [article.id, article]));
  shareArticleText(indexDir, generation, articles, chunks);
  return new FileIndex({
    directory,
    manifest,
    articles,
    chunks,
    vectors: vectorsOf(files['vectors.f32']),
    vectorIndex: VectorIndex.read(join(directory, 'hnsw.bin'), manifest.embedder.dimensions, options.efSearch),
    lexicalIndex: LexicalIndex.deserialize(files['lexical.bin']),
  });
}
