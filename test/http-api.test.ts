import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig, LIMITS } from '../src/config.js';
import { citationProblems } from '../src/grounding/citations.js';
import { readEvalQuestions } from '../src/eval/answer-eval.js';
import type { Article } from '../src/types.js';
import type { QaService } from '../src/qa-service.js';
import { createApp, type AppSettings, type ServiceState } from '../src/server/app.js';
import { withoutAbsolutePaths } from '../src/server/http-errors.js';
import { loadFailureProblem } from '../src/server/index-reloader.js';
import { mountSite } from '../src/server/site.js';
import { articlesOf, captureLogs, listen, parseEventStream, postJson, rawRequest, testService } from './helpers.js';

let base: string;
let service: QaService;
let articles: ReadonlyMap<string, Article>;
const state: ServiceState = {};
const unlimited: AppSettings = { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6 };

beforeAll(async () => {
  ({ service } = await testService());
  state.service = service;
  articles = await articlesOf(service);
  base = await listen(createApp({ state: () => state, corsOrigins: ['https://allowed.example'], settings: unlimited }));
});

async function ask(body: unknown, headers: Record<string, string> = {}) {
  return postJson(`${base}/api/ask`, body, headers);
}

function expectSoundCitations(answer: any) {
  expect(citationProblems(answer, articles)).toEqual([]);
  const markers = new Set([...String(answer.answer).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  expect([...markers].sort()).toEqual(answer.citations.map((c: any) => c.n).sort());
  for (const citation of answer.citations) {
    expect(citation.quote).toBe(articles.get(citation.articleId)!.text.slice(citation.start, citation.end));
    expect(citation.title).toBe(articles.get(citation.articleId)!.title);
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
      expect(passage.quote).toBe(articles.get(passage.articleId)!.text.slice(passage.start, passage.end));
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

async function raw(spec: Parameters<typeof rawRequest>[1]) {
  const response = await rawRequest(base, spec);
  return { status: response.status, body: response.json };
}

function postBytes(body: Buffer | string, headers: Record<string, string>) {
  return raw({ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json', ...headers }, body });
}

function nestedArrays(depth: number): string {
  return `{"question":"x","k":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

const longClaim = (length: number, index: number) => `Claim ${index}: Japan agreed to sell frigates to Australia. `.repeat(Math.ceil(length / 50)).slice(0, length);

describe('bad input', () => {
  const askGzip = gzipSync(JSON.stringify({ question: 'When will the jets be deployed?' }));
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
    ['gzip declared, body not gzip', () => postBytes('{"question":"jets"}', { 'content-encoding': 'gzip' }), 400, 'invalid_body_encoding'],
    ['truncated gzip', () => postBytes(askGzip.subarray(0, askGzip.length - 12), { 'content-encoding': 'gzip' }), 400, 'invalid_body_encoding'],
    ['deflate declared, body not deflate', () => postBytes('not deflate at all', { 'content-encoding': 'deflate' }), 400, 'invalid_body_encoding'],
    ['an unknown content encoding', () => postBytes('{"question":"jets"}', { 'content-encoding': 'x-unheard-of'.repeat(40) }), 415, 'unsupported_encoding'],
    ['a charset other than UTF-8', () => postBytes('{"question":"jets"}', { 'content-type': 'application/json; charset=latin1' }), 415, 'unsupported_charset'],
    ['a huge unknown content type', () => postBytes('{"question":"jets"}', { 'content-type': `text/${'x'.repeat(5000)}` }), 415, 'unsupported_media_type'],
    ['an article id that is not UTF-8 percent-encoding', () => raw({ path: '/api/articles/%ff' }), 400, 'invalid_path'],
    ['k as 5,000 nested arrays', () => postBytes(nestedArrays(5000), {}), 400, 'invalid_k'],
    ['a long string as k', () => ask({ question: 'jets', k: 'z'.repeat(10_000) }), 400, 'invalid_k'],
    ['thousands of long unknown fields', () => ask(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`field-${i}-${'y'.repeat(20)}`, i]).concat([['question', 'jets']]))), 400, 'unknown_field'],
    ['a fact-check batch over the work limit', () => postJson(`${base}/api/factcheck`, { claims: Array.from({ length: 20 }, (_, i) => longClaim(250, i)) }), 413, 'batch_too_large'],
    ['a fact-check body larger than any valid batch', () => postJson(`${base}/api/factcheck`, { claims: Array.from({ length: 20 }, (_, i) => longClaim(2000, i)) }), 413, 'body_too_large'],
    ['a long question with a large k', () => ask({ question: 'Which missiles will Japan sell? '.repeat(40), k: 20 }), 413, 'question_work_too_large'],
  ];

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(cases)('%s gets a clear JSON error and the server keeps serving', async (_name, send, status, code) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(10);
    // Values from the request are shown truncated, never whole.
    expect(response.body.error.message.length).toBeLessThan(400);
    // A client's mistake is not a server failure: nothing goes to the error log.
    expect(logged).not.toHaveBeenCalled();
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
    expect(article.text).toBe(articles.get('patriot-missiles-to-us')!.text);
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
    const { logger, records } = await captureLogs();
    const url = await listen(createApp({ state: () => ({ service: failing }), corsOrigins: [], logger }));
    const json = await postJson(`${url}/api/ask`, { question: 'jets?' });
    expect(json.status).toBe(500);
    expect(json.body).toEqual({ error: { code: 'internal_error', message: 'Something went wrong while answering; please try again.' } });
    const stream = await postJson(`${url}/api/ask`, { question: 'jets?' }, { accept: 'text/event-stream' });
    expect(parseEventStream(stream.body)).toEqual([{ event: 'error', data: { error: { code: 'internal_error', message: 'Something went wrong while answering; please try again.' } } }]);
    expect(JSON.stringify([json.body, stream.body])).not.toContain('secret');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The details go to the server log instead, with the stack.
    await expect.poll(() => records.filter((record) => record.level === 50), { timeout: 5000 }).toHaveLength(2);
    for (const record of records.filter((record) => record.level === 50)) expect(record.err.stack).toContain('secret internals');
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

describe('pages and probes', () => {
  it('answers a viewer path that is not UTF-8 percent-encoding with an HTML page, not JSON or a 500', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const url = await listen(createApp({ state: () => state, corsOrigins: [], settings: unlimited, extraRoutes: (app) => mountSite(app, { state: () => state }) }));
      const viewer = await rawRequest(url, { path: '/articles/%ff' });
      expect(viewer.status).toBe(400);
      expect(viewer.headers['content-type']).toMatch(/^text\/html/);
      expect(viewer.text).toMatch(/percent-escape/);
      expect(viewer.headers['content-security-policy']).toBeTruthy();
      const unknownPage = await rawRequest(url, { path: '/no-such-page' });
      expect(unknownPage.status).toBe(404);
      expect(unknownPage.headers['content-type']).toMatch(/^text\/html/);
      const api = await rawRequest(url, { path: '/api/articles/%ff' });
      expect(api.status).toBe(400);
      expect(api.json.error.code).toBe('invalid_path');
      expect(logged).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('refuses headers over the size limit and requests that are not HTTP with JSON 4xx, and keeps serving', async () => {
    const response = await rawRequest(base, { path: '/api/articles', headers: { 'x-padding': 'p'.repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(response.json.error.code).toBe('headers_too_large');
    const { connect } = await import('node:net');
    const url = new URL(base);
    const reply = await new Promise<string>((done) => {
      let received = '';
      const socket = connect(Number(url.port), url.hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => done(received));
    });
    expect(reply).toMatch(/^HTTP\/1.1 400/);
    expect(reply).toContain('"invalid_http"');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('shows no absolute file paths in /readyz, 503 answers or pages when the index fails to load', async () => {
    const projectPath = resolve('data/index/generations/20240101-000000000Z-1/manifest.json');
    const failure = new Error(`The index manifest in ${projectPath} is missing or unreadable; also tried /srv/elsewhere/index/CURRENT. Run \`npm run ingest\`.`);
    const unready: ServiceState = { problem: loadFailureProblem(failure) };
    const url = await listen(createApp({ state: () => unready, corsOrigins: [], settings: unlimited, extraRoutes: (app) => mountSite(app, { state: () => unready }) }));
    const readiness = await rawRequest(url, { path: '/readyz' });
    const answer = await postJson(`${url}/api/ask`, { question: 'jets?' });
    const startPage = await rawRequest(url, { path: '/' });
    const viewer = await rawRequest(url, { path: '/articles/fighter-jet-exports' });
    expect(readiness.json.reason).toContain('data/index/generations/20240101-000000000Z-1/manifest.json');
    expect(readiness.json.reason).toContain('CURRENT');
    expect(answer.status).toBe(503);
    for (const shown of [readiness.text, JSON.stringify(answer.body), startPage.text, viewer.text]) {
      expect(shown).not.toContain(resolve('.'));
      expect(shown).not.toContain('/srv/elsewhere');
      expect(shown).toContain('npm run ingest');
    }
  });

  it('rewrites absolute paths relative to the project, or to their file name outside it', () => {
    expect(withoutAbsolutePaths('No index found in /work/app/data/index; run it.', '/work/app')).toBe('No index found in data/index; run it.');
    expect(withoutAbsolutePaths('File /tmp/qa-index-1/index/manifest.json.', '/work/app')).toBe('File manifest.json.');
  });
});

describe('rate limiting', () => {
  function limitedApp(settings: Partial<AppSettings>) {
    return listen(createApp({ state: () => state, corsOrigins: [], settings: { ...unlimited, ...settings } }));
  }

  it('limits questions and fact-checks per client with standard headers and a JSON 429', async () => {
    const url = await limitedApp({ rateLimitPerMinute: 3 });
    const first = await postJson(`${url}/api/ask`, { question: 'Which missiles will Japan sell to the U.S.?' });
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toMatch(/q=3/);
    expect(first.headers.get('ratelimit')).toMatch(/r=2/);
    // Fact-checks and questions share one budget.
    expect((await postJson(`${url}/api/factcheck`, { claim: 'Japan will sell Patriot missiles to the United States.' })).status).toBe(200);
    expect((await postJson(`${url}/api/ask`, { question: 'jets?' }, { accept: 'text/event-stream' })).status).toBe(200);
    const limited = await postJson(`${url}/api/ask`, { question: 'jets?' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.body.error.message).toMatch(/3 questions and fact-checks per minute/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postJson(`${url}/api/factcheck`, { claims: ['Japan sells jets.'] })).status).toBe(429);
    // Probes and reading articles are never limited.
    for (const path of ['/healthz', '/readyz', '/api/articles']) {
      for (let i = 0; i < 5; i++) expect((await fetch(`${url}${path}`)).status).toBe(200);
    }
    expect((await fetch(`${url}/metrics`)).status).not.toBe(429);
  });

  it('counts clients by the proxy-forwarded address only when TRUST_PROXY says to', async () => {
    const behindProxy = await limitedApp({ rateLimitPerMinute: 1, trustProxy: 1 });
    const from = (address: string) => postJson(`${behindProxy}/api/ask`, { question: 'jets?' }, { 'x-forwarded-for': address });
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429);
    expect((await from('203.0.113.2')).status).toBe(200);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const direct = await limitedApp({ rateLimitPerMinute: 1, trustProxy: false });
      const spoofed = (address: string) => postJson(`${direct}/api/ask`, { question: 'jets?' }, { 'x-forwarded-for': address });
      expect((await spoofed('203.0.113.1')).status).toBe(200);
      expect((await spoofed('203.0.113.2')).status).toBe(429);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('sends no rate-limit headers when RATE_LIMIT_PER_MINUTE is 0', async () => {
    const response = await postJson(`${base}/api/ask`, { question: 'jets?' });
    expect(response.headers.get('ratelimit')).toBeNull();
  });

  it('reads RATE_LIMIT_PER_MINUTE and TRUST_PROXY, defaulting to 60 and no proxy', () => {
    expect(loadConfig({})).toMatchObject({ rateLimitPerMinute: 60, trustProxy: false });
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0', TRUST_PROXY: '1' })).toMatchObject({ rateLimitPerMinute: 0, trustProxy: 1 });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: 'many' })).toThrow(/RATE_LIMIT_PER_MINUTE="many" is not valid/);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/number of proxies/);
  });
});

describe('work per request', () => {
  it('serves probes and questions between the claims of fact-check batches', async () => {
    // The heaviest batches the work limit accepts: every claim pays the per-claim cost.
    const claims = Array.from({ length: LIMITS.maxClaims }, (_, i) => longClaim(LIMITS.maxBatchClaimChars / LIMITS.maxClaims, i));
    const finished: string[] = [];
    const batches = Array.from({ length: 3 }, (_, i) =>
      postJson(`${base}/api/factcheck`, { claims }).then((response) => {
        expect(response.status).toBe(200);
        expect(response.body.results).toHaveLength(LIMITS.maxClaims);
        finished.push(`batch ${i}`);
      }),
    );
    await new Promise((done) => setTimeout(done, 50));
    const probe = fetch(`${base}/healthz`).then((response) => {
      expect(response.status).toBe(200);
      finished.push('healthz');
    });
    const question = ask({ question: 'When are the new fighter jets expected to be deployed?' }).then((response) => {
      expect(response.status).toBe(200);
      finished.push('ask');
    });
    await Promise.all([...batches, probe, question]);
    // Before, a batch held the event loop from its first claim to its last.
    expect(finished.slice(0, 2).sort()).toEqual(['ask', 'healthz']);
  });

  it('closes the connection after refusing a body it did not read, and keeps it after one it read or a request without a body', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      const post = (claims: string[]) => {
        const body = JSON.stringify({ claims });
        return rawRequest(base, { method: 'POST', path: '/api/factcheck', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body, agent });
      };
      const unread = await post(Array.from({ length: 20 }, (_, i) => longClaim(2000, i)));
      expect([unread.status, (unread.json as { error: { code: string } }).error.code, unread.headers.connection]).toEqual([413, 'body_too_large', 'close']);
      const read = await post(Array.from({ length: 20 }, (_, i) => longClaim(250, i)));
      expect([read.status, (read.json as { error: { code: string } }).error.code, read.headers.connection]).toEqual([413, 'batch_too_large', 'keep-alive']);
      const bodyless = await rawRequest(base, { path: '/no-such-page', headers: { accept: 'application/json' }, agent });
      expect([bodyless.status, bodyless.headers.connection]).toEqual([404, 'keep-alive']);
    } finally {
      agent.destroy();
    }
  });

  it('accepts a batch at the work limit and names the limit when over it', async () => {
    const atLimit = Array.from({ length: 2 }, (_, i) => longClaim(LIMITS.maxBatchClaimChars / 2, i));
    expect((await postJson(`${base}/api/factcheck`, { claims: atLimit })).status).toBe(200);
    const over = await postJson(`${base}/api/factcheck`, { claims: [...atLimit, 'One more claim.'] });
    expect(over.status).toBe(413);
    expect(over.body.error.message).toContain(String(LIMITS.maxBatchClaimChars));
    expect(over.body.error.message).toMatch(/Split them/);
    const longQuestion = await ask({ question: 'Which missiles will Japan sell to the United States? '.repeat(20), k: 20 });
    expect(longQuestion.status).toBe(413);
    expect(longQuestion.body.error.message).toMatch(/send k=\d+ or less/);
  });
});
