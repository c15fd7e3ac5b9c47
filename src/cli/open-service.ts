// Opens the QA service for a command-line tool: configuration, index (built if missing), service.
import { loadConfig, type Config } from '../config.js';
import { createEmbedder } from '../embeddings/create-embeddings.js';
import { createQaService, type QaService } from '../qa-service.js';
import { ensureIndex } from './ensure-index.js';

export async function openService(): Promise<{ config: Config; service: QaService }> {
  const config = loadConfig();
  const embedder = createEmbedder(config);
  await ensureIndex(config, embedder);
  return { config, service: await createQaService(config, embedder) };
}
