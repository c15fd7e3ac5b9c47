// Makes sure an index exists before serving or answering: the first start on a fresh machine
// builds one from the corpus.
import type { Config } from '../config.js';
import type { Embedder } from '../embeddings/create-embeddings.js';
import { ingest } from '../index-store/ingest.js';
import { readCurrentGeneration } from '../index-store/load-index.js';
import { formatSummary } from './ingest-command.js';

export async function ensureIndex(config: Pick<Config, 'indexDir' | 'corpusDir'>, embedder: Embedder, log: (line: string) => void = console.error): Promise<void> {
  if (await readCurrentGeneration(config.indexDir)) return;
  log(`No index in ${config.indexDir}; building it from ${config.corpusDir} ...`);
  const summary = await ingest({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder });
  log(formatSummary(summary));
}
