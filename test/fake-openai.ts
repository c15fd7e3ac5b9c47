// A local stand-in for an OpenAI-compatible server (chat completions, with tool calls, and
// embeddings) that computes its replies from the request, so tests exercise the real HTTP client code.
import express from 'express';
import { listen } from './helpers.js';

export interface ChatRequestInfo {
  system: string;
  user: string;
  /** Passage number -> passage text, parsed from the prompt. */
  passages: Map<number, string>;
  /** The tools the client offers, with their JSON Schema parameters. */
  tools: { name: string; parameters: { required?: string[]; properties?: Record<string, unknown> } }[];
  /** The results of earlier tool calls (the tool messages), in order. */
  toolResults: string[];
}

export interface ToolCallRequest {
  name: string;
  arguments: Record<string, unknown>;
}

export type ChatBehaviour = (request: ChatRequestInfo) => { content: string; delayMs?: number } | { toolCalls: ToolCallRequest[] } | { status: number };

export interface FakeOpenAI {
  baseURL: string;
  requests: ChatRequestInfo[];
  embeddingInputs: string[][];
  setChat(behaviour: ChatBehaviour): void;
}

/** Settings for the LLM answerer and fact-checker on the fake server, with the offline embedder. */
export function llmSettings(fake: FakeOpenAI): Record<string, string> {
  return { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, EMBEDDINGS_PROVIDER: 'offline', ANSWERER: 'llm' };
}

/** Deterministic embedding: character trigram counts hashed into 16 dimensions. */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(16).fill(0);
  const lower = text.toLowerCase();
  for (let i = 0; i + 3 <= lower.length; i++) {
    let hash = 0;
    for (let j = i; j < i + 3; j++) hash = (hash * 31 + lower.charCodeAt(j)) >>> 0;
    vector[hash % 16]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

type MessageContent = string | null | { type: string; text?: string }[];

/** Clients send content as a string or as parts ([{type: "text", text}]); the fake reads the text either way. */
function textOf(content: MessageContent): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  let behaviour: ChatBehaviour = () => ({ content: 'NOT_IN_ARTICLES' });
  const fake: Omit<FakeOpenAI, 'baseURL'> = {
    requests: [],
    embeddingInputs: [],
    setChat: (next) => {
      behaviour = next;
    },
  };
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.post('/v1/chat/completions', async (request, response) => {
    const messages = (request.body.messages as { role: string; content: MessageContent }[]).map((message) => ({ role: message.role, content: textOf(message.content) }));
    const user = messages.find((message) => message.role === 'user')?.content ?? '';
    const passages = new Map<number, string>();
    for (const match of user.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)) passages.set(Number(match[1]), match[2]!);
    const tools = ((request.body.tools ?? []) as { function: { name: string; parameters: ChatRequestInfo['tools'][number]['parameters'] } }[]).map(({ function: { name, parameters } }) => ({ name, parameters }));
    const toolResults = messages.filter((message) => message.role === 'tool').map((message) => message.content);
    const info: ChatRequestInfo = { system: messages.find((message) => message.role === 'system')?.content ?? '', user, passages, tools, toolResults };
    fake.requests.push(info);
    const reply = behaviour(info);
    if ('status' in reply) {
      response.status(reply.status).json({ error: { message: 'fake failure', type: 'server_error' } });
      return;
    }
    if ('toolCalls' in reply) {
      const tool_calls = reply.toolCalls.map((call, index) => ({ id: `call_${fake.requests.length}_${index}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
      response.json({
        id: `chatcmpl-test-${fake.requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls }, finish_reason: 'tool_calls' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      });
      return;
    }
    if (reply.delayMs) await new Promise((done) => setTimeout(done, reply.delayMs));
    if (response.destroyed) return;
    response.json({
      id: `chatcmpl-test-${fake.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    });
  });
  app.post('/v1/embeddings', (request, response) => {
    const input: string[] = Array.isArray(request.body.input) ? request.body.input : [request.body.input];
    fake.embeddingInputs.push(input);
    response.json({
      object: 'list',
      model: request.body.model,
      // Like the real API: base64 of little-endian float32 when the client asks for it.
      data: input.map((text, index) => {
        const vector = fakeEmbedding(String(text));
        const embedding = request.body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
        return { object: 'embedding', index, embedding };
      }),
      usage: { prompt_tokens: 1, total_tokens: 1 },
    });
  });
  const url = await listen(app);
  return { ...fake, baseURL: `${url}/v1` } as FakeOpenAI;
}

/** The number of the passage containing the phrase, for composing cited replies. */
export function passageWith(info: ChatRequestInfo, phrase: string): number {
  for (const [n, text] of info.passages) if (text.includes(phrase)) return n;
  throw new Error(`no passage contains "${phrase}"`);
}

/**
 * An agent's model, scripted from the request: while no tool has answered, it calls the tool the
 * system prompt names ("Use the <name> tool") with the first user message as that tool's first
 * required argument; once a tool has answered, it replies with the latest result word for word.
 */
export const callNamedToolThenEcho: ChatBehaviour = (info) => {
  const latest = info.toolResults.at(-1);
  if (latest !== undefined) return { content: latest };
  const name = /Use the (\w+) tool/.exec(info.system)?.[1];
  const tool = info.tools.find((offered) => offered.name === name);
  const argument = tool?.parameters.required?.[0];
  if (!tool || !argument) return { content: `The system prompt names no offered tool with a required argument (offered: ${info.tools.map((offered) => offered.name).join(', ')}).` };
  return { toolCalls: [{ name: tool.name, arguments: { [argument]: info.user } }] };
};
