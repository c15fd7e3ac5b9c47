// Request body validation with messages that say what was wrong and how to fix it, and the
// work limits that keep one request from holding the server.
import { LIMITS } from '../config.js';
import { InputError, WorkLimitError } from '../errors.js';
import { describeValue, truncate } from './http-errors.js';
import type { ChatTurn } from '../types.js';
import type { AskRequest } from '../qa-service.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(code: string, message: string): InputError {
  return new InputError(code, message);
}

export function requireObject(body: unknown, example: string): Record<string, unknown> {
  if (!isPlainObject(body)) throw invalid('invalid_body', `The request body must be a JSON object such as ${example}.`);
  return body;
}

export function rejectUnknownFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((key) => JSON.stringify(truncate(key, 40)));
    const more = unknown.length > shown.length ? ` and ${unknown.length - shown.length} more` : '';
    throw invalid('unknown_field', `Unknown field${unknown.length > 1 ? 's' : ''} ${shown.join(', ')}${more}; allowed fields are ${allowed.map((key) => `"${key}"`).join(', ')}.`);
  }
}

/**
 * A required, non-blank string of bounded length (questions and claims), trimmed. `subject` is how
 * messages name where it came from, when that is not a JSON field (e.g. "The last user message").
 */
export function requireText(value: unknown, field: string, subject = `The "${field}" field`): string {
  if (value === undefined || value === null) throw invalid(`missing_${field}`, `${subject} is required: send {"${field}": "..."}.`);
  if (typeof value !== 'string') throw invalid(`invalid_${field}`, `${subject} must be a string, not ${Array.isArray(value) ? 'an array' : typeof value}.`);
  const text = value.trim();
  if (text === '') throw invalid(`blank_${field}`, `${subject} is blank; write a ${field} in words.`);
  if (text.length > LIMITS.maxQuestionChars) {
    throw invalid(`${field}_too_long`, `${subject} is ${text.length} characters long; the limit is ${LIMITS.maxQuestionChars}. Shorten it.`);
  }
  return text;
}

function parseHistory(value: unknown): ChatTurn[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid('invalid_history', 'The "history" field must be an array of {"role": "user"|"assistant", "content": string} turns.');
  if (value.length > LIMITS.maxHistoryTurns) {
    throw invalid('invalid_history', `The "history" field has ${value.length} turns; send at most the last ${LIMITS.maxHistoryTurns}.`);
  }
  return value.map((turn, index) => {
    if (!isPlainObject(turn) || (turn.role !== 'user' && turn.role !== 'assistant') || typeof turn.content !== 'string' || Object.keys(turn).some((key) => key !== 'role' && key !== 'content')) {
      throw invalid('invalid_history', `history[${index}] must be {"role": "user"|"assistant", "content": string} with no other fields.`);
    }
    if (turn.content.length > LIMITS.maxQuestionChars * 4) {
      throw invalid('invalid_history', `history[${index}].content is too long; the limit is ${LIMITS.maxQuestionChars * 4} characters.`);
    }
    return { role: turn.role, content: turn.content };
  });
}

function parseK(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS.maxK) {
    throw invalid('invalid_k', `The "k" field must be a whole number from 1 to ${LIMITS.maxK}; got ${describeValue(value)}.`);
  }
  return value;
}

/** k is the request's or, when it sends none, the server's default (which counts toward the work limit). */
export function parseAskBody(body: unknown, defaultK: number): AskRequest {
  const object = requireObject(body, '{"question": "When will the jets be deployed?"}');
  rejectUnknownFields(object, ['question', 'history', 'k']);
  const request: AskRequest = { question: requireText(object.question, 'question'), history: parseHistory(object.history) };
  const k = parseK(object.k);
  if (k !== undefined) request.k = k;
  requireQuestionWithinWorkLimit(request.question, k ?? defaultK);
  return request;
}

/** Retrieval and answering grow with both the question's length and k, so long questions take a smaller k. */
export function requireQuestionWithinWorkLimit(question: string, k: number): void {
  const work = question.length * k;
  if (work <= LIMITS.maxQuestionWork) return;
  const largestK = Math.floor(LIMITS.maxQuestionWork / question.length);
  throw new WorkLimitError(
    'question_work_too_large',
    `A question of ${question.length} characters with k=${k} is more work than one request may ask for (characters times k at most ${LIMITS.maxQuestionWork}); ` +
      (largestK >= 1 ? `send k=${largestK} or less, or shorten the question.` : 'shorten the question.'),
    LIMITS.maxQuestionWork,
    work,
  );
}

export type FactCheckBody = { claim: string } | { claims: string[] };

export function parseFactCheckBody(body: unknown): FactCheckBody {
  const object = requireObject(body, '{"claim": "Japan agreed to sell 11 frigates to Australia."}');
  rejectUnknownFields(object, ['claim', 'claims']);
  if (object.claim !== undefined && object.claims !== undefined) throw invalid('invalid_body', 'Send either "claim" (one string) or "claims" (a list), not both.');
  if (object.claims === undefined) return { claim: requireText(object.claim, 'claim') };
  if (!Array.isArray(object.claims) || object.claims.length === 0) throw invalid('invalid_claims', 'The "claims" field must be a non-empty array of strings.');
  if (object.claims.length > LIMITS.maxClaims) {
    throw invalid('too_many_claims', `The "claims" field has ${object.claims.length} claims; send at most ${LIMITS.maxClaims} per request.`);
  }
  const claims = object.claims.map((claim, index) => {
    try {
      return requireText(claim, 'claim');
    } catch (error) {
      throw invalid('invalid_claims', `claims[${index}]: ${(error as Error).message}`);
    }
  });
  const characters = claims.reduce((sum, claim) => sum + claim.length, 0);
  if (characters > LIMITS.maxBatchClaimChars) {
    throw new WorkLimitError(
      'batch_too_large',
      `The ${claims.length} claims have ${characters} characters together; one request may check at most ${LIMITS.maxBatchClaimChars}. Split them over several requests or shorten them.`,
      LIMITS.maxBatchClaimChars,
      characters,
    );
  }
  return { claims };
}

/** A document to check, pasted: {"text": "..."}; its length and sentences are checked with the plan. */
export function parseDocumentBody(body: unknown): string {
  const object = requireObject(body, '{"text": "Japan agreed to sell 11 frigates to Australia. ..."}');
  rejectUnknownFields(object, ['text']);
  if (object.text === undefined || object.text === null) throw invalid('missing_text', 'The "text" field is required: send {"text": "..."} with the draft to check, or upload a file as multipart/form-data in the field "file".');
  if (typeof object.text !== 'string') throw invalid('invalid_text', `The "text" field must be a string, not ${describeValue(object.text)}.`);
  return object.text;
}
