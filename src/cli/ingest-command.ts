// The ingest command shared by `npm run ingest` and the server's first start.
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { createEmbedder } from '../embeddings/create-embeddings.js';
import type { IngestSummary } from '../index-store/ingest-steps.js';
import { ingestConfigured } from '../index-store/open-index.js';
import { createProgress } from './progress.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatSummary(summary: IngestSummary): string {
  const lines = [
    summary.published ? `Published index generation ${summary.generation}.` : summary.articles === 0 ? 'Nothing published: no usable articles.' : 'Index is up to date; nothing to publish.',
    `  articles: ${summary.articles} (${summary.reusedArticles} unchanged and reused)`,
    `  chunks:   ${summary.chunks} (${summary.embeddedChunks} embedded now)`,
    `  size:     ${formatBytes(summary.indexBytes)}`,
    `  time:     ${summary.seconds.toFixed(2)} s (${Object.entries(summary.stageSeconds)
      .map(([stage, seconds]) => `${stage} ${seconds.toFixed(2)} s`)
      .join(', ')})`,
  ];
  for (const failure of summary.failures) lines.push(`  skipped ${failure.file}: ${failure.reason}`);
  return lines.join('\n');
}

/** Returns the process exit code: 0 when every file went in, 1 otherwise. */
export async function runIngestCommand(overrides: { corpusDir?: string; indexDir?: string } = {}): Promise<number> {
  try {
    const config = loadConfig();
    const corpusDir = overrides.corpusDir ? resolve(overrides.corpusDir) : config.corpusDir;
    const indexDir = overrides.indexDir ? resolve(overrides.indexDir) : config.indexDir;
    const progress = createProgress();
    const summary = await ingestConfigured(config, {
      corpusDir,
      indexDir,
      embedder: createEmbedder(config),
      onProgress: (stage, done, total) => progress.update(stage, done, total),
    });
    progress.finish();
    console.log(formatSummary(summary));
    return summary.failures.length === 0 && summary.articles > 0 ? 0 : 1;
  } catch (error) {
    console.error(`ingest failed: ${error instanceof AppError ? error.message : String((error as Error).message ?? error)}`);
    return 1;
  }
}
