// The on-disk layout of an index and its manifest.
//
//   INDEX_DIR/CURRENT                 name of the published generation (replaced atomically)
//   INDEX_DIR/generations/<name>/     manifest.json, articles.jsonl, chunks.jsonl,
//                                     vectors.f32, hnsw.bin, lexical.bin
//   INDEX_DIR/ingest.lock             held by the one running ingest
import { join } from 'node:path';
import type { HnswParameters } from './vector-index.js';

/**
 * 3: the manifest carries its own checksum and the generation published before it.
 * 4: a model designator ("P-1") is one term of the keyword index, not two.
 */
export const FORMAT_VERSION = 4;

export const DATA_FILES = ['articles.jsonl', 'chunks.jsonl', 'vectors.f32', 'hnsw.bin', 'lexical.bin'] as const;
export type DataFile = (typeof DATA_FILES)[number];

export interface ManifestArticle {
  id: string;
  contentHash: string;
  firstChunk: number;
  chunkCount: number;
}

export interface Manifest {
  formatVersion: number;
  generation: string;
  createdAt: string;
  /** The generation CURRENT named when this one was published: the one kept for rollback. */
  previousGeneration?: string;
  embedder: { id: string; dimensions: number };
  chunking: string;
  hnsw: HnswParameters;
  counts: { articles: number; chunks: number };
  articles: ManifestArticle[];
  files: Record<DataFile, { bytes: number; sha256: string }>;
  /** sha256 of the manifest without this field (see manifestChecksum). */
  checksum: string;
}

export const CURRENT_FILE = 'CURRENT';
export const LOCK_FILE = 'ingest.lock';
export const BYTES_PER_FLOAT = 4;

export const paths = {
  current: (indexDir: string) => join(indexDir, CURRENT_FILE),
  generations: (indexDir: string) => join(indexDir, 'generations'),
  generation: (indexDir: string, name: string) => join(indexDir, 'generations', name),
  lock: (indexDir: string) => join(indexDir, LOCK_FILE),
};
