// The package's public surface: configuration, ingestion, the QA service, the HTTP app, and the
// integrations for existing clients (LangChain, MCP, OpenAI-compatible routes).
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
export { ExportRulesRetriever, createExportRulesTools, type ExportRulesRetrieverInput, type LinkOptions, type PassageMetadata } from './integrations/langchain.js';
export { createMcpServer } from './integrations/mcp.js';
export { mcpRouter } from './integrations/mcp-route.js';
export { openAiCompatibleRouter } from './integrations/openai-compatible.js';
export { MODEL_ID } from './integrations/chat-completion-request.js';
