// The one error handler: typed errors become JSON {error: {code, message}} with the right
// status; anything unexpected is logged and answered without internals.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, InputError } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** body-parser's error types, mapped to what the client should do about them. */
function bodyParserError(error: { type?: string; status?: number; limit?: number }): InputError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new InputError(400, 'invalid_json', 'The request body is not valid JSON; check quotes and commas.');
    case 'entity.too.large':
      return new InputError(413, 'body_too_large', `The request body is larger than the ${Math.round((error.limit ?? 0) / 1024)} KiB limit; send a shorter question.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new InputError(415, 'unsupported_encoding', 'The request body must be UTF-8 JSON.');
    case 'request.aborted':
      return new InputError(400, 'request_aborted', 'The request was aborted before its body arrived.');
    default:
      return undefined;
  }
}

export function toInputError(error: unknown): InputError | undefined {
  if (error instanceof InputError) return error;
  if (typeof error === 'object' && error !== null && 'type' in error) return bodyParserError(error as { type?: string });
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (error, request, response, _next) => {
  const input = toInputError(error);
  if (response.headersSent) {
    response.end();
    return;
  }
  if (input) {
    response.status(input.status).json(errorBody(input.code, input.message));
    return;
  }
  if (error instanceof AppError && error.code === 'not_ready') {
    response.status(503).json(errorBody(error.code, error.message));
    return;
  }
  console.error(`${request.method} ${request.originalUrl} failed:`, error);
  response.status(500).json(errorBody('internal_error', 'Something went wrong while answering; please try again.'));
};

export const requireJson: RequestHandler = (request, _response, next) => {
  if (!request.is('application/json')) {
    next(new InputError(415, 'unsupported_media_type', 'Send the body as JSON with the header "Content-Type: application/json".'));
    return;
  }
  next();
};

export function notFound(message: string): InputError {
  return new InputError(404, 'not_found', message);
}
