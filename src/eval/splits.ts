// The evaluation splits and a QA service over exactly each split's articles.
//   dev-seed  eval/questions.json, eval/claims.json           over corpus/
//   dev-new   eval/dev/questions.json, eval/dev/claims.json   over corpus/ + eval/dev/corpus/*.md
//   dev-more  eval/dev2/questions.json, eval/dev2/claims.json over corpus/ + eval/dev/corpus/*.md + eval/dev2/corpus/*.md
//   dev-fresh eval/dev3/questions.json, eval/dev3/claims.json over all of the above + eval/dev3/corpus/*.md
//   dev-extra eval/dev4/questions.json, eval/dev4/claims.json over all of the above + eval/dev4/corpus/*.md
//   dev-later eval/dev5/questions.json, eval/dev5/claims.json over all of the above + eval/dev5/corpus/*.md
//   dev-recent eval/dev6/questions.json, eval/dev6/claims.json over all of the above + eval/dev6/corpus/*.md
//   dev-latest eval/dev7/questions.json, eval/dev7/claims.json over all of the above + eval/dev7/corpus/*.md
//   dev-newest eval/dev8/questions.json, eval/dev8/claims.json over all of the above + eval/dev8/corpus/*.md
//   dev-probe eval/dev9/questions.json, eval/dev9/claims.json over all of the above: everyday wording about the
//             dev6-dev8 articles, written from those articles alone, with no articles of its own
//   dev-unseen eval/dev10/questions.json, eval/dev10/claims.json over all of the above + eval/dev10/corpus/*.md
//   dev-novel eval/dev11/questions.json, eval/dev11/claims.json over all of the above + eval/dev11/corpus/*.md
//   dev-blind eval/dev12/questions.json, eval/dev12/claims.json over all of the above + eval/dev12/corpus/*.md
//   dev-untried eval/dev13/questions.json, eval/dev13/claims.json over all of the above + eval/dev13/corpus/*.md
//   dev-unmet eval/dev14/questions.json, eval/dev14/claims.json over all of the above + eval/dev14/corpus/*.md
//   dev-untold eval/dev15/questions.json, eval/dev15/claims.json over all of the above + eval/dev15/corpus/*.md
//   dev-unheard eval/dev16/questions.json, eval/dev16/claims.json over all of the above + eval/dev16/corpus/*.md
//   test      eval/test/questions.json, eval/test/claims.json over corpus/ + eval/test/corpus/*.md
// The test split is frozen: it is only ever scored, never tuned on.
// Each split gets its own corpus copy and index under data/eval/<split>/; ingest is incremental,
// so opening a split again only re-embeds articles that changed.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import { createEmbedder } from '../embeddings/create-embeddings.js';
import { ingest } from '../index-store/ingest.js';
import { createQaService, type QaService } from '../qa-service.js';
import { readEvalQuestions, type EvalQuestion } from './answer-eval.js';
import { readEvalClaims, type EvalClaim } from './claim-eval.js';

/** The dev splits after dev-seed, in the order they were written, with their folders under eval/. */
const DEV_FOLDERS = [
  ['dev-new', 'dev'],
  ['dev-more', 'dev2'],
  ['dev-fresh', 'dev3'],
  ['dev-extra', 'dev4'],
  ['dev-later', 'dev5'],
  ['dev-recent', 'dev6'],
  ['dev-latest', 'dev7'],
  ['dev-newest', 'dev8'],
  ['dev-probe', 'dev9'],
  ['dev-unseen', 'dev10'],
  ['dev-novel', 'dev11'],
  ['dev-blind', 'dev12'],
  ['dev-untried', 'dev13'],
  ['dev-unmet', 'dev14'],
  ['dev-untold', 'dev15'],
  ['dev-unheard', 'dev16'],
] as const;

export const SPLIT_NAMES = ['dev-seed', ...DEV_FOLDERS.map(([name]) => name), 'test'] as const;
/** Every split but the frozen test split. */
export const DEV_SPLITS = SPLIT_NAMES.filter((name) => name !== 'test');
export type SplitName = (typeof SPLIT_NAMES)[number];

export interface SplitFiles {
  name: SplitName;
  questionsFile: string;
  claimsFile: string;
  /** Folders of articles the split adds to the project corpus (each may not exist). */
  extraCorpusDirs: string[];
  /** Where the split's corpus copy and index live. */
  corpusDir: string;
  indexDir: string;
}

export function isSplitName(name: string): name is SplitName {
  return (SPLIT_NAMES as readonly string[]).includes(name);
}

export function splitFiles(name: SplitName): SplitFiles {
  const dataDir = resolve('data/eval', name);
  const common = { name, corpusDir: join(dataDir, 'corpus'), indexDir: join(dataDir, 'index') };
  if (name === 'dev-seed') return { ...common, questionsFile: resolve('eval/questions.json'), claimsFile: resolve('eval/claims.json'), extraCorpusDirs: [] };
  const position = DEV_FOLDERS.findIndex(([devName]) => devName === name);
  const folder = name === 'test' ? 'test' : DEV_FOLDERS[position]![1];
  const dir = resolve('eval', folder);
  // Each later dev split asks about the earlier dev splits' articles too, so its corpus holds them
  // (a folder without articles adds none); the test split has only its own.
  const earlier = name === 'test' ? [] : DEV_FOLDERS.slice(0, position).map(([, earlierFolder]) => earlierFolder);
  const extraCorpusDirs = [...earlier.map((folder) => resolve('eval', folder, 'corpus')), join(dir, 'corpus')];
  return { ...common, questionsFile: join(dir, 'questions.json'), claimsFile: join(dir, 'claims.json'), extraCorpusDirs };
}

/** A split is present when its question file exists; its claim file is optional. */
export function splitPresent(name: SplitName): boolean {
  return existsSync(splitFiles(name).questionsFile);
}

/** The split's questions and claims, or undefined when its question file is missing. */
export async function readSplit(name: SplitName): Promise<{ questions: EvalQuestion[]; claims: EvalClaim[] } | undefined> {
  const files = splitFiles(name);
  if (!existsSync(files.questionsFile)) return undefined;
  const questions = await readEvalQuestions(files.questionsFile);
  const claims = existsSync(files.claimsFile) ? await readEvalClaims(files.claimsFile) : [];
  return { questions, claims };
}

async function markdownFiles(directory: string): Promise<string[]> {
  if (!existsSync(directory)) return [];
  const entries = await readdir(directory, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => join(directory, entry.name));
}

/** Makes files.corpusDir hold exactly corpus/*.md plus the split's extra *.md files. */
async function syncCorpus(files: SplitFiles): Promise<void> {
  const sources = new Map<string, string>();
  for (const file of await markdownFiles(resolve('corpus'))) sources.set(basename(file), file);
  for (const file of (await Promise.all(files.extraCorpusDirs.map(markdownFiles))).flat()) {
    const name = basename(file);
    if (sources.has(name)) throw new Error(`${file} has the same file name as a project corpus file; rename it.`);
    sources.set(name, file);
  }
  await mkdir(files.corpusDir, { recursive: true });
  for (const entry of await readdir(files.corpusDir, { withFileTypes: true })) {
    if (!(entry.isFile() && sources.has(entry.name))) await rm(join(files.corpusDir, entry.name), { recursive: true, force: true });
  }
  for (const [name, source] of sources) await copyFile(source, join(files.corpusDir, name));
}

/**
 * A QA service over exactly the split's articles, with the offline embedder, or undefined when
 * the split's question file is missing. `env` supplies the other settings (the answerer, k);
 * the tests pass {} for the offline default.
 */
export async function openSplitService(name: SplitName, env: Record<string, string | undefined> = process.env): Promise<{ service: QaService; config: Config } | undefined> {
  const files = splitFiles(name);
  if (!existsSync(files.questionsFile)) return undefined;
  await syncCorpus(files);
  const config = loadConfig({ ...env, CORPUS_DIR: files.corpusDir, INDEX_DIR: files.indexDir, EMBEDDINGS_PROVIDER: 'offline' });
  const embedder = createEmbedder(config);
  const summary = await ingest({ corpusDir: config.corpusDir, indexDir: config.indexDir, embedder });
  if (summary.failures.length > 0) {
    throw new Error(`Split ${name}: corpus files failed to load: ${summary.failures.map((failure) => `${failure.file} (${failure.reason})`).join('; ')}`);
  }
  return { service: await createQaService(config, embedder), config };
}
