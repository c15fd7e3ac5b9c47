// The audit record of a fact-check (one claim, a batch, or a whole document) as JSON, Markdown or
// CSV: every verdict with its quotes, their offsets and viewer links, the index generation and
// the sha256 of each cited article's text, and when the check ran, so it can be reproduced later.
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { DocumentSource } from '../corpus/read-document.js';
import type { GenerationInfo, SearchIndex } from '../index-store/search-index.js';
import type { Article, Citation } from '../types.js';
import type { DocumentCheck, DocumentSentence } from './document-check.js';
import { viewerPath, type QuoteLocation } from '../viewer-path.js';
import type { Verdict } from './verdict.js';

export const EXPORT_FORMATS = {
  json: 'application/json',
  md: 'text/markdown',
  csv: 'text/csv',
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** A Map, not an object: a name such as "constructor" or "__proto__" must not find an inherited property. */
const FORMAT_NAMES = new Map<string, ExportFormat>([
  ['json', 'json'],
  ['md', 'md'],
  ['markdown', 'md'],
  ['csv', 'csv'],
]);

/** The export format a client or a command line names (json, md or markdown, csv; any case), if any. */
export function exportFormatNamed(name: string): ExportFormat | undefined {
  return FORMAT_NAMES.get(name.toLowerCase());
}

export type FactCheckResult =
  | { kind: 'claim'; verdict: Verdict }
  | { kind: 'batch'; verdicts: Verdict[] }
  | { kind: 'document'; document: DocumentCheck; source: DocumentSource };

/** What the result was checked against, captured when the check started. */
export interface AuditContext {
  generation: Pick<GenerationInfo, 'name' | 'createdAt' | 'embedder'>;
  /** At least the cited articles. */
  articles: ReadonlyMap<string, Article>;
  checkedAt: Date;
  /** Origin the viewer links start with, e.g. "http://127.0.0.1:3000". */
  viewerBase: string;
}

export interface AuditedArticle {
  id: string;
  title: string;
  publisher?: string;
  published?: string;
  url?: string;
  /** sha256 of the article text the offsets count in, checkable without the index. */
  textSha256: string;
}

export interface Audit {
  checkedAt: string;
  index: { generation: string; createdAt: string; embedder: string };
  articles: AuditedArticle[];
}

export type AuditedCitation = Citation & { viewer: string };
export type AuditedVerdict = Omit<Verdict, 'citations'> & { citations: AuditedCitation[] };

/** The viewer opened at the quote, on the server at `base`. */
function viewerLink(base: string, citation: QuoteLocation): string {
  return base + viewerPath(citation, { anchor: true });
}

const textHashes = new WeakMap<Article, string>();

function textSha256(article: Article): string {
  let hash = textHashes.get(article);
  if (!hash) {
    hash = createHash('sha256').update(article.text).digest('hex');
    textHashes.set(article, hash);
  }
  return hash;
}

function verdictsOf(result: FactCheckResult): Verdict[] {
  if (result.kind === 'claim') return [result.verdict];
  if (result.kind === 'batch') return result.verdicts;
  return result.document.sentences.flatMap((sentence) => (sentence.status === 'checked' ? [sentence.result] : []));
}

function citedArticleIds(result: FactCheckResult): string[] {
  return [...new Set(verdictsOf(result).flatMap((verdict) => verdict.citations.map((citation) => citation.articleId)))].sort();
}

/** The audit context of a result: the served generation and the articles its verdicts cite, read from either backend. */
export async function auditContext(index: SearchIndex, result: FactCheckResult, checkedAt: Date, viewerBase: string): Promise<AuditContext> {
  return { generation: index.generation, articles: await index.articlesById(citedArticleIds(result)), checkedAt, viewerBase };
}

export function auditOf(result: FactCheckResult, context: AuditContext): Audit {
  const cited = citedArticleIds(result);
  const { name, createdAt, embedder } = context.generation;
  return {
    checkedAt: context.checkedAt.toISOString(),
    index: { generation: name, createdAt, embedder: embedder.id },
    articles: cited.map((id) => {
      const article = context.articles.get(id)!;
      const { title, publisher, published, url } = article;
      return JSON.parse(JSON.stringify({ id, title, publisher, published, url, textSha256: textSha256(article) })) as AuditedArticle;
    }),
  };
}

function withViewers(verdict: Verdict, base: string): AuditedVerdict {
  return { ...verdict, citations: verdict.citations.map((citation) => ({ ...citation, viewer: viewerLink(base, citation) })) };
}

/** The JSON answer of every fact-check endpoint: the result as before, with viewer links and the audit. */
export function auditJson(result: FactCheckResult, context: AuditContext): object {
  const audit = auditOf(result, context);
  const base = context.viewerBase;
  switch (result.kind) {
    case 'claim':
      return { ...withViewers(result.verdict, base), audit };
    case 'batch':
      return { results: result.verdicts.map((verdict) => withViewers(verdict, base)), audit };
    case 'document': {
      const sentences = result.document.sentences.map((sentence) => (sentence.status === 'checked' ? { ...sentence, result: withViewers(sentence.result, base) } : sentence));
      return { ...result.document, sentences, source: result.source, audit };
    }
  }
}

/** One line per claim in the order checked: a verdict, or for a document sentence, why it was skipped. */
interface Entry {
  claim: string;
  sentence?: DocumentSentence;
  verdict?: Verdict;
}

function entriesOf(result: FactCheckResult): Entry[] {
  if (result.kind !== 'document') return verdictsOf(result).map((verdict) => ({ claim: verdict.claim, verdict }));
  return result.document.sentences.map((sentence) => ({ claim: sentence.text, sentence, verdict: sentence.status === 'checked' ? sentence.result : undefined }));
}

// ---- Markdown ----

/**
 * Text as Markdown shows it literally: CommonMark lets a backslash escape any ASCII punctuation,
 * so claims and quotes cannot turn into links, HTML or emphasis, and stripping the escapes gives
 * back the exact characters.
 */
export function markdownText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>#|~&!]/g, '\\$&').replace(/^([-+=]|\d+(?=[.)]))/, '\\$1');
}

const VERDICT_NAMES = { supported: 'Supported', refuted: 'Refuted', not_enough_info: 'Not enough information' } as const;

function markdownQuote(citation: Citation, base: string, article: AuditedArticle | undefined): string[] {
  const source = [citation.publisher, citation.published ?? 'date unknown'].filter(Boolean).map((part) => markdownText(part!)).join(', ');
  const lines = [`#### [${citation.n}] ${markdownText(citation.title)}`, '', `- Source: ${source}`, `- Article: \`${citation.articleId}\`, characters ${citation.start}-${citation.end}`];
  if (citation.url) lines.push(`- URL: <${encodeURI(citation.url)}>`);
  lines.push(`- Viewer: <${viewerLink(base, citation)}>`);
  if (article) lines.push(`- Text sha256: \`${article.textSha256}\``);
  lines.push('', `> ${markdownText(citation.quote)}`, '');
  return lines;
}

function summaryLine(result: FactCheckResult): string {
  const verdicts = verdictsOf(result);
  const count = (label: Verdict['verdict']) => verdicts.filter((verdict) => verdict.verdict === label).length;
  const parts = [`${count('supported')} supported`, `${count('refuted')} refuted`, `${count('not_enough_info')} not enough information`];
  if (result.kind === 'document') parts.push(`${result.document.summary.skipped} skipped`);
  return parts.join(', ');
}

export function auditMarkdown(result: FactCheckResult, context: AuditContext): string {
  const audit = auditOf(result, context);
  const articles = new Map(audit.articles.map((article) => [article.id, article]));
  const lines = [
    '# Fact-check audit record',
    '',
    `- Checked at: ${audit.checkedAt}`,
    `- Index generation: \`${audit.index.generation}\` (created ${audit.index.createdAt}; embedder \`${audit.index.embedder}\`)`,
    `- Result: ${summaryLine(result)}`,
  ];
  if (result.kind === 'document') {
    const { source } = result;
    lines.push(source.fileName ? `- Source: ${source.kind === 'upload' ? 'uploaded ' : ''}file ${markdownText(source.fileName)} (${source.format}); offsets count in the text extracted from it` : '- Source: pasted text; offsets count in it');
  }
  lines.push('');
  entriesOf(result).forEach((entry, index) => {
    lines.push(`## ${index + 1}. ${entry.verdict ? VERDICT_NAMES[entry.verdict.verdict] : 'Skipped'}`, '', `Claim: ${markdownText(entry.claim)}`, '');
    if (entry.sentence) lines.push(`Sentence: characters ${entry.sentence.start}-${entry.sentence.end} of the checked text.`, '');
    if (entry.sentence?.status === 'skipped') {
      lines.push(`Not checked (${entry.sentence.reason}): ${markdownText(entry.sentence.explanation)}`, '');
      return;
    }
    const verdict = entry.verdict!;
    lines.push(`Verdict: **${verdict.verdict}**${verdict.confidence !== undefined ? ` (confidence ${verdict.confidence})` : ''}, ${verdict.mode} checker`, '');
    lines.push(`Explanation: ${markdownText(verdict.explanation)}`, '');
    if (verdict.notice) lines.push(`Note: ${markdownText(verdict.notice)}`, '');
    if (verdict.citations.length > 0) lines.push('### Quotes', '');
    for (const citation of verdict.citations) lines.push(...markdownQuote(citation, context.viewerBase, articles.get(citation.articleId)));
  });
  if (audit.articles.length > 0) {
    lines.push('## Cited articles', '', '| Article | Title | Published | Text sha256 |', '|---|---|---|---|');
    for (const article of audit.articles) lines.push(`| \`${article.id}\` | ${markdownText(article.title)} | ${markdownText(article.published ?? 'unknown')} | \`${article.textSha256}\` |`);
    lines.push('');
  }
  return lines.join('\n');
}

// ---- CSV ----

export const CSV_COLUMNS = [
  'checked_at',
  'index_generation',
  'item',
  'sentence_start',
  'sentence_end',
  'claim',
  'verdict',
  'confidence',
  'mode',
  'explanation',
  'notice',
  'citation',
  'article_id',
  'title',
  'publisher',
  'published',
  'url',
  'quote',
  'quote_start',
  'quote_end',
  'viewer_url',
  'article_text_sha256',
] as const;

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

/**
 * One row per quote (a claim without quotes, or a skipped sentence, gets one row). RFC 4180:
 * CRLF between records, fields with commas, quotes or line breaks quoted, quotes doubled. Cells
 * starting with = + - @ (or a tab or carriage return) get a leading apostrophe, so a spreadsheet
 * shows them as text instead of running them as formulas.
 */
export function auditCsv(result: FactCheckResult, context: AuditContext): string {
  const audit = auditOf(result, context);
  const articles = new Map(audit.articles.map((article) => [article.id, article]));
  const rows: Row[] = [];
  entriesOf(result).forEach((entry, index) => {
    const row: Row = { checked_at: audit.checkedAt, index_generation: audit.index.generation, item: index + 1, sentence_start: entry.sentence?.start, sentence_end: entry.sentence?.end, claim: entry.claim };
    if (entry.sentence?.status === 'skipped') {
      rows.push({ ...row, verdict: 'skipped', explanation: `${entry.sentence.reason}: ${entry.sentence.explanation}` });
      return;
    }
    const verdict = entry.verdict!;
    Object.assign(row, { verdict: verdict.verdict, confidence: verdict.confidence, mode: verdict.mode, explanation: verdict.explanation, notice: verdict.notice });
    if (verdict.citations.length === 0) rows.push(row);
    for (const citation of verdict.citations) {
      const article = articles.get(citation.articleId);
      rows.push({
        ...row,
        citation: citation.n,
        article_id: citation.articleId,
        title: citation.title,
        publisher: citation.publisher,
        published: citation.published,
        url: citation.url,
        quote: citation.quote,
        quote_start: citation.start,
        quote_end: citation.end,
        viewer_url: viewerLink(context.viewerBase, citation),
        article_text_sha256: article?.textSha256,
      });
    }
  });
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', quoted_match: /[\r\n]/, escape_formulas: true });
}

export function renderAudit(format: ExportFormat, result: FactCheckResult, context: AuditContext): string {
  if (format === 'md') return auditMarkdown(result, context);
  if (format === 'csv') return auditCsv(result, context);
  return `${JSON.stringify(auditJson(result, context), null, 2)}\n`;
}
