// Fusion of the dense and keyword rankings, on an index whose two rankings are given: what
// reaches the answerer when the two disagree.
import { describe, expect, it } from 'vitest';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { ChunkHit, ChunkWithArticle, SearchIndex } from '../src/index-store/search-index.js';
import { HybridRetriever } from '../src/retrieval/hybrid-retriever.js';

/** Twenty one-chunk articles; the dense ranking lists them in order, the keyword ranking as given (for each query, if a map). */
function indexWith(keywordOrder: number[] | Record<string, number[]>): SearchIndex {
  const ids = Array.from({ length: 20 }, (_, i) => i);
  const hit = (key: number, rank: number): ChunkHit => ({ key, articleId: `a${key}`, start: 0, score: 1 / (rank + 1) });
  const chunk = (key: number): ChunkWithArticle => {
    const text = `Article ${key} says something.`;
    return {
      chunk: { articleId: `a${key}`, ordinal: key, start: 0, end: text.length, text, sentences: [{ start: 0, end: text.length }] },
      article: { id: `a${key}`, title: `Article ${key}`, text, excluded: [], sourceFile: `a${key}.md` },
    };
  };
  const partial: Pick<SearchIndex, 'denseSearch' | 'lexicalSearch' | 'chunksByKey'> = {
    denseSearch: async (_vector, k) => ids.slice(0, k).map(hit),
    lexicalSearch: async (text, k) => (Array.isArray(keywordOrder) ? keywordOrder : keywordOrder[text]!).slice(0, k).map(hit),
    chunksByKey: async (keys) => keys.map(chunk),
  };
  return partial as SearchIndex;
}

const embeddings = { embedQuery: async () => [1, 0], embedDocuments: async (texts: string[]) => texts.map(() => [1, 0]) } as unknown as EmbeddingsInterface;

describe('hybrid retrieval', () => {
  it('keeps the best keyword matches that the dense ranking buries', async () => {
    // Article 19 is the keyword ranking's best and the dense ranking's worst.
    const keywordOrder = [19, 18, 0, 1, 2, 3, 4, 5, 6, 7];
    const retriever = new HybridRetriever(indexWith(keywordOrder), embeddings, { perArticle: 1 });
    const keys = (await retriever.retrieve('is tokyo selling patriots to the states', 6)).map((passage) => passage.chunk.ordinal);
    expect(keys).toHaveLength(6);
    expect(keys).toContain(19);
    expect(keys).toContain(18);
    // Without the rule they fall out: fusion alone ranks them below articles both lists hold.
    const fusedOnly = new HybridRetriever(indexWith(keywordOrder), embeddings, { perArticle: 1, keptKeywordMatches: 0 });
    expect((await fusedOnly.retrieve('is tokyo selling patriots to the states', 6)).map((passage) => passage.chunk.ordinal)).not.toContain(19);
  });

  it("keeps the best keyword match of the question as typed, though the question as understood ranks it lower", async () => {
    // "Percent", added to the question as understood, moves article 19 (the one with its rarest word) off that query's keyword list.
    const orders = { "mizunagi's share of sales": [19, 0, 1, 2, 3, 4], "mizunagi's share of sales percent": [17, 5, 6, 7, 8, 9] };
    const retriever = new HybridRetriever(indexWith(orders), embeddings, { perArticle: 1, keptKeywordMatches: 1 });
    const keys = (await retriever.retrieve(Object.keys(orders), 6)).map((passage) => passage.chunk.ordinal);
    expect(keys).toHaveLength(6);
    expect(keys).toEqual(expect.arrayContaining([19, 17]));
  });

  it('keeps no more than k passages, and no duplicates when the lists agree', async () => {
    const retriever = new HybridRetriever(indexWith([0, 1, 2]), embeddings);
    const keys = (await retriever.retrieve('question', 3)).map((passage) => passage.chunk.ordinal);
    expect(keys).toEqual([0, 1, 2]);
    expect((await retriever.retrieve('question', 1)).map((passage) => passage.chunk.ordinal)).toEqual([0]);
  });
});
