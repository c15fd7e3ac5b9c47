// The boundary every answerer implements: a question and its retrieved passages in, a cited
// answer out.
import type { Answer, ChatTurn, Passage } from '../types.js';

export interface AnswerRequest {
  question: string;
  history: ChatTurn[];
  passages: Passage[];
}

export interface Answerer {
  readonly mode: Answer['mode'];
  answer(request: AnswerRequest): Promise<Answer>;
}
