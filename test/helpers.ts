// Shared test plumbing: temporary directories and an offline embedder on the shared cache.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { OfflineEmbeddings } from '../src/embeddings/offline-embeddings.js';
import { takeEvents } from '../src/sse-events.js';
import type { Embedder } from '../src/embeddings/create-embeddings.js';

// Suites send many requests from one address; the rate limit is tested with its own settings.
process.env.RATE_LIMIT_PER_MINUTE ??= '0';

export const PROJECT_CORPUS = resolve('corpus');
export const CACHE_DIR = resolve('data/cache');

/** A fresh temporary directory, removed after the suite. */
export async function temporaryDirectory(prefix = 'qa-test-'): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

/** A copy of the project corpus that a test may change. */
export async function copyOfCorpus(): Promise<string> {
  const directory = join(await temporaryDirectory('qa-corpus-'), 'corpus');
  await cp(PROJECT_CORPUS, directory, { recursive: true });
  return directory;
}

export function offlineEmbedder(): Embedder {
  const embeddings = new OfflineEmbeddings({ cacheDir: CACHE_DIR });
  return { id: embeddings.id, dimensions: embeddings.dimensions, embeddings };
}

/**
 * Starts an HTTP server for the app on 127.0.0.1 and a random port; closed after the suite.
 * With `observer`, requests the HTTP parser refuses are logged and counted as in main.ts.
 */
export async function listen(app: import('node:http').RequestListener, observer?: Parameters<typeof import('../src/server/request-observer.js').observeClientErrors>[1]): Promise<string> {
  const { createServer } = await import('node:http');
  const { answerClientError } = await import('../src/server/http-errors.js');
  const { observeClientErrors } = await import('../src/server/request-observer.js');
  const server = createServer(app);
  if (observer) observeClientErrors(server, observer);
  else server.on('clientError', answerClientError);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  const address = server.address() as import('node:net').AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** A config for tests: the project corpus, a fresh index directory, offline providers. */
export async function testConfig(overrides: Record<string, string> = {}): Promise<import('../src/config.js').Config> {
  const { loadConfig } = await import('../src/config.js');
  const indexDir = join(await temporaryDirectory('qa-index-'), 'index');
  return loadConfig({ CORPUS_DIR: PROJECT_CORPUS, INDEX_DIR: indexDir, CACHE_DIR, ...overrides });
}

/** A ready QA service over a freshly built index of the project corpus. */
export async function testService(overrides: Record<string, string> = {}) {
  const { ingest } = await import('../src/index-store/ingest.js');
  const { createQaService } = await import('../src/qa-service.js');
  const config = await testConfig(overrides);
  await ingest({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder: offlineEmbedder() });
  return { config, service: await createQaService(config, offlineEmbedder()) };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (an event stream, for instance): keep the text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** A logger whose JSON lines are kept, parsed, in `records`. */
export async function captureLogs(level: import('../src/config.js').LogLevel = 'info') {
  const { createLogger } = await import('../src/server/logging.js');
  const records: Record<string, any>[] = [];
  const logger = createLogger({ level, format: 'json' }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { logger, records, messages: () => records.map((record) => String(record.msg)) };
}

export function parseEventStream(text: string): { event: string; data: any }[] {
  const { events, rest } = takeEvents(text);
  if (rest.trim() !== '') throw new Error(`unterminated event at the end of the stream: ${rest}`);
  return events;
}

export interface RawResponse {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/** One request exactly as given (any method, raw path, any header, any bytes), for malformed input. */
export function rawRequest(
  base: string,
  spec: { method?: string; path: string; headers?: Record<string, string | number>; body?: Buffer | string; agent?: import('node:http').Agent },
): Promise<RawResponse> {
  return import('node:http').then(
    ({ request }) =>
      new Promise((resolvePromise, reject) => {
        const url = new URL(base);
        const outgoing = request({ host: url.hostname, port: url.port, method: spec.method ?? 'GET', path: spec.path, headers: spec.headers, agent: spec.agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolvePromise({ status: response.statusCode ?? 0, headers: response.headers, text, json });
          });
          response.on('error', reject);
        });
        outgoing.on('error', reject);
        outgoing.end(spec.body);
      }),
  );
}

/** Every article the service's index holds, by id (the whole generation: small in tests). */
export async function articlesOf(service: import('../src/qa-service.js').QaService): Promise<ReadonlyMap<string, import('../src/types.js').Article>> {
  return (await service.index.snapshot()).articles;
}
