// When a language model's answer or verdict is replaced by the offline one, the result says why
// twice: a code for programs (clients, metrics) and a sentence for readers. Both come from here.
import type { FallbackReason } from '../types.js';

const WHY: Record<FallbackReason, (modelVerdict?: string) => string> = {
  llm_timeout: () => 'The language model did not answer in time',
  llm_unreachable: () => 'The language model could not be reached',
  llm_no_answer: () => 'The language model found no answer in the passages',
  llm_unverified: () => 'Nothing the language model said could be verified against the articles',
  llm_no_verdict: () => 'The language model gave no verdict',
  llm_verdict_not_supported: (modelVerdict) => `The language model's verdict (${modelVerdict ?? 'unknown'}) is not borne out by the sentences it cites`,
  llm_inconclusive: () => 'The language model found the passages inconclusive, but the evidence judge found a deciding sentence',
};

/** Every reason code, for the API description. */
export const FALLBACK_REASONS = Object.keys(WHY) as FallbackReason[];

const INSTEAD = {
  answer: 'this answer was built from the article sentences instead',
  verdict: 'this verdict was reached from the article sentences instead',
} as const;

/** The offline result, marked with why it replaced the model's and a notice saying so. */
export function fellBack<T extends { notice?: string; fallback?: FallbackReason; refused?: boolean }>(result: T, kind: keyof typeof INSTEAD, reason: FallbackReason, modelVerdict?: string): T {
  // The model and the articles both finding no answer is one fact, and the refusal already says it.
  if (result.refused && reason === 'llm_no_answer') {
    const { notice: _repeated, ...refusal } = result;
    return { ...refusal, fallback: reason } as T;
  }
  // A refusal was not "built from the article sentences"; it says what the articles lack.
  const instead = result.refused ? 'the articles were searched without it' : INSTEAD[kind];
  return { ...result, fallback: reason, notice: `${WHY[reason](modelVerdict)}; ${instead}.` };
}

/** A failed model call: out of time, or not reached at all. */
export function callFailure(error: unknown): 'llm_timeout' | 'llm_unreachable' {
  const { name, message } = error instanceof Error ? error : { name: '', message: String(error) };
  return name === 'TimeoutError' || name === 'AbortError' || /timed? ?out|abort/i.test(message) ? 'llm_timeout' : 'llm_unreachable';
}
