// Writes a complete index generation beside the current one and publishes it atomically:
// a crash at any moment leaves CURRENT pointing at the previous, intact generation.
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article, Chunk } from '../types.js';
import type { LexicalIndex } from './lexical-index.js';
import type { VectorIndex } from './vector-index.js';
import { crashPoint } from './crash-points.js';
import { fsyncPath, replaceAtomically, sha256File, writeSynced } from './durable-files.js';
import { DATA_FILES, FORMAT_VERSION, type Manifest, paths } from './index-files.js';
import { removeLeftovers } from './leftovers.js';
import { manifestChecksum } from './validate-manifest.js';

export interface GenerationContent {
  manifest: Omit<Manifest, 'files' | 'generation' | 'createdAt' | 'formatVersion' | 'previousGeneration' | 'checksum'>;
  articles: Article[];
  chunks: Chunk[];
  vectors: Float32Array;
  vectorIndex: VectorIndex;
  lexicalIndex: LexicalIndex;
}

function* jsonLines(items: readonly unknown[]): Iterable<string> {
  for (const item of items) yield `${JSON.stringify(item)}\n`;
}

async function writeDataFiles(staging: string, content: GenerationContent): Promise<Manifest['files']> {
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
  return files;
}

/**
 * Writes and publishes a generation. `previousGeneration` is what CURRENT named when this ingest
 * started: it stays for rollback, and every other generation is removed once this one is published.
 */
export async function writeGeneration(indexDir: string, content: GenerationContent, previousGeneration: string | undefined): Promise<Manifest> {
  const createdAt = new Date();
  const name = `${createdAt.toISOString().replace(/[-:.]/g, '').replace('T', '-')}-${process.pid}`;
  const generationsDir = paths.generations(indexDir);
  const staging = join(generationsDir, `${name}.partial`);
  await mkdir(staging, { recursive: true });

  const files = await writeDataFiles(staging, content);
  crashPoint('data-files-synced');
  const unsigned = { formatVersion: FORMAT_VERSION, generation: name, createdAt: createdAt.toISOString(), previousGeneration, ...content.manifest, files };
  const manifest: Manifest = { ...unsigned, checksum: manifestChecksum(unsigned) };
  await writeSynced(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await fsyncPath(staging);
  crashPoint('manifest-synced');

  await rename(staging, paths.generation(indexDir, name));
  await fsyncPath(generationsDir);
  crashPoint('generation-renamed');
  await replaceAtomically(paths.current(indexDir), `${name}\n`, () => crashPoint('current-staged'));
  crashPoint('current-renamed');
  await fsyncPath(indexDir);
  crashPoint('published');
  await removeLeftovers(indexDir, new Set([name, ...(previousGeneration ? [previousGeneration] : [])]));
  return manifest;
}
