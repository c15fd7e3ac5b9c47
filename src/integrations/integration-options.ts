// What the OpenAI-compatible API, the MCP server and the LangChain tools need from their host.
import type { RequestHandler } from 'express';
import type { QaService } from '../qa-service.js';

export interface IntegrationOptions {
  /** The ready service; throws NotReadyError while the index is loading or failed to load. */
  service: () => QaService;
  /** k for questions that do not choose one. */
  defaultK: number;
  /** Resolves when a claim may start being judged (the server's turn gate); at once when not given. */
  beforeJudging?: () => Promise<void>;
}

export interface IntegrationRouteOptions extends IntegrationOptions {
  /** The server's per-client question budget, shared with /api/ask and /api/factcheck. */
  rateLimit: RequestHandler;
}
