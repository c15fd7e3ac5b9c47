// The on-disk layout of an index and its manifest.
//
//   INDEX_DIR/CURRENT                 name of the published generation (replaced atomically)
//   INDEX_DIR/generations/<name>/     manifest.json, articles.jsonl, chunks.jsonl,
//                                     vectors.f32, hnsw.bin, lexical.bin
//   INDEX_DIR/ingest.lock             held by the one running ingest
import { join } from 'node:path';
import type { HnswParameters } from '../retrieval/vector-index.js';

export const FORMAT_VERSION = 2;

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
  embedder: { id: string; dimensions: number };
  chunking: string;
  hnsw: HnswParameters;
  counts: { articles: number; chunks: number };
  articles: ManifestArticle[];
  files: Record<DataFile, { bytes: number; sha256: string }>;
}

export const paths = {
  current: (indexDir: string) => join(indexDir, 'CURRENT'),
  generations: (indexDir: string) => join(indexDir, 'generations'),
  generation: (indexDir: string, name: string) => join(indexDir, 'generations', name),
  lock: (indexDir: string) => join(indexDir, 'ingest.lock'),
};
