// Opens the published generation of the configured backend for serving.
import type { Config } from '../config.js';
import { loadIndex, type ExpectedEmbedder } from './load-index.js';
import type { SearchIndex } from './search-index.js';

export async function openSearchIndex(config: Config, expected: ExpectedEmbedder): Promise<SearchIndex> {
  return loadIndex(config.indexDir, expected, { efSearch: config.hnswEfSearch });
}
