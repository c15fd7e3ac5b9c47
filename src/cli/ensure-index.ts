// Makes sure an index exists before serving or answering: the first start on a fresh machine
// builds one from the corpus.
import type { Config } from '../config.js';
import type { Embedder } from '../embeddings/create-embeddings.js';
import { redactedDatabaseUrl } from '../config.js';
import { generationSource, ingestConfigured } from '../index-store/open-index.js';
import { formatSummary } from './ingest-command.js';

export async function ensureIndex(config: Config, embedder: Embedder, log: (line: string) => void = console.error): Promise<void> {
  if (await (await generationSource(config)).current()) return;
  const where = config.indexBackend === 'postgres' ? `the database ${redactedDatabaseUrl(config.database!.url)}` : config.indexDir;
  log(`No index in ${where}; building it from ${config.corpusDir} ...`);
  const summary = await ingestConfigured(config, { embedder });
  log(formatSummary(summary));
}
