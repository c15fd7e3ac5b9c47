// Keeps a running server on the newest published index: when an ingest publishes a new
// generation, the new index is loaded beside the old one and swapped in, without downtime.
//
// The backend's notice (a watch on CURRENT, or LISTEN in PostgreSQL) is heard at once, however
// busy the server is with requests; the timer is the fallback where notices are unavailable or
// unreliable (network mounts, some containers, a database connection that dropped).
import type { Config } from '../config.js';
import type { Embedder } from '../embeddings/create-embeddings.js';
import { fileGenerationSource, type GenerationSource } from '../index-store/generation-source.js';
import { createQaService, type QaService, type QaServiceSettings } from '../qa-service.js';
import { AppError, IndexUnavailableError } from '../errors.js';
import type { ServiceState } from './app.js';
import { withoutAbsolutePaths } from './http-errors.js';
import type { EventLog } from './logging.js';
import type { ServerMetrics } from './metrics.js';

export interface IndexReloader {
  /** Loads the published generation if it is not the one being served; resolves when done. */
  check(): Promise<void>;
  stop(): void;
}

export interface ReloadOptions {
  /** How often to look for a new generation when no change notice arrives. */
  intervalMs: number;
  /** Where swaps and failures are logged, as events naming the generation. */
  logger: EventLog;
  /** Counts the failures. */
  metrics?: Pick<ServerMetrics, 'recordReloadFailure'>;
  /** Listen for publish notices (default true); off, only the timer and explicit checks reload. */
  watch?: boolean;
  /** Where the published generation is read; the index directory's CURRENT by default. */
  source?: GenerationSource;
  /** Builds the service for the published generation; tests may substitute a slower one. */
  load?: () => Promise<QaService>;
  /** Told of each new generation as it starts being served (the answer cache drops the old one's answers). */
  onSwap?: (service: QaService) => void;
}

/** A service's index generation, named by its directory: the manifest's own field is data it carries, not its identity. */
export function generationName(service: QaService): string {
  return service.index.generation.name;
}

function servedGeneration(state: ServiceState): string | undefined {
  return state.service ? generationName(state.service) : undefined;
}

/** Why the index could not be loaded, in full: for the server's log. */
export function describeLoadFailure(error: unknown): string {
  return error instanceof AppError ? error.message : `The index could not be loaded: ${(error as Error).message}`;
}

/** The same for `ServiceState.problem`, which clients see: without the machine's directory layout. */
export function loadFailureProblem(error: unknown): string {
  return withoutAbsolutePaths(describeLoadFailure(error));
}

export function reloadOnNewGeneration(config: QaServiceSettings, embedder: Embedder, state: ServiceState, options: ReloadOptions): IndexReloader {
  const { logger } = options;
  const load = options.load ?? (() => createQaService(config, embedder));
  let running: Promise<void> | undefined;
  // A notice during a load may announce a generation newer than the one being loaded.
  let checkAgain = false;
  // A generation that failed to load (or a CURRENT that names none) is not retried, and not
  // logged again, until CURRENT changes.
  let failed: string | undefined;
  // A store that cannot be reached (the database is down) is asked again on every round; this only
  // keeps the same failure from being logged every round.
  let unreachable: string | undefined;
  let stopped = false;
  const source = options.source ?? fileGenerationSource(config.indexDir);

  /** `generation`: the one published, when it could be read. */
  const reportFailure = (key: string, error: unknown, generation?: string) => {
    // The old index, if any, keeps serving; without one, readiness says why.
    if (!state.service) state.problem = loadFailureProblem(error);
    if (error instanceof IndexUnavailableError) {
      if (unreachable === error.message) return;
      unreachable = error.message;
    } else failed = key;
    options.metrics?.recordReloadFailure();
    logger.error({ event: 'index_load_failed', generation, serving: servedGeneration(state) }, `A new index generation could not be loaded: ${describeLoadFailure(error)}`);
  };

  const loadPublished = async () => {
    let published: string | undefined;
    try {
      published = await source.current();
    } catch (error) {
      if (failed !== describeLoadFailure(error)) reportFailure(describeLoadFailure(error), error);
      return;
    }
    const wasUnreachable = unreachable !== undefined;
    unreachable = undefined;
    if (!published) {
      if (!state.service && wasUnreachable) {
        // The store answers again but holds nothing: readiness says so in the backend's own words
        // (its failure to open an index), no longer that it cannot be reached.
        await load().then(
          () => (checkAgain = true), // published in between: the next round loads it
          (error: unknown) => (state.problem = loadFailureProblem(error)),
        );
      }
      return;
    }
    if (published === servedGeneration(state) || published === failed) return;
    try {
      const started = performance.now();
      const next = await load();
      const previous = servedGeneration(state);
      // In-flight requests hold the service object they started with and finish on the old index.
      state.service = next;
      state.problem = undefined;
      failed = undefined;
      options.onSwap?.(next);
      const { articles, chunks } = next.index.generation.counts;
      logger.info(
        { event: 'index_swapped', generation: generationName(next), previous, articles, chunks, durationMs: Math.round(performance.now() - started) },
        `Now serving index generation ${generationName(next)} (${articles} articles).`,
      );
    } catch (error) {
      reportFailure(published, error, published);
    }
  };

  const check = (): Promise<void> => {
    if (running) {
      checkAgain = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          checkAgain = false;
          await loadPublished();
        } while (checkAgain && !stopped);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const stopWatching = options.watch === false ? undefined : source.watch(() => void check());
  const timer = setInterval(() => void check(), options.intervalMs);
  timer.unref();
  return {
    check,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      stopWatching?.();
    },
  };
}
