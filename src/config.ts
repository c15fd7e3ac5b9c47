// The only place that reads process.env: every setting, its default and its validation.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { DEFAULT_EF_SEARCH } from './index-store/vector-index.js';

export type EmbeddingsProvider = 'offline' | 'openai';
export type AnswererKind = 'extractive' | 'llm';

export interface OpenAIConfig {
  apiKey?: string;
  baseURL?: string;
  chatModel: string;
  embeddingsModel: string;
  /** Per-request timeout for the chat model; on expiry the answer falls back to extractive. */
  timeoutMs: number;
  embeddingsBatchSize: number;
}

export type IndexBackend = 'file' | 'postgres';

/** The PostgreSQL store of INDEX_BACKEND=postgres: several query servers share it. */
export interface DatabaseConfig {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections each process keeps at most. */
  poolSize: number;
  /** Longest a query may run before PostgreSQL cancels it. */
  statementTimeoutMs: number;
  /** Longest to wait for a connection, so a database that went away fails requests quickly. */
  connectTimeoutMs: number;
  /**
   * `disable`, `require` (encrypted, certificate not checked), `verify-ca` (certificate checked
   * against DATABASE_SSL_CA or the system's CAs) or `verify-full` (that, and the host name too).
   */
  ssl: SslMode;
  /** DATABASE_SSL_CA: the file and its PEM text, read once at start so that a bad path stops the process there. */
  sslCa?: { file: string; pem: string };
  /** HNSW_EF_SEARCH, the session default of the query servers' connections (dense search is then one statement). */
  hnswEfSearch: number;
}

const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * DATABASE_SSL, or else the URL's sslmode, or else disable; both set must agree. libpq's `allow`
 * and `prefer` fall back to an unencrypted connection when encryption fails, which the client
 * cannot do: they are refused rather than quietly read as one or the other.
 */
function sslMode(env: Env, url: URL): SslMode {
  const fromUrl = url.searchParams.get('sslmode') ?? undefined;
  const redacted = redactedDatabaseUrl(url.toString());
  if (fromUrl !== undefined && !SSL_MODES.includes(fromUrl as SslMode)) {
    throw new ConfigError(
      `DATABASE_URL=${redacted} asks for sslmode=${fromUrl}, which is not supported: use sslmode=disable, require, verify-ca or verify-full in the URL, or set DATABASE_SSL to one of them.`,
    );
  }
  const chosen = choice(env, 'DATABASE_SSL', SSL_MODES, (fromUrl as SslMode | undefined) ?? 'disable');
  if (fromUrl !== undefined && chosen !== fromUrl) {
    throw new ConfigError(`DATABASE_SSL=${chosen} contradicts sslmode=${fromUrl} in DATABASE_URL=${redacted}: drop one of them or make them the same.`);
  }
  return chosen;
}

export interface Config {
  corpusDir: string;
  indexDir: string;
  indexBackend: IndexBackend;
  /** Set when indexBackend is postgres. */
  database?: DatabaseConfig;
  cacheDir: string;
  /** The example questions and claims shown to new readers (YAML); none when the file is missing. */
  examplesFile: string;
  host: string;
  port: number;
  embeddingsProvider: EmbeddingsProvider;
  answerer: AnswererKind;
  openai: OpenAIConfig;
  /** Passages retrieved per question when the request does not say. */
  defaultK: number;
  hnswEfSearch: number;
  /** Origins allowed to call the API from a browser, besides the server's own and localhost. */
  corsOrigins: string[];
  /** Question and fact-check requests per client per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Express `trust proxy`: which proxies may name the client in X-Forwarded-For. */
  trustProxy: TrustProxy;
  http: HttpServerConfig;
  log: LogConfig;
  /** Answers to repeated questions kept per index generation (see src/server/answer-cache.ts). */
  answerCache: AnswerCacheConfig;
}

/** Bounds of the answer cache; `entries` 0 turns it off. */
export interface AnswerCacheConfig {
  entries: number;
  bytes: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The server's log: JSON lines, or readable lines on a terminal. */
export interface LogConfig {
  level: LogLevel;
  /** `auto`: readable on a terminal, JSON otherwise. */
  format: 'auto' | 'json' | 'pretty';
  /** Whether request lines carry the question or claim text; off, so that what people ask stays out of logs. */
  questions: boolean;
}

/** Limits of the listening socket, so slow or idle clients cannot hold the server's resources. */
export interface HttpServerConfig {
  /** Time to receive a whole request (not to answer it: streams may run longer). */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** On SIGTERM/SIGINT, how long requests and answer streams in flight may take to finish. */
  shutdownGraceMs: number;
}

/** false (the socket address is the client), a hop count, or proxy addresses and subnets. */
export type TrustProxy = false | number | string;

const maxBatchClaimChars = 4000;
const maxDocumentChars = 20_000;

/** Hard limits that are part of the API contract, not settings. */
export const LIMITS = {
  maxK: 20,
  maxQuestionChars: 2000,
  maxHistoryTurns: 20,
  maxBodyBytes: 64 * 1024,
  maxClaims: 20,
  /** Characters of all claims in one batch together: judging costs about 25 ms plus 0.015 ms a character per claim. */
  maxBatchClaimChars,
  /**
   * No valid fact-check body is larger than its claims with every character JSON-escaped
   * (6 bytes, \u0000) plus room for the field names; a larger one is refused from its
   * Content-Length, before it is read or parsed.
   */
  maxFactCheckBodyBytes: maxBatchClaimChars * 6 + 4096,
  /** Question characters times k: retrieval and answering grow with both. */
  maxQuestionWork: 12_000,
  /** Characters of a document to check, pasted or extracted from an uploaded file. */
  maxDocumentChars,
  /**
   * Sentences of one document that are judged (questions and headings skipped do not count): at
   * about 25 ms each, one document holds at most as much judging as two or three full batches.
   */
  maxDocumentSentences: 50,
  /** A pasted document's JSON body: its text with every character escaped, plus room for the field name. */
  maxDocumentBodyBytes: maxDocumentChars * 6 + 4096,
  /** An uploaded PDF: it carries fonts and layout besides its text, so this is well above the text limit. */
  maxUploadBytes: 2 * 1024 * 1024,
  /**
   * Highlighted spans one article-viewer link may ask for: an answer cites a handful of quotes,
   * and each span multiplies the page's markup, so hundreds would make a link cost megabytes.
   */
  maxHighlights: 20,
  /**
   * An uploaded .md, .txt or .html file: its text is at most maxDocumentChars characters of up to
   * 4 UTF-8 bytes each, plus an HTML page's markup; parsing a larger page only to refuse it is waste.
   */
  maxUploadTextBytes: 256 * 1024,
  /**
   * Pages of an uploaded PDF, counted before any text is extracted (about 10 ms and several hundred
   * KB a page): a 2 MB file can hold thousands of pages, while maxDocumentChars fills about 6 pages of
   * dense print or 50 slides.
   */
  maxUploadPdfPages: 50,
} as const;

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" is not valid: use a whole number from ${min} to ${max} (default ${fallback}).`);
  }
  return value;
}

function choice<T extends string>(env: Env, name: string, options: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!options.includes(raw as T)) throw new ConfigError(`${name}="${raw}" is not valid: use one of ${options.join(', ')}.`);
  return raw as T;
}

function trustProxy(env: Env): TrustProxy {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === 'false' || raw === '0') return false;
  // `true` would let any client pick its address in X-Forwarded-For and so escape rate limits.
  if (raw === 'true') throw new ConfigError('TRUST_PROXY="true" is not accepted: set the number of proxies in front of the server (e.g. 1) or their addresses (e.g. "loopback" or "10.0.0.0/8").');
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

function text(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** The URL with its password replaced, for messages and logs. */
export function redactedDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function hnswEfSearch(env: Env): number {
  return integer(env, 'HNSW_EF_SEARCH', DEFAULT_EF_SEARCH, 10, 4096);
}

function databaseConfig(env: Env, backend: IndexBackend): DatabaseConfig | undefined {
  const url = text(env, 'DATABASE_URL');
  if (backend !== 'postgres') return undefined;
  if (!url) throw new ConfigError('INDEX_BACKEND=postgres needs DATABASE_URL, e.g. postgres://qa:secret@db.internal:5432/qa (or set INDEX_BACKEND=file for the index in INDEX_DIR).');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`DATABASE_URL is not a URL: use the form postgres://user:password@host:5432/database.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL=${redactedDatabaseUrl(url)} is not a PostgreSQL URL: it must start with postgres:// or postgresql://.`);
  }
  if (!parsed.hostname) throw new ConfigError(`DATABASE_URL=${redactedDatabaseUrl(url)} names no host: use the form postgres://user:password@host:5432/database.`);
  return {
    url,
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    statementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5000, 100, 3_600_000),
    connectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
    ssl: sslMode(env, parsed),
    sslCa: certificateAuthority(text(env, 'DATABASE_SSL_CA')),
    hnswEfSearch: hnswEfSearch(env),
  };
}

function certificateAuthority(file: string | undefined): DatabaseConfig['sslCa'] {
  if (!file) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`DATABASE_SSL_CA=${file} cannot be read (${(error as Error).message}): name a PEM file with the database server's certificate authority.`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(`DATABASE_SSL_CA=${file} holds no PEM certificate (no -----BEGIN CERTIFICATE----- line): name the database server's certificate authority in PEM form.`);
  }
  return { file, pem };
}

export function loadConfig(env: Env = process.env): Config {
  const apiKey = text(env, 'OPENAI_API_KEY');
  const baseURL = text(env, 'OPENAI_BASE_URL');
  if (baseURL && !/^https?:\/\//.test(baseURL)) {
    throw new ConfigError(`OPENAI_BASE_URL="${baseURL}" is not valid: use an http(s) URL such as http://localhost:11434/v1.`);
  }
  // A key (or a local OpenAI-compatible server) switches both parts to the networked providers
  // unless they are chosen explicitly.
  const networked = apiKey !== undefined;
  const indexBackend = choice(env, 'INDEX_BACKEND', ['file', 'postgres'], 'file');
  const config: Config = {
    corpusDir: resolve(text(env, 'CORPUS_DIR') ?? 'corpus'),
    indexDir: resolve(text(env, 'INDEX_DIR') ?? 'data/index'),
    indexBackend,
    database: databaseConfig(env, indexBackend),
    cacheDir: resolve(text(env, 'CACHE_DIR') ?? 'data/cache'),
    examplesFile: resolve(text(env, 'EXAMPLES_FILE') ?? 'examples.yaml'),
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 3000, 0, 65535),
    embeddingsProvider: choice(env, 'EMBEDDINGS_PROVIDER', ['offline', 'openai'], networked ? 'openai' : 'offline'),
    answerer: choice(env, 'ANSWERER', ['extractive', 'llm'], networked ? 'llm' : 'extractive'),
    openai: {
      apiKey,
      baseURL,
      chatModel: text(env, 'OPENAI_CHAT_MODEL') ?? 'gpt-4o-mini',
      embeddingsModel: text(env, 'OPENAI_EMBEDDINGS_MODEL') ?? 'text-embedding-3-small',
      timeoutMs: integer(env, 'LLM_TIMEOUT_MS', 30_000, 100, 600_000),
      embeddingsBatchSize: integer(env, 'EMBEDDINGS_BATCH_SIZE', 64, 1, 2048),
    },
    defaultK: integer(env, 'RETRIEVAL_K', 6, 1, LIMITS.maxK),
    hnswEfSearch: hnswEfSearch(env),
    corsOrigins: (text(env, 'CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 60, 0, 1_000_000),
    trustProxy: trustProxy(env),
    http: {
      requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
      headersTimeoutMs: integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 1000, 600_000),
      keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 5000, 0, 600_000),
      maxConnections: integer(env, 'MAX_CONNECTIONS', 1000, 1, 1_000_000),
      shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    },
    answerCache: {
      entries: integer(env, 'ANSWER_CACHE_ENTRIES', 1000, 0, 1_000_000),
      bytes: integer(env, 'ANSWER_CACHE_MB', 4, 1, 4096) * 1024 * 1024,
    },
    log: {
      level: choice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      format: choice(env, 'LOG_FORMAT', ['auto', 'json', 'pretty'], 'auto'),
      questions: choice(env, 'LOG_QUESTIONS', ['true', 'false'], 'false') === 'true',
    },
  };
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (config.http.headersTimeoutMs > config.http.requestTimeoutMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS=${config.http.headersTimeoutMs} is longer than REQUEST_TIMEOUT_MS=${config.http.requestTimeoutMs}: make it shorter or equal.`);
  }
  if ((config.embeddingsProvider === 'openai' || config.answerer === 'llm') && !apiKey) {
    throw new ConfigError(
      'The OpenAI-compatible provider needs an API key: set OPENAI_API_KEY (any non-empty value for a local server such as Ollama), ' +
        'or set EMBEDDINGS_PROVIDER=offline and ANSWERER=extractive for the offline default.',
    );
  }
  return config;
}

/** The environment's configuration with some settings replaced, e.g. a bench's --backend flag. */
export function loadConfigWith(overrides: Env): Config {
  return loadConfig({ ...process.env, ...overrides });
}

/**
 * The named ingest step at which the crash-safety check (`npm run crash:ingest`) has ingest kill
 * itself with SIGKILL, to prove a crash there leaves a servable index. Unset in normal use.
 */
export function ingestCrashPoint(env: Env = process.env): string | undefined {
  return text(env, 'INGEST_CRASH_AT');
}
