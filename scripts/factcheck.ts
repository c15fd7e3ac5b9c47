// npm run factcheck -- "claim" ["another claim" ...] [--json]: checks claims against the articles.
import { parseArgs } from 'node:util';
import { AppError } from '../src/errors.js';
import { openService } from '../src/cli/open-service.js';
import { formatVerdict } from '../src/cli/format-answer.js';

const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
const claims = positionals.map((claim) => claim.trim()).filter(Boolean);
if (claims.length === 0) {
  console.error('Usage: npm run factcheck -- "claim" ["another claim" ...] [--json]');
  process.exit(2);
}
try {
  const { service } = await openService();
  const results = [];
  for (const claim of claims) results.push(await service.factcheck(claim));
  if (values.json) console.log(JSON.stringify(results.length === 1 ? results[0] : { results }, null, 2));
  else console.log(results.map((verdict) => formatVerdict(verdict)).join('\n\n'));
} catch (error) {
  console.error(error instanceof AppError ? error.message : `factcheck failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
