// The fact-check result shape and the boundary every checker implements.
import type { Citation, FallbackReason, RelatedPassage } from '../types.js';

export type VerdictLabel = 'supported' | 'refuted' | 'not_enough_info';

export interface Verdict {
  claim: string;
  verdict: VerdictLabel;
  /** Prose with [n] markers resolving to `citations`, like an answer. */
  explanation: string;
  citations: Citation[];
  confidence?: number;
  related?: RelatedPassage[];
  mode: 'extractive' | 'llm';
  notice?: string;
  /** Set when the LLM verdict was replaced by the offline checker's: why, as a code. */
  fallback?: FallbackReason;
}

export interface FactChecker {
  check(claim: string): Promise<Verdict>;
}
