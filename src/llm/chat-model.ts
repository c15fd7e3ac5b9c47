// The chat model for the LLM paths, from configuration: OpenAI or any compatible server.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../config.js';

export function createChatModel(config: Config): BaseChatModel {
  const { apiKey, baseURL, chatModel, timeoutMs } = config.openai;
  // No retries: a slow or failing model falls back to the extractive path instead.
  return new ChatOpenAI({ apiKey, model: chatModel, temperature: 0, maxRetries: 0, timeout: timeoutMs, configuration: baseURL ? { baseURL } : undefined });
}
