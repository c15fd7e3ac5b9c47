// npm start: listens at once, builds the index if there is none, then loads it and serves.
import { createServer } from 'node:http';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { createEmbedder } from '../embeddings/create-embeddings.js';
import { ensureIndex } from '../cli/ensure-index.js';
import { createQaService } from '../qa-service.js';
import { createApp, type ServiceState } from './app.js';
import { mountSite } from './site.js';
import { reloadOnNewGeneration } from './index-reloader.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(1);
}

const state: ServiceState = {};
const app = createApp({ state: () => state, corsOrigins: config.corsOrigins, extraRoutes: (express) => mountSite(express, { state: () => state }) });
const server = createServer(app);
server.listen(config.port, config.host, () => {
  const address = server.address() as import('node:net').AddressInfo;
  console.log(`Listening on http://${config.host}:${address.port}`);
});
server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${config.port} is already in use; set PORT to another port.` : error.message);
  process.exit(1);
});

const embedder = createEmbedder(config);
try {
  await ensureIndex(config, embedder);
  state.service = await createQaService(config, embedder);
  console.log(`Ready: ${state.service.index.manifest.counts.articles} articles, ${state.service.index.manifest.counts.chunks} chunks.`);
} catch (error) {
  state.problem = error instanceof AppError ? error.message : `The index could not be loaded: ${(error as Error).message}`;
  console.error(state.problem);
}
// `npm run ingest` while the server runs: the new generation is picked up within seconds.
reloadOnNewGeneration(config, embedder, state, { intervalMs: 5000 });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
