// The LLM fact-checker: the model judges the claim from numbered, delimited passages; its
// explanation is verified sentence by sentence like an answer. A verdict whose evidence cannot
// be verified is not returned: the offline checker decides instead.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../config.js';
import { composeAnswer, relatedFor } from '../answering/compose.js';
import { candidateSentences } from '../answering/evidence.js';
import { buildMessages } from '../answering/llm-answerer.js';
import { createChatModel } from '../answering/chat-model.js';
import { verifyStatements } from '../answering/verify.js';
import type { WordVectors } from '../embeddings/word-vectors.js';
import type { Retriever } from '../retrieval/hybrid-retriever.js';
import type { FactChecker, Verdict, VerdictLabel } from './verdict.js';

const INSTRUCTIONS = `Judge the claim using only the numbered passages.
Reply with one line "VERDICT: supported", "VERDICT: refuted" or "VERDICT: not_enough_info", then an explanation in one to three sentences, each ending with the numbers of the passages that decide it in square brackets, e.g. [2].
Refuted means a passage states something incompatible with the claim (a different number, date, country, person, or the opposite action). When passages of different dates disagree, the newest decides; say that an older passage said otherwise.`;

export class LlmFactChecker implements FactChecker {
  private readonly model: BaseChatModel;
  private readonly retriever: Retriever;
  private readonly fallback: FactChecker;
  private readonly vectors: WordVectors;
  private readonly timeoutMs: number;

  constructor(options: { model: BaseChatModel; retriever: Retriever; fallback: FactChecker; vectors: WordVectors; timeoutMs: number }) {
    this.model = options.model;
    this.retriever = options.retriever;
    this.fallback = options.fallback;
    this.vectors = options.vectors;
    this.timeoutMs = options.timeoutMs;
  }

  async check(claim: string): Promise<Verdict> {
    const passages = await this.retriever.retrieve(claim, 8);
    const messages = buildMessages({ question: `Claim to check: ${claim}`, history: [], passages });
    messages[0]!.content += `\n\n${INSTRUCTIONS}`;
    let text: string;
    try {
      const response = await this.model.invoke(messages, { signal: AbortSignal.timeout(this.timeoutMs) });
      text = typeof response.content === 'string' ? response.content : JSON.stringify(response.content);
    } catch {
      return this.fallBack(claim, 'The language model could not be reached or did not answer in time');
    }
    const label = /VERDICT:\s*(supported|refuted|not_enough_info)/i.exec(text)?.[1]?.toLowerCase() as VerdictLabel | undefined;
    if (!label) return this.fallBack(claim, 'The language model gave no verdict');
    const explanation = text.replace(/^.*VERDICT:.*$/im, '').trim();
    if (label === 'not_enough_info') {
      const related = candidateSentences(passages).slice(0, 3).map(relatedFor);
      return { claim, verdict: label, explanation: 'Not enough information: the articles do not settle this claim.', citations: [], mode: 'llm', ...(related.length ? { related } : {}) };
    }
    const { statements } = verifyStatements(explanation, passages, this.vectors);
    if (statements.length === 0) return this.fallBack(claim, 'The language model cited no passage that could be verified');
    const composed = composeAnswer(statements, 'llm');
    return { claim, verdict: label, explanation: composed.answer, citations: composed.citations, mode: 'llm' };
  }

  private async fallBack(claim: string, reason: string): Promise<Verdict> {
    const verdict = await this.fallback.check(claim);
    return { ...verdict, notice: `${reason}; this verdict was reached from the article sentences instead.` };
  }
}

export function createLlmFactChecker(config: Config, retriever: Retriever, fallback: FactChecker, vectors: WordVectors): LlmFactChecker {
  return new LlmFactChecker({ model: createChatModel(config), retriever, fallback, vectors, timeoutMs: config.openai.timeoutMs });
}
