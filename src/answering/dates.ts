// When an answer draws on articles of different dates, the reader must see which statement is
// the newer one: the rules changed over time.
import type { Statement } from './compose.js';

/** Dates compare as strings: YYYY < YYYY-MM < YYYY-MM-DD within the same period. */
function dateOf(statement: Statement): string | undefined {
  return statement.evidence[0]?.article.published;
}

export function datedStatements(statements: Statement[]): Statement[] {
  const dates = new Set(statements.map(dateOf).filter((date): date is string => date !== undefined));
  if (dates.size < 2) return statements;
  const ordered = [...statements].sort((a, b) => (dateOf(b) ?? '').localeCompare(dateOf(a) ?? ''));
  const newest = dateOf(ordered[0]!);
  // Each article is introduced once; its further sentences follow without a label.
  const introduced = new Set<string>();
  return ordered.map((statement) => {
    const articleId = statement.evidence[0]?.article.id ?? '';
    if (introduced.has(articleId)) return statement;
    introduced.add(articleId);
    const date = dateOf(statement);
    const label = date === undefined ? 'An undated article says' : date === newest ? `The most recent article (${date}) says` : `An earlier article (${date}) says`;
    return { ...statement, text: `${label}: ${statement.text}` };
  });
}
