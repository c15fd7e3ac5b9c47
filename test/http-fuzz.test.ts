// Seeded fuzzing of the HTTP surface: thousands of generated requests mixing methods, paths,
// headers, encodings and bodies. Whatever a client sends, the answer is never a 5xx, no stack
// is logged, and the server keeps serving. A failure prints the seed and the request to replay.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Agent } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { createApp, type ServiceState } from '../src/server/app.js';
import { mountSite } from '../src/server/site.js';
import { listen, rawRequest, testService } from './helpers.js';
import { randomSource, type Random } from './seeded-random.js';

const SEED = 20_240_310;
const REQUESTS = 5000;
const CONCURRENCY = 12;

const ARTICLE_IDS = ['fighter-jet-exports', 'patriot-missiles-to-us', 'no-such-article'];
const WORDS = ['Japan', 'frigates', 'Patriot', 'jets', 'export', 'rules', 'Australia', '2035', 'cabinet', 'é', '日本', '\u0000', '\ud800', '"', '\\', '<script>', '%', '../'];

function text(random: Random, maxWords: number): string {
  return Array.from({ length: 1 + random.integer(maxWords) }, () => random.pick(WORDS)).join(' ');
}

function jsonValue(random: Random, depth: number): unknown {
  switch (random.integer(depth > 3 ? 4 : 7)) {
    case 0:
      return random.integer(1e6) - 5e5;
    case 1:
      return text(random, 8);
    case 2:
      return random.pick([null, true, false, 2.5, -0, 1e308]);
    case 3:
      return random.chance(0.5) ? 'x'.repeat(random.integer(5000)) : random.integer(30);
    case 4:
      return Array.from({ length: random.integer(4) }, () => jsonValue(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: random.integer(4) }, () => [random.pick(['question', 'k', 'history', 'claim', 'claims', 'role', 'content', text(random, 2)]), jsonValue(random, depth + 1)]));
  }
}

function nested(random: Random): string {
  const depth = 1 + random.integer(6000);
  const [open, close] = random.pick([
    ['[', ']'],
    ['{"a":', '}'],
  ] as const);
  return `{"question":"x","${random.pick(['k', 'history', 'question', 'claims'])}":${open.repeat(depth)}1${close.repeat(depth)}}`;
}

function body(random: Random): string | Buffer {
  switch (random.integer(10)) {
    case 0:
      return JSON.stringify({ question: text(random, 12), ...(random.chance(0.5) ? { k: random.integer(25) } : {}) });
    case 1:
      return JSON.stringify(random.chance(0.7) ? { claim: text(random, 12) } : { claims: Array.from({ length: random.integer(4) }, () => text(random, 6)) });
    case 2:
      return JSON.stringify(jsonValue(random, 0));
    case 3:
      return nested(random);
    case 4: {
      const valid = JSON.stringify({ question: text(random, 10), history: [{ role: 'user', content: text(random, 5) }] });
      return valid.slice(0, random.integer(valid.length));
    }
    case 5:
      return Buffer.from(Array.from({ length: random.integer(300) }, () => random.integer(256)));
    case 6:
      return JSON.stringify({ question: 'q'.repeat(random.integer(80_000)) });
    case 7:
      return '';
    default:
      return JSON.stringify(jsonValue(random, 0)).replace(/"/g, random.pick(['"', "'", '', '\\"']));
  }
}

const ESCAPES = ['%ff', '%', '%zz', '%c3%28', '%00', '%2e%2e%2f', '..%5c', '%e2%82', '%25', '%2F', '%C3%A9', '+', ';', '%0d%0a'];

function path(random: Random): string {
  const id = random.chance(0.5) ? random.pick(ARTICLE_IDS) : Array.from({ length: 1 + random.integer(4) }, () => random.pick([...ESCAPES, 'a', '..', '.', 'etc', 'passwd'])).join(random.pick(['', '/', '']));
  // Half go to the endpoints that read bodies, where encodings and parsing are exercised.
  if (random.chance(0.5)) return random.pick(['/api/ask', '/api/ask', '/api/factcheck']);
  let chosen = random.pick([
    '/api/ask',
    '/api/factcheck',
    '/api/articles',
    `/api/articles/${id}`,
    `/articles/${id}`,
    '/',
    '/healthz',
    '/readyz',
    '/metrics',
    '/api/openapi.json',
    '/widget.js',
    '/demo.js',
    `/${id}`,
    `/api/${id}`,
    '/../../etc/passwd',
    '//api//ask',
  ]);
  if (random.chance(0.05)) chosen += '/' + 'a'.repeat(random.integer(10_000));
  if (random.chance(0.2)) {
    const query = Array.from({ length: 1 + random.integer(4) }, () => `${random.pick(['start', 'end', 'start[]', 'end[x]', 'q', ESCAPES[random.integer(ESCAPES.length)]!])}=${random.pick(['0', '5', '-1', '99999999999999999999', 'abc', '%ff', '10', ''])}`).join('&');
    chosen += `?${query}`;
  }
  return chosen;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/*', 'json', ';;;', 'application/json; a="unterminated'];

function encode(random: Random, payload: string | Buffer, headers: Record<string, string | number>): Buffer | string {
  const plain = Buffer.from(payload);
  const kind = random.integer(12);
  const compress: [string, (input: Buffer) => Buffer][] = [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ];
  if (kind < 6) return payload;
  if (kind < 9) {
    const [name, compressor] = random.pick(compress);
    headers['content-encoding'] = random.chance(0.2) ? name.toUpperCase() : name;
    const packed = compressor(plain);
    return random.chance(0.5) ? packed : packed.subarray(0, random.integer(packed.length));
  }
  if (kind < 11) {
    headers['content-encoding'] = random.pick(compress)[0];
    return plain;
  }
  headers['content-encoding'] = random.pick(['identity', 'compress', 'zstd', 'gzip, deflate', 'x-' + 'z'.repeat(random.integer(3000)), '']);
  return plain;
}

interface Generated {
  method: string;
  path: string;
  headers: Record<string, string | number>;
  body?: Buffer | string;
}

function generate(random: Random): Generated {
  const method = random.pick(['GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const headers: Record<string, string | number> = {};
  if (random.chance(0.8)) headers['content-type'] = random.chance(0.5) ? 'application/json' : random.pick(CONTENT_TYPES);
  if (random.chance(0.2)) headers.accept = random.pick(['text/event-stream', 'text/html', 'application/json', '*/*', 'text/event-stream, application/json']);
  if (random.chance(0.15)) headers.origin = random.pick(['https://evil.example', 'http://localhost:5173', 'null', 'not a url']);
  if (random.chance(0.1)) headers['x-forwarded-for'] = random.pick(['203.0.113.9', 'garbage', '::1, 10.0.0.1']);
  if (random.chance(0.03)) headers['x-padding'] = 'p'.repeat(random.integer(20_000));
  if (method === 'GET' || method === 'HEAD' || random.chance(0.1)) return { method, path: path(random), headers };
  const encoded = encode(random, body(random), headers);
  // Node sends DELETE and OPTIONS bodies without framing unless told their length.
  headers['content-length'] = Buffer.byteLength(encoded);
  return { method, path: path(random), headers, body: encoded };
}

let base: string;
const state: ServiceState = {};
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

beforeAll(async () => {
  ({ service: state.service } = await testService());
  base = await listen(createApp({ state: () => state, corsOrigins: [], settings: { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6 }, extraRoutes: (app) => mountSite(app, { state: () => state }) }));
});

afterAll(() => agent.destroy());

describe('HTTP fuzzing', () => {
  it(`answers ${REQUESTS} generated requests without a 5xx or a logged stack, and keeps serving`, { timeout: 60_000 }, async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const random = randomSource(SEED);
    const requests = Array.from({ length: REQUESTS }, () => generate(random));
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const clientErrors = new Map<string, number>();
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const spec = requests[index]!;
        const response = await rawRequest(base, { ...spec, agent }).catch((error: NodeJS.ErrnoException) => ({ status: -1, text: error.code ?? error.message, json: undefined }));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === -1) clientErrors.set(response.text, (clientErrors.get(response.text) ?? 0) + 1);
        const leaked = /\bat [\w.<>]+ \(|node_modules|\/work\/|SyntaxError|RangeError/.test(response.text);
        if (response.status >= 500 || leaked) {
          failures.push(`#${index} ${spec.method} ${spec.path.slice(0, 120)} ${JSON.stringify(spec.headers).slice(0, 200)} -> ${response.status} ${response.text.slice(0, 200)}`);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      logged.mockRestore();
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`fuzz seed ${SEED}: ${REQUESTS} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}; connection errors ${JSON.stringify(Object.fromEntries(clientErrors))}`);
    expect(failures).toEqual([]);
    expect(logged.mock.calls.map((call) => String(call[0]).slice(0, 200))).toEqual([]);
    // Only headers over Node's size limit may close the connection instead of answering.
    expect(statuses.get(-1) ?? 0).toBeLessThan(REQUESTS * 0.05);
    expect((statuses.get(200) ?? 0) + (statuses.get(204) ?? 0)).toBeGreaterThan(100);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/api/articles`)).status).toBe(200);
  });
});
