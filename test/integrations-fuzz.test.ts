// Seeded fuzzing of /v1/chat/completions and /mcp: generated chat requests and JSON-RPC messages
// with wrong shapes, types and sizes. Whatever arrives, the answer is a 2xx or 4xx in the
// client's own error shape, never a 5xx or a stack, and the server keeps answering.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app.js';
import { listen, rawRequest, testService } from './helpers.js';
import { randomSource, type Random } from './seeded-random.js';

const SEED = 20_261_121;
const REQUESTS = 1500;
const CONCURRENCY = 8;

const WORDS = ['When', 'will', 'the', 'jets', 'be', 'deployed?', 'Patriot', 'Japan', '2035', 'é', '日本', '\u0000', '\ud800', '"', '<script>', '[1]'];
const words = (random: Random, most: number) => Array.from({ length: 1 + random.integer(most) }, () => random.pick(WORDS)).join(' ');

function anyValue(random: Random, depth = 0): unknown {
  switch (random.integer(depth > 2 ? 4 : 6)) {
    case 0:
      return random.pick([null, true, false, 0, -1, 1.5, 1e308, 3]);
    case 1:
      return words(random, 8);
    case 2:
      return random.chance(0.3) ? 'x'.repeat(random.integer(3000)) : '';
    case 3:
      return random.integer(50) - 10;
    case 4:
      return Array.from({ length: random.integer(4) }, () => anyValue(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: random.integer(4) }, () => [random.pick(['role', 'content', 'type', 'text', 'name', 'id', 'start', 'end', words(random, 1)]), anyValue(random, depth + 1)]));
  }
}

function content(random: Random): unknown {
  if (random.chance(0.6)) return words(random, 12);
  if (random.chance(0.5)) return Array.from({ length: random.integer(3) }, () => random.pick([{ type: 'text', text: words(random, 6) }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text' }, anyValue(random)]));
  return anyValue(random);
}

function chatBody(random: Random): unknown {
  const messages = Array.from({ length: random.integer(5) }, () =>
    random.chance(0.85) ? { role: random.pick(['user', 'user', 'assistant', 'system', 'developer', 'tool', 'robot', 7]), content: content(random) } : anyValue(random),
  );
  const body: Record<string, unknown> = { model: random.chance(0.85) ? 'export-rules-qa' : anyValue(random), messages: random.chance(0.9) ? messages : anyValue(random) };
  for (const field of ['stream', 'n', 'tools', 'response_format', 'temperature', 'stream_options']) if (random.chance(0.15)) body[field] = anyValue(random);
  if (random.chance(0.2)) body.stream = true;
  return random.chance(0.95) ? body : anyValue(random);
}

function mcpBody(random: Random): unknown {
  const tool = random.pick(['ask', 'search_articles', 'fact_check', 'get_article', 'get_article', 'nope']);
  const args = random.pick([
    { question: words(random, 10), k: random.chance(0.5) ? random.integer(30) - 5 : undefined },
    { query: content(random), k: anyValue(random) },
    { claim: words(random, 10) },
    { id: random.pick(['fighter-jet-exports', 'patriot-missiles-to-us', 'missing', '../x']), start: random.integer(3000) - 5, end: random.chance(0.7) ? random.integer(3000) : undefined },
    anyValue(random),
  ]);
  const message = random.pick([
    { jsonrpc: '2.0', id: random.integer(1000), method: 'tools/call', params: { name: tool, arguments: args } },
    { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } } },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    { jsonrpc: random.pick(['1.0', 2, undefined]), id: anyValue(random), method: anyValue(random), params: anyValue(random) },
  ]);
  return random.chance(0.1) ? [message, message] : random.chance(0.95) ? message : anyValue(random);
}

interface Generated {
  method: string;
  path: string;
  headers: Record<string, string | number>;
  body?: string;
}

function generate(random: Random): Generated {
  const mcp = random.chance(0.5);
  const method = random.pick(['POST', 'POST', 'POST', 'POST', 'GET', 'DELETE', 'PUT']);
  const headers: Record<string, string | number> = { 'content-type': random.chance(0.9) ? 'application/json' : random.pick(['text/plain', 'application/json; charset=latin1']) };
  if (mcp) headers.accept = random.chance(0.85) ? 'application/json, text/event-stream' : random.pick(['application/json', 'text/html']);
  const path = mcp ? '/mcp' : random.pick(['/v1/chat/completions', '/v1/chat/completions', '/v1/models', `/v1/models/${words(random, 1).replace(/\W/g, '')}`, '/v1/embeddings']);
  if (method === 'GET') return { method, path, headers };
  let body = JSON.stringify(mcp ? mcpBody(random) : chatBody(random)) ?? 'null';
  if (random.chance(0.05)) body = body.slice(0, random.integer(body.length));
  headers['content-length'] = Buffer.byteLength(body);
  return { method, path, headers, body };
}

let base: string;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

beforeAll(async () => {
  const { service } = await testService();
  base = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6 } }));
});
afterAll(() => agent.destroy());

describe('fuzzing the OpenAI-compatible and MCP endpoints', () => {
  it(`answers ${REQUESTS} generated requests in the client's own shape, without a 5xx or a stack`, { timeout: 120_000 }, async () => {
    const random = randomSource(SEED);
    const requests = Array.from({ length: REQUESTS }, () => generate(random));
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const spec = requests[index]!;
        const response = await rawRequest(base, { ...spec, agent });
        const kind = `${spec.path === '/mcp' ? 'mcp' : 'v1'} ${response.status}`;
        statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
        const leaked = /\bat [\w.<>]+ \(|node_modules|\/work\/|SyntaxError|TypeError|RangeError/.test(response.text);
        // OpenAI clients read {error: {message, type, code}}; MCP clients JSON-RPC errors or results.
        const shaped =
          response.status < 400 ||
          (spec.path === '/mcp' ? response.json?.jsonrpc === '2.0' && typeof response.json.error?.message === 'string' : typeof response.json?.error?.message === 'string' && typeof response.json.error.type === 'string');
        if (response.status >= 500 || leaked || !shaped) failures.push(`#${index} ${spec.method} ${spec.path} ${String(spec.body).slice(0, 200)} -> ${response.status} ${response.text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`integrations fuzz seed ${SEED}: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(failures).toEqual([]);
    expect([...statuses].filter(([kind]) => kind.endsWith(' 200')).reduce((sum, [, count]) => sum + count, 0)).toBeGreaterThan(100);
    expect((await fetch(`${base}/v1/models`)).status).toBe(200);
  });
});
