// One loader per file format. Each returns the article text exactly as it will be stored
// (offsets point into it) plus whatever metadata the file itself carries.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { PDFParse } from 'pdf-parse';
import { AppError, CorpusFileError, WorkLimitError } from '../errors.js';
import type { ArticleMetadata } from '../types.js';
import { normalizePublished, optionalString, titleFromId, validateId, validateUrl } from './metadata.js';

export interface LoadedFile {
  metadata: ArticleMetadata;
  text: string;
}

export type Loader = (path: string, file: string, defaultId: string) => Promise<LoadedFile>;

/** How a document sent to be checked is read (ingest reads corpus articles whole and strictly). */
export interface ParseOptions {
  /**
   * A draft, not a corpus article: its metadata is not held to the corpus rules (id matching the
   * file name, dates, http(s) URLs), since none of it is stored or cited. Front matter is removed
   * from the text and only a text title is kept.
   */
  draft?: boolean;
  /** A PDF with more pages than this is refused before any page is read. */
  maxPages?: number;
  /** Extraction stops, and the file is refused, once its text is longer than this. */
  maxChars?: number;
}

/** A loader's work on bytes already in memory: how an uploaded file goes through the same rules. */
export type Parser = (content: Buffer, file: string, defaultId: string, options?: ParseOptions) => Promise<LoadedFile>;

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** A draft's title from its front matter: a non-blank text `title`, or none (whatever else the block holds). */
function draftTitle(frontMatter: string): string | undefined {
  try {
    const title = (parseYaml(frontMatter) as { title?: unknown } | null)?.title;
    return typeof title === 'string' && title.trim() ? title.trim() : undefined;
  } catch {
    return undefined;
  }
}

export const parseMarkdown: Parser = async (content, file, defaultId, options = {}) => {
  const raw = content.toString('utf8');
  const match = FRONT_MATTER.exec(raw);
  if (!match) return loadPlainText(raw, file, defaultId);
  if (options.draft) {
    const id = validateId(file, defaultId);
    return { metadata: { id, title: draftTitle(match[1]!) ?? titleFromId(id) }, text: raw.slice(match[0].length) };
  }
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (error) {
    throw new CorpusFileError(file, `front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CorpusFileError(file, 'front matter must be a YAML mapping of fields such as "title: ..."');
  }
  const fields = data as Record<string, unknown>;
  const id = validateId(file, optionalString(file, 'id', fields.id) ?? defaultId);
  if (id !== defaultId) {
    throw new CorpusFileError(file, `front matter id "${id}" differs from the file name; rename the file to ${id}.md or fix the id`);
  }
  return {
    metadata: {
      id,
      title: optionalString(file, 'title', fields.title) ?? titleFromId(id),
      publisher: optionalString(file, 'publisher', fields.publisher),
      published: normalizePublished(file, fields.published),
      publishedNote: optionalString(file, 'published_note', fields.published_note),
      url: validateUrl(file, optionalString(file, 'url', fields.url)),
    },
    text: raw.slice(match[0].length),
  };
};

function loadPlainText(raw: string, file: string, id: string): LoadedFile {
  validateId(file, id);
  // A first line that reads like a headline (short, no closing period) is the title.
  const firstLine = raw.split('\n', 1)[0]!.trim();
  const headline = firstLine.length > 0 && firstLine.length <= 120 && !/[.!?]$/.test(firstLine) ? firstLine : undefined;
  const stated = /^Published\s+(\d{4}-\d{2}-\d{2})\b/m.exec(raw);
  return {
    metadata: {
      id,
      title: headline && !/^Published\s/.test(headline) ? headline : titleFromId(id),
      published: stated ? stated[1] : undefined,
      publishedNote: stated ? `Stated in the text: "${stated[0].trim()}".` : undefined,
    },
    text: raw,
  };
}

export const parseText: Parser = async (content, file, defaultId) => loadPlainText(content.toString('utf8'), file, defaultId);

function metaContent(document: Document, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * "Japan widens its rules | Example Defence Daily" -> "Japan widens its rules" when the site is
 * "Example Defence Daily": HTML titles often end with the site name, which readers see as the
 * publisher anyway. Only the site's own name is removed, never other text after a dash.
 */
export function withoutSiteName(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const comparable = (value: string) => value.replace(/\s+/g, ' ').trim().toLowerCase();
  // A separator is "|", or a hyphen or dash with spaces around it.
  for (const separator of title.matchAll(/\s+(?:\||[-–—])\s+/g)) {
    const rest = title.slice(separator.index + separator[0].length);
    const kept = title.slice(0, separator.index).trim();
    if (kept !== '' && comparable(rest) === comparable(siteName)) return kept;
  }
  return title;
}

export const parseHtml: Parser = async (content, file, defaultId, options = {}) => {
  const html = content.toString('utf8');
  const { document } = parseHTML(html);
  const title =
    metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ?? document.querySelector('title')?.textContent?.trim();
  const published = metaContent(document, ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]']);
  const siteName = metaContent(document, ['meta[property="og:site_name"]']);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim();
  const parsed = new Readability(document as unknown as Document).parse();
  if (!parsed?.content) throw new CorpusFileError(file, 'no article body found in the HTML');
  // Paragraph-level blocks become lines, so sentence splitting and cleaning see the structure.
  const { document: body } = parseHTML(`<html><body>${parsed.content}</body></html>`);
  const blocks = [...body.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, blockquote, figcaption')]
    .filter((element) => !element.querySelector('p, li'))
    .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
  const id = validateId(file, defaultId);
  const publisher = siteName ?? parsed.siteName ?? undefined;
  return {
    metadata: {
      id,
      title: withoutSiteName(title || parsed.title || titleFromId(id), publisher),
      publisher,
      // A draft's page date is not stored or cited: one that is not a date is no reason to refuse it.
      ...(options.draft ? {} : { published: normalizePublished(file, published), publishedNote: published ? 'Stated in the page metadata (article:published_time).' : undefined }),
      url: canonical && /^https?:\/\//.test(canonical) ? canonical : undefined,
    },
    text: blocks.join('\n'),
  };
};

/** "D:20240315093000Z" (PDF date) -> "2024-03-15". */
function pdfDate(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value) : null;
  if (!match) return undefined;
  return [match[1], match[2], match[3]].filter(Boolean).join('-');
}

/** pdf-parse's default page joiner, "-- 1 of 2 --", and the lines around it: layout, not article text. */
const PAGE_BREAK = /\n*-- \d+ of \d+ --\n*/g;

/**
 * The text of a PDF's pages, read one page at a time so that a text over `maxChars` stops the
 * reading there: text extraction costs about 10 ms and several hundred KB a page, and a 2 MB file
 * can hold over a thousand pages. Joined as pdf-parse's getText() joins them, page breaks removed.
 */
async function pdfText(parser: PDFParse, pages: number, file: string, maxChars: number | undefined): Promise<string> {
  let raw = '';
  for (let number = 1; number <= pages; number++) {
    const page = (await parser.getText({ partial: [number] })).pages[0];
    raw += `${page?.text ?? ''}\n-- ${number} of ${pages} --\n\n`;
    if (maxChars === undefined || raw.length <= maxChars) continue;
    // The joined text is never longer than the raw one: measured only once the raw one is over.
    const text = raw.replace(PAGE_BREAK, '\n').trim();
    if (text.length > maxChars) {
      throw new WorkLimitError(
        'document_too_long',
        `${file}: the text of its first ${number} of ${pages} pages is already ${text.length} characters; one request may check at most ${maxChars}. Split the document and check the parts separately.`,
        maxChars,
        text.length,
      );
    }
  }
  return raw.replace(PAGE_BREAK, '\n').trim();
}

export const parsePdf: Parser = async (content, file, defaultId, options = {}) => {
  const parser = new PDFParse({ data: new Uint8Array(content) });
  try {
    const info = await parser.getInfo();
    if (options.maxPages !== undefined && info.total > options.maxPages) {
      throw new WorkLimitError(
        'too_many_pages',
        `${file} has ${info.total} pages; a PDF to check may have at most ${options.maxPages}. Send only the pages to check, or paste their text.`,
        options.maxPages,
        info.total,
      );
    }
    const text = await pdfText(parser, info.total, file, options.maxChars);
    const id = validateId(file, defaultId);
    const title = typeof info.info?.Title === 'string' && info.info.Title.trim() ? info.info.Title.trim() : undefined;
    const published = pdfDate(info.info?.CreationDate);
    return {
      metadata: {
        id,
        title: title ?? titleFromId(id),
        published,
        publishedNote: published ? 'Taken from the PDF creation date.' : undefined,
      },
      text,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new CorpusFileError(file, `not a readable PDF (${(error as Error).message})`, { cause: error });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
};

export const PARSERS: Record<string, Parser> = {
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.txt': parseText,
  '.html': parseHtml,
  '.htm': parseHtml,
  '.pdf': parsePdf,
};

export const LOADERS: Record<string, Loader> = Object.fromEntries(
  Object.entries(PARSERS).map(([extension, parse]) => [extension, async (path: string, file: string, defaultId: string) => parse(await readFile(path), file, defaultId)]),
);
