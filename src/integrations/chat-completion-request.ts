// Reads an OpenAI chat-completion request as a question for the service: the last user message is
// the question, the earlier user and assistant messages its history. Sampling parameters are
// accepted and ignored (answers are composed from the articles, not sampled); what the service
// cannot honour (several choices, client tools, JSON output, images or audio) is refused.
import { LIMITS } from '../config.js';
import { InputError, NotFoundError } from '../errors.js';
import type { AskRequest } from '../qa-service.js';
import { answerProse } from '../cli/format-answer.js';
import { describeValue, truncate } from '../server/http-errors.js';
import { requireObject, requireQuestionWithinWorkLimit, requireText } from '../server/validation.js';
import type { ChatTurn } from '../types.js';

/** The one model this service is, as OpenAI clients name it. */
export const MODEL_ID = 'export-rules-qa';

export interface ChatCompletionRequest {
  model: string;
  ask: AskRequest;
  stream: boolean;
  /** stream_options.include_usage: a last chunk with the token counts before [DONE]. */
  includeUsage: boolean;
}

const EXAMPLE = `{"model": "${MODEL_ID}", "messages": [{"role": "user", "content": "When will the jets be deployed?"}]}`;

function requireModel(value: unknown): string {
  if (value === undefined || value === null) throw new InputError('missing_model', `The "model" field is required: send "model": "${MODEL_ID}".`);
  if (typeof value !== 'string') throw new InputError('invalid_model', `The "model" field must be a string such as "${MODEL_ID}"; got ${describeValue(value)}.`);
  if (value !== MODEL_ID) throw new NotFoundError(`The model "${truncate(value)}" does not exist here; the only model is "${MODEL_ID}" (GET /v1/models).`, 'model_not_found');
  return value;
}

function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new InputError(`invalid_${field}`, `The "${field}" field must be true or false; got ${describeValue(value)}.`);
  return value;
}

/** Refuses the parameters whose meaning the service cannot provide, rather than silently ignoring them. */
function rejectUnsupported(body: Record<string, unknown>): void {
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw new InputError('unsupported_parameter', `"n" must be 1: the service gives one answer per question; got ${describeValue(body.n)}.`);
  }
  for (const field of ['tools', 'functions'] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) {
      throw new InputError('unsupported_parameter', `"${field}" is not supported: this model answers from the articles and never calls client tools. Leave it out, or use the MCP server at /mcp to give the articles to a model that does.`);
    }
  }
  const format = body.response_format;
  if (format !== undefined && format !== null && !(typeof format === 'object' && (format as { type?: unknown }).type === 'text')) {
    throw new InputError('unsupported_parameter', '"response_format" must be {"type": "text"} or left out: answers are prose with [n] markers; the citations come as structured data in message.citations.');
  }
}

/** A message's text: a string, or text content parts joined; other parts are refused by name. */
function messageText(message: Record<string, unknown>, index: number): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if ((content === null || content === undefined) && message.role === 'assistant') return '';
  if (!Array.isArray(content)) {
    throw new InputError('invalid_messages', `messages[${index}].content must be a string or an array of {"type": "text", "text": "..."} parts; got ${describeValue(content)}.`);
  }
  return content
    .map((part: unknown, partIndex) => {
      const type = typeof part === 'object' && part !== null ? (part as { type?: unknown }).type : undefined;
      const text = type === 'text' ? (part as { text?: unknown }).text : undefined;
      if (typeof text === 'string') return text;
      if (type === 'text') throw new InputError('invalid_messages', `messages[${index}].content[${partIndex}] is a text part without a "text" string.`);
      throw new InputError(
        'unsupported_content',
        `messages[${index}].content[${partIndex}] is a ${typeof type === 'string' ? `"${truncate(type, 30)}"` : 'untyped'} part; this model reads text only: send the question as text.`,
      );
    })
    .join('\n');
}

interface ConversationMessage {
  role: 'user' | 'assistant';
  text: string;
}

function conversation(value: unknown): ConversationMessage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError('invalid_messages', `The "messages" field must be a non-empty array of {"role", "content"} messages, as in ${EXAMPLE}.`);
  }
  const turns: ConversationMessage[] = [];
  value.forEach((message: unknown, index) => {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw new InputError('invalid_messages', `messages[${index}] must be an object such as {"role": "user", "content": "..."}; got ${describeValue(message)}.`);
    }
    const record = message as Record<string, unknown>;
    const role = record.role;
    // Instructions cannot change where answers come from; they are read and set aside.
    if (role === 'system' || role === 'developer') {
      messageText(record, index);
      return;
    }
    if (role === 'tool' || role === 'function' || (Array.isArray(record.tool_calls) && record.tool_calls.length > 0)) {
      throw new InputError('unsupported_message', `messages[${index}] is a tool call or tool result; this model does not call tools. Send user and assistant messages only.`);
    }
    if (role !== 'user' && role !== 'assistant') {
      throw new InputError('invalid_messages', `messages[${index}].role must be "system", "developer", "user" or "assistant"; got ${describeValue(role)}.`);
    }
    turns.push({ role, text: messageText(record, index) });
  });
  return turns;
}

/** Earlier turns as history: the most recent ones, earlier replies without their source lists. */
function historyOf(turns: readonly ConversationMessage[]): ChatTurn[] {
  const limit = LIMITS.maxQuestionChars * 4;
  return turns.slice(-LIMITS.maxHistoryTurns).map(({ role, text }) => ({ role, content: (role === 'assistant' ? answerProse(text) : text).slice(0, limit) }));
}

function questionOf(turns: readonly ConversationMessage[]): string {
  const last = turns.at(-1);
  if (!last || !turns.some((turn) => turn.role === 'user')) throw new InputError('no_user_message', `The messages contain no user message; end them with {"role": "user", "content": "your question"}.`);
  if (last.role !== 'user') throw new InputError('last_message_not_user', 'The last message must be the user\'s question; an assistant message cannot be continued.');
  return requireText(last.text, 'question', 'The last user message');
}

export function parseChatCompletionRequest(body: unknown, defaultK: number): ChatCompletionRequest {
  const object = requireObject(body, EXAMPLE);
  const model = requireModel(object.model);
  rejectUnsupported(object);
  const turns = conversation(object.messages);
  const question = questionOf(turns);
  requireQuestionWithinWorkLimit(question, defaultK);
  const stream = optionalBoolean(object.stream, 'stream');
  const options = object.stream_options;
  const includeUsage = typeof options === 'object' && options !== null && (options as { include_usage?: unknown }).include_usage === true;
  return { model, ask: { question, history: historyOf(turns.slice(0, -1)) }, stream, includeUsage };
}
