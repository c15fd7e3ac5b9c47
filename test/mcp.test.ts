import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, loadConfig } from '../src/config.js';
import { ingest } from '../src/index-store/ingest.js';
import { createQaService, type QaService } from '../src/qa-service.js';
import { createApp, type AppSettings } from '../src/server/app.js';
import type { Article } from '../src/types.js';
import { articlesOf, CACHE_DIR, listen, offlineEmbedder, postJson, PROJECT_CORPUS, rawRequest, temporaryDirectory } from './helpers.js';

const unlimited: AppSettings = { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6 };
const SMALL_CORPUS = ['fighter-jet-exports.md', 'patriot-missiles-to-us.md'];

let service: QaService;
/** The served articles, read once the service is up. */
let articles: ReadonlyMap<string, Article>;
let indexDir: string;
let corpusDir: string;
let base: string;

/** A small index (two articles) that both the server in this process and the stdio child read. */
beforeAll(async () => {
  const directory = await temporaryDirectory('qa-mcp-');
  corpusDir = join(directory, 'corpus');
  indexDir = join(directory, 'index');
  await mkdir(corpusDir);
  for (const file of SMALL_CORPUS) await cp(join(PROJECT_CORPUS, file), join(corpusDir, file));
  await ingest({ corpusDir, indexDir, embedder: offlineEmbedder() });
  service = await createQaService(loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, CACHE_DIR }), offlineEmbedder());
  articles = await articlesOf(service);
  base = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: unlimited }));
});

async function connected(transport: StdioClientTransport | StreamableHTTPClientTransport): Promise<Client> {
  const client = new Client({ name: 'export-rules-test', version: '1.0.0' });
  await client.connect(transport);
  afterAll(() => client.close());
  return client;
}

function stdioTransport(): StdioClientTransport {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !name.startsWith('OPENAI_')) env[name] = value;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'scripts/mcp.ts'],
    env: { ...env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, CACHE_DIR, EMBEDDINGS_PROVIDER: 'offline', ANSWERER: 'extractive' },
    stderr: 'pipe',
  });
  return transport;
}

const transports = {
  'streamable HTTP at /mcp': { connect: () => connected(new StreamableHTTPClientTransport(new URL(`${base}/mcp`))), linkPrefix: () => base },
  'stdio (npm run mcp)': { connect: () => connected(stdioTransport()), linkPrefix: () => '' },
};

function expectExactQuotes(citations: any[], linkPrefix: string) {
  expect(citations.length).toBeGreaterThan(0);
  for (const citation of citations) {
    expect(citation.quote).toBe(articles.get(citation.articleId)!.text.slice(citation.start, citation.end));
    expect(citation.link).toBe(`${linkPrefix}/articles/${citation.articleId}?start=${citation.start}&end=${citation.end}`);
  }
}

function textOf(result: any): string {
  return result.content.map((part: any) => part.text).join('\n');
}

for (const [name, transport] of Object.entries(transports)) {
  describe(`MCP over ${name}`, () => {
    let client: Client;
    beforeAll(async () => {
      client = await transport.connect();
    }, 60_000);

    it('lists the four tools with their input schemas', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['ask', 'fact_check', 'get_article', 'search_articles']);
      const ask = tools.find((tool) => tool.name === 'ask')!;
      expect(ask.inputSchema.required).toEqual(['question']);
      expect(ask.outputSchema?.properties).toHaveProperty('citations');
    });

    it('ask: the verified answer of the service, as text with numbered sources and as structured content', async () => {
      const question = 'When are the new fighter jets expected to be deployed?';
      const direct = await service.ask({ question });
      const result: any = await client.callTool({ name: 'ask', arguments: { question } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent.answer).toBe(direct.answer);
      expect(result.structuredContent.answer).toContain('2035');
      expectExactQuotes(result.structuredContent.citations, transport.linkPrefix());
      const text = textOf(result);
      expect(text.startsWith(direct.answer)).toBe(true);
      for (const citation of result.structuredContent.citations) expect(text).toContain(`[${citation.n}] ${citation.title}`);
    });

    it('ask: a follow-up with history', async () => {
      const result: any = await client.callTool({
        name: 'ask',
        arguments: { question: 'And when will they be deployed?', history: [{ role: 'user', content: 'Has Japan approved exporting the fighter jets it builds with the UK and Italy?' }] },
      });
      expect(result.structuredContent.refused).toBe(false);
      expect(result.structuredContent.answer).toContain('2035');
    });

    it('ask: says so when the articles do not answer', async () => {
      const result: any = await client.callTool({ name: 'ask', arguments: { question: 'What is the population of Brazil?' } });
      expect(result.structuredContent.refused).toBe(true);
      expect(result.structuredContent.citations).toEqual([]);
    });

    it('search_articles: exact passages with offsets and links', async () => {
      const result: any = await client.callTool({ name: 'search_articles', arguments: { query: 'Patriot missiles', k: 3 } });
      const { results } = result.structuredContent;
      expect(results.length).toBeGreaterThan(0);
      expect(results.length).toBeLessThanOrEqual(3);
      expect(results[0].articleId).toBe('patriot-missiles-to-us');
      expectExactQuotes(results, transport.linkPrefix());
      expect(results.map((passage: any) => passage.n)).toEqual(results.map((_: unknown, index: number) => index + 1));
    });

    it('fact_check: a verdict with the deciding quotes', async () => {
      const result: any = await client.callTool({ name: 'fact_check', arguments: { claim: 'The new fighter jets are expected to be deployed by 2035.' } });
      expect(result.structuredContent.verdict).toBe('supported');
      expectExactQuotes(result.structuredContent.citations, transport.linkPrefix());
      expect(textOf(result)).toContain('Verdict: SUPPORTED');
    });

    it('get_article: the whole text, or the span a citation names', async () => {
      const article = articles.get('fighter-jet-exports')!;
      const whole: any = await client.callTool({ name: 'get_article', arguments: { id: article.id } });
      expect(whole.structuredContent).toMatchObject({ id: article.id, title: article.title, length: article.text.length, start: 0, end: article.text.length, text: article.text });
      const span: any = await client.callTool({ name: 'get_article', arguments: { id: article.id, start: 100, end: 160 } });
      expect(span.structuredContent.text).toBe(article.text.slice(100, 160));
      expect(span.structuredContent.link).toBe(`${transport.linkPrefix()}/articles/${article.id}?start=100&end=160`);
      expect(textOf(span)).toContain(article.text.slice(100, 160));
    });

    const badCalls: [string, string, Record<string, unknown>, RegExp][] = [
      ['an unknown tool', 'delete_everything', {}, /Tool delete_everything not found/],
      ['a question that is not a string', 'ask', { question: 42 }, /Input validation error.*question/s],
      ['no question', 'ask', {}, /Input validation error.*question/s],
      ['a blank question', 'ask', { question: '   ' }, /"question" field is blank/],
      ['k out of range', 'ask', { question: 'When?', k: 0 }, /Input validation error.*k/s],
      ['a question over the length limit', 'search_articles', { query: 'x'.repeat(LIMITS.maxQuestionChars + 1) }, /Input validation error.*query/s],
      ['a history turn with a bad role', 'ask', { question: 'When?', history: [{ role: 'system', content: 'x' }] }, /Input validation error.*role/s],
      ['no claim', 'fact_check', {}, /Input validation error.*claim/s],
      ['an unknown article id', 'get_article', { id: 'no-such-article' }, /No article with id "no-such-article"/],
      ['a span with start after end', 'get_article', { id: 'fighter-jet-exports', start: 50, end: 10 }, /span 50-10 is not inside this article/],
      ['a span past the end of the text', 'get_article', { id: 'fighter-jet-exports', start: 0, end: 10_000_000 }, /span 0-10000000 is not inside/],
      ['a negative start', 'get_article', { id: 'fighter-jet-exports', start: -1 }, /Input validation error.*start/s],
    ];
    for (const [problem, tool, args, message] of badCalls) {
      it(`${problem}: a tool error that says what was wrong`, async () => {
        const result: any = await client.callTool({ name: tool, arguments: args });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(message);
      });
    }

    it('still answers after the bad calls', async () => {
      const result: any = await client.callTool({ name: 'search_articles', arguments: { query: 'fighter jets' } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent.results.length).toBeGreaterThan(0);
    });
  });
}

describe('HTTP-level refusals at /mcp', () => {
  const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
  const accept = 'application/json, text/event-stream';

  it('GET and DELETE: 405 with Allow: POST (stateless: no stream to open, no session to end)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await rawRequest(base, { method, path: '/mcp', headers: { accept } });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.json).toMatchObject({ jsonrpc: '2.0', error: { code: -32600, data: { code: 'method_not_allowed' } }, id: null });
    }
  });

  it('invalid JSON: 400 with a JSON-RPC parse error', async () => {
    const response = await rawRequest(base, { method: 'POST', path: '/mcp', headers: { 'content-type': 'application/json', accept }, body: '{"jsonrpc": ' });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: -32700, data: { code: 'invalid_json' } });
  });

  it('not JSON: 415; a body over the limit: 413', async () => {
    const notJson = await rawRequest(base, { method: 'POST', path: '/mcp', headers: { 'content-type': 'text/plain', accept }, body: 'hello' });
    expect(notJson.status).toBe(415);
    expect(notJson.json.error.data.code).toBe('unsupported_media_type');
    const large = await rawRequest(base, { method: 'POST', path: '/mcp', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ ...initialize, padding: 'x'.repeat(LIMITS.maxBodyBytes) }) });
    expect(large.status).toBe(413);
    expect(large.json.error.data.code).toBe('body_too_large');
  });

  it('a client that does not accept JSON: 406 from the transport', async () => {
    const response = await rawRequest(base, { method: 'POST', path: '/mcp', headers: { 'content-type': 'application/json', accept: 'text/html' }, body: JSON.stringify(initialize) });
    expect(response.status).toBe(406);
    expect(response.json.jsonrpc).toBe('2.0');
  });

  it('a batch with more than one budgeted tool call: 400 with JSON-RPC -32600, before any call runs', async () => {
    const call = (id: number, name: string, args: object) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
    const batch = [call(2, 'ask', { question: 'When will the jets be deployed?' }), call(3, 'fact_check', { claim: 'Japan sells jets.' }), call(4, 'get_article', { id: 'fighter-jet-exports' })];
    const response = await rawRequest(base, { method: 'POST', path: '/mcp', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(batch) });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ jsonrpc: '2.0', error: { code: -32600, data: { code: 'too_many_tool_calls' } }, id: null });
    expect(response.json.error.message).toContain('2 calls');
  });

  it('tool calls that answer share the question budget with /api/ask; listing tools does not count', async () => {
    const limited = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: { ...unlimited, rateLimitPerMinute: 2 } }));
    const client = await connected(new StreamableHTTPClientTransport(new URL(`${limited}/mcp`)));
    for (let i = 0; i < 3; i++) await client.listTools();
    expect((await postJson(`${limited}/api/ask`, { question: 'When will the jets be deployed?' })).status).toBe(200);
    await client.callTool({ name: 'get_article', arguments: { id: 'fighter-jet-exports', start: 0, end: 10 } });
    await client.callTool({ name: 'search_articles', arguments: { query: 'fighter jets' } });
    const refused = await client.callTool({ name: 'ask', arguments: { question: 'When will the jets be deployed?' } }).then(
      () => undefined,
      (error: unknown) => error as Error & { code?: number },
    );
    expect(refused?.message).toMatch(/429|Too many requests/);
  });
});
