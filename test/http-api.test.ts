import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { citationProblems } from '../src/grounding/citations.js';
import { readEvalQuestions } from '../src/eval/answer-eval.js';
import type { QaService } from '../src/qa-service.js';
import { createApp, type ServiceState } from '../src/server/app.js';
import { listen, parseEventStream, postJson, testService } from './helpers.js';

let base: string;
let service: QaService;
const state: ServiceState = {};

beforeAll(async () => {
  ({ service } = await testService());
  state.service = service;
  base = await listen(createApp({ state: () => state, corsOrigins: ['https://allowed.example'] }));
});

async function ask(body: unknown, headers: Record<string, string> = {}) {
  return postJson(`${base}/api/ask`, body, headers);
}

function expectSoundCitations(answer: any) {
  expect(citationProblems(answer, service.index.articles)).toEqual([]);
  const markers = new Set([...String(answer.answer).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  expect([...markers].sort()).toEqual(answer.citations.map((c: any) => c.n).sort());
  for (const citation of answer.citations) {
    expect(citation.quote).toBe(service.index.articles.get(citation.articleId)!.text.slice(citation.start, citation.end));
    expect(citation.title).toBe(service.index.articles.get(citation.articleId)!.title);
  }
}

describe('POST /api/ask', () => {
  it('answers with markers that resolve to exact quotes', async () => {
    const response = await ask({ question: 'When are the new fighter jets expected to be deployed?' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ refused: false, mode: 'extractive' });
    expect(response.body.answer).toContain('2035');
    expect(response.body.answer).toMatch(/\[1\]/);
    expect(response.body.citations[0]).toMatchObject({ n: 1, articleId: 'fighter-jet-exports', published: '2024-03' });
    expectSoundCitations(response.body);
  });

  it('keeps the citation contract on every question of the eval set', async () => {
    const questions = await readEvalQuestions(resolve('eval/questions.json'));
    for (const item of questions) {
      const response = await ask({ question: item.question, history: item.history ?? [] });
      expect(response.status).toBe(200);
      expectSoundCitations(response.body);
      if (response.body.refused) expect(response.body.citations).toEqual([]);
      else expect(response.body.citations.length).toBeGreaterThan(0);
    }
  });

  it('refuses questions about things the articles never mention, listing related passages', async () => {
    for (const question of ['How many frigates did Japan agree to sell to Brazil?', 'What is the capital of France?', 'What did Emmanuel Macron say about the Tempest fighter?']) {
      const response = await ask({ question });
      expect(response.status).toBe(200);
      expect(response.body.refused).toBe(true);
      expect(response.body.answer).toMatch(/articles/i);
      expect(response.body.citations).toEqual([]);
    }
    const related = await ask({ question: 'How many frigates did Japan agree to sell to Brazil?' });
    // The refusal names what the articles lack.
    expect(related.body.answer).toContain('Brazil');
    expect(related.body.related.length).toBeGreaterThan(0);
    for (const passage of related.body.related) {
      expect(passage.quote).toBe(service.index.articles.get(passage.articleId)!.text.slice(passage.start, passage.end));
    }
  });

  it('answers a follow-up from the conversation history', async () => {
    const followUp = await ask({
      question: 'And when will they be deployed?',
      history: [
        { role: 'user', content: 'Has Japan approved exporting the fighter jets it builds with the UK and Italy?' },
        { role: 'assistant', content: "Japan's cabinet has approved the export of new fighter jets." },
      ],
    });
    expect(followUp.body.refused).toBe(false);
    expect(followUp.body.answer).toContain('2035');
    const welcomed = await ask({ question: 'Who welcomed that decision?', history: [{ role: 'user', content: 'Will Japan sell Patriot missiles to the United States?' }] });
    expect(welcomed.body.answer).toContain('Jake Sullivan');
    expectSoundCitations(welcomed.body);
  });

  it('honours k', async () => {
    const one = await service.retrieve({ question: 'Patriot missiles', k: 1 });
    const many = await service.retrieve({ question: 'Patriot missiles', k: 8 });
    expect(one).toHaveLength(1);
    expect(many).toHaveLength(8);
    expect((await ask({ question: 'Which missiles will Japan sell to the U.S.?', k: 2 })).status).toBe(200);
  });

  it('streams the same answer and citations over Server-Sent Events', async () => {
    const question = { question: 'Who is the White House national security adviser who commented on the Patriot sale?' };
    const json = await ask(question);
    const stream = await ask(question, { accept: 'text/event-stream' });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseEventStream(stream.body);
    const tokens = events.filter((event) => event.event === 'token');
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.map((event) => event.data.text).join('')).toBe(json.body.answer);
    const order = events.map((event) => event.event).filter((name, i, all) => name !== all[i - 1]);
    expect(order).toEqual(['token', 'citations', 'done']);
    expect(events.find((event) => event.event === 'citations')!.data.citations).toEqual(json.body.citations);
    expect(events.at(-1)!.data).toEqual(json.body);
  });
});

describe('bad input', () => {
  const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    ['invalid JSON', () => ask('{"question": '), 400, 'invalid_json'],
    ['wrong content type', () => fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }).then(async (r) => ({ status: r.status, body: await r.json() })), 415, 'unsupported_media_type'],
    ['a body that is not an object', () => ask([1, 2]), 400, 'invalid_body'],
    ['missing question', () => ask({}), 400, 'missing_question'],
    ['blank question', () => ask({ question: '   ' }), 400, 'blank_question'],
    ['non-string question', () => ask({ question: 42 }), 400, 'invalid_question'],
    ['question over the limit', () => ask({ question: 'why '.repeat(600) }), 400, 'question_too_long'],
    ['body over the size limit', () => ask({ question: 'x', history: [{ role: 'user', content: 'y'.repeat(70_000) }] }), 413, 'body_too_large'],
    ['k of zero', () => ask({ question: 'jets', k: 0 }), 400, 'invalid_k'],
    ['k above the bound', () => ask({ question: 'jets', k: 21 }), 400, 'invalid_k'],
    ['k not an integer', () => ask({ question: 'jets', k: 2.5 }), 400, 'invalid_k'],
    ['k as a string', () => ask({ question: 'jets', k: '3' }), 400, 'invalid_k'],
    ['history not an array', () => ask({ question: 'jets', history: 'earlier' }), 400, 'invalid_history'],
    ['history with a bad role', () => ask({ question: 'jets', history: [{ role: 'system', content: 'x' }] }), 400, 'invalid_history'],
    ['history with a missing content', () => ask({ question: 'jets', history: [{ role: 'user' }] }), 400, 'invalid_history'],
    ['unknown field', () => ask({ question: 'jets', temperature: 2 }), 400, 'unknown_field'],
    ['unknown article', () => fetch(`${base}/api/articles/no-such-article`).then(async (r) => ({ status: r.status, body: await r.json() })), 404, 'not_found'],
    ['unknown route', () => fetch(`${base}/api/nothing-here`).then(async (r) => ({ status: r.status, body: await r.json() })), 404, 'not_found'],
    ['wrong method', () => fetch(`${base}/api/ask`).then(async (r) => ({ status: r.status, body: await r.json() })), 405, 'method_not_allowed'],
  ];

  it.each(cases)('%s gets a clear JSON error and the server keeps serving', async (_name, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(10);
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/at \w+ \(|node_modules|\/work\/|express|body-parser|SyntaxError/i);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('articles, health and API description', () => {
  it('lists articles and returns the text that offsets refer to', async () => {
    const list = await (await fetch(`${base}/api/articles`)).json();
    expect(list.articles).toHaveLength(5);
    expect(list.articles[0]).not.toHaveProperty('text');
    const article = await (await fetch(`${base}/api/articles/patriot-missiles-to-us`)).json();
    expect(article).toMatchObject({ id: 'patriot-missiles-to-us', published: '2023-12' });
    expect(article.text).toBe(service.index.articles.get('patriot-missiles-to-us')!.text);
  });

  it('reports readiness and serves the OpenAPI document', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready', articles: 5 });
    const openapi = await (await fetch(`${base}/api/openapi.json`)).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/ask', '/api/articles', '/api/articles/{id}', '/healthz', '/readyz']));
  });

  it('answers 503 with the reason while the index is not loaded', async () => {
    const unready: ServiceState = { problem: 'No index found; run `npm run ingest`.' };
    const url = await listen(createApp({ state: () => unready, corsOrigins: [] }));
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    const answer = await postJson(`${url}/api/ask`, { question: 'jets?' });
    expect(answer.status).toBe(503);
    expect(answer.body.error.message).toContain('npm run ingest');
  });

  it('reports an internal failure without details, as JSON or as an error event', async () => {
    const failing = Object.create(service) as QaService;
    failing.ask = async () => {
      throw new Error('secret internals at /work/src/thing.ts:12');
    };
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const url = await listen(createApp({ state: () => ({ service: failing }), corsOrigins: [] }));
      const json = await postJson(`${url}/api/ask`, { question: 'jets?' });
      expect(json.status).toBe(500);
      expect(json.body).toEqual({ error: { code: 'internal_error', message: 'Something went wrong while answering; please try again.' } });
      const stream = await postJson(`${url}/api/ask`, { question: 'jets?' }, { accept: 'text/event-stream' });
      expect(parseEventStream(stream.body)).toEqual([{ event: 'error', data: { error: { code: 'internal_error', message: 'Something went wrong while answering; please try again.' } } }]);
      expect(JSON.stringify([json.body, stream.body])).not.toContain('secret');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // The details go to the server log instead.
      expect(JSON.stringify(errors.map(String))).toContain('secret internals');
    } finally {
      console.error = originalError;
    }
  });

  it('allows configured and local origins only', async () => {
    const allowed = await fetch(`${base}/api/articles`, { headers: { origin: 'https://allowed.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const local = await fetch(`${base}/api/ask`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await fetch(`${base}/api/articles`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
