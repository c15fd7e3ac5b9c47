// What makes a manifest trustworthy: its checksum, and that what it says is consistent with itself
// and with the directory it sits in. Data checksums only prove the files are the ones the manifest
// names; a manifest edited by hand (still valid JSON) could otherwise hand one article another's
// chunks, or make ingest call a broken index "up to date".
import { IndexError } from '../errors.js';
import { sha256 } from './durable-files.js';
import { BYTES_PER_FLOAT, CURRENT_FILE, type Manifest } from './index-files.js';

export const REBUILD = 'run `npm run ingest` to rebuild it';

/** Generation names as ingest writes them; anything else (a path, "..", a hidden name) is refused. */
const GENERATION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** A value from a file, quoted for a message without letting a hostile value grow it unbounded. */
export function quoted(value: unknown): string {
  const bounded = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}...` : text);
  return typeof value === 'string' ? JSON.stringify(bounded(value)) : bounded(String(JSON.stringify(value)));
}

/** CURRENT may only name a directory directly inside generations/, never a path leading elsewhere. */
export function checkGenerationName(indexDir: string, name: string): void {
  if (GENERATION_NAME.test(name) && !name.endsWith('.partial')) return;
  throw new IndexError(
    'index_damaged',
    indexDir,
    `${CURRENT_FILE} names ${quoted(name)}, which is not a generation: it must hold the name of one directory directly inside ` +
      `generations/ (letters, digits, ".", "_" and "-", no path); ${REBUILD}.`,
  );
}

export function manifestChecksum(manifest: Omit<Manifest, 'checksum'> & { checksum?: string }): string {
  const { checksum: _checksum, ...covered } = manifest;
  return sha256(JSON.stringify(covered));
}

type ManifestCheck = (manifest: Manifest, name: string) => string | undefined;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

const checksumMatches: ManifestCheck = (manifest) =>
  typeof manifest.checksum === 'string' && manifest.checksum === manifestChecksum(manifest) ? undefined : 'does not match its checksum (it was edited or damaged)';

const namedAfterDirectory: ManifestCheck = (manifest, name) =>
  manifest.generation === name ? undefined : `calls the generation ${quoted(manifest.generation)}, but it is stored as ${quoted(name)}`;

const countsMatchArticles: ManifestCheck = (manifest) => {
  const counts = manifest.counts as Partial<Manifest['counts']> | undefined;
  if (!counts || !isCount(counts.articles) || !isCount(counts.chunks)) return `has no valid article and chunk counts (${quoted(counts)})`;
  if (!Array.isArray(manifest.articles) || manifest.articles.length !== counts.articles) {
    return `counts ${counts.articles} articles but lists ${Array.isArray(manifest.articles) ? manifest.articles.length : 'none'}`;
  }
  return undefined;
};

/** Article chunk ranges must tile 0..counts.chunks in order: no gap, no overlap, no duplicate id. */
const chunkRangesContiguous: ManifestCheck = (manifest) => {
  const seen = new Set<string>();
  let expectedFirst = 0;
  for (const entry of manifest.articles) {
    if (typeof entry?.id !== 'string' || seen.has(entry.id)) return `lists article ${quoted(entry?.id)} twice or without an id`;
    seen.add(entry.id);
    if (entry.firstChunk !== expectedFirst || !isCount(entry.chunkCount)) {
      return `gives article ${quoted(entry.id)} chunks from ${quoted(entry.firstChunk)} (count ${quoted(entry.chunkCount)}), but its chunks start at ${expectedFirst}`;
    }
    expectedFirst += entry.chunkCount;
  }
  return expectedFirst === manifest.counts.chunks ? undefined : `has article chunk ranges covering ${expectedFirst} chunks, but counts ${manifest.counts.chunks}`;
};

const dimensionsMatchVectors: ManifestCheck = (manifest) => {
  const dimensions = manifest.embedder?.dimensions;
  if (!isCount(dimensions) || dimensions === 0) return `records ${quoted(dimensions)} vector dimensions`;
  const expectedBytes = manifest.counts.chunks * dimensions * BYTES_PER_FLOAT;
  const recordedBytes = manifest.files?.['vectors.f32']?.bytes;
  if (recordedBytes === expectedBytes) return undefined;
  return `records ${dimensions}-dimensional vectors for ${manifest.counts.chunks} chunks (${expectedBytes} bytes), but vectors.f32 holds ${quoted(recordedBytes)} bytes`;
};

/** In order: later checks rely on the shapes earlier ones confirmed. */
const MANIFEST_CHECKS: readonly ManifestCheck[] = [checksumMatches, namedAfterDirectory, countsMatchArticles, chunkRangesContiguous, dimensionsMatchVectors];

export function validateManifest(indexDir: string, name: string, manifest: Manifest): void {
  for (const check of MANIFEST_CHECKS) {
    const problem = check(manifest, name);
    if (problem) throw new IndexError('index_damaged', indexDir, `The manifest of index generation ${quoted(name)} ${problem}; ${REBUILD}.`);
  }
}
