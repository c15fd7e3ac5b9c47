// What killed ingests leave behind, removed by the next ingest while it holds the lock: staged
// CURRENT files, partial and complete-but-unpublished generations, older generations, and lock
// files staged by dead processes. Only the generation CURRENT names and the one it replaced stay.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_FILE, LOCK_FILE, paths } from './index-files.js';
import { readCurrentGeneration, readGenerationManifest } from './load-index.js';
import { isDeadProcessLockFile } from './lock.js';

const STAGED_CURRENT = new RegExp(`^${CURRENT_FILE}\\..+\\.tmp$`);

/** The published generation, or undefined when CURRENT is absent or names no valid generation. */
export async function publishedGeneration(indexDir: string): Promise<string | undefined> {
  return readCurrentGeneration(indexDir).catch(() => undefined);
}

/** The published generation and the one it replaced (kept for rollback), as far as they are known. */
export async function generationsToKeep(indexDir: string, published: string | undefined): Promise<Set<string>> {
  if (!published) return new Set();
  const previous = await readGenerationManifest(indexDir, published).then(
    ({ manifest }) => manifest.previousGeneration,
    () => undefined,
  );
  return new Set([published, ...(previous ? [previous] : [])]);
}

async function entriesOf(directory: string): Promise<string[]> {
  return readdir(directory).catch(() => []);
}

/** Removes everything but the kept generations; returns what was removed, relative to the index directory. */
export async function removeLeftovers(indexDir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const generations = (await entriesOf(paths.generations(indexDir))).filter((entry) => !keep.has(entry)).map((entry) => `generations/${entry}`);
  const stagedFiles = (await entriesOf(indexDir)).filter((entry) => STAGED_CURRENT.test(entry) || isDeadProcessLockFile(LOCK_FILE, entry));
  const removed = [...generations, ...stagedFiles];
  await Promise.all(removed.map((entry) => rm(join(indexDir, entry), { recursive: true, force: true })));
  return removed;
}
