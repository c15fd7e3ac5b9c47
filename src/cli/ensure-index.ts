// Makes sure a usable index exists before serving or answering: the first start on a fresh
// machine builds one from the corpus, and an index an older release wrote is rebuilt.
import type { Config } from '../config.js';
import type { Embedder } from '../embeddings/create-embeddings.js';
import { redactedDatabaseUrl } from '../config.js';
import { IndexError } from '../errors.js';
import { readManifest } from '../index-store/load-index.js';
import { generationSource, ingestConfigured } from '../index-store/open-index.js';

const OFFLINE_PREFIX = 'offline-';

/**
 * Why the published file index must be rebuilt before it can serve, if it must. Only what a
 * release changes counts: another file format, or another version of the offline embedder. An
 * index built with another provider is left alone: rebuilding it would silently replace paid
 * embeddings, so loading it stays an error that names the setting.
 */
async function outdatedBy(indexDir: string, embedder: Embedder): Promise<string | undefined> {
  let built: string;
  try {
    built = (await readManifest(indexDir)).manifest.embedder.id;
  } catch (error) {
    if (error instanceof IndexError && error.code === 'index_incompatible') return 'it was written in an older format';
    return undefined; // loading reports any other problem, with its fix
  }
  const offlineUpgrade = built !== embedder.id && built.startsWith(OFFLINE_PREFIX) && embedder.id.startsWith(OFFLINE_PREFIX);
  return offlineUpgrade ? `it was built with ${built}, an older version of the offline embedder (now ${embedder.id})` : undefined;
}

/** `beforeBuilding` runs only when an index is about to be built. */
export async function ensureIndex(config: Config, embedder: Embedder, log: (line: string) => void = console.error, beforeBuilding?: () => void): Promise<void> {
  const where = config.indexBackend === 'postgres' ? `the database ${redactedDatabaseUrl(config.database!.url)}` : config.indexDir;
  if (!(await (await generationSource(config)).current())) {
    log(`No index in ${where}; building it from ${config.corpusDir} ...`);
  } else {
    // The database's schema is migrated by its own ingest; the file format is checked here.
    const reason = config.indexBackend === 'file' ? await outdatedBy(config.indexDir, embedder) : undefined;
    if (!reason) return;
    // Ingest publishes a new generation and keeps the old one beside it.
    log(`The index in ${where} is rebuilt from ${config.corpusDir}: ${reason} ...`);
  }
  beforeBuilding?.();
  const { formatSummary } = await import('./ingest-command.js');
  const summary = await ingestConfigured(config, { embedder });
  log(formatSummary(summary));
}
