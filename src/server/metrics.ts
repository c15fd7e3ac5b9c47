// The server's Prometheus metrics, served at GET /metrics. Each instance owns its registry, so
// several apps in one process (as in the tests) count separately.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FallbackReason } from '../types.js';

export interface AnswerOutcome {
  mode: string;
  refused: boolean;
  fallback?: FallbackReason;
}

export interface VerdictOutcome {
  verdict: string;
  fallback?: FallbackReason;
}

/** The index generation being served, by its directory name. */
export interface ServedGeneration {
  name: string;
  articles: number;
  chunks: number;
}

export class ServerMetrics {
  private readonly registry = new Registry();
  private readonly requestSeconds = new Histogram({
    name: 'qa_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its response, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    // From probes (milliseconds) to answers waiting on a language model (up to its timeout).
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly answers = new Counter({
    name: 'qa_answers_total',
    help: 'Answers given, by answerer mode and whether the question was refused.',
    labelNames: ['mode', 'refused'] as const,
    registers: [this.registry],
  });
  private readonly verdicts = new Counter({
    name: 'qa_verdicts_total',
    help: 'Fact-check verdicts given, by label.',
    labelNames: ['verdict'] as const,
    registers: [this.registry],
  });
  private readonly fallbacks = new Counter({
    name: 'qa_llm_fallbacks_total',
    help: "Answers and verdicts where the language model's result was replaced by the offline one, by kind and reason.",
    labelNames: ['kind', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly articles = new Gauge({
    name: 'qa_index_articles',
    help: 'Articles in the index generation being served.',
    labelNames: ['generation'] as const,
    registers: [this.registry],
  });
  private readonly chunks = new Gauge({
    name: 'qa_index_chunks',
    help: 'Chunks in the index generation being served.',
    labelNames: ['generation'] as const,
    registers: [this.registry],
  });
  private readonly reloadFailures = new Counter({
    name: 'qa_index_reload_failures_total',
    help: 'Published index generations that could not be loaded; the previous one kept serving.',
    registers: [this.registry],
  });
  private readonly answerCacheHits = new Counter({
    name: 'qa_answer_cache_hits_total',
    help: 'Questions answered from the answer cache (the same question, history and k on the same index generation).',
    registers: [this.registry],
  });
  private readonly answerCacheMisses = new Counter({
    name: 'qa_answer_cache_misses_total',
    help: 'Questions the answer cache did not hold, answered by the service.',
    registers: [this.registry],
  });
  private readonly answerCacheEntries = new Gauge({
    name: 'qa_answer_cache_entries',
    help: 'Answers held by the answer cache.',
    registers: [this.registry],
  });
  private readonly answerCacheBytes = new Gauge({
    name: 'qa_answer_cache_bytes',
    help: 'Memory the answer cache counts for its answers and keys (two bytes a character).',
    registers: [this.registry],
  });
  private served: string | undefined;

  /** `defaultMetrics`: prom-client's process and Node.js metrics (memory, CPU, event-loop lag); on by default. */
  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** The Content-Type of `render()`'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requestSeconds.observe({ route, method, status: String(status) }, seconds);
  }

  recordAnswer(answer: AnswerOutcome): void {
    this.answers.inc({ mode: answer.mode, refused: String(answer.refused) });
    if (answer.fallback) this.fallbacks.inc({ kind: 'answer', reason: answer.fallback });
  }

  recordVerdict(verdict: VerdictOutcome): void {
    this.verdicts.inc({ verdict: verdict.verdict });
    if (verdict.fallback) this.fallbacks.inc({ kind: 'verdict', reason: verdict.fallback });
  }

  /** The generation now served, or none: the index gauges then carry only its series. */
  recordGeneration(generation: ServedGeneration | undefined): void {
    if (generation?.name !== this.served) {
      this.articles.reset();
      this.chunks.reset();
      this.served = generation?.name;
    }
    if (!generation) return;
    this.articles.set({ generation: generation.name }, generation.articles);
    this.chunks.set({ generation: generation.name }, generation.chunks);
  }

  recordAnswerCacheLookup(hit: boolean): void {
    (hit ? this.answerCacheHits : this.answerCacheMisses).inc();
  }

  recordAnswerCacheSize(entries: number, bytes: number): void {
    this.answerCacheEntries.set(entries);
    this.answerCacheBytes.set(bytes);
  }

  recordReloadFailure(): void {
    this.reloadFailures.inc();
  }

  /** Every metric in the Prometheus text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
