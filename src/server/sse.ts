// Server-Sent Events for answers: the text in small pieces, then the citations, then the
// complete response object, so the stream and the JSON response never disagree.
import type { Response } from 'express';
import type { Answer } from '../types.js';

export function startEventStream(response: Response): void {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
}

export function sendEvent(response: Response, event: string, data: unknown): void {
  if (response.writableEnded || response.destroyed) return;
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** An event with data only, as OpenAI-style streams send them (`data: {...}`, `data: [DONE]`). */
export function sendData(response: Response, data: unknown): void {
  if (response.writableEnded || response.destroyed) return;
  response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

/** Pieces of about one word with their following space, markers kept whole. */
export function answerPieces(text: string): string[] {
  return text.match(/\[\d+\]\s*|\S+\s*/g) ?? [];
}

export function streamAnswer(response: Response, answer: Answer): void {
  for (const piece of answerPieces(answer.answer)) sendEvent(response, 'token', { text: piece });
  sendEvent(response, 'citations', { citations: answer.citations });
  sendEvent(response, 'done', answer);
  response.end();
}
