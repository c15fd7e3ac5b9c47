// What the OpenAI-compatible API, the MCP server and the LangChain tools need from their host.
import type { RequestHandler } from 'express';
import type { AskRequest, QaService } from '../qa-service.js';
import type { Answer } from '../types.js';

export interface IntegrationOptions {
  /** The ready service; throws NotReadyError while the index is loading or failed to load. */
  service: () => QaService;
  /** How a question is answered: the server's answer cache; `service.ask` when not given. */
  ask?: (service: QaService, request: AskRequest) => Promise<Answer>;
  /** k for questions that do not choose one. */
  defaultK: number;
  /** Resolves when a claim may start being judged (the server's turn gate); at once when not given. */
  beforeJudging?: () => Promise<void>;
}

export interface IntegrationRouteOptions extends IntegrationOptions {
  /** The server's per-client question budget, shared with /api/ask and /api/factcheck. */
  rateLimit: RequestHandler;
}

/** The answer to a question as the host answers it (see IntegrationOptions.ask). */
export function askThrough(options: IntegrationOptions, request: AskRequest): Promise<Answer> {
  const service = options.service();
  return options.ask ? options.ask(service, request) : service.ask(request);
}
