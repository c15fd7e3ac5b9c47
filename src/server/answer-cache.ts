// Answers to questions asked before, kept as their JSON text for the index generation being
// served: the widget's example questions are asked again and again, and answering one costs
// retrieval and the evidence judge while sending a stored answer costs little more than /healthz.
import type { AnswerCacheConfig } from '../config.js';
import type { AskRequest, QaService } from '../qa-service.js';
import type { Answer } from '../types.js';
import type { AnswerOutcome, ServerMetrics } from './metrics.js';

/** An answer as it is sent: the JSON body, with what the request log and metrics record of it. */
export interface ServedAnswer {
  json: string;
  outcome: AnswerOutcome;
  /** The answer object when it was just computed; a stored one is parsed from `json` when needed. */
  answer?: Answer;
}

interface Entry {
  json: string;
  outcome: AnswerOutcome;
  bytes: number;
}

// A Map entry and its two strings' headers, roughly.
const ENTRY_OVERHEAD_BYTES = 200;

/** The request as the service reads it: the same key means the same answer from the same index. */
function keyOf(request: AskRequest, service: QaService): string {
  return JSON.stringify([request.k ?? service.defaultK, request.question, request.history ?? []]);
}

function outcomeOf(answer: Answer): AnswerOutcome {
  return answer.fallback ? { mode: answer.mode, refused: answer.refused, fallback: answer.fallback } : { mode: answer.mode, refused: answer.refused };
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;
  /** The service whose answers are kept: one index generation, never mixed with another's. */
  private servedBy: QaService | undefined;

  constructor(
    /** `bytes` counts two bytes a character of the answers and their keys. */
    private readonly limits: AnswerCacheConfig,
    private readonly metrics?: Pick<ServerMetrics, 'recordAnswerCacheLookup' | 'recordAnswerCacheSize'>,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The stored answer to this request on this service's index, or a new one (then stored). */
  async answer(service: QaService, request: AskRequest): Promise<ServedAnswer> {
    if (this.limits.entries === 0) return served(await service.ask(request));
    // Requests look up with the service being served when they arrive, so another service here is a newer generation.
    if (service !== this.servedBy) this.serve(service);
    const key = keyOf(request, service);
    const stored = this.entries.get(key);
    this.metrics?.recordAnswerCacheLookup(stored !== undefined);
    if (stored) {
      // Most recently used last: eviction takes the oldest first.
      this.entries.delete(key);
      this.entries.set(key, stored);
      return { json: stored.json, outcome: stored.outcome };
    }
    return this.compute(service, request, key);
  }

  /** Answers afresh and keeps the answer if it is one to keep. */
  private async compute(service: QaService, request: AskRequest, key: string): Promise<ServedAnswer> {
    const answer = await service.ask(request);
    const result = served(answer);
    // A fallback (the language model timed out or failed) is not what the question would get
    // next time; an answer finished after a newer generation was loaded belongs to the old one.
    if (!answer.fallback && service === this.servedBy) this.store(key, result);
    return result;
  }

  /** The answer as an object, for hosts that reshape it (the OpenAI-compatible API, MCP). */
  async answerObject(service: QaService, request: AskRequest): Promise<Answer> {
    const result = await this.answer(service, request);
    return result.answer ?? (JSON.parse(result.json) as Answer);
  }

  /**
   * Answers the requests into the cache ahead of readers (the widget's example questions), one at
   * a time and yielding between them so that live requests are not held up. Stops when a newer
   * generation is served. Returns how many answers it stored.
   */
  async warm(service: QaService, requests: readonly AskRequest[]): Promise<number> {
    if (this.limits.entries === 0) return 0;
    if (this.servedBy === undefined) this.serve(service);
    let stored = 0;
    for (const request of requests) {
      if (service !== this.servedBy) break;
      const key = keyOf(request, service);
      if (this.entries.has(key)) continue;
      await this.compute(service, request, key);
      if (this.entries.has(key)) stored++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return stored;
  }

  /** Starts keeping the answers of `service` (a new generation): the earlier ones are dropped. */
  serve(service: QaService): void {
    this.servedBy = service;
    this.entries.clear();
    this.totalBytes = 0;
    this.metrics?.recordAnswerCacheSize(0, 0);
  }

  private store(key: string, result: ServedAnswer): void {
    const bytes = 2 * (key.length + result.json.length) + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.limits.bytes) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.totalBytes -= previous.bytes;
    }
    this.entries.set(key, { json: result.json, outcome: result.outcome, bytes });
    this.totalBytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.entries && this.totalBytes <= this.limits.bytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= entry.bytes;
    }
    this.metrics?.recordAnswerCacheSize(this.entries.size, this.totalBytes);
  }
}

function served(answer: Answer): ServedAnswer {
  return { json: JSON.stringify(answer), outcome: outcomeOf(answer), answer };
}
