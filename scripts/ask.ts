// npm run ask -- "question" [--json]: answers one question from the local index.
import { parseArgs } from 'node:util';
import { AppError } from '../src/errors.js';
import { withService } from '../src/cli/open-service.js';
import { formatAnswer } from '../src/cli/format-answer.js';

const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
const question = positionals.join(' ').trim();
if (!question) {
  console.error('Usage: npm run ask -- "your question" [--json]');
  process.exit(2);
}
try {
  const answer = await withService(({ service }) => service.ask({ question }));
  console.log(values.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
} catch (error) {
  console.error(error instanceof AppError ? error.message : `ask failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
