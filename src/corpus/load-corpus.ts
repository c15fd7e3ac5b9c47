// Reads a corpus directory into validated, cleaned articles; files that cannot be used are
// reported with the reason instead of stopping the whole load.
import { readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { CorpusFileError } from '../errors.js';
import type { Article } from '../types.js';
import { includedSections } from '../chunking/sentences.js';
import { findExcludedRanges } from './cleaning.js';
import { LOADERS } from './loaders.js';
import { compactMetadata, idFromFileStem } from './metadata.js';

const READ_CONCURRENCY = 32;

export interface CorpusFailure {
  file: string;
  reason: string;
}

export interface CorpusLoadResult {
  articles: Article[];
  failures: CorpusFailure[];
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function supportedExtensions(): string[] {
  return Object.keys(LOADERS);
}

export async function loadArticle(path: string, corpusDir: string): Promise<Article> {
  const file = relative(corpusDir, path);
  const extension = extname(path).toLowerCase();
  const loader = LOADERS[extension];
  if (!loader) throw new CorpusFileError(file, `unsupported file type "${extension}"; use one of ${supportedExtensions().join(', ')}`);
  const stem = path.slice(path.lastIndexOf('/') + 1, path.length - extension.length);
  const { metadata, text } = await loader(path, file, idFromFileStem(stem));
  if (text.trim() === '') throw new CorpusFileError(file, 'the article has no text');
  const excluded = findExcludedRanges(text);
  const hasKeptText = includedSections(text, excluded).some((section) => text.slice(section.start, section.end).trim() !== '');
  if (!hasKeptText) throw new CorpusFileError(file, 'the article has no text outside link lists, captions and attribution lines');
  return { ...compactMetadata(metadata), text, excluded, sourceFile: file } as Article;
}

export async function loadCorpus(
  corpusDir: string,
  onFile?: (done: number, total: number) => void,
): Promise<CorpusLoadResult> {
  let files: string[];
  try {
    files = await listFiles(corpusDir);
  } catch (error) {
    throw new CorpusFileError(corpusDir, `cannot read the corpus directory (${(error as NodeJS.ErrnoException).code ?? 'error'}); pass --corpus DIR or set CORPUS_DIR`, { cause: error });
  }
  // Files are read many at a time (reading one by one leaves the process idle on I/O), then
  // checked for duplicate ids in file order so the first file with an id keeps it.
  const loaded: (Article | Error)[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      loaded[index] = await loadArticle(files[index]!, corpusDir).catch((error: unknown) => error as Error);
      onFile?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));

  const articles: Article[] = [];
  const failures: CorpusFailure[] = [];
  const seen = new Map<string, string>();
  files.forEach((path, index) => {
    const file = relative(corpusDir, path);
    const result = loaded[index]!;
    if (!(result instanceof Error)) {
      const earlier = seen.get(result.id);
      if (!earlier) {
        seen.set(result.id, file);
        articles.push(result);
        return;
      }
      failures.push({ file, reason: `duplicate id "${result.id}" (already used by ${earlier}); give one of them another file name` });
      return;
    }
    failures.push({ file, reason: result instanceof CorpusFileError ? result.reason : result.message });
  });
  return { articles, failures };
}
