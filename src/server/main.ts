// npm start: listens at once, builds the index if there is none, then loads it and serves. On
// SIGTERM or SIGINT it stops accepting connections, lets requests and answer streams in flight
// finish (up to SHUTDOWN_GRACE_MS), and exits 0. Everything it reports goes to the log (stdout).
import { createServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../config.js';
import { AppError } from '../errors.js';
import { createEmbedder } from '../embeddings/create-embeddings.js';
import { loadWordVectors } from '../embeddings/word-vectors.js';
import { ensureIndex } from '../cli/ensure-index.js';
import { generationSource } from '../index-store/open-index.js';
import { createQaService, type QaService } from '../qa-service.js';
import { AnswerCache } from './answer-cache.js';
import { createApp, type ServiceState } from './app.js';
import { loadExamples, type Examples } from './examples.js';
import { describeLoadFailure, generationName, loadFailureProblem, reloadOnNewGeneration } from './index-reloader.js';
import { createLogger } from './logging.js';
import { ServerMetrics } from './metrics.js';
import { observeClientErrors } from './request-observer.js';
import { mountSite } from './site.js';

let config: Config;
let examples: Examples;
try {
  config = loadConfig();
  examples = await loadExamples(config.examplesFile);
} catch (error) {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(1);
}
const logger = createLogger(config.log);
const metrics = new ServerMetrics();
const answerCache = new AnswerCache(config.answerCache, metrics);

// Every index needs the word vectors (the grounding core uses them whatever the embedder), and
// they take longest to load: reading them while the index is found or built overlaps the two.
void loadWordVectors(config.cacheDir).catch(() => {
  // The service load below asks again and reports the failure.
});

const state: ServiceState = {};
const app = createApp({
  state: () => state,
  corsOrigins: config.corsOrigins,
  settings: config,
  logger,
  metrics,
  examples,
  answerCache,
  extraRoutes: (express) => mountSite(express, { state: () => state, logger, examples }),
});
let shuttingDown = false;
const server = createServer((request, response) => {
  // During shutdown no connection is kept alive for another request.
  if (shuttingDown) response.shouldKeepAlive = false;
  app(request, response);
});
observeClientErrors(server, { logger, metrics });
server.requestTimeout = config.http.requestTimeoutMs;
server.headersTimeout = config.http.headersTimeoutMs;
server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
server.maxConnections = config.http.maxConnections;
server.listen(config.port, config.host, () => {
  const address = server.address() as AddressInfo;
  const url = `http://${config.host}:${address.port}`;
  logger.info({ event: 'listening', url }, `Listening on ${url}`);
});
server.on('error', (error: NodeJS.ErrnoException) => {
  logger.fatal({ event: 'listen_failed', code: error.code }, error.code === 'EADDRINUSE' ? `Port ${config.port} is already in use; set PORT to another port.` : error.message);
  process.exit(1);
});

// Requests keep little data alive but allocate quickly under load, and V8's default heap growth
// then holds hundreds of MB of garbage between full collections (five articles: 204 MiB after
// start, 390-480 MiB after 50 s of questions). Favouring size keeps the heap near the live data
// at about the same throughput (npm run bench:server reports both). It is set once the index is
// loaded, since while an index loads it made V8 compact the growing heap again and again (a
// third of the time to ready); but before an index is built here, which without it leaves the
// heap hundreds of MB larger (10,005 articles: 613 against 523 MiB after the questions of npm run bench:server).
const favourSize = () => setFlagsFromString('--optimize-for-size');

const embedder = createEmbedder(config);
const source = await generationSource(config);
try {
  await ensureIndex(config, embedder, (line) => logger.info({ event: 'index_build' }, line), favourSize);
  const started = performance.now();
  state.service = await createQaService(config, embedder);
  const { articles, chunks } = state.service.index.generation.counts;
  logger.info({ event: 'index_loaded', generation: generationName(state.service), articles, chunks, durationMs: Math.round(performance.now() - started) }, `Ready: ${articles} articles, ${chunks} chunks.`);
} catch (error) {
  state.problem = loadFailureProblem(error);
  logger.error({ event: 'index_load_failed' }, describeLoadFailure(error));
}
favourSize();

// The example questions are what new readers click first: answered into the cache once the
// index is served (after /readyz turns ready, so start-up is not slowed), their first click is
// as fast as a repeat. Not with a language model, whose calls cost money at every start.
const warmExamples = (service: QaService) => {
  if (config.answerer !== 'extractive' || examples.questions.length === 0) return;
  const started = performance.now();
  answerCache.warm(service, examples.questions.map((question) => ({ question: question.trim(), history: [] }))).then(
    (stored) => logger.info({ event: 'answer_cache_warmed', generation: generationName(service), stored, durationMs: Math.round(performance.now() - started) }, `Answered ${stored} example questions into the cache.`),
    (error: unknown) => logger.warn({ event: 'answer_cache_warm_failed', generation: generationName(service) }, `Could not answer the example questions ahead: ${error instanceof Error ? error.message : String(error)}`),
  );
};
if (state.service) warmExamples(state.service);
// `npm run ingest` while the server runs: the new generation is picked up at once on its notice,
// and within 2 s by polling when notices do not arrive; a database that was down is asked again
// as often, so the server recovers by itself.
const reloader = reloadOnNewGeneration(config, embedder, state, {
  intervalMs: 2000,
  logger,
  metrics,
  source,
  onSwap: (service) => {
    answerCache.serve(service);
    warmExamples(service);
  },
});
// Not serving: look again at once, so that a store that could not be reached is known as such
// and readiness follows it when it comes back, however soon.
if (!state.service) void reloader.check();

function shutDown(signal: NodeJS.Signals): void {
  // `npm start` passes Ctrl-C on while the terminal sends it too: one drain serves both.
  if (shuttingDown) return;
  shuttingDown = true;
  reloader.stop();
  const graceMs = config.http.shutdownGraceMs;
  logger.info({ event: 'shutdown', signal, graceMs }, `${signal}: no new connections; finishing requests in flight (up to ${graceMs} ms).`);
  server.close(() => {
    logger.info({ event: 'exit' }, 'All requests finished; exiting.');
    process.exit(0);
  });
  // A connection kept alive by a response that started before the signal becomes idle only
  // when that response ends; close such connections as they go idle.
  setInterval(() => server.closeIdleConnections(), 100).unref();
  setTimeout(() => {
    logger.warn({ event: 'exit' }, `Requests still open after ${graceMs} ms were cut off; exiting.`);
    server.closeAllConnections();
    process.exit(0);
  }, graceMs).unref();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutDown);
