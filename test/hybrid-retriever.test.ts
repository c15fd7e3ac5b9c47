// Fusion of the dense and keyword rankings, on an index whose two rankings are given: what
// reaches the answerer when the two disagree.
import { describe, expect, it } from 'vitest';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { ChunkHit, ChunkWithArticle, SearchIndex } from '../src/index-store/search-index.js';
import { HybridRetriever } from '../src/retrieval/hybrid-retriever.js';

/**
 * Twenty one-chunk articles; the dense ranking lists them in order, the keyword ranking as given
 * (for each query, if a map). `texts` gives some chunks sentences of their own.
 */
function indexWith(keywordOrder: number[] | Record<string, number[]>, texts: Record<number, string[]> = {}): SearchIndex {
  const ids = Array.from({ length: 20 }, (_, i) => i);
  const hit = (key: number, rank: number): ChunkHit => ({ key, articleId: `a${key}`, start: 0, score: 1 / (rank + 1) });
  const chunk = (key: number): ChunkWithArticle => {
    const sentences = texts[key] ?? [`Article ${key} says something.`];
    const text = sentences.join(' ');
    const ranges = sentences.map((sentence, i) => {
      const start = sentences.slice(0, i).reduce((sum, before) => sum + before.length + 1, 0);
      return { start, end: start + sentence.length };
    });
    return {
      chunk: { articleId: `a${key}`, ordinal: key, start: 0, end: text.length, text, sentences: ranges },
      article: { id: `a${key}`, title: `Article ${key}`, text, excluded: [], sourceFile: `a${key}.md` },
    };
  };
  const partial: Pick<SearchIndex, 'denseSearch' | 'lexicalSearch' | 'chunksByKey' | 'termStatistics'> = {
    // Every word in one chunk of twenty: all equally rare.
    termStatistics: { documentCount: 20, documentFrequency: () => 1, hasTermFamily: () => false, terms: () => [] },
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

  it('keeps the keyword match whose one sentence says the question, though chunks that repeat its words rank higher', async () => {
    // Chunks 0-7 name the company in every sentence; chunk 8 alone says where it is based, in one sentence.
    const story = (n: number) => [`Tsurugi Field Systems signed contract ${n}.`, `Tsurugi Field Systems will hire staff.`, `Field systems of Tsurugi are tested.`];
    const texts: Record<number, string[]> = Object.fromEntries(Array.from({ length: 8 }, (_, n) => [n, story(n)]));
    texts[8] = ['The company employs about 2,000 people.', 'Tsurugi Field Systems is based in Hamamatsu.'];
    const keywordOrder = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const question = 'tsurugi field systems - where are they based?';
    const keys = async (options: { bestSentenceCandidates?: number }) =>
      (await new HybridRetriever(indexWith(keywordOrder, texts), embeddings, { perArticle: 1, ...options }).retrieve(question, 6)).map((passage) => passage.chunk.ordinal);
    expect(await keys({})).toContain(8);
    expect(await keys({})).toHaveLength(6);
    // Without the rule it falls out: both rankings put it below the chunks that repeat the name.
    expect(await keys({ bestSentenceCandidates: 0 })).not.toContain(8);
  });

  it('keeps both best keyword matches when fusion puts one of them last and the other out', async () => {
    // Fused, chunk 15 (keyword 1st, dense 16th) comes sixth, just after chunks 0-4 that both lists
    // hold; chunk 19 (keyword 2nd, dense last) comes seventh. Making room for 19 must not push out 15.
    const retriever = new HybridRetriever(indexWith([15, 19, 0, 1, 2, 3, 4]), embeddings, { perArticle: 1 });
    const keys = (await retriever.retrieve('which rule applies', 6)).map((passage) => passage.chunk.ordinal);
    expect(keys).toHaveLength(6);
    expect(keys).toEqual(expect.arrayContaining([15, 19]));
    expect(keys).not.toContain(4);
  });

  it('keeps no more than k passages, and no duplicates when the lists agree', async () => {
    const retriever = new HybridRetriever(indexWith([0, 1, 2]), embeddings);
    const keys = (await retriever.retrieve('question', 3)).map((passage) => passage.chunk.ordinal);
    expect(keys).toEqual([0, 1, 2]);
    expect((await retriever.retrieve('question', 1)).map((passage) => passage.chunk.ordinal)).toEqual([0]);
  });
});
