// npm run ask -- "question" [--json]: answers one question from the local index.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { AppError } from '../src/errors.js';
import { ensureIndex } from '../src/cli/ensure-index.js';
import { formatAnswer } from '../src/cli/format-answer.js';
import { createQaService } from '../src/qa-service.js';

const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
const question = positionals.join(' ').trim();
if (!question) {
  console.error('Usage: npm run ask -- "your question" [--json]');
  process.exit(2);
}
try {
  const config = loadConfig();
  const embedder = createEmbedder(config);
  await ensureIndex(config, embedder);
  const service = await createQaService(config, embedder);
  const answer = await service.ask({ question });
  console.log(values.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
} catch (error) {
  console.error(error instanceof AppError ? error.message : `ask failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
