// One suite run against every embeddings implementation: what the index and retrieval rely on.
import { describe, expect, it, beforeAll } from 'vitest';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { CACHE_DIR, offlineEmbedder } from './helpers.js';
import { startFakeOpenAI } from './fake-openai.js';

const implementations: [string, () => Promise<EmbeddingsInterface>][] = [
  ['offline GloVe-SIF', async () => offlineEmbedder().embeddings],
  [
    'OpenAI-compatible over HTTP',
    async () => {
      const fake = await startFakeOpenAI();
      return createEmbedder(loadConfig({ CACHE_DIR, OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.baseURL, ANSWERER: 'extractive', EMBEDDINGS_BATCH_SIZE: '2' })).embeddings;
    },
  ],
];

describe.each(implementations)('%s embeddings', (_name, create) => {
  let embeddings: EmbeddingsInterface;
  beforeAll(async () => {
    embeddings = await create();
  });

  it('returns one vector per document, all of one dimension, in order', async () => {
    const texts = ['Patriot missiles', 'fighter jets', 'frigates for Australia', 'the export rules'];
    const vectors = await embeddings.embedDocuments(texts);
    expect(vectors).toHaveLength(texts.length);
    expect(new Set(vectors.map((vector) => vector.length)).size).toBe(1);
    expect(vectors[0]!.length).toBeGreaterThan(1);
    for (const vector of vectors) expect(vector.every(Number.isFinite)).toBe(true);
    // Order is kept even when the provider batches.
    expect(vectors[2]).toEqual(await embeddings.embedQuery(texts[2]!));
  });

  it('is deterministic and tells different texts apart', async () => {
    const [first, again, other] = await embeddings.embedDocuments(['lethal weapons exports', 'lethal weapons exports', 'a recipe for sushi rice']);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('copes with an empty batch', async () => {
    expect(await embeddings.embedDocuments([])).toEqual([]);
  });
});
