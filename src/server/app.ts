// The HTTP application, without listen(): routes, validation and one error handler.
// Tests and main.ts both start it on a real port.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { LIMITS } from '../config.js';
import { AppError } from '../errors.js';
import type { QaService } from '../qa-service.js';
import { corsMiddleware } from './cors.js';
import { errorBody, errorHandler, notFound, requireJson, toInputError } from './http-errors.js';
import { openApiDocument } from './openapi.js';
import { sendEvent, startEventStream, streamAnswer } from './sse.js';
import { parseAskBody, parseFactCheckBody } from './validation.js';

/** The service may still be loading (or have failed to load) while the server already listens. */
export interface ServiceState {
  service?: QaService;
  /** Why the service is not available, shown by /readyz and 503 answers. */
  problem?: string;
}

export interface AppOptions {
  state: () => ServiceState;
  corsOrigins: readonly string[];
  /** Extra routes (widget, pages) mounted before the 404 handler. */
  extraRoutes?: (app: Express) => void;
}

function readyService(state: ServiceState): QaService {
  if (state.service) return state.service;
  throw new AppError('not_ready', state.problem ?? 'The article index is still loading; try again in a few seconds.');
}

function methodNotAllowed(allowed: string) {
  return (_request: Request, response: Response) => {
    response.setHeader('Allow', allowed);
    response.status(405).json(errorBody('method_not_allowed', `Use ${allowed} for this endpoint.`));
  };
}

function wantsEventStream(request: Request): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_request, response, next) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', (_request, response) => {
    const state = options.state();
    if (!state.service) {
      response.status(503).json({ status: 'not_ready', reason: state.problem ?? 'The article index is still loading.' });
      return;
    }
    const { manifest } = state.service.index;
    response.json({ status: 'ready', generation: manifest.generation, articles: manifest.counts.articles, chunks: manifest.counts.chunks, embedder: manifest.embedder.id });
  });

  const api = express.Router();
  api.use(corsMiddleware(options.corsOrigins));
  const json = express.json({ limit: LIMITS.maxBodyBytes, strict: false, type: () => true });

  api.post('/ask', requireJson, json, async (request: Request, response: Response, next: NextFunction) => {
    try {
      const askRequest = parseAskBody(request.body);
      const service = readyService(options.state());
      if (!wantsEventStream(request)) {
        response.json(await service.ask(askRequest));
        return;
      }
      startEventStream(response);
      try {
        streamAnswer(response, await service.ask(askRequest));
      } catch (error) {
        // Headers are sent; the failure travels as an event the client can show.
        const input = toInputError(error);
        if (!input) console.error('POST /api/ask (stream) failed:', error);
        sendEvent(response, 'error', errorBody(input?.code ?? 'internal_error', input?.message ?? 'Something went wrong while answering; please try again.'));
        response.end();
      }
    } catch (error) {
      next(error);
    }
  });
  api.all('/ask', methodNotAllowed('POST'));

  api.post('/factcheck', requireJson, json, async (request: Request, response: Response) => {
    const body = parseFactCheckBody(request.body);
    const service = readyService(options.state());
    if ('claim' in body) {
      response.json(await service.factcheck(body.claim));
      return;
    }
    const results = [];
    for (const claim of body.claims) results.push(await service.factcheck(claim));
    response.json({ results });
  });
  api.all('/factcheck', methodNotAllowed('POST'));

  api.get('/articles', (_request, response) => {
    response.json({ articles: readyService(options.state()).listArticles() });
  });
  api.get('/articles/:id', (request, response) => {
    const article = readyService(options.state()).getArticle(String(request.params.id));
    if (!article) throw notFound(`No article with id "${String(request.params.id)}"; GET /api/articles lists the ids.`);
    response.json(article);
  });
  api.get('/openapi.json', (_request, response) => {
    response.json(openApiDocument);
  });
  app.use('/api', api);

  options.extraRoutes?.(app);

  app.use((request, _response, next) => {
    next(notFound(`No route for ${request.method} ${request.path}; see /api/openapi.json for the API.`));
  });
  app.use(errorHandler);
  return app;
}
