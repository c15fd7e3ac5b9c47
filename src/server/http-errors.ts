// The one error handler: domain errors (which carry data, not statuses) and the framework's
// body and path errors become one JSON shape {error: {code, message}} with the right status,
// or an HTML page for the pages people open (routers speaking another protocol, such as
// OpenAI's API or MCP's JSON-RPC, give their own body shape and keep the rest). What failed is noted for the request's log line:
// the error code, and for unexpected failures the error itself, logged with its stack.
import { STATUS_CODES } from 'node:http';
import { basename, isAbsolute, relative } from 'node:path';
import type { Duplex } from 'node:stream';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { AppError, InputError, MethodNotAllowedError, NotAcceptableError, NotFoundError, NotReadyError, RateLimitedError, UnsupportedMediaError, WorkLimitError } from '../errors.js';
import { messagePage, sendPage } from './article-view.js';
import { noteOutcome } from './request-observer.js';
import { sendEvent } from './sse.js';

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

const SHOWN_VALUE_CHARS = 60;

/** A client's text as it may appear in a message: bounded, so a huge value cannot bloat the answer. */
export function truncate(text: string, limit = SHOWN_VALUE_CHARS): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} characters)`;
}

/**
 * A short description of any JSON value for error messages. It never serialises the value whole,
 * because a deeply nested one overflows the stack and a large one bloats the message.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

// Server-side messages (why the index failed to load) name files; clients see them relative to
// the project, or by file name when outside it, never the machine's directory layout.
const ABSOLUTE_PATH = /(?<=^|[\s'"`(=])(?:\/|[A-Za-z]:\\)[^\s'"`;,()<>]*/g;

export function withoutAbsolutePaths(message: string, projectRoot = process.cwd()): string {
  return message.replace(ABSOLUTE_PATH, (path) => {
    const trailing = /[.:]+$/.exec(path)?.[0] ?? '';
    const bare = path.slice(0, path.length - trailing.length);
    if (!isAbsolute(bare) && !/^[A-Za-z]:\\/.test(bare)) return path;
    const fromRoot = relative(projectRoot, bare);
    const shown = fromRoot === '' ? '.' : !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot : basename(bare.replace(/\\/g, '/'));
    return shown + trailing;
  });
}

interface FrameworkError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  code?: unknown;
  limit?: unknown;
  length?: unknown;
  encoding?: unknown;
  charset?: unknown;
  message?: unknown;
}

function clientStatus(error: FrameworkError): number | undefined {
  const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

function bodyTooLarge(limit: number, length: number): WorkLimitError {
  return new WorkLimitError('body_too_large', `The request body is larger than the ${Math.round(limit / 1024)} KiB limit (after decompression); send a shorter question or fewer claims per request.`, limit, length);
}

/**
 * JSON bodies up to `limit` bytes. A body whose Content-Length is already over the limit is
 * refused unread (body-parser would read it all first, to keep the connection).
 */
export function jsonBody(limit: number): RequestHandler {
  const parse = express.json({ limit, strict: false, type: () => true });
  return (request, response, next) => {
    const declared = Number(request.headers['content-length']);
    if (declared > limit && !request.headers['content-encoding']) {
      next(bodyTooLarge(limit, declared));
      return;
    }
    parse(request, response, next);
  };
}

/** body-parser's and the router's errors (they carry a 4xx status), as domain errors. */
function fromFrameworkError(error: unknown, request: Request): InputError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const framework = error as FrameworkError;
  const status = clientStatus(framework);
  if (status === undefined) return undefined;
  const encoding = truncate(String(request.headers['content-encoding'] ?? 'identity'));
  switch (framework.type) {
    case 'entity.parse.failed':
      return new InputError('invalid_json', 'The request body is not valid JSON; check its quotes, commas and brackets.');
    case 'entity.too.large':
      return bodyTooLarge(Number(framework.limit ?? 0), Number(framework.length ?? 0));
    case 'encoding.unsupported':
      return new UnsupportedMediaError('unsupported_encoding', `Content-Encoding "${encoding}" is not supported; send the body uncompressed or compressed with gzip, deflate or br.`);
    case 'charset.unsupported':
      return new UnsupportedMediaError('unsupported_charset', `The charset "${truncate(String(framework.charset ?? ''))}" is not supported; send the body as UTF-8 JSON.`);
    case 'request.aborted':
      return new InputError('request_aborted', 'The request was aborted before its body arrived; send it again.');
    case 'request.size.invalid':
      return new InputError('invalid_content_length', 'The body is not as long as its Content-Length header says; send the header that matches the body, or none.');
  }
  if (typeof framework.code === 'string' && framework.code.startsWith('Z_')) {
    return new InputError('invalid_body_encoding', `The body could not be decompressed as its Content-Encoding "${encoding}" says; send it uncompressed or compress all of it.`);
  }
  if (error instanceof URIError) {
    return new InputError('invalid_path', `The path ${truncate(request.path)} has a percent-escape that is not UTF-8; escape characters as UTF-8 bytes (%C3%A9 for é).`);
  }
  if (status === 413) return new WorkLimitError('body_too_large', 'The request is larger than the server accepts; send less.', 0, 0);
  return new InputError('bad_request', `The request could not be read (${truncate(String(framework.message ?? 'unknown reason'))}); check its headers and body.`);
}

/** Domain errors to HTTP statuses; subclasses come before the classes they extend. */
const STATUS_BY_ERROR: readonly [abstract new (...args: never[]) => AppError, number][] = [
  [RateLimitedError, 429],
  [WorkLimitError, 413],
  [UnsupportedMediaError, 415],
  [MethodNotAllowedError, 405],
  [NotAcceptableError, 406],
  [NotFoundError, 404],
  [InputError, 400],
  [NotReadyError, 503],
];

function statusOf(error: AppError): number {
  return STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? 500;
}

const PAGE_TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Format not available',
  413: 'Request too large',
  415: 'Unsupported request',
  429: 'Too many requests',
  503: 'Not ready yet',
  500: 'Something went wrong',
};

// Pages people open in a browser get an HTML error page; the API and the probes answer JSON.
const JSON_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/widget.js', '/demo.js', '/check.js', '/check.css']);

function wantsPage(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !request.path.startsWith('/api/') && request.path !== '/api' && !JSON_PATHS.has(request.path);
}

const INTERNAL_MESSAGE = 'Something went wrong while answering; please try again.';

function known(error: unknown, request: Request): AppError | undefined {
  if (error instanceof AppError) return error;
  return fromFrameworkError(error, request);
}

/** A JSON error body in a client's own format (OpenAI's, JSON-RPC's) for routers that speak one. */
export type ErrorBodyFormat = (status: number, code: string, message: string) => unknown;

function respond(request: Request, response: Response, status: number, body: ErrorBody, format?: ErrorBodyFormat): void {
  if (response.headersSent) {
    // An answer stream already started: the failure travels as an event the client can show.
    if (!format && String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) sendEvent(response, 'error', body);
    response.end();
    return;
  }
  if (format) {
    response.status(status).json(format(status, body.error.code, body.error.message));
    return;
  }
  if (wantsPage(request)) {
    sendPage(response, status, messagePage(PAGE_TITLES[status] ?? PAGE_TITLES[400]!, body.error.message));
    return;
  }
  response.status(status).json(body);
}

/** A request whose body was sent but not read (a GET without a body has nothing left to read). */
function hasUnreadBody(request: Request): boolean {
  const sendsBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  return sendsBody && !request.readableEnded;
}

/**
 * The error handler, answering in the app's own shape (JSON or an HTML page) or, for a router
 * that speaks another protocol, always JSON in that protocol's `format`; statuses, headers and
 * the log line are the same either way.
 */
export function createErrorHandler(format?: ErrorBodyFormat): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const domain = known(error, request);
    const status = domain ? statusOf(domain) : 500;
    if (status >= 500 && status !== 503) {
      noteOutcome(response, { errorCode: 'internal_error', failure: error });
      respond(request, response, 500, errorBody('internal_error', INTERNAL_MESSAGE), format);
      return;
    }
    noteOutcome(response, { errorCode: domain!.code });
    if (domain instanceof MethodNotAllowedError) response.setHeader('Allow', domain.allowed);
    // A body refused unread is not read to keep the connection: the connection closes instead,
    // so an oversized upload costs its sender a reconnect rather than the server a read.
    if (hasUnreadBody(request) && !response.headersSent) response.setHeader('Connection', 'close');
    if (domain instanceof RateLimitedError && !response.headersSent) response.setHeader('Retry-After', String(domain.retryAfterSeconds));
    respond(request, response, status, errorBody(domain!.code, domain!.message), format);
  };
}

export const errorHandler = createErrorHandler();

export const requireJson: RequestHandler = (request, _response, next) => {
  if (!request.is('application/json')) {
    const sent = request.headers['content-type'];
    next(
      new UnsupportedMediaError(
        'unsupported_media_type',
        `${sent ? `Content-Type "${truncate(sent)}" is not JSON` : 'The request has no Content-Type'}; send the body as JSON with the header "Content-Type: application/json".`,
      ),
    );
    return;
  }
  next();
};

/**
 * Node refuses some requests before express sees them (headers over its size limit, a request
 * line that is not HTTP); wired with server.on('clientError'), they get the same JSON errors.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): { status: number; code: string } | undefined {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return undefined;
  }
  const [status, code, message]: [number, string, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers (with the path) are larger than the server accepts; send fewer or shorter headers, or a shorter path.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request did not arrive in time; send it again without pausing.']
        : [400, 'invalid_http', 'The request is not valid HTTP/1.1; check the request line, the header names and the body framing.'];
  const body = JSON.stringify(errorBody(code, message));
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  return { status, code };
}
