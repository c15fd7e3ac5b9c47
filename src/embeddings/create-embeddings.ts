// Chooses the embedder from configuration. Both implement LangChain's Embeddings interface;
// `id` names the model so an index built with one is never searched with another.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { createRequire } from 'node:module';
import type { Config } from '../config.js';

export type EmbedderSettings = Pick<Config, 'embeddingsProvider' | 'cacheDir' | 'openai'>;
import { OfflineEmbeddings } from './offline-embeddings.js';

export interface Embedder {
  id: string;
  /** Known up front for the offline model; learned from the first vector for remote ones. */
  dimensions?: number;
  embeddings: EmbeddingsInterface;
}

// Loaded on first use: the offline default never needs it, and it takes ~0.4 s to import.
const require = createRequire(import.meta.url);

export function createEmbedder(config: EmbedderSettings): Embedder {
  if (config.embeddingsProvider === 'offline') {
    const embeddings = new OfflineEmbeddings({ cacheDir: config.cacheDir });
    return { id: embeddings.id, dimensions: embeddings.dimensions, embeddings };
  }
  const { apiKey, baseURL, embeddingsModel, embeddingsBatchSize, timeoutMs } = config.openai;
  const { OpenAIEmbeddings } = require('@langchain/openai') as typeof import('@langchain/openai');
  const embeddings = new OpenAIEmbeddings({
    apiKey,
    model: embeddingsModel,
    batchSize: embeddingsBatchSize,
    maxRetries: 2,
    timeout: timeoutMs,
    configuration: baseURL ? { baseURL } : undefined,
  });
  return { id: `openai:${embeddingsModel}`, embeddings };
}
