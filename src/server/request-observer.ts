// Every HTTP request gets an id (X-Request-Id) and, when its response ends, one log line and one
// observation in the request-duration histogram. Route handlers and the error handler only note
// what came of the request (`noteOutcome`); this middleware reports it.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import { answerClientError } from './http-errors.js';
import { LOGGED_TEXT_CHARS, type EventLog } from './logging.js';
import type { AnswerOutcome, ServerMetrics, VerdictOutcome } from './metrics.js';

export interface RequestOutcome {
  /** The question asked; logged only when question logging is on. */
  question?: string;
  answer?: AnswerOutcome;
  /** The claims checked; logged only when question logging is on. */
  claims?: string[];
  verdicts?: VerdictOutcome[];
  /** The error code sent to the client. */
  errorCode?: string;
  /** An unexpected failure: the line is logged as an error, with the stack. */
  failure?: unknown;
}

export interface ObserverOptions {
  logger: EventLog;
  metrics: ServerMetrics;
  /** Whether lines carry the question and claim text (LOG_QUESTIONS). */
  logQuestions: boolean;
}

/** A client's own request id is kept when it is this sane; otherwise the server makes one. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** What came of the request, for its log line and the metrics; later notes add to earlier ones. */
export function noteOutcome(response: Response, outcome: RequestOutcome): void {
  response.locals.outcome = { ...(response.locals.outcome as RequestOutcome | undefined), ...outcome };
}

function requestId(request: Request): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/**
 * The pattern of the route that answered (`/api/articles/:id`, not the path asked for, so that
 * logs and metrics name a bounded set of routes), or `unmatched`. The router sets
 * `request.route` when a route matches; the router's mount path is read at that moment, because
 * an error leaving the router restores `baseUrl` before the response ends.
 */
function watchRoute(request: Request): () => string {
  let route: unknown;
  let pattern: string | undefined;
  Object.defineProperty(request, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: { path?: unknown } | undefined) => {
      route = value;
      if (value?.path !== undefined) pattern = `${request.baseUrl}${String(value.path)}`;
    },
  });
  return () => pattern ?? 'unmatched';
}

function shown(text: string): string {
  return text.length <= LOGGED_TEXT_CHARS ? text : `${text.slice(0, LOGGED_TEXT_CHARS)}…`;
}

function outcomeFields(outcome: RequestOutcome, logQuestions: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (outcome.answer) {
    fields.mode = outcome.answer.mode;
    fields.refused = outcome.answer.refused;
    if (outcome.answer.fallback) fields.fallback = outcome.answer.fallback;
  }
  if (outcome.verdicts) {
    fields.verdicts = outcome.verdicts.map((verdict) => verdict.verdict);
    const fallbacks = outcome.verdicts.flatMap((verdict) => (verdict.fallback ? [verdict.fallback] : []));
    if (fallbacks.length > 0) fields.fallbacks = fallbacks;
  }
  if (outcome.errorCode) fields.errorCode = outcome.errorCode;
  if (logQuestions && outcome.question !== undefined) fields.question = shown(outcome.question);
  if (logQuestions && outcome.claims) fields.claims = outcome.claims.map(shown);
  if (outcome.failure !== undefined) fields.err = outcome.failure;
  return fields;
}

export function observeRequests(options: ObserverOptions): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    const id = requestId(request);
    const route = watchRoute(request);
    response.setHeader('X-Request-Id', id);
    response.once('close', () => {
      const seconds = (performance.now() - started) / 1000;
      // The client went away first: nginx's 499 when nothing was sent, else the status sent.
      const aborted = !response.writableFinished;
      const status = aborted && !response.headersSent ? 499 : response.statusCode;
      const outcome = (response.locals.outcome ?? {}) as RequestOutcome;
      options.metrics.observeRequest(route(), request.method, status, seconds);
      if (outcome.answer) options.metrics.recordAnswer(outcome.answer);
      for (const verdict of outcome.verdicts ?? []) options.metrics.recordVerdict(verdict);
      const fields = {
        requestId: id,
        route: route(),
        method: request.method,
        status,
        durationMs: Math.round(seconds * 1e5) / 100,
        ...(aborted ? { aborted } : {}),
        ...outcomeFields(outcome, options.logQuestions),
      };
      const level = outcome.failure !== undefined ? 'error' : status >= 400 ? 'warn' : 'info';
      options.logger[level](fields, `${request.method} ${route()} ${status}`);
    });
    next();
  };
}

/** Where a request's route is unknown because Node's HTTP parser refused it before Express. */
export const UNPARSED_ROUTE = 'unparsed';

/**
 * Node answers requests it cannot parse (bad framing, oversized headers, timeouts) before any
 * middleware runs: they get their log line and metric here, or an attack of malformed requests
 * would leave no trace.
 */
export function observeClientErrors(server: Server, options: Pick<ObserverOptions, 'logger' | 'metrics'>): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    const answered = answerClientError(error, socket);
    if (!answered) return; // the client had already gone: nothing was sent
    options.metrics.observeRequest(UNPARSED_ROUTE, 'unknown', answered.status, 0);
    options.logger.warn({ route: UNPARSED_ROUTE, status: answered.status, errorCode: answered.code, parserCode: error.code }, `HTTP request refused before routing: ${answered.status} ${answered.code}`);
  });
}
