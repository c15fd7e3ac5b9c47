// The messages sent to a chat model: numbered passages delimited as untrusted data, the
// conversation so far and the question. Shared by the LLM answerer and fact-checker.
import type { ChatTurn, Passage } from '../types.js';

/** A system message and a user message, in the shape chat models take. */
export type ChatMessage = { role: 'system'; content: string } | { role: 'user'; content: string };

function neutralise(text: string): string {
  // A passage must not be able to close its own delimiter and speak outside it.
  return text.replace(/<\/?passage/gi, (match) => match.replace('<', '‹'));
}

export function passageMessages(system: string, question: string, passages: readonly Passage[], history: readonly ChatTurn[] = []): [ChatMessage, ChatMessage] {
  const numbered = passages
    .map((passage, i) => {
      const date = passage.article.published ? ` published="${passage.article.published}"` : '';
      return `<passage n="${i + 1}" title="${neutralise(passage.article.title).replace(/"/g, "'")}"${date}>\n${neutralise(passage.text)}\n</passage>`;
    })
    .join('\n');
  const conversation = history.map((turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.content}`).join('\n');
  const user = `${numbered}\n\n${conversation ? `Conversation so far:\n${conversation}\n\n` : ''}${question}`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

/** The text of a chat model's reply, whatever shape its content has. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : ((part as { text?: string }).text ?? ''))).join('');
  return '';
}
