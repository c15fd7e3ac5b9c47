// Chooses the embedder from configuration. Both implement LangChain's Embeddings interface;
// `id` names the model so an index built with one is never searched with another.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config.js';
import { OfflineEmbeddings } from './offline-embeddings.js';

export interface Embedder {
  id: string;
  /** Known up front for the offline model; learned from the first vector for remote ones. */
  dimensions?: number;
  embeddings: EmbeddingsInterface;
}

export function createEmbedder(config: Config): Embedder {
  if (config.embeddingsProvider === 'offline') {
    const embeddings = new OfflineEmbeddings({ cacheDir: config.cacheDir });
    return { id: embeddings.id, dimensions: embeddings.dimensions, embeddings };
  }
  const { apiKey, baseURL, embeddingsModel, embeddingsBatchSize, timeoutMs } = config.openai;
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
