import { ChatOpenAI } from '@langchain/openai';
import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, createExportRulesTools, ExportRulesRetriever, InputError, type QaService } from '../src/index.js';
import type { Article } from '../src/types.js';
import { articlesOf, testService } from './helpers.js';
import { callNamedToolThenEcho, startFakeOpenAI, type FakeOpenAI } from './fake-openai.js';

let service: QaService;
/** The served articles, read once the service is up. */
let articles: ReadonlyMap<string, Article>;
let fake: FakeOpenAI;

beforeAll(async () => {
  ({ service } = await testService());
  articles = await articlesOf(service);
  fake = await startFakeOpenAI();
});

function expectExactQuotes(citations: any[]) {
  expect(citations.length).toBeGreaterThan(0);
  for (const citation of citations) expect(citation.quote).toBe(articles.get(citation.articleId)!.text.slice(citation.start, citation.end));
}

describe('ExportRulesRetriever', () => {
  it('returns Documents whose text is the article text at the offsets in their metadata', async () => {
    const documents = await new ExportRulesRetriever({ service, k: 3, origin: 'http://qa.example' }).invoke('Patriot missiles for the United States');
    expect(documents.length).toBeGreaterThan(0);
    expect(documents.length).toBeLessThanOrEqual(3);
    expect(documents[0]!.metadata.articleId).toBe('patriot-missiles-to-us');
    for (const document of documents) {
      const article = articles.get(document.metadata.articleId)!;
      expect(document.pageContent).toBe(article.text.slice(document.metadata.start, document.metadata.end));
      expect(document.metadata).toMatchObject({ title: article.title, published: article.published });
      expect(document.metadata.url).toBe(article.url);
      expect(document.metadata.link).toBe(`http://qa.example/articles/${article.id}?start=${document.metadata.start}&end=${document.metadata.end}`);
      expect(document.id).toBe(`${article.id}:${document.metadata.start}-${document.metadata.end}`);
    }
  });

  it('checks k when constructed and the query when called', async () => {
    expect(() => new ExportRulesRetriever({ service, k: 0 })).toThrow(ConfigError);
    expect(() => new ExportRulesRetriever({ service, k: 2.5 })).toThrow(/whole number from 1 to 20/);
    await expect(new ExportRulesRetriever({ service }).invoke('   ')).rejects.toThrow(InputError);
  });
});

describe('the LangChain tools', () => {
  const tools = () => Object.fromEntries(createExportRulesTools(service).map((tool) => [tool.name, tool]));

  it('ask: the cited text as content, the answer with its citations as the artifact', async () => {
    const message = (await tools().ask!.invoke({ type: 'tool_call', id: 'call-1', name: 'ask', args: { question: 'When are the new fighter jets expected to be deployed?' } })) as ToolMessage;
    expect(message).toBeInstanceOf(ToolMessage);
    expect(message.artifact.answer).toContain('2035');
    expectExactQuotes(message.artifact.citations);
    expect(String(message.content)).toContain(`[1] ${message.artifact.citations[0].title}`);
    expect(String(message.content)).toContain(message.artifact.citations[0].link);
  });

  it('fact_check and get_article', async () => {
    const verdict = (await tools().fact_check!.invoke({ type: 'tool_call', id: 'call-2', name: 'fact_check', args: { claim: 'The new fighter jets are expected to be deployed by 2035.' } })) as ToolMessage;
    expect(verdict.artifact.verdict).toBe('supported');
    expectExactQuotes(verdict.artifact.citations);
    const article = articles.get('fighter-jet-exports')!;
    const span = (await tools().get_article!.invoke({ type: 'tool_call', id: 'call-3', name: 'get_article', args: { id: article.id, start: 10, end: 90 } })) as ToolMessage;
    expect(span.artifact.text).toBe(article.text.slice(10, 90));
  });

  it('a request the model can correct comes back as an error message; a schema violation is refused before running', async () => {
    const unknown = (await tools().get_article!.invoke({ type: 'tool_call', id: 'call-4', name: 'get_article', args: { id: 'no-such-article' } })) as ToolMessage;
    expect(unknown.content).toMatch(/^Error: No article with id "no-such-article"/);
    expect(unknown.artifact.error.code).toBe('not_found');
    const span = (await tools().get_article!.invoke({ type: 'tool_call', id: 'call-5', name: 'get_article', args: { id: 'fighter-jet-exports', start: 90, end: 10 } })) as ToolMessage;
    expect(span.artifact.error.code).toBe('invalid_span');
    await expect(tools().ask!.invoke({ question: 'When?', k: 0 })).rejects.toThrow(/did not match expected schema/);
  });
});

describe('an agent made with createAgent, on a scripted OpenAI-compatible model', () => {
  function agentUsing(toolName: string) {
    fake.setChat(callNamedToolThenEcho);
    return createAgent({
      model: new ChatOpenAI({ model: 'scripted-agent-model', apiKey: 'test-key', configuration: { baseURL: fake.baseURL }, maxRetries: 0 }),
      tools: createExportRulesTools(service),
      systemPrompt: `Use the ${toolName} tool for every request, then answer with its result.`,
    });
  }

  const cases: [string, string, string, RegExp][] = [
    ['ask', 'When are the new fighter jets expected to be deployed?', 'answer', /2035/],
    ['fact_check', 'The new fighter jets are expected to be deployed by 2035.', 'verdict', /^supported$/],
    ['search_articles', 'Patriot missiles', 'results', /Patriot/],
  ];
  for (const [toolName, request, field, expected] of cases) {
    it(`calls ${toolName} and replies with its cited result`, async () => {
      const before = fake.requests.length;
      const result = await agentUsing(toolName).invoke({ messages: [{ role: 'user', content: request }] });
      const [human, call, toolResult, reply] = result.messages;
      expect(human!.content).toBe(request);
      expect((call as AIMessage).tool_calls).toEqual([expect.objectContaining({ name: toolName, args: expect.any(Object) })]);
      expect(Object.values((call as AIMessage).tool_calls![0]!.args)).toEqual([request]);
      expect(toolResult).toBeInstanceOf(ToolMessage);
      const artifact = (toolResult as ToolMessage).artifact;
      const value = field === 'results' ? artifact.results.map((passage: any) => passage.quote).join(' ') : artifact[field];
      expect(value).toMatch(expected);
      expectExactQuotes(field === 'results' ? artifact.results : artifact.citations);
      // The model offered every tool, read the tool's text and replied with it: the cited text with its numbered sources.
      const requests = fake.requests.slice(before);
      expect(requests).toHaveLength(2);
      expect(requests[0]!.tools.map((tool) => tool.name).sort()).toEqual(['ask', 'fact_check', 'get_article', 'search_articles']);
      expect(requests[1]!.toolResults).toEqual([String(toolResult!.content)]);
      expect(reply).toBeInstanceOf(AIMessage);
      expect(reply!.content).toBe(toolResult!.content);
      expect(String(reply!.content)).toMatch(/\[1\]/);
      expect(result.messages).toHaveLength(4);
    });
  }
});
