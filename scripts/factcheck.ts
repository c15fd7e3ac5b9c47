// npm run factcheck -- "claim" ["another claim" ...] [--json]: checks claims against the articles.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { AppError } from '../src/errors.js';
import { ensureIndex } from '../src/cli/ensure-index.js';
import { formatVerdict } from '../src/cli/format-answer.js';
import { createQaService } from '../src/qa-service.js';

const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
const claims = positionals.map((claim) => claim.trim()).filter(Boolean);
if (claims.length === 0) {
  console.error('Usage: npm run factcheck -- "claim" ["another claim" ...] [--json]');
  process.exit(2);
}
try {
  const config = loadConfig();
  const embedder = createEmbedder(config);
  await ensureIndex(config, embedder);
  const service = await createQaService(config, embedder);
  const results = [];
  for (const claim of claims) results.push(await service.factcheck(claim));
  if (values.json) console.log(JSON.stringify(results.length === 1 ? results[0] : { results }, null, 2));
  else console.log(results.map(formatVerdict).join('\n\n'));
} catch (error) {
  console.error(error instanceof AppError ? error.message : `factcheck failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
