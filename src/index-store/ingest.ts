// Turns a corpus directory into a published index generation. Unchanged articles keep their
// chunks and vectors from the current generation; nothing is published unless complete.
import { mkdir } from 'node:fs/promises';
import { chunkArticle, chunkingVersion, DEFAULT_CHUNKING } from '../chunking/chunker.js';
import { LexicalIndex } from './lexical-index.js';
import { DEFAULT_HNSW, VectorIndex, type HnswParameters } from './vector-index.js';
import type { Article, Chunk } from '../types.js';
import { contentHash, embedInBatches, type IngestInputs, type IngestSummary, readSortedCorpus, StageClock } from './ingest-steps.js';
import { crashPoint } from './crash-points.js';
import { type Manifest, paths } from './index-files.js';
import { generationsToKeep, publishedGeneration, removeLeftovers } from './leftovers.js';
import { type PublishedContent, readPublishedContent } from './load-index.js';
import { acquireLock } from './lock.js';
import { writeGeneration } from './write-generation.js';

export type { IngestStage, IngestSummary } from './ingest-steps.js';

export interface IngestOptions extends IngestInputs {
  indexDir: string;
}

interface Reusable {
  contentHash: string;
  chunks: Chunk[];
  vectors: Float32Array;
}

/**
 * The published generation's content, if it is intact. A damaged one (missing, truncated or
 * corrupted files, or a manifest that fails its checksum or contradicts itself) is neither "up to
 * date" nor a source of reusable vectors: it is rebuilt, which is what the loader's error message
 * tells the user to run ingest for.
 */
async function previousContent(indexDir: string): Promise<PublishedContent | undefined> {
  return readPublishedContent(indexDir).catch(() => undefined);
}

/** Chunks and vectors of the previous generation per article, when they can be reused. */
function reusableContent(previous: PublishedContent | undefined, embedderId: string, chunking: string): Map<string, Reusable> {
  const reusable = new Map<string, Reusable>();
  if (!previous) return reusable;
  const { manifest } = previous.generation;
  if (manifest.embedder.id !== embedderId || manifest.chunking !== chunking) return reusable;
  const dimensions = manifest.embedder.dimensions;
  for (const entry of manifest.articles) {
    reusable.set(entry.id, {
      contentHash: entry.contentHash,
      chunks: previous.chunks.slice(entry.firstChunk, entry.firstChunk + entry.chunkCount),
      vectors: previous.vectors.slice(entry.firstChunk * dimensions, (entry.firstChunk + entry.chunkCount) * dimensions),
    });
  }
  return reusable;
}

function unchanged(manifest: Manifest | undefined, articles: Article[], hashes: Map<string, string>, embedderId: string, hnsw: HnswParameters): boolean {
  if (!manifest || manifest.embedder.id !== embedderId || manifest.articles.length !== articles.length) return false;
  if (manifest.hnsw.m !== hnsw.m || manifest.hnsw.efConstruction !== hnsw.efConstruction) return false;
  return manifest.articles.every((entry) => hashes.get(entry.id) === entry.contentHash);
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const { corpusDir, indexDir, embedder } = options;
  const clock = new StageClock(options.onProgress);
  const onProgress = clock.progress;
  const closeStages = () => clock.close();
  const elapsed = () => clock.elapsedSeconds();
  const hnsw = { ...DEFAULT_HNSW, ...options.hnsw };
  const chunking = chunkingVersion(DEFAULT_CHUNKING);
  await mkdir(indexDir, { recursive: true });
  const log = options.log ?? console.error;
  const lock = await acquireLock(paths.lock(indexDir), { log });
  crashPoint('locked');
  try {
    // Holding the lock, nothing else writes here: whatever CURRENT does not lead to is a leftover.
    const published = await publishedGeneration(indexDir);
    const removed = await removeLeftovers(indexDir, await generationsToKeep(indexDir, published));
    if (removed.length > 0) log(`Removed what earlier ingests left behind: ${removed.join(', ')}.`);
    crashPoint('leftovers-removed');
    const { articles, failures } = await readSortedCorpus(corpusDir, onProgress);
    const hashes = new Map(articles.map((article) => [article.id, contentHash(article, chunking)]));
    const previousGeneration = await previousContent(indexDir);
    const previous = previousGeneration?.generation.manifest;
    const summaryBase = { articles: articles.length, failures };

    if (articles.length === 0) {
      return { ...summaryBase, chunks: 0, reusedArticles: 0, embeddedChunks: 0, published: false, indexBytes: 0, seconds: elapsed(), stageSeconds: closeStages() };
    }
    if (unchanged(previous, articles, hashes, embedder.id, hnsw)) {
      return {
        ...summaryBase,
        chunks: previous!.counts.chunks,
        reusedArticles: articles.length,
        embeddedChunks: 0,
        published: false,
        generation: previous!.generation,
        indexBytes: indexBytes(previous!),
        seconds: elapsed(),
        stageSeconds: closeStages(),
      };
    }

    // Plan: reuse what is unchanged, chunk the rest.
    const reusable = reusableContent(previousGeneration, embedder.id, chunking);
    const plan = articles.map((article) => {
      const old = reusable.get(article.id);
      if (old && old.contentHash === hashes.get(article.id)) return { article, chunks: old.chunks, vectors: old.vectors as Float32Array | undefined };
      return { article, chunks: chunkArticle(article), vectors: undefined as Float32Array | undefined };
    });
    const pending = plan.filter((entry) => !entry.vectors);
    const pendingChunks = pending.flatMap((entry) => entry.chunks.map((chunk) => ({ entry, chunk })));
    const embedded: number[][] = [];
    const embeddedDimensions = await embedInBatches(embedder, pendingChunks.map(({ chunk }) => chunk.text), onProgress, (vectors) => void embedded.push(...vectors));
    const dimensions = embeddedDimensions ?? previous?.embedder.dimensions ?? embedder.dimensions;
    if (!dimensions) throw new Error('The embedder returned no vectors.');
    let cursor = 0;
    for (const entry of pending) {
      entry.vectors = new Float32Array(entry.chunks.length * dimensions);
      entry.chunks.forEach((_, i) => entry.vectors!.set(embedded[cursor++]!, i * dimensions));
    }

    // Assemble in article order; chunk ordinals are positions in this global list.
    const totalChunks = plan.reduce((sum, entry) => sum + entry.chunks.length, 0);
    const vectors = new Float32Array(totalChunks * dimensions);
    const chunks: Chunk[] = [];
    const manifestArticles: Manifest['articles'] = [];
    for (const entry of plan) {
      manifestArticles.push({ id: entry.article.id, contentHash: hashes.get(entry.article.id)!, firstChunk: chunks.length, chunkCount: entry.chunks.length });
      vectors.set(entry.vectors!, chunks.length * dimensions);
      chunks.push(...entry.chunks.map((chunk, ordinal) => ({ ...chunk, ordinal })));
    }
    onProgress('indexing', 0, 1);
    const vectorIndex = VectorIndex.build(vectors, dimensions, hnsw);
    const lexicalIndex = LexicalIndex.build(chunks.map((chunk, ordinal) => ({ id: ordinal, text: chunk.text })));
    onProgress('indexing', 1, 1);
    onProgress('writing', 0, 1);
    const manifest = await writeGeneration(indexDir, {
      manifest: {
        embedder: { id: embedder.id, dimensions },
        chunking,
        hnsw,
        counts: { articles: articles.length, chunks: chunks.length },
        articles: manifestArticles,
      },
      articles,
      chunks,
      vectors,
      vectorIndex,
      lexicalIndex,
    }, published);
    onProgress('writing', 1, 1);
    return {
      ...summaryBase,
      chunks: chunks.length,
      reusedArticles: plan.length - pending.length,
      embeddedChunks: pendingChunks.length,
      published: true,
      generation: manifest.generation,
      indexBytes: indexBytes(manifest),
      seconds: elapsed(),
      stageSeconds: closeStages(),
    };
  } finally {
    await lock.release();
  }
}

function indexBytes(manifest: Manifest): number {
  return Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0);
}

