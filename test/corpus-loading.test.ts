import { mkdir, writeFile, copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { chunkArticle } from '../src/chunking/chunker.js';
import { includedSections, splitSentences } from '../src/chunking/sentences.js';
import { loadArticle, loadCorpus } from '../src/corpus/load-corpus.js';
import { PROJECT_CORPUS, temporaryDirectory } from './helpers.js';

const FIXTURES = resolve('test/fixtures');

async function makePdf(path: string, lines: string[], info: { title?: string; created?: Date }): Promise<void> {
  const pdf = await PDFDocument.create();
  if (info.title) pdf.setTitle(info.title);
  if (info.created) pdf.setCreationDate(info.created);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([600, 400]);
  lines.forEach((line, i) => page.drawText(line, { x: 40, y: 350 - i * 20, size: 11, font }));
  await writeFile(path, await pdf.save());
}

describe('loaders', () => {
  it('reads markdown front matter and keeps the body verbatim', async () => {
    const article = await loadArticle(join(FIXTURES, 'front-matter-article.md'), FIXTURES);
    expect(article).toMatchObject({
      id: 'front-matter-article',
      title: 'Frigate sale to Australia',
      publisher: 'Example Wire',
      published: '2026-04-19',
      publishedNote: 'Stated in the dateline.',
      url: 'https://wire.example.com/frigates',
    });
    expect(article.text.startsWith('Japan signed contracts with Australia')).toBe(true);
  });

  it('reads plain text with a headline as title and no invented metadata', async () => {
    const article = await loadArticle(join(FIXTURES, 'plain-article.txt'), FIXTURES);
    expect(article.id).toBe('plain-article');
    expect(article.title).toBe('Japan and Italy sign a jet engine pact');
    expect(article.published).toBeUndefined();
    expect(article.publisher).toBeUndefined();
    expect('published' in article).toBe(false);
  });

  it('extracts the body and metadata of an HTML page without navigation or footer', async () => {
    const article = await loadArticle(join(FIXTURES, 'sample-article.html'), FIXTURES);
    expect(article).toMatchObject({
      id: 'sample-article',
      title: 'Japan widens arms export rules',
      publisher: 'Example Defence News',
      published: '2026-04-22',
      url: 'https://news.example.com/japan-arms-exports',
    });
    expect(article.text).toContain('reviewed case by case by the National Security Council.');
    expect(article.text).not.toMatch(/Subscribe now|Cookie settings/);
  });

  it('drops a trailing "| Site name" or "- Site name" from HTML titles, and only the site name', async () => {
    const directory = await temporaryDirectory();
    const page = (title: string, siteName: string) =>
      `<!doctype html><html><head><title>${title}</title><meta property="og:site_name" content="${siteName}"></head><body><article>` +
      '<p>Japan widened its arms export rules on Tuesday, allowing lethal equipment to go to seventeen partner countries.</p>' +
      '<p>Each transfer is still reviewed case by case by the National Security Council, officials said.</p></article></body></html>';
    const cases = [
      ['Japan widens arms export rules | Example Defence Daily', 'Example Defence Daily', 'Japan widens arms export rules'],
      ['Japan widens arms export rules - example  defence daily', 'Example Defence Daily', 'Japan widens arms export rules'],
      ['Japan widens arms export rules — Example Defence Daily', 'Example Defence Daily', 'Japan widens arms export rules'],
      // Another name after the dash is part of the title; a hyphen inside a word is no separator.
      ['Japan widens arms export rules - Analysis', 'Example Defence Daily', 'Japan widens arms export rules - Analysis'],
      ['Co-development rules | Example Defence Daily', 'Example Defence Daily', 'Co-development rules'],
      ['Example Defence Daily', 'Example Defence Daily', 'Example Defence Daily'],
    ];
    for (const [index, [title, siteName, expected]] of cases.entries()) {
      const path = join(directory, `titled-${index}.html`);
      await writeFile(path, page(title!, siteName!));
      const article = await loadArticle(path, directory);
      expect(article.title, title).toBe(expected);
      expect(article.publisher).toBe(siteName);
    }
  });

  it('reads PDF text with the title and date from the document info', async () => {
    const directory = await temporaryDirectory();
    const path = join(directory, 'pdf-article.pdf');
    await makePdf(path, ['Japan approved the export of Patriot missiles to the United States.', 'The decision was taken by the cabinet.'], {
      title: 'Patriot export approved',
      created: new Date('2023-12-22T10:00:00Z'),
    });
    const article = await loadArticle(path, directory);
    expect(article.title).toBe('Patriot export approved');
    expect(article.published).toBe('2023-12-22');
    expect(article.text).toContain('Patriot missiles to the United States.');
  });

  it('names every unusable file with its reason and still loads the rest', async () => {
    const directory = await temporaryDirectory();
    await copyFile(join(FIXTURES, 'plain-article.txt'), join(directory, 'good.txt'));
    await writeFile(join(directory, 'bad-yaml.md'), '---\ntitle: [unclosed\n---\nBody text here.\n');
    await writeFile(join(directory, 'empty.txt'), '   \n\n');
    await writeFile(join(directory, 'broken.pdf'), '%PDF-1.7\nthis is not really a pdf');
    await writeFile(join(directory, 'bad-date.md'), '---\npublished: March 2024\n---\nSome text.\n');
    await writeFile(join(directory, 'notes.docx'), 'binary');
    await writeFile(join(directory, 'script-url.md'), '---\nurl: javascript:alert(1)\n---\nSome text.\n');
    await writeFile(join(directory, 'other-id.md'), '---\nid: other\n---\nSome text.\n');
    await writeFile(join(directory, 'only-links.txt'), 'Related coverage:\n\nSome headline\n\nAnother headline\n');
    await mkdir(join(directory, 'sub'));
    await copyFile(join(FIXTURES, 'plain-article.txt'), join(directory, 'sub', 'good.txt'));

    const { articles, failures } = await loadCorpus(directory);
    expect(articles.map((article) => article.id)).toEqual(['good']);
    const reasons = Object.fromEntries(failures.map((failure) => [failure.file, failure.reason]));
    expect(reasons['bad-yaml.md']).toMatch(/front matter is not valid YAML/);
    expect(reasons['empty.txt']).toMatch(/no text/);
    expect(reasons['broken.pdf']).toMatch(/not a readable PDF/);
    expect(reasons['bad-date.md']).toMatch(/published "March 2024" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(reasons['notes.docx']).toMatch(/unsupported file type ".docx"/);
    expect(reasons['script-url.md']).toMatch(/must be an http\(s\) address/);
    expect(reasons['other-id.md']).toMatch(/front matter id "other" differs from the file name/);
    expect(reasons['only-links.txt']).toMatch(/no text outside link lists/);
    expect(reasons['sub/good.txt']).toMatch(/duplicate id "good"/);
  });
});

describe('the project corpus', () => {
  it('holds the five articles with their ids and dates', async () => {
    const { articles, failures } = await loadCorpus(PROJECT_CORPUS);
    expect(failures).toEqual([]);
    expect(Object.fromEntries(articles.map((article) => [article.id, article.published]))).toEqual({
      'fighter-jet-exports': '2024-03',
      'lethal-exports-non-combat': '2023-08-23',
      'lethal-exports-17-countries': '2026-04',
      'patriot-missiles-to-us': '2023-12',
      'export-rules-brief-2026': '2026-04-21',
    });
    for (const article of articles) expect(article.publishedNote).toMatch(/^(Stated|Inferred)/);
  });

  it('never chunks link lists, source lists, captions or attribution lines', async () => {
    const { articles } = await loadCorpus(PROJECT_CORPUS);
    const chunks = articles.flatMap((article) => chunkArticle(article));
    const boilerplate = [
      'Related coverage',
      'Japan eyes lifting export ban on jointly developed weapons',
      'WhatsApp premium subscription',
      'Microsoft a Major Player',
      'Source Transparency',
      'Source links are provided',
      'Rattled by Trump',
      'AP News',
      '(Kyodo)',
      'Read the original article',
      'Originally published on',
    ];
    for (const chunk of chunks) for (const phrase of boilerplate) expect(chunk.text).not.toContain(phrase);
    // The reporting around the excluded parts is still there.
    const all = chunks.map((chunk) => chunk.text).join('\n');
    expect(all).toContain('five non-combat domains');
    expect(all).toContain('Japanese PM Sanae Takaichi decides to ease');
  });

  it('keeps exact offsets for every chunk and sentence of every article', async () => {
    const { articles } = await loadCorpus(PROJECT_CORPUS);
    let count = 0;
    for (const article of articles) {
      const chunks = chunkArticle(article);
      expect(chunks.length).toBeGreaterThan(2);
      for (const chunk of chunks) {
        count++;
        expect(article.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
        expect(chunk.articleId).toBe(article.id);
        for (const sentence of chunk.sentences) {
          expect(sentence.start).toBeGreaterThanOrEqual(chunk.start);
          expect(sentence.end).toBeLessThanOrEqual(chunk.end);
          const text = article.text.slice(sentence.start, sentence.end);
          expect(text).toBe(text.trim());
          expect(text.length).toBeGreaterThan(0);
        }
      }
      // Every sentence of kept text is in some chunk: nothing is silently dropped.
      const covered = new Set(chunks.flatMap((chunk) => chunk.sentences.map((s) => s.start)));
      const kept = includedSections(article.text, article.excluded).flatMap((section) => splitSentences(article.text, section.start, section.end));
      for (const sentence of kept) expect(covered.has(sentence.start)).toBe(true);
    }
    expect(count).toBeGreaterThan(20);
  });

  it('splits sentences at real ends only, not after abbreviations', async () => {
    const { articles } = await loadCorpus(PROJECT_CORPUS);
    const byId = new Map(articles.map((article) => [article.id, article]));
    const patriot = byId.get('patriot-missiles-to-us')!;
    const sentences = chunkArticle(patriot).flatMap((chunk) => chunk.sentences.map((s) => patriot.text.slice(s.start, s.end)));
    expect(sentences).toContain('The sale of Patriot missiles could indirectly help the U.S. arm Ukraine against a Russian invasion.');
    expect(sentences).toContain('White House national security adviser Jake Sullivan said in a statement that the U.S. welcomed the decision to sell the Patriots.');
  });
});
