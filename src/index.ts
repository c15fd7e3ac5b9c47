// The package's public surface: configuration, ingestion, the QA service and the HTTP app.
export { loadConfig, LIMITS, type Config } from './config.js';
export { AppError, ConfigError, CorpusFileError, IndexError, IndexLockedError, InputError, ProviderError } from './errors.js';
export type { Answer, Article, ArticleMetadata, ChatTurn, Chunk, Citation, Passage, RelatedPassage } from './types.js';
export { loadCorpus } from './corpus/load-corpus.js';
export { createEmbedder, type Embedder } from './embeddings/create-embeddings.js';
export { ingest, type IngestSummary } from './index-store/ingest.js';
export { loadIndex, type StoredIndex } from './index-store/load-index.js';
export type { SearchIndex } from './index-store/search-index.js';
export { createQaService, QaService, type AskRequest } from './qa-service.js';
export type { Verdict, VerdictLabel } from './factcheck/verdict.js';
export { createApp, type ServiceState } from './server/app.js';
export { mountSite } from './server/site.js';
