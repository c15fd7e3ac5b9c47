// The steps of publishing where a crash matters most (fsyncs, renames, commits), named so that the
// crash-safety check can kill ingest exactly there (INGEST_CRASH_AT, see scripts/crash-ingest.ts).
import { ingestCrashPoint } from '../config.js';

export const CRASH_POINTS = [
  'locked',
  'leftovers-removed',
  'data-files-synced',
  'manifest-synced',
  'generation-renamed',
  'current-staged',
  'current-renamed',
  'published',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** The same for ingest into PostgreSQL, where publishing is one transaction. */
export const DATABASE_CRASH_POINTS = ['locked', 'leftovers-removed', 'rows-written', 'hnsw-indexed', 'statistics-written', 'published'] as const;
export type DatabaseCrashPoint = (typeof DATABASE_CRASH_POINTS)[number];

const crashAt = ingestCrashPoint();

export function crashPoint(point: CrashPoint | DatabaseCrashPoint): void {
  // SIGKILL, not exit(): no finally blocks, no lock release, exactly like kill -9.
  if (point === crashAt) process.kill(process.pid, 'SIGKILL');
}
