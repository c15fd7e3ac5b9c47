// npm run ingest [-- --corpus DIR] [--index DIR]: builds or refreshes the local index.
import { parseArgs } from 'node:util';
import { runIngestCommand } from '../src/cli/ingest-command.js';

const { values } = parseArgs({ options: { corpus: { type: 'string' }, index: { type: 'string' } } });
process.exitCode = await runIngestCommand({ corpusDir: values.corpus, indexDir: values.index });
