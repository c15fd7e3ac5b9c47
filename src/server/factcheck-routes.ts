// Fact-check results in the format the client asks for (JSON, Markdown or CSV audit records), and
// POST /api/factcheck/document: a pasted text or an uploaded file, checked sentence by sentence.
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import multer from 'multer';
import { LIMITS } from '../config.js';
import { InputError, MethodNotAllowedError, NotAcceptableError, UnsupportedMediaError, WorkLimitError } from '../errors.js';
import { auditContext, auditJson, EXPORT_FORMATS, exportFormatNamed, renderAudit, type ExportFormat, type FactCheckResult } from '../factcheck/audit-trail.js';
import { byteSize, documentType, readDocument, unsupportedType, type DocumentSource } from '../corpus/read-document.js';
import { checkDocument, planWithinLimits } from '../factcheck/document-check.js';
import type { QaService } from '../qa-service.js';
import { jsonBody, truncate } from './http-errors.js';
import { noteOutcome } from './request-observer.js';
import { requestOrigin } from '../viewer-path.js';
import { parseDocumentBody } from './validation.js';

const FORMAT_HINT = 'use ?format=json, ?format=md or ?format=csv, or Accept: application/json, text/markdown or text/csv';

function chosenFormat(request: Request): ExportFormat {
  const asked = request.query.format;
  if (asked !== undefined) {
    const format = typeof asked === 'string' ? exportFormatNamed(asked) : undefined;
    if (!format) throw new NotAcceptableError(`format=${truncate(String(asked))} is not an export format; ${FORMAT_HINT}.`);
    return format;
  }
  const type = request.accepts(Object.values(EXPORT_FORMATS));
  if (!type) throw new NotAcceptableError(`Accept "${truncate(String(request.headers.accept))}" names no format this endpoint answers in; ${FORMAT_HINT}.`);
  return (Object.keys(EXPORT_FORMATS) as ExportFormat[]).find((format) => EXPORT_FORMATS[format] === type)!;
}

/** Settles the response format before any work (or rate-limit budget) is spent; 406 when none fits. */
export const negotiateExport: RequestHandler = (request, response, next) => {
  response.locals.exportFormat = chosenFormat(request);
  next();
};

/** Sends a fact-check result as negotiated by `negotiateExport`, with what it was checked against. */
export async function sendFactCheckResult(request: Request, response: Response, service: QaService, result: FactCheckResult, checkedAt: Date): Promise<void> {
  const format = (response.locals.exportFormat as ExportFormat | undefined) ?? 'json';
  const context = await auditContext(service.index, result, checkedAt, requestOrigin(request));
  response.vary('Accept');
  if (format === 'json') {
    response.json(auditJson(result, context));
    return;
  }
  const stamp = checkedAt.toISOString().replace(/[:.]/g, '-');
  response.set({
    'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'text/markdown; charset=utf-8',
    'Content-Disposition': `attachment; filename="factcheck-${stamp}.${format}"`,
  });
  response.send(renderAudit(format, result, context));
}

// ---- Uploads ----

/** Multipart framing around the file: boundaries and part headers. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
const UPLOAD_FIELD = 'file';
const UPLOAD_LIMITS = `${byteSize(LIMITS.maxUploadBytes)} upload limit for PDFs (${byteSize(LIMITS.maxUploadTextBytes)} for other files)`;

const MULTER_ERRORS: Record<string, (field: string | undefined) => InputError> = {
  LIMIT_FILE_SIZE: () => new WorkLimitError('file_too_large', `The file is larger than the ${UPLOAD_LIMITS}; check a shorter document or paste its text.`, LIMITS.maxUploadBytes, LIMITS.maxUploadBytes + 1),
  LIMIT_FILE_COUNT: () => new InputError('too_many_files', 'Send one file per request, in the form field "file".'),
  LIMIT_UNEXPECTED_FILE: (field) => new InputError('unexpected_file_field', `The file was sent in the form field "${truncate(field ?? '', 40)}"; send it in the field "file".`),
  LIMIT_FIELD_COUNT: () => new InputError('unexpected_form_field', 'The form may hold only the file, in the field "file"; to check pasted text send JSON {"text": "..."} instead.'),
  LIMIT_PART_COUNT: () => new InputError('unexpected_form_field', 'The form may hold only the file, in the field "file".'),
};

function uploadError(error: unknown): unknown {
  if (error instanceof InputError) return error;
  if (error instanceof multer.MulterError) {
    const known = MULTER_ERRORS[error.code];
    return known ? known(error.field) : new InputError('invalid_multipart', `The upload could not be read (${error.message}); send one file in the form field "file".`);
  }
  // busboy's framing errors ("Unexpected end of form", a missing boundary) are the client's.
  return new InputError('invalid_multipart', `The multipart body could not be read (${truncate((error as Error).message ?? String(error))}); send it as multipart/form-data with one file in the field "file".`);
}

const upload = multer({
  storage: multer.memoryStorage(),
  // The PDF limit, the largest: a smaller text file's limit is applied by readDocument, before it is parsed.
  limits: { fileSize: LIMITS.maxUploadBytes, files: 1, fields: 0, parts: 1, headerPairs: 20 },
  // Refused from its name, before its bytes are read.
  fileFilter: (_request, file, accept) => (documentType(file.originalname) ? accept(null, true) : accept(unsupportedType(file.originalname))),
}).single(UPLOAD_FIELD);

/** Refused unread when its Content-Length already says it is over the limit, like JSON bodies. */
function uploadBody(request: Request, response: Response, next: NextFunction): void {
  const declared = Number(request.headers['content-length']);
  const limit = LIMITS.maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
  if (declared > limit) {
    next(new WorkLimitError('file_too_large', `The upload is ${declared} bytes, over the ${UPLOAD_LIMITS}; check a shorter document or paste its text.`, limit, declared));
    return;
  }
  upload(request, response, (error?: unknown) => next(error ? uploadError(error) : undefined));
}

const documentJson = jsonBody(LIMITS.maxDocumentBodyBytes);

const documentBody: RequestHandler = (request, response, next) => {
  if (request.is('application/json')) documentJson(request, response, next);
  else if (request.is('multipart/form-data')) uploadBody(request, response, next);
  else {
    const sent = request.headers['content-type'];
    next(
      new UnsupportedMediaError(
        'unsupported_media_type',
        `${sent ? `Content-Type "${truncate(sent)}" is not accepted here` : 'The request has no Content-Type'}; send JSON {"text": "..."} with "Content-Type: application/json", or upload a file as multipart/form-data in the field "file".`,
      ),
    );
  }
};

export interface DocumentRouteOptions {
  service: () => QaService;
  /** The rate limit shared with questions and claims. */
  limited: RequestHandler;
  /** Shared with claim batches: each sentence is judged in an event-loop turn of its own. */
  judging: { turn(): Promise<void> };
}

export function documentRoutes(options: DocumentRouteOptions): Router {
  const router = express.Router();
  router.post('/factcheck/document', negotiateExport, options.limited, documentBody, async (request: Request, response: Response) => {
    const { text, source } = request.file ? await readDocument(request.file.buffer, request.file.originalname, 'upload') : request.is('multipart/form-data') ? missingFile() : { text: parseDocumentBody(request.body), source: { kind: 'text' } as DocumentSource };
    const plan = planWithinLimits(text);
    const service = options.service();
    noteOutcome(response, { claims: plan.filter((sentence) => !sentence.skip).map((sentence) => sentence.text) });
    const checkedAt = new Date();
    const document = await checkDocument(text, plan, (claim) => service.factcheck(claim), { beforeEach: () => options.judging.turn(), stopped: () => request.socket.destroyed });
    if (!document) return;
    noteOutcome(response, { verdicts: document.sentences.flatMap((sentence) => (sentence.status === 'checked' ? [sentence.result] : [])) });
    await sendFactCheckResult(request, response, service, { kind: 'document', document, source }, checkedAt);
  });
  router.all('/factcheck/document', () => {
    throw new MethodNotAllowedError('POST');
  });
  return router;
}

function missingFile(): never {
  throw new InputError('missing_file', 'The form has no file; send the document in the form field "file" (multipart/form-data), or send JSON {"text": "..."}.');
}
