import { describe, expect, it } from 'vitest';
import { offlineEmbedder } from './helpers.js';

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
