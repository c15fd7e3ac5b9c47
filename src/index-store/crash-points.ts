// The steps of publishing where a crash matters most (fsyncs and renames), named so that the
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

const crashAt = ingestCrashPoint();

export function crashPoint(point: CrashPoint): void {
  // SIGKILL, not exit(): no finally blocks, no lock release, exactly like kill -9.
  if (point === crashAt) process.kill(process.pid, 'SIGKILL');
}
