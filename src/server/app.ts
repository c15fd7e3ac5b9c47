// The HTTP application, without listen(): routes, validation and one error handler.
// Tests and main.ts both start it on a real port.
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { LIMITS, loadConfig, type Config, type LogConfig } from '../config.js';
import { MethodNotAllowedError, NotFoundError, NotReadyError, RateLimitedError } from '../errors.js';
import type { AskRequest, QaService } from '../qa-service.js';
import type { Answer } from '../types.js';
import { AnswerCache } from './answer-cache.js';
import { corsMiddleware } from './cors.js';
import { documentRoutes, negotiateExport, sendFactCheckResult } from './factcheck-routes.js';
import { NO_EXAMPLES, type Examples } from './examples.js';
import { errorHandler, jsonBody, requireJson, truncate } from './http-errors.js';
import { generationName } from './index-reloader.js';
import { silentLogger, type EventLog } from './logging.js';
import { ServerMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { noteOutcome, observeRequests } from './request-observer.js';
import { startEventStream, streamAnswer } from './sse.js';
import { openAiCompatibleRouter } from '../integrations/openai-compatible.js';
import { mcpRouter } from '../integrations/mcp-route.js';
import { parseAskBody, parseFactCheckBody } from './validation.js';

/** The service may still be loading (or have failed to load) while the server already listens. */
export interface ServiceState {
  service?: QaService;
  /** Why the service is not available, shown to clients by /readyz, 503 answers and pages: no absolute paths (`loadFailureProblem`). */
  problem?: string;
}

export type AppSettings = Pick<Config, 'rateLimitPerMinute' | 'trustProxy' | 'defaultK'> & { log?: Pick<LogConfig, 'questions'> };

export interface AppOptions {
  state: () => ServiceState;
  corsOrigins: readonly string[];
  /** Rate limit, proxy trust and default k; read from the environment when not given. */
  settings?: AppSettings;
  /** Extra routes (widget, pages) mounted before the 404 handler. */
  extraRoutes?: (app: Express) => void;
  /** Where request lines and failures are logged; nowhere when not given. */
  logger?: EventLog;
  /** The metrics served at /metrics; the app's own when not given. */
  metrics?: ServerMetrics;
  /** Example questions and claims for new readers, served at /api/examples; none when not given. */
  examples?: Examples;
  /** Answers to repeated questions on /api/ask; every question is answered afresh when not given. */
  answerCache?: AnswerCache;
}

function readyService(state: ServiceState): QaService {
  if (state.service) return state.service;
  throw new NotReadyError(state.problem ?? 'The article index is still loading; try again in a few seconds.');
}

function methodNotAllowed(allowed: string): RequestHandler {
  return () => {
    throw new MethodNotAllowedError(allowed);
  };
}

function wantsEventStream(request: Request): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/** One budget per client shared by questions and fact-checks, the endpoints that cost real work. */
function questionRateLimit(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_request, _response, next) => next();
  const windowMs = 60_000;
  return rateLimit({
    windowMs,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'questions',
    handler: (request, _response, next) => {
      const resetTime = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      next(new RateLimitedError(perMinute, retryAfterSeconds));
    },
  });
}

/**
 * Judging one claim holds the event loop for tens of milliseconds. Claims of every batch start
 * one per event-loop turn, so probes and questions are served between any two claims however
 * many batches arrive together. Only the start is rationed: a claim waiting on a language model
 * does not hold up the others.
 */
class TurnGate {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves at the start of a loop turn of its own, after pending I/O has been handled. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // An immediate queued from an immediate runs in the next turn, after that turn's I/O.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()!();
      this.schedule();
    });
  }
}

export function createApp(options: AppOptions): Express {
  const settings = options.settings ?? loadConfig();
  const metrics = options.metrics ?? new ServerMetrics();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', settings.trustProxy);
  app.use(observeRequests({ logger: options.logger ?? silentLogger(), metrics, logQuestions: settings.log?.questions ?? false }));
  app.use((_request, response, next) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const state = options.state();
    if (!state.service) {
      response.status(503).json({ status: 'not_ready', reason: state.problem ?? 'The article index is still loading.' });
      return;
    }
    const { generation, backend } = state.service.index;
    // The database backend answers only while its database does: a load balancer stops sending here.
    const health = await state.service.index.health();
    if (!health.ok) {
      response.status(503).json({ status: 'not_ready', backend, generation: generation.name, reason: health.problem });
      return;
    }
    response.json({ status: 'ready', backend, generation: generation.name, articles: generation.counts.articles, chunks: generation.counts.chunks, embedder: generation.embedder.id });
  });
  // Not under /api: no CORS headers, so no other origin's scripts read it; and no rate limit.
  app.get('/metrics', async (_request, response) => {
    const { service } = options.state();
    metrics.recordGeneration(service && { name: generationName(service), ...service.index.generation.counts });
    const text = await metrics.render();
    response.set({ 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' }).send(text);
  });

  const api = express.Router();
  api.use(corsMiddleware(options.corsOrigins));
  const json = jsonBody(LIMITS.maxBodyBytes);
  const claimsJson = jsonBody(LIMITS.maxFactCheckBodyBytes);
  const limited = questionRateLimit(settings.rateLimitPerMinute);
  const judging = new TurnGate();
  const answers = options.answerCache ?? new AnswerCache({ entries: 0, bytes: 0 });

  api.post('/ask', limited, requireJson, json, async (request: Request, response: Response) => {
    const askRequest = parseAskBody(request.body, settings.defaultK);
    noteOutcome(response, { question: askRequest.question });
    const service = readyService(options.state());
    if (!wantsEventStream(request)) {
      const served = await answers.answer(service, askRequest);
      noteOutcome(response, { answer: served.outcome });
      // What response.json() sends, from the JSON text the cache keeps.
      response.type('json').send(served.json);
      return;
    }
    startEventStream(response);
    const served = await answers.answer(service, askRequest);
    noteOutcome(response, { answer: served.outcome });
    streamAnswer(response, served.answer ?? (JSON.parse(served.json) as Answer));
  });
  api.all('/ask', methodNotAllowed('POST'));

  api.post('/factcheck', negotiateExport, limited, requireJson, claimsJson, async (request: Request, response: Response) => {
    const body = parseFactCheckBody(request.body);
    noteOutcome(response, { claims: 'claim' in body ? [body.claim] : body.claims });
    const service = readyService(options.state());
    const checkedAt = new Date();
    if ('claim' in body) {
      await judging.turn();
      const verdict = await service.factcheck(body.claim);
      noteOutcome(response, { verdicts: [verdict] });
      await sendFactCheckResult(request, response, service, { kind: 'claim', verdict }, checkedAt);
      return;
    }
    const results = [];
    for (const claim of body.claims) {
      await judging.turn();
      if (request.socket.destroyed) break;
      results.push(await service.factcheck(claim));
    }
    noteOutcome(response, { verdicts: results });
    if (request.socket.destroyed) return;
    await sendFactCheckResult(request, response, service, { kind: 'batch', verdicts: results }, checkedAt);
  });
  api.all('/factcheck', methodNotAllowed('POST'));
  api.use(documentRoutes({ service: () => readyService(options.state()), limited, judging }));

  api.get('/articles', async (_request, response) => {
    response.json({ articles: await readyService(options.state()).listArticles() });
  });
  api.get('/articles/:id', async (request, response) => {
    const id = String(request.params.id);
    const article = await readyService(options.state()).getArticle(id);
    if (!article) throw new NotFoundError(`No article with id "${truncate(id)}"; GET /api/articles lists the ids.`);
    response.json(article);
  });
  // Needs no index: the widget greets readers with these while the service is still loading.
  api.get('/examples', (_request, response) => {
    response.set('Cache-Control', 'public, max-age=300').json(options.examples ?? NO_EXAMPLES);
  });
  api.get('/openapi.json', (_request, response) => {
    response.json(openApiDocument);
  });
  app.use('/api', api);

  // Existing clients: OpenAI SDKs and chat UIs, and MCP hosts, on the same budget as /api/ask.
  const integrations = {
    service: () => readyService(options.state()),
    ask: (service: QaService, request: AskRequest) => answers.answerObject(service, request),
    defaultK: settings.defaultK,
    rateLimit: limited,
    beforeJudging: () => judging.turn(),
  };
  app.use('/v1', openAiCompatibleRouter(integrations));
  app.use('/mcp', mcpRouter(integrations));

  options.extraRoutes?.(app);

  app.use((request) => {
    throw new NotFoundError(`No route for ${truncate(request.method, 20)} ${truncate(request.path)}; see /api/openapi.json for the API.`);
  });
  app.use(errorHandler);
  return app;
}
