// Builds the word-vector cache once before any suite needs it (about 5 s on first run).
import { resolve } from 'node:path';
import { loadWordVectors } from '../src/embeddings/word-vectors.js';

export default async function setup(): Promise<void> {
  await loadWordVectors(resolve('data/cache'));
}
