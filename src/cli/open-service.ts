// Opens the QA service for a command-line tool: configuration, index (built if missing), service.
import { loadConfig, type Config } from '../config.js';
import { createEmbedder } from '../embeddings/create-embeddings.js';
import { closeIndexConnections } from '../index-store/open-index.js';
import { createQaService, type QaService } from '../qa-service.js';
import { ensureIndex } from './ensure-index.js';

export interface OpenedService {
  config: Config;
  service: QaService;
}

export async function openService(config: Config = loadConfig()): Promise<OpenedService> {
  const embedder = createEmbedder(config);
  await ensureIndex(config, embedder);
  return { config, service: await createQaService(config, embedder) };
}

/**
 * Runs a one-shot command with the service, then closes the index database's connections, so
 * the process ends when the command is done instead of when the idle connections time out.
 */
export async function withService<T>(work: (opened: OpenedService) => Promise<T>): Promise<T> {
  const config = loadConfig();
  try {
    return await work(await openService(config));
  } finally {
    await closeIndexConnections(config);
  }
}
