// Writes a complete index generation beside the current one and publishes it atomically:
// a crash at any moment leaves CURRENT pointing at the previous, intact generation.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, Chunk } from '../types.js';
import type { LexicalIndex } from '../retrieval/lexical-index.js';
import type { VectorIndex } from '../retrieval/vector-index.js';
import { fsyncPath, replaceAtomically, sha256File, writeSynced } from './durable-files.js';
import { DATA_FILES, FORMAT_VERSION, type Manifest, paths } from './index-files.js';

export interface GenerationContent {
  manifest: Omit<Manifest, 'files' | 'generation' | 'createdAt' | 'formatVersion'>;
  articles: Article[];
  chunks: Chunk[];
  vectors: Float32Array;
  vectorIndex: VectorIndex;
  lexicalIndex: LexicalIndex;
}

function* jsonLines(items: readonly unknown[]): Iterable<string> {
  for (const item of items) yield `${JSON.stringify(item)}\n`;
}

/** How many published generations to keep: the current one and the one before it. */
const GENERATIONS_KEPT = 2;

export async function writeGeneration(indexDir: string, content: GenerationContent): Promise<Manifest> {
  const createdAt = new Date();
  const name = `${createdAt.toISOString().replace(/[-:.]/g, '').replace('T', '-')}-${process.pid}`;
  const generationsDir = paths.generations(indexDir);
  const staging = join(generationsDir, `${name}.partial`);
  await mkdir(staging, { recursive: true });

  await writeSynced(join(staging, 'articles.jsonl'), jsonLines(content.articles));
  await writeSynced(join(staging, 'chunks.jsonl'), jsonLines(content.chunks));
  await writeSynced(join(staging, 'vectors.f32'), new Uint8Array(content.vectors.buffer, content.vectors.byteOffset, content.vectors.byteLength));
  content.vectorIndex.write(join(staging, 'hnsw.bin'));
  await fsyncPath(join(staging, 'hnsw.bin'));
  await writeSynced(join(staging, 'lexical.bin'), content.lexicalIndex.serialize());

  const files = {} as Manifest['files'];
  for (const file of DATA_FILES) {
    const path = join(staging, file);
    files[file] = { bytes: (await stat(path)).size, sha256: await sha256File(path) };
  }
  const manifest: Manifest = { formatVersion: FORMAT_VERSION, generation: name, createdAt: createdAt.toISOString(), ...content.manifest, files };
  await writeSynced(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await fsyncPath(staging);

  await rename(staging, paths.generation(indexDir, name));
  await fsyncPath(generationsDir);
  await replaceAtomically(paths.current(indexDir), `${name}\n`);
  await fsyncPath(indexDir);
  await removeOldGenerations(indexDir, name);
  return manifest;
}

async function removeOldGenerations(indexDir: string, current: string): Promise<void> {
  const entries = (await readdir(paths.generations(indexDir))).sort();
  // Leftovers of interrupted ingests are never referenced by CURRENT.
  const partial = entries.filter((entry) => entry.endsWith('.partial') && !entry.startsWith(current));
  const complete = entries.filter((entry) => !entry.endsWith('.partial') && entry !== current);
  const stale = [...partial, ...complete.slice(0, Math.max(0, complete.length - (GENERATIONS_KEPT - 1)))];
  await Promise.all(stale.map((entry) => rm(join(paths.generations(indexDir), entry), { recursive: true, force: true })));
}
