// What operators see: one JSON log line per request (with its id, route pattern, status, time
// and outcome), Prometheus metrics at /metrics, and why a language model's result was replaced.
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CACHE_DIR, captureLogs, listen, offlineEmbedder, postJson, PROJECT_CORPUS, temporaryDirectory, testService } from './helpers.js';
import { llmSettings, startFakeOpenAI, type FakeOpenAI } from './fake-openai.js';
import { loadConfig, type LogLevel } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { createQaService, type QaService } from '../src/qa-service.js';
import { createApp, type AppSettings } from '../src/server/app.js';
import { reloadOnNewGeneration } from '../src/server/index-reloader.js';
import { ServerMetrics } from '../src/server/metrics.js';

const QUESTION = 'When will the fighter jets be deployed?';
const CLAIM = 'The new fighter jets are expected to be deployed by 2035.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let offline: QaService;
let llm: QaService;
let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const built = await testService({ ...llmSettings(fake), LLM_TIMEOUT_MS: '400' });
  llm = built.service;
  offline = await createQaService(loadConfig({ CORPUS_DIR: PROJECT_CORPUS, INDEX_DIR: built.config.indexDir, CACHE_DIR }), offlineEmbedder());
});

/** An app on its own port with its own metrics, logging into `records`. */
async function startApp(options: { service?: QaService; settings?: Partial<AppSettings>; level?: LogLevel } = {}) {
  const { logger, records } = await captureLogs(options.level);
  const metrics = new ServerMetrics();
  const service = options.service ?? offline;
  const settings: AppSettings = { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6, ...options.settings };
  const base = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings, logger, metrics }), { logger, metrics });
  /** The line logged for the request whose response carried this id, once the response has ended. */
  const lineFor = async (requestId: string | null): Promise<Record<string, any>> => {
    await expect.poll(() => records.some((record) => record.requestId === requestId), { timeout: 5000 }).toBe(true);
    return records.find((record) => record.requestId === requestId)!;
  };
  return { base, records, metrics, lineFor };
}

/** The value of one sample in a Prometheus text exposition, matched by name and labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.entries(labels).every(([label, value]) => found[label] === value)) return Number(match[3]);
  }
  return undefined;
}

async function scrape(base: string): Promise<string> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('requests refused by the HTTP parser', () => {
  it('are logged as warnings and counted, though Express never sees them', async () => {
    const { base, records, metrics } = await startApp();
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write('GET /api/articles HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n');
    let reply = '';
    socket.on('data', (data) => (reply += data));
    await once(socket, 'close');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    const line = records.find((record) => record.route === 'unparsed');
    expect(line).toMatchObject({ level: 40, status: 400, errorCode: 'invalid_http' });
    expect(line?.stack).toBeUndefined();
    expect(sample(await metrics.render(), 'qa_http_request_duration_seconds_count', { route: 'unparsed', status: '400' })).toBe(1);
  });
});

describe('GET /metrics', () => {
  it('counts requests by route pattern, answers by mode, verdicts by label, and shows the served generation', async () => {
    const { base } = await startApp();
    const asked = await postJson(`${base}/api/ask`, { question: QUESTION });
    expect(asked.body).toMatchObject({ mode: 'extractive', refused: false });
    const checked = await postJson(`${base}/api/factcheck`, { claim: CLAIM });
    expect(checked.status).toBe(200);
    expect((await fetch(`${base}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/api/articles/no-such-article`)).status).toBe(404);

    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4; charset=utf-8/);
    const text = await response.text();
    expect(sample(text, 'qa_http_request_duration_seconds_count', { route: '/api/ask', method: 'POST', status: '200' })).toBe(1);
    expect(sample(text, 'qa_http_request_duration_seconds_count', { route: '/api/factcheck', method: 'POST', status: '200' })).toBe(1);
    expect(sample(text, 'qa_http_request_duration_seconds_count', { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(sample(text, 'qa_http_request_duration_seconds_count', { route: '/api/articles/:id', method: 'GET', status: '404' })).toBe(1);
    expect(sample(text, 'qa_http_request_duration_seconds_bucket', { route: '/api/ask', le: '+Inf' })).toBe(1);
    // No raw path becomes a label.
    expect(text).not.toContain('no-such-article');
    expect(text).not.toContain('nothing-here');
    expect(sample(text, 'qa_answers_total', { mode: 'extractive', refused: 'false' })).toBe(1);
    expect(sample(text, 'qa_verdicts_total', { verdict: checked.body.verdict })).toBe(1);
    expect(sample(text, 'qa_llm_fallbacks_total')).toBeUndefined();

    const generation = offline.index.generation.name;
    expect(sample(text, 'qa_index_articles', { generation })).toBe(offline.index.generation.counts.articles);
    expect(sample(text, 'qa_index_chunks', { generation })).toBe(offline.index.generation.counts.chunks);
    expect(sample(text, 'qa_index_reload_failures_total')).toBe(0);
    // prom-client's defaults: event-loop lag and memory.
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is neither rate-limited nor open to other origins, while the limited routes are counted with their 429s', async () => {
    const { base } = await startApp({ settings: { rateLimitPerMinute: 1 } });
    expect((await postJson(`${base}/api/ask`, { question: QUESTION })).status).toBe(200);
    expect((await postJson(`${base}/api/ask`, { question: QUESTION })).status).toBe(429);
    for (let scrapes = 0; scrapes < 3; scrapes++) {
      const response = await fetch(`${base}/metrics`, { headers: { origin: 'http://localhost:5173' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('ratelimit')).toBeNull();
    }
    const text = await scrape(base);
    expect(sample(text, 'qa_http_request_duration_seconds_count', { route: '/api/ask', method: 'POST', status: '429' })).toBe(1);
    expect(sample(text, 'qa_http_request_duration_seconds_count', { route: '/metrics', method: 'GET', status: '200' })).toBe(3);
  });

  it('counts an index generation that fails to load, and logs it as an event naming the generation', async () => {
    const indexDir = join(await temporaryDirectory(), 'index');
    await mkdir(join(indexDir, 'generations', 'broken-generation'), { recursive: true });
    await writeFile(join(indexDir, 'CURRENT'), 'broken-generation\n');
    const { logger, records } = await captureLogs();
    const metrics = new ServerMetrics({ defaultMetrics: false });
    const config = loadConfig({ CORPUS_DIR: PROJECT_CORPUS, INDEX_DIR: indexDir, CACHE_DIR });
    const reloader = reloadOnNewGeneration(config, offlineEmbedder(), {}, { intervalMs: 60_000, watch: false, logger, metrics });
    try {
      await reloader.check();
      await reloader.check();
    } finally {
      reloader.stop();
    }
    expect(sample(await metrics.render(), 'qa_index_reload_failures_total')).toBe(1);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ level: 50, event: 'index_load_failed', generation: 'broken-generation' });
    expect(records[0]!.msg).toMatch(/could not be loaded/);
  });
});

describe('request log lines', () => {
  it('log an answer with the request id sent back, the route pattern, status, time, mode and refusal, and no question text', async () => {
    const { base, lineFor } = await startApp();
    const asked = await postJson(`${base}/api/ask`, { question: QUESTION });
    const requestId = asked.headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    const line = await lineFor(requestId);
    expect(line).toMatchObject({ level: 30, route: '/api/ask', method: 'POST', status: 200, mode: 'extractive', refused: false, msg: 'POST /api/ask 200' });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line).not.toHaveProperty('question');
    expect(JSON.stringify(line)).not.toContain('fighter jets');

    const checked = await postJson(`${base}/api/factcheck`, { claims: [CLAIM, 'Japan agreed to sell 20 frigates to Australia.'] });
    const batch = await lineFor(checked.headers.get('x-request-id'));
    expect(batch).toMatchObject({ route: '/api/factcheck', status: 200, verdicts: checked.body.results.map((result: { verdict: string }) => result.verdict) });
    expect(JSON.stringify(batch)).not.toContain('frigates');
  });

  it('carry the question and claim text, shortened, with LOG_QUESTIONS=true', async () => {
    const settings = loadConfig({ LOG_QUESTIONS: 'true', RATE_LIMIT_PER_MINUTE: '0' });
    expect(settings.log.questions).toBe(true);
    const { base, lineFor } = await startApp({ settings });
    const asked = await postJson(`${base}/api/ask`, { question: QUESTION });
    expect((await lineFor(asked.headers.get('x-request-id'))).question).toBe(QUESTION);
    const checked = await postJson(`${base}/api/factcheck`, { claim: CLAIM });
    expect(await lineFor(checked.headers.get('x-request-id'))).toMatchObject({ claims: [CLAIM], verdicts: [checked.body.verdict] });

    const long = `${QUESTION} `.repeat(30);
    const longAsked = await postJson(`${base}/api/ask`, { question: long, k: 1 });
    const { question } = await lineFor(longAsked.headers.get('x-request-id'));
    expect(question).toHaveLength(501);
    expect(long.startsWith(question.slice(0, 500))).toBe(true);
  });

  it('keep a sane X-Request-Id from the client and replace any other', async () => {
    const { base, lineFor } = await startApp();
    const own = 'edge-7f3a.2024:retry_1';
    const kept = await fetch(`${base}/api/articles`, { headers: { 'x-request-id': own } });
    expect(kept.headers.get('x-request-id')).toBe(own);
    expect(await lineFor(own)).toMatchObject({ route: '/api/articles', status: 200 });
    for (const bad of ['has spaces', '<script>', 'x'.repeat(65), '']) {
      const replaced = await fetch(`${base}/healthz`, { headers: { 'x-request-id': bad } });
      const id = replaced.headers.get('x-request-id');
      expect(id).toMatch(UUID);
      expect(await lineFor(id)).toMatchObject({ route: '/healthz', status: 200 });
    }
  });

  it('log a 404 as a warning with the error code and without a stack, and leave out what the level excludes', async () => {
    const { base, lineFor, records } = await startApp({ level: 'warn' });
    const missing = await fetch(`${base}/api/articles/no-such-article?secret=1`);
    const line = await lineFor(missing.headers.get('x-request-id'));
    expect(line).toMatchObject({ level: 40, route: '/api/articles/:id', status: 404, errorCode: 'not_found' });
    expect(line).not.toHaveProperty('err');
    expect(JSON.stringify(line)).not.toContain('no-such-article');
    const unmatched = await fetch(`${base}/no/such/page`, { headers: { accept: 'application/json' } });
    expect(await lineFor(unmatched.headers.get('x-request-id'))).toMatchObject({ route: 'unmatched', status: 404 });
    await fetch(`${base}/healthz`);
    await fetch(`${base}/healthz`);
    expect(records.filter((record) => record.route === '/healthz')).toEqual([]);
  });
});

describe('language-model fallbacks', () => {
  it('give each replaced answer and verdict a reason code, logged and counted', async () => {
    const { base, lineFor } = await startApp({ service: llm });
    fake.setChat(() => ({ content: 'Too late [1].', delayMs: 3000 }));
    const slow = await postJson(`${base}/api/ask`, { question: QUESTION });
    expect(slow.body).toMatchObject({ mode: 'extractive', fallback: 'llm_timeout' });
    expect(slow.body.notice).toMatch(/did not answer in time/);
    expect(await lineFor(slow.headers.get('x-request-id'))).toMatchObject({ mode: 'extractive', fallback: 'llm_timeout' });

    fake.setChat(() => ({ content: 'Japan sells 300 tanks to Atlantis every year [1].' }));
    const junk = await postJson(`${base}/api/ask`, { question: QUESTION });
    expect(junk.body).toMatchObject({ mode: 'extractive', fallback: 'llm_unverified' });

    fake.setChat(() => ({ status: 500 }));
    const failed = await postJson(`${base}/api/factcheck`, { claim: CLAIM });
    expect(failed.body).toMatchObject({ mode: 'extractive', fallback: 'llm_unreachable' });

    fake.setChat(() => ({ content: 'I would rather not say.' }));
    const noVerdict = await postJson(`${base}/api/factcheck`, { claim: CLAIM });
    expect(noVerdict.body).toMatchObject({ mode: 'extractive', fallback: 'llm_no_verdict' });
    expect(noVerdict.body.notice).toMatch(/gave no verdict; this verdict was reached from the article sentences instead/);
    expect(await lineFor(noVerdict.headers.get('x-request-id'))).toMatchObject({ fallbacks: ['llm_no_verdict'] });

    const text = await scrape(base);
    expect(sample(text, 'qa_llm_fallbacks_total', { kind: 'answer', reason: 'llm_timeout' })).toBe(1);
    expect(sample(text, 'qa_llm_fallbacks_total', { kind: 'answer', reason: 'llm_unverified' })).toBe(1);
    expect(sample(text, 'qa_llm_fallbacks_total', { kind: 'verdict', reason: 'llm_unreachable' })).toBe(1);
    expect(sample(text, 'qa_llm_fallbacks_total', { kind: 'verdict', reason: 'llm_no_verdict' })).toBe(1);
    expect(sample(text, 'qa_answers_total', { mode: 'extractive', refused: 'false' })).toBe(2);
  });

  it('leave an answer the model gave and the articles bear out without a reason code', async () => {
    const { base } = await startApp({ service: llm });
    fake.setChat((info) => ({ content: `The jets are expected to be deployed by 2035 [${[...info.passages.entries()].find(([, text]) => text.includes('2035'))![0]}].` }));
    const answered = await postJson(`${base}/api/ask`, { question: QUESTION });
    expect(answered.body.mode).toBe('llm');
    expect(answered.body).not.toHaveProperty('fallback');
    expect(sample(await scrape(base), 'qa_answers_total', { mode: 'llm', refused: 'false' })).toBe(1);
  });

  it('are listed in the API description', async () => {
    const { base } = await startApp();
    const { components } = (await (await fetch(`${base}/api/openapi.json`)).json()) as { components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> } };
    for (const schema of ['Answer', 'Verdict']) expect(components.schemas[schema]!.properties.fallback!.enum).toEqual(expect.arrayContaining(['llm_timeout', 'llm_unreachable', 'llm_no_verdict']));
  });
});

describe('log settings', () => {
  it('default to info, the format chosen by the terminal, and no question text', () => {
    expect(loadConfig({}).log).toEqual({ level: 'info', format: 'auto', questions: false });
    expect(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json', LOG_QUESTIONS: 'true' }).log).toEqual({ level: 'debug', format: 'json', questions: true });
  });

  it('refuse values that are not levels, formats or true/false, naming the choices', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL="verbose" is not valid: use one of fatal, error, warn, info, debug, trace, silent.');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT="xml" is not valid: use one of auto, json, pretty/);
    expect(() => loadConfig({ LOG_QUESTIONS: 'yes' })).toThrow(/LOG_QUESTIONS="yes" is not valid: use one of true, false/);
  });
});
