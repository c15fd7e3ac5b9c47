// Builds the word-vector cache once before any suite needs it (about 5 s on first run), and finds
// PostgreSQL for the database tests (one line when they are skipped).
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadWordVectors } from '../src/embeddings/word-vectors.js';
import { postgresAvailability, type PostgresAvailability } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresAvailability;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  await loadWordVectors(resolve('data/cache'));
  const postgres = postgresAvailability();
  if (postgres.kind === 'none') console.log(`Skipping the PostgreSQL backend tests: ${postgres.reason}.`);
  project.provide('postgres', postgres);
}
