import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatAnswer, answerProse } from '../src/cli/format-answer.js';
import { LIMITS } from '../src/config.js';
import { citationProblems } from '../src/grounding/citations.js';
import type { QaService } from '../src/qa-service.js';
import { createApp, type AppSettings } from '../src/server/app.js';
import type { Article } from '../src/types.js';
import { articlesOf, listen, postJson, rawRequest, testService } from './helpers.js';

let base: string;
let service: QaService;
/** The served articles, read once the service is up. */
let articles: ReadonlyMap<string, Article>;
let client: OpenAI;
const MODEL = 'export-rules-qa';
const unlimited: AppSettings = { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6 };

beforeAll(async () => {
  ({ service } = await testService());
  articles = await articlesOf(service);
  base = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: unlimited }));
  // Retries would hide the first response's status from the error tests.
  client = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'any-key', maxRetries: 0 });
});

function expectQuotesFromArticles(citations: any[]) {
  expect(citations.length).toBeGreaterThan(0);
  for (const citation of citations) {
    expect(citation.quote).toBe(articles.get(citation.articleId)!.text.slice(citation.start, citation.end));
    expect(citation.link).toBe(`${base}/articles/${citation.articleId}?start=${citation.start}&end=${citation.end}`);
  }
}

/** What the openai client raises for a request, with its status and OpenAI-shaped error. */
async function failure(request: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await request.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe('the openai client against /v1', () => {
  it('answers like /api/ask, with the numbered sources in the text and as data', async () => {
    const question = 'When are the new fighter jets expected to be deployed?';
    const direct = (await postJson(`${base}/api/ask`, { question })).body;
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: question }] });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(MODEL);
    const [choice] = completion.choices;
    expect(choice!.finish_reason).toBe('stop');
    const message = choice!.message as NonNullable<typeof choice>["message"] & { citations: any[] };
    expect(message.content!.startsWith(direct.answer)).toBe(true);
    expect(message.content).toContain('2035');
    // The citations are those of /api/ask, each with a viewer link.
    expect(message.citations.map(({ link: _link, ...citation }) => citation)).toEqual(direct.citations);
    expect(citationProblems({ ...direct, citations: message.citations }, articles)).toEqual([]);
    expectQuotesFromArticles(message.citations);
    for (const citation of message.citations) {
      expect(message.content).toContain(`[${citation.n}] ${citation.title}`);
      expect(message.content).toContain(`"${citation.quote}"`);
      expect(message.content).toContain(citation.link);
    }
    expect(completion.usage!.total_tokens).toBeGreaterThan(0);
  });

  it('streams chat.completion.chunk events that add up to the same reply, citations in the last chunk', async () => {
    const question = 'Which country will receive the Patriot missiles?';
    const whole = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: question }] });
    const stream = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: question }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let pieces = 0;
    let finished: any;
    let usage: any;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      if (choice.delta.content) {
        text += choice.delta.content;
        pieces++;
      }
      if (choice.finish_reason) finished = choice;
    }
    expect(pieces).toBeGreaterThan(5);
    expect(text).toBe(whole.choices[0]!.message.content);
    expect(finished.finish_reason).toBe('stop');
    expect(finished.delta.citations).toEqual((whole.choices[0]!.message as any).citations);
    expectQuotesFromArticles(finished.delta.citations);
    expect(usage.total_tokens).toBe(whole.usage!.total_tokens);
  });

  it('sends data-only events ending with [DONE]', async () => {
    const response = await rawRequest(base, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'When are the new fighter jets expected to be deployed?' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const blocks = response.text.split('\n\n').filter(Boolean);
    expect(blocks.every((block) => block.startsWith('data: '))).toBe(true);
    expect(blocks.at(-1)).toBe('data: [DONE]');
  });

  it('reads earlier messages as history: a follow-up is answered as /api/ask answers it', async () => {
    const history = [
      { role: 'user' as const, content: 'Has Japan approved exporting the fighter jets it builds with the UK and Italy?' },
      { role: 'assistant' as const, content: "Japan's cabinet has approved the export of new fighter jets it is developing with the UK and Italy." },
    ];
    const question = 'And when will they be deployed?';
    const direct = (await postJson(`${base}/api/ask`, { question, history })).body;
    expect(direct.refused).toBe(false);
    const completion = await client.chat.completions.create({ model: MODEL, messages: [...history, { role: 'user', content: [{ type: 'text', text: question }] }] });
    expect(completion.choices[0]!.message.content!.startsWith(direct.answer)).toBe(true);
    expect(completion.choices[0]!.message.content).toContain('2035');
  });

  it('leaves out the source list of its own earlier replies when they come back as history', async () => {
    const first = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Has Japan approved exporting the fighter jets it builds with the UK and Italy?' }] });
    const reply = first.choices[0]!.message.content!;
    expect(reply).toContain('\n\nSources:\n');
    const followUp = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Has Japan approved exporting the fighter jets it builds with the UK and Italy?' }, { role: 'assistant', content: reply }, { role: 'user', content: 'And when will they be deployed?' }],
    });
    const direct = (
      await postJson(`${base}/api/ask`, {
        question: 'And when will they be deployed?',
        history: [
          { role: 'user', content: 'Has Japan approved exporting the fighter jets it builds with the UK and Italy?' },
          { role: 'assistant', content: reply.slice(0, reply.indexOf('\n\nSources:\n')) },
        ],
      })
    ).body;
    expect(followUp.choices[0]!.message.content!.startsWith(direct.answer)).toBe(true);
  });

  it('is described in the OpenAPI document, with the MCP endpoint', async () => {
    const openapi = await (await fetch(`${base}/api/openapi.json`)).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/v1/chat/completions', '/v1/models', '/v1/models/{model}', '/mcp']));
    expect(openapi.paths['/v1/chat/completions'].post.requestBody.content['application/json'].schema.properties.model.const).toBe(MODEL);
  });

  it('finds the prose of any earlier reply: before its note, sources or closest passages', () => {
    const citation = { n: 1, articleId: 'a', title: 'T', quote: 'q', start: 0, end: 1 };
    const related = [{ articleId: 'a', title: 'T', quote: 'q', start: 0, end: 1 }];
    const prose = 'The articles do not say.\n\nThey discuss jets.';
    for (const answer of [
      { answer: prose, refused: true, mode: 'extractive' as const, citations: [], related },
      { answer: prose, refused: false, mode: 'llm' as const, citations: [citation], notice: 'Fell back.' },
      { answer: prose, refused: false, mode: 'extractive' as const, citations: [citation] },
    ]) {
      expect(answerProse(formatAnswer(answer))).toBe(prose);
    }
  });

  it('lists its one model and refuses to retrieve others', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual([MODEL]);
    expect((await client.models.retrieve(MODEL)).id).toBe(MODEL);
    const error = await failure(client.models.retrieve('gpt-4o'));
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
  });
});

describe('bad requests to /v1/chat/completions, as the openai client sees them', () => {
  const ask = (overrides: Record<string, unknown>) => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'When will the jets be deployed?' }], ...overrides } as any);
  const cases: [string, Record<string, unknown>, number, string][] = [
    ['an unknown model', { model: 'gpt-4o' }, 404, 'model_not_found'],
    ['no model', { model: undefined }, 400, 'missing_model'],
    ['no messages', { messages: [] }, 400, 'invalid_messages'],
    ['messages that are not an array', { messages: 'hello' }, 400, 'invalid_messages'],
    ['a message that is not an object', { messages: ['hello'] }, 400, 'invalid_messages'],
    ['an unknown role', { messages: [{ role: 'robot', content: 'hi' }] }, 400, 'invalid_messages'],
    ['only a system message', { messages: [{ role: 'system', content: 'Be brief.' }] }, 400, 'no_user_message'],
    ['an assistant message last', { messages: [{ role: 'user', content: 'When?' }, { role: 'assistant', content: 'In' }] }, 400, 'last_message_not_user'],
    ['a blank question', { messages: [{ role: 'user', content: '   ' }] }, 400, 'blank_question'],
    ['a question over the length limit', { messages: [{ role: 'user', content: 'why '.repeat(LIMITS.maxQuestionChars) }] }, 400, 'question_too_long'],
    ['an image part', { messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }] }, 400, 'unsupported_content'],
    ['a text part without text', { messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 400, 'invalid_messages'],
    ['content that is a number', { messages: [{ role: 'user', content: 42 }] }, 400, 'invalid_messages'],
    ['a tool result', { messages: [{ role: 'user', content: 'When?' }, { role: 'tool', tool_call_id: 'x', content: '{}' }] }, 400, 'unsupported_message'],
    ['client tools', { tools: [{ type: 'function', function: { name: 'lookup', parameters: {} } }] }, 400, 'unsupported_parameter'],
    ['several choices', { n: 3 }, 400, 'unsupported_parameter'],
    ['JSON output', { response_format: { type: 'json_object' } }, 400, 'unsupported_parameter'],
    ['stream that is not a boolean', { stream: 'yes' }, 400, 'invalid_stream'],
    ['a body over the size limit', { messages: [{ role: 'assistant', content: 'x'.repeat(LIMITS.maxBodyBytes) }, { role: 'user', content: 'When?' }] }, 413, 'body_too_large'],
  ];
  for (const [name, overrides, status, code] of cases) {
    it(`${name}: ${status} ${code}`, async () => {
      const error = await failure(ask(overrides));
      expect(error.status).toBe(status);
      expect(error.code).toBe(code);
      expect(error.type).toBe('invalid_request_error');
      expect(error.message.length).toBeGreaterThan(20);
    });
  }

  it('accepts and ignores sampling parameters', async () => {
    const completion = await ask({ temperature: 0.2, top_p: 0.9, max_tokens: 50, presence_penalty: 0, seed: 7, user: 'someone', n: 1, tool_choice: 'none' });
    expect(completion.choices[0]!.message.content).toContain('2035');
  });

  it('answers framework-level failures in the same shape: invalid JSON, not JSON, wrong method, unknown path', async () => {
    const invalid = await rawRequest(base, { method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, body: '{"model": ' });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_json', param: null } });
    const notJson = await rawRequest(base, { method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(notJson.status).toBe(415);
    expect(notJson.json.error.code).toBe('unsupported_media_type');
    const wrongMethod = await rawRequest(base, { method: 'GET', path: '/v1/chat/completions' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    expect(wrongMethod.json.error).toMatchObject({ type: 'invalid_request_error', code: 'method_not_allowed' });
    const unknown = await rawRequest(base, { method: 'POST', path: '/v1/completions', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('not_found');
  });

  it('answers 503 in the same shape while the index loads', async () => {
    const loading = await listen(createApp({ state: () => ({ problem: 'The article index is still loading; try again in a few seconds.' }), corsOrigins: [], settings: unlimited }));
    const error = await failure(new OpenAI({ baseURL: `${loading}/v1`, apiKey: 'any-key', maxRetries: 0 }).chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'When?' }] }));
    expect(error.status).toBe(503);
    expect(error.type).toBe('server_error');
    expect(error.code).toBe('not_ready');
  });

  it('shares the per-client question budget with /api/ask and answers 429 with Retry-After', async () => {
    const limited = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: { ...unlimited, rateLimitPerMinute: 2 } }));
    const limitedClient = new OpenAI({ baseURL: `${limited}/v1`, apiKey: 'any-key', maxRetries: 0 });
    expect((await postJson(`${limited}/api/ask`, { question: 'When will the jets be deployed?' })).status).toBe(200);
    await limitedClient.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'When will the jets be deployed?' }] });
    const error = await failure(limitedClient.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'When will the jets be deployed?' }] }));
    expect(error.status).toBe(429);
    expect(error.type).toBe('rate_limit_error');
    expect(error.code).toBe('rate_limited');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
    // Listing models costs nothing from the budget.
    expect((await limitedClient.models.retrieve(MODEL)).id).toBe(MODEL);
  });
});
