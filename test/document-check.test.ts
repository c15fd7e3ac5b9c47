// Checking a whole document (pasted or uploaded) and the audit-trail exports of every fact-check
// result, against a real server on a random port and an index of the project corpus.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type Config } from '../src/config.js';
import { planDocument } from '../src/factcheck/document-check.js';
import { citationProblems } from '../src/grounding/citations.js';
import type { QaService } from '../src/qa-service.js';
import { createApp, type AppSettings } from '../src/server/app.js';
import { textBlocks } from '../src/server/text-layout.js';
import type { Article } from '../src/types.js';
import { articlesOf, listen, postJson, rawRequest, testService } from './helpers.js';

const DRAFT = resolve('test/fixtures/draft-export-rules.md');
const EXPECTED = resolve('test/fixtures/draft-export-rules.expected.json');

interface Expected {
  text: string;
  expected: 'supported' | 'refuted' | 'not_enough_info' | 'skipped';
  reason?: string;
  article?: string;
}

let base: string;
let service: QaService;
/** The served articles, read once the service is up. */
let articles: ReadonlyMap<string, Article>;
let config: Config;
let draftBody: string;
let expectedSentences: Expected[];
const unlimited: AppSettings = { rateLimitPerMinute: 0, trustProxy: false, defaultK: 6 };

beforeAll(async () => {
  ({ service, config } = await testService());
  articles = await articlesOf(service);
  base = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: unlimited }));
  const raw = await readFile(DRAFT, 'utf8');
  draftBody = raw.replace(/^---\n[\s\S]*?\n---\n/, '');
  expectedSentences = JSON.parse(await readFile(EXPECTED, 'utf8')).sentences;
});

function upload(files: { name: string; content: Buffer | string; field?: string }[], path = '/api/factcheck/document', headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const file of files) form.append(file.field ?? 'file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]), file.name);
  return fetch(`${base}${path}`, { method: 'POST', body: form, headers });
}

async function json(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await response.json() };
}

/** The whole line of `text` that the offset is on. */
function lineOf(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, end === -1 ? text.length : end);
}

function articleText(articleId: string): string {
  return articles.get(articleId)!.text;
}

/** Every checked sentence: offsets into the returned text, sound citations, and the reader's verdict. */
function expectDraftResult(body: any): void {
  expect(body.sentences.map((sentence: any) => sentence.text)).toEqual(expectedSentences.map((sentence) => sentence.text));
  for (const [index, sentence] of body.sentences.entries()) {
    const expected = expectedSentences[index]!;
    expect(body.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    if (expected.expected === 'skipped') {
      expect(sentence).toMatchObject({ status: 'skipped', reason: expected.reason });
      expect(sentence.explanation.length).toBeGreaterThan(10);
      continue;
    }
    expect(sentence.status).toBe('checked');
    const result = sentence.result;
    expect([sentence.text, result.verdict]).toEqual([expected.text, expected.expected]);
    expect(result.claim).toBe(sentence.text);
    expect(citationProblems({ answer: result.explanation, refused: result.verdict === 'not_enough_info', mode: result.mode, citations: result.citations }, articles)).toEqual([]);
    if (expected.article) expect(result.citations[0].articleId).toBe(expected.article);
    for (const citation of result.citations) expect(citation.viewer).toBe(`${base}/articles/${citation.articleId}?start=${citation.start}&end=${citation.end}#quote-1`);
  }
  const count = (label: string) => expectedSentences.filter((sentence) => sentence.expected === label).length;
  expect(body.summary).toEqual({
    sentences: expectedSentences.length,
    checked: expectedSentences.length - count('skipped'),
    skipped: count('skipped'),
    supported: count('supported'),
    refuted: count('refuted'),
    not_enough_info: count('not_enough_info'),
  });
}

function expectAudit(audit: any, citedIds: string[]): void {
  const { generation } = service.index;
  expect(audit.index).toEqual({ generation: generation.name, createdAt: generation.createdAt, embedder: generation.embedder.id });
  expect(Date.now() - Date.parse(audit.checkedAt)).toBeLessThan(60_000);
  expect(audit.articles.map((article: any) => article.id)).toEqual([...new Set(citedIds)].sort());
  for (const article of audit.articles) {
    expect(article.textSha256).toBe(createHash('sha256').update(articleText(article.id)).digest('hex'));
  }
}

describe('POST /api/factcheck/document', () => {
  it('checks every sentence of the draft pasted as JSON, with offsets into the text', async () => {
    const response = await postJson(`${base}/api/factcheck/document`, { text: draftBody });
    expect(response.status).toBe(200);
    expect(response.body.text).toBe(draftBody);
    expect(response.body.source).toEqual({ kind: 'text' });
    expectDraftResult(response.body);
    const cited = response.body.sentences.flatMap((sentence: any) => sentence.result?.citations.map((citation: any) => citation.articleId) ?? []);
    expectAudit(response.body.audit, cited);
  });

  it('checks the draft uploaded as a Markdown file, in the text extracted from it', async () => {
    const { status, body } = await json(await upload([{ name: 'draft-export-rules.md', content: await readFile(DRAFT) }]));
    expect(status).toBe(200);
    expect(body.text).toBe(draftBody);
    expect(body.source).toMatchObject({ kind: 'upload', fileName: 'draft-export-rules.md', format: '.md', title: 'Draft: how Japan loosened its arms export rules' });
    expectDraftResult(body);
  });

  it.each([
    ['an id that is not the file name', 'id: other\ntitle: My draft', 'My draft'],
    ['published: false', 'published: false', 'Notes'],
    ['a relative url', 'url: /2024/05/draft/\ntitle: "Draft: frigates"', 'Draft: frigates'],
    ['a published date in words', 'published: last week\npublisher: [not, text]', 'Notes'],
    ['a title that is not text', 'title: [a, list]', 'Notes'],
    ['front matter that is not YAML', 'title: [unclosed', 'Notes'],
  ])('checks a Markdown draft whose front matter has %s, without it in the text', async (_name, frontMatter, title) => {
    const body = 'Japan will sell Patriot air defense missiles to the United States.\n';
    const { status, body: result } = await json(await upload([{ name: 'notes.md', content: `---\n${frontMatter}\n---\n${body}` }]));
    expect(status).toBe(200);
    expect(result.text).toBe(body);
    expect(result.source.title).toBe(title);
    expect(result.sentences.map((sentence: any) => sentence.result?.verdict)).toEqual(['supported']);
  });

  it('checks an HTML draft whose page date is not a date', async () => {
    const html = `<html><head><title>Draft</title><meta property="article:published_time" content="last week"></head><body><article><p>Japan will sell Patriot air defense missiles to the United States. Some context about the rules follows here in a longer paragraph so that the page reads like an article body.</p></article></body></html>`;
    const { status, body } = await json(await upload([{ name: 'notes.html', content: html }]));
    expect(status).toBe(200);
    expect(body.sentences[0].result.verdict).toBe('supported');
  });

  it('reads HTML and PDF uploads with the ingest loaders', async () => {
    const html = `<html><head><title>Draft</title></head><body><article><h1>Export notes</h1><p>${'Japan will sell Patriot air defense missiles to the United States. '.repeat(1)}The jets are expected to be deployed by 2040.</p><p>Some context about the rules follows here in a longer paragraph so that the page reads like an article body.</p></article></body></html>`;
    const fromHtml = await json(await upload([{ name: 'notes.html', content: html }]));
    expect(fromHtml.status).toBe(200);
    const checked = fromHtml.body.sentences.filter((sentence: any) => sentence.status === 'checked');
    expect(checked.slice(0, 2).map((sentence: any) => [sentence.text, sentence.result.verdict])).toEqual([
      ['Japan will sell Patriot air defense missiles to the United States.', 'supported'],
      ['The jets are expected to be deployed by 2040.', 'refuted'],
    ]);

    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage().drawText('Japan signed contracts with Australia for the sale of 20 upgraded Mogami-class frigates.', { x: 30, y: 700, size: 10, font });
    const fromPdf = await json(await upload([{ name: 'notes.pdf', content: Buffer.from(await pdf.save()) }]));
    expect(fromPdf.status).toBe(200);
    const sentence = fromPdf.body.sentences.find((entry: any) => entry.status === 'checked');
    expect(fromPdf.body.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
    expect(sentence.result.verdict).toBe('refuted');
    expect(sentence.result.explanation).toContain('11');
  });

  it('judges sentences one event-loop turn at a time: probes are answered while a long document is checked', async () => {
    const text = Array.from({ length: LIMITS.maxDocumentSentences }, (_, i) => `Japan agreed to sell ${i + 12} frigates to Australia in ${2000 + i}.`).join(' ');
    let documentDone = 0;
    const checking = postJson(`${base}/api/factcheck/document`, { text }).then((response) => {
      documentDone = performance.now();
      return response;
    });
    await new Promise((done) => setTimeout(done, 30));
    const probe = await fetch(`${base}/healthz`);
    const probeDone = performance.now();
    expect(probe.status).toBe(200);
    const response = await checking;
    expect(response.status).toBe(200);
    expect(response.body.summary.checked).toBe(LIMITS.maxDocumentSentences);
    expect(probeDone).toBeLessThan(documentDone);
  });

  it('stops checking when the client disconnects', async () => {
    let calls = 0;
    const slow = Object.create(service) as QaService;
    slow.factcheck = async (claim: string) => {
      calls++;
      await new Promise((done) => setTimeout(done, 20));
      return service.factcheck(claim);
    };
    const slowBase = await listen(createApp({ state: () => ({ service: slow }), corsOrigins: [], settings: unlimited }));
    const text = Array.from({ length: 40 }, (_, i) => `Japan agreed to sell ${i + 12} frigates to Australia.`).join(' ');
    const controller = new AbortController();
    const sent = fetch(`${slowBase}/api/factcheck/document`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }), signal: controller.signal }).catch(() => undefined);
    await new Promise((done) => setTimeout(done, 150));
    controller.abort();
    await sent;
    await new Promise((done) => setTimeout(done, 100));
    const afterAbort = calls;
    await new Promise((done) => setTimeout(done, 300));
    expect(afterAbort).toBeGreaterThan(0);
    expect(afterAbort).toBeLessThan(40);
    expect(calls).toBe(afterAbort);
  });

  const longText = 'Japan sells jets. '.repeat(Math.ceil((LIMITS.maxDocumentChars + 10) / 18));
  const manySentences = Array.from({ length: LIMITS.maxDocumentSentences + 1 }, (_, i) => `Japan sold ${i} jets to Italy.`).join(' ');

  it.each([
    ['a JSON array', JSON.stringify(['text']), 400, 'invalid_body'],
    ['no text field', JSON.stringify({}), 400, 'missing_text'],
    ['a text that is not a string', JSON.stringify({ text: ['a'] }), 400, 'invalid_text'],
    ['an unknown field', JSON.stringify({ text: 'Japan sells jets.', format: 'md' }), 400, 'unknown_field'],
    ['a blank text', JSON.stringify({ text: ' \n ' }), 400, 'blank_text'],
    ['invalid JSON', '{"text": ', 400, 'invalid_json'],
    ['a text over the character limit', JSON.stringify({ text: longText }), 413, 'document_too_long'],
    ['more sentences than one request may check', JSON.stringify({ text: manySentences }), 413, 'too_many_sentences'],
    ['a body larger than any valid document', JSON.stringify({ text: 'x'.repeat(LIMITS.maxDocumentBodyBytes) }), 413, 'body_too_large'],
  ])('refuses %s', async (_name, body, status, code) => {
    const response = await postJson(`${base}/api/factcheck/document`, body);
    expect([response.status, response.body.error.code]).toEqual([status, code]);
    expect(response.body.error.message.length).toBeGreaterThan(20);
  });

  it('answers a text with nothing to check: every sentence skipped, with its reason', async () => {
    const response = await postJson(`${base}/api/factcheck/document`, { text: '# Notes\nWhat did Japan decide?\nWe think the rules are too strict.' });
    expect(response.status).toBe(200);
    expect(response.body.sentences.map((sentence: any) => sentence.reason)).toEqual(['heading', 'question', 'opinion']);
    expect(response.body.summary).toMatchObject({ checked: 0, skipped: 3 });
  });

  it('skips as headings exactly the lines the article viewer lays out as headings', () => {
    const lines = [
      '## Fighter jets',
      'The 2026 decision',
      'Japan approved the export of these weapons to Australia:',
      'Key points:',
      '- Japan sells frigates to Australia',
      'japan sells frigates to australia',
      'Japan calls its policy "proactive pacifism"',
      'What changed in 2026?',
    ];
    // Each line followed by a sentence, so none is the last line of the text.
    const text = lines.map((line) => `${line}\nJapan signed a contract for frigates.`).join('\n');
    const viewerHeadings = textBlocks(text).filter((block) => block.kind === 'heading').map((block) => text.slice(block.start, block.end).trim());
    const skippedAsHeadings = planDocument(text).filter((sentence) => sentence.skip === 'heading').map((sentence) => lineOf(text, sentence.start));
    expect(skippedAsHeadings).toEqual(viewerHeadings);
    expect(viewerHeadings).toEqual(['## Fighter jets', 'The 2026 decision']);
  });

  it.each([
    ['a file type the loaders do not read', [{ name: 'draft.docx', content: 'PK\u0003\u0004' }], 415, 'unsupported_file_type'],
    ['an empty file', [{ name: 'draft.md', content: '' }], 400, 'empty_file'],
    ['a text file that is not UTF-8', [{ name: 'draft.txt', content: Buffer.from([0x4a, 0x61, 0xff, 0xfe, 0x70, 0x61, 0x6e]) }], 415, 'unsupported_charset'],
    ['a binary file named .txt', [{ name: 'draft.txt', content: Buffer.from([0x4a, 0x00, 0x70]) }], 415, 'unsupported_charset'],
    ['a PDF that is not a PDF', [{ name: 'draft.pdf', content: 'Japan sells jets. This is plain text.' }], 400, 'unreadable_file'],
    ['the file in another field', [{ name: 'draft.md', content: 'Japan sells jets.', field: 'document' }], 400, 'unexpected_file_field'],
    ['two files', [{ name: 'a.md', content: 'Japan sells jets.' }, { name: 'b.md', content: 'Japan sells ships.' }], 400, 'too_many_files'],
    ['an HTML page without an article body', [{ name: 'draft.html', content: '<html><body></body></html>' }], 400, 'unreadable_file'],
  ])('refuses an upload of %s', async (_name, files, status, code) => {
    const { status: actual, body } = await json(await upload(files as { name: string; content: string | Buffer; field?: string }[]));
    expect([actual, body.error.code]).toEqual([status, code]);
  });

  it('refuses a PDF with no text layer', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const { status, body } = await json(await upload([{ name: 'scan.pdf', content: Buffer.from(await pdf.save()) }]));
    expect([status, body.error.code]).toEqual([400, 'no_text_in_file']);
  });

  /** A PDF of `pages` pages, each with `lines` lines of article-like text (about 60 characters each). */
  async function manyPagePdf(pages: number, lines: number): Promise<Buffer> {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let number = 1; number <= pages; number++) {
      const page = pdf.addPage();
      for (let line = 0; line < lines; line++) page.drawText(`Page ${number}, line ${line}: Japan signed a contract for frigates.`, { x: 30, y: 760 - line * 14, size: 10, font });
    }
    return Buffer.from(await pdf.save());
  }

  it('refuses a PDF with more pages than the limit before reading its text, naming the limit', async () => {
    const started = performance.now();
    const { status, body } = await json(await upload([{ name: 'long.pdf', content: await manyPagePdf(LIMITS.maxUploadPdfPages + 1, 1) }]));
    expect([status, body.error.code]).toEqual([413, 'too_many_pages']);
    expect(body.error.message).toContain(`${LIMITS.maxUploadPdfPages + 1} pages`);
    expect(body.error.message).toContain(`at most ${LIMITS.maxUploadPdfPages}`);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops reading a PDF at the page whose text goes over the character limit', async () => {
    // 50 lines of about 60 characters a page: the limit is passed on page 7 of 40.
    const { status, body } = await json(await upload([{ name: 'dense.pdf', content: await manyPagePdf(40, 50) }]));
    expect([status, body.error.code]).toEqual([413, 'document_too_long']);
    const [, read, total] = /first (\d+) of (\d+) pages/.exec(body.error.message) ?? [];
    expect(Number(total)).toBe(40);
    expect(Number(read)).toBeLessThan(10);
    expect(body.error.message).toContain(`at most ${LIMITS.maxDocumentChars}`);
  });

  it.each(['draft.md', 'draft.txt', 'draft.html'])('refuses a %s upload over the text-file limit, below the PDF limit', async (name) => {
    const content = `<p>${'Japan sells jets. '.repeat(Math.ceil((LIMITS.maxUploadTextBytes + 1) / 18))}</p>`;
    expect(content.length).toBeLessThan(LIMITS.maxUploadBytes);
    const { status, body } = await json(await upload([{ name, content }]));
    expect([status, body.error.code]).toEqual([413, 'file_too_large']);
    expect(body.error.message).toContain(`${LIMITS.maxUploadTextBytes / 1024} KiB limit`);
  });

  it('refuses a form without a file, and a form with other fields', async () => {
    const empty = await fetch(`${base}/api/factcheck/document`, { method: 'POST', body: new FormData() });
    expect([empty.status, (await empty.json()).error.code]).toEqual([400, 'missing_file']);
    const form = new FormData();
    form.append('text', 'Japan sells jets.');
    const field = await fetch(`${base}/api/factcheck/document`, { method: 'POST', body: form });
    expect([field.status, (await field.json()).error.code]).toEqual([400, 'unexpected_form_field']);
  });

  it('refuses an upload over the size limit, unread when its length says so, and when streamed', async () => {
    const big = Buffer.alloc(LIMITS.maxUploadBytes + 1, 'a');
    const declared = await json(await upload([{ name: 'big.txt', content: big }]));
    expect([declared.status, declared.body.error.code]).toEqual([413, 'file_too_large']);
    const boundary = 'xyz';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(head), Buffer.alloc(LIMITS.maxUploadBytes + 10, 'a'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const streamed = await rawRequest(base, { method: 'POST', path: '/api/factcheck/document', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' }, body });
    expect([streamed.status, streamed.json.error.code]).toEqual([413, 'file_too_large']);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it.each([
    ['plain text', { 'content-type': 'text/plain' }, 'Japan sells jets.', 415, 'unsupported_media_type'],
    ['a multipart body without its boundary', { 'content-type': 'multipart/form-data' }, '--x\r\n\r\n', 400, 'invalid_multipart'],
    ['a multipart body cut short', { 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\n\r\nJapan', 400, 'invalid_multipart'],
  ])('refuses %s', async (_name, headers, body, status, code) => {
    const response = await rawRequest(base, { method: 'POST', path: '/api/factcheck/document', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, body });
    expect([response.status, response.json.error.code]).toEqual([status, code]);
  });

  it('is described in the OpenAPI document, skip reasons included', async () => {
    const openapi = await (await fetch(`${base}/api/openapi.json`)).json();
    const operation = openapi.paths['/api/factcheck/document'].post;
    expect(Object.keys(operation.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(Object.keys(operation.responses['200'].content)).toEqual(['application/json', 'text/markdown', 'text/csv']);
    expect(openapi.components.schemas.DocumentCheck.properties.sentences.items.properties.reason.enum).toEqual(['question', 'heading', 'fragment', 'opinion', 'too_long']);
  });

  it('answers other methods with 405', async () => {
    const response = await fetch(`${base}/api/factcheck/document`);
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('counts a document against the rate limit shared with questions and claims', async () => {
    const limitedBase = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: { ...unlimited, rateLimitPerMinute: 1 } }));
    expect((await postJson(`${limitedBase}/api/factcheck`, { claim: 'Japan will sell Patriot missiles to the United States.' })).status).toBe(200);
    const refused = await postJson(`${limitedBase}/api/factcheck/document`, { text: 'Japan sells jets.' });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'rate_limited']);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

/** CommonMark backslash escapes undone: what a Markdown reader shows. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The spreadsheet guard undone: a leading apostrophe added before = + - @ tab or CR. */
function unguardCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

interface ExportedQuote {
  articleId: string;
  start: number;
  end: number;
  quote: string;
}

function quotesFromMarkdown(markdown: string): ExportedQuote[] {
  const quotes: ExportedQuote[] = [];
  const pattern = /- Article: `([a-z0-9-]+)`, characters (\d+)-(\d+)\n(?:- .*\n)*\n> (.*)\n/g;
  for (const match of markdown.matchAll(pattern)) quotes.push({ articleId: match[1]!, start: Number(match[2]), end: Number(match[3]), quote: unescapeMarkdown(match[4]!) });
  return quotes;
}

function quotesFromCsv(csv: string): ExportedQuote[] {
  const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
  return rows.filter((row) => row.article_id).map((row) => ({ articleId: row.article_id!, start: Number(row.quote_start), end: Number(row.quote_end), quote: unguardCell(row.quote!) }));
}

function quotesFromJson(body: any): ExportedQuote[] {
  const verdicts = body.sentences ? body.sentences.flatMap((sentence: any) => (sentence.result ? [sentence.result] : [])) : body.results ?? [body];
  return verdicts.flatMap((verdict: any) => verdict.citations.map((citation: any) => ({ articleId: citation.articleId, start: citation.start, end: citation.end, quote: citation.quote })));
}

describe('audit-trail exports', () => {
  const batch = { claims: ['Japan will sell Patriot air defense missiles to the United States.', 'The jets are expected to be deployed by 2040.', 'Emmanuel Macron praised the new export rules.'] };

  it.each([
    ['one claim', '/api/factcheck', () => ({ claim: 'Japan signed contracts with Australia for the sale of 20 upgraded Mogami-class frigates.' })],
    ['a batch', '/api/factcheck', () => batch],
    ['a document', '/api/factcheck/document', () => ({ text: draftBody })],
  ])('exports %s as JSON, Markdown and CSV, every quote equal to the article text at its offsets', async (_name, path, body) => {
    const asJson = await postJson(`${base}${path}`, body(), { accept: 'application/json' });
    const asMarkdown = await fetch(`${base}${path}?format=md`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
    const asCsv = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify(body()) });
    expect([asJson.status, asMarkdown.status, asCsv.status]).toEqual([200, 200, 200]);
    expect(asMarkdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(asCsv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(asCsv.headers.get('vary')).toContain('Accept');
    const markdown = await asMarkdown.text();
    const csv = await asCsv.text();

    const fromJson = quotesFromJson(asJson.body);
    expect(fromJson.length).toBeGreaterThan(0);
    for (const exported of [fromJson, quotesFromMarkdown(markdown), quotesFromCsv(csv)]) {
      // The same quotes in every format, each exactly the article text at its offsets.
      expect(exported).toEqual(fromJson);
      for (const quote of exported) expect(quote.quote).toBe(articleText(quote.articleId).slice(quote.start, quote.end));
    }

    const generation = service.index.generation.name;
    expect(markdown).toContain(`Index generation: \`${generation}\``);
    const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
    for (const row of rows) {
      expect(row.index_generation).toBe(generation);
      expect(Date.parse(row.checked_at!)).not.toBeNaN();
      if (row.article_id) {
        expect(row.article_text_sha256).toBe(createHash('sha256').update(articleText(row.article_id)).digest('hex'));
        expect(row.viewer_url).toBe(`${base}/articles/${row.article_id}?start=${row.quote_start}&end=${row.quote_end}#quote-1`);
        expect(markdown).toContain(row.article_text_sha256);
        expect(markdown).toContain(`<${row.viewer_url}>`);
      }
    }
  });

  it('writes CSV by RFC 4180 and keeps spreadsheet formulas inert', async () => {
    const claims = ['=HYPERLINK("http://example.com","Japan sells jets"), and more', '+1 Japan will sell Patriot air defense missiles to the United States.', '@SUM(A1) "quoted", text', '-2 frigates, says the draft'];
    const response = await fetch(`${base}/api/factcheck?format=csv`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims }) });
    const csv = await response.text();
    expect(csv.startsWith('checked_at,index_generation,item,')).toBe(true);
    expect(csv.split('\r\n').at(-1)).toBe('');
    // Every record ends with CRLF, and no cell starts a formula.
    const rows = parseCsv(csv, { columns: true }) as Record<string, string>[];
    const claimCells = [...new Map(rows.map((row) => [row.item, row.claim!])).values()];
    expect(claimCells).toEqual(claims.map((claim) => `'${claim}`));
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(csv).toContain('"\'=HYPERLINK(""http://example.com"",""Japan sells jets""), and more"');
  });

  it('keeps claims from turning into Markdown links, HTML or headings', async () => {
    const claim = '<script>alert(1)</script> [click](javascript:alert(1)) # Japan sells *jets*';
    const response = await fetch(`${base}/api/factcheck?format=md`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claim }) });
    const markdown = await response.text();
    const line = markdown.split('\n').find((entry) => entry.startsWith('Claim: '))!;
    expect(line).not.toContain('<script>');
    expect(line).not.toMatch(/(?<!\\)\]\(/);
    expect(unescapeMarkdown(line.slice('Claim: '.length))).toBe(claim);
  });

  it.each([
    ['?format=xml', '/api/factcheck?format=xml', {}],
    ['a repeated format', '/api/factcheck?format=md&format=csv', {}],
    ['?format=constructor (an inherited property name)', '/api/factcheck?format=constructor', {}],
    ['?format=__proto__', '/api/factcheck?format=__proto__', {}],
    ['?format=constructor on a document', '/api/factcheck/document?format=constructor', {}],
    ['Accept: text/html only', '/api/factcheck', { accept: 'text/html' }],
    ['Accept: image/png on a document', '/api/factcheck/document', { accept: 'image/png' }],
  ])('answers %s with 406 before doing any work', async (_name, path, headers) => {
    const body = path.includes('document') ? { text: draftBody } : { claim: 'Japan sells jets.' };
    const response = await postJson(`${base}${path}`, body, headers as Record<string, string>);
    expect([response.status, response.body.error.code]).toEqual([406, 'not_acceptable']);
    expect(response.body.error.message).toMatch(/format=md/);
  });

  it('links on the host a trusted proxy names (X-Forwarded-Host, X-Forwarded-Proto), and only then', async () => {
    const forwarded = { 'x-forwarded-host': 'qa.example.org', 'x-forwarded-proto': 'https' };
    const claim = { claim: 'Japan will sell Patriot air defense missiles to the United States.' };
    const behindProxy = await listen(createApp({ state: () => ({ service }), corsOrigins: [], settings: { ...unlimited, trustProxy: 1 } }));
    const viewers = (body: any) => body.citations.map((citation: any) => citation.viewer as string);
    const proxied = await postJson(`${behindProxy}/api/factcheck`, claim, forwarded);
    expect(viewers(proxied.body).length).toBeGreaterThan(0);
    for (const viewer of viewers(proxied.body)) expect(viewer).toMatch(/^https:\/\/qa\.example\.org\/articles\/[^?]+\?start=\d+&end=\d+#quote-1$/);
    const markdown = await (await fetch(`${behindProxy}/api/factcheck?format=md`, { method: 'POST', headers: { 'content-type': 'application/json', ...forwarded }, body: JSON.stringify(claim) })).text();
    expect(markdown).toContain('<https://qa.example.org/articles/');
    const chat = await postJson(`${behindProxy}/v1/chat/completions`, { model: 'export-rules-qa', messages: [{ role: 'user', content: 'Which missiles will Japan sell to the U.S.?' }] }, forwarded);
    const links = chat.body.choices[0].message.citations.map((citation: any) => citation.link as string);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith('https://qa.example.org/articles/')).toBe(true);
    // Not behind a trusted proxy, the headers are anyone's to send: the links stay on the Host.
    for (const viewer of viewers((await postJson(`${base}/api/factcheck`, claim, forwarded)).body)) expect(viewer.startsWith(`${base}/articles/`)).toBe(true);
  });

  it('takes ?format over Accept, and JSON when the client accepts anything', async () => {
    const markdown = await fetch(`${base}/api/factcheck?format=markdown`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/html' }, body: JSON.stringify({ claim: 'Japan sells jets.' }) });
    expect([markdown.status, markdown.headers.get('content-type')]).toEqual([200, 'text/markdown; charset=utf-8']);
    const anything = await postJson(`${base}/api/factcheck`, { claim: 'Japan sells jets.' }, { accept: '*/*' });
    expect(anything.status).toBe(200);
    expect(anything.body.audit.index.generation).toBe(service.index.generation.name);
  });
});

describe('npm run factcheck -- --file', () => {
  const run = (...args: string[]) =>
    promisify(execFile)(resolve('node_modules/.bin/tsx'), ['scripts/factcheck.ts', ...args], {
      env: { ...process.env, CORPUS_DIR: config.corpusDir, INDEX_DIR: config.indexDir, CACHE_DIR: config.cacheDir, PORT: '3999' },
    });

  it('checks every sentence of the draft and prints the audit record as JSON and CSV', async () => {
    const asJson = JSON.parse((await run('--file', DRAFT, '--format', 'json')).stdout);
    expect(asJson.source).toMatchObject({ kind: 'file', format: '.md' });
    expect(asJson.sentences.map((sentence: any) => sentence.result?.verdict ?? 'skipped')).toEqual(expectedSentences.map((sentence) => sentence.expected));
    expect(asJson.audit.index.generation).toBe(service.index.generation.name);
    const rows = parseCsv((await run('--file', DRAFT, '--format', 'csv')).stdout, { columns: true }) as Record<string, string>[];
    const quoted = rows.filter((row) => row.article_id);
    expect(quoted.length).toBeGreaterThan(0);
    for (const row of quoted) {
      expect(unguardCell(row.quote!)).toBe(articleText(row.article_id!).slice(Number(row.quote_start), Number(row.quote_end)));
      expect(row.viewer_url).toMatch(/^http:\/\/127\.0\.0\.1:3999\/articles\//);
    }
  });

  it.each(['constructor', '__proto__', 'xml'])('refuses --format %s with the usage, and exits 2', async (format) => {
    const failure = await run('--file', DRAFT, '--format', format).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('Usage: npm run factcheck');
  });

  it('says what is wrong with a file it cannot check, and exits 1', async () => {
    const failure = await run('--file', resolve('package.json')).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/"[^"]*package\.json" is not a file type that can be checked/);
  });
});
