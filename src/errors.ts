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

/** A request the client can fix; carries the HTTP status to answer with. */
export class InputError extends AppError {
  readonly status: number;

  constructor(status: number, code: string, message: string) {
    super(code, message);
    this.name = 'InputError';
    this.status = status;
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
