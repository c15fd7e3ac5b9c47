// The configured index backend: the file generation directory (INDEX_BACKEND=file, the default) or
// PostgreSQL (INDEX_BACKEND=postgres). Its modules load only when chosen, so the file path never
// loads the database client.
import type { Config } from '../config.js';
import type { Embedder } from '../embeddings/create-embeddings.js';
import { fileGenerationSource, type GenerationSource } from './generation-source.js';
import type { IngestSummary, ProgressListener } from './ingest-steps.js';
import { loadIndex, type ExpectedEmbedder } from './load-index.js';
import type { SearchIndex } from './search-index.js';

/** What opening the served index reads from the configuration. */
export type IndexSettings = Pick<Config, 'indexBackend' | 'database' | 'indexDir' | 'hnswEfSearch'>;

export async function openSearchIndex(config: IndexSettings, expected: ExpectedEmbedder): Promise<SearchIndex> {
  if (config.indexBackend === 'postgres') {
    const { openPostgresIndex } = await import('./postgres/postgres-index.js');
    return openPostgresIndex(config.database!, expected, { efSearch: config.hnswEfSearch });
  }
  return loadIndex(config.indexDir, expected, { efSearch: config.hnswEfSearch });
}

export async function generationSource(config: Pick<Config, 'indexBackend' | 'database' | 'indexDir'>): Promise<GenerationSource> {
  if (config.indexBackend === 'postgres') {
    const { databaseGenerationSource } = await import('./postgres/generation-listener.js');
    return databaseGenerationSource(config.database!);
  }
  return fileGenerationSource(config.indexDir);
}

export interface IngestRequest {
  embedder: Embedder;
  /** Defaults to CORPUS_DIR. */
  corpusDir?: string;
  /** The file backend's directory; defaults to INDEX_DIR. */
  indexDir?: string;
  onProgress?: ProgressListener;
  log?: (line: string) => void;
}

/** Ingests the corpus into the configured backend. */
export async function ingestConfigured(config: Config, request: IngestRequest): Promise<IngestSummary> {
  const { embedder, onProgress, log } = request;
  const corpusDir = request.corpusDir ?? config.corpusDir;
  if (config.indexBackend === 'postgres') {
    const { ingestIntoDatabase } = await import('./postgres/ingest-database.js');
    return ingestIntoDatabase({ corpusDir, database: config.database!, embedder, onProgress, log });
  }
  // Ingest pulls in the corpus loaders (HTML, PDF): a server that only serves never loads them.
  const { ingest } = await import('./ingest.js');
  return ingest({ corpusDir, indexDir: request.indexDir ?? config.indexDir, embedder, onProgress, log });
}

/**
 * Closes the database connections the process opened for serving: the pool is the process's,
 * shared by every generation it loads, so a one-shot command closes it when it is done.
 */
export async function closeIndexConnections(config: Config): Promise<void> {
  if (config.indexBackend !== 'postgres') return;
  const { closeSharedPools } = await import('./postgres/database.js');
  await closeSharedPools();
}
