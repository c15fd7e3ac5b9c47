// Shared test plumbing: temporary directories and an offline embedder on the shared cache.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { OfflineEmbeddings } from '../src/embeddings/offline-embeddings.js';
import type { Embedder } from '../src/embeddings/create-embeddings.js';

export const PROJECT_CORPUS = resolve('corpus');
export const CACHE_DIR = resolve('data/cache');

/** A fresh temporary directory, removed after the suite. */
export async function temporaryDirectory(prefix = 'qa-test-'): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

/** A copy of the project corpus that a test may change. */
export async function copyOfCorpus(): Promise<string> {
  const directory = join(await temporaryDirectory('qa-corpus-'), 'corpus');
  await cp(PROJECT_CORPUS, directory, { recursive: true });
  return directory;
}

export function offlineEmbedder(): Embedder {
  const embeddings = new OfflineEmbeddings({ cacheDir: CACHE_DIR });
  return { id: embeddings.id, dimensions: embeddings.dimensions, embeddings };
}
