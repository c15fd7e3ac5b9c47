// npm run factcheck -- "claim" ["another claim" ...] [--json] | --file draft.md: checks claims, or
// every sentence of a document, against the articles; --format md|csv|json prints the audit record.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '../src/errors.js';
import { withService } from '../src/cli/open-service.js';
import { formatVerdict } from '../src/cli/format-answer.js';
import { readDocument } from '../src/corpus/read-document.js';
import { auditContext, exportFormatNamed, renderAudit, type FactCheckResult } from '../src/factcheck/audit-trail.js';
import { checkDocument, planDocument } from '../src/factcheck/document-check.js';

const USAGE = 'Usage: npm run factcheck -- "claim" ["another claim" ...] [--json | --format md|csv|json]\n       npm run factcheck -- --file draft.md [--format md|csv|json]';

const { values, positionals } = parseArgs({
  options: { json: { type: 'boolean', default: false }, file: { type: 'string' }, format: { type: 'string' } },
  allowPositionals: true,
});
const claims = positionals.map((claim) => claim.trim()).filter(Boolean);
const format = values.json ? 'json' : values.format === undefined ? undefined : exportFormatNamed(values.format);
if ((claims.length === 0) === (values.file === undefined) || (values.format !== undefined && format === undefined)) {
  console.error(USAGE);
  process.exit(2);
}
try {
  await withService(async ({ config, service }) => {
    const checkedAt = new Date();
    let result: FactCheckResult;
    if (values.file !== undefined) {
      const { text, source } = await readDocument(await readFile(values.file), values.file, 'file');
      const document = (await checkDocument(text, planDocument(text), (claim) => service.factcheck(claim)))!;
      result = { kind: 'document', document, source };
    } else {
      const verdicts = [];
      for (const claim of claims) verdicts.push(await service.factcheck(claim));
      result = verdicts.length === 1 ? { kind: 'claim', verdict: verdicts[0]! } : { kind: 'batch', verdicts };
    }
    if (format === undefined && result.kind !== 'document') {
      console.log((result.kind === 'claim' ? [result.verdict] : result.verdicts).map((verdict) => formatVerdict(verdict)).join('\n\n'));
    } else {
      const context = await auditContext(service.index, result, checkedAt, `http://${config.host}:${config.port}`);
      process.stdout.write(renderAudit(format ?? 'md', result, context));
    }
  });
} catch (error) {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `no file ${values.file}` : (error as Error).message;
  console.error(error instanceof AppError ? error.message : `factcheck failed: ${reason}`);
  process.exitCode = 1;
}
