// The boundary every answerer implements: a question, its analysis and its retrieved passages
// in, a cited answer out.
import type { QuestionAnalysis } from '../grounding/question.js';
import type { Answer, ChatTurn, Passage } from '../types.js';

export interface AnswerRequest {
  question: string;
  history: ChatTurn[];
  passages: Passage[];
  /** The question analysed once per request by the service. */
  analysis: QuestionAnalysis;
}

export interface Answerer {
  readonly mode: Answer['mode'];
  answer(request: AnswerRequest): Promise<Answer>;
}
