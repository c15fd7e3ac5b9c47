// The chat model for the LLM paths, from configuration: OpenAI or any compatible server.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { createRequire } from 'node:module';
import type { OpenAIConfig } from '../config.js';

// Loaded on first use: the offline service never needs it, and it takes ~0.4 s to import.
const require = createRequire(import.meta.url);

export function createChatModel(settings: Pick<OpenAIConfig, 'apiKey' | 'baseURL' | 'chatModel' | 'timeoutMs'>): BaseChatModel {
  const { apiKey, baseURL, chatModel, timeoutMs } = settings;
  // No retries: a slow or failing model falls back to the extractive path instead.
  const { ChatOpenAI } = require('@langchain/openai') as typeof import('@langchain/openai');
  return new ChatOpenAI({ apiKey, model: chatModel, temperature: 0, maxRetries: 0, timeout: timeoutMs, configuration: baseURL ? { baseURL } : undefined });
}
