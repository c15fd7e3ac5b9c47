// The answer cache of POST /api/ask on a real server: repeated questions are served from it and
// counted in /metrics, another history or k is another question, and a new index generation is
// never answered from the previous one's answers.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_DIR, copyOfCorpus, listen, offlineEmbedder, parseEventStream, temporaryDirectory } from './helpers.js';
import { loadConfig, type Config } from '../src/config.js';
import { ingest } from '../src/index-store/ingest.js';
import { createQaService, type QaService } from '../src/qa-service.js';
import { AnswerCache } from '../src/server/answer-cache.js';
import { createApp, type ServiceState } from '../src/server/app.js';
import { reloadOnNewGeneration, type IndexReloader } from '../src/server/index-reloader.js';
import { ServerMetrics } from '../src/server/metrics.js';

const QUESTION = 'When are the new fighter jets expected to be deployed?';
const HISTORY = [
  { role: 'user', content: 'Has Japan approved exporting the fighter jets it builds with the UK and Italy?' },
  { role: 'assistant', content: "Japan's cabinet has approved the export of new fighter jets." },
];

let config: Config;
let corpusDir: string;
let base: string;
let reloader: IndexReloader;
const metrics = new ServerMetrics({ defaultMetrics: false });
const state: ServiceState = {};

async function post(body: unknown, accept = 'application/json'): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The cache's counters as /metrics serves them. */
async function counts(): Promise<{ hits: number; misses: number; entries: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
  return { hits: value('qa_answer_cache_hits_total'), misses: value('qa_answer_cache_misses_total'), entries: value('qa_answer_cache_entries') };
}

/** Changes the deployment year in the article, ingests (a new generation) and waits until the server serves it. */
async function publishNewGeneration(from: string, to: string): Promise<void> {
  const before = state.service!.index.generation.name;
  const file = join(corpusDir, 'fighter-jet-exports.md');
  await writeFile(file, (await readFile(file, 'utf8')).replaceAll(from, to));
  await ingest({ corpusDir, indexDir: config.indexDir, embedder: offlineEmbedder() });
  await reloader.check();
  expect(state.service!.index.generation.name).not.toBe(before);
}

beforeAll(async () => {
  corpusDir = await copyOfCorpus();
  config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: join(await temporaryDirectory('qa-index-'), 'index'), CACHE_DIR });
  await ingest({ corpusDir, indexDir: config.indexDir, embedder: offlineEmbedder() });
  state.service = await createQaService(config, offlineEmbedder());
  const answerCache = new AnswerCache({ entries: 100, bytes: 1024 * 1024 }, metrics);
  reloader = reloadOnNewGeneration(config, offlineEmbedder(), state, { intervalMs: 60_000, watch: false, logger: { info() {}, warn() {}, error() {} }, onSwap: (service) => answerCache.serve(service) });
  const settings = { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6 } as const;
  base = await listen(createApp({ state: () => state, corsOrigins: [], settings, metrics, answerCache }));
});

afterAll(() => reloader.stop());

describe('the answer cache of POST /api/ask', () => {
  it('answers a repeated question with the same body, as JSON and as an event stream, and counts the hits', async () => {
    const first = await post({ question: QUESTION });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).answer).toContain('2035');
    expect(await counts()).toMatchObject({ hits: 0, misses: 1, entries: 1 });

    // Surrounding blanks are not part of the question.
    const again = await post({ question: `  ${QUESTION}\n` });
    expect(again).toEqual(first);
    expect(await counts()).toMatchObject({ hits: 1, misses: 1 });

    const streamed = await post({ question: QUESTION }, 'text/event-stream');
    const events = parseEventStream(streamed.text);
    expect(events.at(-1)).toEqual({ event: 'done', data: JSON.parse(first.text) });
    expect(events.filter((event) => event.event === 'token').map((event) => event.data.text).join('')).toBe(JSON.parse(first.text).answer);
    expect(await counts()).toMatchObject({ hits: 2, misses: 1 });
  });

  it('treats another history or another k as another question', async () => {
    const before = await counts();
    const followUp = await post({ question: 'And when will they be deployed?', history: HISTORY });
    const otherHistory = await post({ question: 'And when will they be deployed?', history: HISTORY.slice(0, 1) });
    const noHistory = await post({ question: 'And when will they be deployed?' });
    const otherK = await post({ question: QUESTION, k: 2 });
    for (const response of [followUp, otherHistory, noHistory, otherK]) expect(response.status).toBe(200);
    expect(await counts()).toMatchObject({ hits: before.hits, misses: before.misses + 4 });
    // The default k written out is the same request as leaving it out.
    await post({ question: QUESTION, k: 6 });
    expect((await counts()).hits).toBe(before.hits + 1);
  });

  it('answers from the new index generation once it is served, never from the previous one', async () => {
    const old = JSON.parse((await post({ question: QUESTION })).text);
    expect(old.answer).toContain('2035');
    await publishNewGeneration('2035', '2037');
    expect((await counts()).entries).toBe(0);

    const before = await counts();
    const renewed = JSON.parse((await post({ question: QUESTION })).text);
    expect(renewed.answer).toContain('2037');
    expect(renewed.answer).not.toContain('2035');
    expect(await counts()).toMatchObject({ hits: before.hits, misses: before.misses + 1, entries: 1 });
  });

  it('does not keep an answer that was finished after a newer generation started being served', async () => {
    const cache = new AnswerCache({ entries: 100, bytes: 1024 * 1024 });
    const older: QaService = state.service!;
    await publishNewGeneration('2037', '2038');
    const newer = state.service!;
    const pending = cache.answer(older, { question: QUESTION });
    cache.serve(newer);
    expect(JSON.parse((await pending).json).answer).toContain('2037');
    expect(cache.size).toBe(0);
    const fresh = await cache.answer(newer, { question: QUESTION });
    expect(fresh.answer?.answer).toContain('2038'); // computed, not read back
    expect(cache.size).toBe(1);
  });

  it('serves the OpenAI-compatible API and MCP from the same cache', async () => {
    const chat = async () => {
      const response = await fetch(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'export-rules-qa', messages: [{ role: 'user', content: 'Who makes the Mogami-class frigates?' }] }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
    };
    const before = await counts();
    const first = await chat();
    const second = await chat();
    expect(second).toBe(first);
    const after = await counts();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    // The same question through POST /api/ask is the same request: read back too.
    await post({ question: 'Who makes the Mogami-class frigates?' });
    expect((await counts()).hits - after.hits).toBe(1);
  });

  it('answers the example questions ahead, so that their first request is read back, and stops for a newer generation', async () => {
    const service = state.service!;
    const examples = ['Who makes the Patriot missiles?', QUESTION];
    const cache = new AnswerCache({ entries: 100, bytes: 1024 * 1024 });
    expect(await cache.warm(service, examples.map((question) => ({ question, history: [] })))).toBe(2);
    // The widget's request: the same question, no history given, no k.
    expect((await cache.answer(service, { question: QUESTION })).answer).toBeUndefined();
    expect(await cache.warm(service, examples.map((question) => ({ question, history: [] })))).toBe(0); // already there
    // A warm-up still running when a newer generation is served stores nothing more.
    const other = new AnswerCache({ entries: 100, bytes: 1024 * 1024 });
    const warming = other.warm(service, examples.map((question) => ({ question, history: [] })));
    other.serve(Object.create(service) as QaService);
    expect(await warming).toBeLessThanOrEqual(1);
    expect(other.size).toBe(0);
  });

  it('keeps at most its entries and bytes, dropping the least recently used first', async () => {
    const service = state.service!;
    const questions = ['Who makes the Patriot missiles?', 'How many countries may receive lethal exports?', QUESTION];
    const twoEntries = new AnswerCache({ entries: 2, bytes: 1024 * 1024 });
    for (const question of questions) await twoEntries.answer(service, { question });
    expect(twoEntries.size).toBe(2);
    expect((await twoEntries.answer(service, { question: questions[0]! })).answer).toBeDefined(); // evicted: computed again
    expect((await twoEntries.answer(service, { question: QUESTION })).answer).toBeUndefined(); // kept: read back

    const oneAnswer = JSON.stringify((await service.ask({ question: QUESTION }))).length;
    const small = new AnswerCache({ entries: 100, bytes: oneAnswer * 3 });
    for (const question of questions) await small.answer(service, { question });
    expect(small.size).toBeLessThan(questions.length);
    expect(small.bytes).toBeLessThanOrEqual(oneAnswer * 3);
  });
});
