// Keeps a running server on the newest published index: when an ingest publishes a new
// generation, the new index is loaded beside the old one and swapped in, without downtime.
import type { Config } from '../config.js';
import type { Embedder } from '../embeddings/create-embeddings.js';
import { readCurrentGeneration } from '../index-store/load-index.js';
import { createQaService } from '../qa-service.js';
import { AppError } from '../errors.js';
import type { ServiceState } from './app.js';

export interface IndexReloader {
  /** Loads the published generation if it is not the one being served; resolves when done. */
  check(): Promise<void>;
  stop(): void;
}

export function reloadOnNewGeneration(
  config: Config,
  embedder: Embedder,
  state: ServiceState,
  options: { intervalMs: number; log?: (line: string) => void },
): IndexReloader {
  const log = options.log ?? console.log;
  let running: Promise<void> | undefined;
  // A generation that failed to load is not retried (and not logged again) until another is published.
  let failed: string | undefined;
  const check = () => {
    running ??= (async () => {
      let published: string | undefined;
      try {
        published = await readCurrentGeneration(config.indexDir);
        if (!published || published === state.service?.index.manifest.generation || published === failed) return;
        const next = await createQaService(config, embedder);
        state.service = next;
        state.problem = undefined;
        log(`Now serving index generation ${next.index.manifest.generation} (${next.index.manifest.counts.articles} articles).`);
      } catch (error) {
        // The old index, if any, keeps serving.
        failed = published;
        log(`A new index generation could not be loaded: ${error instanceof AppError ? error.message : (error as Error).message}`);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
