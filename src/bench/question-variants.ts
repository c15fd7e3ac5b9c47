// Questions the answer cache has not seen, for the benches: each question with the spaces
// between its words widened in a pattern of its own, so the text (the cache key) is new while
// what it asks, and the work of answering it, stay those of the original question.

/**
 * The question with the gaps between its words widened: gap g (all but the last) to 1 + digit g
 * of `pattern` in base 3 spaces, the last gap to 1 + what remains. Each pattern gives another text.
 */
export function respaced(question: string, pattern: number): string {
  const words = question.split(' ');
  if (words.length < 2) return `${question}${'?'.repeat(pattern)}`;
  let rest = pattern;
  let text = words[0]!;
  for (let gap = 1; gap < words.length; gap++) {
    const last = gap === words.length - 1;
    text += ' '.repeat(1 + (last ? rest : rest % 3)) + words[gap];
    rest = Math.floor(rest / 3);
  }
  return text;
}

/**
 * A function giving a new variant at every call: question after question, then the next spacing
 * pattern for all of them. Pattern 0 is the question as written, so it is never used.
 */
export function distinctQuestions(questions: readonly string[]): () => string {
  let calls = 0;
  return () => {
    const question = questions[calls % questions.length]!;
    const pattern = 1 + Math.floor(calls / questions.length);
    calls++;
    return respaced(question, pattern);
  };
}
