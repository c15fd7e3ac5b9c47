// One error hierarchy for the whole service: each error says what failed, the value, and the fix.

export class AppError extends Error {
  /** Stable machine-readable code, also used in HTTP error bodies. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

/** A setting in the environment or options is missing or invalid. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('invalid_config', message);
    this.name = 'ConfigError';
  }
}

/** A corpus file could not be read, parsed, or is not a usable article. */
export class CorpusFileError extends AppError {
  readonly file: string;
  readonly reason: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('corpus_file', `${file}: ${reason}`, options);
    this.name = 'CorpusFileError';
    this.file = file;
    this.reason = reason;
  }
}

/** The on-disk index is missing, incompatible or damaged. */
export class IndexError extends AppError {
  readonly directory: string;

  constructor(code: string, directory: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'IndexError';
    this.directory = directory;
  }
}

/** Another ingest holds the index lock. */
export class IndexLockedError extends AppError {
  readonly holderPid: number;

  constructor(lockFile: string, holderPid: number) {
    super(
      'index_locked',
      `Another ingest (pid ${holderPid}) is writing this index (lock file ${lockFile}). ` +
        'Wait for it to finish; if that process no longer exists, the lock is taken over automatically.',
    );
    this.name = 'IndexLockedError';
    this.holderPid = holderPid;
  }
}

/** A request the client can fix; the message says what was wrong and how to fix it. */
export class InputError extends AppError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'InputError';
  }
}

/** The request names something that does not exist (a route, an article). */
export class NotFoundError extends InputError {
  constructor(message: string, code = 'not_found') {
    super(code, message);
    this.name = 'NotFoundError';
  }
}

/** The endpoint exists but not for this method. */
export class MethodNotAllowedError extends InputError {
  readonly allowed: string;

  constructor(allowed: string) {
    super('method_not_allowed', `Use ${allowed} for this endpoint.`);
    this.name = 'MethodNotAllowedError';
    this.allowed = allowed;
  }
}

/** The body's media type, character set or content encoding is not one the server reads. */
export class UnsupportedMediaError extends InputError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'UnsupportedMediaError';
  }
}

/** The client asked for a response format (Accept header or ?format=) the endpoint does not produce. */
export class NotAcceptableError extends InputError {
  constructor(message: string) {
    super('not_acceptable', message);
    this.name = 'NotAcceptableError';
  }
}

/** The request asks for more work than one request may: a body, batch or question over its limit. */
export class WorkLimitError extends InputError {
  readonly limit: number;
  readonly actual: number;

  constructor(code: string, message: string, limit: number, actual: number) {
    super(code, message);
    this.name = 'WorkLimitError';
    this.limit = limit;
    this.actual = actual;
  }
}

/** The client sent more requests than its share. */
export class RateLimitedError extends InputError {
  readonly limitPerMinute: number;
  readonly retryAfterSeconds: number;

  constructor(limitPerMinute: number, retryAfterSeconds: number) {
    super(
      'rate_limited',
      `Too many requests: the limit is ${limitPerMinute} questions and fact-checks per minute per client. Retry after ${retryAfterSeconds} seconds, or batch claims in one request.`,
    );
    this.name = 'RateLimitedError';
    this.limitPerMinute = limitPerMinute;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The service cannot answer yet: the index is loading or failed to load. */
export class NotReadyError extends AppError {
  constructor(reason: string, code = 'not_ready', options?: { cause?: unknown }) {
    super(code, reason, options);
    this.name = 'NotReadyError';
  }
}

/**
 * The index database cannot answer: unreachable, refusing the credentials, missing the schema or
 * the pgvector extension, or too slow. A 503: the server keeps running and recovers by itself when
 * the database does.
 */
export class IndexUnavailableError extends NotReadyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'index_unavailable', options);
    this.name = 'IndexUnavailableError';
  }
}

/** Another ingest holds the index database's advisory lock. */
export class IndexDatabaseLockedError extends AppError {
  readonly holderPid?: number;

  constructor(database: string, holderPid: number | undefined) {
    super(
      'index_locked',
      `Another ingest is writing the index database ${database}${holderPid ? ` (its PostgreSQL backend pid is ${holderPid})` : ''}. ` +
        'Wait for it to finish; the lock goes with that ingest\'s connection, so a killed ingest never blocks the next one.',
    );
    this.name = 'IndexDatabaseLockedError';
    this.holderPid = holderPid;
  }
}

/** A remote provider (embeddings or LLM) failed or answered with something unusable. */
export class ProviderError extends AppError {
  readonly provider: string;

  constructor(provider: string, message: string, options?: { cause?: unknown }) {
    super('provider_failed', `${provider}: ${message}`, options);
    this.name = 'ProviderError';
    this.provider = provider;
  }
}
