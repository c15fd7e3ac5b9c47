import { describe, expect, it } from 'vitest';
import { CACHE_DIR, offlineEmbedder } from './helpers.js';
import { quantize } from '../src/embeddings/word-vectors.js';
import { OfflineEmbeddings } from '../src/embeddings/offline-embeddings.js';

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i]!, 0);
}

describe('offline embedder', () => {
  const { embeddings } = offlineEmbedder();

  it('puts related words and phrases closer than unrelated ones', async () => {
    const [warplanes, fighterJets, banana, frigates] = await embeddings.embedDocuments(['warplanes', 'fighter jets', 'banana smoothie', 'frigates']);
    expect(cosine(warplanes!, fighterJets!)).toBeGreaterThan(cosine(warplanes!, banana!) + 0.3);
    expect(cosine(frigates!, warplanes!)).toBeGreaterThan(cosine(frigates!, banana!));
  });

  it('matches paraphrased sentences above unrelated ones', async () => {
    const [eased, relaxed, cooking] = await embeddings.embedDocuments([
      'Japan eased its arms export rules',
      'Tokyo relaxed restrictions on selling weapons abroad',
      'Stir the soup and add salt before serving',
    ]);
    expect(cosine(eased!, relaxed!)).toBeGreaterThan(cosine(eased!, cooking!) + 0.2);
  });

  it('is deterministic, unit length, and handles unknown words and empty text', async () => {
    const first = await embeddings.embedQuery('Mogami-class frigates for Australia');
    const second = await embeddings.embedQuery('Mogami-class frigates for Australia');
    expect(second).toEqual(first);
    expect(Math.hypot(...first)).toBeCloseTo(1, 5);
    const [unknownA, unknownB, unknownOther, empty] = await embeddings.embedDocuments(['zqxwv', 'zqxwv', 'plokmij', '']);
    expect(cosine(unknownA!, unknownB!)).toBeCloseTo(1, 5);
    expect(Math.abs(cosine(unknownA!, unknownOther!))).toBeLessThan(0.5);
    expect(Math.hypot(...empty!)).toBeCloseTo(1, 5);
  });
});

describe('word vector quantisation', () => {
  const rawCosine = (a: number[], b: number[]) => cosine(a, b) / Math.sqrt(cosine(a, a) * cosine(b, b));

  it('keeps cosine similarities within 0.01 and reads only the vector part of each row', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const dimensions = 100;
    // Rows as the package stores them: the vector, then two large per-word statistics.
    const rows = Array.from({ length: 40 }, () => [...Array.from({ length: dimensions }, random), 346, 12]);
    const { matrix, scales } = quantize(rows, dimensions);
    const restored = (r: number) => Array.from(matrix.subarray(r * dimensions, (r + 1) * dimensions), (value) => value * scales[r]!);
    let worst = 0;
    for (let a = 0; a < rows.length; a++) {
      for (let b = a + 1; b < rows.length; b++) {
        worst = Math.max(worst, Math.abs(rawCosine(rows[a]!.slice(0, dimensions), rows[b]!.slice(0, dimensions)) - rawCosine(restored(a), restored(b))));
      }
    }
    expect(worst).toBeLessThan(0.01);
    expect(worst).toBeGreaterThan(0);
  });

  it('finds every word of the cached vocabulary by its hash table, and no word outside it', async () => {
    const vectors = await new OfflineEmbeddings({ cacheDir: CACHE_DIR }).wordVectors();
    for (let rank = 0; rank < vectors.size; rank += 997) expect(vectors.rank(vectors.wordAtRank(rank))).toBe(rank);
    expect(vectors.rank(vectors.wordAtRank(vectors.size - 1))).toBe(vectors.size - 1);
    expect([vectors.rank('zzqqxxv'), vectors.rank(''), vectors.rank('the\nof')]).toEqual([undefined, undefined, undefined]);
    expect(vectors.similarity('warplanes', 'jets')).toBeCloseTo(0.643, 2);
  });

  it('leaves a missing row as zeros', () => {
    const { matrix, scales } = quantize([undefined, [0.5, -1]], 2);
    expect([...matrix]).toEqual([0, 0, 64, -127]);
    expect(scales[0]).toBe(0);
  });
});
